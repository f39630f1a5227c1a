"""Snapshot fixes (docs/local-aws-differences.md rows 2, 4, 7, 12): life cycle, ``--owner self``, in-use, sharing.

- A new snapshot is ``pending`` with a rising ``Progress`` and becomes ``completed`` after
  LABKIT_SNAPSHOT_SECONDS (read when the snapshot is created; computed lazily from the
  creation time, no threads). Snapshots behind the catalogue's AMIs are ``completed``.
- ``DescribeSnapshots`` honours ``OwnerIds`` and ``RestorableByUserIds`` and only shows what
  the account may see: its own snapshots and those public or shared with it.
- ``CreateSnapshot`` and ``CreateSnapshots`` answer ``pending`` with an empty ``Progress``, as
  AWS does; ``DescribeSnapshots`` then shows the rising percentage.
- ``DeleteSnapshot`` of a snapshot any registered AMI uses fails with ``InvalidSnapshot.InUse``;
  of a locked snapshot, with ``SnapshotLocked``; a snapshot a Recycle Bin rule covers goes to the
  bin (row 13: ``snapshot_lock``, ``recycle_bin``).
- ``ModifySnapshotAttribute`` accepts the ``CreateVolumePermission={'Add': …}`` form; while block
  public access for snapshots is on, making a snapshot public is refused.

Used by 02_demo16_crear_snapshot, 06_faq_y_limpieza and 07_cifrado_y_compartir (via the local AWS).
"""

from . import _util, state

# --- life cycle (row 2) ----------------------------------------------------------------------

def _status_get(self):
    return state.status(self)


def _status_set(self, value):
    state.set_final_status(self, value)


def _progress_get(self):
    return state.progress(self)


def _volume_size_get(self):
    """The size of the volume when the snapshot was taken (moto reads the live volume)."""
    return state.size(self)


def _create_snapshot(self, volume_id, description, owner_id=None, from_ami=None):
    from moto.ec2.models.elastic_block_store import EBSBackend

    _util.check_description(description)
    description = "" if description is None else description  # AWS always answers a Description
    volume = self.get_volume(volume_id)
    previous = state.latest_snapshot_of(self, volume_id)
    snapshot = _util.original(EBSBackend, "create_snapshot")(
        self, volume_id, description, owner_id=owner_id, from_ami=from_ami
    )
    state.set_size(snapshot, volume.size)
    if volume.encrypted:
        snapshot.encrypted = True
        snapshot.kms_key_id = volume.kms_key_id
    if from_ami is None:  # moto's own AMI bookkeeping snapshots stay completed
        state.start_pending(snapshot)
        state.link_new_snapshot(self, snapshot, volume, previous)
    return snapshot


# --- who sees what (row 4) ---------------------------------------------------------------

def _describe_snapshots_response(self):
    from moto.core.responses import ActionResult

    filters = self._filters_from_querystring()
    snapshot_ids = self._get_param("SnapshotIds", [])
    owners = self._get_param("OwnerIds", [])
    restorable = self._get_param("RestorableByUserIds", [])
    backend = self.ec2_backend
    account = backend.account_id
    snapshots = backend.describe_snapshots(snapshot_ids=snapshot_ids, filters=filters)
    if snapshot_ids:
        hidden = [s.id for s in snapshots if not state.visible(s, account)]
        if hidden:
            raise _util.snapshot_not_found(hidden[0])
    else:
        snapshots = [s for s in snapshots if state.visible(s, account)]
    if owners:
        wanted = {account if o == "self" else o for o in owners}
        snapshots = [s for s in snapshots if s.owner_id in wanted]
    if restorable:
        snapshots = [s for s in snapshots if state.restorable_by(s, restorable, account)]
    return ActionResult({"Snapshots": snapshots})


# --- delete (row 7) ----------------------------------------------------------------------

