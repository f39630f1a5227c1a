"""The console widgets, driven headless: set widget values, click buttons, then look at
the account through boto3 and through the AWS CLI, as a student would.

Facts cited from docs/aws-behaviour.md ("Creating snapshots", "AMIs").
"""

import json
import re

import pytest

from labkit import actions, console, safety, scenario


def own_snapshots(lab):
    return {s["SnapshotId"]: s for s in lab.ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]}


def own_images(lab):
    return {i["ImageId"]: i for i in lab.ec2.describe_images(Owners=["self"])["Images"]}


def cli_json(aws_cli, command):
    return json.loads(aws_cli(command).stdout)


def data_volume(lab):
    found = scenario.ensure(lab)
    vols = lab.ec2.describe_volumes(
        Filters=[{"Name": "attachment.instance-id", "Values": [found.private_instance_id]}])["Volumes"]
    return next(v["VolumeId"] for v in vols if v["Attachments"][0]["Device"] == "/dev/sdf")


def choose(ec2, key):
    """Actions (the menu opens), then the item ``key`` (it acts)."""
    ec2.actions.click()
    assert ec2.menu.layout.display != "none"
    ec2.action_items[key].click()
    assert ec2.menu.layout.display == "none"


def delete_snapshot_in_console(lab, snap_id):
    """Snapshots > select > Actions > Delete snapshot > confirm; returns the console."""
    ec2 = console.ec2_console(lab)
    ec2.nav.value = "Snapshots"
    ec2.select(snap_id)
    choose(ec2, "delete_snapshot")
    ec2.dialog.confirm_button.click()
    return ec2


def listed_ids(panel):
    return panel.table.ids


# --- DEMO #16 ---------------------------------------------------------------------------------

def test_demo16_procedure_in_the_console(lab, aws_cli):
    """DEMO #16 (Web): Instances, note the private id, Snapshots, Create snapshot, Instance,
    Instance Id, description, Create; today's console needs no Close (it lands on the list with a
    green banner). AWS: Resource type Instance = CreateSnapshots."""
    found = scenario.ensure(lab)
    ec2 = console.ec2_console(lab, demo=16)
    assert ec2.steps.current == 2  # the panel is the dashboard: step 1 done
    ec2.nav.value = "Instances"
    assert found.private_instance_id in listed_ids(ec2)
    ec2.select(found.private_instance_id)
    assert ec2.table.row_text(found.private_instance_id).startswith("Instancia privada ")
    assert ec2.table.checkboxes[found.private_instance_id].value
    ec2.nav.value = "Snapshots"
    before = set(listed_ids(ec2))
    ec2.create_button.click()
    form = ec2.forms["snapshot"]
    assert ec2.body.children == (form,) and form.create_button.description == "Create snapshot"
    form.resource_type.value = "Instance"
    assert (found.private_instance_id, ) == tuple(v for label, v in form.instance.options
                                                  if "Instancia privada" in label)
    form.instance.value = found.private_instance_id
    form.description.value = "DEMO 16 desde la consola"
    assert ec2.steps.current == 9
    form.create_button.click()

    new = set(form.created)
    assert new and "Successfully created snapshots" in form.banner.value
    assert all(i in form.banner.value for i in new)
    assert form.result in ec2.notice.children and ec2.page == "Snapshots" and ec2.body.children == (ec2.table,)
    assert new <= set(listed_ids(ec2)) and before <= set(listed_ids(ec2))
    assert ec2.steps.current is None  # all ten steps: the page's Close is no longer needed
    # no pending time: the click's own first poll already saw them completed
    assert form.progress.value == 100 and form.progress.bar_style == "success"
    assert all("completed" in ec2.table.row_text(i) for i in new)  # the list follows the bar
    form.close_button.click()  # the banner's X
    assert ec2.notice.children == ()

    mine = own_snapshots(lab)
    attached = {v["VolumeId"] for v in lab.ec2.describe_volumes(
        Filters=[{"Name": "attachment.instance-id", "Values": [found.private_instance_id]}])["Volumes"]}
    assert {mine[i]["VolumeId"] for i in new} == attached
    assert all(mine[i]["Description"] == "DEMO 16 desde la consola" and safety.is_owned(mine[i].get("Tags"))
               for i in new)
    cli = {s["SnapshotId"]: s for s in cli_json(aws_cli, "aws ec2 describe-snapshots --owner self")["Snapshots"]}
    assert new <= set(cli) and {cli[i]["Description"] for i in new} == {"DEMO 16 desde la consola"}


