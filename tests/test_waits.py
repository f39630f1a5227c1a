"""labkit.waits: the waits of the lessons' cells work on a real account (minutes, progress) and end
in Spanish — never botocore's English WaiterError — when time runs out or the student stops them."""

import pytest

import labkit
from labkit import actions, waits


class _Account:
    """A stand-in account in real mode whose snapshot and AMI stay `pending` (or end as asked)."""

    is_mock = False

    def __init__(self, state="pending", interrupt_after=None):
        self.ec2 = self
        self.state = state
        self.calls = 0
        self.interrupt_after = interrupt_after

    def _poll(self):
        self.calls += 1
        if self.interrupt_after is not None and self.calls > self.interrupt_after:
            raise KeyboardInterrupt

    def describe_snapshots(self, SnapshotIds):
        self._poll()
        return {"Snapshots": [{"SnapshotId": i, "State": self.state, "Progress": "40%"} for i in SnapshotIds]}

    def describe_images(self, ImageIds):
        self._poll()
        return {"Images": [{"ImageId": i, "State": self.state} for i in ImageIds]}


SNAP, AMI = "snap-0123456789abcdef0", "ami-0123456789abcdef0"


def test_real_accounts_wait_for_minutes_and_poll_less_and_less_often():
    real = _Account()
    assert actions.wait_timeout(real) >= 600
    pauses = actions.poll_intervals(real)
    first = [next(pauses) for _ in range(8)]
    assert first[0] <= 1 and first == sorted(first) and first[-1] == actions.REAL_POLL_MAX


@pytest.mark.parametrize("wait, arg", [(waits.snapshots, SNAP), (waits.image, AMI)])
def test_still_pending_after_the_timeout_is_spanish(wait, arg, capsys):
    with pytest.raises(labkit.LabkitError, match="sigue en `pending`") as info:
        wait(_Account(), arg, timeout=0.01)
    assert "vuelve a ejecutar esta celda" in info.value.todo.lower()
    assert "⚠️" in capsys.readouterr().out


@pytest.mark.parametrize("wait, arg, state", [(waits.snapshots, SNAP, "error"), (waits.image, AMI, "failed")])
def test_a_failed_resource_is_spanish(wait, arg, state):
    with pytest.raises(labkit.LabkitError, match="`error`|`failed`"):
        wait(_Account(state=state), arg, timeout=5)


@pytest.mark.parametrize("wait, arg", [(waits.snapshots, SNAP), (waits.image, AMI)])
def test_interrupting_the_wait_is_spanish(wait, arg):
    with pytest.raises(labkit.LabkitError, match="Interrumpiste la espera") as info:
        wait(_Account(interrupt_after=1), arg, timeout=60)
    assert info.value.code == "LabkitInterrupted"


def test_done_prints_one_final_line_outside_a_notebook(lab, capsys):
    vol = lab.ec2.describe_volumes()["Volumes"][0]["VolumeId"]
    snap = actions.create_snapshot(lab, vol, "espera")
    assert waits.snapshots(lab, snap) is None
    assert capsys.readouterr().out.strip() == f"✅ {snap}: completed"


def test_a_student_waiter_error_is_explained_in_spanish():
    from botocore.exceptions import WaiterError

    err = labkit.messages.explain(WaiterError(name="SnapshotCompleted", reason="Max attempts exceeded",
                                              last_response={}))
    assert "SnapshotCompleted" in err.what and "labkit.waits" in err.todo


# --- storage_tier: the archive tier's wait (lesson 08; docs/local-aws-differences.md row 13) ---------

class _TierAccount(_Account):
    def __init__(self, tier, operation, **kwargs):
        super().__init__(**kwargs)
        self.tier, self.operation = tier, operation

    def describe_snapshot_tier_status(self, Filters):
        self._poll()
        return {"SnapshotTierStatuses": [{"SnapshotId": Filters[0]["Values"][0], "StorageTier": self.tier,
                                          "LastTieringOperationStatus": self.operation}]}


def test_storage_tier_still_changing_after_the_timeout_is_spanish(capsys):
    with pytest.raises(labkit.LabkitError, match="sigue en `archival-in-progress`") as info:
        waits.storage_tier(_TierAccount("standard", "archival-in-progress"), SNAP, "archive", timeout=0.01)
    assert "vuelve a ejecutar esta celda" in info.value.todo.lower()
    assert "⚠️" in capsys.readouterr().out


def test_storage_tier_failed_operation_is_spanish():
    with pytest.raises(labkit.LabkitError, match="`archival-failed`"):
        waits.storage_tier(_TierAccount("standard", "archival-failed"), SNAP, "archive", timeout=5)


def test_storage_tier_wrong_tier_name_is_spanish_and_asks_nothing():
    account = _TierAccount("standard", "archival-in-progress")
    with pytest.raises(labkit.LabkitError, match="standard.*archive"):
        waits.storage_tier(account, SNAP, "archivo")
    assert account.calls == 0


def test_storage_tier_waits_for_the_archive(account, capsys, monkeypatch):
    vol = account.ec2.create_volume(Size=1, AvailabilityZone=f"{account.region}a")["VolumeId"]
    snap = actions.create_snapshot(account, vol, "espera")
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", "0.3")  # the archival takes 0.3 s: the wait polls
    account.ec2.modify_snapshot_tier(SnapshotId=snap, StorageTier="archive")
    assert waits.storage_tier(account, snap, "archive") is None
    assert capsys.readouterr().out.strip() == f"✅ {snap}: archive"
    assert account.ec2.describe_snapshots(SnapshotIds=[snap])["Snapshots"][0]["StorageTier"] == "archive"
