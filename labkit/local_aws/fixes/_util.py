"""Shared helpers of the fidelity fixes: patching moto classes once, EC2 errors, timing.

Used by every module of ``labkit.local_aws.fixes`` (so by every notebook, through the local AWS).
"""

import os
import re

# (owner class, attribute name) -> the attribute before the kit patched it.
_ORIGINALS = {}

DEFAULT_SNAPSHOT_SECONDS = 0.5
SNAPSHOT_SECONDS_ENV = "LABKIT_SNAPSHOT_SECONDS"

# AWS resource ids: prefix, then 8 or 17 lowercase hex digits.
_ID_RE = {prefix: re.compile(rf"^{prefix}-(?:[0-9a-f]{{8}}|[0-9a-f]{{17}})$") for prefix in ("snap", "vol", "i", "ami")}


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


def is_patched(owner, name):
    return (owner, name) in _ORIGINALS


def ec2_error(code, message):
    """An EC2 error as moto serializes it (HTTP 400, ``<Code>`` and ``<Message>``)."""
    from moto.ec2.exceptions import EC2ClientError

    return EC2ClientError(code, message)


def well_formed(prefix, resource_id):
    """True when ``resource_id`` looks like an AWS id with ``prefix`` (snap, vol, i, ami)."""
    return isinstance(resource_id, str) and bool(_ID_RE[prefix].match(resource_id))


def snapshot_seconds():
    """Seconds a new snapshot stays ``pending`` (env LABKIT_SNAPSHOT_SECONDS, read now)."""
    raw = os.environ.get(SNAPSHOT_SECONDS_ENV, "").strip()
    try:
        value = float(raw) if raw else DEFAULT_SNAPSHOT_SECONDS
    except ValueError:
        value = DEFAULT_SNAPSHOT_SECONDS
    return max(0.0, value) if value == value else DEFAULT_SNAPSHOT_SECONDS  # NaN -> default


def own(backend, resource):
    """True when ``resource`` (snapshot, AMI) belongs to ``backend``'s account."""
    return getattr(resource, "owner_id", None) == backend.account_id
