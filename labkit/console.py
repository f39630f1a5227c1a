"""ipywidgets panels that replay the EC2 console procedures of DEMO #16 and DEMO #17.

Each panel is a thin skin over the plain functions of ``labkit.actions`` (what it creates) and
``labkit.tables`` (what it lists): a test, or a reader without widgets, calls those directly and
gets the same result. Labels are the console's (English, as AWS shows them); help and messages
are Spanish; the course page's numbered steps sit next to the widget and follow the student.

Entry points: ``ec2_console(lab, demo=16|17)``, ``create_snapshot_panel(lab)`` (used by
02_demo16_crear_snapshot.ipynb), ``create_image_panel(lab)`` and
``create_image_from_instance_panel(lab)`` (used by 05_demo17_crear_ami.ipynb).
"""

import html
import re
import threading

import ipywidgets as widgets
from botocore.exceptions import BotoCoreError, ClientError

from . import actions, messages, tables
from .messages import LabkitError

PAGES = ("Instances", "Volumes", "Snapshots", "AMIs")
DESCRIPTION_WIDTH = "150px"

# page -> (table function, id column, columns shown, Spanish name for an empty list)
_PAGES = {
    "Instances": (tables.instances, "Instance ID",
                  ["Name", "Instance ID", "Instance state", "Instance type", "Availability Zone",
                   "Private IP address", "Public IPv4 address"], "instancias"),
    "Volumes": (tables.volumes, "Volume ID",
                ["Name", "Volume ID", "Type", "Size", "Snapshot", "Volume state", "Attached resources"],
                "volúmenes"),
    "Snapshots": (tables.snapshots, "Snapshot ID",
                  ["Name", "Snapshot ID", "Volume size", "Description", "Snapshot status", "Progress",
                   "Volume ID"], "<code>snapshots</code> propios"),
    "AMIs": (tables.images, "AMI ID",
             ["AMI name", "AMI ID", "Status", "Architecture", "Root device name", "Snapshot"],
             "<code>AMI</code> propias"),
}
# page -> the Actions menu (label, action key), as the console groups them
ACTIONS = {
    "Instances": [("Image and templates › Create image", "image_from_instance")],
    "Volumes": [("Create snapshot", "snapshot")],
    "Snapshots": [("Create image from snapshot", "image_from_snapshot"), ("Delete snapshot", "delete_snapshot")],
    "AMIs": [("Deregister AMI", "deregister_image")],
}
_SELECT_WHAT = {"Instances": "una instancia", "Volumes": "un volumen", "Snapshots": "un <code>snapshot</code>",
                "AMIs": "una <code>AMI</code>"}

# The course page's "Procedimiento (Web)", step by step, with the event that completes each step.
DEMO16_TITLE = "DEMO #16 · Creación de un <code>snapshot</code> (Procedimiento Web)"
DEMO16_STEPS = [
    ("Ir al Dashboard de EC2.", "open"),
    ("Hacer clic en `Instances`.", "nav:Instances"),
    ("Tomar nota del `id` de la instancia privada.", "select:Instances"),
    ("Hacer clic en `Snapshots`.", "nav:Snapshots"),
    ("Hacer clic en `Create Snapshot` (hoy el botón dice `Create snapshot`).", "form:snapshot"),
    ("Seleccionar `Instance` como el tipo de recurso.", "resource:Instance"),
    ("Introducir el `Id` en el campo `Instance ID`.", "instance"),
    ("Agregar una descripción (no es obligatoria, pero es muy recomendable).", "description"),
    ("Hacer clic en `Create Snapshots` (hoy el botón dice `Create snapshot`).", "created:snapshot"),
    ("Hacer clic en `Close`.", "close:snapshot"),
]
DEMO17_TITLE = "DEMO #17 · Creación de una <code>AMI</code> a partir de un <code>snapshot</code> (Procedimiento Web)"
DEMO17_STEPS = [
    ("Ir al Dashboard de EC2.", "open"),
    ("Hacer clic en `Snapshots`.", "nav:Snapshots"),
    ("Seleccionar el `snapshot` sobre el cual se quiere crear una `AMI`.", "select:Snapshots"),
    ("Hacer clic en `Actions > Create Image` (hoy: `Create image from snapshot`).", "form:image_from_snapshot"),
    ("Colocar un nombre y una descripción de la `AMI`.", "name_description"),
    ("Hacer clic en `Create` (hoy el botón dice `Create image`).", "created:image"),
    ("Hacer clic en `Close`.", "close:image"),
    ("Hacer clic en `AMIs`.", "nav:AMIs"),
    ("Ver la nueva `AMI` en la lista.", "listed:image"),
]
DEMOS = {16: (DEMO16_TITLE, DEMO16_STEPS), 17: (DEMO17_TITLE, DEMO17_STEPS)}

