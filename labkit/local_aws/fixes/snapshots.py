"""Snapshot fixes (docs/local-aws-differences.md rows 2, 4, 7, 12): life cycle, ``--owner self``, in-use, sharing.

- A new snapshot is ``pending`` with a rising ``Progress`` and becomes ``completed`` after
  LABKIT_SNAPSHOT_SECONDS (read when the snapshot is created; computed lazily from the
  creation time, no threads). Snapshots behind the catalogue's AMIs are ``completed``.
- ``DescribeSnapshots`` honours ``OwnerIds`` and ``RestorableByUserIds`` and only shows what
  the account may see: its own snapshots and those public or shared with it.
- ``CreateSnapshot`` and ``CreateSnapshots`` answer ``pending`` with an empty ``Progress``, as
  AWS does; ``DescribeSnapshots`` then shows the rising percentage.
- ``DeleteSnapshot`` of a snapshot any registered AMI uses fails with ``InvalidSnapshot.InUse``.
- ``ModifySnapshotAttribute`` accepts the ``CreateVolumePermission={'Add': …}`` form.

Used by 02_demo16_crear_snapshot, 06_faq_y_limpieza and 07_cifrado_y_compartir (via the local AWS).
"""

import math
import time

from . import _util

PENDING = "pending"
COMPLETED = "completed"


# --- life cycle --------------------------------------------------------------------------

def start_pending(snapshot, seconds=None):
    """Make ``snapshot`` pending now, for ``seconds`` (default: LABKIT_SNAPSHOT_SECONDS).

    ``seconds=math.inf`` keeps it pending until :func:`finish` (EBS direct snapshots).
    """
    seconds = _util.snapshot_seconds() if seconds is None else seconds
    now = time.monotonic()
    snapshot.__dict__["_labkit_started"] = now
    snapshot.__dict__["_labkit_ready_at"] = now + seconds if seconds > 0 else None


def finish(snapshot, status=COMPLETED):
    """End ``snapshot``'s pending time now with ``status`` (completed or error)."""
    snapshot.__dict__["_labkit_ready_at"] = None
    snapshot.__dict__["_labkit_final"] = status


def fail_when_done(snapshot):
    """When the pending time ends, the snapshot is in ``error`` (AWS: e.g. an unusable KMS key)."""
    snapshot.__dict__["_labkit_final"] = "error"


def _pending(snapshot):
    ready = snapshot.__dict__.get("_labkit_ready_at")
    return ready is not None and time.monotonic() < ready


def _status_get(self):
    if _pending(self):
        return PENDING
    return self.__dict__.get("_labkit_final", COMPLETED)


def _status_set(self, value):
    self.__dict__["_labkit_final"] = value


def _progress_get(self):
    if not _pending(self):
        return "100%" if _status_get(self) == COMPLETED else "0%"
    ready = self.__dict__["_labkit_ready_at"]
    if math.isinf(ready):
        return "0%"
    started = self.__dict__["_labkit_started"]
    done = (time.monotonic() - started) / (ready - started)
    return f"{max(0, min(99, int(done * 100)))}%"


def _volume_size_get(self):
    """The size of the volume when the snapshot was taken (moto reads the live volume)."""
    size = self.__dict__.get("_labkit_size")
    return size if size is not None else self.volume.size


def _create_snapshot(self, volume_id, description, owner_id=None, from_ami=None):
    from moto.ec2.models.elastic_block_store import EBSBackend

    volume = self.get_volume(volume_id)
    previous = latest_snapshot_of(self, volume_id)
    snapshot = _util.original(EBSBackend, "create_snapshot")(
        self, volume_id, description, owner_id=owner_id, from_ami=from_ami
    )
    snapshot.__dict__["_labkit_size"] = volume.size
    if volume.encrypted:
        snapshot.encrypted = True
        snapshot.kms_key_id = volume.kms_key_id
    if from_ami is None:  # moto's own AMI bookkeeping snapshots stay completed
        start_pending(snapshot)
        # Lineage for the EBS direct APIs: incremental to the volume's previous snapshot,
        # or to the snapshot the volume was created from (docs/aws-behaviour.md: "Incremental snapshots").
        if previous is not None:
            snapshot.__dict__["_labkit_parent"] = previous.id
        elif volume.snapshot_id and volume.snapshot_id in self.snapshots:
            snapshot.__dict__["_labkit_parent"] = volume.snapshot_id
    return snapshot


