"""Idempotent set-up of a lesson: the course scenario, minus what earlier runs of the *same*
lesson left behind, so that a notebook runs twice in a row with the same outputs while what a
student made in other lessons stays (as in a real account).

Used by the first cell of notebooks 01–08: ``escenario = labkit.lesson.begin(lab, ...)``.
"""

from . import safety, scenario


def begin(lab, snapshot_descriptions=(), image_names=(), volume_names=(), recycle_bin_rules=()):
    """Ensure the scenario; remove this lesson's earlier images, snapshots and volumes.

    Resources are recognised by the exact descriptions and names the lesson uses (the CLI cells
    create them verbatim, without kit tags). On real AWS only the kit's own resources are touched.
    On the local AWS, the Recycle Bin rules described as ``recycle_bin_rules`` go first (so the
    lesson's snapshots are deleted for good), and a snapshot the lesson locked in governance mode
    is unlocked to be deleted (lesson 08 stopped halfway).
    """
    found = scenario.ensure(lab)
    ec2 = lab.ec2
    if recycle_bin_rules and lab.is_mock:
        rbin = lab.client("rbin")
        for resource_type in ("EBS_SNAPSHOT", "EC2_IMAGE"):
            for rule in rbin.list_rules(ResourceType=resource_type)["Rules"]:
                if rule.get("Description") in recycle_bin_rules:
                    rbin.delete_rule(Identifier=rule["Identifier"])
    if image_names:
        for image in ec2.describe_images(Owners=["self"], Filters=[{"Name": "name", "Values": list(image_names)}])["Images"]:
            if _may_touch(lab, image.get("Tags")):
                ec2.deregister_image(ImageId=image["ImageId"])
                for mapping in image.get("BlockDeviceMappings", []):
                    snap = mapping.get("Ebs", {}).get("SnapshotId")
                    if snap and _may_touch_id(lab, snap):  # an AMI of the kit may use a snapshot it did not make
                        _delete_snapshot(lab, snap)
        _terminate_instances_from(lab, image_names)
    if volume_names:
        volumes = ec2.describe_volumes(Filters=[{"Name": "tag:Name", "Values": list(volume_names)}])["Volumes"]
        for volume in volumes:
            if volume["State"] == "available" and _may_touch(lab, volume.get("Tags")):
                ec2.delete_volume(VolumeId=volume["VolumeId"])
    if snapshot_descriptions:
        snaps = ec2.describe_snapshots(
            OwnerIds=["self"], Filters=[{"Name": "description", "Values": list(snapshot_descriptions)}]
        )["Snapshots"]
        for snap in snaps:
            if _may_touch(lab, snap.get("Tags")):
                _delete_snapshot(lab, snap["SnapshotId"])
    return found


def _may_touch(lab, tags):
    return lab.is_mock or safety.is_owned(tags)


def _may_touch_id(lab, resource_id):
    if lab.is_mock:
        return True
    return safety.is_owned(lab.ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [resource_id]}])["Tags"])


def _delete_snapshot(lab, snapshot_id):
    from botocore.exceptions import ClientError

    try:
        lab.ec2.delete_snapshot(SnapshotId=snapshot_id)
    except ClientError as exc:  # already gone, or still used by another image: leave it
        code = exc.response["Error"]["Code"]
        if code == "SnapshotLocked" and lab.is_mock:  # lesson 08's governance lock, left by a stopped run
            lab.ec2.unlock_snapshot(SnapshotId=snapshot_id)
            lab.ec2.delete_snapshot(SnapshotId=snapshot_id)
        elif code not in ("InvalidSnapshot.NotFound", "InvalidSnapshot.InUse"):
            raise


def _terminate_instances_from(lab, image_names):
    """Instances a lesson launched from its own AMIs carry the AMI name in their Name tag."""
    reservations = lab.ec2.describe_instances(Filters=[
        {"Name": "tag:Name", "Values": list(image_names)},
        {"Name": "instance-state-name", "Values": ["pending", "running", "stopped"]},
    ])["Reservations"]
    ids = [i["InstanceId"] for r in reservations for i in r["Instances"] if _may_touch(lab, i.get("Tags"))]
    if ids:
        lab.ec2.terminate_instances(InstanceIds=ids)
