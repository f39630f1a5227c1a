"""Volume fixes (docs/local-aws-differences.md rows 1, 3, 9): root volumes from the AMI, CreateVolume checks.

- ``RunInstances`` creates every EBS volume of the AMI's block device mapping, each restored
  from its snapshot at the AMI's device name (root at ``/dev/xvda`` for Amazon Linux 2023),
  merged with the request's own mappings (a data volume at ``/dev/sdf`` keeps the root too).
  moto put an empty 8 GiB root at ``/dev/sda1``, or no root at all when mappings were given.
  ``CreateSnapshots(ExcludeBootVolume=True)`` then leaves the boot volume out (row 3).
- ``CreateVolume`` refuses a snapshot that is not ``completed`` yet (``IncorrectState``), and a
  size below the snapshot's, a size outside the type's limits and an unknown zone
  (``InvalidParameterValue``), as AWS does.
- A volume created from an encrypted snapshot is encrypted with the snapshot's key.

Used by 02_demo16_crear_snapshot, 04_ami_desde_snapshots and 05_demo17_crear_ami.
"""

from . import _util, state

# GiB limits per volume type (EBS user guide, "Amazon EBS volume types").
SIZE_LIMITS = {
    "gp2": (1, 16384), "gp3": (1, 16384), "io1": (4, 16384), "io2": (4, 65536),
    "st1": (125, 16384), "sc1": (125, 16384), "standard": (1, 1024),
}


# --- run-instances (rows 1 and 3) ----------------------------------------------------------

def launch_mappings(backend, ami, requested):
    """The AMI's EBS mappings merged with the request's (as moto's run_instances reads them)."""
    merged = {}
    for mapping in ami.block_device_mappings:
        if mapping.get("Ebs"):
            ebs = {k: v for k, v in mapping["Ebs"].items() if k != "Encrypted" or v}
            merged[mapping["DeviceName"]] = {"DeviceName": mapping["DeviceName"], "Ebs": ebs}
    from_ami = set(merged)
    for item in requested:
        device = item.get("DeviceName")
        given = item.get("Ebs") or {}  # moto's parser fills an Ebs template even for instance store
        if item.get("VirtualName") and not (given.get("SnapshotId") or given.get("VolumeSize")):
            continue  # an instance-store volume: none on EBS-only instance types, as on AWS
        if item.get("NoDevice") == "":
            merged.pop(device, None)
            continue
        ebs = dict(merged.get(device, {}).get("Ebs", {}))
        for key, value in (item.get("Ebs") or {}).items():
            if value is None:
                continue
            if key == "Encrypted":
                value = bool(value) or bool(ebs.get("Encrypted"))
            if key == "DeleteOnTermination" and device in from_ami and value is False:
                continue  # moto fills False when the request does not say; keep the AMI's
            ebs[key] = value
        merged[device] = {"DeviceName": device, "Ebs": ebs, "NoDevice": item.get("NoDevice")}
    for mapping in merged.values():
        ebs = mapping["Ebs"]
        snapshot = backend.snapshots.get(ebs.get("SnapshotId")) if ebs.get("SnapshotId") else None
        if snapshot is not None and ebs.get("VolumeSize") is not None and int(ebs["VolumeSize"]) < snapshot.volume_size:
            raise _util.ec2_error("InvalidBlockDeviceMapping", _util.too_small(ebs["VolumeSize"], snapshot))
    root = ami.root_device_name
    return sorted(merged.values(), key=lambda m: (m["DeviceName"] != root, m["DeviceName"]))


def _run_instances(self, image_id, count, user_data, security_group_names, **kwargs):
    from moto.ec2.models.instances import InstanceBackend

    ami = self.amis.get(image_id) if image_id else None
    if ami is not None and not kwargs.get("launch_template") and not kwargs.get("launch_config"):
        mappings = launch_mappings(self, ami, kwargs.get("block_device_mappings") or [])
        if mappings:
            kwargs["block_device_mappings"] = mappings
    return _util.original(InstanceBackend, "run_instances")(
        self, image_id, count, user_data, security_group_names, **kwargs
    )


# --- create-volume (row 9) -----------------------------------------------------------------

