"""AWS's AMI name rule lives in labkit.rules only; its limits agree with botocore's own EC2 model
(an oracle the kit did not write), and every user of the rule reads it from there."""

import re
from pathlib import Path

import botocore.session
import pytest

from labkit import actions, messages, rules

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("operation", ["RegisterImage", "CreateImage", "CopyImage"])
def test_ami_name_limits_match_botocores_model(operation):
    model = botocore.session.get_session().get_service_model("ec2").operation_model(operation)
    limits = model.input_shape.members["Name"].metadata
    assert (limits["min"], limits["max"]) == (rules.AMI_NAME_MIN, rules.AMI_NAME_MAX)


@pytest.mark.parametrize("name, ok", [("web", True), ("ab", False), ("a" * 128, True), ("a" * 129, False),
                                      ("mi ami (v1) [x]./-'@_", True), ("año", False), ("a,b", False)])
def test_one_rule_for_the_kit_and_the_local_aws(name, ok):
    from labkit.local_aws.fixes import images

    assert bool(rules.AMI_NAME_RE.match(name)) is ok
    assert images._NAME_RE is rules.AMI_NAME_RE
    if ok:
        assert actions.check_ami_name(name) == name
    else:
        with pytest.raises(messages.LabkitError):
            actions.check_ami_name(name)


def test_no_other_module_writes_the_ami_name_rule():
    pattern = re.compile(r"3,\s*128|\b128\b.*\b3\b|A-Za-z0-9\(\)")
    for path in (ROOT / "labkit").rglob("*.py"):
        if path.name == "rules.py":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if "AMI names must be between" in line:  # AWS's own English message, quoted by the local AWS
                continue
            assert not pattern.search(line), f"{path.relative_to(ROOT)}: {line.strip()}"
