"""AWS's rules for names the kit checks before asking AWS, in one place.

Plain data and functions (no boto3, no moto): ``labkit.actions`` checks input with them,
``labkit.messages`` writes the limits into its texts, and the local AWS
(``labkit.local_aws.fixes.images``) enforces the same rule. Source: the RegisterImage and
CreateImage references (``Name``: 3–128 characters of letters, numbers, ( ) [ ] space . / - ' @ _),
summarised in docs/aws-behaviour.md.
"""

import re

AMI_NAME_MIN, AMI_NAME_MAX = 3, 128
AMI_NAME_ALLOWED = r"A-Za-z0-9()\[\] ./\-'@_"  # a regular-expression character class body
AMI_NAME_RE = re.compile(rf"^[{AMI_NAME_ALLOWED}]{{{AMI_NAME_MIN},{AMI_NAME_MAX}}}$")
_AMI_NAME_CHAR = re.compile(rf"[{AMI_NAME_ALLOWED}]")


def ami_name_bad_chars(name):
    """The characters of ``name`` that AWS does not accept in an AMI name, sorted (empty if none)."""
    return sorted({ch for ch in name if not _AMI_NAME_CHAR.fullmatch(ch)})
