"""Row 14 of docs/local-aws-differences.md: AMI settings — block public access, deprecation,
deregistration protection, reset/cancel launch permissions, instance image metadata, fast launch.

Each fact is in docs/aws-behaviour.md ("AMI and volume settings"). Relies on the labkit fix
image_attributes (moto 5.2.5 answers these operations with HTTP 500, or ignores them).
"""

import datetime

import pytest

from labkit.local_aws import settings

OTHER_ACCOUNT = "111122223333"
BLOCKED_MESSAGE = ("You can’t publicly share this image because block public access for AMIs is enabled for this "
                   "account. To publicly share the image, you must call the DisableImageBlockPublicAccess API.")


@pytest.fixture
def own_image(account, own_snapshot):
    """Register a private AMI of the account from a new snapshot."""

    def make(name="contrato-ami"):
        snapshot_id = own_snapshot(name)["SnapshotId"]
        return account.ec2.register_image(
            Name=name, RootDeviceName="/dev/xvda", Architecture="x86_64", VirtualizationType="hvm",
            BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snapshot_id}}])["ImageId"]

    return make


def _image(lab, image_id):
    return lab.ec2.describe_images(ImageIds=[image_id])["Images"][0]


def _other_account(lab):
    """An EC2 client of another account of the same local AWS (moto's x-moto-account-id header)."""
    client = lab.session.client("ec2", endpoint_url=lab.endpoint, region_name=lab.region)
    client.meta.events.register("before-sign.ec2.*", lambda request, **_: request.headers.__setitem__(
        "x-moto-account-id", OTHER_ACCOUNT))
    return client


# --- block public access for AMIs ------------------------------------------------------------

def test_contract_gap14_public_sharing_blocked_in_a_new_account(account, own_image, aws_error):
    """AWS: block public access for AMIs is on in a new account; making an AMI public is then refused
    with OperationNotPermitted, and nothing changes."""
    ec2 = account.ec2
    image_id = own_image()
    assert ec2.get_image_block_public_access_state()["ImageBlockPublicAccessState"] == "block-new-sharing"
    code, message, status = aws_error(ec2.modify_image_attribute, ImageId=image_id,
                                      LaunchPermission={"Add": [{"Group": "all"}]})
    assert (code, message, status) == ("OperationNotPermitted", BLOCKED_MESSAGE, 400)
    assert _image(account, image_id)["Public"] is False
    ec2.modify_image_attribute(ImageId=image_id, LaunchPermission={"Add": [{"UserId": OTHER_ACCOUNT}]})  # allowed


def test_contract_gap14_public_sharing_after_disabling_the_block(account, own_image, cli):
    """AWS: `disable-image-block-public-access` answers `unblocked` and AMIs can be made public; enabling it
    again blocks new public sharing only (public AMIs stay public)."""
    ec2 = account.ec2
    image_id = own_image()
    answer = cli(["aws", "ec2", "disable-image-block-public-access"]).stdout
    assert '"ImageBlockPublicAccessState": "unblocked"' in answer
    ec2.modify_image_attribute(ImageId=image_id, LaunchPermission={"Add": [{"Group": "all"}]})
    assert _image(account, image_id)["Public"] is True
    state = ec2.enable_image_block_public_access(ImageBlockPublicAccessState="block-new-sharing")
    assert state["ImageBlockPublicAccessState"] == "block-new-sharing"
    assert _image(account, image_id)["Public"] is True


# --- deprecation -------------------------------------------------------------------------------

def test_contract_gap14_deprecation_time_rounded_then_cancelled(account, own_image):
    """AWS: `enable-image-deprecation` sets DeprecationTime (seconds rounded to the nearest minute);
    `disable-image-deprecation` removes the field from describe-images."""
    ec2 = account.ec2
    image_id = own_image()
    year = datetime.datetime.now(datetime.timezone.utc).year + 1
    assert ec2.enable_image_deprecation(ImageId=image_id, DeprecateAt=f"{year}-10-15T13:17:42Z")["Return"] is True
    assert _image(account, image_id)["DeprecationTime"] == f"{year}-10-15T13:18:00.000Z"
    assert ec2.disable_image_deprecation(ImageId=image_id)["Return"] is True
    assert "DeprecationTime" not in _image(account, image_id)


def test_contract_gap14_deprecation_in_the_past_is_refused(account, own_image, aws_error):
    """AWS: "You can't specify a date in the past" (EnableImageDeprecation)."""
    image_id = own_image()
    code, _, status = aws_error(account.ec2.enable_image_deprecation, ImageId=image_id,
                                DeprecateAt="2022-10-15T13:17:12Z")
    assert (code, status) == ("InvalidParameterValue", 400)
    assert "DeprecationTime" not in _image(account, image_id)


def test_contract_gap14_public_amis_are_deprecated_two_years_after_creation(account):
    """AWS: by default the deprecation date of every public AMI is two years after its creation."""
    from labkit import scenario

    image = _image(account, scenario.base_image_id(account))
    created = image["CreationDate"]
    assert image["DeprecationTime"] == f"{int(created[:4]) + 2}{created[4:19]}.000Z"


# --- deregistration protection -------------------------------------------------------------------

