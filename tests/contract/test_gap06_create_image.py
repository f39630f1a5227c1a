"""Row 6 of docs/local-aws-differences.md: CreateImage snapshots every EBS volume of the instance."""

import re


def test_contract_gap06_create_image_snapshots_each_volume(account, devices, aws_error, launch):
    """AWS: `create-image` "snapshots every EBS volume of the instance and the AMI refers to those
    snapshots" (docs/aws-behaviour.md, "AMIs"); a second AMI with the same name is
    `InvalidAMIName.Duplicate`; launching the AMI restores each volume from its snapshot.

    Relies on labkit fixes images.create_image and volumes.launch_mappings.
    """
    lab = account
    private = launch(data_volume=True)  # like the scenario's private instance
    volumes = devices(lab, private)
    image_id = lab.ec2.create_image(InstanceId=private, Name="privada-v1", NoReboot=True)["ImageId"]
    lab.ec2.get_waiter("image_available").wait(ImageIds=[image_id], WaiterConfig={"Delay": 0.2, "MaxAttempts": 25})
    image = lab.ec2.describe_images(ImageIds=[image_id])["Images"][0]
    mappings = {m["DeviceName"]: m["Ebs"] for m in image["BlockDeviceMappings"]}
    assert sorted(mappings) == sorted(volumes) == ["/dev/sdf", "/dev/xvda"]
    assert image["RootDeviceName"] == "/dev/xvda"

    mine = {s["SnapshotId"]: s for s in lab.ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]}
    assert sorted(mine) == sorted(e["SnapshotId"] for e in mappings.values())
    for device, ebs in mappings.items():
        snap = mine[ebs["SnapshotId"]]
        assert snap["VolumeId"] == volumes[device]["VolumeId"]
        assert ebs["VolumeSize"] == volumes[device]["Size"]
        assert re.fullmatch(rf"Created by CreateImage\({private}\) for {image_id}",
                            snap["Description"])

    code, message, _ = aws_error(lab.ec2.create_image, InstanceId=launch(), Name="privada-v1")
    assert code == "InvalidAMIName.Duplicate"
    assert message == f"AMI name privada-v1 is already in use by AMI {image_id}"

    restored = devices(lab, launch(image_id))
    assert {d: v["SnapshotId"] for d, v in restored.items()} == {d: e["SnapshotId"] for d, e in mappings.items()}
