"""The console widget as today's EC2 console, headless: a table with a header and a checkbox per
row, an Actions menu that acts only once an item is chosen, columns that fit a 640 px output,
normal line spacing, a static HTML rendering for readers without a kernel, and the procedures
Create volume from snapshot, Copy snapshot, Modify permissions (Add account, Remove, Save changes)
and Deregister AMI (partial).

Facts cited from docs/aws-behaviour.md ("AMIs", "Encryption and sharing").
"""

import html
import json
import re

import ipywidgets as widgets
import pytest

from labkit import actions, console, scenario


def data_volume(lab):
    found = scenario.ensure(lab)
    return lab.ec2.describe_volumes(Filters=[
        {"Name": "attachment.instance-id", "Values": [found.private_instance_id]},
        {"Name": "attachment.device", "Values": ["/dev/sdf"]}])["Volumes"][0]


def cli_json(cli, command):
    return json.loads(cli(command).stdout)


def on_snapshots(lab, snap_id=None):
    ec2 = console.ec2_console(lab, demo=None)
    ec2.nav.value = "Snapshots"
    if snap_id:
        ec2.select(snap_id)
    return ec2


def open_from_menu(ec2, key):
    ec2.actions.click()
    ec2.action_items[key].click()
    return ec2.forms.get(key)


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


# --- the table ----------------------------------------------------------------------------------

def test_table_has_a_header_and_one_labelled_checkbox_per_row(lab):
    snaps = [actions.create_snapshot(lab, data_volume(lab)["VolumeId"], f"fila {i}") for i in range(3)]
    ec2 = on_snapshots(lab)
    header = ec2.table.header.value
    for column in ("Name", "Snapshot ID", "Volume size", "Description", "Snapshot status", "Progress", "Volume ID"):
        assert f">{column}</div>" in header
    assert sorted(ec2.table.ids) == sorted(snaps)
    for snap in snaps:
        box = ec2.table.checkboxes[snap]
        # Its accessible name is its <label>'s text (the description), hidden from the eye by a class:
        # a tooltip alone would be only a title (axe-core: label-title-only).
        assert isinstance(box, widgets.Checkbox) and box.description == f"Select {snap}"
        assert "labkit-sr-label" in box._dom_classes
        assert "labkit-row" in ec2.table.rows[snap]._dom_classes
    ec2.table.checkboxes[snaps[1]].value = True
    assert ec2.selected == snaps[1]
    ec2.table.checkboxes[snaps[2]].value = True  # one row at a time
    assert ec2.selected == snaps[2] and not ec2.table.checkboxes[snaps[1]].value


def test_snapshot_state_is_shown_without_sideways_scrolling(lab):
    """At 640 px: the state and progress columns are shown by default; cells wrap (a grid of
    minmax(0, n fr) tracks, no fixed widths); no box of the console is wider than 640 px."""
    actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "una descripción bastante larga para partirse")
    ec2 = on_snapshots(lab)
    row = next(iter(ec2.table.rows.values())).children[1].value
    assert "Snapshot status" in ec2.table.visible and "Progress" in ec2.table.visible
    assert re.search(r"grid-template-columns:(minmax\(0,[\d.]+fr\) ?)+;", row)
    assert "overflow-wrap:break-word" in row
    for widget in walk(ec2):
        layout = getattr(widget, "layout", None)
        for size in (layout.width, layout.min_width) if layout is not None else ():
            if size and size.endswith("px"):
                assert float(size[:-2]) <= 640, (type(widget).__name__, size)
        assert not layout or layout.overflow in (None, "", "visible")


def test_preferences_choose_the_visible_columns(lab):
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "base")
    ec2 = on_snapshots(lab)
    ec2.table.preferences_button.click()
    assert ec2.table.preferences.layout.display != "none"
    ec2.table.column_boxes["Description"].value = False
    ec2.table.column_boxes["Encryption"].value = True
    ec2.table.cancel_button.click()
    assert "Description" in ec2.table.visible and "Encryption" not in ec2.table.visible
    ec2.table.preferences_button.click()
    ec2.table.column_boxes["Description"].value = False
    ec2.table.column_boxes["Encryption"].value = True
    ec2.table.confirm_button.click()
    assert ">Description</div>" not in ec2.table.header.value and ">Encryption</div>" in ec2.table.header.value
    assert "Not encrypted" in ec2.table.row_text(snap) and ec2.table.preferences.layout.display == "none"


