"""Volume modifications and volume status (docs/local-aws-differences.md, "AMI and volume settings").

- ``ModifyVolume`` answers ``modifying`` with the original and target size, type and IOPS (and
  throughput for gp3); a volume whose last modification is not completed, or that was modified
  four times in the last 24 hours, cannot be modified again; the modification then goes ``optimizing`` and ``completed``, paced from its
  start by the local AWS's pending time (``LABKIT_SNAPSHOT_SECONDS``, no threads), as listed by
  ``DescribeVolumesModifications`` (filter ``modification-state`` too). moto answered
  ``completed`` at once with only the changed fields.
- ``DescribeVolumeStatus``: every volume ``ok`` (io-enabled ``passed``; io-performance
  ``normal`` for io1, io2 and gp3 volumes, else ``not-applicable``), no events, no actions.
- ``DescribeVolumeAttribute`` / ``ModifyVolumeAttribute`` (``autoEnableIO``, ``productCodes``)
  and ``EnableVolumeIO`` (I/O is never disabled here: nothing to do).

Not used by the lessons; measured by tests/aws_oracle.py.
"""

import datetime

from . import _util, state

MODIFYING, OPTIMIZING, COMPLETED = "modifying", "optimizing", "completed"
MODIFICATIONS_PER_DAY = 4
PERFORMANCE_CHECKED = ("io1", "io2", "gp3")  # EBS user guide, volume events: io-performance


# --- modify-volume -------------------------------------------------------------------------

def _snapshot_of(volume):
    return {"size": int(volume.size), "type": volume.volume_type, "iops": volume.iops, "throughput": volume.throughput}


def _modify(self, target_size=None, target_volume_type=None, target_iops=None, target_throughput=None,
            target_multi_attach_enabled=None):
    from moto.ec2.models.elastic_block_store import Volume

    check_can_modify(self)
    before = _snapshot_of(self)
    _util.original(Volume, "modify")(self, target_size=target_size, target_volume_type=target_volume_type,
                                     target_iops=target_iops, target_throughput=target_throughput,
                                     target_multi_attach_enabled=target_multi_attach_enabled)
    after = _snapshot_of(self)
    modification = self.modifications[-1]
    modification.original_size, modification.target_size = before["size"], after["size"]
    modification.original_volume_type, modification.target_volume_type = before["type"], after["type"]
    if after["iops"] is not None:
        modification.original_iops, modification.target_iops = before["iops"], after["iops"]
    if after["type"] == "gp3" or before["type"] == "gp3":
        modification.original_throughput = before["throughput"] or (125 if before["type"] == "gp3" else None)
        modification.target_throughput = after["throughput"] or (125 if after["type"] == "gp3" else None)
    state.start_pace(modification)


def check_can_modify(volume):
    """AWS (since January 2026): a volume can be modified again once its last modification is
    completed, up to four times in any 24 hours (docs/aws-behaviour.md)."""
    from moto.core.utils import utcnow

    if volume.modifications:
        current = modification_state(volume.modifications[-1])
        if current != COMPLETED:
            raise _util.ec2_error("IncorrectModificationState",
                                  f"Volume {volume.id} cannot be modified while its last modification is {current}; "
                                  "wait until it is completed.")
    since = utcnow() - datetime.timedelta(hours=24)
    recent = [m for m in volume.modifications if m.start_time and m.start_time.replace(tzinfo=None) > since]
    if len(recent) >= MODIFICATIONS_PER_DAY:
        raise _util.ec2_error("VolumeModificationRateExceeded",
                              "You've reached the maximum modification rate per volume limit. A volume can be "
                              f"modified up to {MODIFICATIONS_PER_DAY} times in 24 hours.")


def modification_state(modification):
    """modifying (first half of the pace), optimizing (second half), then completed."""
    if not state.paced(modification):
        return COMPLETED
    fraction = state.pace_fraction(modification)
    if fraction >= 1.0:
        return COMPLETED
    return MODIFYING if fraction < 0.5 else OPTIMIZING


def _state_get(self):
    return modification_state(self)


def _progress_get(self):
    if modification_state(self) == COMPLETED:
        return 100
    return min(99, int(state.pace_fraction(self) * 100))


def _end_time_get(self):
    if modification_state(self) != COMPLETED:
        return None  # AWS shows EndTime once the modification is over
    end = state.pace_end(self)
    if end is None:
        return self.__dict__.get("end_time")
    return datetime.datetime.fromtimestamp(end, datetime.timezone.utc)


def _end_time_set(self, value):
    self.__dict__["end_time"] = value