_STYLE = (
    "<style>.labkit-mono select, .labkit-mono option, .labkit-mono pre "
    "{font-family: var(--jp-code-font-family, monospace); font-size: 12px; white-space: pre;}"
    ".labkit-mono pre {margin: 0 0 2px 4px;}</style>"
)


# --- small helpers ---------------------------------------------------------------------------

def text_html(text):
    """Escape ``text`` and show `code` spans as <code> (the messages use Markdown backticks)."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text, quote=False))


# ipywidgets gives HTML widgets the line height of a one-line control (28 px in JupyterLab): a
# wrapped banner or the steps list would be double-spaced, so the kit's boxes set their own.
LINE_HEIGHT = "line-height:1.45"


def error_html(err):
    """A red inline box with a LabkitError's what and todo (Spanish)."""
    return ('<div style="border-left:4px solid #d13212;background:#fdf3f1;padding:6px 10px;'
            f'margin:4px 0;{LINE_HEIGHT}">'
            f"⚠️ {text_html(err.what)}<br>→ <b>Qué hacer:</b> {text_html(err.todo)}</div>")


def info_html(body, color="#0972d3", background="#f2f8fd"):
    return (f'<div style="border-left:4px solid {color};background:{background};padding:6px 10px;'
            f'margin:4px 0;{LINE_HEIGHT}">{body}</div>')


def success_html(title, body=""):
    return info_html(f"✓ <b>{title}</b>" + (f"<br>{body}" if body else ""), "#037f0c", "#f2fcf3")


def _as_error(exc):
    """A Spanish LabkitError for whatever AWS or botocore raised (never a traceback in a widget)."""
    return messages.explain(exc) or LabkitError(
        f"AWS no aceptó la petición: {exc}", "Revisa los valores del formulario y vuelve a intentarlo.",
        code=type(exc).__name__)


def _hint(text):
    """Small Spanish help under a field, aligned with the field's box."""
    return widgets.HTML(f'<div style="margin-left:{DESCRIPTION_WIDTH};max-width:560px;{LINE_HEIGHT}">'
                        f"<small>{text}</small></div>")


def _show(widget, visible):
    widget.layout.display = "" if visible else "none"


def _label(resource_id, name):
    return f"{resource_id} ({name})" if name else resource_id


def _set_options(dropdown, options):
    """Replace a picker's options keeping the current choice when it still exists (else none)."""
    keep = dropdown.value
    dropdown.options = options
    dropdown.value = keep if keep in {value for _, value in options} else None


class Steps:
    """The page's numbered steps as a small HTML list: done steps ticked, the next one highlighted."""

    def __init__(self, title, steps, done=()):
        self.title = title
        self.steps = steps
        self.done = {i for i, (_, event) in enumerate(steps) if event in set(done)}
        self.widget = widgets.HTML(layout=widgets.Layout(min_width="260px", max_width="340px"))
        self._render()

    def notify(self, event):
        """Mark the step(s) completed by ``event`` (e.g. 'nav:Snapshots')."""
        new = {i for i, (_, ev) in enumerate(self.steps) if ev == event} - self.done
        if new:
            self.done |= new
            self._render()

    @property
    def current(self):
        """Number (1-based) of the first step not done yet, or None when all are done."""
        for i in range(len(self.steps)):
            if i not in self.done:
                return i + 1
        return None

    def _render(self):
        items = []
        for i, (text, _) in enumerate(self.steps):
            if i in self.done:
                items.append(f'<li style="color:#5f6b7a">✓ {text_html(text)}</li>')
            elif i + 1 == self.current:
                items.append('<li style="background:#fff3cd;font-weight:bold;padding:1px 3px">'
                             f"▶ {text_html(text)}</li>")
            else:
                items.append(f"<li>{text_html(text)}</li>")
        self.widget.value = (f'<div style="font-size:13px;border:1px solid #d5dbdb;padding:6px 8px;{LINE_HEIGHT}">'
                             f'<b>{self.title}</b><ol style="padding-left:22px;margin:6px 0">'
                             + "".join(items) + "</ol></div>")