def test_the_actions_menu_acts_only_when_an_item_is_chosen(lab):
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "base")
    ec2 = on_snapshots(lab, snap)
    before = ec2.body.children
    ec2.actions.click()  # the menu opens; nothing else happens
    assert ec2.menu.layout.display != "none" and ec2.dialog is None and ec2.body.children == before
    assert [b.description for b in ec2.action_items.values()] == [
        "Create volume from snapshot", "Create image from snapshot", "Copy snapshot",
        "Snapshot settings › Modify permissions", "Delete snapshot"]
    assert not any(b.disabled for b in ec2.action_items.values())
    ec2.actions.click()  # closes again, still nothing done
    assert ec2.menu.layout.display == "none" and ec2.dialog is None
    ec2.actions.click()
    ec2.action_items["delete_snapshot"].click()
    assert ec2.dialog is not None and ec2.menu.layout.display == "none"
    assert snap in {s["SnapshotId"] for s in lab.ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]}


def test_every_control_has_a_label(lab):
    """Each button, checkbox and field is named by its own text (``description``: a button's text,
    a checkbox's or field's <label>). A tooltip alone is only a ``title`` attribute, which
    axe-core's best-practice rule ``label-title-only`` (serious) rejects as a control's name."""
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "base")
    lab.ec2.modify_snapshot_attribute(SnapshotId=snap, Attribute="createVolumePermission",
                                      OperationType="add", UserIds=["111122223333"])  # a Remove button
    ec2 = on_snapshots(lab, snap)
    for key in ("volume_from_snapshot", "copy_snapshot", "modify_permissions", "image_from_snapshot"):
        ec2.show_page("Snapshots")
        ec2.select(snap)
        open_from_menu(ec2, key)
    assert ec2.forms["modify_permissions"].remove_buttons
    ec2.show_page("Snapshots")
    ec2.actions.click()
    everything = [w for part in (ec2, *ec2.forms.values()) for w in walk(part)]
    controls = [w for w in everything if isinstance(w, (widgets.Button, widgets.Checkbox, widgets.Text,
                                                        widgets.Dropdown, widgets.ToggleButtons))]
    assert len(controls) > 30
    unlabeled = [(type(w).__name__, w.tooltip) for w in controls if not w.description]
    assert unlabeled == []


def test_help_text_has_normal_line_spacing(lab):
    """ipywidgets gives HTML widgets 28 px lines; every longer text of the console sets its own."""
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "base")
    image = actions.create_image_from_snapshot(lab, snap, "con-ayuda")
    ec2 = on_snapshots(lab, snap)
    for key in ("volume_from_snapshot", "copy_snapshot", "modify_permissions", "image_from_snapshot"):
        ec2.show_page("Snapshots")
        ec2.select(snap)
        open_from_menu(ec2, key)
    ec2.forms["snapshot"] = ec2.open_form("snapshot")
    ec2.nav.value = "AMIs"
    ec2.select(image)
    open_from_menu(ec2, "deregister_image")
    parts = (ec2, ec2.dialog, *ec2.forms.values(), console.create_image_from_instance_panel(lab))
    texts = [w.value for part in parts for w in walk(part) if isinstance(w, widgets.HTML)
             and not w.value.startswith("<style>")]
    long_texts = [t for t in texts if len(re.sub(r"<[^>]+>", "", t)) > 60]
    assert len(long_texts) >= 8
    assert [t for t in long_texts if "line-height:1.45" not in t] == []


# --- what a reader without a kernel sees ----------------------------------------------------------

def test_the_stored_output_is_a_static_html_view_not_a_repr(lab):
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "visible en GitHub")
    actions.wait_snapshot(lab, snap)  # the two views below are of the same, settled state
    ec2 = console.ec2_console(lab, demo=16)
    bundle = ec2._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "EC2Console(" not in bundle["text/plain"] and "ejecuta la celda" in bundle["text/plain"]
    page = bundle["text/html"]
    assert "EC2 Dashboard" in page and "DEMO #16" in page and "<script" not in page
    ec2.nav.value = "Snapshots"
    ec2.select(snap)
    page = ec2._repr_mimebundle_()["text/html"]
    assert "<th" in page and ">Snapshot status</th>" in page and "visible en GitHub" in page and "☑" in page
    again = on_snapshots(lab, snap)
    again.steps = ec2.steps
    assert again._repr_mimebundle_()["text/html"] == page  # deterministic: nbval compares it


