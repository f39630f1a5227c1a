"""Row 13 of docs/local-aws-differences.md: the Recycle Bin, as AWS documents it (docs/aws-behaviour.md,
"Archive tier, Recycle Bin, fast snapshot restore, lock"). moto 5.2.5 has no rbin service and none
of EC2's Recycle Bin operations (HTTP 404/500).

Relies on labkit fixes rbin_rules (the retention rules), recycle_bin (list, restore) and
snapshots/images (a deleted resource a rule covers goes to the bin).
"""

DAYS = {"RetentionPeriodValue": 7, "RetentionPeriodUnit": "DAYS"}


def _snapshot(lab, tags=None):
    volume = lab.ec2.create_volume(Size=8, AvailabilityZone=f"{lab.region}a")["VolumeId"]
    kwargs = {"TagSpecifications": [{"ResourceType": "snapshot", "Tags": tags}]} if tags else {}
    return lab.ec2.create_snapshot(VolumeId=volume, Description="backup", **kwargs)["SnapshotId"]


def _own(lab):
    return [s["SnapshotId"] for s in lab.ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]]


def test_contract_gap13_rules_api(account, aws_error):
    """AWS: create, get, list, delete a retention rule; an unknown rule is ResourceNotFoundException;
    the retention period is 1-365 days."""
    rbin = account.client("rbin")
    rule = rbin.create_rule(ResourceType="EBS_SNAPSHOT", RetentionPeriod=DAYS, Description="todo")
    assert rule["Status"] == "available" and rule["RetentionPeriod"] == DAYS
    assert rbin.get_rule(Identifier=rule["Identifier"])["ResourceType"] == "EBS_SNAPSHOT"
    assert [r["Identifier"] for r in rbin.list_rules(ResourceType="EBS_SNAPSHOT")["Rules"]] == [rule["Identifier"]]
    assert rbin.list_rules(ResourceType="EC2_IMAGE")["Rules"] == []
    rbin.delete_rule(Identifier=rule["Identifier"])
    assert aws_error(rbin.get_rule, Identifier=rule["Identifier"])[:3:2] == ("ResourceNotFoundException", 404)
    code, _, status = aws_error(rbin.create_rule, ResourceType="EBS_SNAPSHOT",
                                RetentionPeriod={"RetentionPeriodValue": 366, "RetentionPeriodUnit": "DAYS"})
    assert (code, status) == ("ValidationException", 400)


def test_contract_gap13_without_a_rule_delete_is_final(account, aws_error):
    """AWS: a snapshot no rule covers is deleted for good (not in the bin, cannot be restored)."""
    snapshot_id = _snapshot(account)
    account.ec2.delete_snapshot(SnapshotId=snapshot_id)
    assert account.ec2.list_snapshots_in_recycle_bin()["Snapshots"] == []
    assert aws_error(account.ec2.restore_snapshot_from_recycle_bin, SnapshotId=snapshot_id)[0] == \
        "InvalidSnapshot.NotFound"


def test_contract_gap13_deleted_snapshot_goes_to_the_bin_and_comes_back(account, monkeypatch):
    """AWS: with a rule, a deleted snapshot leaves describe-snapshots and is in the bin (enter and exit
    times: the retention period); restoring answers recovering and brings it back with its tags."""
    account.client("rbin").create_rule(ResourceType="EBS_SNAPSHOT", RetentionPeriod=DAYS)
    snapshot_id = _snapshot(account, tags=[{"Key": "Team", "Value": "a"}])
    account.ec2.delete_snapshot(SnapshotId=snapshot_id)
    assert snapshot_id not in _own(account)
    assert account.ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [snapshot_id]}])["Tags"] == []
    binned = account.ec2.list_snapshots_in_recycle_bin()["Snapshots"]
    assert [(s["SnapshotId"], s["Description"]) for s in binned] == [(snapshot_id, "backup")]
    assert (binned[0]["RecycleBinExitTime"] - binned[0]["RecycleBinEnterTime"]).days == 7
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", "3600")
    answer = account.ec2.restore_snapshot_from_recycle_bin(SnapshotId=snapshot_id)
    assert (answer["SnapshotId"], answer["State"]) == (snapshot_id, "recovering")
    assert snapshot_id in _own(account)
    assert account.ec2.list_snapshots_in_recycle_bin()["Snapshots"] == []
    assert account.ec2.describe_snapshots(SnapshotIds=[snapshot_id])["Snapshots"][0]["Tags"] == [
        {"Key": "Team", "Value": "a"}]


def test_contract_gap13_tag_level_rule_covers_only_tagged_snapshots(account):
    """AWS: a tag-level rule retains only resources with its tags."""
    account.client("rbin").create_rule(ResourceType="EBS_SNAPSHOT", RetentionPeriod=DAYS,
                                       ResourceTags=[{"ResourceTagKey": "keep", "ResourceTagValue": "yes"}])
    kept, gone = _snapshot(account, tags=[{"Key": "keep", "Value": "yes"}]), _snapshot(account)
    account.ec2.delete_snapshot(SnapshotId=kept)
    account.ec2.delete_snapshot(SnapshotId=gone)
    assert [s["SnapshotId"] for s in account.ec2.list_snapshots_in_recycle_bin()["Snapshots"]] == [kept]


def test_contract_gap13_deregistered_ami_goes_to_the_bin_and_comes_back(account):
    """AWS: with an EC2_IMAGE rule a deregistered AMI is in the bin; restoring brings it back."""
    account.client("rbin").create_rule(ResourceType="EC2_IMAGE", RetentionPeriod=DAYS)
    snapshot_id = _snapshot(account)
    image_id = account.ec2.register_image(Name="bin-test", RootDeviceName="/dev/xvda", BlockDeviceMappings=[
        {"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snapshot_id}}])["ImageId"]
    account.ec2.deregister_image(ImageId=image_id)
    assert account.ec2.describe_images(Owners=["self"])["Images"] == []
    assert [(i["ImageId"], i["Name"]) for i in account.ec2.list_images_in_recycle_bin()["Images"]] == [
        (image_id, "bin-test")]
    assert account.ec2.restore_image_from_recycle_bin(ImageId=image_id)["Return"] is True
    assert [i["ImageId"] for i in account.ec2.describe_images(Owners=["self"])["Images"]] == [image_id]


def test_contract_gap13_cli_recycle_bin(account, cli, monkeypatch):
    """The documented CLI commands: aws rbin create-rule, then delete, list and restore."""
    cli("aws rbin create-rule --resource-type EBS_SNAPSHOT "
        "--retention-period RetentionPeriodValue=7,RetentionPeriodUnit=DAYS")
    snapshot_id = _snapshot(account)
    cli(f"aws ec2 delete-snapshot --snapshot-id {snapshot_id}")
    assert snapshot_id in cli("aws ec2 list-snapshots-in-recycle-bin").stdout
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", "3600")  # read by the local AWS of this process
    assert '"State": "recovering"' in cli(f"aws ec2 restore-snapshot-from-recycle-bin --snapshot-id {snapshot_id}").stdout
    assert snapshot_id in _own(account)
