"""AMI settings moto 5.2.5 does not emulate (docs/local-aws-differences.md, "AMI and volume settings").

- Block public access for AMIs (``Enable``/``DisableImageBlockPublicAccess``,
  ``GetImageBlockPublicAccessState``): on in a new account; while on, making an AMI public
  (``ModifyImageAttribute`` adding ``Group=all``) is refused with AWS's ``OperationNotPermitted``.
- Deprecation (``Enable``/``DisableImageDeprecation``): ``DeprecationTime`` in describe-images,
  rounded to the minute, never in the past; public AMIs (the catalogue's) are deprecated two
  years after their creation unless told otherwise.
- Deregistration protection (``Enable``/``DisableImageDeregistrationProtection``): a protected
  AMI cannot be deregistered; with the cooldown, not for 24 hours after the protection is disabled.
- ``ResetImageAttribute --attribute launchPermission``: the AMI is private again.
- ``CancelImageLaunchPermission``: your account leaves the launch permissions of an AMI another
  account shared with it.
- ``DescribeInstanceImageMetadata``: the AMI each instance was launched from.
- ``DescribeFastLaunchImages`` / ``EnableFastLaunch`` / ``DisableFastLaunch``: the fast launch
  settings of Windows AMIs (kept, no pre-provisioned snapshots are made).

Not used by the lessons; measured by tests/aws_oracle.py.
"""

import datetime
import uuid

from . import _util, state

BLOCKED, UNBLOCKED = "block-new-sharing", "unblocked"
PUBLIC_SHARING_BLOCKED = ("You can’t publicly share this image because block public access for AMIs is enabled for "
                          "this account. To publicly share the image, you must call the DisableImageBlockPublicAccess "
                          "API.")
COOLDOWN_SECONDS = 24 * 3600
PUBLIC_DEPRECATION_YEARS = 2
MAX_DEPRECATION_YEARS = 10


def _ami(backend, image_id):
    ami = backend.amis.get(image_id)
    if ami is None:
        raise _util.ec2_error("InvalidAMIID.NotFound", f"The image id '[{image_id}]' does not exist")
    return ami


def _own_ami(backend, image_id):
    ami = _ami(backend, image_id)
    if not state.own(backend, ami):
        raise _util.ec2_error("AuthFailure", f"Not authorized for image:{image_id}")
    return ami


def _iso(when):
    return when.strftime("%Y-%m-%dT%H:%M:%S.000Z")


# --- block public access ---------------------------------------------------------------------

def _enable_bpa(self):
    from moto.core.responses import ActionResult

    wanted = self._get_param("ImageBlockPublicAccessState")
    if wanted != BLOCKED:
        raise _util.ec2_error("InvalidParameterValue", f"Value ({wanted}) for parameter ImageBlockPublicAccessState "
                                                       f"is invalid. Valid value: {BLOCKED}")
    self.error_on_dryrun()
    state.set_image_public_sharing_blocked(self.ec2_backend, True)
    return ActionResult({"ImageBlockPublicAccessState": BLOCKED})


def _disable_bpa(self):
    from moto.core.responses import ActionResult

    self.error_on_dryrun()
    state.set_image_public_sharing_blocked(self.ec2_backend, False)
    return ActionResult({"ImageBlockPublicAccessState": UNBLOCKED})


def _get_bpa(self):
    from moto.core.responses import ActionResult

    blocked = state.image_public_sharing_blocked(self.ec2_backend)
    return ActionResult({"ImageBlockPublicAccessState": BLOCKED if blocked else UNBLOCKED, "ManagedBy": "account"})


def _modify_image_attribute(self, ami_id, launch_permissions_to_add, launch_permissions_to_remove):
    from moto.ec2.models.amis import AmiBackend

    if state.image_public_sharing_blocked(self) and any(p.get("Group") == "all" for p in launch_permissions_to_add):
        _ami(self, ami_id)
        raise _util.ec2_error("OperationNotPermitted", PUBLIC_SHARING_BLOCKED)
    return _util.original(AmiBackend, "modify_image_attribute")(self, ami_id, launch_permissions_to_add,
                                                                   launch_permissions_to_remove)


# --- deprecation -----------------------------------------------------------------------------

def _parse_time(text):
    when = datetime.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return when.astimezone(datetime.timezone.utc)


def _to_minute(when):
    """AWS rounds the seconds to the nearest minute."""
    rounded = when.replace(second=0, microsecond=0)
    if when.second + when.microsecond / 1e6 >= 30:
        rounded += datetime.timedelta(minutes=1)
    return rounded


