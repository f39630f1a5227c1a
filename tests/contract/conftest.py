"""Fixtures for the contract tests: each test says "AWS does X" (a fact from docs/aws-behaviour.md) and
checks that the kit's local AWS does X. They must fail against plain moto:

    LABKIT_PLAIN_MOTO=1 pytest tests/contract   # every test fails (moto's gaps)
    pytest tests/contract                       # every test passes (labkit's fixes)
"""

import json

import pytest
from botocore.exceptions import ClientError

# Snapshots complete at once unless a test asks for a pending time (tests/conftest.py).


@pytest.fixture
def aws_error():
    """Call ``fn`` and return its ClientError's (code, message, http status); fail if none."""

    def run(fn, *args, **kwargs):
        with pytest.raises(ClientError) as info:
            fn(*args, **kwargs)
        response = info.value.response
        return response["Error"]["Code"], response["Error"].get("Message"), response["ResponseMetadata"]["HTTPStatusCode"]

    return run


@pytest.fixture
def fast_waiters(tmp_path):
    """An AWS_DATA_PATH folder whose EC2 waiters poll every second (AWS polls every 15 s).

    botocore reads waiter models from AWS_DATA_PATH before its own data, so `aws ec2 wait
    snapshot-completed` can be tested in seconds, unchanged otherwise.
    """
    import botocore.session

    session = botocore.session.get_session()
    version = session.get_service_model("ec2").api_version
    model = session.get_component("data_loader").load_service_model("ec2", "waiters-2", version)
    for waiter in model["waiters"].values():
        waiter["delay"] = 1
    folder = tmp_path / "ec2" / version
    folder.mkdir(parents=True)
    (folder / "waiters-2.json").write_text(json.dumps(model))
    return str(tmp_path)


# `account`, `lab` and `cli` come from tests/conftest.py.


def root_and_data(lab, instance_id):
    """{device: volume} of an instance's attached volumes."""
    volumes = lab.ec2.describe_volumes(
        Filters=[{"Name": "attachment.instance-id", "Values": [instance_id]}]
    )["Volumes"]
    return {v["Attachments"][0]["Device"]: v for v in volumes}


@pytest.fixture
def devices():
    return root_and_data


@pytest.fixture
def own_snapshot(_session_lab):
    """Create a snapshot of a new 8 GiB volume of the account (completed at once by default)."""

    def make(description="contract", size=8):
        ec2 = _session_lab.ec2
        volume = ec2.create_volume(Size=size, AvailabilityZone=f"{_session_lab.region}a", VolumeType="gp3")
        return ec2.create_snapshot(VolumeId=volume["VolumeId"], Description=description)

    return make


@pytest.fixture
def launch(_session_lab):
    """Launch one t3.micro (default: the course's Amazon Linux 2023 AMI), optionally with the
    scenario's 10 GiB data volume at /dev/sdf, without building the whole scenario."""
    from labkit import scenario

    def run(image_id=None, data_volume=False):
        ec2 = _session_lab.ec2
        kwargs = {}
        if data_volume:
            kwargs["BlockDeviceMappings"] = [{"DeviceName": "/dev/sdf", "Ebs": {
                "VolumeSize": scenario.DATA_VOLUME_GIB, "VolumeType": "gp3", "DeleteOnTermination": True}}]
        reservation = ec2.run_instances(ImageId=image_id or scenario.base_image_id(_session_lab),
                                        InstanceType="t3.micro", MinCount=1, MaxCount=1, **kwargs)
        return reservation["Instances"][0]["InstanceId"]

    return run
