"""The plain functions behind the new console procedures (labkit.console_actions), checked
against the local AWS and the AWS CLI; bad input gets a Spanish message and changes nothing.

AWS facts: docs/aws-behaviour.md ("AMIs", "Encryption and sharing", "Volumes from snapshots, copies and
sharing in the console").
"""

import json

import pytest

from labkit import actions, console_actions, scenario
from labkit.messages import LabkitError


def data_volume(lab):
    found = scenario.ensure(lab)
    vols = lab.ec2.describe_volumes(Filters=[
        {"Name": "attachment.instance-id", "Values": [found.private_instance_id]},
        {"Name": "attachment.device", "Values": ["/dev/sdf"]}])["Volumes"]
    return vols[0]


def own_snapshots(lab):
    return {s["SnapshotId"]: s for s in lab.ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]}


def cli_json(cli, command):
    return json.loads(cli(command).stdout)


# --- Deregister AMI ----------------------------------------------------------------------------

def test_deregister_with_delete_associated_snapshots(lab, aws_cli):
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "base")
    image = actions.create_image_from_snapshot(lab, snap, "una-ami")
    result = console_actions.deregister_image(lab, image, delete_snapshots=True)
    assert result == console_actions.Deregistered(image, (snap,), ()) and not result.partial
    assert snap not in own_snapshots(lab)
    assert cli_json(aws_cli, "aws ec2 describe-images --owners self")["Images"] == []


def test_deregister_keeps_a_snapshot_another_ami_uses(lab, aws_cli):
    """AWS: delete-snapshot of a snapshot a registered AMI uses fails with InvalidSnapshot.InUse:
    the AMI is deregistered, the shared snapshot stays, and the result says why."""
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "compartido")
    first = actions.create_image_from_snapshot(lab, snap, "primera")
    second = actions.create_image_from_snapshot(lab, snap, "segunda")
    result = console_actions.deregister_image(lab, first, delete_snapshots=True)
    assert result.partial and result.deleted == ()
    assert [kept for kept, _ in result.kept] == [snap] and second in result.kept[0][1]
    assert snap in own_snapshots(lab)
    listed = cli_json(aws_cli, "aws ec2 describe-images --owners self")["Images"]
    assert [i["ImageId"] for i in listed] == [second]


@pytest.mark.parametrize("image_id, fragment", [("", "No seleccionaste"), ("ami-xyz", "formato"),
                                                ("ami-0123456789abcdef0", "no existe")])
def test_deregister_bad_input_changes_nothing(lab, image_id, fragment):
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "base")
    image = actions.create_image_from_snapshot(lab, snap, "queda")
    with pytest.raises(LabkitError) as err:
        console_actions.deregister_image(lab, image_id, delete_snapshots=True)
    assert fragment in str(err.value)
    assert [i["ImageId"] for i in lab.ec2.describe_images(Owners=["self"])["Images"]] == [image]
    assert snap in own_snapshots(lab)


# --- Copy snapshot -------------------------------------------------------------------------------

def test_copy_snapshot_encrypted_with_the_default_key(lab, aws_cli):
    """AWS: copy-snapshot --encrypted encrypts the copy with alias/aws/ebs unless a key is given."""
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "origen")
    copy = console_actions.copy_snapshot(lab, snap, encrypted=True)
    mine = own_snapshots(lab)
    assert mine[copy]["Encrypted"] and not mine[snap]["Encrypted"]
    assert mine[copy]["Description"] == f"[Copied {snap} from {lab.region}]"
    cli = cli_json(aws_cli, f"aws ec2 describe-snapshots --snapshot-ids {copy}")["Snapshots"][0]
    assert cli["Encrypted"] is True and {"Key": "labkit:owner", "Value": "labkit"} in cli["Tags"]


def test_copy_of_an_encrypted_snapshot_stays_encrypted(lab):
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "origen")
    encrypted = console_actions.copy_snapshot(lab, snap, "cifrada", encrypted=True)
    again = console_actions.copy_snapshot(lab, encrypted, "copia de la cifrada", encrypted=False)
    assert own_snapshots(lab)[again]["Encrypted"]


@pytest.mark.parametrize("kwargs, fragment", [
    ({"kms_key_id": "mi clave"}, "no parece una clave KMS"),
    ({"kms_key_id": "alias/mi-clave"}, "sin cifrar"),
    ({"description": "x" * 256}, "256 caracteres"),
    ({"encrypted": "sí"}, "Encryption no válido"),
])
def test_copy_snapshot_bad_input_changes_nothing(lab, kwargs, fragment):
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "origen")
    before = set(own_snapshots(lab))
    with pytest.raises(LabkitError) as err:
        console_actions.copy_snapshot(lab, snap, **kwargs)
    assert fragment in str(err.value) and set(own_snapshots(lab)) == before


# --- Modify permissions ----------------------------------------------------------------------------

