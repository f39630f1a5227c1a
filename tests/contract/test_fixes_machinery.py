"""The fixes themselves: applied once, idempotent, in a written order, pinned to moto's version,
survive a reset; their modules read one way (shared state in ``state``, no module imports another).

Skipped when LABKIT_PLAIN_MOTO=1 (then there are no fixes to check).
"""

import ast
import inspect
import pathlib
import re
import time

import pytest

from labkit.local_aws import fixes, server, settings
from labkit.local_aws.fixes import _util

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXES_DIR = ROOT / "labkit" / "local_aws" / "fixes"

pytestmark = pytest.mark.skipif(server.plain_moto(), reason="LABKIT_PLAIN_MOTO=1: fixes not applied")


def test_fixes_apply_once_and_are_idempotent(account):
    from moto.ec2.models.elastic_block_store import EBSBackend

    from labkit.local_aws.fixes import snapshots

    assert fixes.applied()
    fixes.apply_all()
    _util.patch(EBSBackend, "create_snapshot", lambda *a, **k: None)  # a second patch is a no-op
    assert EBSBackend.create_snapshot is snapshots._create_snapshot
    assert _util.original(EBSBackend, "create_snapshot").__module__.startswith("moto.")


def test_the_local_aws_refuses_another_moto_version(monkeypatch):
    """One version check, before anything reaches into moto (prepare_moto's second step)."""
    import moto

    monkeypatch.setattr(moto, "__version__", "5.2.6")
    monkeypatch.setattr(server, "_patched", False)
    with pytest.raises(RuntimeError, match="5.2.5"):
        server.prepare_moto()


def test_pins_match_pyproject():
    text = (ROOT / "pyproject.toml").read_text()
    assert re.search(rf'"moto\[server\]=={re.escape(settings.PINNED_MOTO)}"', text)
    assert re.search(rf'"botocore=={re.escape(settings.PINNED_BOTOCORE)}"', text)


def test_fixes_survive_reset(account, own_snapshot):
    from labkit import local_aws

    own_snapshot()
    local_aws.reset(account.endpoint)
    assert account.ec2.describe_snapshots()["Snapshots"] == []  # catalogue snapshots stay hidden
    assert own_snapshot()["VolumeSize"] == 8


@pytest.mark.parametrize("raw, expected", [("", 0.5), ("abc", 0.5), ("-3", 0.0), ("2.5", 2.5), ("nan", 0.5)])
def test_snapshot_seconds_setting(monkeypatch, raw, expected):
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", raw)
    assert settings.snapshot_seconds() == expected


@pytest.mark.parametrize("raw, seconds", [(None, 0.5), ("", 0.5), ("abc", 0.5), ("4", 4.0)])
def test_the_kits_wait_reads_the_same_snapshot_time(monkeypatch, raw, seconds):
    """labkit.actions waits for as long as the local AWS keeps a snapshot pending (one parse, one default)."""
    from labkit import actions

    class MockLab:
        is_mock = True

    if raw is None:
        monkeypatch.delenv("LABKIT_SNAPSHOT_SECONDS", raising=False)
    else:
        monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", raw)
    assert actions.wait_timeout(MockLab()) == 10.0 + 2 * seconds


def test_ami_is_pending_while_its_snapshots_are(account, own_snapshot, monkeypatch):
    """AWS: a new AMI is `pending` until the snapshots behind it are completed (image_available waiter)."""
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", "1.0")
    snap = own_snapshot("pendiente")["SnapshotId"]
    image_id = account.ec2.register_image(
        Name="ami-pendiente", RootDeviceName="/dev/xvda", Architecture="x86_64", VirtualizationType="hvm",
        BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snap}}])["ImageId"]
    assert account.ec2.describe_images(ImageIds=[image_id])["Images"][0]["State"] == "pending"
    time.sleep(1.05)
    assert account.ec2.describe_images(ImageIds=[image_id])["Images"][0]["State"] == "available"


def test_catalogue_amis_cannot_be_deregistered(account, aws_error):
    """AWS: only the owner deregisters an AMI; a student's `deregister-image` of Amazon's AMI fails
    (and the course's base image stays for the next exercise)."""
    lab = account
    from labkit import scenario

    image_id = scenario.base_image_id(lab)
    code, _, _ = aws_error(lab.ec2.deregister_image, ImageId=image_id)
    assert code == "AuthFailure"  # docs/aws-behaviour.md, "Limits AWS enforces"
    assert scenario.base_image_id(lab) == image_id


# --- how fixes/ is put together ---------------------------------------------------------------

