"""Waiting for AWS the way a real account needs it: minutes if need be, with progress, and a
Spanish message when the wait runs out or is interrupted (never botocore's English WaiterError).

``labkit.waits.snapshots(lab, ids)`` and ``labkit.waits.image(lab, image_id)`` are what the
lessons' cells use after creating a snapshot, a copy or an AMI (05, 06, 07, 08). In a notebook
the progress is one line that updates in place; only its final state stays in the output.
On the local AWS they poll every 0.1 s; on real AWS every 0.5 s at first, then up to every
15 s, for up to 30 min (``labkit.actions.poll_intervals``).
"""

import time

from . import actions, messages


def snapshots(lab, ids, timeout=None):
    """Wait until the snapshots are `completed` (returns nothing: a cell shows just the progress
    line; ``labkit.actions.wait_snapshot`` returns the descriptions).

    Raises a Spanish LabkitError if one ends in `error`, is still `pending` after ``timeout``
    seconds (default ``actions.wait_timeout(lab)``), or the wait is interrupted.
    """
    ids = [ids] if isinstance(ids, str) else list(ids or ())
    line = _Line()
    timeout = actions.wait_timeout(lab) if timeout is None else timeout

    def show(snaps):
        done = actions.progress_of(snaps)
        line.update(f"⏳ Esperando {_count(len(snaps))}: {done}% ({_elapsed(line)})")

    try:
        snaps = actions.wait_snapshot(lab, ids, on_progress=show, timeout=timeout)
    except KeyboardInterrupt:
        line.update("⏹ Espera interrumpida.")
        raise messages.error(messages.WAIT_INTERRUPTED, code="LabkitInterrupted", what=_count(len(ids))) from None
    _raise_unless_completed(snaps, timeout, line)
    line.update("✅ " + ", ".join(f"{s['SnapshotId']}: {s['State']}" for s in snaps))


def image(lab, image_id, timeout=None):
    """Wait until the AMI is `available` (its snapshots completed); returns nothing, like ``snapshots``."""
    image_id = actions.check_id(image_id, "ami")
    line = _Line()
    timeout = actions.wait_timeout(lab) if timeout is None else timeout

    def read():
        found = actions._aws(lab.ec2.describe_images, ImageIds=[image_id])["Images"]
        if not found:
            raise messages.LabkitError(*messages.AWS_ERRORS["InvalidAMIID.NotFound"], code="InvalidAMIID.NotFound")
        return found[0].get("State")

    state = _poll(lab, line, timeout, read, settled=lambda state: state != "pending",
                  waiting=lambda state: f"⏳ Esperando la `AMI` {image_id}: {state} ({_elapsed(line)})",
                  what=f"la `AMI` {image_id}")
    if state == "pending":
        line.update(f"⚠️ {image_id}: pending")
        raise messages.error(messages.IMAGE_STILL_PENDING, code="LabkitStillPending", image_id=image_id,
                             seconds=f"{timeout:.0f}")
    if state != "available":
        line.update(f"⚠️ {image_id}: {state}")
        raise messages.error(messages.IMAGE_FAILED, code="LabkitImageFailed", image_id=image_id, state=state)
    line.update(f"✅ {image_id}: available")


TIERS = ("standard", "archive")