class _AsCreated:
    """A new snapshot as CreateSnapshot(s) answers it: ``pending``, ``Progress`` empty (the AWS
    CLI's documented examples; docs/aws-behaviour.md, "What AWS answers"), whatever the clock says."""

    status = state = PENDING
    progress = ""

    def __init__(self, snapshot):
        self._snapshot = snapshot

    def __getattr__(self, name):
        return getattr(self._snapshot, name)


def _create_snapshot_response(self):
    from moto.core.responses import ActionResult
    from moto.ec2.responses.elastic_block_store import ElasticBlockStore

    created = _util.original(ElasticBlockStore, "create_snapshot")(self).result
    return ActionResult(_AsCreated(created))


def _create_snapshots_response(self):
    from moto.core.responses import ActionResult
    from moto.ec2.responses.elastic_block_store import ElasticBlockStore

    created = _util.original(ElasticBlockStore, "create_snapshots")(self).result["Snapshots"]
    return ActionResult({"Snapshots": [_AsCreated(s) for s in created]})


def latest_snapshot_of(backend, volume_id):
    """The account's newest snapshot of ``volume_id`` (None when there is none)."""
    mine = [s for s in backend.snapshots.values()
            if _util.own(backend, s) and s.volume.id == volume_id and not s.__dict__.get("_labkit_direct")]
    return max(mine, key=lambda s: s.start_time) if mine else None


# --- who sees what (row 4) ---------------------------------------------------------------

def visible(snapshot, account):
    """AWS lists your own snapshots and those public or shared with your account."""
    return (
        snapshot.owner_id == account
        or "all" in snapshot.create_volume_permission_groups
        or account in snapshot.create_volume_permission_userids
    )


def _restorable_by(snapshot, users, account):
    """RestorableByUserIds: public snapshots, and those the given accounts own or may use."""
    if "all" in snapshot.create_volume_permission_groups:
        return True
    for user in users:
        user = account if user == "self" else user
        if user == snapshot.owner_id or user in snapshot.create_volume_permission_userids:
            return True
    return False


def _describe_snapshots_response(self):
    from moto.core.responses import ActionResult

    from . import errors

    filters = self._filters_from_querystring()
    snapshot_ids = self._get_param("SnapshotIds", [])
    owners = self._get_param("OwnerIds", [])
    restorable = self._get_param("RestorableByUserIds", [])
    backend = self.ec2_backend
    account = backend.account_id
    snapshots = backend.describe_snapshots(snapshot_ids=snapshot_ids, filters=filters)
    if snapshot_ids:
        hidden = [s.id for s in snapshots if not visible(s, account)]
        if hidden:
            raise errors.snapshot_not_found(hidden[0])
    else:
        snapshots = [s for s in snapshots if visible(s, account)]
    if owners:
        wanted = {account if o == "self" else o for o in owners}
        snapshots = [s for s in snapshots if s.owner_id in wanted]
    if restorable:
        snapshots = [s for s in snapshots if _restorable_by(s, restorable, account)]
    return ActionResult({"Snapshots": snapshots})


# --- delete (row 7) ----------------------------------------------------------------------

def _delete_snapshot(self, snapshot_id):
    from . import ebs_direct, errors, images

    snapshot = self.snapshots.get(snapshot_id)
    if snapshot is None or not _util.own(self, snapshot):
        raise errors.snapshot_not_found(snapshot_id)
    ami = images.image_using_snapshot(self, snapshot_id)
    if ami is not None:
        raise _util.ec2_error("InvalidSnapshot.InUse", f"The snapshot {snapshot_id} is currently in use by {ami.id}")
    ebs_direct.hand_down_blocks(self, snapshot)
    return self.snapshots.pop(snapshot_id)


