"""Row 13 of docs/local-aws-differences.md: snapshot lock, as AWS documents it (docs/aws-behaviour.md,
"Archive tier, Recycle Bin, fast snapshot restore, lock"). moto 5.2.5 has no LockSnapshot (HTTP 500).

Relies on labkit fixes snapshot_lock (the API) and snapshots (a locked snapshot cannot be deleted).
"""


def _snapshot(lab):
    volume = lab.ec2.create_volume(Size=8, AvailabilityZone=f"{lab.region}a")["VolumeId"]
    return lab.ec2.create_snapshot(VolumeId=volume)["SnapshotId"]


def test_contract_gap13_a_locked_snapshot_cannot_be_deleted(account, aws_error):
    """AWS: a snapshot locked in governance mode can't be deleted until it is unlocked."""
    snapshot_id = _snapshot(account)
    answer = account.ec2.lock_snapshot(SnapshotId=snapshot_id, LockMode="governance", LockDuration=365)
    assert (answer["LockState"], answer["LockDuration"]) == ("governance", 365)
    assert (answer["LockExpiresOn"] - answer["LockCreatedOn"]).days == 365
    code, message, status = aws_error(account.ec2.delete_snapshot, SnapshotId=snapshot_id)
    assert (code, status) == ("SnapshotLocked", 400) and snapshot_id in message
    assert account.ec2.describe_snapshots(SnapshotIds=[snapshot_id])["Snapshots"]  # still there
    account.ec2.unlock_snapshot(SnapshotId=snapshot_id)
    assert account.ec2.describe_locked_snapshots(SnapshotIds=[snapshot_id])["Snapshots"] == []
    account.ec2.delete_snapshot(SnapshotId=snapshot_id)
    assert account.ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"] == []


def test_contract_gap13_compliance_lock_cools_off(account, aws_error):
    """AWS: compliance mode with a cooling-off period is compliance-cooloff (it can still be unlocked);
    the cooling-off period is 1-72 hours and only for compliance mode; one of duration or date."""
    snapshot_id = _snapshot(account)
    answer = account.ec2.lock_snapshot(SnapshotId=snapshot_id, LockMode="compliance", CoolOffPeriod=24,
                                       LockDuration=365)
    assert (answer["LockState"], answer["CoolOffPeriod"]) == ("compliance-cooloff", 24)
    assert (answer["CoolOffPeriodExpiresOn"] - answer["LockCreatedOn"]).total_seconds() == 24 * 3600
    listed = account.ec2.describe_locked_snapshots(
        Filters=[{"Name": "lock-state", "Values": ["compliance-cooloff"]}])["Snapshots"]
    assert [s["SnapshotId"] for s in listed] == [snapshot_id] and listed[0]["OwnerId"] == account.account_id
    assert aws_error(account.ec2.delete_snapshot, SnapshotId=snapshot_id)[0] == "SnapshotLocked"
    assert account.ec2.unlock_snapshot(SnapshotId=snapshot_id)["SnapshotId"] == snapshot_id
    other = _snapshot(account)
    assert aws_error(account.ec2.lock_snapshot, SnapshotId=other, LockMode="compliance", CoolOffPeriod=73,
                     LockDuration=1)[0] == "InvalidParameterValue"
    assert aws_error(account.ec2.lock_snapshot, SnapshotId=other, LockMode="governance", CoolOffPeriod=1,
                     LockDuration=1)[0] == "InvalidParameterCombination"
    assert aws_error(account.ec2.lock_snapshot, SnapshotId=other, LockMode="governance")[0] == \
        "InvalidParameterCombination"
    assert account.ec2.describe_locked_snapshots(SnapshotIds=[other])["Snapshots"] == []


def test_contract_gap13_compliance_lock_without_cool_off_cannot_be_unlocked(account, aws_error):
    """AWS: after the cooling-off period (none here) a compliance lock can't be removed, only extended."""
    snapshot_id = _snapshot(account)
    assert account.ec2.lock_snapshot(SnapshotId=snapshot_id, LockMode="compliance", LockDuration=2)[
        "LockState"] == "compliance"
    assert aws_error(account.ec2.unlock_snapshot, SnapshotId=snapshot_id)[0] == "IncorrectState"
    assert aws_error(account.ec2.lock_snapshot, SnapshotId=snapshot_id, LockMode="compliance",
                     LockDuration=1)[0] == "IncorrectState"
    assert account.ec2.lock_snapshot(SnapshotId=snapshot_id, LockMode="compliance", LockDuration=30)[
        "LockDuration"] == 30


def test_contract_gap13_a_pending_snapshot_lock_starts_on_completion(account, monkeypatch):
    """AWS: a snapshot locked while pending has no LockExpiresOn / LockDurationStartTime yet."""
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", "3600")
    snapshot_id = _snapshot(account)
    answer = account.ec2.lock_snapshot(SnapshotId=snapshot_id, LockMode="governance", LockDuration=7)
    assert answer["LockState"] == "governance"
    assert "LockExpiresOn" not in answer and "LockDurationStartTime" not in answer


def test_contract_gap13_cli_lock_then_delete(account, cli):
    """The documented CLI commands: lock-snapshot, then delete-snapshot fails and prints the error."""
    snapshot_id = _snapshot(account)
    cli(f"aws ec2 lock-snapshot --snapshot-id {snapshot_id} --lock-mode governance --lock-duration 365")
    out = cli(f"aws ec2 delete-snapshot --snapshot-id {snapshot_id}", check=False)
    assert out.returncode != 0 and "(SnapshotLocked)" in out.stderr