def _steps_for(demo, done=()):
    if demo is None:
        return None
    if demo not in DEMOS:
        raise LabkitError(f"No hay pasos para la DEMO #{demo}.", "Usa demo=16 (crear snapshot) o demo=17 (crear AMI).")
    title, steps = DEMOS[demo]
    return Steps(title, steps, done)


# --- forms: one per console procedure --------------------------------------------------------

class _Form(widgets.VBox):
    """A console form: fields, a Create button, an inline error, and a result box with Close.

    ``create_button.click()`` runs the plain function once; the button stays disabled until
    ``Close`` (so a double click creates exactly one resource).
    """

    create_label = "Create"
    kind = ""

    def __init__(self, lab, on_event=None, on_created=None, on_close=None, on_cancel=None):
        super().__init__()
        self.lab = lab
        self.on_event = on_event
        self.on_created = on_created
        self.on_close = on_close
        self.on_cancel = on_cancel
        self.created = []
        self._busy = False
        self._submitted = False
        self.title = widgets.HTML()
        self.message = widgets.HTML()
        self.create_button = widgets.Button(description=self.create_label, button_style="warning",
                                            layout=widgets.Layout(width="auto"))
        self.create_button.on_click(self._submit)
        self.cancel_button = widgets.Button(description="Cancel", layout=widgets.Layout(width="auto"))
        self.cancel_button.on_click(lambda _b: self.on_cancel and self.on_cancel(self))
        _show(self.cancel_button, on_cancel is not None)
        self.buttons = widgets.HBox([self.cancel_button, self.create_button])
        self.banner = widgets.HTML()
        self.close_button = widgets.Button(description="Close",
                                           layout=widgets.Layout(width="auto", align_self="flex-start"))
        self.close_button.on_click(lambda _b: self.close_result())
        self.result = widgets.VBox([self.banner, self.close_button])
        _show(self.result, False)

    def __repr__(self):
        return f"{type(self).__name__}({self.create_label!r})"

    def _event(self, name):
        if self.on_event is not None:
            self.on_event(name)

    def _field(self, widget):
        widget.style = {"description_width": DESCRIPTION_WIDTH}
        widget.layout.width = "560px"
        return widget

    def _submit(self, _button=None):
        if self._busy or self._submitted:
            return
        self._busy = True
        self.create_button.disabled = True
        self.message.value = ""
        try:
            ids = self._create()
        except (LabkitError, ClientError, BotoCoreError) as exc:
            self.message.value = error_html(_as_error(exc))
            self.create_button.disabled = False
            return
        finally:
            self._busy = False
        self._submitted = True
        self.created = ids
        self.banner.value = self._success(ids)
        _show(self.result, True)
        self._event(f"created:{self.kind}")
        self._after_create(ids)
        if self.on_created is not None:
            self.on_created(self, ids)

    def close_result(self):
        """The banner's Close: hide the result and make the form ready for another one."""
        _show(self.result, False)
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
    (CreateSnapshots, optionally without the boot volume). Twin of ``actions.create_snapshot``
    and ``actions.create_snapshots``. Used by 02_demo16_crear_snapshot.ipynb.
    """

    create_label = "Create snapshot"
    kind = "snapshot"

    def __init__(self, lab, **callbacks):
        super().__init__(lab, **callbacks)
        self.title.value = "<h4 style='margin:4px 0'>Create snapshot</h4>"
        self.resource_type = self._field(widgets.RadioButtons(options=["Volume", "Instance"], value="Volume",
                                                              description="Resource type"))
        self.volume = self._field(widgets.Dropdown(description="Volume ID", options=[], value=None))
        self.instance = self._field(widgets.Dropdown(description="Instance ID", options=[], value=None))
        self.exclude_boot = widgets.Checkbox(description="Exclude boot volume", value=False, indent=False)
        self.exclude_help = widgets.HTML(f"<small>{messages.HELP_EXCLUDE_BOOT}</small>")
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
            widgets.HTML(f"<small>{messages.HELP_RESOURCE_TYPE}</small>"),
            self.resource_type, self.volume, self.instance_box,
            self.description, self.counter,
            _hint(f"{messages.HELP_DESCRIPTION} {messages.HELP_KIT_TAGS}"),
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
        _set_options(self.volume, [(_label(r["Volume ID"], r["Name"]), r["Volume ID"]) for _, r in vols.iterrows()])
        insts = tables.instances(self.lab)
        _set_options(self.instance,
                     [(_label(r["Instance ID"], r["Name"]), r["Instance ID"]) for _, r in insts.iterrows()])

    def _on_type(self, change=None):
        by_instance = self.resource_type.value == "Instance"
        _show(self.volume, not by_instance)
        _show(self.instance_box, by_instance)
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
            self.message.value = error_html(_as_error(exc))
            return None

    def _follow(self, ids):
        """Runs in a thread: the kernel stays free while the bar rises (bounded by wait_snapshot)."""
        try:
            snaps = actions.wait_snapshot(self.lab, ids, on_progress=self.show_progress)
        except (LabkitError, ClientError, BotoCoreError) as exc:
            self.message.value = error_html(_as_error(exc))
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
        self.progress_text.value = "<small>" + " · ".join(
            f"<code>{s['SnapshotId']}</code>: {s['State']} {s.get('Progress') or ''}".rstrip()
            for s in snaps) + "</small>"
        if failed:
            self.message.value = error_html(messages.error(messages.SNAPSHOT_FAILED, ids=", ".join(failed)))

    def wait(self, timeout=None):
        """Block until the progress bar stops following (tests and benchmarks)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def _reset(self):
        self.description.value = ""
        self.exclude_boot.value = False


