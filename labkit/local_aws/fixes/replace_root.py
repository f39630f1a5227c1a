"""Replace a root volume (docs/local-aws-differences.md, "AMI and volume settings").

``CreateReplaceRootVolumeTask`` replaces the root volume of a running instance with a new volume
restored to its launch state (the snapshot the original root volume came from), to a snapshot of
the original root volume (``SnapshotId``), or to the root snapshot of an AMI (``ImageId``); the
original volume is detached and kept, or deleted with ``DeleteReplacedRootVolume``. The task is
``pending``, then ``in-progress``, then ``succeeded`` with a ``CompleteTime``, paced from its start
by the local AWS's pending time (``LABKIT_SNAPSHOT_SECONDS``, no threads). The volume itself is
replaced when the task is created. ``DescribeReplaceRootVolumeTasks`` lists the tasks (by id, or
filter ``instance-id``). Tasks live on moto's EC2 backend (saved with it by the kit's persistence).

Not used by the lessons; measured by tests/aws_oracle.py.
"""

import datetime
import secrets
import types

from . import _util, state

PENDING, IN_PROGRESS, SUCCEEDED = "pending", "in-progress", "succeeded"


def _iso(when):
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def task_state(task):
    fraction = state.pace_fraction(task)
    if fraction >= 1.0:
        return SUCCEEDED
    return PENDING if fraction < 1 / 3 else IN_PROGRESS


def _as_dict(task):
    answer = {"ReplaceRootVolumeTaskId": task.id, "InstanceId": task.instance_id, "TaskState": task_state(task),
              "StartTime": task.start_time, "Tags": list(task.tags),
              "DeleteReplacedRootVolume": task.delete_replaced}
    if task.image_id:
        answer["ImageId"] = task.image_id
    if task.snapshot_id:
        answer["SnapshotId"] = task.snapshot_id
    if answer["TaskState"] == SUCCEEDED:
        end = state.pace_end(task)
        answer["CompleteTime"] = _iso(datetime.datetime.fromtimestamp(end, datetime.timezone.utc))
    return answer


def _invalid(message):
    return _util.ec2_error("InvalidParameterValue", message)


def _root_volume(backend, instance):
    mapping = instance.block_device_mapping.get(instance.root_device_name)
    volume = backend.volumes.get(mapping.volume_id) if mapping is not None else None
    if volume is None:
        raise _util.ec2_error("IncorrectState", f"The instance '{instance.id}' has no EBS root volume.")
    return mapping, volume


def _source_snapshot(backend, instance, old, snapshot_id, image_id):
    """The snapshot the replacement volume is restored from ("" for a blank volume)."""
    if snapshot_id and image_id:
        raise _invalid("Specify either a snapshot or an image, not both.")
    if snapshot_id:
        snapshot = backend.snapshots.get(snapshot_id)
        if snapshot is None or not state.visible(snapshot, backend.account_id):
            raise _util.snapshot_not_found(snapshot_id)
        if snapshot.volume.id != old.id and snapshot.id != old.snapshot_id:
            raise _invalid(f"The snapshot '{snapshot_id}' was not created from the root volume '{old.id}' of "
                           f"instance '{instance.id}'.")
        return snapshot_id
    if image_id:
        ami = backend.amis.get(image_id)
        if ami is None:
            raise _util.ec2_error("InvalidAMIID.NotFound", f"The image id '[{image_id}]' does not exist")
        for mapping in state.mappings(ami):
            if mapping.get("DeviceName") == ami.root_device_name and mapping.get("Ebs", {}).get("SnapshotId"):
                return mapping["Ebs"]["SnapshotId"]
        raise _invalid(f"The image '{image_id}' has no EBS root volume.")
    return old.snapshot_id or ""


def replace_root_volume(backend, instance_id, snapshot_id=None, image_id=None, delete_replaced=False, tags=None):
    """Create the task and put the new root volume in place of the instance's; the task (a namespace)."""
    instance = backend.get_instance(instance_id)
    if instance._state.name != "running":
        raise _util.ec2_error("IncorrectInstanceState",
                              f"The instance '{instance_id}' is not in the 'running' state.")
    mapping, old = _root_volume(backend, instance)
    source = _source_snapshot(backend, instance, old, snapshot_id, image_id)
    size = old.size
    if source and source in backend.snapshots:
        size = max(int(size), int(backend.snapshots[source].volume_size))
    device, keep_on_termination = instance.root_device_name, bool(mapping.delete_on_termination)
    zone = getattr(instance.placement, "zone", instance.placement)
    new = backend.create_volume(size, zone, snapshot_id=source or None, encrypted=bool(old.encrypted),
                                kms_key_id=old.kms_key_id, volume_type=old.volume_type)
    backend.detach_volume(old.id, instance.id, device)
    backend.attach_volume(new.id, instance.id, device, delete_on_termination=keep_on_termination)
    if delete_replaced:
        backend.delete_volume(old.id)
    task = types.SimpleNamespace(
        id=f"replacevol-{secrets.token_hex(9)[:17]}", instance_id=instance.id,
        start_time=_iso(datetime.datetime.now(datetime.timezone.utc)),
        tags=[{"Key": k, "Value": v} for k, v in (tags or {}).items()], image_id=image_id or None,
        snapshot_id=snapshot_id or None, delete_replaced=bool(delete_replaced), replaced_volume_id=old.id,
        new_volume_id=new.id)
    state.start_pace(task)
    state.root_volume_tasks(backend)[task.id] = task
    return task


def _create_task(self):
    from moto.core.responses import ActionResult

    tags = self._parse_tag_specification().get("replace-root-volume-task", {})
    if self._get_param("VolumeId"):
        raise _util.not_emulated("CreateReplaceRootVolumeTask (VolumeId)")
    self.error_on_dryrun()
    task = replace_root_volume(self.ec2_backend, self._get_param("InstanceId"), self._get_param("SnapshotId"),
                               self._get_param("ImageId"), self._get_bool_param("DeleteReplacedRootVolume", False),
                               tags)
    return ActionResult({"ReplaceRootVolumeTask": _as_dict(task)})


def _describe_tasks(self):
    from moto.core.responses import ActionResult

    tasks = state.root_volume_tasks(self.ec2_backend)
    ids = self._get_param("ReplaceRootVolumeTaskIds", [])
    filters = self._filters_from_querystring() or {}
    for task_id in ids:
        if task_id not in tasks:
            raise _util.ec2_error("InvalidReplaceRootVolumeTaskId.NotFound",
                                  f"The replace root volume task ID '{task_id}' does not exist")
    chosen = [t for t in tasks.values() if not ids or t.id in ids]
    for name, values in filters.items():
        if name != "instance-id":
            raise _util.ec2_error("InvalidParameterValue", f"The filter '{name}' is invalid")
        chosen = [t for t in chosen if t.instance_id in values]
    return ActionResult({"ReplaceRootVolumeTasks": [_as_dict(t) for t in chosen]})


def patches():
    """(moto class, attribute, replacement) for every attribute this module patches."""
    from moto.ec2.responses.elastic_block_store import ElasticBlockStore

    return [
        (ElasticBlockStore, "create_replace_root_volume_task", _create_task),
        (ElasticBlockStore, "describe_replace_root_volume_tasks", _describe_tasks),
    ]
