"""The plain functions behind the console widgets: what they create, what they refuse.

Facts cited from docs/aws-behaviour.md ("Creating snapshots", "AMIs") and the EC2 API
reference (RegisterImage/CreateImage Name: 3-128 characters of a fixed set; descriptions up to
255 characters).
"""

import json

import pytest
from botocore.stub import ANY

from labkit import actions, safety, scenario
from labkit.messages import LabkitError


def own_snapshot_ids(lab):
    return {s["SnapshotId"] for s in lab.ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]}


def own_images(lab):
    return lab.ec2.describe_images(Owners=["self"])["Images"]


def cli_json(aws_cli, command):
    return json.loads(aws_cli(command).stdout)


def private_volumes(lab):
    found = scenario.ensure(lab)
    return lab.ec2.describe_volumes(
        Filters=[{"Name": "attachment.instance-id", "Values": [found.private_instance_id]}])["Volumes"]


def tags_of(lab, resource_id):
    return lab.ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [resource_id]}])["Tags"]


# --- snapshots --------------------------------------------------------------------------------

def test_create_snapshot_of_a_volume_is_tagged_and_seen_by_boto3_and_cli(lab, aws_cli):
    """AWS: Resource type Volume = CreateSnapshot, one snapshot of one volume (docs/aws-behaviour.md)."""
    vol = private_volumes(lab)[0]["VolumeId"]
    snap_id = actions.create_snapshot(lab, vol, "Respaldo de datos")
    snap = lab.ec2.describe_snapshots(SnapshotIds=[snap_id])["Snapshots"][0]
    assert snap["VolumeId"] == vol and snap["Description"] == "Respaldo de datos"
    assert safety.is_owned(snap.get("Tags"))
    listed = cli_json(aws_cli, "aws ec2 describe-snapshots --owner self")["Snapshots"]
    assert [s["Description"] for s in listed if s["SnapshotId"] == snap_id] == ["Respaldo de datos"]


def test_create_snapshots_of_an_instance_covers_every_attached_volume(lab):
    """AWS: Resource type Instance = CreateSnapshots, one snapshot per attached volume."""
    found = scenario.ensure(lab)
    attached = {v["VolumeId"] for v in private_volumes(lab)}
    ids = actions.create_snapshots(lab, found.private_instance_id, "DEMO 16")
    snaps = lab.ec2.describe_snapshots(SnapshotIds=ids)["Snapshots"]
    assert {s["VolumeId"] for s in snaps} == attached
    assert all(s["Description"] == "DEMO 16" and safety.is_owned(s.get("Tags")) for s in snaps)


def test_create_snapshots_can_exclude_the_boot_volume(lab):
    """AWS: ExcludeBootVolume=true leaves out the volume at the instance's root device."""
    found = scenario.ensure(lab)
    inst = lab.ec2.describe_instances(InstanceIds=[found.private_instance_id])["Reservations"][0]["Instances"][0]
    root = inst.get("RootDeviceName")
    by_device = {v["Attachments"][0]["Device"]: v["VolumeId"] for v in private_volumes(lab)}
    ids = actions.create_snapshots(lab, found.private_instance_id, "solo datos", exclude_boot=True)
    snapped = {s["VolumeId"] for s in lab.ec2.describe_snapshots(SnapshotIds=ids)["Snapshots"]}
    assert snapped == {vol for dev, vol in by_device.items() if dev != root}
    assert by_device.get(root) not in snapped


BAD_VOLUME_IDS = [
    (None, "LabkitNothingSelected"),
    ("", "LabkitNothingSelected"),
    ("   ", "LabkitNothingSelected"),
    ("vol-", "InvalidVolumeID.Malformed"),
    ("i-0123456789abcdef0", "InvalidVolumeID.Malformed"),
    (12345, "InvalidVolumeID.Malformed"),
]