def _invalid(message):
    return _util.ec2_error("InvalidParameterValue", message)


def check_create_volume(backend, size, zone, snapshot_id, volume_type):
    """AWS's CreateVolume checks that moto skips (raises an EC2 error, changes nothing)."""
    volume_type = volume_type or "gp2"
    if zone is not None and backend.get_zone_by_name(zone) is None:
        raise _invalid(f"Invalid availability zone: [{zone}]")
    if size is not None:
        size = int(size)
        low, high = SIZE_LIMITS.get(volume_type, (1, 16384))
        if size < low:
            raise _invalid(f"The volume size is invalid for {volume_type} volumes: {size} GiB. {volume_type} volumes "
                           f"must be at least {low} GiB in size. Please specify a volume size above the minimum limit.")
        if size > high:
            raise _invalid(f"The volume size is invalid for {volume_type} volumes: {size} GiB. {volume_type} volumes "
                           f"must be at most {high} GiB in size. Please specify a volume size below the maximum limit.")
    if snapshot_id:
        snapshot = backend.snapshots.get(snapshot_id)
        if snapshot is None or not state.visible(snapshot, backend.account_id):
            raise _util.snapshot_not_found(snapshot_id)
        if state.storage_tier(snapshot) == "archive":  # archive tier (row 13): restore it first
            raise _util.ec2_error("IncorrectState", f"Snapshot {snapshot_id} is in the archive tier. "
                                                    "Restore it before you use it.")
        if state.status(snapshot) != state.COMPLETED:  # AWS: only a completed snapshot restores a volume
            raise _util.ec2_error("IncorrectState", f"Snapshot is in invalid state - {state.status(snapshot)}")
        if size is not None and size < snapshot.volume_size:
            raise _invalid(_util.too_small(size, snapshot))


def _create_volume_response(self):
    from moto.ec2.responses.elastic_block_store import ElasticBlockStore

    check_create_volume(
        self.ec2_backend, self._get_param("Size"), self._get_param("AvailabilityZone"),
        self._get_param("SnapshotId"), self._get_param("VolumeType"),
    )
    return _util.original(ElasticBlockStore, "create_volume")(self)


# What a create or launch answers before AWS has finished (moto's own response transformers, keyed by
# the answer's path; the first whose path ends the key wins, so these come before moto's).
ANSWERS = {
    "CreateVolume.Volume.State": lambda _: "creating",
    "CreateVolume.Volume.Tags": lambda tags: tags or [],
    # a launching instance has no volumes attached yet, nor a public DNS name
    "RunInstances.Reservation.Instances.Instance.BlockDeviceMappings": lambda _: [],
    "RunInstances.Reservation.Instances.Instance.PublicDnsName": lambda _: "",
    "RunInstances.Reservation.Instances.Instance.PublicIpAddress": lambda _: None,
    # ... and, still pending, its reason, metadata options and network interface say so; no tags yet is []
    "RunInstances.Reservation.Instances.Instance.StateReason": lambda _: {"Code": "pending", "Message": "pending"},
    "RunInstances.Reservation.Instances.Instance.MetadataOptions.State": lambda _: "pending",
    "RunInstances.Reservation.Instances.Instance.NetworkInterfaces.InstanceNetworkInterface.Attachment.Status":
        lambda _: "attaching",
    "RunInstances.Reservation.Instances.Instance.Tags": lambda tags: tags or [],
}


def _transformers():
    from moto.ec2.responses._base_response import EC2BaseResponse

    return {**ANSWERS, **_util.original(EC2BaseResponse, "RESPONSE_KEY_PATH_TO_TRANSFORMER")}


class _Transformers(dict):
    """``EC2BaseResponse.RESPONSE_KEY_PATH_TO_TRANSFORMER`` with ANSWERS first (built on first read)."""

    def __init__(self):
        super().__init__()
        self._built = False

    def _build(self):
        if not self._built:
            self._built = True
            self.update(_transformers())

    def items(self):
        self._build()
        return super().items()


_TRANSFORMERS = _Transformers()


def default_iops(volume_type, size):
    """IOPS AWS reports for a volume created without --iops (EBS user guide, volume types)."""
    if volume_type == "gp2":
        return min(16000, max(100, 3 * int(size)))
    if volume_type == "gp3":
        return 3000
    return None


