"""Row 9 of docs/local-aws-differences.md: CreateVolume rejects sizes below the snapshot's, size 0, unknown zones."""


def test_contract_gap09_create_volume_invalid_parameter_value(account, own_snapshot, aws_error):
    """AWS: a volume from a snapshot is at least the snapshot's size; a size outside the volume
    type's range or an unknown availability zone is `InvalidParameterValue` (EC2 API CreateVolume;
    docs/local-aws-differences.md row 9). Nothing is created.

    Relies on labkit fix volumes.check_create_volume.
    """
    ec2 = account.ec2
    snap = own_snapshot("8 GiB")
    zone = f"{account.region}a"
    cases = {
        "smaller than the snapshot": ({"SnapshotId": snap["SnapshotId"], "Size": snap["VolumeSize"] - 1,
                                       "AvailabilityZone": zone},
                                      f"Volume of size 7GB is smaller than snapshot '{snap['SnapshotId']}', "
                                      "expect size >= 8GB"),
        "size 0": ({"Size": 0, "AvailabilityZone": zone}, "The volume size is invalid for gp2 volumes: 0 GiB."),
        "unknown zone": ({"Size": 5, "AvailabilityZone": f"{account.region}z"},
                         f"Invalid availability zone: [{account.region}z]"),
    }
    before = len(ec2.describe_volumes()["Volumes"])
    for case, (kwargs, message) in cases.items():
        code, got, status = aws_error(ec2.create_volume, **kwargs)
        assert (code, status) == ("InvalidParameterValue", 400), case
        assert got.startswith(message), case
    assert len(ec2.describe_volumes()["Volumes"]) == before
    assert ec2.create_volume(SnapshotId=snap["SnapshotId"], Size=8, AvailabilityZone=zone)["Size"] == 8


# Long enough that every call below happens while the snapshot is still pending, on any machine.
LONG_PENDING = "3600"


def test_contract_gap09_create_volume_from_a_pending_snapshot_is_incorrect_state(account, own_snapshot, aws_error,
                                                                                 monkeypatch):
    """AWS: a volume is created only from a `completed` snapshot; from one still `pending` CreateVolume
    answers `IncorrectState`, "Snapshot is in invalid state - pending" (docs/aws-behaviour.md,
    "Pending snapshots"). Nothing is created. RegisterImage accepts it: the AMI stays `pending`.

    Relies on labkit fix volumes.check_create_volume.
    """
    ec2 = account.ec2
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", LONG_PENDING)
    snap = own_snapshot("pending")
    assert ec2.describe_snapshots(SnapshotIds=[snap["SnapshotId"]])["Snapshots"][0]["State"] == "pending"
    before = len(ec2.describe_volumes()["Volumes"])
    code, message, status = aws_error(ec2.create_volume, SnapshotId=snap["SnapshotId"],
                                      AvailabilityZone=f"{account.region}a")
    assert (code, message, status) == ("IncorrectState", "Snapshot is in invalid state - pending", 400)
    assert len(ec2.describe_volumes()["Volumes"]) == before
    image_id = ec2.register_image(Name="from-a-pending-snapshot", RootDeviceName="/dev/xvda", Architecture="x86_64",
                                  VirtualizationType="hvm", BlockDeviceMappings=[
                                      {"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snap["SnapshotId"]}}])["ImageId"]
    assert ec2.describe_images(ImageIds=[image_id])["Images"][0]["State"] == "pending"