def _enable_deprecation(self):
    from moto.core.responses import ActionResult

    ami = _own_ami(self.ec2_backend, self._get_param("ImageId"))
    raw = self._get_param("DeprecateAt")
    try:
        when = _to_minute(_parse_time(raw))
    except ValueError:
        raise _util.ec2_error("InvalidParameterValue", f"Value ({raw}) for parameter DeprecateAt is invalid.") from None
    now = datetime.datetime.now(datetime.timezone.utc)
    if when < now:
        raise _util.ec2_error("InvalidParameterValue", f"Value ({raw}) for parameter DeprecateAt is invalid. "
                                                       "You can't specify a date in the past.")
    if when > now.replace(year=now.year + MAX_DEPRECATION_YEARS):
        raise _util.ec2_error("InvalidParameterValue", f"Value ({raw}) for parameter DeprecateAt is invalid. "
                                                       f"The upper limit is {MAX_DEPRECATION_YEARS} years from now.")
    self.error_on_dryrun()
    state.set_deprecate_at(ami, when)
    return ActionResult({"Return": True})


def _disable_deprecation(self):
    from moto.core.responses import ActionResult

    ami = _own_ami(self.ec2_backend, self._get_param("ImageId"))
    self.error_on_dryrun()
    state.set_deprecate_at(ami, False)
    return ActionResult({"Return": True})


def deprecation_time(ami):
    """The AMI's deprecation time (datetime), or None: set, cancelled, or a public AMI's default."""
    when = state.deprecate_at(ami)
    if when is False:
        return None
    if when is None and ami.is_public and ami.creation_date:
        created = ami.creation_date
        if isinstance(created, str):
            created = _parse_time(created)
        try:
            when = created.replace(year=created.year + PUBLIC_DEPRECATION_YEARS)
        except ValueError:  # 29 February
            when = created + datetime.timedelta(days=365 * PUBLIC_DEPRECATION_YEARS)
    return when


def _deprecation_time_get(self):
    when = deprecation_time(self)
    return _iso(when) if when is not None else None


# --- deregistration protection ---------------------------------------------------------------

def _enable_protection(self):
    from moto.core.responses import ActionResult

    ami = _own_ami(self.ec2_backend, self._get_param("ImageId"))
    cooldown = self._get_bool_param("WithCooldown", False)
    self.error_on_dryrun()
    state.set_protection(ami, True, cooldown)
    state.set_protected_until(ami, None)
    return ActionResult({"Return": "enabled-with-cooldown" if cooldown else "enabled-without-cooldown"})


def _disable_protection(self):
    from moto.core.responses import ActionResult

    ami = _own_ami(self.ec2_backend, self._get_param("ImageId"))
    self.error_on_dryrun()
    current = state.protection(ami)
    if current and current[0] and current[1]:
        state.set_protected_until(ami, state.now() + COOLDOWN_SECONDS)
    state.set_protection(ami, False)
    return ActionResult({"Return": "disabled"})


def _protection_get(self):
    current = state.protection(self)
    if current is None:
        return None  # never set: describe-images shows no DeregistrationProtection
    if current[0]:
        return "enabled-with-cooldown" if current[1] else "enabled-without-cooldown"
    until = state.protected_until(self)
    if until and state.now() < until:
        when = datetime.datetime.fromtimestamp(until, datetime.timezone.utc)
        return f"disabled-until {_iso(when)}"
    return "disabled"


def protected(ami):
    current = state.protection(ami)
    if current and current[0]:
        return True
    until = state.protected_until(ami)
    return bool(until and state.now() < until)


def _deregister_image(self, ami_id):
    from moto.ec2.models.amis import AmiBackend

    ami = self.amis.get(ami_id)
    if ami is not None and protected(ami):
        raise _util.ec2_error("OperationNotPermitted",
                              f"Image {ami_id} has deregistration protection enabled. To deregister the image, "
                              "you must first disable deregistration protection.")
    return _util.original(AmiBackend, "deregister_image")(self, ami_id)


# --- reset-image-attribute and cancel-image-launch-permission --------------------------------

def _reset_image_attribute(self):
    from moto.core.responses import EmptyResult

    ami = _own_ami(self.ec2_backend, self._get_param("ImageId"))
    attribute = self._get_param("Attribute")
    if attribute != "launchPermission":
        raise _util.ec2_error("InvalidParameterValue", f"Value ({attribute}) for parameter attribute is invalid. "
                                                       "Only launchPermission can be reset.")
    self.error_on_dryrun()
    ami.launch_permissions.clear()
    return EmptyResult()


