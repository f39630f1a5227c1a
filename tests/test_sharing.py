"""Encrypted copies and sharing (07_cifrado_y_compartir)."""

import pytest

import labkit
from labkit import sharing


@pytest.fixture
def data_snapshot(lab):
    vol = lab.ec2.describe_volumes(Filters=[{"Name": "attachment.device", "Values": ["/dev/sdf"]}])["Volumes"][0]
    snap = lab.ec2.create_snapshot(VolumeId=vol["VolumeId"], Description="datos")["SnapshotId"]
    lab.ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[snap], WaiterConfig={"Delay": 1})
    return snap


def test_share_with_another_account(lab, data_snapshot):
    assert sharing.share_snapshot(lab, data_snapshot, "111122223333") == ["111122223333"]


@pytest.mark.parametrize("bad", ["1234", "11112222333a", 111122223333, ""])
def test_malformed_account_is_refused_and_nothing_changes(lab, data_snapshot, bad):
    with pytest.raises(labkit.LabkitError, match="12 dígitos"):
        sharing.share_snapshot(lab, data_snapshot, bad)
    assert sharing.shared_with(lab, data_snapshot) == []


def test_aws_managed_key_copy_cannot_be_shared(lab, data_snapshot):
    """AWS: snapshots encrypted with the AWS-managed key cannot be shared (docs/aws-behaviour.md,
    "Encryption and sharing"). Relies on the local AWS fidelity fix for docs/local-aws-differences.md rows 8 and 12."""
    copy = sharing.encrypted_copy(lab, data_snapshot, "copia cifrada")
    assert lab.ec2.describe_snapshots(SnapshotIds=[copy])["Snapshots"][0]["Encrypted"] is True
    with pytest.raises(labkit.LabkitError, match="AWS no permite esa operación") as info:
        sharing.share_snapshot(lab, copy, "111122223333")
    assert "alias/aws/ebs" in info.value.todo
    # AWS's English message is quoted as AWS's, not mixed into the Spanish sentence.
    assert "(mensaje de AWS: «" in info.value.what and info.value.what.endswith("»).")
    assert sharing.shared_with(lab, copy) == []