class ImageFromSnapshotForm(_Form):
    """Snapshots > Actions > Create image from snapshot (RegisterImage). Twin of
    ``actions.create_image_from_snapshot``. Used by 05_demo17_crear_ami.ipynb.
    """

    create_label = "Create image"
    kind = "image"

    def __init__(self, lab, **callbacks):
        super().__init__(lab, **callbacks)
        self.title.value = "<h4 style='margin:4px 0'>Create image from snapshot</h4>"
        self.snapshot = self._field(widgets.Dropdown(description="Snapshot ID", options=[], value=None))
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
            self.title, self.snapshot, self.name,
            _hint(messages.HELP_AMI_NAME),
            self.description, self.root_device, self.architecture, self.virtualization,
            widgets.HTML(f"<small>{messages.HELP_IMAGE_FROM_SNAPSHOT} {messages.HELP_KIT_TAGS}</small>"),
            self.buttons, self.message, self.result,
        ]
        self.snapshot.observe(lambda ch: ch["new"] and self._event("select:Snapshots"), "value")
        self.name.observe(self._on_text, "value")
        self.description.observe(self._on_text, "value")
        self.refresh_choices()

    def refresh_choices(self):
        """Reload the Snapshot ID picker (own snapshots, with Name or Description)."""
        snaps = tables.snapshots(self.lab)
        _set_options(self.snapshot, [(_label(r["Snapshot ID"], r["Name"] or r["Description"]), r["Snapshot ID"])
                                     for _, r in snaps.iterrows()])

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
    Used by 05_demo17_crear_ami.ipynb.
    """

    create_label = "Create image"
    kind = "image"

    def __init__(self, lab, **callbacks):
        super().__init__(lab, **callbacks)
        self.title.value = "<h4 style='margin:4px 0'>Create image</h4>"
        self.instance = self._field(widgets.Dropdown(description="Instance ID", options=[], value=None))
        self.name = self._field(widgets.Text(description="Image name", placeholder="mi-ami-web-v1"))
        self.description = self._field(widgets.Text(description="Image description",
                                                    placeholder="Add a description for your image"))
        self.no_reboot = widgets.Checkbox(description="No reboot", value=False, indent=False)
        self.children = [
            self.title, self.instance, self.name,
            _hint(messages.HELP_AMI_NAME),
            self.description,
            widgets.HBox([widgets.Label(layout=widgets.Layout(width=DESCRIPTION_WIDTH)), self.no_reboot]),
            widgets.HTML(info_html(messages.HELP_NO_REBOOT)),
            widgets.HTML(f"<small>{messages.HELP_KIT_TAGS}</small>"),
            self.buttons, self.message, self.result,
        ]
        self.refresh_choices()

    def refresh_choices(self):
        insts = tables.instances(self.lab)
        _set_options(self.instance,
                     [(_label(r["Instance ID"], r["Name"]), r["Instance ID"]) for _, r in insts.iterrows()])

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


class _Confirm(widgets.VBox):
    """A console confirmation dialog (Delete snapshot, Deregister AMI) with Cancel."""

    def __init__(self, title, prompt, action_label, run, help_html="", option=None, on_done=None,
                 on_cancel=None):
        super().__init__()
        self.run = run
        self.on_done = on_done
        self.option = option
        self.message = widgets.HTML()
        self.confirm_button = widgets.Button(description=action_label, button_style="danger",
                                             layout=widgets.Layout(width="auto"))
        self.cancel_button = widgets.Button(description="Cancel", layout=widgets.Layout(width="auto"))
        self.confirm_button.on_click(self._confirm)
        self.cancel_button.on_click(lambda _b: on_cancel and on_cancel(self))
        self._done = False
        body = [widgets.HTML(f"<b>{html.escape(title)}</b><br>{html.escape(prompt)}")]
        if help_html:
            body.append(widgets.HTML(f"<small>{help_html}</small>"))
        if option is not None:
            body.append(option)
        self.children = body + [widgets.HBox([self.cancel_button, self.confirm_button]), self.message]
        self.layout = widgets.Layout(border="1px solid #d5dbdb", padding="6px", margin="4px 0")

    def _confirm(self, _button=None):
        if self._done:
            return
        self._done = True
        self.confirm_button.disabled = True
        self.message.value = ""
        try:
            result = self.run()
        except (LabkitError, ClientError, BotoCoreError) as exc:
            self.message.value = error_html(_as_error(exc))
            self._done = False
            self.confirm_button.disabled = False
            return
        if self.on_done is not None:
            self.on_done(self, result)


# --- the console ------------------------------------------------------------------------------

class EC2Console(widgets.HBox):
    """The EC2 console of the lessons: navigation (Instances, Volumes, Snapshots, AMIs), lists with
    the console's columns, refresh, Actions, Create snapshot; the page's steps on the right.

    The lists are ``labkit.tables``; every action is a ``labkit.actions`` function.
    Used by 02_demo16_crear_snapshot.ipynb and 05_demo17_crear_ami.ipynb.
    """

    def __init__(self, lab, demo=16):
        super().__init__()
        self.lab = lab
        self.steps = _steps_for(demo)
        self.page = None
        self.frame = None
        self.forms = {}
        self.dialog = None
        self._last_image = None
        self._navigating = False
        self.nav = widgets.ToggleButtons(options=list(PAGES), value=None, description="EC2 ›",
                                         style={"button_width": "95px", "description_width": "45px"})
        self.header = widgets.HTML()
        self.refresh_button = widgets.Button(icon="refresh", tooltip="Refresh", layout=widgets.Layout(width="40px"))
        # tooltip: with no description, ipywidgets writes it as the <select>'s title (its accessible name).
        self.actions = widgets.Dropdown(options=[("Actions", "")], value="", tooltip="Actions",
                                        layout=widgets.Layout(width="270px"))
        self.create_button = widgets.Button(description="Create snapshot", button_style="warning",
                                            layout=widgets.Layout(width="auto"))
        self.message = widgets.HTML()
        self.notice = widgets.VBox()
        self.columns = widgets.HTML()
        # Wide lists scroll sideways inside the panel, like the console's tables.
        self.list = widgets.Select(options=[], value=None, rows=8, tooltip="Lista: elige una fila",
                                   layout=widgets.Layout(width="max-content", min_width="100%"))
        self.list_box = widgets.VBox([self.columns, self.list], layout=widgets.Layout(overflow="auto"))
        self.list_box.add_class("labkit-mono")
        self.toolbar = widgets.HBox([self.header, self.refresh_button, self.actions, self.create_button],
                                    layout=widgets.Layout(align_items="center"))
        self.body = widgets.VBox()
        self.main = widgets.VBox([widgets.HTML(_STYLE), self.nav, self.toolbar, self.message, self.notice, self.body],
                                 layout=widgets.Layout(flex="1 1 auto", min_width="640px"))
        self.children = [self.main] + ([self.steps.widget] if self.steps else [])

        self.nav.observe(self._on_nav, "value")
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.actions.observe(self._on_action, "value")
        self.create_button.on_click(lambda _b: self.open_form("snapshot"))
        self.list.observe(self._on_select, "value")
        self._dashboard()
        self._event("open")

    def __repr__(self):
        return f"EC2Console(page={self.page!r})"

    # navigation and lists
    def _event(self, name):
        if self.steps is not None:
            self.steps.notify(name)

    def _on_nav(self, change):
        if change["new"] is None or self._navigating:
            return
        self.show_page(change["new"])
        self._event(f"nav:{change['new']}")

    def show_page(self, page, refresh=True):
        """Show ``page``'s list (closing any open form), as clicking it in the left menu does."""
        self.page = page
        if self.nav.value != page:
            self._navigating = True  # moved by the kit, not by the student: no step is marked
            try:
                self.nav.value = page
            finally:
                self._navigating = False
        self.body.children = [self.list_box]
        self.actions.options = [("Actions", "")] + ACTIONS[page]
        _show(self.actions, True)
        _show(self.create_button, page in ("Snapshots", "Volumes"))
        self.message.value = ""
        if refresh:
            self.refresh()

    def refresh(self):
        """Reload the current list (the console's refresh button)."""
        if self.page is None:
            self._dashboard()
            return
        for form in self.forms.values():
            if form in self.body.children:
                form.refresh_choices()
                return
        table, id_column, columns, empty = _PAGES[self.page]
        try:
            frame = table(self.lab)
        except (ClientError, BotoCoreError) as exc:
            self.message.value = error_html(_as_error(exc))
            return
        self.frame = frame
        self.header.value = f"<h4 style='margin:4px 12px 4px 0'>{self.page} ({len(frame)})</h4>"
        header, rows = _fixed_width(frame, columns)
        keep = self.list.value
        ids = list(frame[id_column])
        self.list.options = list(zip(rows, ids))
        self.list.value = keep if keep in ids else None
        self.columns.value = (f"<pre>{html.escape(header)}</pre>" if ids
                              else info_html(messages.HELP_EMPTY_LIST.format(what=empty)))
        if self.page == "AMIs" and self._last_image in ids:
            self._event("listed:image")

    def _dashboard(self):
        counts = []
        for page in PAGES:
            try:
                counts.append((page, len(_PAGES[page][0](self.lab))))
            except (ClientError, BotoCoreError) as exc:
                self.message.value = error_html(_as_error(exc))
                return
        self.header.value = "<h4 style='margin:4px 12px 4px 0'>EC2 Dashboard</h4>"
        _show(self.actions, False)
        _show(self.create_button, False)
        region = html.escape(self.lab.region)
        rows = "".join(f"<tr><td>{page}</td><td style='text-align:right;padding-left:16px'>{n}</td></tr>"
                       for page, n in counts)
        self.body.children = [widgets.HTML(
            f"<b>Resources</b> · {region}<table>{rows}</table>"
            "<small>Elige una sección en el menú <code>EC2 ›</code> de arriba, como en la consola.</small>")]

    @property
    def selected(self):
        """The id of the selected row (None when nothing is selected)."""
        return self.list.value

    def select(self, resource_id):
        """Select a row by id (what a click on the row does); refreshes once if it is not listed."""
        if resource_id is not None and resource_id not in {v for _, v in self.list.options}:
            self.refresh()
            if resource_id not in {v for _, v in self.list.options}:
                raise LabkitError(f"`{resource_id}` no está en la lista de {self.page or 'EC2 Dashboard'}.",
                                  "Elige la sección correcta (Instances, Volumes, Snapshots, AMIs) y "
                                  "copia el id de la lista.")
        self.list.value = resource_id

    def _on_select(self, change):
        if change["new"] is not None and self.page and not self._navigating:
            self._event(f"select:{self.page}")

    # actions
    def _on_action(self, change):
        key = change["new"]
        if not key:
            return
        self.actions.value = ""
        self.act(key)

    def act(self, key):
        """Run an item of the Actions menu (e.g. 'image_from_snapshot'), as choosing it does."""
        self.message.value = ""
        if key == "snapshot":
            self.open_form("snapshot", volume=self.selected if self.page == "Volumes" else None)
            return
        if self.selected is None:
            self.message.value = info_html(messages.HELP_SELECT_FIRST.format(what=_SELECT_WHAT[self.page]))
            return
        if key == "image_from_snapshot":
            self.open_form("image_from_snapshot", snapshot=self.selected)
        elif key == "image_from_instance":
            self.open_form("image_from_instance", instance=self.selected)
        elif key == "delete_snapshot":
            self._confirm_delete(self.selected)
        elif key == "deregister_image":
            self._confirm_deregister(self.selected)

    def open_form(self, key, volume=None, snapshot=None, instance=None):
        """Open a Create form (the console's Create snapshot / Create image pages)."""
        form = self.forms.get(key)
        if form is None:
            cls = {"snapshot": SnapshotForm, "image_from_snapshot": ImageFromSnapshotForm,
                   "image_from_instance": ImageFromInstanceForm}[key]
            form = cls(self.lab, on_event=self._event, on_created=self._created, on_close=self._closed,
                       on_cancel=lambda _f: self.show_page(self.page or "Snapshots"))
            self.forms[key] = form
        else:
            form.refresh_choices()
        if form._submitted:
            form.close_result()
        if key == "snapshot" and volume:
            form.resource_type.value = "Volume"
            form.volume.value = volume
        if key == "image_from_snapshot":
            form.snapshot.value = snapshot
        if key == "image_from_instance":
            form.instance.value = instance
        self.notice.children = []
        self.body.children = [form]
        _show(self.actions, False)
        _show(self.create_button, False)
        self._event(f"form:{key}")
        return form

    def _created(self, form, ids):
        """After Create: back to the list (Snapshots), the banner with the new ids and Close on top."""
        if isinstance(form, (ImageFromSnapshotForm, ImageFromInstanceForm)):
            self._last_image = ids[0]
        self.notice.children = [form.result]
        page = "Instances" if isinstance(form, ImageFromInstanceForm) else "Snapshots"
        # A new snapshot changes the Snapshots list; a new AMI changes only the AMIs list.
        self.show_page(page, refresh=isinstance(form, SnapshotForm) or page != self.page)
        listed = {value for _, value in self.list.options}
        self._navigating = True  # selected by the kit: no step is marked
        try:
            self.list.value = ids[0] if ids[0] in listed else None
        finally:
            self._navigating = False

    def _closed(self, form):
        self.notice.children = []
        if self.page and isinstance(form, SnapshotForm):
            self.refresh()  # the snapshots' status and progress may have moved on

    def _confirm_delete(self, snapshot_id):
        self.dialog = _Confirm(
            "Delete snapshot", f"Are you sure you want to delete snapshot {snapshot_id}?", "Delete",
            lambda: actions.delete_snapshot(self.lab, snapshot_id), help_html=messages.HELP_DELETE_SNAPSHOT,
            on_done=lambda d, _r: self._finished(success_html(html.escape(
                f"Successfully deleted snapshot {snapshot_id}."))),
            on_cancel=lambda d: self._finished(""))
        self.notice.children = [self.dialog]

    def _confirm_deregister(self, image_id):
        delete_snaps = widgets.Checkbox(description="Delete associated snapshots", value=False, indent=False)

        def done(_dialog, deleted):
            extra = f" Deleted snapshots: {', '.join(deleted)}." if deleted else ""
            self._finished(success_html(html.escape(f"Successfully deregistered AMI {image_id}.{extra}")))

        self.dialog = _Confirm(
            "Deregister AMI", f"Are you sure you want to deregister AMI {image_id}?", "Deregister AMI",
            lambda: actions.deregister_image(self.lab, image_id, delete_snapshots=delete_snaps.value),
            help_html=messages.HELP_DEREGISTER, option=delete_snaps, on_done=done,
            on_cancel=lambda d: self._finished(""))
        self.notice.children = [self.dialog]

    def _finished(self, banner):
        self.dialog = None
        self.notice.children = [widgets.HTML(banner)] if banner else []
        self.refresh()


