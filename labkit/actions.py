"""Plain functions behind the console widgets: create and delete snapshots and AMIs.

Each one checks its input first (a Spanish ``LabkitError``, nothing created), tags what it
creates as the kit's (``safety.tag_spec``) and, before deleting anything, asks
``safety.require_owned`` (on real AWS the kit only deletes what it created). AWS errors come
back as Spanish ``LabkitError`` (``messages.explain``).

Used by 02_demo16_crear_snapshot.ipynb, 05_demo17_crear_ami.ipynb and 06_faq_y_limpieza.ipynb
(directly, and through the widgets of ``labkit.console``).
"""

import re
import time
from dataclasses import dataclass, field

from . import aws_ids, messages, rules, safety
from .local_aws.settings import snapshot_seconds as _snapshot_seconds

DESCRIPTION_MAX = 255  # CreateSnapshot / RegisterImage / CreateImage: "up to 255 characters"
ARCHITECTURES = ("x86_64", "arm64", "i386")
VIRTUALIZATION_TYPES = ("hvm", "paravirtual")
ROOT_DEVICE_NAMES = ("/dev/xvda", "/dev/sda1")
_ROOT_DEVICE = re.compile(r"^/dev/(xvd[a-z]{1,2}|sd[a-z]{1,2}[0-9]{0,2}|nvme[0-9]+n[0-9]+)$")

# prefix -> (what the student picks, article); the id's shape and Malformed code are in aws_ids
_KINDS = {"vol": ("volumen", "un"), "i": ("instancia", "una"), "snap": ("`snapshot`", "un"), "ami": ("`AMI`", "una")}


# --- input checks ---------------------------------------------------------------------------

def check_id(value, prefix):
    """The id, stripped, or a Spanish LabkitError when empty or not shaped like ``prefix-<hex>``."""
    (thing, article), malformed = _KINDS[prefix], aws_ids.MALFORMED[prefix]
    if value is None or (isinstance(value, str) and not value.strip()):
        raise messages.error(messages.NOTHING_SELECTED, code="LabkitNothingSelected", thing=thing, article=article)
    if not isinstance(value, str) or not aws_ids.well_formed(prefix, value.strip()):
        raise messages.LabkitError(*messages.AWS_ERRORS[malformed], code=malformed)
    return value.strip()


def check_description(description):
    """The description ('' when None), or a Spanish LabkitError when it is not text or too long."""
    if description is None:
        return ""
    if not isinstance(description, str):
        raise messages.error(messages.DESCRIPTION_NOT_TEXT, code="LabkitDescription", kind=type(description).__name__)
    if len(description) > DESCRIPTION_MAX:
        raise messages.error(messages.DESCRIPTION_TOO_LONG, code="LabkitDescription",
                             length=len(description), limit=DESCRIPTION_MAX)
    return description


def check_ami_name(name):
    """The AMI name if AWS would accept it (3-128 characters of AWS's allowed set)."""
    if not isinstance(name, str) or not name.strip():
        raise messages.error(messages.AMI_NAME_EMPTY, code="InvalidAMIName.Malformed")
    if not rules.AMI_NAME_MIN <= len(name) <= rules.AMI_NAME_MAX:
        raise messages.error(messages.AMI_NAME_LENGTH, code="InvalidAMIName.Malformed", length=len(name))
    bad = rules.ami_name_bad_chars(name)
    if bad:
        raise messages.error(messages.AMI_NAME_CHARS, code="InvalidAMIName.Malformed",
                             chars=" ".join(repr(ch) for ch in bad))
    return name


def _check_choice(field, value, options):
    if value not in options:
        raise messages.error(messages.BAD_CHOICE, code="LabkitChoice", field=field, value=value,
                             options=", ".join(options))
    return value


def check_root_device(value):
    """A device name such as /dev/xvda or /dev/sda1."""
    if not isinstance(value, str) or not _ROOT_DEVICE.fullmatch(value.strip()):
        raise messages.error(messages.ROOT_DEVICE_BAD, code="LabkitRootDevice", value=value)
    return value.strip()


def check_unique_ami_name(lab, name):
    """Refuse a name already used by one of the account's own AMIs (AWS: InvalidAMIName.Duplicate).

    Checked by the kit before creating, so the refusal does not depend on the mock.
    """
    images = _aws(lab.ec2.describe_images, Owners=["self"], Filters=[{"Name": "name", "Values": [name]}])["Images"]
    for image in images:
        if image.get("Name") == name and image.get("State") != "deregistered":
            raise messages.error(messages.AMI_NAME_DUPLICATE, code="InvalidAMIName.Duplicate",
                                 name=name, image_id=image["ImageId"])


def _check_bool(option, value):
    if not isinstance(value, bool):
        raise messages.error(messages.OPTION_NOT_BOOL, code="LabkitChoice", option=option, value=value)
    return value


_aws = messages.call_aws  # AWS's errors come back as Spanish LabkitError


# --- snapshots ------------------------------------------------------------------------------