def test_volume_resource_type_from_the_volumes_page(lab, aws_cli):
    """AWS: Resource type Volume = CreateSnapshot (one snapshot of the chosen volume)."""
    vol = data_volume(lab)
    ec2 = console.ec2_console(lab)
    ec2.nav.value = "Volumes"
    assert "Snapshot" in ec2.table.header.value
    assert ec2.table.row_text(vol).startswith("Instancia privada - datos")
    ec2.select(vol)
    choose(ec2, "snapshot")
    form = ec2.forms["snapshot"]
    assert form.resource_type.value == "Volume" and form.volume.value == vol
    assert "Instancia privada - datos" in form.volume.label
    form.description.value = "solo datos"
    form.create_button.click()
    assert len(form.created) == 1
    snap = own_snapshots(lab)[form.created[0]]
    assert snap["VolumeId"] == vol and snap["Description"] == "solo datos"
    assert f"from volume {vol}" in form.banner.value
    cli = cli_json(aws_cli, "aws ec2 describe-snapshots --owner self")["Snapshots"]
    assert [(s["VolumeId"], s["Description"]) for s in cli if s["SnapshotId"] == form.created[0]] \
        == [(vol, "solo datos")]


def test_double_click_on_create_makes_exactly_one_snapshot(lab):
    panel = console.create_snapshot_panel(lab)
    form = panel.form
    form.volume.value = data_volume(lab)
    before = set(own_snapshots(lab))
    form.create_button.click()
    form.create_button.click()
    assert len(set(own_snapshots(lab)) - before) == 1
    assert form.create_button.disabled  # until the banner is dismissed
    form.close_button.click()
    assert not form.create_button.disabled and form.description.value == ""


def test_exclude_boot_volume_option(lab):
    """AWS: ExcludeBootVolume leaves out the volume at the instance's root device."""
    found = scenario.ensure(lab)
    form = console.create_snapshot_panel(lab).form
    form.resource_type.value = "Instance"
    assert form.exclude_boot.layout.display != "none" and form.volume.layout.display == "none"
    form.instance.value = found.private_instance_id
    form.exclude_boot.value = True
    form.create_button.click()
    inst = lab.ec2.describe_instances(InstanceIds=[found.private_instance_id])["Reservations"][0]["Instances"][0]
    root_vols = {v["VolumeId"] for v in lab.ec2.describe_volumes()["Volumes"]
                 if v["Attachments"] and v["Attachments"][0]["InstanceId"] == found.private_instance_id
                 and v["Attachments"][0]["Device"] == inst.get("RootDeviceName")}
    snapped = {own_snapshots(lab)[i]["VolumeId"] for i in form.created}
    assert data_volume(lab) in snapped and not snapped & root_vols


@pytest.mark.parametrize("resource_type", ["Volume", "Instance"])
def test_nothing_selected_shows_a_spanish_message_and_creates_nothing(lab, resource_type):
    form = console.create_snapshot_panel(lab).form
    form.resource_type.value = resource_type
    before = set(own_snapshots(lab))
    form.create_button.click()
    assert "No seleccionaste" in form.message.value and "Qué hacer" in form.message.value
    assert set(own_snapshots(lab)) == before and not form.create_button.disabled
    assert form.result.layout.display == "none"


def test_description_over_the_limit_is_refused_inline(lab):
    """AWS: descriptions hold up to 255 characters."""
    form = console.create_snapshot_panel(lab).form
    form.volume.value = data_volume(lab)
    form.description.value = "x" * 256
    assert "256/255" in form.counter.value
    before = set(own_snapshots(lab))
    form.create_button.click()
    assert "256 caracteres" in form.message.value
    assert set(own_snapshots(lab)) == before


def test_actions_need_a_selected_row(lab):
    """Like the console: with no row checked, the menu's items are disabled (and say why)."""
    actions.create_snapshot(lab, data_volume(lab), "base")
    ec2 = console.ec2_console(lab)
    ec2.nav.value = "Snapshots"
    ec2.actions.click()
    assert all(item.disabled for item in ec2.action_items.values())
    assert "Selecciona primero" in ec2.menu_hint.value
    ec2.act("image_from_snapshot")  # what the code path does if asked anyway
    assert "Selecciona primero" in ec2.message.value and ec2.body.children == (ec2.table,)


def test_refresh_button_shows_what_was_made_elsewhere(lab):
    """Like the console: a snapshot made from the CLI appears after a refresh."""
    ec2 = console.ec2_console(lab)
    ec2.nav.value = "Snapshots"
    snap_id = actions.create_snapshot(lab, data_volume(lab), "desde la cli")
    assert snap_id not in listed_ids(ec2)
    ec2.refresh_button.click()
    assert snap_id in listed_ids(ec2) and f"Snapshots ({len(listed_ids(ec2))})" in ec2.header.value