def test_create_snapshot_refuses_bad_ids_and_creates_nothing(lab):
    before = own_snapshot_ids(lab)
    for volume_id, code in BAD_VOLUME_IDS:
        with pytest.raises(LabkitError) as info:
            actions.create_snapshot(lab, volume_id, "x")
        assert info.value.code == code, volume_id
        assert "Qué hacer" in str(info.value)
    assert own_snapshot_ids(lab) == before


def test_description_over_255_characters_is_refused_before_aws(lab):
    """AWS: descriptions hold up to 255 characters."""
    vol = private_volumes(lab)[0]["VolumeId"]
    before = own_snapshot_ids(lab)
    actions.create_snapshot(lab, vol, "x" * 255)  # the limit itself is fine
    with pytest.raises(LabkitError, match="256 caracteres"):
        actions.create_snapshot(lab, vol, "x" * 256)
    with pytest.raises(LabkitError, match="256 caracteres"):
        actions.create_snapshots(lab, scenario.ensure(lab).private_instance_id, "y" * 256)
    assert len(own_snapshot_ids(lab) - before) == 1


def test_unknown_volume_is_explained_in_spanish(lab):
    with pytest.raises(LabkitError, match="no existe") as info:
        actions.create_snapshot(lab, "vol-0123456789abcdef0", "x")
    assert info.value.code == "InvalidVolume.NotFound"


def test_delete_snapshot_removes_it_from_the_cli_listing(lab, aws_cli):
    vol = private_volumes(lab)[0]["VolumeId"]
    snap_id = actions.create_snapshot(lab, vol, "para borrar")
    assert actions.delete_snapshot(lab, snap_id) == snap_id
    listed = cli_json(aws_cli, "aws ec2 describe-snapshots --owner self")["Snapshots"]
    assert snap_id not in {s["SnapshotId"] for s in listed}
    with pytest.raises(LabkitError) as info:
        actions.delete_snapshot(lab, snap_id)
    assert info.value.code == "InvalidSnapshot.NotFound"


def test_wait_snapshot_reports_progress_until_completed(lab, monkeypatch):
    """AWS: a new snapshot is pending with a Progress percentage, then completed."""
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", "2")  # pending for the first polls
    vol = private_volumes(lab)[0]["VolumeId"]
    snap_id = actions.create_snapshot(lab, vol, "espera")
    seen = []
    snaps = actions.wait_snapshot(lab, snap_id, on_progress=lambda s: seen.append(actions.progress_of(s)),
                                  interval=0.01, timeout=60)
    assert [s["State"] for s in snaps] == ["completed"]
    assert seen[0] < 100 and seen[-1] == 100 and seen == sorted(seen)


def test_wait_snapshot_is_bounded_and_returns_the_pending_state(lab, monkeypatch):
    """A snapshot still pending when the time bound ends is returned as it is, `pending`."""
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", "3600")  # pending for the whole test
    snap_id = actions.create_snapshot(lab, private_volumes(lab)[0]["VolumeId"], "sin terminar")
    seen = []
    snaps = actions.wait_snapshot(lab, [snap_id], on_progress=seen.append, interval=0.01, timeout=0.2)
    assert [(s["SnapshotId"], s["State"]) for s in snaps] == [(snap_id, "pending")]
    assert seen[-1] is snaps and actions.progress_of(snaps) == int(snaps[0]["Progress"].rstrip("%")) < 100


def test_progress_of_counts_completed_as_100():
    assert actions.progress_of([]) == 0
    assert actions.progress_of([{"State": "completed", "Progress": ""},
                                {"State": "pending", "Progress": "40%"}]) == 70


# --- AMIs -------------------------------------------------------------------------------------

BAD_AMI_NAMES = [
    ("ab", "2 caracteres"),
    ("x" * 129, "129 caracteres"),
    ("mi ami!", "'!'"),
    ("imagen-señal", "'ñ'"),
    ("", "Falta el nombre"),
    (None, "Falta el nombre"),
]


