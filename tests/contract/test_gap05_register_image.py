"""Row 5 of docs/local-aws-differences.md: RegisterImage keeps the block device mapping it is given."""

import json


def _register(lab, snapshot_id, name="mi-ami-desde-snapshot", **extra):
    kwargs = dict(
        Name=name, RootDeviceName="/dev/xvda", Architecture="x86_64", VirtualizationType="hvm", EnaSupport=True,
        BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snapshot_id}}],
    )
    kwargs.update(extra)
    return lab.ec2.register_image(**kwargs)["ImageId"]


def test_contract_gap05_register_image_keeps_mapping(account, own_snapshot, aws_error, devices, launch):
    """AWS: `register-image --root-device-name /dev/xvda --block-device-mappings
    DeviceName=/dev/xvda,Ebs={SnapshotId=…} --architecture x86_64 --virtualization-type hvm
    --ena-support` gives an AMI that keeps that mapping; API defaults are i386 and paravirtual;
    an unknown snapshot is an error (docs/aws-behaviour.md, "AMIs"; docs/local-aws-differences.md row 5). An instance launched
    from it gets a root volume restored from that snapshot.

    Relies on labkit fixes images.register_image and volumes.launch_mappings.
    """
    lab = account
    snap = own_snapshot("para la AMI")
    image_id = _register(lab, snap["SnapshotId"])
    image = lab.ec2.describe_images(ImageIds=[image_id])["Images"][0]
    assert image["RootDeviceName"] == "/dev/xvda"
    assert image["Architecture"] == "x86_64" and image["VirtualizationType"] == "hvm"
    assert image.get("EnaSupport") is True
    assert image["BlockDeviceMappings"] == [{"DeviceName": "/dev/xvda", "Ebs": {
        "DeleteOnTermination": True, "SnapshotId": snap["SnapshotId"], "VolumeSize": snap["VolumeSize"],
        "VolumeType": "gp2", "Encrypted": False}}]
    assert lab.ec2.describe_images(Owners=["self"])["Images"][0]["ImageId"] == image_id

    defaults = lab.ec2.register_image(
        Name="sin-arquitectura", RootDeviceName="/dev/xvda",
        BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snap["SnapshotId"]}}],
    )["ImageId"]
    shown = lab.ec2.describe_images(ImageIds=[defaults])["Images"][0]
    assert (shown["Architecture"], shown["VirtualizationType"]) == ("i386", "paravirtual")

    code, message, _ = aws_error(_register, lab, "snap-0123456789abcdef0", name="fantasma")
    assert code == "InvalidSnapshot.NotFound"
    assert message == "The snapshot 'snap-0123456789abcdef0' does not exist."

    root = devices(lab, launch(image_id))["/dev/xvda"]
    assert root["SnapshotId"] == snap["SnapshotId"] and root["Size"] == snap["VolumeSize"]


def test_contract_gap05_ami_name_rules(account, own_snapshot, aws_error):
    """AWS: AMI names are 3–128 characters: letters, numbers, ( ) [ ] space . / - ' @ _
    (EC2 API, RegisterImage/CreateImage `Name`); otherwise `InvalidAMIName.Malformed`.

    Relies on labkit fix images.check_name (moto accepts any name).
    """
    snap = own_snapshot()["SnapshotId"]
    for name in ("mi ami *", "x" * 129, "ami#1", "ñandú"):
        code, _, status = aws_error(_register, account, snap, name=name)
        assert (code, status) == ("InvalidAMIName.Malformed", 400), name
    assert account.ec2.describe_images(Owners=["self"])["Images"] == []
    _register(account, snap, name="Mi AMI (web) [v1.0] de ana@curso_2024/'prueba'")


def test_contract_gap05_cli_register_image_then_run_instances(account, own_snapshot, cli, devices, launch):
    """Course FAQ / DEMO #17, verbatim through the CLI: `aws ec2 register-image … --block-device-mappings
    DeviceName=/dev/xvda,Ebs={SnapshotId=snap-…}` → `describe-images` shows that snapshot, and an
    instance launched from it has a root volume whose `SnapshotId` is that snapshot
    (docs/aws-behaviour.md, "AMIs" and "Creating snapshots").

    Relies on labkit fixes images.register_image and volumes.launch_mappings.
    """
    lab = account
    snap = own_snapshot("raíz para DEMO 17")["SnapshotId"]
    image_id = json.loads(cli(
        "aws ec2 register-image --name mi-ami-cli --root-device-name /dev/xvda "
        f"--block-device-mappings DeviceName=/dev/xvda,Ebs={{SnapshotId={snap}}} "
        "--architecture x86_64 --virtualization-type hvm --ena-support").stdout)["ImageId"]
    images = json.loads(cli(f"aws ec2 describe-images --image-ids {image_id}").stdout)["Images"]
    assert images[0]["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"] == snap
    assert devices(lab, launch(image_id))["/dev/xvda"]["SnapshotId"] == snap
