"""Encrypted copies and sharing of snapshots, with AWS's rules checked before asking AWS.

Used by 07_cifrado_y_compartir.ipynb.
"""

import re

from . import messages, safety

ACCOUNT_ID = re.compile(r"^\d{12}$")
AWS_MANAGED_EBS_ALIAS = "alias/aws/ebs"


def encrypted_copy(lab, snapshot_id, description, kms_key_id=None):
    """``copy-snapshot --encrypted``: a full, encrypted copy (AWS-managed key unless one is given)."""
    kwargs = {"KmsKeyId": kms_key_id} if kms_key_id else {}
    copy = lab.ec2.copy_snapshot(
        SourceSnapshotId=snapshot_id, SourceRegion=lab.region, Encrypted=True, Description=description,
        TagSpecifications=[safety.tag_spec("snapshot")], **kwargs,
    )
    return copy["SnapshotId"]


def uses_aws_managed_key(lab, snapshot):
    """True when ``snapshot`` (a describe_snapshots dict) is encrypted with the key alias/aws/ebs."""
    if not snapshot.get("Encrypted"):
        return False
    key = snapshot.get("KmsKeyId", "")
    if not key or key.endswith(AWS_MANAGED_EBS_ALIAS):
        return True
    try:
        meta = lab.client("kms").describe_key(KeyId=key)["KeyMetadata"]
    except Exception:  # the key is not visible here: AWS will decide
        return False
    return meta.get("KeyManager") == "AWS"


def share_snapshot(lab, snapshot_id, account_id):
    """Let ``account_id`` create volumes from ``snapshot_id`` (``modify-snapshot-attribute``).

    Refuses, in Spanish and without calling AWS, what AWS refuses: a malformed account id, or a
    snapshot encrypted with the AWS-managed key (``alias/aws/ebs``), which no other account can read.
    """
    if not isinstance(account_id, str) or not ACCOUNT_ID.match(account_id):
        raise messages.error(messages.BAD_ACCOUNT_ID, code="LabkitAccountId", account=account_id)
    try:
        snapshot = lab.ec2.describe_snapshots(SnapshotIds=[snapshot_id])["Snapshots"][0]
    except Exception as exc:
        raise (messages.explain(exc) or exc) from None
    if uses_aws_managed_key(lab, snapshot):
        raise messages.error(messages.SHARE_AWS_MANAGED_KEY, code="LabkitShareManagedKey", snapshot=snapshot_id)
    safety.require_owned(lab, snapshot_id)
    lab.ec2.modify_snapshot_attribute(
        SnapshotId=snapshot_id, Attribute="createVolumePermission", OperationType="add", UserIds=[account_id],
    )
    return shared_with(lab, snapshot_id)


def shared_with(lab, snapshot_id):
    """Account ids (and 'all' for public) that may create volumes from ``snapshot_id``."""
    attr = lab.ec2.describe_snapshot_attribute(SnapshotId=snapshot_id, Attribute="createVolumePermission")
    return sorted(p.get("UserId") or p.get("Group") for p in attr.get("CreateVolumePermissions", []))