def test_contract_gap14_protected_ami_cannot_be_deregistered(account, own_image, aws_error, cli):
    """AWS: while deregistration protection is on, the AMI can't be deregistered; once disabled, it can."""
    ec2 = account.ec2
    image_id = own_image()
    answer = cli(["aws", "ec2", "enable-image-deregistration-protection", "--image-id", image_id]).stdout
    assert '"Return": "enabled-without-cooldown"' in answer
    assert _image(account, image_id)["DeregistrationProtection"] == "enabled-without-cooldown"
    code, _, status = aws_error(ec2.deregister_image, ImageId=image_id)
    assert (code, status) == ("OperationNotPermitted", 400)
    assert [i["ImageId"] for i in ec2.describe_images(Owners=["self"])["Images"]] == [image_id]
    assert ec2.disable_image_deregistration_protection(ImageId=image_id)["Return"] == "disabled"
    assert _image(account, image_id)["DeregistrationProtection"] == "disabled"
    ec2.deregister_image(ImageId=image_id)
    assert ec2.describe_images(Owners=["self"])["Images"] == []


def test_contract_gap14_protection_with_cooldown_lasts_after_disabling(account, own_image, aws_error):
    """AWS: with the 24-hour cooldown, the AMI still can't be deregistered right after disabling protection."""
    ec2 = account.ec2
    image_id = own_image()
    assert ec2.enable_image_deregistration_protection(ImageId=image_id, WithCooldown=True)["Return"] == \
        "enabled-with-cooldown"
    ec2.disable_image_deregistration_protection(ImageId=image_id)
    assert _image(account, image_id)["DeregistrationProtection"].startswith("disabled-until ")
    code, _, _ = aws_error(ec2.deregister_image, ImageId=image_id)
    assert code == "OperationNotPermitted"


# --- launch permissions --------------------------------------------------------------------------

def test_contract_gap14_reset_image_attribute_makes_it_private(account, own_image, cli):
    """AWS: `reset-image-attribute --attribute launchPermission` resets it to its default: private."""
    ec2 = account.ec2
    image_id = own_image()
    ec2.modify_image_attribute(ImageId=image_id, LaunchPermission={"Add": [{"UserId": OTHER_ACCOUNT}]})
    proc = cli(["aws", "ec2", "reset-image-attribute", "--image-id", image_id, "--attribute", "launchPermission"])
    assert proc.stdout.strip() == ""
    assert ec2.describe_image_attribute(ImageId=image_id, Attribute="launchPermission")["LaunchPermissions"] == []


def test_contract_gap14_cancel_image_launch_permission(account, aws_error):
    """AWS: `cancel-image-launch-permission` removes your account from the launch permissions of an AMI
    another account shared with you."""
    other = _other_account(account)
    volume_id = other.create_volume(Size=8, AvailabilityZone=f"{account.region}a")["VolumeId"]
    snapshot_id = other.create_snapshot(VolumeId=volume_id)["SnapshotId"]
    image_id = other.register_image(Name="compartida", RootDeviceName="/dev/xvda", BlockDeviceMappings=[
        {"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snapshot_id}}])["ImageId"]
    mine = account.session.client("sts", endpoint_url=account.endpoint,
                                  region_name=account.region).get_caller_identity()["Account"]
    other.modify_image_attribute(ImageId=image_id, LaunchPermission={"Add": [{"UserId": mine}]})
    assert account.ec2.cancel_image_launch_permission(ImageId=image_id)["Return"] is True
    assert other.describe_image_attribute(ImageId=image_id, Attribute="launchPermission")["LaunchPermissions"] == []
    code, _, _ = aws_error(account.ec2.cancel_image_launch_permission, ImageId=image_id)
    assert code == "InvalidAMIID.NotFound"


# --- instance image metadata, fast launch ------------------------------------------------------------

def test_contract_gap14_instance_image_metadata(account, launch):
    """AWS: describe-instance-image-metadata describes the AMI each instance was launched from."""
    from labkit import scenario

    image_id = scenario.base_image_id(account)
    instance_id = launch()
    found = account.ec2.describe_instance_image_metadata(InstanceIds=[instance_id])["InstanceImageMetadata"]
    assert [(i["InstanceId"], i["InstanceType"], i["ImageMetadata"]["ImageId"], i["ImageMetadata"]["IsPublic"],
             i["ImageMetadata"]["ImageOwnerAlias"]) for i in found] == [(instance_id, "t3.micro", image_id, True,
                                                                         "amazon")]
    typed = account.ec2.describe_instance_image_metadata(Filters=[{"Name": "instance-type", "Values": ["t2.nano"]}])
    assert typed["InstanceImageMetadata"] == []


def test_contract_gap14_fast_launch_for_windows_amis(account, aws_error, own_image, monkeypatch):
    """AWS: `enable-fast-launch` answers `enabling` (then `enabled` in describe-fast-launch-images), for
    Windows AMIs only."""
    ec2 = account.ec2
    windows = ec2.describe_images(Owners=["amazon"], Filters=[{"Name": "platform", "Values": ["windows"]}])["Images"]
    instance_id = ec2.run_instances(ImageId=windows[0]["ImageId"], InstanceType="t3.micro", MinCount=1,
                                    MaxCount=1)["Instances"][0]["InstanceId"]
    image_id = ec2.create_image(InstanceId=instance_id, Name="windows-propia")["ImageId"]
    monkeypatch.setenv(settings.SNAPSHOT_SECONDS_ENV, "3600")
    answer = ec2.enable_fast_launch(ImageId=image_id, MaxParallelLaunches=6)
    assert (answer["State"], answer["ResourceType"], answer["MaxParallelLaunches"]) == ("enabling", "snapshot", 6)
    listed = ec2.describe_fast_launch_images()["FastLaunchImages"]
    assert [(i["ImageId"], i["State"]) for i in listed] == [(image_id, "enabling")]
    assert listed[0]["LaunchTemplate"]["LaunchTemplateName"].startswith("EC2FastLaunchDefaultResourceCreation-")
    code, _, _ = aws_error(ec2.enable_fast_launch, ImageId=own_image())
    assert code == "InvalidParameterValue"