def _imports(path, package):
    """Modules ``path`` imports anywhere (inside functions too), as dotted names."""
    here = package.split(".")
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(here[:len(here) - node.level + 1]) if node.level else ""
            module = ".".join(p for p in (base, node.module) if p)
            found.update(f"{module}.{alias.name}" for alias in node.names)  # a name or a submodule
    return found


def _fixes_graph():
    """{module name in fixes/: set of fixes/ modules it imports}."""
    names = {p.stem for p in FIXES_DIR.glob("*.py")}
    graph = {}
    for name in names:
        package = "labkit.local_aws.fixes"
        deps = {d.rsplit(".", 1)[-1] for d in _imports(FIXES_DIR / f"{name}.py", package)
                if d.startswith(package + ".")}
        graph[name] = deps & names - {name}
    return graph


def test_patch_modules_depend_on_state_and_util_only():
    """Shared state goes through fixes/state.py; no patch module imports another (even in a function)."""
    graph = _fixes_graph()
    assert set(graph) == set(fixes.PATCH_MODULES) | {"__init__", "_util", "state", "unsupported", "rbin_rules"}, \
        "a new module in fixes/: add it to PATCH_MODULES or to this list"
    for name in fixes.PATCH_MODULES + ("rbin_rules",):  # rbin_rules: a WSGI middleware on state's rules
        assert graph[name] <= {"_util", "state"}, (name, graph[name])
    assert graph["state"] == set() and graph["_util"] == set() and graph["unsupported"] == set()


def test_no_import_cycles_in_the_local_aws():
    """Among labkit.local_aws's modules, following every import (inside functions too)."""
    base = ROOT / "labkit" / "local_aws"
    modules = {}
    for path in base.rglob("*.py"):
        rel = path.relative_to(ROOT).with_suffix("").parts
        package = ".".join(rel[:-1]) if rel[-1] == "__init__" else ".".join(rel[:-1])
        name = ".".join(rel[:-1]) if rel[-1] == "__init__" else ".".join(rel)
        modules[name] = (path, package)

    def deps(name):
        path, package = modules[name]
        out = set()
        for dotted in _imports(path, package):
            while dotted and dotted not in modules:
                dotted = dotted.rpartition(".")[0]
            if dotted and dotted != name:
                out.add(dotted)
        return out

    graph = {name: deps(name) for name in modules}

    def reaches(start, target, seen):
        for nxt in graph[start]:
            if nxt == target:
                return True
            if nxt not in seen:
                seen.add(nxt)
                if reaches(nxt, target, seen):
                    return True
        return False

    assert [name for name in graph if reaches(name, name, set())] == []


def test_no_attribute_is_patched_by_two_modules(account):
    """So the patch modules' order does not matter (fixes.PATCH_MODULES writes it down)."""
    seen = {}
    for module in fixes.patch_modules():
        for owner, name, new in module.patches():
            key = (owner, name)
            assert key not in seen, f"{owner.__name__}.{name} patched by {seen[key]} and {module.__name__}"
            seen[key] = module.__name__
            assert key in _util._ORIGINALS  # applied
            current = owner.__dict__[name]
            if isinstance(new, property):
                assert current.fget is new.fget
            else:
                assert current is new
    assert len(seen) == len(_util._ORIGINALS)  # nothing patched outside patches()


def test_prepare_moto_runs_its_steps_in_the_written_order(account):
    """server.PREPARE_STEPS is the order of the calls in prepare_moto, and each step's reason holds."""
    from botocore.loaders import JSONFileLoader
    from moto.ec2.models import instance_types
    from moto.ec2.models.amis import AmiBackend

    from labkit.local_aws.lazy_offerings import LazyOfferings

    source = inspect.getsource(server.prepare_moto)
    calls = {"model_cache": "model_cache.install()", "moto_version": "settings.check_moto_version()",
             "lazy_offerings": "lazy_offerings.install()", "catalogue": "catalogue.install(",
             "fixes": "fixes.apply_all()"}
    positions = [source.index(calls[step]) for step in server.PREPARE_STEPS]
    assert positions == sorted(positions) and set(calls) == set(server.PREPARE_STEPS)
    assert JSONFileLoader.load_file.__module__ == "labkit.local_aws.model_cache"
    assert isinstance(instance_types.INSTANCE_TYPE_OFFERINGS["region"], LazyOfferings)
    # fixes.images wraps the catalogue's loader (the other way round the catalogue would win)
    assert _util.original(AmiBackend, "_load_amis").__module__ == "labkit.local_aws.catalogue"
    assert AmiBackend._load_amis.__module__ == "labkit.local_aws.fixes.images"