def _modification_filter(self, filter_name):
    from moto.ec2.models.elastic_block_store import VolumeModification

    if filter_name == "modification-state":
        return modification_state(self)
    if filter_name == "target-iops":
        return self.target_iops
    if filter_name == "original-iops":
        return self.original_iops
    return _util.original(VolumeModification, "get_filter_value")(self, filter_name)


# --- volume status and attributes ------------------------------------------------------------

def _status_item(volume):
    performance = "normal" if volume.volume_type in PERFORMANCE_CHECKED else "not-applicable"
    return {"VolumeId": volume.id, "AvailabilityZone": volume.zone.name, "Actions": [], "Events": [],
            "VolumeStatus": {"Status": "ok", "Details": [{"Name": "io-enabled", "Status": "passed"},
                                                         {"Name": "io-performance", "Status": performance}]}}


_STATUS_FILTERS = {
    "availability-zone": lambda item: [item["AvailabilityZone"]],
    "volume-status.status": lambda item: [item["VolumeStatus"]["Status"]],
    "volume-status.details-name": lambda item: [d["Name"] for d in item["VolumeStatus"]["Details"]],
    "volume-status.details-status": lambda item: [d["Status"] for d in item["VolumeStatus"]["Details"]],
    "event.event-type": lambda item: [], "event.event-id": lambda item: [], "event.description": lambda item: [],
    "event.not-after": lambda item: [], "event.not-before": lambda item: [],
    "action.code": lambda item: [], "action.event-id": lambda item: [], "action.description": lambda item: [],
}


def _describe_volume_status(self):
    from moto.core.responses import ActionResult

    ids = self._get_param("VolumeIds", [])
    filters = self._filters_from_querystring() or {}
    self.error_on_dryrun()
    items = [_status_item(v) for v in self.ec2_backend.describe_volumes(volume_ids=ids or None)]
    for name, values in filters.items():
        if name not in _STATUS_FILTERS:
            raise _util.ec2_error("InvalidParameterValue", f"The filter '{name}' is invalid")
        items = [i for i in items if set(_STATUS_FILTERS[name](i)) & {str(v) for v in values}]
    return ActionResult({"VolumeStatuses": items})


def _describe_volume_attribute(self):
    from moto.core.responses import ActionResult

    volume = self.ec2_backend.get_volume(self._get_param("VolumeId"))
    attribute = self._get_param("Attribute")
    self.error_on_dryrun()
    if attribute == "autoEnableIO":
        return ActionResult({"VolumeId": volume.id,
                             "AutoEnableIO": {"Value": state.volume_attributes(volume)["autoEnableIO"]}})
    if attribute == "productCodes":
        return ActionResult({"VolumeId": volume.id, "ProductCodes": []})
    raise _util.ec2_error("InvalidParameterValue", f"Value ({attribute}) for parameter attribute is invalid. "
                                                   "Valid values: autoEnableIO, productCodes")


def _modify_volume_attribute(self):
    from moto.core.responses import EmptyResult

    volume = self.ec2_backend.get_volume(self._get_param("VolumeId"))
    value = self._get_param("AutoEnableIO.Value")
    if value is None:
        value = (self._get_param("AutoEnableIO") or {}).get("Value") if isinstance(
            self._get_param("AutoEnableIO"), dict) else None
    if value is None:
        raise _util.ec2_error("MissingParameter", "The request must contain the parameter AutoEnableIO")
    self.error_on_dryrun()
    state.volume_attributes(volume)["autoEnableIO"] = value in (True, "true", "True")
    return EmptyResult()


def _enable_volume_io(self):
    from moto.core.responses import EmptyResult

    self.ec2_backend.get_volume(self._get_param("VolumeId"))
    self.error_on_dryrun()
    return EmptyResult()  # I/O is never suspended on the local AWS's volumes


def patches():
    """(moto class, attribute, replacement) for every attribute this module patches."""
    from moto.ec2.models.elastic_block_store import Volume, VolumeModification
    from moto.ec2.responses.elastic_block_store import ElasticBlockStore

    return [
        (Volume, "modify", _modify),
        (VolumeModification, "modification_state", property(_state_get)),
        (VolumeModification, "progress", property(_progress_get)),
        (VolumeModification, "end_time", property(_end_time_get, _end_time_set)),
        (VolumeModification, "get_filter_value", _modification_filter),
        (ElasticBlockStore, "describe_volume_status", _describe_volume_status),
        (ElasticBlockStore, "describe_volume_attribute", _describe_volume_attribute),
        (ElasticBlockStore, "modify_volume_attribute", _modify_volume_attribute),
        (ElasticBlockStore, "enable_volume_io", _enable_volume_io),
    ]