def test_share_and_unshare_a_snapshot(lab, aws_cli):
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "para compartir")
    assert console_actions.share_snapshot(lab, snap, " 111122223333 ") == ["111122223333"]
    attr = cli_json(aws_cli, f"aws ec2 describe-snapshot-attribute --snapshot-id {snap} "
                             "--attribute createVolumePermission")
    assert attr["CreateVolumePermissions"] == [{"UserId": "111122223333"}]
    assert console_actions.unshare_snapshot(lab, snap, "111122223333") == []


@pytest.mark.parametrize("account_id", ["12345", "abcdefghijkl", "", None])
def test_share_refuses_a_malformed_account(lab, account_id):
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "para compartir")
    with pytest.raises(LabkitError) as err:
        console_actions.share_snapshot(lab, snap, account_id)
    assert "12 dígitos" in str(err.value)
    assert lab.ec2.describe_snapshot_attribute(SnapshotId=snap, Attribute="createVolumePermission")[
        "CreateVolumePermissions"] == []


def test_share_refuses_a_snapshot_encrypted_with_the_aws_managed_key(lab):
    """AWS: snapshots encrypted with the AWS-managed key cannot be shared (OperationNotPermitted)."""
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "origen")
    copy = console_actions.copy_snapshot(lab, snap, encrypted=True)
    with pytest.raises(LabkitError) as err:
        console_actions.share_snapshot(lab, copy, "111122223333")
    assert err.value.code == "OperationNotPermitted"


# --- Create volume from snapshot ---------------------------------------------------------------

def test_create_volume_from_a_snapshot(lab, aws_cli):
    vol = data_volume(lab)
    snap = actions.create_snapshot(lab, vol["VolumeId"], "origen")
    new = console_actions.create_volume_from_snapshot(lab, snap, vol["AvailabilityZone"], size_gib=None,
                                                      name="restaurado")
    cli = cli_json(aws_cli, f"aws ec2 describe-volumes --volume-ids {new}")["Volumes"][0]
    assert (cli["SnapshotId"], cli["Size"], cli["VolumeType"], cli["AvailabilityZone"]) == \
        (snap, vol["Size"], "gp3", vol["AvailabilityZone"])
    assert {"Key": "Name", "Value": "restaurado"} in cli["Tags"]


@pytest.mark.parametrize("kwargs, fragment", [
    ({"size_gib": 1}, "más chico que su `snapshot`"),
    ({"size_gib": "ocho"}, "número entero"),
    ({"size_gib": 20000}, "entre 1 y 16384"),
    ({"volume_type": "st1"}, "entre 125 y 16384"),
    ({"volume_type": "io9"}, "Volume type no válido"),
    ({"availability_zone": "marte-1a"}, "no existe en us-east-1"),
])
def test_create_volume_bad_input_changes_nothing(lab, kwargs, fragment):
    vol = data_volume(lab)
    snap = actions.create_snapshot(lab, vol["VolumeId"], "origen")
    before = {v["VolumeId"] for v in lab.ec2.describe_volumes()["Volumes"]}
    args = {"availability_zone": vol["AvailabilityZone"], **kwargs}
    with pytest.raises(LabkitError) as err:
        console_actions.create_volume_from_snapshot(lab, snap, **args)
    assert fragment in str(err.value)
    assert {v["VolumeId"] for v in lab.ec2.describe_volumes()["Volumes"]} == before


def test_create_volume_from_a_pending_snapshot_says_to_wait_and_changes_nothing(lab, monkeypatch):
    # AWS refuses it with IncorrectState (docs/aws-behaviour.md, "Pending snapshots"); relies on the
    # local AWS's fix volumes.check_create_volume
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", "3600")  # still pending on any machine
    vol = data_volume(lab)
    snap = actions.create_snapshot(lab, vol["VolumeId"], "origen")
    before = {v["VolumeId"] for v in lab.ec2.describe_volumes()["Volumes"]}
    with pytest.raises(LabkitError) as err:
        console_actions.create_volume_from_snapshot(lab, snap, vol["AvailabilityZone"])
    assert err.value.code == "IncorrectState"
    assert "todavía no está `completed`" in str(err.value) and "wait snapshot-completed" in str(err.value)
    assert {v["VolumeId"] for v in lab.ec2.describe_volumes()["Volumes"]} == before


# --- real AWS: the guard rails (botocore Stubber, no network) ----------------------------------

def test_real_deregister_refuses_an_ami_the_kit_did_not_create(real):
    lab, stub = real
    image = "ami-0123456789abcdef0"
    stub.add_response("describe_tags", {"Tags": []}, {"Filters": [{"Name": "resource-id", "Values": [image]}]})
    with pytest.raises(LabkitError) as err:  # no DeregisterImage queued: the stub fails if it is called
        console_actions.deregister_image(lab, image, delete_snapshots=True)
    assert err.value.code == "LabkitNotOwned"


def test_real_unshare_refuses_a_snapshot_the_kit_did_not_create(real):
    lab, stub = real
    snap = "snap-0123456789abcdef0"
    stub.add_response("describe_tags", {"Tags": []}, {"Filters": [{"Name": "resource-id", "Values": [snap]}]})
    with pytest.raises(LabkitError) as err:
        console_actions.unshare_snapshot(lab, snap, "111122223333")
    assert err.value.code == "LabkitNotOwned"
