"""Row 16 of docs/local-aws-differences.md: replacing an instance's root volume.

Each fact is in docs/aws-behaviour.md ("AMI and volume settings"). Relies on the labkit fix
replace_root (moto 5.2.5 answers both operations with HTTP 500). A task's pace is the local AWS's
pending time (LABKIT_SNAPSHOT_SECONDS): each test asks for the one it needs.
"""

import json
import types

import pytest

from labkit.local_aws import settings


def _root(lab, instance_id):
    instance = lab.ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
    mapping = next(m for m in instance["BlockDeviceMappings"] if m["DeviceName"] == instance["RootDeviceName"])
    return lab.ec2.describe_volumes(VolumeIds=[mapping["Ebs"]["VolumeId"]])["Volumes"][0]


def test_contract_gap16_restore_to_launch_state(account, launch, cli, monkeypatch):
    """AWS (the CLI's documented example): the task answers `pending`; the instance gets a new root volume
    restored to its launch state (the AMI's root snapshot); the replaced volume is kept, detached."""
    instance_id = launch()
    old = _root(account, instance_id)
    monkeypatch.setenv(settings.SNAPSHOT_SECONDS_ENV, "3600")
    task = json.loads(cli(["aws", "ec2", "create-replace-root-volume-task", "--instance-id", instance_id]).stdout)[
        "ReplaceRootVolumeTask"]
    assert (task["InstanceId"], task["TaskState"], task["Tags"]) == (instance_id, "pending", [])
    assert task["ReplaceRootVolumeTaskId"].startswith("replacevol-")
    new = _root(account, instance_id)
    assert new["VolumeId"] != old["VolumeId"]
    assert (new["SnapshotId"], new["Size"], new["Attachments"][0]["Device"]) == (
        old["SnapshotId"], old["Size"], old["Attachments"][0]["Device"])
    kept = account.ec2.describe_volumes(VolumeIds=[old["VolumeId"]])["Volumes"][0]
    assert (kept["State"], kept["Attachments"]) == ("available", [])


def test_contract_gap16_restore_to_a_snapshot_and_describe(account, launch):
    """AWS: restored from a snapshot of the original root volume; describe-replace-root-volume-tasks lists
    the task (by id, by instance-id) as `succeeded` with a CompleteTime; DeleteReplacedRootVolume deletes
    the replaced volume."""
    ec2 = account.ec2
    instance_id = launch()
    old = _root(account, instance_id)
    snapshot_id = ec2.create_snapshot(VolumeId=old["VolumeId"])["SnapshotId"]
    task = ec2.create_replace_root_volume_task(InstanceId=instance_id, SnapshotId=snapshot_id,
                                               DeleteReplacedRootVolume=True)["ReplaceRootVolumeTask"]
    new = _root(account, instance_id)
    assert new["SnapshotId"] == snapshot_id
    assert old["VolumeId"] not in {v["VolumeId"] for v in ec2.describe_volumes()["Volumes"]}
    by_id = ec2.describe_replace_root_volume_tasks(ReplaceRootVolumeTaskIds=[task["ReplaceRootVolumeTaskId"]])
    by_instance = ec2.describe_replace_root_volume_tasks(Filters=[{"Name": "instance-id", "Values": [instance_id]}])
    for answer in (by_id, by_instance):
        listed = answer["ReplaceRootVolumeTasks"]
        assert [(t["ReplaceRootVolumeTaskId"], t["TaskState"], "CompleteTime" in t) for t in listed] == [
            (task["ReplaceRootVolumeTaskId"], "succeeded", True)]


def test_contract_gap16_snapshot_of_another_volume_is_refused(account, launch, own_snapshot, aws_error):
    """AWS: the snapshot must be one you created from the original root volume; nothing changes."""
    instance_id = launch()
    old = _root(account, instance_id)
    other = own_snapshot("de otro volumen")["SnapshotId"]
    code, _, status = aws_error(account.ec2.create_replace_root_volume_task, InstanceId=instance_id, SnapshotId=other)
    assert (code, status) == ("InvalidParameterValue", 400)
    assert _root(account, instance_id)["VolumeId"] == old["VolumeId"]


@pytest.mark.skipif(settings.plain_moto(), reason="the fix's own functions")
def test_task_states_follow_the_pace(monkeypatch):
    from labkit.local_aws.fixes import replace_root, state

    clock = types.SimpleNamespace(now=1000.0)
    monkeypatch.setattr(state, "now", lambda: clock.now)
    task = types.SimpleNamespace()
    state.start_pace(task, 30)
    seen = []
    for now in (1000.0, 1009.0, 1010.0, 1029.0, 1030.0):
        clock.now = now
        seen.append(replace_root.task_state(task))
    assert seen == ["pending", "pending", "in-progress", "in-progress", "succeeded"]


@pytest.mark.skipif(settings.plain_moto(), reason="the kit's persistence of the fixes' state")
def test_new_state_survives_the_kits_persistence(account, launch, own_snapshot):
    """Tasks, volume attributes, AMI settings and the block-public-access setting live on moto's objects,
    so the kit's persistence (a pickle of moto's backends) keeps them."""
    from labkit import local_aws
    from labkit.local_aws import persistence

    ec2 = account.ec2
    instance_id = launch()
    task_id = ec2.create_replace_root_volume_task(InstanceId=instance_id)["ReplaceRootVolumeTask"][
        "ReplaceRootVolumeTaskId"]
    volume_id = _root(account, instance_id)["VolumeId"]
    ec2.modify_volume_attribute(VolumeId=volume_id, AutoEnableIO={"Value": True})
    ec2.modify_volume(VolumeId=volume_id, Size=20)
    snapshot_id = own_snapshot()["SnapshotId"]
    image_id = ec2.register_image(Name="guardada", RootDeviceName="/dev/xvda", BlockDeviceMappings=[
        {"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snapshot_id}}])["ImageId"]
    ec2.enable_image_deregistration_protection(ImageId=image_id)
    ec2.disable_image_block_public_access()
    saved = persistence.dump()
    local_aws.reset(account.endpoint)
    assert ec2.describe_replace_root_volume_tasks()["ReplaceRootVolumeTasks"] == []
    persistence.load(saved)
    assert [t["ReplaceRootVolumeTaskId"] for t in ec2.describe_replace_root_volume_tasks()["ReplaceRootVolumeTasks"]] \
        == [task_id]
    assert ec2.describe_volume_attribute(VolumeId=volume_id, Attribute="autoEnableIO")["AutoEnableIO"]["Value"] is True
    assert ec2.describe_volumes_modifications(VolumeIds=[volume_id])["VolumesModifications"][0]["TargetSize"] == 20
    assert ec2.describe_images(ImageIds=[image_id])["Images"][0]["DeregistrationProtection"] == \
        "enabled-without-cooldown"
    assert ec2.get_image_block_public_access_state()["ImageBlockPublicAccessState"] == "unblocked"
