"""AWS resource ids: the shape AWS accepts and the error code it answers for a malformed one.

One definition for both sides: the local AWS refuses a malformed id as AWS does
(``labkit.local_aws.fixes.errors``) and the kit checks a student's input before calling AWS
(``labkit.actions``). Imports neither moto nor boto3.
"""

import re

# id prefix -> AWS's error code for an id that is not `prefix-` plus 8 or 17 lowercase hex digits
MALFORMED = {
    "snap": "InvalidSnapshotID.Malformed",
    "vol": "InvalidVolumeID.Malformed",
    "i": "InvalidInstanceID.Malformed",
    "ami": "InvalidAMIID.Malformed",
}
_PATTERNS = {prefix: re.compile(rf"{prefix}-(?:[0-9a-f]{{8}}|[0-9a-f]{{17}})") for prefix in MALFORMED}


def well_formed(prefix, resource_id):
    """True when ``resource_id`` looks like an AWS id with ``prefix`` (snap, vol, i, ami)."""
    return isinstance(resource_id, str) and _PATTERNS[prefix].fullmatch(resource_id) is not None
