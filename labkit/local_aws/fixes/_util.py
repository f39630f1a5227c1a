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


def too_small(size, snapshot):
    """AWS's message for a volume (or mapping) smaller than its snapshot."""
    return (f"Volume of size {size}GB is smaller than snapshot '{snapshot.id}', "
            f"expect size >= {snapshot.volume_size}GB")
