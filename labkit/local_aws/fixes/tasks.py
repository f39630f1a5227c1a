"""AMI and snapshot tasks with Amazon S3: export and import, store and restore (moto implements none).

Emulated minimally, with the states and fields AWS documents (EC2 API reference: ExportImage,
ImportImage, ImportSnapshot, CreateStoreImageTask, CreateRestoreImageTask and their Describe
calls; the AWS CLI's documented examples), against the local AWS's own Amazon S3 (moto's S3,
same server):

- A task is ``active`` (store: ``InProgress``) with a rising ``Progress`` for
  LABKIT_SNAPSHOT_SECONDS, like a snapshot, then ``completed`` (``Completed``); it is settled when
  it is next described (no threads).
- ``export-image`` writes ``<prefix><task id>.<format>`` into the bucket; ``create-store-image-task``
  writes ``<ami id>.bin``. The object holds a description of the AMI (JSON), not a disk image.
- ``create-restore-image-task`` reads such a ``.bin`` object and registers a new AMI with new
  snapshots of the stored sizes (``pending`` like any new snapshot); ``import-snapshot`` makes a
  snapshot of the S3 object's size (at least 1 GiB), ``import-image`` an AMI on such a snapshot.
- Refused as on AWS: an unknown AMI, a bucket that does not exist, a missing ``.bin`` object, a
  name an AMI of the account already has. An import whose S3 object does not exist ends
  ``deleted`` with a ``ClientError`` status message (our wording).

Used by the oracle over the AWS CLI's documented examples (tests/test_aws_oracle.py).
"""

import json
import math

from . import _util, state

_TASKS = "_labkit_tasks"
GIB = 1024 ** 3


class Task:
    """One task: what the request asked, and the state the local AWS keeps for it."""

    def __init__(self, task_id, **fields):
        from moto.core.utils import utcnow

        self.id = task_id
        self.fields = fields
        self.started = utcnow()
        self.result = {}       # what completion produced (ids, sizes)
        self.failure = None    # a ClientError message: the task ended `deleted`
        self.settled = False
        state.start_pending(self)

    @property
    def done(self):
        return not state.is_pending(self)

    @property
    def percent(self):
        return state.progress(self).rstrip("%")


def _tasks(backend, kind):
    return backend.__dict__.setdefault(_TASKS, {}).setdefault(kind, {})


def _s3(backend):
    from moto.s3.models import s3_backends
    from moto.utilities.utils import get_partition

    return s3_backends[backend.account_id][get_partition(backend.region_name)]


def _bucket_exists(backend, bucket):
    return bool(bucket) and bucket in _s3(backend).buckets


def _need_bucket(backend, bucket):
    if not _bucket_exists(backend, bucket):
        raise _util.ec2_error("InvalidParameter", f"The S3 bucket '{bucket}' does not exist.")


def _object_size(backend, bucket, key):
    """The S3 object's size in bytes, or None if there is no such object."""
    if not _bucket_exists(backend, bucket):
        return None
    found = _s3(backend).buckets[bucket].keys.get(key)
    return None if found is None else found.size


def _write(backend, bucket, key, body):
    _s3(backend).put_object(bucket, key, json.dumps(body, indent=2).encode())


def _own_image(backend, image_id):
    ami = backend.amis.get(image_id or "")
    if ami is None or not state.own(backend, ami):
        raise _util.ec2_error("InvalidAMIID.NotFound", f"The image id '[{image_id}]' does not exist")
    return ami


def _image_record(ami):
    """What a stored or exported AMI object holds: the AMI's description and its volumes' sizes."""
    return {"Name": ami.name, "Description": ami.description or "", "Architecture": ami.architecture,
            "RootDeviceName": ami.root_device_name, "VirtualizationType": ami.virtualization_type,
            "EnaSupport": bool(getattr(ami, "ena_support", False)),
            "BlockDeviceMappings": [m for m in state.mappings(ami) if m.get("Ebs")]}


def _new_snapshot(backend, size, description):
    """A snapshot that does not come from a volume of yours (``vol-ffffffff``), pending as any new one."""
    from moto.ec2.models.elastic_block_store import Snapshot, Volume
    from moto.ec2.utils import random_snapshot_id

    volume = Volume(backend, "vol-ffffffff", size, None)
    snapshot = Snapshot(backend, random_snapshot_id(), volume, description)
    state.set_size(snapshot, size)
    backend.snapshots[snapshot.id] = snapshot
    state.start_pending(snapshot)
    return snapshot


