"""A rehearsal account: the local AWS playing a *real* account, to run the kit in real mode
(``mode="aws"``) with no AWS account and no network.

What makes it a real account rather than a classroom:

- snapshots stay ``pending`` for a while (``snapshot_seconds``; minutes on AWS, scaled down here);
- thousands of public AMIs of other owners (``describe-images`` without ``--owners`` is huge);
- resources the kit did not create: a colleague's untagged volume, snapshot and AMI
  (:func:`add_colleague`), which must be left exactly as they were;
- the identity cannot touch Amazon's AMIs (the local AWS refuses, as AWS does);
- a witness: every request is recorded, and every *destructive* request (delete, deregister,
  terminate, modify, tag…) whose target does not carry the kit's tag ``labkit:owner=labkit`` at
  that moment is noted. :attr:`Rehearsal.untouchable_hits` lists those on resources that were
  already there when the witness started (:meth:`Rehearsal.clear`): a colleague's, Amazon's —
  on a real account nothing may ever change them. :attr:`Rehearsal.own_untagged_hits` lists
  those on untagged resources created since, by the same run (a student's verbatim command
  deleting the snapshot it made a few cells above).

Used by tests (tests/test_rehearsal.py) and by hand::

    from labkit.local_aws import rehearsal
    r = rehearsal.start()
    os.environ.update(r.pace())  # slow snapshots
    env = r.env()      # LABKIT_MODE=aws, AWS_ENDPOINT_URL=…: a kernel or `aws` started with it is
                       # in real mode against the rehearsal account
"""

import copy
import io
import os
import re
import threading
import urllib.parse
from dataclasses import dataclass, field

from .. import safety
from .server import ACCOUNT_ID, IDENTITY_ARN

DEFAULT_REGION = "eu-west-1"  # not the kit's default region: a lesson that assumes us-east-1 shows it
DEFAULT_PUBLIC_IMAGES = 3000
DEFAULT_SNAPSHOT_SECONDS = 2.0  # minutes on AWS; longer than any fixed wait (lessons have none)
FAKE_KEY = "AKIAREHEARSAL0000000"

# Action -> the request parameters that name the resources it changes (".N" lists included).
DESTRUCTIVE = {
    "DeleteSnapshot": ("SnapshotId",), "ModifySnapshotAttribute": ("SnapshotId",),
    "ResetSnapshotAttribute": ("SnapshotId",), "LockSnapshot": ("SnapshotId",),
    "ModifySnapshotTier": ("SnapshotId",), "EnableFastSnapshotRestores": ("SourceSnapshotId",),
    "DeregisterImage": ("ImageId",), "ModifyImageAttribute": ("ImageId",), "ResetImageAttribute": ("ImageId",),
    "EnableImageDeprecation": ("ImageId",), "DisableImageDeprecation": ("ImageId",),
    "EnableImageDeregistrationProtection": ("ImageId",), "DisableImageDeregistrationProtection": ("ImageId",),
    "CancelImageLaunchPermission": ("ImageId",), "EnableFastLaunch": ("ImageId",), "DisableFastLaunch": ("ImageId",),
    "EnableVolumeIO": ("VolumeId",), "CreateReplaceRootVolumeTask": ("InstanceId",),
    "DeleteVolume": ("VolumeId",), "DetachVolume": ("VolumeId",), "ModifyVolume": ("VolumeId",),
    "ModifyVolumeAttribute": ("VolumeId",), "AttachVolume": ("VolumeId", "InstanceId"),
    "TerminateInstances": ("InstanceId",), "StopInstances": ("InstanceId",), "RebootInstances": ("InstanceId",),
    "ModifyInstanceAttribute": ("InstanceId",), "CreateImage": (),  # reboots: checked below
    "CreateTags": ("ResourceId",), "DeleteTags": ("ResourceId",),
    "DeleteVpc": ("VpcId",), "DeleteSubnet": ("SubnetId",), "DeleteInternetGateway": ("InternetGatewayId",),
    "DetachInternetGateway": ("InternetGatewayId",), "DeleteRouteTable": ("RouteTableId",),
    "DeleteSecurityGroup": ("GroupId",),
}
_REGION_IN_AUTH = re.compile(r"Credential=[^/]+/\d{8}/([a-z0-9-]+)/")


