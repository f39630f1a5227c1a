"""The Recycle Bin, EC2 side (docs/local-aws-differences.md row 13), as the EBS user guide documents it.

A snapshot or AMI deleted while a Recycle Bin retention rule covers it (``rbin_rules``) leaves
``DescribeSnapshots``/``DescribeImages`` (and ``DescribeTags``) but stays in the bin for the rule's
retention period (the longest when several rules match); without a rule a delete is final. The
``snapshots`` and ``images`` fixes put it there (``state.keep_if_a_rule_covers``).

- ``ListSnapshotsInRecycleBin`` / ``ListImagesInRecycleBin`` list what the bin holds, with
  ``RecycleBinEnterTime`` and ``RecycleBinExitTime``.
- ``RestoreSnapshotFromRecycleBin`` brings the snapshot back, with its tags; it answers, and reads
  show, ``recovering`` for LABKIT_SNAPSHOT_SECONDS, then ``completed``.
- ``RestoreImageFromRecycleBin`` brings the AMI back, with its tags (``Return: true``).

Used by 08_que_sigue.
"""

from . import _util, state


def _ids(self, name):
    return self._get_param(name, []) or []


def list_snapshots(backend, ids):
    box = state.in_recycle_bin(backend, "snapshots")
    rows = []
    for snapshot_id, entry in box.items():
        if ids and snapshot_id not in ids:
            continue
        snapshot = entry["resource"]
        rows.append({"SnapshotId": snapshot_id, "RecycleBinEnterTime": entry["enter"],
                     "RecycleBinExitTime": entry["exit"], "Description": snapshot.description or "",
                     "VolumeId": snapshot.volume.id})
    return rows


def list_images(backend, ids):
    box = state.in_recycle_bin(backend, "images")
    rows = []
    for image_id, entry in box.items():
        if ids and image_id not in ids:
            continue
        ami = entry["resource"]
        rows.append({"ImageId": image_id, "Name": ami.name, "Description": ami.description or "",
                     "RecycleBinEnterTime": entry["enter"], "RecycleBinExitTime": entry["exit"]})
    return rows


def restore_snapshot(backend, snapshot_id):
    entry = state.take_from_recycle_bin(backend, "snapshots", snapshot_id)
    if entry is None:
        raise _util.snapshot_not_found(snapshot_id)
    snapshot = entry["resource"]
    backend.snapshots[snapshot_id] = snapshot
    if entry["tags"]:
        backend.tags[snapshot_id] = dict(entry["tags"])
    state.start_recovering(snapshot)
    return snapshot


def restore_image(backend, image_id):
    entry = state.take_from_recycle_bin(backend, "images", image_id)
    if entry is None:
        raise _util.ec2_error("InvalidAMIID.NotFound", f"The image id '[{image_id}]' does not exist")
    ami = entry["resource"]
    backend.amis[image_id] = ami
    if image_id in backend.deleted_amis:
        backend.deleted_amis.remove(image_id)
    state.set_ami_state(ami, "available")
    if entry["tags"]:
        backend.tags[image_id] = dict(entry["tags"])
    return ami


def _list_snapshots_response(self):
    from moto.core.responses import ActionResult

    ids = _ids(self, "SnapshotIds")
    self.error_on_dryrun()
    return ActionResult({"Snapshots": list_snapshots(self.ec2_backend, ids)})


def _list_images_response(self):
    from moto.core.responses import ActionResult

    ids = _ids(self, "ImageIds")
    self.error_on_dryrun()
    return ActionResult({"Images": list_images(self.ec2_backend, ids)})


def _restore_snapshot_response(self):
    from moto.core.responses import ActionResult

    snapshot_id = self._get_param("SnapshotId")
    self.error_on_dryrun()
    snapshot = restore_snapshot(self.ec2_backend, snapshot_id)
    return ActionResult({
        "SnapshotId": snapshot.id, "Description": snapshot.description or "", "Encrypted": bool(snapshot.encrypted),
        "OwnerId": snapshot.owner_id, "Progress": state.progress(snapshot), "StartTime": snapshot.start_time,
        "State": state.status(snapshot), "VolumeId": snapshot.volume.id, "VolumeSize": state.size(snapshot)})


def _restore_image_response(self):
    from moto.core.responses import ActionResult

    image_id = self._get_param("ImageId")
    self.error_on_dryrun()
    restore_image(self.ec2_backend, image_id)
    return ActionResult({"Return": True})


def patches():
    """(moto class, attribute, replacement) for every attribute this module patches."""
    from moto.ec2.responses.elastic_block_store import ElasticBlockStore

    return [
        (ElasticBlockStore, "list_snapshots_in_recycle_bin", _list_snapshots_response),
        (ElasticBlockStore, "list_images_in_recycle_bin", _list_images_response),
        (ElasticBlockStore, "restore_snapshot_from_recycle_bin", _restore_snapshot_response),
        (ElasticBlockStore, "restore_image_from_recycle_bin", _restore_image_response),
    ]
