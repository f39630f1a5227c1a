"""Row 7 of docs/local-aws-differences.md: a snapshot used by a registered AMI cannot be deleted."""

def _register(lab, snapshot_id, name):
    return lab.ec2.register_image(
        Name=name, RootDeviceName="/dev/xvda", Architecture="x86_64", VirtualizationType="hvm",
        BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snapshot_id}}],
    )["ImageId"]


def test_contract_gap07_delete_snapshot_in_use_and_delete_associated(account, own_snapshot, aws_error):
    """AWS: "`delete-snapshot` of a snapshot used by a registered AMI fails with
    `InvalidSnapshot.InUse`: deregister first"; `deregister-image` keeps the snapshots unless
    `--delete-associated-snapshots` (docs/aws-behaviour.md, "AMIs").

    Relies on labkit fixes snapshots.delete_snapshot and images.deregister_image.
    """
    lab = account
    kept = own_snapshot("se queda")["SnapshotId"]
    image_id = _register(lab, kept, "ami-en-uso")
    code, message, status = aws_error(lab.ec2.delete_snapshot, SnapshotId=kept)
    assert (code, status) == ("InvalidSnapshot.InUse", 400)
    assert message == f"The snapshot {kept} is currently in use by {image_id}"
    lab.ec2.deregister_image(ImageId=image_id)
    assert [s["SnapshotId"] for s in lab.ec2.describe_snapshots(SnapshotIds=[kept])["Snapshots"]] == [kept]

    gone = own_snapshot("se borra con la AMI")["SnapshotId"]
    image_id = _register(lab, gone, "ami-que-se-lleva-su-snapshot")
    answer = lab.ec2.deregister_image(ImageId=image_id, DeleteAssociatedSnapshots=True)
    assert answer["DeleteSnapshotResults"] == [{"SnapshotId": gone, "ReturnCode": "success"}]
    code, _, _ = aws_error(lab.ec2.describe_snapshots, SnapshotIds=[gone])
    assert code == "InvalidSnapshot.NotFound"


def test_contract_gap07_cli_faq_delete_in_use_then_deregister(account, own_snapshot, cli):
    """Course FAQ, verbatim: `aws ec2 delete-snapshot` of a snapshot behind a registered AMI fails
    with `InvalidSnapshot.InUse`; after `aws ec2 deregister-image` it succeeds (docs/aws-behaviour.md, "AMIs").

    Relies on labkit fix snapshots.delete_snapshot (InUse for any snapshot an AMI uses).
    """
    lab = account
    snap = own_snapshot("FAQ")["SnapshotId"]
    image_id = _register(lab, snap, "faq-ami")
    refused = cli(f"aws ec2 delete-snapshot --snapshot-id {snap}", check=False)
    assert refused.returncode != 0
    assert "(InvalidSnapshot.InUse)" in refused.stderr and image_id in refused.stderr
    cli(f"aws ec2 deregister-image --image-id {image_id}")
    cli(f"aws ec2 delete-snapshot --snapshot-id {snap}")
    assert lab.ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"] == []