def shared_ami(backend, image_id):
    """The AMI ``image_id`` another account shared with ``backend``'s account (same region), or None."""
    from moto.ec2.models import ec2_backends

    mine = {"UserId": backend.account_id}
    for account in list(ec2_backends.keys()):
        if account == backend.account_id:
            continue
        other = ec2_backends[account].get(backend.region_name)
        ami = other.amis.get(image_id) if other is not None else None
        if ami is not None and mine in ami.launch_permissions:
            return ami
    ami = backend.amis.get(image_id)
    if ami is not None and not state.own(backend, ami) and mine in ami.launch_permissions:
        return ami
    return None


def _cancel_launch_permission(self):
    from moto.core.responses import ActionResult

    image_id = self._get_param("ImageId")
    ami = shared_ami(self.ec2_backend, image_id)
    if ami is None:
        raise _util.ec2_error("InvalidAMIID.NotFound", f"The image id '[{image_id}]' does not exist")
    self.error_on_dryrun()
    ami.launch_permissions.remove({"UserId": self.ec2_backend.account_id})
    return ActionResult({"Return": True})


# --- describe-instance-image-metadata --------------------------------------------------------

def _image_metadata(backend, image_id):
    metadata = {"ImageId": image_id}
    ami = backend.amis.get(image_id)
    if ami is None:
        return metadata
    created = ami.creation_date
    metadata.update({"Name": ami.name, "OwnerId": ami.owner_id, "State": ami.state, "IsPublic": ami.is_public,
                     "CreationDate": created if isinstance(created, str) else _iso(created)})
    if ami.owner_alias:
        metadata["ImageOwnerAlias"] = ami.owner_alias
    when = deprecation_time(ami)
    if when is not None:
        metadata["DeprecationTime"] = _iso(when)
    return metadata


def _zone(instance):
    placement = instance.placement
    return getattr(placement, "zone", placement)


_METADATA_FILTERS = {
    "availability-zone": lambda i: _zone(i), "instance-id": lambda i: i.id,
    "instance-type": lambda i: i.instance_type, "instance-state-name": lambda i: i._state.name,
}


def _matches(value, patterns):
    import fnmatch

    return any(fnmatch.fnmatchcase(str(value), str(p)) for p in patterns)


def _describe_instance_image_metadata(self):
    from moto.core.responses import ActionResult

    backend = self.ec2_backend
    ids = self._get_param("InstanceIds", [])
    filters = self._filters_from_querystring() or {}
    self.error_on_dryrun()
    instances = [i for i in backend.all_instances()]
    if ids:
        known = {i.id for i in instances}
        missing = [i for i in ids if i not in known]
        if missing:
            raise _util.ec2_error("InvalidInstanceID.NotFound", f"The instance ID '{missing[0]}' does not exist")
        instances = [i for i in instances if i.id in ids]
    for name, values in filters.items():
        if name.startswith("tag:"):
            key = name[4:]
            instances = [i for i in instances if _matches(backend.tags.get(i.id, {}).get(key), values)]
        elif name in _METADATA_FILTERS:
            instances = [i for i in instances if _matches(_METADATA_FILTERS[name](i), values)]
        elif name.startswith("image-") or name in ("owner-id", "owner-alias"):
            continue  # filtered below on the image's metadata
        else:
            raise _util.ec2_error("InvalidParameterValue", f"The filter '{name}' is invalid")
    result = []
    for instance in instances:
        metadata = _image_metadata(backend, instance.image_id)
        image_filters = {"image-id": "ImageId", "image-name": "Name", "owner-id": "OwnerId",
                         "owner-alias": "ImageOwnerAlias"}
        if any(name in filters and not _matches(metadata.get(field), filters[name])
               for name, field in image_filters.items()):
            continue
        tags = [{"Key": k, "Value": v} for k, v in backend.tags.get(instance.id, {}).items()]
        result.append({
            "InstanceId": instance.id, "InstanceType": instance.instance_type, "LaunchTime": instance.launch_time,
            "AvailabilityZone": _zone(instance), "OwnerId": backend.account_id, "Tags": tags,
            "State": {"Code": instance._state.code, "Name": instance._state.name}, "ImageMetadata": metadata,
        })
    return ActionResult({"InstanceImageMetadata": result})


# --- fast launch (Windows AMIs) --------------------------------------------------------------

def _fast_launch_item(ami, config):
    fraction = state.pace_fraction(ami)
    current = config["State"]
    if current in ("enabling", "disabling") and fraction >= 1.0:
        current = "enabled" if current == "enabling" else "disabled"
    return {"ImageId": ami.id, "ResourceType": config["ResourceType"],
            "SnapshotConfiguration": config["SnapshotConfiguration"], "LaunchTemplate": config["LaunchTemplate"],
            "MaxParallelLaunches": config["MaxParallelLaunches"], "OwnerId": ami.owner_id, "State": current,
            "StateTransitionReason": "Client.UserInitiated", "StateTransitionTime": config["Time"]}