def test_ami_names_aws_rejects_are_refused_and_nothing_is_created(lab):
    """AWS (RegisterImage/CreateImage Name): 3-128 characters: letters, digits, ( ) [ ] . / - ' @ _ space."""
    vol = private_volumes(lab)[0]["VolumeId"]
    snap_id = actions.create_snapshot(lab, vol, "base")
    found = scenario.ensure(lab)
    for name, fragment in BAD_AMI_NAMES:
        with pytest.raises(LabkitError, match=fragment) as info:
            actions.create_image_from_snapshot(lab, snap_id, name, "d")
        assert info.value.code == "InvalidAMIName.Malformed"
        with pytest.raises(LabkitError, match=fragment):
            actions.create_image_from_instance(lab, found.private_instance_id, name, "d", no_reboot=True)
    assert own_images(lab) == []


def test_every_allowed_character_is_accepted(lab):
    vol = private_volumes(lab)[0]["VolumeId"]
    snap_id = actions.create_snapshot(lab, vol, "base")
    name = "Web (v1) [prod] ./-'@_ 2"
    image_id = actions.create_image_from_snapshot(lab, snap_id, name, "todas las letras")
    assert [i["Name"] for i in own_images(lab) if i["ImageId"] == image_id] == [name]


def test_create_image_from_snapshot_is_listed_by_boto3_and_cli(lab, aws_cli):
    """DEMO #17: the new AMI appears under AMIs (`describe-images --owners self`)."""
    vol = private_volumes(lab)[0]["VolumeId"]
    snap_id = actions.create_snapshot(lab, vol, "base")
    image_id = actions.create_image_from_snapshot(lab, snap_id, "mi-ami-web-v1", "AMI del DEMO 17")
    mine = {i["ImageId"]: i for i in own_images(lab)}
    assert mine[image_id]["Name"] == "mi-ami-web-v1"
    assert mine[image_id]["Description"] == "AMI del DEMO 17"
    assert safety.is_owned(tags_of(lab, image_id))
    for spelling in ("--owners", "--owner"):  # the API's and the course page's spelling
        listed = cli_json(aws_cli, f"aws ec2 describe-images {spelling} self")["Images"]
        assert [(i["ImageId"], i["Name"]) for i in listed] == [(image_id, "mi-ami-web-v1")], spelling


# Relies on the local AWS fidelity fix for docs/local-aws-differences.md row 5 (labkit/local_aws/fixes).
def test_image_from_snapshot_keeps_the_mapping_architecture_and_root_device(lab):
    """AWS: RegisterImage keeps the given block device mapping, root device name, architecture
    and virtualization type (docs/aws-behaviour.md, AMIs; docs/local-aws-differences.md row 5)."""
    vol = private_volumes(lab)[0]["VolumeId"]
    snap_id = actions.create_snapshot(lab, vol, "base")
    image_id = actions.create_image_from_snapshot(lab, snap_id, "mapeo", architecture="arm64")
    image = lab.ec2.describe_images(ImageIds=[image_id])["Images"][0]
    assert image["RootDeviceName"] == "/dev/xvda"
    assert image["Architecture"] == "arm64" and image["VirtualizationType"] == "hvm"
    assert actions.image_snapshots(lab, image_id) == [snap_id]


def test_unknown_snapshot_is_refused_before_registering(lab):
    """AWS: RegisterImage with an unknown snapshot is an error (docs/local-aws-differences.md row 5)."""
    with pytest.raises(LabkitError) as info:
        actions.create_image_from_snapshot(lab, "snap-0123456789abcdef0", "fantasma")
    assert info.value.code == "InvalidSnapshot.NotFound"
    assert own_images(lab) == []


def test_image_options_outside_aws_values_are_refused(lab):
    vol = private_volumes(lab)[0]["VolumeId"]
    snap_id = actions.create_snapshot(lab, vol, "base")
    for field, value, code in [("architecture", "sparc", "LabkitChoice"),
                               ("virtualization_type", "xen", "LabkitChoice"),
                               ("root_device_name", "xvda", "LabkitRootDevice")]:
        with pytest.raises(LabkitError) as info:
            actions.create_image_from_snapshot(lab, snap_id, "opciones", **{field: value})
        assert info.value.code == code, field
    assert own_images(lab) == []