def test_unexpected_botocore_errors_show_inline(lab, monkeypatch):
    from botocore.exceptions import ParamValidationError

    form = console.create_snapshot_panel(lab).form
    form.volume.value = data_volume(lab)

    def broken(**kwargs):
        raise ParamValidationError(report="Invalid type for parameter Description")

    monkeypatch.setattr(lab.ec2, "create_snapshot", broken)
    form.create_button.click()
    assert "Invalid type for parameter" in form.message.value and not form.create_button.disabled


def test_progress_bar_follows_a_pending_snapshot_without_blocking(lab, monkeypatch):
    """AWS: a new snapshot is `pending` with a rising Progress, then `completed`. The local AWS
    keeps it pending 5 s: the click returns long before, and a thread moves the bar."""
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", "5")
    form = console.create_snapshot_panel(lab).form
    form.volume.value = data_volume(lab)
    values = []
    form.progress.observe(lambda ch: values.append(ch["new"]), "value")
    form.create_button.click()
    assert form.progress.bar_style == "info" and "pending" in form.progress_text.value  # the click returned
    assert form._thread is not None and form._thread.is_alive()  # while a thread follows the snapshot
    form.wait(60)
    assert not form._thread.is_alive()
    assert form.progress.value == 100 and form.progress.bar_style == "success"
    assert values == sorted(values) and values[-1] == 100 and any(0 < v < 100 for v in values)
    assert "completed" in form.progress_text.value


def test_labels_carry_no_timestamps(lab):
    """nbval compares outputs: no dates or times in labels, banners or lists."""
    ec2 = console.ec2_console(lab)
    ec2.nav.value = "Volumes"
    ec2.select(data_volume(lab))
    choose(ec2, "snapshot")
    ec2.forms["snapshot"].create_button.click()
    texts = [ec2.header.value, ec2.table.header.value, ec2.forms["snapshot"].banner.value,
             *[row.children[1].value for row in ec2.table.rows.values()], ec2.steps.widget.value,
             ec2._repr_mimebundle_()["text/html"]]
    stamp = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}(:\d{2})?")
    assert not [t for t in texts if stamp.search(t)]


# --- DEMO #17 ---------------------------------------------------------------------------------

def test_demo17_procedure_in_the_console(lab, aws_cli):
    """DEMO #17 (Web): Snapshots, select one, Actions > Create image from snapshot, name and
    description, Create (no Close today), AMIs: the new image is there (`describe-images --owners self`)."""
    snap_id = actions.create_snapshot(lab, data_volume(lab), "base del DEMO 17")
    ec2 = console.ec2_console(lab, demo=17)
    ec2.nav.value = "Snapshots"
    ec2.select(snap_id)
    assert ec2.steps.current == 4
    choose(ec2, "image_from_snapshot")
    form = ec2.forms["image_from_snapshot"]
    assert "base del DEMO 17" in form.snapshot_info.value
    assert form.snapshot.value == snap_id and form.create_button.description == "Create image"
    assert (form.root_device.value, form.architecture.value, form.virtualization.value) == ("/dev/xvda", "x86_64",
                                                                                            "hvm")
    form.name.value = "mi-ami-demo17"
    form.description.value = "AMI creada desde la consola"
    form.create_button.click()
    form.create_button.click()  # a double click: one AMI
    assert len(form.created) == 1
    image_id = form.created[0]
    assert image_id in form.banner.value and form.result in ec2.notice.children
    assert ec2.page == "Snapshots" and ec2.selected == snap_id and ec2.steps.current == 8
    ec2.nav.value = "AMIs"
    assert image_id in listed_ids(ec2)
    assert ec2.steps.current is None  # all nine steps done

    mine = own_images(lab)
    assert list(mine) == [image_id]
    assert mine[image_id]["Name"] == "mi-ami-demo17"
    assert mine[image_id]["Description"] == "AMI creada desde la consola"
    assert [(i["ImageId"], i["Name"]) for i in cli_json(aws_cli, "aws ec2 describe-images --owners self")["Images"]] \
        == [(image_id, "mi-ami-demo17")]


@pytest.mark.parametrize("name, fragment", [
    ("ab", "2 caracteres"),
    ("a" * 129, "129 caracteres"),
    ("mi ami #1", "'#'"),
    ("", "Falta el nombre"),
])
def test_bad_ami_names_are_refused_inline(lab, name, fragment):
    """AWS: an AMI name has 3-128 characters of letters, digits, ( ) [ ] . / - ' @ _ and space."""
    snap_id = actions.create_snapshot(lab, data_volume(lab), "base")
    panel = console.create_image_panel(lab)
    panel.form.snapshot.value = snap_id
    panel.form.name.value = name
    panel.form.create_button.click()
    assert fragment in panel.form.message.value
    assert own_images(lab) == {} and not panel.form.created