def test_the_progress_bar_stores_a_sentence_not_a_repr(lab, capsys):
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "barra")
    shown = []
    import IPython.display

    real = IPython.display.display
    IPython.display.display = lambda obj, **kw: shown.append(obj._repr_mimebundle_())
    try:
        console.wait_with_progress(lab, snap)
    finally:
        IPython.display.display = real
    assert "IntProgress(" not in shown[0]["text/plain"]
    assert f"<code>{snap}</code>" in shown[0]["text/html"] and "estado final" in shown[0]["text/html"]
    assert f"{snap}: completed" in capsys.readouterr().out


# --- the new procedures -----------------------------------------------------------------------

def test_create_volume_from_snapshot_in_the_console(lab, aws_cli):
    vol = data_volume(lab)
    snap = actions.create_snapshot(lab, vol["VolumeId"], "para restaurar")
    ec2 = on_snapshots(lab, snap)
    form = open_from_menu(ec2, "volume_from_snapshot")
    assert form.snapshot.value == snap and "para restaurar" in form.snapshot_info.value
    form.zone.value = vol["AvailabilityZone"]
    form.name.value = "restaurado en consola"
    form.create_button.click()
    new = form.created[0]
    assert ec2.page == "Volumes" and ec2.selected == new and "Successfully created volume" in form.banner.value
    cli = cli_json(aws_cli, f"aws ec2 describe-volumes --volume-ids {new}")["Volumes"][0]
    assert (cli["SnapshotId"], cli["Size"], cli["AvailabilityZone"]) == (snap, vol["Size"], vol["AvailabilityZone"])
    assert {"Key": "Name", "Value": "restaurado en consola"} in cli["Tags"]


@pytest.mark.parametrize("size, fragment", [("1", "más chico"), ("ocho", "número entero")])
def test_create_volume_bad_size_is_refused_inline(lab, size, fragment):
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "origen")
    before = {v["VolumeId"] for v in lab.ec2.describe_volumes()["Volumes"]}
    ec2 = on_snapshots(lab, snap)
    form = open_from_menu(ec2, "volume_from_snapshot")
    form.size.value = size
    form.create_button.click()
    assert fragment in form.message.value and "Qué hacer" in form.message.value
    assert {v["VolumeId"] for v in lab.ec2.describe_volumes()["Volumes"]} == before and ec2.body.children == (form,)


def test_copy_snapshot_with_encryption_in_the_console(lab, aws_cli):
    """AWS: copy-snapshot --encrypted gives an encrypted copy (alias/aws/ebs by default)."""
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "sin cifrar")
    ec2 = on_snapshots(lab, snap)
    form = open_from_menu(ec2, "copy_snapshot")
    assert form.description.value == f"[Copied {snap} from us-east-1]"
    form.encrypted.value = True
    form.create_button.click()
    copy = form.created[0]
    assert ec2.page == "Snapshots" and ec2.selected == copy and copy in ec2.table.ids
    assert f"Successfully copied snapshot {snap} to {copy}" in html.unescape(form.banner.value)
    cli = cli_json(aws_cli, f"aws ec2 describe-snapshots --snapshot-ids {copy}")["Snapshots"][0]
    assert cli["Encrypted"] is True and cli["Description"] == f"[Copied {snap} from us-east-1]"


def test_copy_snapshot_with_a_key_but_no_encryption_is_refused(lab):
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "sin cifrar")
    before = len(lab.ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"])
    form = open_from_menu(on_snapshots(lab, snap), "copy_snapshot")
    form.kms_key.value = "alias/mi-clave"
    form.create_button.click()
    assert "Encrypt this snapshot" in form.message.value
    assert len(lab.ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]) == before


def test_modify_permissions_shares_with_an_account(lab, aws_cli):
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "para compartir")
    ec2 = on_snapshots(lab, snap)
    form = open_from_menu(ec2, "modify_permissions")
    assert "ninguna" in form.shared.value
    form.account.value = "111122223333"
    form.create_button.click()
    assert "shared with account 111122223333" in form.banner.value and ec2.page == "Snapshots"
    attr = cli_json(aws_cli, f"aws ec2 describe-snapshot-attribute --snapshot-id {snap} "
                             "--attribute createVolumePermission")
    assert attr["CreateVolumePermissions"] == [{"UserId": "111122223333"}]