def _delete_snapshot(self, snapshot_id):
    snapshot = self.snapshots.get(snapshot_id)
    if snapshot is None or not state.own(self, snapshot):
        raise _util.snapshot_not_found(snapshot_id)
    ami = state.image_using_snapshot(self, snapshot_id)
    if ami is not None:
        raise _util.ec2_error("InvalidSnapshot.InUse", f"The snapshot {snapshot_id} is currently in use by {ami.id}")
    if state.is_locked(snapshot):  # snapshot lock (row 13)
        raise _util.ec2_error("SnapshotLocked", f"The snapshot {snapshot_id} is locked and can't be deleted.")
    state.disable_fast_restores(self, snapshot_id)
    tags = self.tags.pop(snapshot_id, None)  # AWS: a deleted resource's tags go with it
    if state.keep_if_a_rule_covers(self, "snapshots", snapshot, tags):  # Recycle Bin (row 13)
        return self.snapshots.pop(snapshot_id)
    state.hand_down_blocks(self, snapshot)
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
    if "all" in add_groups and state.block_public_access(backend) != "unblocked":
        raise _util.ec2_error("OperationNotPermitted", "Block public access for snapshots is enabled in this "
                                                       "Region: snapshots can't be shared publicly.")
    if snapshot.encrypted and (add_users or add_groups):
        if "all" in add_groups:
            raise _util.ec2_error("OperationNotPermitted", "Encrypted snapshots cannot be made public.")
        if state.is_aws_managed_ebs_key(backend, snapshot.kms_key_id):
            raise _util.ec2_error("OperationNotPermitted", "Encrypted snapshots with EBS default key cannot be shared")
    if add_users or add_groups:
        backend.add_create_volume_permission(snapshot_id, user_ids=add_users, groups=add_groups)
    if remove_users or remove_groups:
        backend.remove_create_volume_permission(snapshot_id, user_ids=remove_users, groups=remove_groups)
    return EmptyResult()


def _reset_snapshot_attribute_response(self):
    """ResetSnapshotAttribute: the only resettable attribute, createVolumePermission, loses every
    account and group it was shared with (how the documentation stops sharing a snapshot)."""
    from moto.core.responses import EmptyResult

    snapshot_id = self._get_param("SnapshotId")
    attribute = self._get_param("Attribute")
    self.error_on_dryrun()
    snapshot = self.ec2_backend.get_snapshot(snapshot_id)
    if attribute != "createVolumePermission":
        raise _util.ec2_error("InvalidParameterValue", f"Value ({attribute}) for parameter attribute is invalid.")
    snapshot.create_volume_permission_userids.clear()
    snapshot.create_volume_permission_groups.clear()
    return EmptyResult()


class _AsCreated:
    """A new snapshot as CreateSnapshot(s) answers it: ``pending``, ``Progress`` empty (the AWS CLI's
    documented examples; docs/aws-behaviour.md, "What AWS answers"), whatever the clock says."""

    status = state = "pending"  # state.PENDING (the class attribute would shadow the module here)
    progress = ""

    def __init__(self, snapshot):
        self._snapshot = snapshot

    def __getattr__(self, name):
        return getattr(self._snapshot, name)


def _create_snapshot_response(self):
    from moto.core.responses import ActionResult
    from moto.ec2.responses.elastic_block_store import ElasticBlockStore

    return ActionResult(_AsCreated(_util.original(ElasticBlockStore, "create_snapshot")(self).result))


def _create_snapshots_response(self):
    """CreateSnapshots answers like CreateSnapshot; with ``CopyTagsFromSource=volume`` each snapshot
    gets its volume's tags."""
    from moto.core.responses import ActionResult
    from moto.ec2.responses.elastic_block_store import ElasticBlockStore

    created = _util.original(ElasticBlockStore, "create_snapshots")(self).result["Snapshots"]
    if (self._get_param("CopyTagsFromSource") or "").lower() == "volume":
        backend = self.ec2_backend
        for snapshot in created:
            tags = {k: v for k, v in backend.tags.get(snapshot.volume.id, {}).items() if not k.startswith("aws:")}
            if tags:
                snapshot.add_tags(tags)
    return ActionResult({"Snapshots": [_AsCreated(s) for s in created]})


def patches():
    """(moto class, attribute, replacement) for every attribute this module patches."""
    from moto.ec2.models.elastic_block_store import EBSBackend, Snapshot
    from moto.ec2.responses.elastic_block_store import ElasticBlockStore

    return [
        (Snapshot, "status", property(_status_get, _status_set)),
        (Snapshot, "progress", property(_progress_get)),
        # CreateSnapshots answers SnapshotInfo, whose member is State (moto's serializer looks for
        # `state`; without it the CLI prints None for a new snapshot's state).
        (Snapshot, "state", property(_status_get)),
        (Snapshot, "volume_size", property(_volume_size_get)),
        (EBSBackend, "create_snapshot", _create_snapshot),
        (EBSBackend, "delete_snapshot", _delete_snapshot),
        (ElasticBlockStore, "describe_snapshots", _describe_snapshots_response),
        (ElasticBlockStore, "modify_snapshot_attribute", _modify_snapshot_attribute_response),
        (ElasticBlockStore, "reset_snapshot_attribute", _reset_snapshot_attribute_response),
        (ElasticBlockStore, "create_snapshots", _create_snapshots_response),
        (ElasticBlockStore, "create_snapshot", _create_snapshot_response),
    ]