def storage_tier(lab, snapshot_id, tier, timeout=None):
    """Wait until the snapshot is in the storage ``tier`` (``archive`` after ModifySnapshotTier,
    ``standard`` after RestoreSnapshotTier); returns nothing, like ``snapshots``. Used by 08_que_sigue.

    On AWS archiving takes hours and restoring up to 72 hours; on the local AWS,
    LABKIT_SNAPSHOT_SECONDS. Raises a Spanish LabkitError for an unknown tier (asking AWS nothing),
    a failed operation, ``timeout`` seconds without reaching the tier, or an interruption.
    """
    snapshot_id = actions.check_id(snapshot_id, "snap")
    if tier not in TIERS:
        raise messages.error(messages.TIER_UNKNOWN, code="LabkitTier", tier=tier)
    line = _Line()
    timeout = actions.wait_timeout(lab) if timeout is None else timeout

    def read():
        found = actions._aws(lab.ec2.describe_snapshot_tier_status,
                             Filters=[{"Name": "snapshot-id", "Values": [snapshot_id]}])["SnapshotTierStatuses"]
        if not found:
            raise messages.LabkitError(*messages.AWS_ERRORS["InvalidSnapshot.NotFound"],
                                       code="InvalidSnapshot.NotFound")
        return found[0].get("StorageTier"), found[0].get("LastTieringOperationStatus") or ""

    now, operation = _poll(
        lab, line, timeout, read, settled=lambda seen: seen[0] == tier or seen[1].endswith("-failed"),
        waiting=lambda seen: f"⏳ Esperando el nivel `{tier}` de {snapshot_id}: {seen[1]} ({_elapsed(line)})",
        what=f"el `snapshot` {snapshot_id}")
    if operation.endswith("-failed"):
        line.update(f"⚠️ {snapshot_id}: {operation}")
        raise messages.error(messages.TIER_FAILED, code="LabkitTierFailed", snapshot_id=snapshot_id, operation=operation)
    if now != tier:
        line.update(f"⚠️ {snapshot_id}: {operation}")
        raise messages.error(messages.TIER_STILL_CHANGING, code="LabkitStillPending", snapshot_id=snapshot_id,
                             operation=operation, seconds=f"{timeout:.0f}")
    line.update(f"✅ {snapshot_id}: {tier}")


def _poll(lab, line, timeout, read, settled, waiting, what):
    """``read()`` until ``settled(value)`` or ``timeout`` seconds pass (the last value is returned either
    way); ``waiting(value)`` is shown meanwhile; Ctrl+C (interrupt the kernel) raises a Spanish error
    naming ``what``."""
    deadline = time.monotonic() + timeout
    pauses = actions.poll_intervals(lab)
    try:
        while True:
            value = read()
            left = deadline - time.monotonic()
            if settled(value) or left <= 0:
                return value
            line.update(waiting(value))
            time.sleep(min(next(pauses), left))
    except KeyboardInterrupt:
        line.update("⏹ Espera interrumpida.")
        raise messages.error(messages.WAIT_INTERRUPTED, code="LabkitInterrupted", what=what) from None


def _raise_unless_completed(snaps, timeout, line):
    pending = [s["SnapshotId"] for s in snaps if s["State"] == "pending"]
    failed = [s["SnapshotId"] for s in snaps if s["State"] == "error"]
    if failed:
        line.update("⚠️ " + ", ".join(f"{i}: error" for i in failed))
        raise messages.error(messages.SNAPSHOT_FAILED, code="LabkitSnapshotFailed", ids=", ".join(failed))
    if pending:
        line.update("⚠️ " + ", ".join(f"{i}: pending" for i in pending))
        raise messages.error(messages.WAIT_SNAPSHOT_PENDING, code="LabkitStillPending", ids=", ".join(pending),
                             seconds=f"{timeout:.0f}")


def _count(n):
    return "1 `snapshot`" if n == 1 else f"{n} `snapshots`"


def _elapsed(line):
    return f"{time.monotonic() - line.started:.0f} s"


class _Line:
    """The wait's progress: in a notebook a small label that updates in place (comm messages, not
    outputs) and is hidden at the end; the final state is one printed line, so a stored notebook
    keeps only that. Outside a notebook only the final line is printed."""

    def __init__(self):
        self.started = time.monotonic()
        self.label = None
        try:
            get_ipython()  # noqa: F821 - defined only inside IPython
        except NameError:
            return
        import ipywidgets
        from IPython.display import display

        self.label = ipywidgets.Label(value="⏳ Esperando…")
        # A stored notebook keeps a static sentence, not the label's widget state (tools/nbbuild.py
        # drops the models of outputs with a text/html); the printed final line says how it ended.
        still = "⏳ Espera con progreso (se ve mientras la celda corre)."
        display({**self.label._repr_mimebundle_(), "text/plain": still,
                 "text/html": f"<span style='color:#5f6b7a;font-size:12px'>{still}</span>"}, raw=True)

    def update(self, text):
        if not text.startswith("⏳"):  # a final state
            if self.label is not None:
                self.label.layout.display = "none"
            print(text)
        elif self.label is not None:
            self.label.value = text