def test_modify_permissions_refuses_a_bad_account_id(lab):
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "para compartir")
    form = open_from_menu(on_snapshots(lab, snap), "modify_permissions")
    form.account.value = "1234-5678"
    form.create_button.click()
    assert "12 dígitos" in form.message.value and not form.created
    assert lab.ec2.describe_snapshot_attribute(SnapshotId=snap, Attribute="createVolumePermission")[
        "CreateVolumePermissions"] == []


def shared_accounts(lab, snap):
    attr = lab.ec2.describe_snapshot_attribute(SnapshotId=snap, Attribute="createVolumePermission")
    return sorted(p["UserId"] for p in attr["CreateVolumePermissions"])


def test_modify_permissions_removes_a_shared_account_on_save(lab, aws_cli):
    """Today's console: `Shared accounts` lists each account with `Remove`; AWS changes only on
    `Save changes` (modify-snapshot-attribute --operation-type remove)."""
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "compartido con dos")
    for account in ("111122223333", "444455556666"):
        lab.ec2.modify_snapshot_attribute(SnapshotId=snap, Attribute="createVolumePermission",
                                          OperationType="add", UserIds=[account])
    ec2 = on_snapshots(lab, snap)
    form = open_from_menu(ec2, "modify_permissions")
    assert sorted(form.remove_buttons) == ["111122223333", "444455556666"] and "(2)" in form.shared.value
    assert all(b.description == "Remove" for b in form.remove_buttons.values())
    form.remove_buttons["111122223333"].click()
    assert list(form.remove_buttons) == ["444455556666"] and "111122223333" in form.pending.value
    assert shared_accounts(lab, snap) == ["111122223333", "444455556666"]  # nothing saved yet
    form.create_button.click()
    assert "no longer shared with account 111122223333" in form.banner.value and ec2.page == "Snapshots"
    attr = cli_json(aws_cli, f"aws ec2 describe-snapshot-attribute --snapshot-id {snap} "
                             "--attribute createVolumePermission")
    assert attr["CreateVolumePermissions"] == [{"UserId": "444455556666"}]
    form = open_from_menu(on_snapshots(lab, snap), "modify_permissions")
    assert list(form.remove_buttons) == ["444455556666"] and "(1)" in form.shared.value


def test_modify_permissions_add_account_then_save(lab):
    """`Add account` puts the id in the list (a `Remove` undoes it before saving); `Save changes` shares."""
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "para compartir")
    form = open_from_menu(on_snapshots(lab, snap), "modify_permissions")
    form.account.value = "444455556666"
    form.add_button.click()
    form.account.value = " 111122223333 "
    form.add_button.click()
    assert list(form.remove_buttons) == ["444455556666", "111122223333"] and form.account.value == ""
    form.remove_buttons["444455556666"].click()
    assert shared_accounts(lab, snap) == []
    form.create_button.click()
    assert shared_accounts(lab, snap) == ["111122223333"]
    assert "shared with account 111122223333." in form.banner.value


def test_modify_permissions_with_nothing_changed_saves_nothing(lab):
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "sin cambios")
    lab.ec2.modify_snapshot_attribute(SnapshotId=snap, Attribute="createVolumePermission",
                                      OperationType="add", UserIds=["111122223333"])
    form = open_from_menu(on_snapshots(lab, snap), "modify_permissions")
    form.create_button.click()
    assert "No hay cambios que guardar" in form.message.value and "Qué hacer" in form.message.value
    assert not form.created and form.result.layout.display == "none"
    assert shared_accounts(lab, snap) == ["111122223333"]


@pytest.mark.parametrize("typed, fragment", [("1234-5678", "12 dígitos"), ("cuenta", "12 dígitos"),
                                             ("111122223333", "ya está en `Shared accounts`")])
def test_modify_permissions_add_account_refuses_bad_input(lab, typed, fragment):
    """A malformed id, or one already listed: a Spanish message; the list and AWS stay as they were."""
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "para compartir")
    lab.ec2.modify_snapshot_attribute(SnapshotId=snap, Attribute="createVolumePermission",
                                      OperationType="add", UserIds=["111122223333"])
    form = open_from_menu(on_snapshots(lab, snap), "modify_permissions")
    form.account.value = typed
    form.add_button.click()
    message = html.unescape(re.sub(r"<[^>]+>", "`", form.message.value)).replace("``", "`")
    assert fragment in message and "Qué hacer" in message
    assert list(form.remove_buttons) == ["111122223333"] and not form.to_add and not form.to_remove
    assert shared_accounts(lab, snap) == ["111122223333"]


