"""Row 13 of docs/local-aws-differences.md: what the local AWS still does not emulate says so, in Spanish.

Data Lifecycle Manager stays real-AWS only, and so do the Recycle Bin operations beyond its rules
(rule locks, tagging). The EC2 snapshot features of row 13 are emulated: test_gap13_archive.py,
test_gap13_recycle_bin.py, test_gap13_fast_restore.py, test_gap13_snapshot_lock.py,
test_gap13_block_public_access.py.
"""

from labkit import messages


def _calls(lab):
    return {
        "dlm": lambda: lab.client("dlm").get_lifecycle_policies(),
        "rbin": lambda: lab.client("rbin").lock_rule(
            Identifier="abcdefghijk", LockConfiguration={"UnlockDelay": {"UnlockDelayValue": 7,
                                                                          "UnlockDelayUnit": "DAYS"}}),
    }


def test_contract_gap13_real_aws_only_features_answer_in_spanish(account, aws_error):
    """AWS supports Data Lifecycle Manager and Recycle Bin rule locks (docs/aws-behaviour.md,
    "Automation"); moto does not (HTTP 404/500). The local AWS answers an AWS-style error whose
    message says, in Spanish, that the feature exists only on real AWS.

    Relies on labkit fix unsupported (WSGI middleware of the local AWS).
    """
    for feature, call in _calls(account).items():
        code, message, status = aws_error(call)
        expected = messages.ONLY_ON_REAL_AWS.format(feature=messages.REAL_AWS_ONLY_FEATURES[feature])
        assert (code, status) == ("UnsupportedOperation", 400), feature
        assert message == expected and "solo existe en AWS real" in message


def test_contract_gap13_cli_prints_the_spanish_message(account, cli):
    """The AWS CLI prints that Spanish message as it prints any AWS error.

    Relies on labkit fix unsupported.
    """
    out = cli("aws dlm get-lifecycle-policies", check=False)
    assert out.returncode != 0
    assert "(UnsupportedOperation)" in out.stderr and "solo existe en AWS real" in out.stderr
