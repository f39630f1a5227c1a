"""The console's Create forms, one per procedure: each a thin skin over a ``labkit.actions``
function (Create snapshot, Create image from snapshot, Create image from an instance)."""

import html
import threading

import ipywidgets as widgets
from botocore.exceptions import BotoCoreError, ClientError

from .. import actions, messages, tables
from ..messages import LabkitError
from .html_helpers import LINE_HEIGHT, as_error, error_html, help_html, info_html, success_html, text_html
from .layout import DESCRIPTION_WIDTH, hint, icon_button, id_label, primary_button, set_options, show


class _Form(widgets.VBox):
    """A console form: fields, a Create button, an inline error, and a result box (a banner with
    an X to dismiss it, as today's console; the console shows it above the list it lands on).

    ``create_button.click()`` runs the plain function once; the button stays disabled until the
    banner is dismissed or the form is opened again (so a double click creates exactly one resource).
    ``on_progress(snapshots)``, if set, follows a new snapshot's progress (the console's list).
    """

    create_label = "Create"
    heading = ""  # the form's title, as today's console words it
    kind = ""

    def __init__(self, lab, on_event=None, on_created=None, on_close=None, on_cancel=None):
        super().__init__()
        self.lab = lab
        self.on_event = on_event
        self.on_created = on_created
        self.on_close = on_close
        self.on_cancel = on_cancel
        self.on_progress = None
        self.created = []
        self._busy = False
        self._submitted = False
        self.title = widgets.HTML(f"<h4 style='margin:4px 0'>{self.heading}</h4>")
        self.message = widgets.HTML()
        self.create_button = primary_button(self.create_label)
        self.create_button.on_click(self._submit)
        self.cancel_button = widgets.Button(description="Cancel", layout=widgets.Layout(width="auto"))
        self.cancel_button.on_click(lambda _b: self.on_cancel and self.on_cancel(self))
        show(self.cancel_button, on_cancel is not None)
        self.buttons = widgets.HBox([self.cancel_button, self.create_button])
        self.banner = widgets.HTML()
        self.close_button = icon_button("times", "Close", width="32px")
        self.close_button.layout.align_self = "flex-start"
        self.close_button.add_class("labkit-dismiss")
        self.close_button.on_click(lambda _b: self.close_result())
        self.result = widgets.HBox([self.banner, self.close_button])
        self.result.add_class("labkit-banner")
        self.add_class("labkit-form")
        self.banner.layout = widgets.Layout(flex="1 1 auto", min_width="0")
        show(self.result, False)

    def __repr__(self):
        return f"{type(self).__name__}({self.create_label!r})"

    def _event(self, name):
        if self.on_event is not None:
            self.on_event(name)

    def _field(self, widget):
        widget.style = {"description_width": DESCRIPTION_WIDTH}
        widget.layout.width = "100%"
        widget.layout.max_width = "560px"
        return widget

    def _snapshot_field(self):
        """A Snapshot ID picker and, under it, the chosen snapshot's description and size in full
        (a picker's label is cut at its width)."""
        self._snapshots = None
        self.snapshot = self._field(widgets.Dropdown(description="Snapshot ID", options=[], value=None))
        self.snapshot_info = widgets.HTML()
        self.snapshot.observe(lambda _ch: self._show_snapshot_info(), "value")
        return self.snapshot

    def _refresh_snapshots(self):
        self._snapshots = snaps = tables.snapshots(self.lab)
        set_options(self.snapshot, [(id_label(r["Snapshot ID"], r["Name"] or r["Description"]), r["Snapshot ID"])
                                    for _, r in snaps.iterrows()])
        self._show_snapshot_info()

    def _show_snapshot_info(self):
        rows = [] if self._snapshots is None else self._snapshots[self._snapshots["Snapshot ID"] == self.snapshot.value]
        if not len(rows):
            self.snapshot_info.value = ""
            return
        row = rows.iloc[0]
        parts = [f"Description: {row['Description'] or '–'}", f"Volume size: {row['Volume size']}",
                 f"{row['Snapshot status']}", row["Encryption"]]
        self.snapshot_info.value = (f'<div style="margin-left:{DESCRIPTION_WIDTH};{LINE_HEIGHT}"><small>'
                                    + html.escape(" · ".join(parts)) + "</small></div>")

    def _submit(self, _button=None):
        if self._busy or self._submitted:
            return
        self._busy = True
        self.create_button.disabled = True
        self.message.value = ""
        try:
            ids = self._create()
        except (LabkitError, ClientError, BotoCoreError) as exc:
            self.message.value = error_html(as_error(exc))
            self.create_button.disabled = False
            return
        finally:
            self._busy = False
        self._submitted = True
        self.created = ids
        self.banner.value = self._success(ids)
        show(self.result, True)
        self._event(f"created:{self.kind}")
        if self.on_created is not None:
            self.on_created(self, ids)
        self._after_create(ids)

    def close_result(self):
        """The banner's X (Close): hide the result and make the form ready for another one."""
        show(self.result, False)
        self._submitted = False
        self.create_button.disabled = False
        self.message.value = ""
        self._reset()
        self._event(f"close:{self.kind}")
        if self.on_close is not None:
            self.on_close(self)

    def _after_create(self, ids):
        pass

    def _reset(self):
        pass