def test_modify_permissions_remove_of_an_account_not_listed_changes_nothing(lab):
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "para compartir")
    lab.ec2.modify_snapshot_attribute(SnapshotId=snap, Attribute="createVolumePermission",
                                      OperationType="add", UserIds=["111122223333"])
    form = open_from_menu(on_snapshots(lab, snap), "modify_permissions")
    form.remove_account("999999999999")
    assert "no está en" in form.message.value and "Qué hacer" in form.message.value
    assert list(form.remove_buttons) == ["111122223333"] and not form.to_remove
    form.create_button.click()
    assert shared_accounts(lab, snap) == ["111122223333"] and not form.created


def test_deregister_shows_a_partial_outcome_and_refreshes(lab, aws_cli):
    """AWS: a snapshot another registered AMI uses cannot be deleted (InvalidSnapshot.InUse): the
    AMI is deregistered, the snapshot stays; the banner says so and the list is refreshed."""
    snap = actions.create_snapshot(lab, data_volume(lab)["VolumeId"], "compartido")
    first = actions.create_image_from_snapshot(lab, snap, "primera")
    second = actions.create_image_from_snapshot(lab, snap, "segunda")
    ec2 = console.ec2_console(lab, demo=None)
    ec2.nav.value = "AMIs"
    ec2.select(first)
    open_from_menu(ec2, "deregister_image")
    ec2.dialog.option.value = True
    ec2.dialog.confirm_button.click()
    banner = ec2.notice.children[0].value
    assert f"Successfully deregistered AMI {first}." in banner and "no se borró" in banner
    assert snap in banner and second in banner and "#fffce6" in banner  # the yellow box
    assert ec2.table.ids == [second]
    images = cli_json(aws_cli, "aws ec2 describe-images --owners self")["Images"]
    assert [i["ImageId"] for i in images] == [second]
    assert snap in {s["SnapshotId"] for s in lab.ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]}


# --- the committed lessons ------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["02_demo16_crear_snapshot", "05_demo17_crear_ami"])
def test_committed_lessons_show_the_console_without_a_kernel(name):
    """Every widget output of the lessons that show the console carries its static HTML and a
    Spanish sentence (never a repr), so they store no widget state (tools/nbbuild.py)."""
    from pathlib import Path

    nb = json.loads((Path(__file__).resolve().parents[1] / "notebooks" / f"{name}.ipynb").read_text("utf-8"))
    views = [out["data"] for cell in nb["cells"] for out in cell.get("outputs", [])
             if "application/vnd.jupyter.widget-view+json" in out.get("data", {})]
    assert views and "widgets" not in nb["metadata"]
    for data in views:
        text = "".join(data["text/plain"])
        assert "ejecuta la celda" in text or "mientras la celda corre" in text, text
        assert not re.search(r"\w+\(\w+=", text), text
        assert "labkit-static" in "".join(data["text/html"]) or "⏳" in "".join(data["text/html"])
    assert any("EC2 Dashboard" in "".join(d["text/html"]) for d in views)


def test_the_builder_keeps_only_the_state_a_reader_needs():
    import sys
    from pathlib import Path

    import nbformat

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import nbbuild

    view = "application/vnd.jupyter.widget-view+json"
    a, b, c, d = ("a" * 32, "b" * 32, "c" * 32, "d" * 32)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(outputs=[
        nbformat.v4.new_output("display_data", {view: {"model_id": a}, "text/plain": "x"}),
        nbformat.v4.new_output("display_data", {view: {"model_id": c}, "text/plain": "y", "text/html": "<b>y</b>"}),
    ])]
    state = {a: {"state": {"children": [f"IPY_MODEL_{b}"]}}, b: {"state": {}}, c: {"state": {}}, d: {"state": {}}}
    nb.metadata["widgets"] = {nbbuild.WIDGET_STATE: {"state": state, "version_major": 2, "version_minor": 0}}
    nbbuild.keep_needed_widget_state(nb)
    assert set(nb.metadata["widgets"][nbbuild.WIDGET_STATE]["state"]) == {a, b}
    nb.cells[0].outputs.pop(0)
    nbbuild.keep_needed_widget_state(nb)
    assert "widgets" not in nb.metadata
