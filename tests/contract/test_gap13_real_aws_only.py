"""Row 13 of docs/local-aws-differences.md: features the local AWS does not emulate say so, in Spanish."""

from labkit import messages

SNAP = "snap-0123456789abcdef0"


def _calls(lab):
    return {
        "dlm": lambda: lab.client("dlm").get_lifecycle_policies(),
        "rbin": lambda: lab.client("rbin").list_rules(ResourceType="EBS_SNAPSHOT"),
        "archive": lambda: lab.ec2.modify_snapshot_tier(SnapshotId=SNAP, StorageTier="archive"),
        "restore": lambda: lab.ec2.restore_snapshot_tier(SnapshotId=SNAP, PermanentRestore=True),
        "fast_restore": lambda: lab.ec2.enable_fast_snapshot_restores(
            AvailabilityZones=[f"{lab.region}a"], SourceSnapshotIds=[SNAP]),
    }


def test_contract_gap13_real_aws_only_features_answer_in_spanish(account, aws_error):
    """AWS supports Data Lifecycle Manager, Recycle Bin, the snapshot archive tier and fast snapshot
    restore (docs/aws-behaviour.md, "Automation" and "Prices"); moto does not (HTTP 404/500) or fakes it
    (archive succeeds at once). The local AWS answers an AWS-style error whose message says, in
    Spanish, that the feature exists only on real AWS.

    Relies on labkit fix unsupported (WSGI middleware of the local AWS).
    """
    for feature, call in _calls(account).items():
        code, message, status = aws_error(call)
        key = "archive" if feature == "restore" else feature
        expected = messages.ONLY_ON_REAL_AWS.format(feature=messages.REAL_AWS_ONLY_FEATURES[key])
        assert (code, status) == ("UnsupportedOperation", 400), feature
        assert message == expected and "solo existe en AWS real" in message


def test_contract_gap13_cli_prints_the_spanish_message(account, cli):
    """The AWS CLI prints that Spanish message as it prints any AWS error.

    Relies on labkit fix unsupported.
    """
    out = cli("aws dlm get-lifecycle-policies", check=False)
    assert out.returncode != 0
    assert "(UnsupportedOperation)" in out.stderr and "solo existe en AWS real" in out.stderr