class SnapshotForm(_Form):
    """Snapshots > Create snapshot. Resource type Volume (CreateSnapshot) or Instance
    (CreateSnapshots, optionally without the root volume). Twin of ``actions.create_snapshot``
    and ``actions.create_snapshots``. Shown in 02 through ``ec2_console``.
    """

    create_label = "Create snapshot"
    heading = "Create snapshot"
    kind = "snapshot"

    def __init__(self, lab, **callbacks):
        super().__init__(lab, **callbacks)
        self.resource_type = self._field(widgets.RadioButtons(options=["Volume", "Instance"], value="Volume",
                                                              description="Resource type"))
        self.volume = self._field(widgets.Dropdown(description="Volume ID", options=[], value=None))
        self.instance = self._field(widgets.Dropdown(description="Instance ID", options=[], value=None))
        self.exclude_boot = widgets.Checkbox(description="Exclude root volume", value=False, indent=False)
        self.exclude_help = widgets.HTML(help_html(messages.HELP_EXCLUDE_BOOT))
        self.instance_box = widgets.VBox([self.instance, widgets.HBox([widgets.Label(layout=widgets.Layout(
            width=DESCRIPTION_WIDTH)), widgets.VBox([self.exclude_boot, self.exclude_help])])])
        self.description = self._field(widgets.Text(description="Description",
                                                     placeholder="Add a description for your snapshot"))
        self.counter = widgets.HTML()
        self.progress = widgets.IntProgress(value=0, min=0, max=100, description="Progress",
                                            style={"description_width": "initial"})
        self.progress_text = widgets.HTML()
        self.result.children = [self.banner, self.progress, self.progress_text, self.close_button]
        self._thread = None
        self.children = [
            self.title,
            widgets.HTML(help_html(messages.HELP_RESOURCE_TYPE)),
            self.resource_type, self.volume, self.instance_box,
            self.description, self.counter,
            hint(f"{messages.HELP_DESCRIPTION} {messages.HELP_KIT_TAGS}"),
            self.buttons, self.message, self.result,
        ]
        self.resource_type.observe(self._on_type, "value")
        self.instance.observe(lambda ch: ch["new"] and self._event("instance"), "value")
        self.description.observe(self._on_description, "value")
        self._on_type()
        self._on_description()
        self.refresh_choices()

    def refresh_choices(self):
        """Reload the Volume ID and Instance ID pickers (ids with their Name tag)."""
        vols = tables.volumes(self.lab)
        set_options(self.volume, [(id_label(r["Volume ID"], r["Name"]), r["Volume ID"]) for _, r in vols.iterrows()])
        insts = tables.instances(self.lab)
        set_options(self.instance,
                     [(id_label(r["Instance ID"], r["Name"]), r["Instance ID"]) for _, r in insts.iterrows()])

    def _on_type(self, change=None):
        by_instance = self.resource_type.value == "Instance"
        show(self.volume, not by_instance)
        show(self.instance_box, by_instance)
        if by_instance:
            self._event("resource:Instance")

    def _on_description(self, change=None):
        n = len(self.description.value)
        color = "#d13212" if n > actions.DESCRIPTION_MAX else "#5f6b7a"
        self.counter.value = (f'<small style="margin-left:{DESCRIPTION_WIDTH};color:{color}">'
                              f"{n}/{actions.DESCRIPTION_MAX}</small>")
        if self.description.value.strip():
            self._event("description")

    def _create(self):
        if self.resource_type.value == "Volume":
            return [actions.create_snapshot(self.lab, self.volume.value, self.description.value)]
        return actions.create_snapshots(self.lab, self.instance.value, self.description.value,
                                        exclude_boot=self.exclude_boot.value)

    def _success(self, ids):
        if self.resource_type.value == "Volume":
            title = f"Successfully created snapshot {ids[0]} from volume {self.volume.value}."
        else:
            title = f"Successfully created snapshots {', '.join(ids)} from instance {self.instance.value}."
        return success_html(html.escape(title), messages.HELP_PENDING)

    def _after_create(self, ids):
        self.progress.value = 0
        self.progress.bar_style = ""
        self.progress_text.value = ""
        first = self._poll_once(ids)
        if first is not None and any(s["State"] == "pending" for s in first):
            self._thread = threading.Thread(target=self._follow, args=(ids,), name="labkit-snapshot-progress",
                                            daemon=True)
            self._thread.start()

    def _poll_once(self, ids):
        try:
            return actions.wait_snapshot(self.lab, ids, on_progress=self.show_progress, timeout=0)
        except (LabkitError, ClientError, BotoCoreError) as exc:
            self.message.value = error_html(as_error(exc))
            return None

    def _follow(self, ids):
        """Runs in a thread: the kernel stays free while the bar rises (bounded by wait_snapshot)."""
        try:
            snaps = actions.wait_snapshot(self.lab, ids, on_progress=self.show_progress)
        except (LabkitError, ClientError, BotoCoreError) as exc:
            self.message.value = error_html(as_error(exc))
            return
        pending = [s["SnapshotId"] for s in snaps if s["State"] == "pending"]
        if pending:
            what, todo = messages.SNAPSHOT_STILL_PENDING
            seconds = f"{actions.wait_timeout(self.lab):.0f}"
            self.message.value = info_html(text_html(what.format(ids=", ".join(pending), seconds=seconds)
                                                     + " " + todo))

    def show_progress(self, snaps):
        """Update the progress bar from DescribeSnapshots results (State, Progress)."""
        self.progress.value = actions.progress_of(snaps)
        failed = [s["SnapshotId"] for s in snaps if s["State"] == "error"]
        done = all(s["State"] == "completed" for s in snaps)
        self.progress.bar_style = "danger" if failed else ("success" if done else "info")
        self.progress_text.value = f"<div style='{LINE_HEIGHT}'><small>" + " · ".join(
            f"<code>{s['SnapshotId']}</code>: {s['State']} {s.get('Progress') or ''}".rstrip()
            for s in snaps) + "</small></div>"
        if failed:
            self.message.value = error_html(messages.error(messages.SNAPSHOT_FAILED, ids=", ".join(failed)))
        if self.on_progress is not None:
            self.on_progress(snaps)

    def wait(self, timeout=None):
        """Block until the progress bar stops following (tests and benchmarks)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def _reset(self):
        self.description.value = ""
        self.exclude_boot.value = False


class ImageFromSnapshotForm(_Form):
    """Snapshots > Actions > Create image from snapshot (RegisterImage). Twin of
    ``actions.create_image_from_snapshot``. Shown in 05 through ``ec2_console``.
    """

    create_label = "Create image"
    heading = "Create image from snapshot"
    kind = "image"

    def __init__(self, lab, **callbacks):
        super().__init__(lab, **callbacks)
        self._snapshot_field()
        self.name = self._field(widgets.Text(description="Image name", placeholder="mi-ami-web-v1"))
        self.description = self._field(widgets.Text(description="Description",
                                                    placeholder="Add a description for your image"))
        self.root_device = self._field(widgets.Combobox(description="Root device name", value="/dev/xvda",
                                                        options=list(actions.ROOT_DEVICE_NAMES)))
        self.architecture = self._field(widgets.Dropdown(description="Architecture", value="x86_64",
                                                         options=list(actions.ARCHITECTURES)))
        self.virtualization = self._field(widgets.Dropdown(
            description="Virtualization type", value="hvm",
            options=[("Hardware-assisted virtualization", "hvm"), ("Paravirtual", "paravirtual")]))
        self.children = [
            self.title, self.snapshot, self.snapshot_info, self.name,
            hint(messages.HELP_AMI_NAME),
            self.description, self.root_device, self.architecture, self.virtualization,
            widgets.HTML(help_html(f"{messages.HELP_IMAGE_FROM_SNAPSHOT} {messages.HELP_KIT_TAGS}")),
            self.buttons, self.message, self.result,
        ]
        self.snapshot.observe(lambda ch: ch["new"] and self._event("select:Snapshots"), "value")
        self.name.observe(self._on_text, "value")
        self.description.observe(self._on_text, "value")
        self.refresh_choices()

    def refresh_choices(self):
        """Reload the Snapshot ID picker (own snapshots, with Name or Description)."""
        self._refresh_snapshots()

    def _on_text(self, change=None):
        if self.name.value.strip() and self.description.value.strip():
            self._event("name_description")

    def _create(self):
        return [actions.create_image_from_snapshot(
            self.lab, self.snapshot.value, self.name.value, self.description.value,
            root_device_name=self.root_device.value, architecture=self.architecture.value,
            virtualization_type=self.virtualization.value)]

    def _success(self, ids):
        title = f"Successfully created image {ids[0]} from snapshot {self.snapshot.value}."
        return success_html(html.escape(title),
                            "La nueva <code>AMI</code> aparece en <code>AMIs</code> "
                            "(<code>aws ec2 describe-images --owners self</code>).")

    def _reset(self):
        self.name.value = ""
        self.description.value = ""


class ImageFromInstanceForm(_Form):
    """Instances > Actions > Image and templates > Create image (CreateImage), with the
    `No reboot` option explained. Twin of ``actions.create_image_from_instance``.
    Shown in 05 through ``ec2_console``.
    """

    create_label = "Create image"
    heading = "Create image"
    kind = "image"

    def __init__(self, lab, **callbacks):
        super().__init__(lab, **callbacks)
        self.instance = self._field(widgets.Dropdown(description="Instance ID", options=[], value=None))
        self.name = self._field(widgets.Text(description="Image name", placeholder="mi-ami-web-v1"))
        self.description = self._field(widgets.Text(description="Image description",
                                                    placeholder="Add a description for your image"))
        self.no_reboot = widgets.Checkbox(description="No reboot", value=False, indent=False)
        self.children = [
            self.title, self.instance, self.name,
            hint(messages.HELP_AMI_NAME),
            self.description,
            widgets.HBox([widgets.Label(layout=widgets.Layout(width=DESCRIPTION_WIDTH)), self.no_reboot]),
            widgets.HTML(info_html(messages.HELP_NO_REBOOT)),
            widgets.HTML(help_html(messages.HELP_KIT_TAGS)),
            self.buttons, self.message, self.result,
        ]
        self.refresh_choices()

    def refresh_choices(self):
        insts = tables.instances(self.lab)
        set_options(self.instance,
                     [(id_label(r["Instance ID"], r["Name"]), r["Instance ID"]) for _, r in insts.iterrows()])

    def _create(self):
        return [actions.create_image_from_instance(self.lab, self.instance.value, self.name.value,
                                                   self.description.value, no_reboot=self.no_reboot.value)]

    def _success(self, ids):
        title = f"Successfully created image {ids[0]} from instance {self.instance.value}."
        note = ("Con <code>No reboot</code> la instancia no se reinició: la copia es solo coherente ante fallos."
                if self.no_reboot.value else
                "Sin <code>No reboot</code>, AWS reinicia la instancia para copiar sus discos.")
        return success_html(html.escape(title), note)

    def _reset(self):
        self.name.value = ""
        self.description.value = ""
        self.no_reboot.value = False