def test_duplicate_ami_name_is_refused_for_both_routes(lab):
    """AWS: an AMI name is unique per account and region (InvalidAMIName.Duplicate)."""
    found = scenario.ensure(lab)
    vol = private_volumes(lab)[0]["VolumeId"]
    snap_id = actions.create_snapshot(lab, vol, "base")
    first = actions.create_image_from_snapshot(lab, snap_id, "mi-ami", "primera")
    with pytest.raises(LabkitError, match="Ya tienes una `AMI` llamada 'mi-ami'") as info:
        actions.create_image_from_snapshot(lab, snap_id, "mi-ami", "segunda")
    assert info.value.code == "InvalidAMIName.Duplicate" and first in info.value.what
    with pytest.raises(LabkitError) as info:
        actions.create_image_from_instance(lab, found.private_instance_id, "mi-ami", no_reboot=True)
    assert info.value.code == "InvalidAMIName.Duplicate"
    assert [i["ImageId"] for i in own_images(lab)] == [first]


def test_create_image_from_instance_tags_the_ami_and_its_snapshots(lab, aws_cli):
    """AWS: CreateImage snapshots the instance's EBS volumes; the AMI refers to them."""
    found = scenario.ensure(lab)
    image_id = actions.create_image_from_instance(lab, found.private_instance_id, "desde-instancia",
                                                  "DEMO 17 por cli", no_reboot=True)
    snap_ids = actions.image_snapshots(lab, image_id)
    assert snap_ids
    for rid in [image_id, *snap_ids]:
        assert safety.is_owned(tags_of(lab, rid)), rid
    listed = cli_json(aws_cli, "aws ec2 describe-images --owners self")["Images"]
    assert [(i["ImageId"], i["Name"]) for i in listed] == [(image_id, "desde-instancia")]


def test_no_reboot_must_be_a_boolean(lab):
    found = scenario.ensure(lab)
    with pytest.raises(LabkitError, match="No reboot"):
        actions.create_image_from_instance(lab, found.private_instance_id, "sin-reinicio", no_reboot="sí")
    assert own_images(lab) == []


def test_snapshot_behind_an_instance_ami_cannot_be_deleted_until_deregistered(lab, aws_cli):
    """AWS: delete-snapshot of a snapshot used by a registered AMI fails with
    InvalidSnapshot.InUse; deregister first. Deregistering keeps the snapshots (docs/aws-behaviour.md)."""
    found = scenario.ensure(lab)
    image_id = actions.create_image_from_instance(lab, found.private_instance_id, "en-uso", no_reboot=True)
    snap_id = actions.image_snapshots(lab, image_id)[0]
    with pytest.raises(LabkitError, match="deregister") as info:
        actions.delete_snapshot(lab, snap_id)
    assert info.value.code == "InvalidSnapshot.InUse"
    assert actions.deregister_image(lab, image_id).deleted == []
    assert snap_id in own_snapshot_ids(lab)  # deregistering does not delete the snapshot
    assert cli_json(aws_cli, "aws ec2 describe-images --owners self")["Images"] == []
    actions.delete_snapshot(lab, snap_id)
    assert snap_id not in own_snapshot_ids(lab)


# Relies on the local AWS fidelity fix for docs/local-aws-differences.md row 7 (labkit/local_aws/fixes).
def test_snapshot_behind_a_registered_ami_cannot_be_deleted(lab):
    """AWS: InvalidSnapshot.InUse for any snapshot a registered AMI uses (docs/local-aws-differences.md row 7)."""
    vol = private_volumes(lab)[0]["VolumeId"]
    snap_id = actions.create_snapshot(lab, vol, "base")
    actions.create_image_from_snapshot(lab, snap_id, "protegida")
    with pytest.raises(LabkitError) as info:
        actions.delete_snapshot(lab, snap_id)
    assert info.value.code == "InvalidSnapshot.InUse"
    assert snap_id in own_snapshot_ids(lab)