def create_snapshot(lab, volume_id, description=""):
    """Console: Snapshots > Create snapshot > Resource type `Volume` (API CreateSnapshot).

    Returns the new snapshot id. Used by 02_demo16_crear_snapshot.ipynb.
    """
    volume_id = check_id(volume_id, "vol")
    description = check_description(description)
    kwargs = {"Description": description} if description else {}
    snap = _aws(lab.ec2.create_snapshot, VolumeId=volume_id, TagSpecifications=[safety.tag_spec("snapshot")],
                **kwargs)
    return snap["SnapshotId"]


def create_snapshots(lab, instance_id, description="", exclude_boot=False):
    """Console: Create snapshot > Resource type `Instance` (API CreateSnapshots): one snapshot of
    each volume attached to the instance, all from the same instant; ``exclude_boot`` leaves the
    root volume out. Returns the new snapshot ids. Used by 02_demo16_crear_snapshot.ipynb.
    """
    instance_id = check_id(instance_id, "i")
    description = check_description(description)
    _check_bool("exclude_boot", exclude_boot)
    kwargs = {"Description": description} if description else {}
    answer = _aws(
        lab.ec2.create_snapshots,
        InstanceSpecification={"InstanceId": instance_id, "ExcludeBootVolume": exclude_boot},
        TagSpecifications=[safety.tag_spec("snapshot")],
        **kwargs,
    )
    return [snap["SnapshotId"] for snap in answer["Snapshots"]]


def delete_snapshot(lab, snapshot_id):
    """Console: Snapshots > Actions > Delete snapshot. AWS refuses (InvalidSnapshot.InUse) while a
    registered AMI uses it. Used by 06_faq_y_limpieza.ipynb.
    """
    snapshot_id = check_id(snapshot_id, "snap")
    safety.require_owned(lab, snapshot_id)
    _aws(lab.ec2.delete_snapshot, SnapshotId=snapshot_id)
    return snapshot_id


def progress_of(snapshots):
    """Mean Progress (0-100) of the given snapshot descriptions; a completed one counts 100."""
    if not snapshots:
        return 0
    total = 0
    for snap in snapshots:
        if snap.get("State") == "completed":
            total += 100
            continue
        try:
            total += int(float(str(snap.get("Progress") or "0").rstrip("%")))
        except ValueError:
            pass
    return total // len(snapshots)


REAL_WAIT_SECONDS = 1800.0  # an encrypted full copy of a large volume can take many minutes on AWS
REAL_POLL_MAX = 15.0  # as `aws ec2 wait snapshot-completed` polls


def wait_timeout(lab):
    """How long ``wait_snapshot`` waits by default, in seconds."""
    return 10.0 + 2 * _snapshot_seconds() if lab.is_mock else REAL_WAIT_SECONDS


def poll_intervals(lab):
    """Seconds between polls: 0.1 s on the local AWS; on real AWS 0.5 s, then doubling up to
    15 s (short snapshots answer fast, long ones are not asked every second)."""
    if lab.is_mock:
        while True:
            yield 0.1
    interval = 0.5
    while True:
        yield interval
        interval = min(interval * 2, REAL_POLL_MAX)


def wait_snapshot(lab, ids, on_progress=None, interval=None, timeout=None):
    """Poll until the snapshots leave `pending` (or ``timeout`` seconds pass); return their
    descriptions (check each ``State``: one may still be `pending` after the timeout).

    ``on_progress(snapshots)`` is called after every poll. The defaults: every 0.1 s for up to
    10 s plus twice LABKIT_SNAPSHOT_SECONDS on the local AWS; on real AWS ``poll_intervals`` for
    up to 30 min (a snapshot takes minutes there). ``interval`` fixes the pause between polls.
    Used by ``labkit.waits``, 03_almacenamiento_incremental.ipynb and the console's progress bar.
    """
    ids = [ids] if isinstance(ids, str) else list(ids or ())
    if not ids:
        raise messages.error(messages.NOTHING_SELECTED, code="LabkitNothingSelected", thing="`snapshot`", article="un")
    ids = [check_id(i, "snap") for i in ids]
    pauses = poll_intervals(lab) if interval is None else iter(lambda: interval, None)
    if timeout is None:
        timeout = wait_timeout(lab)
    deadline = time.monotonic() + timeout
    while True:
        snaps = _aws(lab.ec2.describe_snapshots, SnapshotIds=ids)["Snapshots"]
        if on_progress is not None:
            on_progress(snaps)
        left = deadline - time.monotonic()
        if all(s["State"] != "pending" for s in snaps) or left <= 0:
            return snaps
        time.sleep(min(next(pauses), left))


# --- AMIs -----------------------------------------------------------------------------------