@dataclass
class Request:
    action: str
    params: dict
    region: str
    untagged: list  # ids this request changes that did not carry the kit's tag


@dataclass
class Rehearsal:
    """A running rehearsal account (see the module docstring)."""

    local: object
    region: str
    snapshot_seconds: float
    requests: list = field(default_factory=list)
    existing: set = field(default_factory=set)  # resource ids there when the witness (re)started
    colleague: dict = field(default_factory=dict)  # kind -> id of the colleague's resources
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def endpoint(self):
        return self.local.endpoint

    def env(self, base=None):
        """The environment of a kernel or a terminal in real mode against this account."""
        env = dict(os.environ if base is None else base)
        for key in ("LABKIT_ENDPOINT", "AWS_PROFILE", "AWS_SESSION_TOKEN", "LABKIT_PORT"):
            env.pop(key, None)
        env.update({
            "LABKIT_MODE": "aws", "AWS_ENDPOINT_URL": self.endpoint,
            "AWS_ACCESS_KEY_ID": FAKE_KEY, "AWS_SECRET_ACCESS_KEY": "rehearsal",
            "AWS_DEFAULT_REGION": self.region, "AWS_REGION": self.region,
            "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "AWS_EC2_METADATA_DISABLED": "true",
        })
        return env

    def pace(self):
        """The environment that makes this process's local AWS keep snapshots pending this long."""
        return {"LABKIT_SNAPSHOT_SECONDS": str(self.snapshot_seconds)}

    def lab(self):
        """A labkit Lab in mode 'aws' on this account (what ``labkit.start(mode='aws')`` gives)."""
        import boto3

        from ..lab import Lab

        session = boto3.Session(aws_access_key_id=FAKE_KEY, aws_secret_access_key="rehearsal",
                                region_name=self.region)
        return Lab("aws", self.region, ACCOUNT_ID, IDENTITY_ARN, self.endpoint, session)

    @property
    def untouchable_hits(self):
        """Destructive requests on untagged resources that were there before, as (action, id) pairs."""
        with self._lock:
            return [(r.action, rid) for r in self.requests for rid in r.untagged if rid in self.existing]

    @property
    def own_untagged_hits(self):
        """Destructive requests on untagged resources created since the witness started."""
        with self._lock:
            return [(r.action, rid) for r in self.requests for rid in r.untagged if rid not in self.existing]

    @property
    def image_dumps(self):
        """DescribeImages requests with no owner, id, user or filter: every public AMI of the region."""
        bounded = ("Owner.", "ImageId.", "ExecutableBy.", "Filter.")
        with self._lock:
            return [r.params for r in self.requests if r.action == "DescribeImages"
                    and not any(k.startswith(bounded) for k in r.params)]

    def actions(self):
        """Every action requested so far, in order."""
        with self._lock:
            return [r.action for r in self.requests]

    def clear(self):
        """Forget the requests so far; what exists now is what was already there."""
        existing = _resource_ids(self.region)
        with self._lock:
            self.requests.clear()
            self.existing = existing

    def stop(self):
        self.local.stop()

    # --- the witness ---------------------------------------------------------------------

    def _middleware(self, app):
        def wsgi(environ, start_response):
            if environ.get("REQUEST_METHOD") == "POST":
                length = int(environ.get("CONTENT_LENGTH") or 0)
                body = environ["wsgi.input"].read(length) if length else b""
                environ["wsgi.input"] = io.BytesIO(body)
                self._witness(environ, body)
            return app(environ, start_response)

        return wsgi

    def _witness(self, environ, body):
        try:
            params = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode("utf-8", "replace")).items()}
        except ValueError:
            return
        action = params.get("Action")
        if not action:
            return
        found = _REGION_IN_AUTH.search(environ.get("HTTP_AUTHORIZATION", ""))
        region = found.group(1) if found else self.region
        untagged = []
        names = DESTRUCTIVE.get(action)
        if action == "CreateImage" and params.get("NoReboot", "false").lower() != "true":
            names = ("InstanceId",)  # CreateImage without NoReboot reboots the instance
        if names:
            ids = [v for k, v in params.items() if any(k == n or k.startswith(n + ".") for n in names)]
            untagged = [rid for rid in ids if not _kit_tagged(region, rid)]
        with self._lock:
            self.requests.append(Request(action, params, region, untagged))


