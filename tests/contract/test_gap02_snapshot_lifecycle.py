"""Row 2 of docs/local-aws-differences.md: a new snapshot is pending, with a rising Progress, then completed.

Each test asks for the pending time it needs (LABKIT_SNAPSHOT_SECONDS, read when a snapshot is
created): long enough that no machine is too slow to see `pending`; no result depends on speed.
"""

import json
import re
import time
from pathlib import Path

import awscli
import pytest

# Long enough that every read below happens while the snapshot is still pending, on any machine.
LONG_PENDING = "60"


def _state(lab, snapshot_id):
    snap = lab.ec2.describe_snapshots(SnapshotIds=[snapshot_id])["Snapshots"][0]
    return snap["State"], int(snap["Progress"].rstrip("%"))


def documented_answer(example):
    """The (State, Progress) pairs in the first output of the AWS CLI's own documented example
    ``awscli/examples/ec2/<example>.rst`` (shipped with the installed awscli)."""
    text = (Path(awscli.__file__).parent / "examples" / "ec2" / f"{example}.rst").read_text(encoding="utf-8")
    first_output = text.split("Output::", 1)[1].split("**Example", 1)[0]
    states = re.findall(r'"State": "([^"]*)"', first_output)
    progress = re.findall(r'"Progress": "([^"]*)"', first_output)
    assert states and len(states) == len(progress), f"unexpected layout of {example}.rst"
    return set(zip(states, progress))


@pytest.mark.parametrize("seconds", ["0", LONG_PENDING])
def test_contract_gap02_create_answers_as_the_documented_cli_examples(account, cli, launch, monkeypatch, seconds):
    """AWS: `create-snapshot` and `create-snapshots` answer `"State": "pending"`, `"Progress": ""`
    (the AWS CLI's documented examples; docs/aws-behaviour.md, "What AWS answers"), whatever the
    snapshot does next. The answer never depends on how fast the machine is.

    Relies on labkit fix snapshots (the create answers).
    """
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", seconds)
    instance_id = launch(data_volume=True)
    volume_id = account.ec2.describe_volumes(
        Filters=[{"Name": "attachment.instance-id", "Values": [instance_id]}])["Volumes"][0]["VolumeId"]
    one = json.loads(cli(["aws", "ec2", "create-snapshot", "--volume-id", volume_id]).stdout)
    many = json.loads(cli(["aws", "ec2", "create-snapshots", "--instance-specification",
                           f"InstanceId={instance_id}"]).stdout)["Snapshots"]
    assert {(one["State"], one["Progress"])} == documented_answer("create-snapshot") == {("pending", "")}
    assert {(s["State"], s["Progress"]) for s in many} == documented_answer("create-snapshots")
    assert len(many) == 2


def test_contract_gap02_pending_snapshot_progress_rises(account, own_snapshot, monkeypatch):
    """AWS: "A new snapshot is `pending` with a `Progress` percentage" that rises until it is
    `completed` (docs/aws-behaviour.md, "Creating snapshots"; EC2 API Snapshot.progress: "The
    progress of the snapshot, as a percentage").

    Relies on labkit fix snapshots (lazy life cycle, LABKIT_SNAPSHOT_SECONDS).
    """
    lab = account
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", LONG_PENDING)
    snapshot_id = own_snapshot("ciclo de vida")["SnapshotId"]
    first = _state(lab, snapshot_id)
    assert first[0] == "pending"
    later = first
    while later == first:  # Progress rises 1% every 0.6 s; pytest-timeout bounds this loop
        time.sleep(0.1)
        later = _state(lab, snapshot_id)
    assert first[0] == later[0] == "pending"
    assert 0 <= first[1] < later[1] < 100


def test_contract_gap02_snapshot_pending_then_completed_boto3_waiter(account, own_snapshot, monkeypatch):
    """AWS: a new snapshot is `pending`, then `completed` with `Progress` 100%; boto3's
    snapshot_completed waiter waits for it (docs/aws-behaviour.md, "Creating snapshots").

    Relies on labkit fix snapshots (lazy life cycle, LABKIT_SNAPSHOT_SECONDS).
    """
    lab = account
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", "1")
    created = own_snapshot("ciclo de vida")
    assert created["State"] == "pending"
    lab.ec2.get_waiter("snapshot_completed").wait(
        SnapshotIds=[created["SnapshotId"]], WaiterConfig={"Delay": 0.2, "MaxAttempts": 300}
    )
    assert _state(lab, created["SnapshotId"]) == ("completed", 100)


def test_contract_gap02_cli_wait_snapshot_completed(account, own_snapshot, cli, fast_waiters, monkeypatch):
    """AWS: `aws ec2 wait snapshot-completed` polls until the snapshot is `completed`
    (docs/aws-behaviour.md: every 15 s, 40 times at most; here the waiter model polls every second).

    Relies on labkit fix snapshots (a snapshot that is really pending for a while).
    """
    lab = account
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", "1")
    created = own_snapshot("esperar")
    assert created["State"] == "pending"
    waited = cli(["aws", "ec2", "wait", "snapshot-completed", "--snapshot-ids", created["SnapshotId"]],
                 extra_env={"AWS_DATA_PATH": fast_waiters})
    assert waited.returncode == 0, waited.stderr
    assert _state(lab, created["SnapshotId"]) == ("completed", 100)


def test_contract_gap02_a_saved_pending_snapshot_ends_after_a_restart(account, own_snapshot, monkeypatch):
    """AWS: a snapshot goes on from `pending` to `completed` whatever happens to the student's
    server. The kit's saved account (labkit/local_aws/persistence.py) may be read back after the
    machine rebooted or on another node: the pending time is kept on the wall clock, so an hour
    later the snapshot is `completed` (a boot-relative clock would keep it pending for hours).

    Relies on labkit fix snapshots (lazy life cycle on state.now) and the kit's persistence.
    """
    from labkit import local_aws
    from labkit.local_aws import persistence
    from labkit.local_aws.fixes import state

    lab = account
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", "3600")
    snapshot_id = own_snapshot("antes de reiniciar")["SnapshotId"]
    saved = persistence.dump()
    local_aws.reset(lab.endpoint)
    persistence.load(saved)
    assert _state(lab, snapshot_id)[0] == "pending"

    an_hour_later = state.now() + 3601
    monkeypatch.setattr(state, "now", lambda: an_hour_later)
    assert _state(lab, snapshot_id) == ("completed", 100)