def _new_image(backend, name, description, record, snapshots):
    """A registered AMI whose mappings point at ``snapshots`` (one per stored EBS mapping)."""
    from moto.ec2.models.amis import Ami
    from moto.ec2.utils import random_ami_id

    ami = Ami(backend, random_ami_id(), name=name, description=description,
              architecture=record.get("Architecture", "x86_64"),
              virtualization_type=record.get("VirtualizationType", "hvm"), root_device_type="ebs",
              root_device_name=record.get("RootDeviceName", "/dev/xvda"), hypervisor="xen")
    backend.snapshots.pop(ami.ebs_snapshot.id, None)  # the bookkeeping snapshot moto makes
    mappings = []
    for mapping, snapshot in zip(record["BlockDeviceMappings"], snapshots):
        ebs = {**mapping["Ebs"], "SnapshotId": snapshot.id, "VolumeSize": snapshot.volume_size, "Encrypted": False}
        ebs.pop("KmsKeyId", None)
        mappings.append({"DeviceName": mapping["DeviceName"], "Ebs": ebs})
    state.set_mappings(ami, mappings)
    ami.ebs_snapshot = snapshots[0]
    ami.ena_support = record.get("EnaSupport", True)
    backend.amis[ami.id] = ami
    return ami


def _check_new_name(backend, name):
    if not name:
        raise _util.ec2_error("MissingParameter", "The request must contain the parameter name")
    for ami in list(backend.amis.values()):
        if ami.name == name and state.own(backend, ami):
            raise _util.ec2_error("InvalidAMIName.Duplicate", f"AMI name {name} is already in use by AMI {ami.id}")


# --- settling: what a task does when its time is over ---------------------------------------------

def _settle(backend, kind, task):
    if task.settled or not task.done:
        return
    task.settled = True
    f = task.fields
    if kind == "export":
        key = f"{f['S3Prefix']}{task.id}.{f['DiskImageFormat'].lower()}"
        if _bucket_exists(backend, f["S3Bucket"]):
            _write(backend, f["S3Bucket"], key, {"ExportImageTaskId": task.id, **f["Record"]})
        else:
            task.failure = f"ClientError: The S3 bucket '{f['S3Bucket']}' does not exist."
    elif kind == "store":
        if _bucket_exists(backend, f["Bucket"]):
            _write(backend, f["Bucket"], f["ObjectKey"], {"AmiId": f["AmiId"], **f["Record"]})
        else:
            task.failure = f"The S3 bucket '{f['Bucket']}' does not exist."
    elif kind in ("snapshot", "image"):
        disks = []
        for disk in f["Disks"]:
            bucket = disk.get("UserBucket", {})
            size = _object_size(backend, bucket.get("S3Bucket"), bucket.get("S3Key"))
            if size is None:
                task.failure = (f"ClientError: The S3 object s3://{bucket.get('S3Bucket')}/{bucket.get('S3Key')} "
                                "does not exist or is not readable.")
                return
            disks.append((disk, size))
        snapshots = [_new_snapshot(backend, max(1, math.ceil(size / GIB)), f.get("Description") or "")
                     for _, size in disks]
        task.result = {"Sizes": [float(size) for _, size in disks], "SnapshotIds": [s.id for s in snapshots]}
        if kind == "image":
            record = {"Architecture": f.get("Architecture") or "x86_64", "RootDeviceName": "/dev/sda1",
                      "VirtualizationType": "hvm", "BlockDeviceMappings": [
                          {"DeviceName": "/dev/sda1" if i == 0 else f"/dev/sd{chr(ord('b') + i - 1)}",
                           "Ebs": {"DeleteOnTermination": True, "VolumeType": "gp2"}} for i in range(len(snapshots))]}
            ami = _new_image(backend, task.id, f.get("Description") or "", record, snapshots)
            task.result["ImageId"] = ami.id


def _described(backend, kind, ids, key):
    tasks = _tasks(backend, kind)
    chosen = [tasks[i] for i in ids if i in tasks] if ids else list(tasks.values())
    for task in chosen:
        _settle(backend, kind, task)
    return chosen


def _status(task):
    if task.failure:
        return {"Status": "deleted", "StatusMessage": task.failure}
    if task.done:
        return {"Status": "completed"}
    return {"Status": "active", "Progress": task.percent}


# --- export-image ------------------------------------------------------------------------------