def _fixed_width(frame, columns, max_width=38):
    """The list's header and rows as aligned text (non-breaking spaces survive HTML)."""
    def cell(value):
        text = str(value)
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[cell(v) for v in row] for row in frame[columns].itertuples(index=False)]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    header = "  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()
    pad = "\u00a0"  # a browser collapses runs of plain spaces in an <option>, not these
    rows = [(pad * 2).join(v + pad * (w - len(v)) for v, w in zip(r, widths)).rstrip(pad) for r in cells]
    return header, rows


# --- entry points ------------------------------------------------------------------------------

class Panel(widgets.HBox):
    """A form with the page's steps next to it (``.form``, ``.steps``)."""

    def __init__(self, form, steps, extra=()):
        super().__init__([widgets.VBox([form, *extra], layout=widgets.Layout(flex="1 1 auto")), steps.widget])
        self.form = form
        self.steps = steps

    def __repr__(self):
        return f"Panel({self.form!r})"


def ec2_console(lab, demo=16):
    """The EC2 console panel (Instances, Volumes, Snapshots, AMIs) with DEMO #16 or #17's steps.

    Used by 02_demo16_crear_snapshot.ipynb (demo=16) and 05_demo17_crear_ami.ipynb (demo=17).
    """
    return EC2Console(lab, demo=demo)


