"""Row 13 of docs/local-aws-differences.md: the snapshot archive tier, as AWS documents it
(docs/aws-behaviour.md, "Archive tier, Recycle Bin, fast snapshot restore, lock").

moto 5.2.5 archives any snapshot at once (even a pending one), restores anything, and lists
other accounts' snapshots in the tier status. Relies on labkit fix archive (and volumes: an
archived snapshot cannot make a volume).
"""


def _snapshot(lab):
    volume = lab.ec2.create_volume(Size=8, AvailabilityZone=f"{lab.region}a")["VolumeId"]
    return lab.ec2.create_snapshot(VolumeId=volume)["SnapshotId"]


def _tier(lab, snapshot_id):
    return lab.ec2.describe_snapshot_tier_status(
        Filters=[{"Name": "snapshot-id", "Values": [snapshot_id]}])["SnapshotTierStatuses"][0]


def _described(lab, snapshot_id):
    return lab.ec2.describe_snapshots(SnapshotIds=[snapshot_id])["Snapshots"][0]


def test_contract_gap13_archival_is_in_progress_then_archive(account, monkeypatch):
    """AWS: archiving takes time (archival-in-progress, StorageTier still standard), then the snapshot
    is in the archive tier (archival-completed, 100 %, ArchivalCompleteTime)."""
    snapshot_id, other = _snapshot(account), _snapshot(account)
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", "3600")
    answer = account.ec2.modify_snapshot_tier(SnapshotId=snapshot_id, StorageTier="archive")
    assert answer["SnapshotId"] == snapshot_id and "TieringStartTime" in answer
    status = _tier(account, snapshot_id)
    assert status["LastTieringOperationStatus"] == "archival-in-progress"
    assert status["StorageTier"] == "standard" and "ArchivalCompleteTime" not in status
    assert _described(account, snapshot_id)["StorageTier"] == "standard"

    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", "0")
    account.ec2.modify_snapshot_tier(SnapshotId=other, StorageTier="archive")
    status = _tier(account, other)
    assert (status["LastTieringOperationStatus"], status["LastTieringProgress"], status["StorageTier"]) == (
        "archival-completed", 100, "archive")
    assert "ArchivalCompleteTime" in status
    assert _described(account, other)["StorageTier"] == "archive"
    listed = account.ec2.describe_snapshots(Filters=[{"Name": "storage-tier", "Values": ["archive"]}])["Snapshots"]
    assert [s["SnapshotId"] for s in listed] == [other]


def test_contract_gap13_a_pending_snapshot_cannot_be_archived(account, monkeypatch, aws_error):
    """AWS: only completed snapshots can be archived (IncorrectState); nothing changes."""
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", "3600")
    snapshot_id = _snapshot(account)
    code, _, status = aws_error(account.ec2.modify_snapshot_tier, SnapshotId=snapshot_id, StorageTier="archive")
    assert (code, status) == ("IncorrectState", 400)
    assert _described(account, snapshot_id)["StorageTier"] == "standard"


def test_contract_gap13_an_archived_snapshot_must_be_restored_before_use(account, aws_error):
    """AWS: an archived snapshot cannot be used (no volume from it) until it is restored."""
    snapshot_id = _snapshot(account)
    account.ec2.modify_snapshot_tier(SnapshotId=snapshot_id, StorageTier="archive")
    code, _, _ = aws_error(account.ec2.create_volume, SnapshotId=snapshot_id, AvailabilityZone=f"{account.region}a")
    assert code == "IncorrectState"
    account.ec2.restore_snapshot_tier(SnapshotId=snapshot_id, PermanentRestore=True)
    assert _described(account, snapshot_id)["StorageTier"] == "standard"
    assert account.ec2.create_volume(SnapshotId=snapshot_id, AvailabilityZone=f"{account.region}a")["VolumeId"]


def test_contract_gap13_restore_temporary_then_change_it(account, aws_error):
    """AWS: a temporary restore has a RestoreExpiryTime (default 1 day, 1-180); restoring an already
    restored snapshot changes its period or makes it permanent; a standard snapshot has nothing to restore."""
    snapshot_id = _snapshot(account)
    code, _, _ = aws_error(account.ec2.restore_snapshot_tier, SnapshotId=snapshot_id, PermanentRestore=True)
    assert code == "IncorrectState"
    account.ec2.modify_snapshot_tier(SnapshotId=snapshot_id, StorageTier="archive")
    code, _, _ = aws_error(account.ec2.restore_snapshot_tier, SnapshotId=snapshot_id, TemporaryRestoreDays=181)
    assert code == "InvalidParameterValue"
    answer = account.ec2.restore_snapshot_tier(SnapshotId=snapshot_id, TemporaryRestoreDays=5)
    assert (answer["RestoreDuration"], answer["IsPermanentRestore"]) == (5, False)
    first = _described(account, snapshot_id)
    assert first["StorageTier"] == "standard" and "RestoreExpiryTime" in first
    assert _tier(account, snapshot_id)["LastTieringOperationStatus"] == "temporary-restore-completed"
    answer = account.ec2.restore_snapshot_tier(SnapshotId=snapshot_id, TemporaryRestoreDays=10)
    assert answer["RestoreDuration"] == 10
    later = _described(account, snapshot_id)["RestoreExpiryTime"]
    assert (later - first["RestoreExpiryTime"]).days == 5
    answer = account.ec2.restore_snapshot_tier(SnapshotId=snapshot_id, PermanentRestore=True)
    assert answer["IsPermanentRestore"] is True
    final = _described(account, snapshot_id)
    assert final["StorageTier"] == "standard" and "RestoreExpiryTime" not in final
    assert _tier(account, snapshot_id)["LastTieringOperationStatus"] == "permanent-restore-completed"


def test_contract_gap13_archiving_stops_sharing(account):
    """AWS: snapshot sharing is turned off when a snapshot is archived."""
    snapshot_id = _snapshot(account)
    account.ec2.modify_snapshot_attribute(SnapshotId=snapshot_id, Attribute="createVolumePermission",
                                          OperationType="add", UserIds=["111122223333"])
    account.ec2.modify_snapshot_tier(SnapshotId=snapshot_id, StorageTier="archive")
    permissions = account.ec2.describe_snapshot_attribute(
        SnapshotId=snapshot_id, Attribute="createVolumePermission")["CreateVolumePermissions"]
    assert permissions == []


def test_contract_gap13_cli_archives_in_the_background(account, cli, monkeypatch):
    """The documented CLI command starts the archival; a student then reads archival-in-progress and
    StorageTier standard until it ends (hours on AWS, LABKIT_SNAPSHOT_SECONDS here)."""
    snapshot_id = _snapshot(account)
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", "3600")
    cli(f"aws ec2 modify-snapshot-tier --snapshot-id {snapshot_id} --storage-tier archive")
    out = cli(["aws", "ec2", "describe-snapshot-tier-status", "--filters", f"Name=snapshot-id,Values={snapshot_id}",
               "--query", "SnapshotTierStatuses[0].[StorageTier,LastTieringOperationStatus]", "--output", "text"])
    assert out.stdout.split() == ["standard", "archival-in-progress"]
