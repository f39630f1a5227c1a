"""The snapshot archive tier (docs/local-aws-differences.md row 13), as the EBS user guide documents it.

- ``ModifySnapshotTier`` archives a ``completed`` snapshot you own: ``archival-in-progress`` for
  LABKIT_SNAPSHOT_SECONDS (hours on AWS), then ``StorageTier`` ``archive``. A ``pending`` or
  ``error`` snapshot, one already archived, and one that a registered (not disabled) AMI uses are
  refused with ``IncorrectState``. Archiving turns off the snapshot's sharing and fast snapshot restore.
- ``RestoreSnapshotTier`` restores an archived snapshot temporarily (``TemporaryRestoreDays``,
  1-180, default 1; it goes back to the archive when the period ends) or permanently; on a
  temporarily restored snapshot it changes the period, or makes the restore permanent.
- ``DescribeSnapshotTierStatus`` and ``DescribeSnapshots`` (``StorageTier``, ``RestoreExpiryTime``)
  show where each snapshot is, computed from the operations' times (no threads).

Used by 08_que_sigue (archive a snapshot and see ``StorageTier``).
"""

from . import _util, state

MAX_RESTORE_DAYS = 180


def _storage_tier_get(self):
    return state.storage_tier(self)


def _restore_expiry_get(self):
    return state.restore_expiry(self)


def _ignore(self, value):  # moto's Snapshot.__init__ writes its own defaults
    pass


def _own_snapshot(backend, snapshot_id):
    snapshot = backend.snapshots.get(snapshot_id)
    if snapshot is None or not state.own(backend, snapshot):
        raise _util.snapshot_not_found(snapshot_id)
    return snapshot


def archive(backend, snapshot_id, tier="archive"):
    if tier != "archive":
        raise _util.ec2_error("InvalidParameterValue", f"Value ({tier}) for parameter StorageTier is invalid. "
                                                       "Valid value: archive")
    snapshot = _own_snapshot(backend, snapshot_id)
    current = state.status(snapshot)
    if current != state.COMPLETED:
        raise _util.ec2_error("IncorrectState", f"Snapshot {snapshot_id} is in state {current}. "
                                                "Only snapshots in the completed state can be archived.")
    if state.tiering_in_progress(snapshot) or state.storage_tier(snapshot) == "archive":
        raise _util.ec2_error("IncorrectState", f"Snapshot {snapshot_id} is already archived or being archived.")
    ami = state.image_using_snapshot(backend, snapshot_id)
    if ami is not None and state.ami_state(ami) != "disabled":
        raise _util.ec2_error("IncorrectState", f"Snapshot {snapshot_id} is associated with {ami.id}. "
                                                "Disable the AMI before you archive the snapshot.")
    record = state.start_tiering(snapshot, state.ARCHIVAL)
    snapshot.create_volume_permission_userids.clear()  # archived: sharing and fast restore turned off
    snapshot.create_volume_permission_groups.clear()
    state.disable_fast_restores(backend, snapshot_id)
    return record


def restore(backend, snapshot_id, days=None, permanent=False):
    snapshot = _own_snapshot(backend, snapshot_id)
    if permanent and days is not None:
        raise _util.ec2_error("InvalidParameterCombination",
                              "You can't specify both TemporaryRestoreDays and PermanentRestore.")
    if days is not None and not 1 <= int(days) <= MAX_RESTORE_DAYS:
        raise _util.ec2_error("InvalidParameterValue", f"Value ({days}) for parameter TemporaryRestoreDays is "
                                                       f"invalid. It must be between 1 and {MAX_RESTORE_DAYS}.")
    days = 1 if days is None and not permanent else (int(days) if days is not None else None)
    if state.temporarily_restored(snapshot):
        if permanent:
            return state.make_restore_permanent(snapshot)
        return state.change_restore_period(snapshot, days)
    if state.storage_tier(snapshot) != "archive" or state.tiering_in_progress(snapshot):
        raise _util.ec2_error("IncorrectState", f"Snapshot {snapshot_id} is not in the archive tier.")
    return state.start_tiering(snapshot, state.PERMANENT if permanent else state.TEMPORARY, days)


def _modify_snapshot_tier_response(self):
    from moto.core.responses import ActionResult

    snapshot_id = self._get_param("SnapshotId")
    tier = self._get_param("StorageTier") or "archive"
    self.error_on_dryrun()
    record = archive(self.ec2_backend, snapshot_id, tier)
    return ActionResult({"SnapshotId": snapshot_id, "TieringStartTime": record["start"]})


def _restore_snapshot_tier_response(self):
    from moto.core.responses import ActionResult

    snapshot_id = self._get_param("SnapshotId")
    days = self._get_param("TemporaryRestoreDays")
    permanent = self._get_bool_param("PermanentRestore", False)
    self.error_on_dryrun()
    record = restore(self.ec2_backend, snapshot_id, days, permanent)
    result = {"SnapshotId": snapshot_id, "RestoreStartTime": record["start"], "IsPermanentRestore": permanent}
    if not permanent:
        result["RestoreDuration"] = record["days"]
    return ActionResult(result)


_TIER_FILTERS = {
    "snapshot-id": lambda s: s.id,
    "volume-id": lambda s: s.volume.id,
    "last-tiering-operation": lambda s: state.tiering_status(s).get("LastTieringOperationStatus"),
}


def tier_statuses(backend, filters):
    snapshots = [s for s in backend.snapshots.values() if state.own(backend, s)]
    for name, values in (filters or {}).items():
        read = _TIER_FILTERS.get(name)
        if read is None:
            raise _util.ec2_error("InvalidParameterValue", f"The filter '{name}' is invalid")
        snapshots = [s for s in snapshots if read(s) in values]
    statuses = []
    for snapshot in snapshots:
        item = {"SnapshotId": snapshot.id, "VolumeId": snapshot.volume.id, "Status": state.status(snapshot),
                "OwnerId": snapshot.owner_id, "Tags": snapshot.get_tags(),
                "StorageTier": state.storage_tier(snapshot)}
        item.update(state.tiering_status(snapshot))
        statuses.append(item)
    return statuses


def _describe_snapshot_tier_status_response(self):
    from moto.core.responses import ActionResult

    filters = self._filters_from_querystring()
    self.error_on_dryrun()
    return ActionResult({"SnapshotTierStatuses": tier_statuses(self.ec2_backend, filters)})


def patches():
    """(moto class, attribute, replacement) for every attribute this module patches."""
    from moto.ec2.models.elastic_block_store import Snapshot
    from moto.ec2.responses.elastic_block_store import ElasticBlockStore

    return [
        (Snapshot, "storage_tier", property(_storage_tier_get, _ignore)),
        (Snapshot, "restore_expiry_time", property(_restore_expiry_get, _ignore)),
        (ElasticBlockStore, "modify_snapshot_tier", _modify_snapshot_tier_response),
        (ElasticBlockStore, "restore_snapshot_tier", _restore_snapshot_tier_response),
        (ElasticBlockStore, "describe_snapshot_tier_status", _describe_snapshot_tier_status_response),
    ]
