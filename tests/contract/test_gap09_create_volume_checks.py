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