def _export_image(self):
    from moto.core.responses import ActionResult
    from moto.ec2.utils import random_id

    backend = self.ec2_backend
    ami = _own_image(backend, self._get_param("ImageId"))
    fmt = (self._get_param("DiskImageFormat") or "").upper()
    if fmt not in ("VMDK", "RAW", "VHD"):
        raise _util.ec2_error("InvalidParameterValue", f"Value ({fmt}) for parameter diskImageFormat is invalid.")
    bucket = self._get_param("S3ExportLocation.S3Bucket")
    prefix = self._get_param("S3ExportLocation.S3Prefix") or ""
    _need_bucket(backend, bucket)
    self.error_on_dryrun()
    task = Task(random_id(prefix="export-ami"), ImageId=ami.id, DiskImageFormat=fmt, S3Bucket=bucket,
                S3Prefix=prefix, RoleName=self._get_param("RoleName") or "vmimport",
                Description=self._get_param("Description"), Record=_image_record(ami))
    _tasks(backend, "export")[task.id] = task
    _settle(backend, "export", task)
    return ActionResult({**_export_view(task), "DiskImageFormat": fmt.lower(), "ImageId": ami.id,
                         "RoleName": task.fields["RoleName"], "Progress": "0", "Status": "active",
                         "StatusMessage": "validating", "Tags": []})


def _export_view(task):
    view = {"ExportImageTaskId": task.id, "ImageId": task.fields["ImageId"],
            "S3ExportLocation": {"S3Bucket": task.fields["S3Bucket"], "S3Prefix": task.fields["S3Prefix"]}}
    if task.fields.get("Description"):
        view["Description"] = task.fields["Description"]
    status = _status(task)
    if status["Status"] == "active":
        status["StatusMessage"] = "converting"
    return {**view, **status}


def _describe_export_image_tasks(self):
    from moto.core.responses import ActionResult

    chosen = _described(self.ec2_backend, "export", self._get_param("ExportImageTaskIds", []), "ExportImageTaskId")
    return ActionResult({"ExportImageTasks": [_export_view(t) for t in chosen]})


# --- store / restore -----------------------------------------------------------------------------

def _create_store_image_task(self):
    from moto.core.responses import ActionResult

    backend = self.ec2_backend
    ami = _own_image(backend, self._get_param("ImageId"))
    bucket = self._get_param("Bucket")
    _need_bucket(backend, bucket)
    self.error_on_dryrun()
    task = Task(ami.id, AmiId=ami.id, Bucket=bucket, ObjectKey=f"{ami.id}.bin", Record=_image_record(ami))
    _tasks(backend, "store")[task.id] = task
    _settle(backend, "store", task)
    return ActionResult({"ObjectKey": task.fields["ObjectKey"]})


def _store_view(task):
    done = task.done
    return {"AmiId": task.fields["AmiId"], "Bucket": task.fields["Bucket"], "S3objectKey": task.fields["ObjectKey"],
            "TaskStartTime": task.started, "ProgressPercentage": 100 if done else int(task.percent),
            "StoreTaskState": ("Failed" if task.failure else "Completed") if done else "InProgress",
            "StoreTaskFailureReason": task.failure}


def _describe_store_image_tasks(self):
    from moto.core.responses import ActionResult

    chosen = _described(self.ec2_backend, "store", self._get_param("ImageIds", []), "AmiId")
    return ActionResult({"StoreImageTaskResults": [_store_view(t) for t in chosen]})


def _create_restore_image_task(self):
    from moto.core.responses import ActionResult

    backend = self.ec2_backend
    bucket, key, name = self._get_param("Bucket"), self._get_param("ObjectKey"), self._get_param("Name")
    _need_bucket(backend, bucket)
    stored = _s3(backend).buckets[bucket].keys.get(key or "")
    if stored is None:
        raise _util.ec2_error("InvalidParameter", f"The S3 object '{key}' does not exist in bucket '{bucket}'.")
    try:
        record = json.loads(stored.value)
        mappings = record["BlockDeviceMappings"]
    except (ValueError, KeyError, TypeError):
        raise _util.ec2_error("InvalidParameter", f"The S3 object '{key}' is not an AMI stored by "
                                                  "CreateStoreImageTask.") from None
    _check_new_name(backend, name)
    self.error_on_dryrun()
    snapshots = [_new_snapshot(backend, int(m["Ebs"].get("VolumeSize") or 8), f"Restored from {key}")
                 for m in mappings]
    ami = _new_image(backend, name, record.get("Description", ""), record, snapshots)
    for spec in self._parse_tag_specification().get("image", {}).items():
        ami.add_tag(*spec)
    return ActionResult({"ImageId": ami.id})


# --- import-snapshot / import-image --------------------------------------------------------------

def _disk(container):
    fmt = container.get("Format")
    bucket = container.get("UserBucket") or {}
    view = {"Format": fmt.upper() if fmt else fmt, "UserBucket": {"S3Bucket": bucket.get("S3Bucket"),
                                                                   "S3Key": bucket.get("S3Key")}}
    if container.get("Url"):
        view["Url"] = container["Url"]
    return view