def test_duplicate_ami_name_is_refused_inline(lab):
    """AWS: an AMI name is unique per account and region (InvalidAMIName.Duplicate)."""
    snap_id = actions.create_snapshot(lab, data_volume(lab), "base")
    first = actions.create_image_from_snapshot(lab, snap_id, "repetida")
    form = console.create_image_panel(lab).form
    form.snapshot.value = snap_id
    form.name.value = "repetida"
    form.create_button.click()
    assert "Ya tienes una <code>AMI</code> llamada" in form.message.value and first in form.message.value
    assert list(own_images(lab)) == [first]


def test_create_image_panel_shows_steps_and_the_amis_list(lab):
    snap_id = actions.create_snapshot(lab, data_volume(lab), "base")
    panel = console.create_image_panel(lab)
    assert panel.steps.current == 3  # select the snapshot
    assert f"{snap_id} (base)" in [label for label, _ in panel.form.snapshot.options]
    panel.form.snapshot.value = snap_id
    panel.form.name.value = "panel-ami"
    panel.form.description.value = "desde el panel"
    panel.form.root_device.value = "/dev/sda1"
    panel.form.architecture.value = "arm64"
    panel.form.create_button.click()
    panel.form.close_button.click()
    panel.amis_button.click()
    assert panel.form.created[0] in panel.amis.value and "panel-ami" in panel.amis.value
    assert panel.steps.current is None


def test_create_image_from_an_instance_with_no_reboot(lab, aws_cli):
    """AWS: create-image reboots the instance unless --no-reboot (then only crash-consistent)."""
    found = scenario.ensure(lab)
    ec2 = console.ec2_console(lab, demo=None)
    ec2.nav.value = "Instances"
    ec2.select(found.private_instance_id)
    choose(ec2, "image_from_instance")
    form = ec2.forms["image_from_instance"]
    assert form.instance.value == found.private_instance_id
    help_text = " ".join(c.value for c in form.children if hasattr(c, "value") and isinstance(c.value, str))
    assert "reinicia la instancia" in help_text and "crash-consistent" in help_text
    form.name.value = "web-sin-reinicio"
    form.no_reboot.value = True
    form.create_button.click()
    image_id = form.created[0]
    assert "no se reinició" in form.banner.value
    ec2.nav.value = "AMIs"
    assert image_id in listed_ids(ec2)
    assert own_images(lab)[image_id]["Name"] == "web-sin-reinicio"
    assert [i["Name"] for i in cli_json(aws_cli, "aws ec2 describe-images --owners self")["Images"]] \
        == ["web-sin-reinicio"]


# --- Delete snapshot / Deregister AMI ---------------------------------------------------------

def test_delete_snapshot_from_the_actions_menu(lab, aws_cli):
    snap_id = actions.create_snapshot(lab, data_volume(lab), "para borrar")
    ec2 = console.ec2_console(lab)
    ec2.nav.value = "Snapshots"
    ec2.select(snap_id)
    choose(ec2, "delete_snapshot")
    assert snap_id in ec2.dialog.children[0].value
    ec2.dialog.confirm_button.click()
    assert "Successfully deleted snapshot" in ec2.notice.children[0].value
    assert snap_id not in listed_ids(ec2) and snap_id not in own_snapshots(lab)
    listed = cli_json(aws_cli, "aws ec2 describe-snapshots --owner self")["Snapshots"]
    assert snap_id not in {s["SnapshotId"] for s in listed}


def test_deleting_a_snapshot_behind_an_ami_shows_awss_refusal_in_spanish(lab):
    """AWS: delete-snapshot of a snapshot used by a registered AMI fails with
    InvalidSnapshot.InUse; deregister first (docs/aws-behaviour.md)."""
    found = scenario.ensure(lab)
    image_id = actions.create_image_from_instance(lab, found.private_instance_id, "con-snapshot", no_reboot=True)
    snap_id = actions.image_snapshots(lab, image_id)[0]
    ec2 = delete_snapshot_in_console(lab, snap_id)
    assert "lo usa la <code>AMI</code> registrada ami-" in ec2.dialog.message.value
    assert "deregister-image" in ec2.dialog.message.value
    assert snap_id in own_snapshots(lab)
    ec2.dialog.cancel_button.click()
    assert ec2.dialog is None and ec2.notice.children == ()


