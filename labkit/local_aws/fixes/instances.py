"""Instance fixes: what AWS answers about an instance and moto leaves out (the AWS CLI's documented
``run-instances`` and ``describe-instances`` examples, docs/local-aws-differences.md).

- Every instance has the settings AWS reports even when nobody asked for them: ``CpuOptions`` (the
  instance type's default cores and threads per core), ``CapacityReservationSpecification``
  (``open``), ``HibernationOptions`` (``Configured``), ``EnclaveOptions``, ``MaintenanceOptions``
  (``AutoRecovery: default``), ``PrivateDnsNameOptions`` (``ip-name``), ``PlatformDetails`` and
  ``UsageOperation`` from its AMI (``Linux/UNIX``, ``RunInstances``) and ``UsageOperationUpdateTime``.
- Launched with no security group, an instance is in its VPC's ``default`` group, as on AWS.
- The network interface ``RunInstances`` creates for an instance has no description and is deleted
  with the instance (``DeleteOnTermination: true``); its private addresses have DNS names.
- ``Placement.GroupName`` / ``PartitionNumber`` of the request are kept: a partition placement group
  (``CreatePlacementGroup --strategy partition``) gives each instance a partition, the one asked
  for or, as AWS does, the emptiest one; an unknown group is ``InvalidPlacementGroup.Unknown``.
- ``describe-instances`` filters ``placement-group-name`` and ``placement-partition-number``.
- ``RunInstances`` accepts an instance-store mapping (``VirtualName``, no ``Ebs``), as AWS does; on
  EBS-only instance types it makes no volume (``volumes.launch_mappings``).

Used by the oracle over the AWS CLI's documented examples (tests/test_aws_oracle.py).
"""

from . import _util

# AWS's defaults for an instance launched without asking for them (EC2 API reference, Instance).
DEFAULTS = {
    "capacity_reservation_specification": {"CapacityReservationPreference": "open"},
    "enclave_options": {"Enabled": False},
    "maintenance_options": {"AutoRecovery": "default"},
    "private_dns_name_options": {"HostnameType": "ip-name", "EnableResourceNameDnsARecord": False,
                                 "EnableResourceNameDnsAAAARecord": False},
}
_HIBERNATION = "_labkit_hibernation_options"
_PLACEMENT_GROUP = "_labkit_placement_group"
_PARTITION = "_labkit_partition_number"


def _cpu_options(self):
    from moto.ec2.models.instance_types import INSTANCE_TYPES

    info = INSTANCE_TYPES.get(self.instance_type, {}).get("VCpuInfo", {})
    return {"CoreCount": info.get("DefaultCores", 1), "ThreadsPerCore": info.get("DefaultThreadsPerCore", 1)}


def _hibernation_get(self):
    given = self.__dict__.get(_HIBERNATION) or {}
    return {"Configured": str(given.get("Configured", False)).lower() == "true"}


def _hibernation_set(self, value):
    self.__dict__[_HIBERNATION] = value


def _platform_details(self):
    ami = self.ec2_backend.amis.get(self.image_id)
    details = getattr(ami, "platform_details", None) if ami is not None else None
    return details or ("Windows" if (self.platform or "").lower() == "windows" else "Linux/UNIX")


def _usage_operation(self):
    return "RunInstances:0002" if (self.platform or "").lower() == "windows" else "RunInstances"


def _usage_operation_update_time(self):
    return self.launch_time


def _init(self, ec2_backend, image_id, user_data, security_groups, **kwargs):
    from moto.ec2.models.instances import Instance

    _util.original(Instance, "__init__")(self, ec2_backend, image_id, user_data, security_groups, **kwargs)
    nic_groups = any(nic.get("Groups") for nic in kwargs.get("nics") or [])
    if not self.security_groups and not nic_groups and self.vpc_id:  # AWS: the VPC's default security group
        default = ec2_backend.get_default_security_group(self.vpc_id)
        if default is not None:
            self.security_groups = [default]
    if not kwargs.get("nics"):  # the primary interface RunInstances made for this instance
        for eni in self.nics.values():
            if eni.device_index == 0:
                eni.description = ""
                eni.delete_on_termination = True


def _private_ip_address_list(self):
    from moto.ec2.models.elastic_network_interfaces import NetworkInterface
    from moto.ec2.utils import generate_dns_from_ip

    items = _util.original(NetworkInterface, "instance_private_ip_address_list").fget(self)
    for item in items:
        if item.get("PrivateIpAddress"):
            item["PrivateDnsName"] = generate_dns_from_ip(item["PrivateIpAddress"])
    return items


# --- placement groups (CreatePlacementGroup, DescribePlacementGroups, DeletePlacementGroup) ---------

def _groups(backend):
    return backend.__dict__.setdefault("_labkit_placement_groups", {})


def _create_placement_group(self):
    from moto.core.responses import ActionResult

    name = self._get_param("GroupName")
    strategy = self._get_param("Strategy") or "cluster"
    groups = _groups(self.ec2_backend)
    if not name:
        raise _util.ec2_error("MissingParameter", "The request must contain the parameter groupName")
    if name in groups:
        raise _util.ec2_error("InvalidPlacementGroup.Duplicate", f"The Placement Group '{name}' already exists.")
    if strategy not in ("cluster", "spread", "partition"):
        raise _util.ec2_error("InvalidParameterValue", f"Value ({strategy}) for parameter strategy is invalid.")
    count = int(self._get_param("PartitionCount") or (2 if strategy == "partition" else 0))
    if strategy == "partition" and not 1 <= count <= 7:
        raise _util.ec2_error("InvalidParameterValue", "The partition count must be between 1 and 7.")
    self.error_on_dryrun()
    from moto.ec2.utils import random_id

    group = {"GroupName": name, "State": "available", "Strategy": strategy,
             "GroupId": f"pg-{random_id(size=17)}", "Tags": []}
    if strategy == "partition":
        group["PartitionCount"] = count
    groups[name] = group
    return ActionResult({"PlacementGroup": group})


