"""Row 10 of docs/local-aws-differences.md: AWS's not-found messages and Invalid…ID.Malformed codes, and the
inputs AWS refuses (long descriptions, empty tag keys, an Amazon AMI's deregistration), with AWS's code and
message; a deleted resource's tags are gone."""


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


def test_contract_gap10_a_snapshot_description_over_255_characters_is_refused(account, cli):
    """AWS: a description over 255 characters is `InvalidParameterValue` (docs/aws-behaviour.md,
    "Limits AWS enforces"). Relies on labkit fix _util.check_description."""
    volume_id = account.ec2.create_volume(Size=1, AvailabilityZone=f"{account.region}a")["VolumeId"]
    text = "x" * 300
    proc = cli(["aws", "ec2", "create-snapshot", "--volume-id", volume_id, "--description", text], check=False)
    assert proc.returncode != 0
    assert "(InvalidParameterValue)" in proc.stderr
    assert f"Value ({text}) for parameter description is invalid. It exceeds 255 characters" in proc.stderr
    assert account.ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"] == []  # nothing created
    assert account.ec2.create_snapshot(VolumeId=volume_id, Description="x" * 255)["Description"] == "x" * 255


def test_contract_gap10_a_tag_with_an_empty_key_is_refused(account, cli):
    """AWS: "Tag key cannot be null or empty" (`InvalidParameterValue`; docs/aws-behaviour.md,
    "Limits AWS enforces"). Relies on labkit fix errors._create_tags."""
    volume_id = account.ec2.create_volume(Size=1, AvailabilityZone=f"{account.region}a")["VolumeId"]
    proc = cli(["aws", "ec2", "create-tags", "--resources", volume_id, "--tags", "Key=,Value=x"], check=False)
    assert proc.returncode != 0
    assert "(InvalidParameterValue)" in proc.stderr and "Tag key cannot be null or empty" in proc.stderr
    assert account.ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [volume_id]}])["Tags"] == []


def test_contract_gap10_deregistering_an_amazon_ami_is_auth_failure(account, aws_error):
    """AWS: `AuthFailure`, "Not authorized for image:ami-…" (docs/aws-behaviour.md). Relies on labkit
    fix images (deregister)."""
    from labkit import scenario

    image_id = scenario.base_image_id(account)
    code, message, _ = aws_error(account.ec2.deregister_image, ImageId=image_id)
    assert (code, message) == ("AuthFailure", f"Not authorized for image:{image_id}")


def test_contract_gap10_deleted_snapshots_and_deregistered_amis_leave_no_tags(account):
    """AWS: a deleted resource's tags leave `describe-tags` (docs/aws-behaviour.md). Relies on labkit
    fixes snapshots and images removing a deleted resource's tags."""
    ec2 = account.ec2
    volume_id = ec2.create_volume(Size=1, AvailabilityZone=f"{account.region}a")["VolumeId"]
    snap = ec2.create_snapshot(VolumeId=volume_id, TagSpecifications=[
        {"ResourceType": "snapshot", "Tags": [{"Key": "Team", "Value": "a"}]}])["SnapshotId"]
    other = ec2.create_snapshot(VolumeId=volume_id)["SnapshotId"]
    image = ec2.register_image(Name="oracle-tags", RootDeviceName="/dev/xvda", BlockDeviceMappings=[
        {"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": other}}])["ImageId"]
    ec2.create_tags(Resources=[image], Tags=[{"Key": "Team", "Value": "b"}])
    ec2.delete_snapshot(SnapshotId=snap)
    ec2.deregister_image(ImageId=image)
    left = ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [snap, image]}])["Tags"]
    assert left == []
