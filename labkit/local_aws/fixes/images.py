"""AMI fixes (docs/local-aws-differences.md rows 5, 6, 7): register-image, create-image, deregister, names.

- ``RegisterImage`` keeps the given block device mappings, root device name, architecture,
  virtualization type and ENA support (API defaults: i386, paravirtual), and rejects unknown
  snapshots. moto's invented 15 GiB snapshot is dropped.
- ``CreateImage`` snapshots every EBS volume of the instance ("Created by CreateImage(i-…)
  for ami-…") and the AMI refers to those snapshots; the AMI is ``pending`` while they are.
- AMI names: 3–128 characters of the allowed set (``InvalidAMIName.Malformed``), unique per
  account and region (``InvalidAMIName.Duplicate``).
- ``DeregisterImage(DeleteAssociatedSnapshots=True)`` deletes the AMI's snapshots.
- The catalogue's AMIs show their real root size (``labkit_root_size``) and ENA support.

Used by 04_ami_desde_snapshots, 05_demo17_crear_ami and 06_faq_y_limpieza (via the local AWS).
"""


from ...rules import AMI_NAME_RE as _NAME_RE
from . import _util, state

NAME_RULES = (
    "AMI names must be between 3 and 128 characters long, and may contain letters, numbers, "
    "'(', ')', '[', ']', ' ', '.', '/', '-', ''', '@' and '_'"
)


# --- what an AMI shows -------------------------------------------------------------------

def _mappings_get(self):
    return state.mappings(self)


def _state_get(self):
    return state.ami_state(self)


def _state_set(self, value):
    state.set_ami_state(self, value)


def _load_amis(self):
    """Catalogue AMIs: the root snapshot has the entry's root size; ENA is supported."""
    from moto.ec2.models.amis import AmiBackend

    _util.original(AmiBackend, "_load_amis")(self)
    for ami in self.amis.values():
        size = getattr(ami, "labkit_root_size", None)
        if size is not None:
            state.set_size(ami.ebs_snapshot, size)
            ami.ena_support = True


# --- names ---------------------------------------------------------------------------------

def check_name(backend, name):
    if not name:
        raise _util.ec2_error("MissingParameter", "The request must contain the parameter name")
    if not _NAME_RE.match(name):
        raise _util.ec2_error("InvalidAMIName.Malformed", NAME_RULES)
    for ami in list(backend.amis.values()):
        if ami.name == name and state.own(backend, ami):
            raise _util.ec2_error("InvalidAMIName.Duplicate", f"AMI name {name} is already in use by AMI {ami.id}")


def _new_ami(backend, **kwargs):
    """An ``Ami`` without the 15 GiB snapshot moto invents for every new image."""
    from moto.ec2.models.amis import Ami
    from moto.ec2.utils import random_ami_id

    ami = Ami(backend, random_ami_id(), **kwargs)
    backend.snapshots.pop(ami.ebs_snapshot.id, None)
    return ami


def _use_mappings(backend, ami, mappings):
    state.set_mappings(ami, mappings)
    ids = [m["Ebs"]["SnapshotId"] for m in mappings if m.get("Ebs", {}).get("SnapshotId")]
    root = [m["Ebs"]["SnapshotId"] for m in mappings
            if m["DeviceName"] == ami.root_device_name and m.get("Ebs", {}).get("SnapshotId")]
    chosen = (root or ids or [None])[0]
    if chosen is not None:
        ami.ebs_snapshot = backend.snapshots[chosen]


# --- register-image (row 5) ----------------------------------------------------------------

def _registered_mappings(backend, requested):
    mappings = []
    for item in requested or []:
        device = item.get("DeviceName")
        if "NoDevice" in item:
            continue
        if item.get("VirtualName"):
            mappings.append({"DeviceName": device, "VirtualName": item["VirtualName"]})
            continue
        ebs = dict(item.get("Ebs") or {})
        snapshot_id = ebs.get("SnapshotId")
        size = ebs.get("VolumeSize")
        if not snapshot_id and not size:
            raise _util.ec2_error("InvalidBlockDeviceMapping",
                                  f"Either snapshot ID or volume size must be provided for: {device}")
        entry = {"DeleteOnTermination": bool(ebs.get("DeleteOnTermination", True)),
                 "VolumeType": ebs.get("VolumeType") or "gp2", "Encrypted": bool(ebs.get("Encrypted", False))}
        if snapshot_id:
            snapshot = backend.snapshots.get(snapshot_id)
            if snapshot is None or not state.visible(snapshot, backend.account_id):
                raise _util.snapshot_not_found(snapshot_id)
            if size is not None and int(size) < snapshot.volume_size:
                raise _util.ec2_error("InvalidBlockDeviceMapping", _util.too_small(size, snapshot))
            entry["SnapshotId"] = snapshot_id
            entry["Encrypted"] = bool(snapshot.encrypted)
            size = snapshot.volume_size if size is None else size
        entry["VolumeSize"] = int(size)
        for key in ("Iops", "Throughput", "KmsKeyId"):
            if ebs.get(key) is not None:
                entry[key] = ebs[key]
        mappings.append({"DeviceName": device, "Ebs": entry})
    return mappings


