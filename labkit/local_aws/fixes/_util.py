"""Helpers every fix module uses: patching moto classes once, and AWS's EC2 errors.

The local AWS's shared state (life cycle, visibility, lineage, keys) is in ``state``; the patch
modules import this module and ``state``, never each other.
"""

# (owner class, attribute name) -> the attribute before the kit patched it.
_ORIGINALS = {}


def patch(owner, name, new):
    """Set ``owner.name = new`` once per process (a second call is a no-op).

    Patches classes, never instances, so that the change survives ``/moto-api/reset``
    (moto builds new backend objects from the same classes).
    """
    key = (owner, name)
    if key in _ORIGINALS:
        return
    _ORIGINALS[key] = owner.__dict__.get(name, getattr(owner, name, None))
    setattr(owner, name, new)


def original(owner, name):
    """What ``owner.name`` was before :func:`patch` replaced it."""
    return _ORIGINALS[(owner, name)]


# --- EC2 errors as AWS words them ------------------------------------------------------------

def ec2_error(code, message):
    """An EC2 error as moto serializes it (HTTP 400, ``<Code>`` and ``<Message>``)."""
    from moto.ec2.exceptions import EC2ClientError

    return EC2ClientError(code, message)


def snapshot_not_found(snapshot_id):
    return ec2_error("InvalidSnapshot.NotFound", f"The snapshot '{snapshot_id}' does not exist.")


def volume_not_found(volume_id):
    return ec2_error("InvalidVolume.NotFound", f"The volume '{volume_id}' does not exist.")


def not_emulated(action):
    """An AWS-shaped refusal of an EC2 operation the local AWS does not emulate (HTTP 400, Spanish text)."""
    from labkit import messages

    feature = messages.REAL_AWS_ONLY_FEATURES["ec2_operation"].format(operation=action)
    return ec2_error("UnsupportedOperation", messages.ONLY_ON_REAL_AWS.format(feature=feature))


DESCRIPTION_MAX = 255  # snapshot and AMI descriptions (docs/aws-behaviour.md, "Limits AWS enforces")


def check_description(description):
    """AWS refuses a description over 255 characters, with this code and message."""
    if description and len(description) > DESCRIPTION_MAX:
        raise ec2_error("InvalidParameterValue", f"Value ({description}) for parameter description is invalid. "
                                                 f"It exceeds {DESCRIPTION_MAX} characters")


def too_small(size, snapshot):
    """AWS's message for a volume (or mapping) smaller than its snapshot."""
    return (f"Volume of size {size}GB is smaller than snapshot '{snapshot.id}', "
            f"expect size >= {snapshot.volume_size}GB")
