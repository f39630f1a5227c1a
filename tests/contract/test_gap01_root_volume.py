"""Row 1 of docs/local-aws-differences.md: an instance's root volume comes from its AMI's root snapshot."""

from labkit import scenario


def _ami_root(lab, image_id):
    image = lab.ec2.describe_images(ImageIds=[image_id])["Images"][0]
    root = image["RootDeviceName"]
    mapping = next(m for m in image["BlockDeviceMappings"] if m["DeviceName"] == root)
    return root, mapping["Ebs"]


def test_contract_gap01_root_volume_restored_from_ami_snapshot(lab, devices):
    """AWS: "an instance's root volume shows the snapshot of the AMI it was launched from" and it
    sits at the AMI's root device name (docs/aws-behaviour.md, "Creating snapshots"). The private instance
    (launched with an extra /dev/sdf data mapping) has both its root and its data volume.

    Relies on labkit fix volumes.launch_mappings (moto: empty root at /dev/sda1, none at all when
    mappings are given).
    """
    found = scenario.find(lab)
    root_device, root_ebs = _ami_root(lab, scenario.base_image_id(lab))
    assert root_device == "/dev/xvda"  # Amazon Linux 2023

    for instance_id in (found.public_instance_id, found.private_instance_id):
        volumes = devices(lab, instance_id)
        assert root_device in volumes, f"{instance_id} has no root volume at {root_device}: {sorted(volumes)}"
        root = volumes[root_device]
        assert root["SnapshotId"] == root_ebs["SnapshotId"]
        assert root["Size"] == root_ebs["VolumeSize"] == 8
        instance = lab.ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
        assert instance["RootDeviceName"] == root_device

    private = devices(lab, found.private_instance_id)
    assert sorted(private) == ["/dev/sdf", "/dev/xvda"]
    assert private["/dev/sdf"]["Size"] == scenario.DATA_VOLUME_GIB
    assert not private["/dev/sdf"].get("SnapshotId")  # a new empty data volume