# Relies on the local AWS fidelity fix for docs/local-aws-differences.md row 7 (labkit/local_aws/fixes).
def test_deleting_the_snapshot_of_a_registered_ami_is_refused(lab):
    """AWS: InvalidSnapshot.InUse for any snapshot an AMI uses (docs/local-aws-differences.md row 7)."""
    snap_id = actions.create_snapshot(lab, data_volume(lab), "base")
    form = console.create_image_panel(lab).form
    form.snapshot.value = snap_id
    form.name.value = "registrada"
    form.create_button.click()
    ec2 = delete_snapshot_in_console(lab, snap_id)
    assert "lo usa la <code>AMI</code> registrada ami-" in ec2.dialog.message.value
    assert snap_id in own_snapshots(lab)


@pytest.mark.parametrize("delete_snapshots", [False, True])
def test_deregister_ami_from_the_actions_menu(lab, aws_cli, delete_snapshots):
    """AWS: deregister-image does not delete the AMI's snapshots (the console can, if asked)."""
    found = scenario.ensure(lab)
    image_id = actions.create_image_from_instance(lab, found.private_instance_id, "a-borrar", no_reboot=True)
    snaps = actions.image_snapshots(lab, image_id)
    ec2 = console.ec2_console(lab)
    ec2.nav.value = "AMIs"
    ec2.select(image_id)
    choose(ec2, "deregister_image")
    assert "no borra" in ec2.dialog.children[1].value
    ec2.dialog.option.value = delete_snapshots
    ec2.dialog.confirm_button.click()
    assert "Successfully deregistered AMI" in ec2.notice.children[0].value
    assert image_id not in listed_ids(ec2) and own_images(lab) == {}
    assert bool(set(snaps) & set(own_snapshots(lab))) is not delete_snapshots
    cli_snaps = {s["SnapshotId"] for s in cli_json(aws_cli, "aws ec2 describe-snapshots --owner self")["Snapshots"]}
    assert bool(set(snaps) & cli_snaps) is not delete_snapshots


# --- real AWS: the same panels under the guard rails (botocore Stubber, no network) -----------

# `real` (a Lab in mode 'aws' with a stubbed EC2 client) is in tests/conftest.py.


SNAP = "snap-0123456789abcdef0"
VOL = "vol-0123456789abcdef0"
KIT = [{"Key": safety.OWNER_KEY, "Value": safety.OWNER_VALUE}]


def _snapshot(state="completed", tags=()):
    return {"SnapshotId": SNAP, "VolumeId": VOL, "VolumeSize": 8, "State": state, "Progress": "100%",
            "Description": "de otra persona", "Tags": list(tags)}


def test_real_console_refuses_to_delete_what_the_kit_did_not_create(real):
    lab, stub = real
    for op, answer in [("describe_instances", {"Reservations": []}), ("describe_volumes", {"Volumes": []}),
                       ("describe_snapshots", {"Snapshots": [_snapshot()]}), ("describe_images", {"Images": []}),
                       ("describe_snapshots", {"Snapshots": [_snapshot()]})]:
        stub.add_response(op, answer)
    ec2 = console.ec2_console(lab)
    ec2.nav.value = "Snapshots"
    ec2.select(SNAP)
    choose(ec2, "delete_snapshot")
    stub.add_response("describe_tags", {"Tags": []}, {"Filters": [{"Name": "resource-id", "Values": [SNAP]}]})
    ec2.dialog.confirm_button.click()  # no DeleteSnapshot queued: the stub fails if it is called
    assert "no lo creó el kit" in ec2.dialog.message.value


def test_real_snapshot_form_tags_what_it_creates(real):
    lab, stub = real
    stub.add_response("describe_volumes", {"Volumes": [{"VolumeId": VOL, "VolumeType": "gp3", "Size": 8,
                                                        "State": "in-use", "Tags": [{"Key": "Name", "Value": "web"}]}]})
    stub.add_response("describe_instances", {"Reservations": []})
    form = console.create_snapshot_panel(lab).form
    assert form.volume.options == ((f"{VOL} (web)", VOL),)
    form.volume.value = VOL
    form.description.value = "real"
    stub.add_response("create_snapshot", {"SnapshotId": SNAP, "State": "pending"},
                      {"VolumeId": VOL, "Description": "real",
                       "TagSpecifications": [{"ResourceType": "snapshot", "Tags": KIT}]})
    stub.add_response("describe_snapshots", {"Snapshots": [_snapshot("completed", KIT)]}, {"SnapshotIds": [SNAP]})
    form.create_button.click()
    assert form.created == [SNAP] and form.progress.value == 100
