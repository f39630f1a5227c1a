"""Guard rails for real AWS: the kit tags what it creates and touches nothing else.

Used by ``scenario`` and ``console`` (and every helper that changes or deletes a resource).
"""

from . import messages

OWNER_KEY = "labkit:owner"
OWNER_VALUE = "labkit"
SCENARIO_KEY = "labkit:scenario"


def kit_tags(name=None, **extra):
    """The tags every resource created by the kit carries (plus a Name tag, if given)."""
    tags = [{"Key": OWNER_KEY, "Value": OWNER_VALUE}]
    if name:
        tags.append({"Key": "Name", "Value": name})
    tags += [{"Key": key, "Value": value} for key, value in extra.items()]
    return tags


def tag_spec(resource_type, name=None, **extra):
    """A ``TagSpecifications`` entry for ``resource_type`` with the kit's tags."""
    return {"ResourceType": resource_type, "Tags": kit_tags(name, **extra)}


def is_owned(tags):
    """True when a resource's tag list says the kit created it."""
    return any(t.get("Key") == OWNER_KEY and t.get("Value") == OWNER_VALUE for t in tags or ())


def require_owned(lab, resource_id):
    """On real AWS, refuse (Spanish LabkitError) to change a resource the kit did not tag.

    On the local simulated AWS every resource is the student's own, so nothing is refused.
    """
    if lab.is_mock:
        return
    tags = messages.call_aws(lab.ec2.describe_tags, Filters=[{"Name": "resource-id", "Values": [resource_id]}])["Tags"]
    if not is_owned(tags):
        raise messages.error(messages.NOT_OWNED, code="LabkitNotOwned", resource=f"`{resource_id}`")


def name_of(tags):
    """The value of the Name tag ('' when missing)."""
    for tag in tags or ():
        if tag.get("Key") == "Name":
            return tag.get("Value", "")
    return ""
