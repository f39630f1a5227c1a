"""Row 2 of docs/local-aws-differences.md: a new snapshot is pending, with a rising Progress, then completed."""

import time


def _state(lab, snapshot_id):
    snap = lab.ec2.describe_snapshots(SnapshotIds=[snapshot_id])["Snapshots"][0]
    return snap["State"], int(snap["Progress"].rstrip("%"))


def test_contract_gap02_snapshot_pending_then_completed_boto3_waiter(account, own_snapshot, monkeypatch):
    """AWS: "A new snapshot is `pending` with a `Progress` percentage, then `completed`"
    (docs/aws-behaviour.md, "Creating snapshots"); boto3's snapshot_completed waiter waits for it.

    Relies on labkit fix snapshots (lazy life cycle, LABKIT_SNAPSHOT_SECONDS).
    """
    lab = account
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", "1.2")
    started = time.monotonic()
    created = own_snapshot("ciclo de vida")
    assert created["State"] == "pending"
    first = _state(lab, created["SnapshotId"])
    time.sleep(0.3)
    second = _state(lab, created["SnapshotId"])
    assert first[0] == second[0] == "pending"
    assert 0 <= first[1] < second[1] < 100

    lab.ec2.get_waiter("snapshot_completed").wait(
        SnapshotIds=[created["SnapshotId"]], WaiterConfig={"Delay": 0.2, "MaxAttempts": 50}
    )
    assert time.monotonic() - started >= 1.2
    assert _state(lab, created["SnapshotId"]) == ("completed", 100)


def test_contract_gap02_cli_wait_snapshot_completed(account, own_snapshot, cli, fast_waiters, monkeypatch):
    """AWS: `aws ec2 wait snapshot-completed` polls until the snapshot is `completed`
    (docs/aws-behaviour.md: every 15 s, 40 times at most; here the waiter model polls every second).

    Relies on labkit fix snapshots (a snapshot that is really pending for a while).
    """
    lab = account
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", "2")
    started = time.monotonic()
    snapshot_id = own_snapshot("esperar")["SnapshotId"]
    assert _state(lab, snapshot_id)[0] == "pending"
    waited = cli(["aws", "ec2", "wait", "snapshot-completed", "--snapshot-ids", snapshot_id],
                 extra_env={"AWS_DATA_PATH": fast_waiters})
    assert waited.returncode == 0, waited.stderr
    assert time.monotonic() - started >= 2  # it returned only once the snapshot was done
    assert _state(lab, snapshot_id) == ("completed", 100)