def register_image(backend, name, description=None, mappings=None, root_device_name=None, architecture=None,
                   virtualization_type=None, ena_support=None, boot_mode=None, tags=None, image_location=None):
    """RegisterImage as AWS does it: an EBS-backed AMI from mappings, or an instance-store AMI from a
    manifest in Amazon S3 (``image_location``; the local AWS keeps no S3 bundle behind it)."""
    check_name(backend, name)
    _util.check_description(description)
    if not mappings and not image_location:
        raise _util.ec2_error("MissingParameter",
                              "The request must contain the parameter BlockDeviceMapping (or ImageLocation)")
    kept = _registered_mappings(backend, mappings)
    ami = _new_ami(
        backend, name=name, description=description, architecture=architecture or "i386",
        virtualization_type=virtualization_type or "paravirtual",
        root_device_type="ebs" if kept else "instance-store",
        root_device_name=root_device_name or "/dev/sda1",
        image_location=image_location or f"{backend.account_id}/{name}", hypervisor="xen",
    )
    ami.boot_mode = boot_mode
    ami.ena_support = ena_support
    _use_mappings(backend, ami, kept)
    if tags:
        ami.add_tags(tags)
    backend.amis[ami.id] = ami
    return ami


def _register_image_response(self):
    from moto.core.responses import ActionResult

    name = self._get_param("Name")
    description = self._get_param("Description", "")
    mappings = self._get_param("BlockDeviceMappings", [])
    root = self._get_param("RootDeviceName")
    architecture = self._get_param("Architecture")
    virtualization = self._get_param("VirtualizationType")
    ena = self._get_param("EnaSupport")
    boot_mode = self._get_param("BootMode")
    tags = self._parse_tag_specification().get("image", {})
    location = self._get_param("ImageLocation")
    self.error_on_dryrun()
    ami = register_image(self.ec2_backend, name, description, mappings, root, architecture, virtualization,
                         ena, boot_mode, tags, image_location=location)
    return ActionResult({"ImageId": ami.id})


# --- create-image (row 6) ------------------------------------------------------------------

def _create_image(self, instance_id, name, description, tag_specifications):
    from moto.ec2.exceptions import InvalidTaggableResourceType

    instance = self.get_instance(instance_id)
    check_name(self, name)
    image_tags, snapshot_tags = {}, {}
    for spec in tag_specifications or []:
        kind = spec.get("ResourceType")
        target = {"image": image_tags, "snapshot": snapshot_tags}.get(kind)
        if target is None:
            raise InvalidTaggableResourceType(kind)
        target.update({t["Key"]: t.get("Value", "") for t in spec.get("Tags", [])})
    source = self.amis.get(instance.image_id)
    ami = _new_ami(
        self, instance=instance, name=name, description=description, root_device_type="ebs",
        root_device_name=instance.root_device_name, image_location=f"{self.account_id}/{name}", hypervisor="xen",
    )
    ami.ena_support = getattr(source, "ena_support", None) if source is not None else True
    devices = sorted(instance.get_block_device_mapping, key=lambda d: (d[0] != instance.root_device_name, d[0]))
    mappings = []
    for device, block in devices:
        volume = self.volumes.get(block.volume_id)
        if volume is None:
            continue
        snapshot = self.create_snapshot(volume.id, f"Created by CreateImage({instance_id}) for {ami.id}")
        if snapshot_tags:
            snapshot.add_tags(snapshot_tags)
        mappings.append({"DeviceName": device, "Ebs": {
            "DeleteOnTermination": bool(block.delete_on_termination), "SnapshotId": snapshot.id,
            "VolumeSize": volume.size, "VolumeType": volume.volume_type, "Encrypted": bool(volume.encrypted)}})
    _use_mappings(self, ami, mappings)
    if image_tags:
        ami.add_tags(image_tags)
    self.amis[ami.id] = ami
    return ami


# --- copy-image ------------------------------------------------------------------------------

