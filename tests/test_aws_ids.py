"""labkit.aws_ids: the one definition of AWS's resource-id shape and Malformed codes, used by the
local AWS (fixes/errors.py) and the kit's input checks (labkit.actions)."""

import subprocess
import sys

import pytest

from labkit import aws_ids


@pytest.mark.parametrize("prefix, value", [
    ("snap", "snap-0123456789abcdef0"), ("snap", "snap-12345678"), ("vol", "vol-0a1b2c3d"),
    ("i", "i-0123456789abcdef0"), ("ami", "ami-0abcdef1234567890"),
])
def test_well_formed_ids(prefix, value):
    assert aws_ids.well_formed(prefix, value)


@pytest.mark.parametrize("prefix, value", [
    ("snap", "snap-123"), ("snap", "snap-0123456789abcdef"), ("snap", "snap-0123456789ABCDEF0"),
    ("snap", "vol-0123456789abcdef0"), ("vol", "vol-12345678\n"), ("vol", " vol-12345678"), ("i", None),
    ("ami", 12345678),
])
def test_malformed_ids(prefix, value):
    assert not aws_ids.well_formed(prefix, value)


def test_codes_are_aws_codes():
    assert aws_ids.MALFORMED == {"snap": "InvalidSnapshotID.Malformed", "vol": "InvalidVolumeID.Malformed",
                                 "i": "InvalidInstanceID.Malformed", "ami": "InvalidAMIID.Malformed"}


def test_importing_it_does_not_import_moto():
    code = "import sys, labkit.aws_ids, labkit.local_aws.settings; print('moto' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