def create_image_from_snapshot(lab, snapshot_id, name, description="", root_device_name="/dev/xvda",
                               architecture="x86_64", virtualization_type="hvm"):
    """Console: Snapshots > Actions > Create image from snapshot (API RegisterImage with the
    snapshot as root volume). Returns the new AMI id. Used by 05_demo17_crear_ami.ipynb.
    """
    snapshot_id = check_id(snapshot_id, "snap")
    name = check_ami_name(name)
    description = check_description(description)
    root_device_name = check_root_device(root_device_name)
    _check_choice("Architecture", architecture, ARCHITECTURES)
    _check_choice("Virtualization type", virtualization_type, VIRTUALIZATION_TYPES)
    # AWS rejects an unknown snapshot; asking first also works on a mock that would accept it.
    _aws(lab.ec2.describe_snapshots, SnapshotIds=[snapshot_id])
    check_unique_ami_name(lab, name)
    kwargs = {"Description": description} if description else {}
    if virtualization_type == "hvm":
        kwargs["EnaSupport"] = True
    image_id = _aws(
        lab.ec2.register_image,
        Name=name,
        RootDeviceName=root_device_name,
        BlockDeviceMappings=[{"DeviceName": root_device_name,
                              "Ebs": {"SnapshotId": snapshot_id, "DeleteOnTermination": True}}],
        Architecture=architecture,
        VirtualizationType=virtualization_type,
        TagSpecifications=[safety.tag_spec("image")],
        **kwargs,
    )["ImageId"]
    return image_id


def create_image_from_instance(lab, instance_id, name, description="", no_reboot=False):
    """Console: Instances > Actions > Image and templates > Create image (API CreateImage).

    Without ``no_reboot`` AWS reboots the instance to copy its disks consistently; with it the
    copy is only crash-consistent. Returns the new AMI id. Behind the console's Create image (lesson 05).
    """
    instance_id = check_id(instance_id, "i")
    name = check_ami_name(name)
    description = check_description(description)
    if not isinstance(no_reboot, bool):
        raise messages.error(messages.NO_REBOOT_NOT_BOOL, code="LabkitChoice", value=no_reboot)
    check_unique_ami_name(lab, name)
    kwargs = {"Description": description} if description else {}
    # The AMI and the snapshots AWS makes for it are tagged in the same request, on both AWSs.
    specs = [safety.tag_spec("image"), safety.tag_spec("snapshot")]
    return _aws(lab.ec2.create_image, InstanceId=instance_id, Name=name, NoReboot=no_reboot,
                TagSpecifications=specs, **kwargs)["ImageId"]


def image_snapshots(lab, image_id):
    """Ids of the EBS snapshots an AMI refers to (its block device mappings)."""
    return _snapshots_of(_aws(lab.ec2.describe_images, ImageIds=[image_id])["Images"])


def _snapshots_of(images):
    return [m["Ebs"]["SnapshotId"] for img in images for m in img.get("BlockDeviceMappings", [])
            if m.get("Ebs", {}).get("SnapshotId")]


@dataclass(frozen=True)
class Deregistered:
    """What ``deregister_image`` did: the AMI is deregistered; ``deleted`` are the snapshots
    deleted with it; ``kept`` maps each snapshot AWS refused to delete to the other AMI that
    still uses it (AWS: InvalidSnapshot.InUse)."""

    image_id: str
    deleted: list = field(default_factory=list)
    kept: dict = field(default_factory=dict)

    @property
    def notes(self):
        """One Spanish sentence per snapshot kept (what happened and what to do)."""
        return [messages.error(messages.DEREGISTERED_SNAPSHOT_KEPT, image_id=self.image_id,
                               snapshot_id=snap, other_id=other) for snap, other in self.kept.items()]


def deregister_image(lab, image_id, delete_snapshots=False):
    """Console: AMIs > Actions > Deregister AMI. Deregistering does not delete the AMI's
    snapshots; ``delete_snapshots=True`` deletes them right after (the console's "Delete
    associated snapshots"). A snapshot another AMI still uses is kept (AWS refuses with
    InvalidSnapshot.InUse) and reported, not raised: the AMI *is* deregistered by then.
    Returns a ``Deregistered``. Used by 06_faq_y_limpieza.ipynb and the console.
    """
    image_id = check_id(image_id, "ami")
    safety.require_owned(lab, image_id)
    images = _aws(lab.ec2.describe_images, ImageIds=[image_id])["Images"]
    if images and images[0].get("OwnerId") not in (None, lab.account_id):  # Amazon's, a vendor's: AWS says AuthFailure
        raise messages.error(messages.NOT_YOUR_IMAGE, code="AuthFailure", image_id=image_id)
    snapshot_ids = _snapshots_of(images) if delete_snapshots else []
    for snapshot_id in snapshot_ids:  # refuse before changing anything
        safety.require_owned(lab, snapshot_id)
    _aws(lab.ec2.deregister_image, ImageId=image_id)
    deleted, kept = [], {}
    for snapshot_id in snapshot_ids:
        try:
            _aws(lab.ec2.delete_snapshot, SnapshotId=snapshot_id)
            deleted.append(snapshot_id)
        except messages.LabkitError as exc:
            if exc.code != "InvalidSnapshot.InUse":
                raise
            other = re.search(r"ami-[0-9a-f]+", exc.what)
            kept[snapshot_id] = other.group(0) if other else "otra `AMI`"
    return Deregistered(image_id, deleted, kept)