# --- sharing (row 12) --------------------------------------------------------------------

def _permission_changes(response):
    """(add_users, add_groups, remove_users, remove_groups) from both request forms."""
    add_users, add_groups, remove_users, remove_groups = [], [], [], []
    operation = (response._get_param("OperationType") or "").lower()
    users = response._get_param("UserIds", []) or []
    groups = response._get_param("GroupNames", []) or []
    if operation == "add":
        add_users += users
        add_groups += groups
    elif operation == "remove":
        remove_users += users
        remove_groups += groups
    permission = response._get_param("CreateVolumePermission") or {}
    for item in permission.get("Add", []) or []:
        if item.get("UserId"):
            add_users.append(item["UserId"])
        if item.get("Group"):
            add_groups.append(item["Group"])
    for item in permission.get("Remove", []) or []:
        if item.get("UserId"):
            remove_users.append(item["UserId"])
        if item.get("Group"):
            remove_groups.append(item["Group"])
    return add_users, add_groups, remove_users, remove_groups


def _modify_snapshot_attribute_response(self):
    from moto.core.responses import EmptyResult

    from . import encryption

    snapshot_id = self._get_param("SnapshotId")
    attribute = self._get_param("Attribute")
    add_users, add_groups, remove_users, remove_groups = _permission_changes(self)
    self.error_on_dryrun()
    backend = self.ec2_backend
    snapshot = backend.get_snapshot(snapshot_id)
    if attribute not in (None, "createVolumePermission"):
        raise _util.ec2_error("InvalidParameterValue", f"Value ({attribute}) for parameter attribute is invalid.")
    for user in add_users + remove_users:
        if not (isinstance(user, str) and len(user) == 12 and user.isdigit()):
            raise _util.ec2_error("InvalidUserID.Malformed", f"User ID '{user}' is invalid")
    if snapshot.encrypted and (add_users or add_groups):
        if "all" in add_groups:
            raise _util.ec2_error("OperationNotPermitted", "Encrypted snapshots cannot be made public.")
        if encryption.is_aws_managed_ebs_key(backend, snapshot.kms_key_id):
            raise _util.ec2_error("OperationNotPermitted", "Encrypted snapshots with EBS default key cannot be shared")
    if add_users or add_groups:
        backend.add_create_volume_permission(snapshot_id, user_ids=add_users, groups=add_groups)
    if remove_users or remove_groups:
        backend.remove_create_volume_permission(snapshot_id, user_ids=remove_users, groups=remove_groups)
    return EmptyResult()


def apply():
    from moto.ec2.models.elastic_block_store import EBSBackend, Snapshot
    from moto.ec2.responses.elastic_block_store import ElasticBlockStore

    _util.patch(Snapshot, "status", property(_status_get, _status_set))
    _util.patch(Snapshot, "progress", property(_progress_get))
    # CreateSnapshots answers SnapshotInfo, whose member is State (moto's serializer looks for
    # `state`; without it the CLI prints None for a new snapshot's state).
    _util.patch(Snapshot, "state", property(_status_get))
    _util.patch(Snapshot, "volume_size", property(_volume_size_get))
    _util.patch(EBSBackend, "create_snapshot", _create_snapshot)
    _util.patch(EBSBackend, "delete_snapshot", _delete_snapshot)
    _util.patch(ElasticBlockStore, "create_snapshot", _create_snapshot_response)
    _util.patch(ElasticBlockStore, "create_snapshots", _create_snapshots_response)
    _util.patch(ElasticBlockStore, "describe_snapshots", _describe_snapshots_response)
    _util.patch(ElasticBlockStore, "modify_snapshot_attribute", _modify_snapshot_attribute_response)