def _kit_tagged(region, resource_id):
    from moto.ec2.models import ec2_backends

    tags = ec2_backends[ACCOUNT_ID][region].tags.get(resource_id, {})
    return tags.get(safety.OWNER_KEY) == safety.OWNER_VALUE


def _resource_ids(region):
    from moto.ec2.models import ec2_backends

    backend = ec2_backends[ACCOUNT_ID][region]
    ids = set(backend.amis) | set(backend.snapshots) | set(backend.volumes) | set(backend.vpcs) | set(backend.subnets)
    ids |= {i.id for r in backend.reservations.values() for i in r.instances}
    ids |= set(backend.internet_gateways) | set(backend.route_tables)
    return ids


def start(region=DEFAULT_REGION, public_images=DEFAULT_PUBLIC_IMAGES, snapshot_seconds=DEFAULT_SNAPSHOT_SECONDS):
    """Start a rehearsal account on a free port of 127.0.0.1 (in this process).

    The local AWS reads LABKIT_SNAPSHOT_SECONDS process-wide when each snapshot is created: set
    it to ``snapshot_seconds`` (``os.environ.update(r.pace())``) while you rehearse; ``start``
    leaves the environment alone.
    """
    from . import server

    local = server.start(0)
    rehearsal = Rehearsal(local, region, snapshot_seconds)
    local._server.app = rehearsal._middleware(local._server.app)
    _add_public_images(region, public_images)
    rehearsal.clear()
    return rehearsal


def _add_public_images(region, count):
    """``count`` public AMIs of other owners (copies of a catalogue image with new ids and names)."""
    from moto.ec2.models import ec2_backends
    from moto.ec2.utils import random_ami_id

    backend = ec2_backends[ACCOUNT_ID][region]
    template = next(a for a in backend.amis.values() if a.owner_alias == "amazon")
    for n in range(count):
        ami = copy.copy(template)
        ami.__dict__ = dict(template.__dict__)
        ami.id = random_ami_id()
        ami.owner_id = f"{200000000000 + n % 97:012d}"
        ami.owner_alias = None if n % 3 else "aws-marketplace"
        ami.name = f"community-image-{n:05d}"
        ami.description = f"Imagen pública {n}"
        backend.amis[ami.id] = ami


def add_colleague(lab):
    """A colleague's resources in the same account, created without the kit's tag: a volume,
    a snapshot of it and an AMI on that snapshot (each with a Name tag only). Returns their ids."""
    ec2 = lab.ec2
    zone = f"{lab.region}a"
    name = [{"Key": "Name", "Value": "producción (de un colega)"}]
    volume = ec2.create_volume(AvailabilityZone=zone, Size=4, VolumeType="gp3",
                               TagSpecifications=[{"ResourceType": "volume", "Tags": name}])["VolumeId"]
    snapshot = ec2.create_snapshot(VolumeId=volume, Description="respaldo de producción",
                                   TagSpecifications=[{"ResourceType": "snapshot", "Tags": name}])["SnapshotId"]
    image = ec2.register_image(
        Name="produccion-colega", RootDeviceName="/dev/xvda", Architecture="x86_64", VirtualizationType="hvm",
        BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snapshot}}],
        TagSpecifications=[{"ResourceType": "image", "Tags": name}])["ImageId"]
    return {"volume": volume, "snapshot": snapshot, "image": image}


def describe_colleague(lab, ids):
    """What the colleague's resources look like now (compare before and after a run)."""
    ec2 = lab.ec2

    def clean(items, drop=("Progress", "State")):
        return [{k: v for k, v in item.items() if k not in drop} for item in items]

    return {
        "volume": clean(ec2.describe_volumes(VolumeIds=[ids["volume"]])["Volumes"]),
        "snapshot": clean(ec2.describe_snapshots(SnapshotIds=[ids["snapshot"]])["Snapshots"]),
        "snapshot_sharing": ec2.describe_snapshot_attribute(
            SnapshotId=ids["snapshot"], Attribute="createVolumePermission")["CreateVolumePermissions"],
        "image": clean(ec2.describe_images(ImageIds=[ids["image"]])["Images"]),
    }
