"""Snapshot lock (docs/local-aws-differences.md row 13), as the EBS user guide documents it.

- ``LockSnapshot`` locks a ``pending`` or ``completed`` snapshot you own in ``governance`` or
  ``compliance`` mode, for ``LockDuration`` days (1-36500) or until ``ExpirationDate``; compliance
  mode may have a cooling-off period (``CoolOffPeriod``, 1-72 hours: ``compliance-cooloff``). A
  snapshot locked while ``pending`` starts its duration when it completes. A governance lock, or a
  compliance lock still cooling off, can be changed; a compliance lock after its cooling-off period
  can only be extended.
- ``UnlockSnapshot`` removes a governance lock or a compliance lock that is still cooling off.
- ``DescribeLockedSnapshots`` lists the locks (``lock-state`` filter).
- A locked snapshot cannot be deleted (the ``snapshots`` fix asks ``state.is_locked``).

Used by 08_que_sigue.
"""

import datetime

from . import _util, state

MODES = ("governance", "compliance")
MAX_DAYS = 36500
MAX_COOL_OFF_HOURS = 72


def _own_snapshot(backend, snapshot_id):
    snapshot = backend.snapshots.get(snapshot_id)
    if snapshot is None or not state.own(backend, snapshot):
        raise _util.snapshot_not_found(snapshot_id)
    return snapshot


def _check(mode, days, until, cool_off):
    if mode not in MODES:
        raise _util.ec2_error("InvalidParameterValue", f"Value ({mode}) for parameter LockMode is invalid. "
                                                       "Valid values: governance, compliance")
    if (days is None) == (until is None):
        raise _util.ec2_error("InvalidParameterCombination",
                              "You must specify either LockDuration or ExpirationDate, but not both.")
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise _util.ec2_error("InvalidParameterValue", f"Value ({days}) for parameter LockDuration is invalid. "
                                                       f"It must be between 1 and {MAX_DAYS} days.")
    if cool_off is not None:
        if mode != "compliance":
            raise _util.ec2_error("InvalidParameterCombination",
                                  "CoolOffPeriod can be specified only for the compliance lock mode.")
        if not 1 <= cool_off <= MAX_COOL_OFF_HOURS:
            raise _util.ec2_error("InvalidParameterValue", f"Value ({cool_off}) for parameter CoolOffPeriod is "
                                                           f"invalid. It must be between 1 and {MAX_COOL_OFF_HOURS} hours.")


def lock(backend, snapshot_id, mode, days=None, until=None, cool_off=None):
    snapshot = _own_snapshot(backend, snapshot_id)
    _check(mode, days, until, cool_off)
    current = state.status(snapshot)
    if current not in (state.PENDING, state.COMPLETED):
        raise _util.ec2_error("IncorrectState", f"Snapshot {snapshot_id} is in state {current}. "
                                                "Only pending or completed snapshots can be locked.")
    now = state.utcnow()
    old = state.lock_of(snapshot)
    if old is not None and state.lock_state(snapshot) == "compliance":
        new_end = until or (old["duration_start"] or now) + datetime.timedelta(days=days)
        if mode != "compliance" or (old.get("until") and new_end < old["until"]):
            raise _util.ec2_error("IncorrectState", f"Snapshot {snapshot_id} is locked in compliance mode after "
                                                    "its cooling-off period: you can only extend the lock.")
    record = {"mode": mode, "created": now, "days": days, "until": until, "cool_off": cool_off,
              "cool_off_until": now + datetime.timedelta(hours=cool_off) if cool_off else None,
              "duration_start": now if current == state.COMPLETED else None}
    if days is not None and record["duration_start"] is not None:
        record["until"] = record["duration_start"] + datetime.timedelta(days=days)
    state.set_lock(snapshot, record)
    return snapshot


def unlock(backend, snapshot_id):
    snapshot = _own_snapshot(backend, snapshot_id)
    current = state.lock_state(snapshot)
    if current in (None, "expired"):
        raise _util.ec2_error("IncorrectState", f"Snapshot {snapshot_id} is not locked.")
    if current == "compliance":
        raise _util.ec2_error("IncorrectState", f"Snapshot {snapshot_id} is locked in compliance mode and its "
                                                "cooling-off period has expired: it can't be unlocked.")
    state.clear_lock(snapshot)
    return snapshot


def lock_info(snapshot, with_owner=False):
    record = state.lock_of(snapshot)
    info = {"SnapshotId": snapshot.id, "LockState": state.lock_state(snapshot), "LockCreatedOn": record["created"]}
    if with_owner:
        info["OwnerId"] = snapshot.owner_id
    if record.get("days") is not None:
        info["LockDuration"] = record["days"]
    if record.get("cool_off"):
        info["CoolOffPeriod"] = record["cool_off"]
        info["CoolOffPeriodExpiresOn"] = record["cool_off_until"]
    if record.get("duration_start") is not None:
        info["LockDurationStartTime"] = record["duration_start"]
    if record.get("until") is not None:
        info["LockExpiresOn"] = record["until"]
    return info


def _lock_snapshot_response(self):
    from moto.core.responses import ActionResult

    snapshot_id = self._get_param("SnapshotId")
    mode = self._get_param("LockMode")
    days = self._get_int_param("LockDuration")
    cool_off = self._get_int_param("CoolOffPeriod")
    until = self._get_param("ExpirationDate")
    self.error_on_dryrun()
    if until is not None:
        until = _timestamp(until)
    snapshot = lock(self.ec2_backend, snapshot_id, mode, days, until, cool_off)
    return ActionResult(lock_info(snapshot))


def _timestamp(text):
    try:
        moment = datetime.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        raise _util.ec2_error("InvalidParameterValue", f"Value ({text}) for parameter ExpirationDate is invalid.") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    if moment <= state.utcnow():
        raise _util.ec2_error("InvalidParameterValue", "ExpirationDate must be in the future.")
    return moment


def _unlock_snapshot_response(self):
    from moto.core.responses import ActionResult

    snapshot_id = self._get_param("SnapshotId")
    self.error_on_dryrun()
    unlock(self.ec2_backend, snapshot_id)
    return ActionResult({"SnapshotId": snapshot_id})


def _describe_locked_snapshots_response(self):
    from moto.core.responses import ActionResult

    ids = self._get_param("SnapshotIds", []) or []
    filters = self._filters_from_querystring() or {}
    self.error_on_dryrun()
    backend = self.ec2_backend
    for snapshot_id in ids:
        _own_snapshot(backend, snapshot_id)
    found = [s for s in backend.snapshots.values() if state.own(backend, s) and state.lock_of(s) is not None]
    if ids:
        found = [s for s in found if s.id in ids]
    wanted = filters.get("lock-state")
    if wanted:
        found = [s for s in found if state.lock_state(s) in wanted]
    return ActionResult({"Snapshots": [lock_info(s, with_owner=True) for s in found]})


def patches():
    """(moto class, attribute, replacement) for every attribute this module patches."""
    from moto.ec2.responses.elastic_block_store import ElasticBlockStore

    return [
        (ElasticBlockStore, "lock_snapshot", _lock_snapshot_response),
        (ElasticBlockStore, "unlock_snapshot", _unlock_snapshot_response),
        (ElasticBlockStore, "describe_locked_snapshots", _describe_locked_snapshots_response),
    ]
