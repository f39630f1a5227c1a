"""Row 13 of docs/local-aws-differences.md: what the emulated snapshot features remember (archive tier,
lock, fast restores, block public access, Recycle Bin rules and contents) is kept on moto's objects,
so the kit's persistence (labkit/local_aws/persistence.py: a pickle of moto's backends) saves it
and reads it back.

Relies on labkit fixes archive, snapshot_lock, fast_restore, snapshot_public_access, rbin_rules,
recycle_bin (state on moto's Snapshot objects and EC2 backends).
"""

from labkit import local_aws
from labkit.local_aws import persistence


def test_contract_gap13_state_survives_save_and_restore(account):
    ec2, rbin = account.ec2, account.client("rbin")
    volume = ec2.create_volume(Size=8, AvailabilityZone=f"{account.region}a")["VolumeId"]
    archived, locked, binned = (ec2.create_snapshot(VolumeId=volume)["SnapshotId"] for _ in range(3))
    ec2.modify_snapshot_tier(SnapshotId=archived, StorageTier="archive")
    ec2.lock_snapshot(SnapshotId=locked, LockMode="governance", LockDuration=30)
    ec2.enable_fast_snapshot_restores(AvailabilityZones=[f"{account.region}a"], SourceSnapshotIds=[locked])
    ec2.enable_snapshot_block_public_access(State="block-new-sharing")
    rule = rbin.create_rule(ResourceType="EBS_SNAPSHOT", RetentionPeriod={"RetentionPeriodValue": 3,
                                                                          "RetentionPeriodUnit": "DAYS"})
    ec2.delete_snapshot(SnapshotId=binned)

    saved = persistence.dump()
    local_aws.reset(account.endpoint)
    assert ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"] == []
    persistence.load(saved)

    assert ec2.describe_snapshots(SnapshotIds=[archived])["Snapshots"][0]["StorageTier"] == "archive"
    assert ec2.describe_locked_snapshots(SnapshotIds=[locked])["Snapshots"][0]["LockState"] == "governance"
    assert ec2.describe_fast_snapshot_restores()["FastSnapshotRestores"][0]["SnapshotId"] == locked
    assert ec2.get_snapshot_block_public_access_state()["State"] == "block-new-sharing"
    assert rbin.get_rule(Identifier=rule["Identifier"])["Status"] == "available"
    assert [s["SnapshotId"] for s in ec2.list_snapshots_in_recycle_bin()["Snapshots"]] == [binned]