def test_deregister_with_delete_snapshots_removes_them(lab):
    found = scenario.ensure(lab)
    image_id = actions.create_image_from_instance(lab, found.private_instance_id, "limpieza", no_reboot=True)
    snap_ids = actions.image_snapshots(lab, image_id)
    assert actions.deregister_image(lab, image_id, delete_snapshots=True).deleted == snap_ids
    assert own_images(lab) == []
    assert not set(snap_ids) & own_snapshot_ids(lab)


def test_deregister_refuses_nothing_selected(lab):
    with pytest.raises(LabkitError) as info:
        actions.deregister_image(lab, None)
    assert info.value.code == "LabkitNothingSelected" and "AMI" in info.value.what


# --- real AWS: the same functions under the guard rails, with botocore's Stubber (no network) ---

# `real` (a Lab in mode 'aws' with a stubbed EC2 client) is in tests/conftest.py.


KIT = [{"Key": safety.OWNER_KEY, "Value": safety.OWNER_VALUE}]


def _tags_response(resource_id, tags):
    return {"Tags": [dict(t, ResourceId=resource_id, ResourceType="snapshot") for t in tags]}


def _tag_filter(resource_id):
    return {"Filters": [{"Name": "resource-id", "Values": [resource_id]}]}


def test_real_create_snapshot_tags_it_at_creation(real):
    lab, stub = real
    stub.add_response("create_snapshot", {"SnapshotId": "snap-0123456789abcdef0", "State": "pending"},
                      {"VolumeId": "vol-0123456789abcdef0", "Description": "d",
                       "TagSpecifications": [{"ResourceType": "snapshot", "Tags": KIT}]})
    assert actions.create_snapshot(lab, "vol-0123456789abcdef0", "d") == "snap-0123456789abcdef0"


def test_real_create_snapshots_tags_them_and_passes_exclude_boot(real):
    lab, stub = real
    stub.add_response("create_snapshots", {"Snapshots": [{"SnapshotId": "snap-0123456789abcdef1"}]},
                      {"InstanceSpecification": {"InstanceId": "i-0123456789abcdef0", "ExcludeBootVolume": True},
                       "TagSpecifications": [{"ResourceType": "snapshot", "Tags": KIT}]})
    assert actions.create_snapshots(lab, "i-0123456789abcdef0", "", exclude_boot=True) == ["snap-0123456789abcdef1"]


def test_real_delete_refuses_a_snapshot_the_kit_did_not_create(real):
    lab, stub = real
    sid = "snap-0123456789abcdef0"
    stub.add_response("describe_tags", _tags_response(sid, [{"Key": "Name", "Value": "de otro"}]), _tag_filter(sid))
    with pytest.raises(LabkitError, match="no lo creó el kit") as info:
        actions.delete_snapshot(lab, sid)  # no DeleteSnapshot queued: calling it would fail the stub
    assert info.value.code == "LabkitNotOwned"


def test_real_delete_shows_aws_in_use_refusal_in_spanish(real):
    lab, stub = real
    sid = "snap-0123456789abcdef0"
    stub.add_response("describe_tags", _tags_response(sid, KIT), _tag_filter(sid))
    stub.add_client_error("delete_snapshot", "InvalidSnapshot.InUse",
                          f"The snapshot {sid} is currently in use by ami-0123456789abcdef0",
                          expected_params={"SnapshotId": sid})
    with pytest.raises(LabkitError, match="lo usa la `AMI` registrada ami-0123456789abcdef0") as info:
        actions.delete_snapshot(lab, sid)
    assert info.value.code == "InvalidSnapshot.InUse"


