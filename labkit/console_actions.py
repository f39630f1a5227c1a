"""Plain functions behind the console procedures the lessons describe without replaying them:
Deregister AMI with "Delete associated snapshots" (and its partial outcome), Copy snapshot (with
encryption), Modify permissions (share a snapshot with an account) and Create volume from a
snapshot.

Same contract as ``labkit.actions``: each checks its input first (a Spanish ``LabkitError``,
nothing changed), tags what it creates as the kit's and, on real AWS, deletes or changes only
what the kit created. The widgets of ``labkit.console.procedures`` are thin skins over them.
AWS facts: docs/aws-behaviour.md ("AMIs", "Encryption and sharing", "Volumes from snapshots, copies and
sharing in the console").
"""

import re
from dataclasses import dataclass

from botocore.exceptions import ClientError

from . import actions, messages, safety, sharing

# Volume types a student can pick without provisioning IOPS, with their size limits in GiB
# (EBS user guide, "Amazon EBS volume types"): io1/io2 also need an IOPS figure, left out.
VOLUME_SIZES = {"gp3": (1, 16384), "gp2": (1, 16384), "st1": (125, 16384), "sc1": (125, 16384),
                "standard": (1, 1024)}
VOLUME_TYPES = tuple(VOLUME_SIZES)
DEFAULT_KMS_KEY = "alias/aws/ebs"
_KMS_KEY = re.compile(r"^(alias/[A-Za-z0-9/_-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
                      r"|mrk-[0-9a-f]{32}|arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)/\S+)$")


def _aws(call, **kwargs):
    try:
        return call(**kwargs)
    except ClientError as exc:
        raise messages.explain(exc) from None


def _snapshot(lab, snapshot_id):
    return _aws(lab.ec2.describe_snapshots, SnapshotIds=[snapshot_id])["Snapshots"][0]


# --- Deregister AMI -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Deregistered:
    """What Deregister AMI did: the AMI is gone; ``deleted`` snapshots too; ``kept`` holds
    (snapshot id, Spanish reason) for each associated snapshot AWS refused to delete."""

    image_id: str
    deleted: tuple = ()
    kept: tuple = ()

    @property
    def partial(self):
        return bool(self.kept)


def _used_by(lab, snapshot_id):
    """Ids of the account's registered AMIs that use ``snapshot_id``."""
    images = _aws(lab.ec2.describe_images, Owners=["self"])["Images"]
    return sorted(i["ImageId"] for i in images if i.get("State") != "deregistered" and any(
        m.get("Ebs", {}).get("SnapshotId") == snapshot_id for m in i.get("BlockDeviceMappings", [])))


def deregister_image(lab, image_id, delete_snapshots=False):
    """Console: AMIs > Actions > Deregister AMI, optionally with "Delete associated snapshots".

    The AMI is deregistered first; then each of its snapshots is deleted. AWS refuses to delete a
    snapshot that another registered AMI still uses (``InvalidSnapshot.InUse``): that snapshot is
    kept and reported in ``Deregistered.kept`` with the AMI that uses it; the rest goes on.
    """
    image_id = actions.check_id(image_id, "ami")
    if not isinstance(delete_snapshots, bool):
        raise messages.error(messages.BAD_CHOICE, code="LabkitChoice", field="Delete associated snapshots",
                             value=delete_snapshots, options="True, False")
    safety.require_owned(lab, image_id)
    snapshot_ids = actions.image_snapshots(lab, image_id) if delete_snapshots else []
    for snapshot_id in snapshot_ids:  # refuse before changing anything
        safety.require_owned(lab, snapshot_id)
    _aws(lab.ec2.deregister_image, ImageId=image_id)
    deleted, kept = [], []
    for snapshot_id in snapshot_ids:
        try:
            lab.ec2.delete_snapshot(SnapshotId=snapshot_id)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "InvalidSnapshot.InUse":
                users = ", ".join(_used_by(lab, snapshot_id)) or "otra `AMI`"
                kept.append((snapshot_id, messages.SNAPSHOT_KEPT_IN_USE.format(images=users)))
            else:
                kept.append((snapshot_id, messages.explain(exc).what))
        else:
            deleted.append(snapshot_id)
    return Deregistered(image_id, tuple(deleted), tuple(kept))


# --- Copy snapshot --------------------------------------------------------------------------------

def default_copy_description(lab, snapshot_id):
    """The description the kit proposes for a copy (the student can change it)."""
    return f"[Copied {snapshot_id} from {lab.region}]"


def check_kms_key(kms_key_id, encrypted):
    """The KMS key (None for the default), refused when not shaped like a key id, alias or ARN,
    or when given without encryption (AWS: KmsKeyId requires Encrypted)."""
    if kms_key_id is None or (isinstance(kms_key_id, str) and not kms_key_id.strip()):
        return None
    if not isinstance(kms_key_id, str) or not _KMS_KEY.match(kms_key_id.strip()):
        raise messages.error(messages.KMS_KEY_BAD, code="LabkitKmsKey", value=kms_key_id)
    if not encrypted:
        raise messages.error(messages.KMS_NEEDS_ENCRYPTED, code="InvalidParameterDependency")
    return kms_key_id.strip()