def _describe_placement_groups(self):
    from moto.core.responses import ActionResult

    names = self._get_param("GroupNames", [])
    groups = _groups(self.ec2_backend)
    for name in names:
        if name not in groups:
            raise _util.ec2_error("InvalidPlacementGroup.Unknown", f"The Placement Group '{name}' is unknown.")
    return ActionResult({"PlacementGroups": [g for n, g in groups.items() if not names or n in names]})


def _delete_placement_group(self):
    from moto.core.responses import EmptyResult

    name = self._get_param("GroupName")
    groups = _groups(self.ec2_backend)
    if name not in groups:
        raise _util.ec2_error("InvalidPlacementGroup.Unknown", f"The Placement Group '{name}' is unknown.")
    self.error_on_dryrun()
    del groups[name]
    return EmptyResult()


def _run_instances_response(self):
    """RunInstances with ``Placement.GroupName`` (and ``PartitionNumber``): checked, then kept."""
    from moto.ec2.responses.instances import InstanceResponse

    name = self._get_param("Placement.GroupName")
    partition = self._get_param("Placement.PartitionNumber")
    group = _groups(self.ec2_backend).get(name) if name else None
    if name and group is None:
        raise _util.ec2_error("InvalidPlacementGroup.Unknown", f"The Placement Group '{name}' is unknown.")
    if partition is not None and (group is None or group["Strategy"] != "partition"
                                  or not 1 <= int(partition) <= group["PartitionCount"]):
        raise _util.ec2_error("InvalidParameterValue", f"Value ({partition}) for parameter partitionNumber is "
                                                       "invalid. The partition number must be within the partition "
                                                       "count of a partition placement group.")
    result = _util.original(InstanceResponse, "run_instances")(self)
    if group is not None:
        for instance in result.result.instances:
            placement = instance.placement
            placement.__dict__[_PLACEMENT_GROUP] = name
            if group["Strategy"] == "partition":
                placement.__dict__[_PARTITION] = int(partition) if partition is not None else _emptiest(self, group)
    return result


def _emptiest(response, group):
    used = {n: 0 for n in range(1, group["PartitionCount"] + 1)}
    for instance in response.ec2_backend.all_instances():
        number = instance.placement.__dict__.get(_PARTITION)
        if instance.placement.__dict__.get(_PLACEMENT_GROUP) == group["GroupName"] and number in used:
            used[number] += 1
    return min(used, key=lambda n: (used[n], n))


def _placement_group_name_get(self):
    return self.__dict__.get(_PLACEMENT_GROUP, "")


def _placement_group_name_set(self, value):
    self.__dict__[_PLACEMENT_GROUP] = value


def _partition_number(self):
    return self.__dict__.get(_PARTITION)


def _partition_number_text(self):
    number = self.__dict__.get(_PARTITION)
    return None if number is None else str(number)


# describe-instances filters moto does not know (EC2 API reference, DescribeInstances: Filter.N)
FILTERS = {"placement-group-name": "placement.group_name",
           "placement-partition-number": "placement.partition_number_text"}


def _validate_block_device_mapping(device_mapping):
    """moto's check, except that an instance-store mapping (``VirtualName``, no ``Ebs``) is valid."""
    from moto.ec2.responses.instances import InstanceResponse

    if device_mapping.get("VirtualName") and "Ebs" not in device_mapping:
        return None
    return _util.original(InstanceResponse, "_validate_block_device_mapping").__func__(device_mapping)


_PATCHES = []  # built once: the same replacement objects every time patches() is asked


def patches():
    """(moto class, attribute, replacement) for every attribute this module patches."""
    if not _PATCHES:
        _PATCHES.extend(_build_patches())
    return list(_PATCHES)


def _build_patches():
    from moto.ec2 import utils
    from moto.ec2.models.elastic_network_interfaces import NetworkInterface
    from moto.ec2.models.instances import Instance, InstancePlacement
    from moto.ec2.responses import EC2Response
    from moto.ec2.responses.instances import InstanceResponse

    return [
        (utils, "filter_dict_attribute_mapping", {**utils.filter_dict_attribute_mapping, **FILTERS}),
        (Instance, "__init__", _init),
        (Instance, "cpu_options", property(_cpu_options)),
        (Instance, "hibernation_options", property(_hibernation_get, _hibernation_set)),
        (Instance, "platform_details", property(_platform_details)),
        (Instance, "usage_operation", property(_usage_operation)),
        (Instance, "usage_operation_update_time", property(_usage_operation_update_time)),
        *[(Instance, name, property(lambda self, value=value: dict(value))) for name, value in DEFAULTS.items()],
        (NetworkInterface, "instance_private_ip_address_list", property(_private_ip_address_list)),
        (InstancePlacement, "group_name", property(_placement_group_name_get, _placement_group_name_set)),
        (InstancePlacement, "partition_number", property(_partition_number)),
        (InstancePlacement, "partition_number_text", property(_partition_number_text)),
        (InstanceResponse, "run_instances", _run_instances_response),
        (InstanceResponse, "_validate_block_device_mapping", staticmethod(_validate_block_device_mapping)),
        (EC2Response, "create_placement_group", _create_placement_group),
        (EC2Response, "describe_placement_groups", _describe_placement_groups),
        (EC2Response, "delete_placement_group", _delete_placement_group),
    ]