def _import_snapshot(self):
    from moto.core.responses import ActionResult
    from moto.ec2.utils import random_id

    container = self._get_param("DiskContainer") or {}
    if not container.get("UserBucket") and not container.get("Url"):
        raise _util.ec2_error("MissingParameter", "The request must contain the parameter DiskContainer.UserBucket")
    self.error_on_dryrun()
    description = self._get_param("Description")
    task = Task(random_id(prefix="import-snap"), Description=description, Disks=[_disk(container)])
    _tasks(self.ec2_backend, "snapshot")[task.id] = task
    answer = _snapshot_view(task)
    answer["SnapshotTaskDetail"].update({"DiskImageSize": 0.0, "Progress": "3", "Status": "active",
                                         "StatusMessage": "pending"})  # AWS's first answer
    answer["SnapshotTaskDetail"].pop("SnapshotId", None)
    _settle(self.ec2_backend, "snapshot", task)
    return ActionResult({**answer, "Tags": []})


def _snapshot_view(task):
    detail = {**task.fields["Disks"][0], **_status(task)}
    if task.fields.get("Description"):
        detail["Description"] = task.fields["Description"]
    if task.result:
        detail["DiskImageSize"] = task.result["Sizes"][0]
        detail["SnapshotId"] = task.result["SnapshotIds"][0]
    elif not task.failure:
        detail.update({"DiskImageSize": 0.0, "StatusMessage": "downloading/converting"})
    view = {"ImportTaskId": task.id, "SnapshotTaskDetail": detail}
    if task.fields.get("Description"):
        view["Description"] = task.fields["Description"]
    return view


def _describe_import_snapshot_tasks(self):
    from moto.core.responses import ActionResult

    chosen = _described(self.ec2_backend, "snapshot", self._get_param("ImportTaskIds", []), "ImportTaskId")
    return ActionResult({"ImportSnapshotTasks": [_snapshot_view(t) for t in chosen]})


def _import_image(self):
    from moto.core.responses import ActionResult
    from moto.ec2.utils import random_id

    containers = self._get_param("DiskContainers", [])
    if not containers or not all(c.get("UserBucket") or c.get("Url") for c in containers):
        raise _util.ec2_error("MissingParameter", "The request must contain the parameter DiskContainer.UserBucket")
    self.error_on_dryrun()
    disks = [{**_disk(c), "Format": c.get("Format")} for c in containers]  # answered as given (ova)
    task = Task(random_id(prefix="import-ami"), Description=self._get_param("Description"), Disks=disks,
                Architecture=self._get_param("Architecture"))
    _tasks(self.ec2_backend, "image")[task.id] = task
    answer = {"ImportTaskId": task.id, "Progress": "2", "Status": "active", "StatusMessage": "pending",
              "SnapshotDetails": [{**d, "DiskImageSize": 0.0} for d in disks], "Tags": []}
    if task.fields.get("Description"):
        answer["Description"] = task.fields["Description"]
    _settle(self.ec2_backend, "image", task)
    return ActionResult(answer)


def _image_view(task):
    details = []
    for i, disk in enumerate(task.fields["Disks"]):
        detail = {**disk, "DiskImageSize": task.result["Sizes"][i] if task.result else 0.0,
                  "Status": "completed" if task.result else "active"}
        if task.result:
            detail["SnapshotId"] = task.result["SnapshotIds"][i]
        details.append(detail)
    view = {"ImportTaskId": task.id, "SnapshotDetails": details, **_status(task)}
    if view["Status"] == "active":
        view["StatusMessage"] = "converting"
    if task.result:
        view.update({"ImageId": task.result["ImageId"], "Architecture": task.fields.get("Architecture") or "x86_64",
                     "Platform": "Linux"})
    if task.fields.get("Description"):
        view["Description"] = task.fields["Description"]
    return view


def _describe_import_image_tasks(self):
    from moto.core.responses import ActionResult

    chosen = _described(self.ec2_backend, "image", self._get_param("ImportTaskIds", []), "ImportTaskId")
    return ActionResult({"ImportImageTasks": [_image_view(t) for t in chosen]})


def patches():
    """(moto class, attribute, replacement) for every attribute this module patches."""
    from moto.ec2.responses import EC2Response

    return [
        (EC2Response, "export_image", _export_image),
        (EC2Response, "describe_export_image_tasks", _describe_export_image_tasks),
        (EC2Response, "create_store_image_task", _create_store_image_task),
        (EC2Response, "describe_store_image_tasks", _describe_store_image_tasks),
        (EC2Response, "create_restore_image_task", _create_restore_image_task),
        (EC2Response, "import_snapshot", _import_snapshot),
        (EC2Response, "describe_import_snapshot_tasks", _describe_import_snapshot_tasks),
        (EC2Response, "import_image", _import_image),
        (EC2Response, "describe_import_image_tasks", _describe_import_image_tasks),
    ]