def create_snapshot_panel(lab):
    """Only the Create snapshot form, with DEMO #16's steps. Used by 02_demo16_crear_snapshot.ipynb."""
    steps = _steps_for(16, done=("open", "nav:Instances", "select:Instances", "nav:Snapshots", "form:snapshot"))
    return Panel(SnapshotForm(lab, on_event=steps.notify), steps)


def create_image_panel(lab):
    """Only the Create image from snapshot form, with DEMO #17's steps and an `AMIs` button to
    see the result. Used by 05_demo17_crear_ami.ipynb.
    """
    steps = _steps_for(17, done=("open", "nav:Snapshots", "form:image_from_snapshot"))
    form = ImageFromSnapshotForm(lab, on_event=steps.notify)
    amis_button = widgets.Button(description="AMIs", layout=widgets.Layout(width="auto"))
    amis = widgets.HTML()

    def show_amis(_button=None):
        frame = tables.images(lab)
        amis.value = frame.to_html(index=False, border=0) if len(frame) else info_html(
            messages.HELP_EMPTY_LIST.format(what="<code>AMI</code> propias"))
        steps.notify("nav:AMIs")
        if form.created and form.created[0] in set(frame["AMI ID"]):
            steps.notify("listed:image")

    amis_button.on_click(show_amis)
    panel = Panel(form, steps, extra=[amis_button, amis])
    panel.amis_button = amis_button
    panel.amis = amis
    return panel


def create_image_from_instance_panel(lab):
    """Only the Create image form of an instance (with `No reboot` explained).
    Used by 05_demo17_crear_ami.ipynb.
    """
    return ImageFromInstanceForm(lab)


def wait_with_progress(lab, ids):
    """Wait for snapshots to leave `pending`, showing a progress bar; print each final state.

    The plain ``labkit.actions.wait_snapshot`` plus a bar, for a code cell (what the console shows
    while a snapshot is `pending`). Used by 02_demo16_crear_snapshot.ipynb.
    """
    from IPython.display import display

    ids = [ids] if isinstance(ids, str) else list(ids)
    bar = widgets.IntProgress(value=0, min=0, max=100, description="Progress",
                              style={"description_width": "initial"})
    display(bar)

    def follow(snaps):
        bar.value = actions.progress_of(snaps)

    snaps = actions.wait_snapshot(lab, ids, on_progress=follow)
    bar.bar_style = "success" if all(s["State"] == "completed" for s in snaps) else "warning"
    for snap in snaps:
        print(f"{snap['SnapshotId']}: {snap['State']} ({snap.get('Progress') or '100%'})")
    return snaps
