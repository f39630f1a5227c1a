"""Fast snapshot restore (docs/local-aws-differences.md row 13), as the EBS user guide documents it.

``EnableFastSnapshotRestores`` answers each snapshot and Availability Zone ``enabling``; reads then
show ``optimizing`` and ``enabled`` (half of LABKIT_SNAPSHOT_SECONDS each; on AWS, 60 minutes per
TiB). ``DisableFastSnapshotRestores`` answers ``disabling``; reads then show ``disabled``, kept in
``DescribeFastSnapshotRestores`` as AWS lists them. A zone outside the region goes to
``Unsuccessful``. Deleting or archiving a snapshot disables its fast restores. Each state has its
time field (``EnablingTime``…) and ``StateTransitionReason``.

Used by 08_que_sigue.
"""

from . import _util, state

_USER = "Client.UserInitiated"
_LIFECYCLE = "Client.UserInitiated - Lifecycle state transition"


def _snapshot(backend, snapshot_id):
    snapshot = backend.snapshots.get(snapshot_id)
    if snapshot is None or not state.visible(snapshot, backend.account_id):
        raise _util.snapshot_not_found(snapshot_id)
    return snapshot


def _zone_ok(backend, zone):
    found = backend.get_zone_by_name(zone)
    return found is not None and found.region_name == backend.region_name


def item(snapshot_id, zone, record, shown_state=None):
    """A fast snapshot restore as AWS describes it (times of the states reached so far)."""
    current = shown_state or state.fast_restore_state(record)
    out = {"SnapshotId": snapshot_id, "AvailabilityZone": zone, "State": current,
           "StateTransitionReason": _USER if current in ("enabling", "disabling") else _LIFECYCLE,
           "OwnerId": record["owner"], "EnablingTime": record["enabling"]}
    for name, key in (("OptimizingTime", "optimizing"), ("EnabledTime", "enabled")):
        if state.reached(record[key]) and (record.get("disabling") is None or record[key] <= record["disabling"]):
            out[name] = record[key]
    if record.get("disabling") is not None:
        out["DisablingTime"] = record["disabling"]
        if state.reached(record["disabled"]):
            out["DisabledTime"] = record["disabled"]
    return out


def _error(snapshot_id, zone, code, message):
    return {"SnapshotId": snapshot_id, "FastSnapshotRestoreStateErrors": [
        {"AvailabilityZone": zone, "Error": {"Code": code, "Message": message}}]}


def enable(backend, zones, snapshot_ids):
    records = state.fast_restores(backend)
    done, failed = [], []
    for snapshot_id in snapshot_ids:
        snapshot = _snapshot(backend, snapshot_id)
        if state.status(snapshot) != state.COMPLETED or state.storage_tier(snapshot) == "archive":
            failed.append(_error(snapshot_id, zones[0] if zones else "", "IncorrectState",
                                 f"Snapshot {snapshot_id} is not in a state that allows fast snapshot restore."))
            continue
        for zone in zones:
            if not _zone_ok(backend, zone):
                failed.append(_error(snapshot_id, zone, "InvalidParameterValue", f"Invalid availability zone: [{zone}]"))
                continue
            record = records.get((snapshot_id, zone))
            if record is None or record.get("disabling") is not None:
                now = state.utcnow()
                end = state.deadline(now)
                record = {"owner": backend.account_id, "enabling": now, "optimizing": now + (end - now) / 2,
                          "enabled": end, "disabling": None, "disabled": None}
                records[(snapshot_id, zone)] = record
            done.append(item(snapshot_id, zone, record, "enabling"))
    return done, failed


def disable(backend, zones, snapshot_ids):
    records = state.fast_restores(backend)
    done, failed = [], []
    for snapshot_id in snapshot_ids:
        _snapshot(backend, snapshot_id)
        for zone in zones:
            record = records.get((snapshot_id, zone))
            if record is None or record.get("disabling") is not None:
                failed.append(_error(snapshot_id, zone, "IncorrectState",
                                     f"Fast snapshot restore is not enabled for {snapshot_id} in {zone}."))
                continue
            record["disabling"] = state.utcnow()
            record["disabled"] = state.deadline(record["disabling"])
            done.append(item(snapshot_id, zone, record, "disabling"))
    return done, failed


_FILTERS = {"snapshot-id": 0, "availability-zone": 1, "state": 2, "owner-id": 3}


def describe(backend, filters):
    rows = []
    for (snapshot_id, zone), record in state.fast_restores(backend).items():
        fields = (snapshot_id, zone, state.fast_restore_state(record), record["owner"])
        keep = True
        for name, values in (filters or {}).items():
            if name not in _FILTERS:
                raise _util.ec2_error("InvalidParameterValue", f"The filter '{name}' is invalid")
            keep = keep and fields[_FILTERS[name]] in values
        if keep:
            rows.append(item(snapshot_id, zone, record))
    return rows


def _lists(self, param):
    return self._get_param(param, []) or []


def _enable_response(self):
    from moto.core.responses import ActionResult

    zones, ids = _lists(self, "AvailabilityZones"), _lists(self, "SourceSnapshotIds")
    self.error_on_dryrun()
    done, failed = enable(self.ec2_backend, zones, ids)
    return ActionResult({"Successful": done, "Unsuccessful": failed})


def _disable_response(self):
    from moto.core.responses import ActionResult

    zones, ids = _lists(self, "AvailabilityZones"), _lists(self, "SourceSnapshotIds")
    self.error_on_dryrun()
    done, failed = disable(self.ec2_backend, zones, ids)
    return ActionResult({"Successful": done, "Unsuccessful": failed})


def _describe_response(self):
    from moto.core.responses import ActionResult

    filters = self._filters_from_querystring()
    self.error_on_dryrun()
    return ActionResult({"FastSnapshotRestores": describe(self.ec2_backend, filters)})


def patches():
    """(moto class, attribute, replacement) for every attribute this module patches."""
    from moto.ec2.responses.elastic_block_store import ElasticBlockStore

    return [
        (ElasticBlockStore, "enable_fast_snapshot_restores", _enable_response),
        (ElasticBlockStore, "disable_fast_snapshot_restores", _disable_response),
        (ElasticBlockStore, "describe_fast_snapshot_restores", _describe_response),
    ]
