"""The course page's CLI commands, verbatim, against the kit's local AWS."""

import json


def test_describe_instances_query_verbatim(lab, aws_cli):
    out = aws_cli('aws ec2 describe-instances --query "Reservations[*].Instances[*].{Id:InstanceId,Name:PrivateDnsName}"')
    rows = [item for group in json.loads(out.stdout) for item in group]
    assert len(rows) == 2
    assert all(r["Id"].startswith("i-") and r["Name"].startswith("ip-10-0-") for r in rows)


def test_describe_volumes_and_create_snapshot_verbatim(lab, aws_cli):
    volumes = json.loads(aws_cli("aws ec2 describe-volumes").stdout)["Volumes"]
    vol = volumes[0]["VolumeId"]
    snap = json.loads(aws_cli(["aws", "ec2", "create-snapshot", "--volume-id", vol,
                               "--description", "Mi primer snapshot"]).stdout)
    assert snap["VolumeId"] == vol and snap["Description"] == "Mi primer snapshot"
    seen = lab.ec2.describe_snapshots(SnapshotIds=[snap["SnapshotId"]])["Snapshots"]
    assert seen[0]["VolumeId"] == vol  # boto3 sees what the CLI made: one account


def test_describe_images_owner_self_is_empty_at_start(lab, aws_cli):
    assert json.loads(aws_cli("aws ec2 describe-images --owner self").stdout)["Images"] == []
    everyone = json.loads(aws_cli("aws ec2 describe-images").stdout)["Images"]
    assert len(everyone) >= 5