def test_real_deregister_checks_every_snapshot_before_changing_anything(real):
    lab, stub = real
    ami, mine, theirs = "ami-0123456789abcdef0", "snap-0123456789abcdef0", "snap-0123456789abcdef1"
    stub.add_response("describe_tags", _tags_response(ami, KIT), _tag_filter(ami))
    stub.add_response("describe_images", {"Images": [{"ImageId": ami, "BlockDeviceMappings": [
        {"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": mine}},
        {"DeviceName": "/dev/sdf", "Ebs": {"SnapshotId": theirs}}]}]}, {"ImageIds": [ami]})
    stub.add_response("describe_tags", _tags_response(mine, KIT), _tag_filter(mine))
    stub.add_response("describe_tags", _tags_response(theirs, []), _tag_filter(theirs))
    with pytest.raises(LabkitError) as info:
        actions.deregister_image(lab, ami, delete_snapshots=True)  # no DeregisterImage queued
    assert info.value.code == "LabkitNotOwned" and theirs in info.value.what


def test_real_deregister_owned_image_and_its_snapshots(real):
    lab, stub = real
    ami, snap = "ami-0123456789abcdef0", "snap-0123456789abcdef0"
    stub.add_response("describe_tags", _tags_response(ami, KIT), _tag_filter(ami))
    stub.add_response("describe_images", {"Images": [{"ImageId": ami, "BlockDeviceMappings": [
        {"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snap}}]}]}, {"ImageIds": [ami]})
    stub.add_response("describe_tags", _tags_response(snap, KIT), _tag_filter(snap))
    stub.add_response("deregister_image", {}, {"ImageId": ami})
    stub.add_response("delete_snapshot", {}, {"SnapshotId": snap})
    assert actions.deregister_image(lab, ami, delete_snapshots=True).deleted == [snap]


def test_real_create_image_from_snapshot_registers_the_aws_way(real):
    """AWS: register-image with the snapshot as root mapping, x86_64, hvm, ENA (docs/aws-behaviour.md)."""
    lab, stub = real
    snap = "snap-0123456789abcdef0"
    stub.add_response("describe_snapshots", {"Snapshots": [{"SnapshotId": snap, "State": "completed"}]},
                      {"SnapshotIds": [snap]})
    stub.add_response("describe_images", {"Images": []},
                      {"Owners": ["self"], "Filters": [{"Name": "name", "Values": ["web-v1"]}]})
    stub.add_response("register_image", {"ImageId": "ami-0123456789abcdef0"}, {
        "Name": "web-v1", "Description": "d", "RootDeviceName": "/dev/xvda",
        "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snap, "DeleteOnTermination": True}}],
        "Architecture": "x86_64", "VirtualizationType": "hvm", "EnaSupport": True,
        "TagSpecifications": [{"ResourceType": "image", "Tags": KIT}],
    })
    assert actions.create_image_from_snapshot(lab, snap, "web-v1", "d") == "ami-0123456789abcdef0"


def test_real_create_image_from_instance_tags_image_and_snapshots_at_creation(real):
    lab, stub = real
    stub.add_response("describe_images", {"Images": []},
                      {"Owners": ["self"], "Filters": [{"Name": "name", "Values": ["web-v2"]}]})
    stub.add_response("create_image", {"ImageId": "ami-0123456789abcdef0"}, {
        "InstanceId": "i-0123456789abcdef0", "Name": "web-v2", "NoReboot": False, "Description": ANY,
        "TagSpecifications": [{"ResourceType": "image", "Tags": KIT}, {"ResourceType": "snapshot", "Tags": KIT}],
    })
    assert actions.create_image_from_instance(lab, "i-0123456789abcdef0", "web-v2", "d") == "ami-0123456789abcdef0"


def test_real_duplicate_name_is_found_in_the_accounts_own_images(real):
    lab, stub = real
    stub.add_response("describe_images", {"Images": [{"ImageId": "ami-0123456789abcdef0", "Name": "web-v1",
                                                      "State": "available"}]},
                      {"Owners": ["self"], "Filters": [{"Name": "name", "Values": ["web-v1"]}]})
    with pytest.raises(LabkitError) as info:
        actions.create_image_from_instance(lab, "i-0123456789abcdef0", "web-v1")  # no CreateImage queued
    assert info.value.code == "InvalidAMIName.Duplicate"
