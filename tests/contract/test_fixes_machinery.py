"""The fixes themselves: applied once, idempotent, pinned to moto's version, survive a reset.

Skipped when LABKIT_PLAIN_MOTO=1 (then there are no fixes to check).
"""

import time

import pytest

from labkit.local_aws import fixes, server
from labkit.local_aws.fixes import _util

pytestmark = pytest.mark.skipif(server.plain_moto(), reason="LABKIT_PLAIN_MOTO=1: fixes not applied")


def test_fixes_apply_once_and_are_idempotent(account):
    from moto.ec2.models.elastic_block_store import EBSBackend

    from labkit.local_aws.fixes import snapshots

    assert fixes.applied()
    fixes.apply_all()
    _util.patch(EBSBackend, "create_snapshot", lambda *a, **k: None)  # a second patch is a no-op
    assert EBSBackend.create_snapshot is snapshots._create_snapshot
    assert _util.original(EBSBackend, "create_snapshot").__module__.startswith("moto.")


def test_fixes_refuse_another_moto_version(monkeypatch):
    import moto

    monkeypatch.setattr(moto, "__version__", "5.2.6")
    with pytest.raises(RuntimeError, match="5.2.5"):
        fixes.check_moto_version()


def test_fixes_survive_reset(account, own_snapshot):
    from labkit import local_aws

    own_snapshot()
    local_aws.reset(account.endpoint)
    assert account.ec2.describe_snapshots()["Snapshots"] == []  # catalogue snapshots stay hidden
    assert own_snapshot()["VolumeSize"] == 8


@pytest.mark.parametrize("raw, expected", [("", 0.5), ("abc", 0.5), ("-3", 0.0), ("2.5", 2.5), ("nan", 0.5)])
def test_snapshot_seconds_setting(monkeypatch, raw, expected):
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", raw)
    assert _util.snapshot_seconds() == expected


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
    code, _, status = aws_error(lab.ec2.deregister_image, ImageId=image_id)
    assert (code, status) == ("UnauthorizedOperation", 400)
    assert scenario.base_image_id(lab) == image_id
