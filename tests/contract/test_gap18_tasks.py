"""Row 18 of docs/local-aws-differences.md: AMI and snapshot tasks with Amazon S3 (export, import,
store, restore), with the states and fields AWS documents and their effects in S3 and EC2."""

import json

import pytest

# Long enough that every read below happens while the task is still in progress, on any machine.
LONG = "3600"


@pytest.fixture
def s3(account):
    client = account.client("s3")
    client.create_bucket(Bucket="my-bucket")
    return client


def _image(account, own_snapshot, name="to-store"):
    snap = own_snapshot("root")["SnapshotId"]
    return account.ec2.register_image(Name=name, RootDeviceName="/dev/xvda", Architecture="x86_64",
                                      VirtualizationType="hvm", BlockDeviceMappings=[
                                          {"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snap}}])["ImageId"]


def test_contract_gap18_store_then_restore_an_ami(account, own_snapshot, s3):
    """AWS: CreateStoreImageTask answers the object key `<ami id>.bin` and writes it to the bucket;
    DescribeStoreImageTasks shows `InProgress`, then `Completed` at 100; CreateRestoreImageTask
    registers a new AMI, with new snapshots, from that object (EC2 API reference; awscli/examples/ec2
    create-store-image-task, describe-store-image-tasks, create-restore-image-task).

    Relies on labkit fix tasks.
    """
    ec2 = account.ec2
    image_id = _image(account, own_snapshot)
    assert ec2.create_store_image_task(ImageId=image_id, Bucket="my-bucket")["ObjectKey"] == f"{image_id}.bin"
    task = ec2.describe_store_image_tasks(ImageIds=[image_id])["StoreImageTaskResults"][0]
    assert (task["StoreTaskState"], task["ProgressPercentage"], task["S3objectKey"]) == (
        "Completed", 100, f"{image_id}.bin")
    stored = json.loads(s3.get_object(Bucket="my-bucket", Key=f"{image_id}.bin")["Body"].read())
    assert stored["Name"] == "to-store"
    restored = ec2.create_restore_image_task(Bucket="my-bucket", ObjectKey=f"{image_id}.bin",
                                             Name="restored")["ImageId"]
    images = {i["ImageId"]: i for i in ec2.describe_images(ImageIds=[image_id, restored])["Images"]}
    old, new = ([m["Ebs"] for m in images[i]["BlockDeviceMappings"]] for i in (image_id, restored))
    assert images[restored]["Name"] == "restored" and restored != image_id
    assert [e["VolumeSize"] for e in new] == [e["VolumeSize"] for e in old]
    assert new[0]["SnapshotId"] != old[0]["SnapshotId"]


def test_contract_gap18_store_task_in_progress_and_refusals(account, own_snapshot, s3, aws_error, monkeypatch):
    """AWS: a store task is `InProgress` until it completes, and writes its object then; a bucket
    that does not exist, an unknown AMI, a missing object or a name already used are refused.

    Relies on labkit fix tasks.
    """
    ec2 = account.ec2
    image_id = _image(account, own_snapshot)
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", LONG)
    ec2.create_store_image_task(ImageId=image_id, Bucket="my-bucket")
    task = ec2.describe_store_image_tasks()["StoreImageTaskResults"][0]
    assert (task["StoreTaskState"], task["ProgressPercentage"] < 100) == ("InProgress", True)
    assert s3.list_objects_v2(Bucket="my-bucket").get("Contents", []) == []
    assert aws_error(ec2.create_store_image_task, ImageId=image_id, Bucket="no-such-bucket")[0] == "InvalidParameter"
    assert aws_error(ec2.create_store_image_task, ImageId="ami-0123456789abcdef0",
                     Bucket="my-bucket")[0] == "InvalidAMIID.NotFound"
    assert aws_error(ec2.create_restore_image_task, Bucket="my-bucket", ObjectKey="nothing.bin",
                     Name="restored")[0] == "InvalidParameter"


def test_contract_gap18_export_image_writes_the_disk_object(account, own_snapshot, s3, monkeypatch):
    """AWS: ExportImage answers `active`/`validating`; DescribeExportImageTasks shows it `active`
    with a Progress, then `completed`, and the file is `<prefix><task id>.<format>` in the bucket
    (awscli/examples/ec2/describe-export-image-tasks.rst).

    Relies on labkit fix tasks.
    """
    ec2 = account.ec2
    image_id = _image(account, own_snapshot)
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", LONG)
    pending = ec2.export_image(ImageId=image_id, DiskImageFormat="VMDK",
                               S3ExportLocation={"S3Bucket": "my-bucket", "S3Prefix": "exports/"})
    assert (pending["Status"], pending["StatusMessage"], pending["DiskImageFormat"]) == ("active", "validating", "vmdk")
    listed = ec2.describe_export_image_tasks(ExportImageTaskIds=[pending["ExportImageTaskId"]])["ExportImageTasks"]
    assert listed[0]["Status"] == "active" and "Progress" in listed[0]
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", "0")
    task_id = ec2.export_image(ImageId=image_id, DiskImageFormat="VMDK", S3ExportLocation={
        "S3Bucket": "my-bucket", "S3Prefix": "exports/"})["ExportImageTaskId"]
    done = ec2.describe_export_image_tasks(ExportImageTaskIds=[task_id])["ExportImageTasks"][0]
    assert done["Status"] == "completed"
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket="my-bucket")["Contents"]]
    assert keys == [f"exports/{task_id}.vmdk"]


def test_contract_gap18_import_snapshot_and_image_from_s3(account, s3):
    """AWS: ImportSnapshot reads a disk file from S3 and, once completed, names the new snapshot
    (`SnapshotTaskDetail.SnapshotId`); ImportImage likewise names the new AMI (`ImageId`) and its
    snapshots; a file that is not there ends the task `deleted` (awscli/examples/ec2
    describe-import-snapshot-tasks, describe-import-image-tasks).

    Relies on labkit fix tasks.
    """
    ec2 = account.ec2
    s3.put_object(Bucket="my-bucket", Key="vms/disk.vmdk", Body=b"x" * 1000)
    started = ec2.import_snapshot(Description="My server VMDK", DiskContainer={
        "Format": "VMDK", "UserBucket": {"S3Bucket": "my-bucket", "S3Key": "vms/disk.vmdk"}})
    assert (started["SnapshotTaskDetail"]["Status"], started["SnapshotTaskDetail"]["StatusMessage"]) == (
        "active", "pending")
    detail = ec2.describe_import_snapshot_tasks(ImportTaskIds=[started["ImportTaskId"]])[
        "ImportSnapshotTasks"][0]["SnapshotTaskDetail"]
    assert (detail["Status"], detail["DiskImageSize"]) == ("completed", 1000.0)
    snapshot = ec2.describe_snapshots(SnapshotIds=[detail["SnapshotId"]])["Snapshots"][0]
    assert (snapshot["VolumeSize"], snapshot["Description"]) == (1, "My server VMDK")

    image_task = ec2.import_image(DiskContainers=[{"Format": "ova", "UserBucket": {
        "S3Bucket": "my-bucket", "S3Key": "vms/disk.vmdk"}}])["ImportTaskId"]
    task = ec2.describe_import_image_tasks(ImportTaskIds=[image_task])["ImportImageTasks"][0]
    assert task["Status"] == "completed"
    image = ec2.describe_images(ImageIds=[task["ImageId"]])["Images"][0]
    assert [m["Ebs"]["SnapshotId"] for m in image["BlockDeviceMappings"]] == [task["SnapshotDetails"][0]["SnapshotId"]]

    missing = ec2.import_snapshot(DiskContainer={"Format": "VMDK", "UserBucket": {
        "S3Bucket": "my-bucket", "S3Key": "vms/none.vmdk"}})["ImportTaskId"]
    detail = ec2.describe_import_snapshot_tasks(ImportTaskIds=[missing])["ImportSnapshotTasks"][0]["SnapshotTaskDetail"]
    assert detail["Status"] == "deleted" and detail["StatusMessage"].startswith("ClientError")