def copy_image(backend, source_id, source_region, name, description=None, encrypted=False, kms_key_id=None,
               copy_tags=False):
    """CopyImage as AWS does it: each of the source AMI's snapshots is copied (encrypted with the
    named key, or the default one, when asked), the new AMI refers to the copies, and with
    ``copy_tags`` the source AMI's own tags come along."""
    from moto.ec2.models import ec2_backends

    check_name(backend, name)
    _util.check_description(description)
    source_backend = ec2_backends[backend.account_id][source_region or backend.region_name]
    source = source_backend.amis.get(source_id)
    if source is None:
        raise _util.ec2_error("InvalidAMIID.NotFound", f"The image id '[{source_id}]' does not exist")
    mappings = state.mappings(source)
    for mapping in mappings:
        ebs = mapping.get("Ebs") or {}
        if ebs.get("SnapshotId"):
            copy = backend.copy_snapshot(ebs["SnapshotId"], source_backend.region_name,
                                         f"Copied for DestinationAmi from SourceAmi {source_id}",
                                         kms_key_id=kms_key_id, encrypted=encrypted)
            ebs["SnapshotId"], ebs["Encrypted"] = copy.id, bool(copy.encrypted)
            if copy.encrypted:
                ebs["KmsKeyId"] = copy.kms_key_id
    ami = _new_ami(
        backend, name=name, description=description if description is not None else source.description,
        architecture=source.architecture, virtualization_type=source.virtualization_type,
        root_device_type=source.root_device_type, root_device_name=source.root_device_name,
        image_location=f"{backend.account_id}/{name}", hypervisor="xen",
    )
    ami.ena_support = source.ena_support
    ami.boot_mode = getattr(source, "boot_mode", None)
    _use_mappings(backend, ami, mappings)
    if copy_tags:
        own_tags = {k: v for k, v in source_backend.tags.get(source_id, {}).items() if not k.startswith("aws:")}
        if own_tags:
            ami.add_tags(own_tags)
    backend.amis[ami.id] = ami
    return ami


def _copy_image_response(self):
    from moto.core.responses import ActionResult

    self.error_on_dryrun()
    ami = copy_image(
        self.ec2_backend, self._get_param("SourceImageId"), self._get_param("SourceRegion"), self._get_param("Name"),
        self._get_param("Description"), self._get_bool_param("Encrypted", False), self._get_param("KmsKeyId"),
        self._get_bool_param("CopyImageTags", False))
    return ActionResult({"ImageId": ami.id})


# --- deregister-image (row 7) --------------------------------------------------------------

def _deregister_image_response(self):
    from moto.core.responses import ActionResult
    from moto.ec2.exceptions import EC2ClientError

    ami_id = self._get_param("ImageId")
    delete_snapshots = self._get_param("DeleteAssociatedSnapshots", False)
    self.error_on_dryrun()
    backend = self.ec2_backend
    ami = backend.amis.get(ami_id)
    if ami is not None and not state.own(backend, ami):  # e.g. Amazon's AMI from the catalogue
        raise _util.ec2_error("AuthFailure", f"Not authorized for image:{ami_id}")
    associated = state.image_snapshot_ids(ami) if ami is not None else []
    backend.deregister_image(ami_id)
    tags = backend.tags.pop(ami_id, None)  # AWS: a deregistered AMI's tags go with it
    state.keep_if_a_rule_covers(backend, "images", ami, tags)  # Recycle Bin (row 13)
    result = {"Return": True}
    if delete_snapshots in (True, "true", "True"):
        outcomes = []
        for snapshot_id in associated:
            snapshot = backend.snapshots.get(snapshot_id)
            if snapshot is None or not state.own(backend, snapshot):
                outcomes.append({"SnapshotId": snapshot_id, "ReturnCode": "missing-permissions"})
                continue
            try:
                backend.delete_snapshot(snapshot_id)
            except EC2ClientError:  # still used by another AMI
                outcomes.append({"SnapshotId": snapshot_id, "ReturnCode": "skipped"})
            else:
                outcomes.append({"SnapshotId": snapshot_id, "ReturnCode": "success"})
        result["DeleteSnapshotResults"] = outcomes
    return ActionResult(result)


def _platform_details_get(self):
    return "Windows" if (self.platform or "").lower() == "windows" else "Linux/UNIX"


def _usage_operation_get(self):
    return "RunInstances:0002" if (self.platform or "").lower() == "windows" else "RunInstances"


def _sriov_get(self):
    return self.sriov


def patches():
    """(moto class, attribute, replacement) for every attribute this module patches.

    ``AmiBackend._load_amis`` is already the catalogue's when this runs (``server.prepare_moto``
    installs the catalogue first): this fix wraps it.
    """
    from moto.ec2.models.amis import Ami, AmiBackend
    from moto.ec2.responses.amis import AmisResponse

    return [
        (Ami, "block_device_mappings", property(_mappings_get)),
        (Ami, "state", property(_state_get, _state_set)),
        (Ami, "ena_support", None),
        (Ami, "platform_details", property(_platform_details_get)),
        (Ami, "usage_operation", property(_usage_operation_get)),
        (Ami, "sriov_net_support", property(_sriov_get)),
        (AmiBackend, "_load_amis", _load_amis),
        (AmiBackend, "create_image", _create_image),
        (AmisResponse, "register_image", _register_image_response),
        (AmisResponse, "deregister_image", _deregister_image_response),
        (AmisResponse, "copy_image", _copy_image_response),
    ]
