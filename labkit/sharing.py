"""Encrypted copies and sharing of snapshots, with AWS's rules checked before asking AWS.

Used by 07_cifrado_y_compartir.ipynb.
"""

import re

from . import messages, safety

ACCOUNT_ID = re.compile(r"^\d{12}$")


def encrypted_copy(lab, snapshot_id, description, kms_key_id=None):
    """``copy-snapshot --encrypted``: a full, encrypted copy (AWS-managed key unless one is given)."""
    kwargs = {"KmsKeyId": kms_key_id} if kms_key_id else {}
    copy = messages.call_aws(
        lab.ec2.copy_snapshot, SourceSnapshotId=snapshot_id, SourceRegion=lab.region, Encrypted=True,
        Description=description, TagSpecifications=[safety.tag_spec("snapshot")], **kwargs,
    )
    return copy["SnapshotId"]


def share_snapshot(lab, snapshot_id, account_id):
    """Let ``account_id`` create volumes from ``snapshot_id`` (``modify-snapshot-attribute``).

    A malformed account id is refused before asking AWS. AWS itself refuses a snapshot encrypted
    with the AWS-managed key (``alias/aws/ebs``, ``OperationNotPermitted``): no other account can
    use that key. AWS errors come back as Spanish LabkitError.
    """
    if not isinstance(account_id, str) or not ACCOUNT_ID.match(account_id):
        raise messages.error(messages.BAD_ACCOUNT_ID, code="LabkitAccountId", account=account_id)
    safety.require_owned(lab, snapshot_id)
    messages.call_aws(lab.ec2.modify_snapshot_attribute, SnapshotId=snapshot_id, Attribute="createVolumePermission",
                      OperationType="add", UserIds=[account_id])
    return shared_with(lab, snapshot_id)


def shared_with(lab, snapshot_id):
    """Account ids (and 'all' for public) that may create volumes from ``snapshot_id``."""
    attr = messages.call_aws(lab.ec2.describe_snapshot_attribute, SnapshotId=snapshot_id,
                             Attribute="createVolumePermission")
    return sorted(p.get("UserId") or p.get("Group") for p in attr.get("CreateVolumePermissions", []))