def _enable_fast_launch(self):
    from moto.core.responses import ActionResult

    backend = self.ec2_backend
    ami = _own_ami(backend, self._get_param("ImageId"))
    if (ami.platform or "").lower() != "windows":
        raise _util.ec2_error("InvalidParameterValue", f"The image {ami.id} is not a Windows image. "
                                                       "Fast launch is available for Windows AMIs only.")
    resource_type = self._get_param("ResourceType") or "snapshot"
    parallel = int(self._get_param("MaxParallelLaunches") or 6)
    if parallel < 6:
        raise _util.ec2_error("InvalidParameterValue", "MaxParallelLaunches must be at least 6.")
    target = self._get_param("SnapshotConfiguration.TargetResourceCount")
    template = self._get_param("LaunchTemplate") or {}
    self.error_on_dryrun()
    answered_template = {k: v for k, v in template.items() if v}
    if not answered_template:  # AWS creates a default launch template for pre-provisioning
        name = f"EC2FastLaunchDefaultResourceCreation-{uuid.uuid4()}"
        created = backend.create_launch_template(name, "", {"ImageId": ami.id, "InstanceType": "t3.micro"}, {})
        answered_template = {"LaunchTemplateId": created.id, "LaunchTemplateName": name, "Version": "1"}
    config = {"ResourceType": resource_type, "SnapshotConfiguration": {"TargetResourceCount": int(target or 10)},
              "LaunchTemplate": answered_template, "MaxParallelLaunches": parallel, "State": "enabling",
              "Time": datetime.datetime.now(datetime.timezone.utc)}
    state.set_fast_launch(ami, config)
    state.start_pace(ami)
    answer = _fast_launch_item(ami, config)
    answer.update({"State": "enabling", "LaunchTemplate": {k: v for k, v in template.items() if v}})
    return ActionResult(answer)


def _disable_fast_launch(self):
    from moto.core.responses import ActionResult

    ami = _own_ami(self.ec2_backend, self._get_param("ImageId"))
    config = state.fast_launch(ami)
    if config is None:
        raise _util.ec2_error("InvalidParameterValue", f"Fast launch is not enabled for image {ami.id}.")
    self.error_on_dryrun()
    config = dict(config, State="disabling", Time=datetime.datetime.now(datetime.timezone.utc),
                  SnapshotConfiguration={})
    state.set_fast_launch(ami, config)
    state.start_pace(ami)
    return ActionResult(_fast_launch_item(ami, config))


def _describe_fast_launch_images(self):
    from moto.core.responses import ActionResult

    backend = self.ec2_backend
    ids = self._get_param("ImageIds", [])
    items = []
    for ami in list(backend.amis.values()):
        config = state.fast_launch(ami)
        if config is None or (ids and ami.id not in ids):
            continue
        item = _fast_launch_item(ami, config)
        if item["State"] != "disabled":
            if item["State"] == "enabled":
                item["SnapshotConfiguration"] = {}
            items.append(item)
    return ActionResult({"FastLaunchImages": items})


def patches():
    """(moto class, attribute, replacement) for every attribute this module patches."""
    from moto.ec2.models.amis import Ami, AmiBackend
    from moto.ec2.responses.amis import AmisResponse

    return [
        (AmisResponse, "enable_image_block_public_access", _enable_bpa),
        (AmisResponse, "disable_image_block_public_access", _disable_bpa),
        (AmisResponse, "get_image_block_public_access_state", _get_bpa),
        (AmiBackend, "modify_image_attribute", _modify_image_attribute),
        (AmisResponse, "enable_image_deprecation", _enable_deprecation),
        (AmisResponse, "disable_image_deprecation", _disable_deprecation),
        (Ami, "deprecation_time", property(_deprecation_time_get)),
        (AmisResponse, "enable_image_deregistration_protection", _enable_protection),
        (AmisResponse, "disable_image_deregistration_protection", _disable_protection),
        (Ami, "deregistration_protection", property(_protection_get)),
        (AmiBackend, "deregister_image", _deregister_image),
        (AmisResponse, "reset_image_attribute", _reset_image_attribute),
        (AmisResponse, "cancel_image_launch_permission", _cancel_launch_permission),
        (AmisResponse, "describe_instance_image_metadata", _describe_instance_image_metadata),
        (AmisResponse, "enable_fast_launch", _enable_fast_launch),
        (AmisResponse, "disable_fast_launch", _disable_fast_launch),
        (AmisResponse, "describe_fast_launch_images", _describe_fast_launch_images),
    ]