def _iops_get(self):
    stored = self.__dict__.get("iops")
    return stored if stored is not None else default_iops(self.volume_type, self.size)


def _iops_set(self, value):
    self.__dict__["iops"] = value


def _snapshot_id_get(self):
    return self.__dict__.get("snapshot_id") or ""  # AWS: "" for a blank volume


def _snapshot_id_set(self, value):
    self.__dict__["snapshot_id"] = value


def _delete_on_termination_get(self):
    """An attachment's DeleteOnTermination: the instance's mapping says (attach-volume: false)."""
    mapping = getattr(self.instance, "block_device_mapping", {}).get(self.device)
    return bool(getattr(mapping, "delete_on_termination", False))


def _volume_filter(self, filter_name, method_name=None):
    from moto.ec2.models.elastic_block_store import Volume

    if filter_name == "attachment.delete-on-termination":
        return str(self.attachment.delete_on_termination).lower() if self.attachment else None
    return _util.original(Volume, "get_filter_value")(self, filter_name, method_name)


def _detach_volume(self, volume_id, instance_id, device_path):
    """DetachVolume with the volume id alone (as documented): the instance is the one it is attached to."""
    from moto.ec2.models.elastic_block_store import EBSBackend

    if not instance_id:
        volume = self.get_volume(volume_id)
        if volume.attachment is None:
            raise _util.ec2_error("IncorrectState", f"Volume '{volume_id}' is in the 'available' state.")
        instance_id = volume.attachment.instance.id
    return _util.original(EBSBackend, "detach_volume")(self, volume_id, instance_id, device_path)


def _create_volume(self, size, zone_name, snapshot_id=None, encrypted=False, kms_key_id=None, volume_type=None,
                   iops=None, throughput=None, multi_attach_enabled=None):
    from moto.ec2.models.elastic_block_store import EBSBackend

    snapshot = self.get_snapshot(snapshot_id) if snapshot_id else None
    if snapshot is not None:
        if size is None:
            size = snapshot.volume_size
        if snapshot.encrypted:  # AWS: volumes from an encrypted snapshot are encrypted
            encrypted = True
            kms_key_id = kms_key_id or snapshot.kms_key_id
    if not encrypted and getattr(self, "ebs_encryption_by_default", False):
        encrypted = True  # "encryption by default" (a per-region setting) uses alias/aws/ebs
    return _util.original(EBSBackend, "create_volume")(
        self, size, zone_name, snapshot_id=snapshot_id, encrypted=encrypted, kms_key_id=kms_key_id,
        volume_type=volume_type, iops=iops, throughput=throughput, multi_attach_enabled=multi_attach_enabled,
    )


def _instance_ena_get(self):
    """An instance shows its AMI's ENA support (moto omits EnaSupport)."""
    ami = self.ec2_backend.amis.get(self.image_id)
    return bool(getattr(ami, "ena_support", False)) if ami is not None else None


def patches():
    """(moto class, attribute, replacement) for every attribute this module patches."""
    from moto.ec2.models.elastic_block_store import EBSBackend, Volume, VolumeAttachment
    from moto.ec2.models.instances import Instance, InstanceBackend
    from moto.ec2.responses._base_response import EC2BaseResponse
    from moto.ec2.responses.elastic_block_store import ElasticBlockStore

    return [
        (EC2BaseResponse, "RESPONSE_KEY_PATH_TO_TRANSFORMER", _TRANSFORMERS),
        (InstanceBackend, "run_instances", _run_instances),
        (Instance, "ena_support", property(_instance_ena_get)),
        (ElasticBlockStore, "create_volume", _create_volume_response),
        (EBSBackend, "create_volume", _create_volume),
        (EBSBackend, "detach_volume", _detach_volume),
        (Volume, "iops", property(_iops_get, _iops_set)),
        (Volume, "snapshot_id", property(_snapshot_id_get, _snapshot_id_set)),
        (Volume, "get_filter_value", _volume_filter),
        (VolumeAttachment, "delete_on_termination", property(_delete_on_termination_get)),
    ]
