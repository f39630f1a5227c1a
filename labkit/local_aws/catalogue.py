"""A small, realistic AMI catalogue for the local AWS (instead of moto's 1,301 images).

Amazon, Canonical, Microsoft-by-Amazon, one AWS Marketplace image and one community image
from another account, so that ``aws ec2 describe-images`` without ``--owners self`` shows
foreign images (the course page's warning) and with it only the student's own.
Used by ``labkit.local_aws.server``; the data lives in ``catalogue.json``. The Amazon Linux 2023
ids are made up: a real AMI id of another image would teach a student the wrong id.
"""

import json
from datetime import datetime
from importlib import resources


def load():
    """Return the catalogue as a list of dicts (fresh copies, safe to mutate)."""
    text = resources.files(__package__).joinpath("catalogue.json").read_text(encoding="utf-8")
    return json.loads(text)


def install(amis_module):
    """Make moto's AmiBackend load this catalogue instead of its default images."""
    from moto.ec2.models.amis import Ami

    def _load_amis(backend):
        for entry in load():
            entry = dict(entry)
            root_size = entry.pop("root_size")
            alias = entry.pop("owner_alias")
            entry["creation_date"] = datetime.fromisoformat(entry["creation_date"].replace("Z", "+00:00"))
            ami = Ami(backend, **entry)
            # moto forces the alias "amazon" on loaded images; keep the real one.
            ami.owner_alias = alias
            ami.labkit_root_size = root_size
            backend.amis[ami.id] = ami

    amis_module.AmiBackend._load_amis = _load_amis