def copy_snapshot(lab, snapshot_id, description=None, encrypted=False, kms_key_id=None):
    """Console: Snapshots > Actions > Copy snapshot (API CopySnapshot, same region).

    A copy of an encrypted snapshot is always encrypted; ``encrypted=True`` encrypts the copy of
    an unencrypted one (with ``alias/aws/ebs`` unless ``kms_key_id`` names another key).
    Returns the new snapshot id.
    """
    snapshot_id = actions.check_id(snapshot_id, "snap")
    if description is None:
        description = default_copy_description(lab, snapshot_id)
    description = actions.check_description(description)
    if not isinstance(encrypted, bool):
        raise messages.error(messages.BAD_CHOICE, code="LabkitChoice", field="Encryption", value=encrypted,
                             options="True, False")
    source = _snapshot(lab, snapshot_id)
    encrypted = encrypted or bool(source.get("Encrypted"))
    kms_key_id = check_kms_key(kms_key_id, encrypted)
    kwargs = {"Description": description} if description else {}
    if encrypted:
        kwargs["Encrypted"] = True
    if kms_key_id and kms_key_id != DEFAULT_KMS_KEY:
        kwargs["KmsKeyId"] = kms_key_id
    copy = _aws(lab.ec2.copy_snapshot, SourceSnapshotId=snapshot_id, SourceRegion=lab.region,
                TagSpecifications=[safety.tag_spec("snapshot")], **kwargs)
    return copy["SnapshotId"]


# --- Modify permissions -----------------------------------------------------------------------

def share_snapshot(lab, snapshot_id, account_id):
    """Console: Snapshots > Actions > Snapshot settings > Modify permissions > Add account.

    Returns the accounts the snapshot is shared with. Refused: a malformed account id, an
    encrypted snapshot with the AWS-managed key (AWS: ``OperationNotPermitted``).
    """
    snapshot_id = actions.check_id(snapshot_id, "snap")
    account_id = account_id.strip() if isinstance(account_id, str) else account_id
    return sharing.share_snapshot(lab, snapshot_id, account_id)


def unshare_snapshot(lab, snapshot_id, account_id):
    """Modify permissions > Remove selected: the account can no longer create volumes from it."""
    snapshot_id = actions.check_id(snapshot_id, "snap")
    account_id = account_id.strip() if isinstance(account_id, str) else account_id
    if not isinstance(account_id, str) or not sharing.ACCOUNT_ID.match(account_id):
        raise messages.error(messages.BAD_ACCOUNT_ID, code="LabkitAccountId", account=account_id)
    safety.require_owned(lab, snapshot_id)
    _aws(lab.ec2.modify_snapshot_attribute, SnapshotId=snapshot_id, Attribute="createVolumePermission",
         OperationType="remove", UserIds=[account_id])
    return sharing.shared_with(lab, snapshot_id)


# --- Create volume from snapshot ------------------------------------------------------------------

def availability_zones(lab):
    """Names of the region's available zones."""
    zones = _aws(lab.ec2.describe_availability_zones)["AvailabilityZones"]
    return sorted(z["ZoneName"] for z in zones if z.get("State", "available") == "available")


def create_volume_from_snapshot(lab, snapshot_id, availability_zone, size_gib=None, volume_type="gp3",
                                encrypted=False, name=""):
    """Console: Snapshots > Actions > Create volume from snapshot (API CreateVolume).

    ``size_gib`` defaults to the snapshot's volume size and may not be smaller; the zone must be
    one of the region's (the volume can only be attached to instances in that zone). A volume
    from an encrypted snapshot is encrypted. Returns the new volume id.
    """
    snapshot_id = actions.check_id(snapshot_id, "snap")
    if volume_type not in VOLUME_SIZES:
        raise messages.error(messages.BAD_CHOICE, code="LabkitChoice", field="Volume type", value=volume_type,
                             options=", ".join(VOLUME_TYPES))
    zones = availability_zones(lab)
    if availability_zone not in zones:
        raise messages.error(messages.ZONE_UNKNOWN, code="LabkitZone", zone=availability_zone, region=lab.region,
                             zones=", ".join(zones))
    if not isinstance(name, str) or len(name) > 256:
        raise messages.error(messages.VOLUME_NAME_BAD, code="LabkitName")
    source = _snapshot(lab, snapshot_id)
    minimum = int(source["VolumeSize"])
    size = minimum if size_gib is None or size_gib == "" else size_gib
    if isinstance(size, str) and size.strip().isdigit():
        size = int(size.strip())
    if isinstance(size, bool) or not isinstance(size, int):
        raise messages.error(messages.VOLUME_SIZE_BAD, code="LabkitVolumeSize", value=size_gib)
    low, high = VOLUME_SIZES[volume_type]
    if size < minimum:
        raise messages.error(messages.VOLUME_SMALLER_THAN_SNAPSHOT, code="InvalidParameterValue", size=size,
                             snapshot_id=snapshot_id, minimum=minimum)
    if not low <= size <= high:
        raise messages.error(messages.VOLUME_SIZE_RANGE, code="InvalidParameterValue", volume_type=volume_type,
                             low=low, high=high, size=size)
    kwargs = {"Encrypted": True} if encrypted and not source.get("Encrypted") else {}
    volume = _aws(lab.ec2.create_volume, SnapshotId=snapshot_id, AvailabilityZone=availability_zone, Size=size,
                  VolumeType=volume_type, TagSpecifications=[safety.tag_spec("volume", name.strip() or None)],
                  **kwargs)
    return volume["VolumeId"]
