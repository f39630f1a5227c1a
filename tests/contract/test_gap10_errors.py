"""Row 10 of docs/local-aws-differences.md: AWS's not-found messages and Invalid…ID.Malformed codes."""


def test_contract_gap10_not_found_messages(account, aws_error):
    """AWS: "The snapshot 'snap-…' does not exist." (docs/local-aws-differences.md row 10), and likewise for
    volumes, instances and AMIs, so that a student never reads `None`.

    Relies on labkit fix errors (moto answers InvalidSnapshot.NotFound with no message).
    """
    ec2 = account.ec2
    cases = [
        (ec2.describe_snapshots, {"SnapshotIds": ["snap-0123456789abcdef0"]},
         "InvalidSnapshot.NotFound", "The snapshot 'snap-0123456789abcdef0' does not exist."),
        (ec2.delete_snapshot, {"SnapshotId": "snap-0123456789abcdef0"},
         "InvalidSnapshot.NotFound", "The snapshot 'snap-0123456789abcdef0' does not exist."),
        (ec2.describe_volumes, {"VolumeIds": ["vol-0123456789abcdef0"]},
         "InvalidVolume.NotFound", "The volume 'vol-0123456789abcdef0' does not exist."),
        (ec2.describe_instances, {"InstanceIds": ["i-0123456789abcdef0"]},
         "InvalidInstanceID.NotFound", "The instance ID 'i-0123456789abcdef0' does not exist"),
        (ec2.describe_images, {"ImageIds": ["ami-0123456789abcdef0"]},
         "InvalidAMIID.NotFound", "The image id '[ami-0123456789abcdef0]' does not exist"),
    ]
    for call, kwargs, code, message in cases:
        assert aws_error(call, **kwargs)[:2] == (code, message)


def test_contract_gap10_malformed_ids(account, aws_error):
    """AWS: an id that is not `prefix-` plus 8 or 17 hex digits is `Invalid…ID.Malformed`
    (`Invalid id: "…"`), not NotFound (docs/local-aws-differences.md row 10).

    Relies on labkit fix errors.malformed.
    """
    ec2 = account.ec2
    cases = [
        (ec2.describe_snapshots, {"SnapshotIds": ["snap-123"]}, "InvalidSnapshotID.Malformed", "snap-123"),
        (ec2.delete_snapshot, {"SnapshotId": "snapshot-1"}, "InvalidSnapshotID.Malformed", "snapshot-1"),
        (ec2.describe_volumes, {"VolumeIds": ["vol-xyz"]}, "InvalidVolumeID.Malformed", "vol-xyz"),
        (ec2.create_snapshot, {"VolumeId": "vol-0123456789abcdefg"}, "InvalidVolumeID.Malformed",
         "vol-0123456789abcdefg"),
        (ec2.describe_instances, {"InstanceIds": ["i-12345"]}, "InvalidInstanceID.Malformed", "i-12345"),
        (ec2.describe_images, {"ImageIds": ["ami-12"]}, "InvalidAMIID.Malformed", "ami-12"),
    ]
    for call, kwargs, code, bad in cases:
        got, message, status = aws_error(call, **kwargs)
        assert (got, status) == (code, 400), bad
        assert message.startswith(f'Invalid id: "{bad}"'), bad


def test_contract_gap10_cli_prints_the_message(account, cli):
    """AWS CLI output for a missing snapshot names it (moto made the CLI print `None`).

    Relies on labkit fix errors.snapshot_not_found.
    """
    out = cli("aws ec2 delete-snapshot --snapshot-id snap-0123456789abcdef0", check=False)
    assert out.returncode != 0
    assert "(InvalidSnapshot.NotFound)" in out.stderr
    assert "The snapshot 'snap-0123456789abcdef0' does not exist." in out.stderr
    assert "None" not in out.stderr
