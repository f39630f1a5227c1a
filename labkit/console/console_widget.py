"""The EC2 console widget: navigation, lists, refresh, Actions, forms and dialogs."""

import html

import ipywidgets as widgets
from botocore.exceptions import BotoCoreError, ClientError

from .. import actions, messages, tables
from ..messages import LabkitError
from .dialogs import Confirm
from .forms import ImageFromInstanceForm, ImageFromSnapshotForm, SnapshotForm
from .html_helpers import as_error, error_html, info_html, success_html
from .layout import show
from .steps import steps_for
from .table_view import fixed_width

PAGES = ("Instances", "Volumes", "Snapshots", "AMIs")

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

_STYLE = (
    "<style>.labkit-mono select, .labkit-mono option, .labkit-mono pre "
    "{font-family: var(--jp-code-font-family, monospace); font-size: 12px; white-space: pre;}"
    ".labkit-mono pre {margin: 0 0 2px 4px;}</style>"
)


class EC2Console(widgets.HBox):
    """The EC2 console of the lessons: navigation (Instances, Volumes, Snapshots, AMIs), lists with
    the console's columns, refresh, Actions, Create snapshot; the page's steps on the right.

    The lists are ``labkit.tables``; every action is a ``labkit.actions`` function.
    Used by 02_demo16_crear_snapshot.ipynb and 05_demo17_crear_ami.ipynb.
    """

    def __init__(self, lab, demo=16):
        super().__init__()
        self.lab = lab
        self.steps = steps_for(demo)
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
        self.actions = widgets.Dropdown(options=[("Actions", "")], value="", layout=widgets.Layout(width="270px"))
        self.create_button = widgets.Button(description="Create snapshot", button_style="warning",
                                            layout=widgets.Layout(width="auto"))
        self.message = widgets.HTML()
        self.notice = widgets.VBox()
        self.columns = widgets.HTML()
        # Wide lists scroll sideways inside the panel, like the console's tables.
        self.list = widgets.Select(options=[], value=None, rows=8,
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
        show(self.actions, True)
        show(self.create_button, page in ("Snapshots", "Volumes"))
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
            self.message.value = error_html(as_error(exc))
            return
        self.frame = frame
        self.header.value = f"<h4 style='margin:4px 12px 4px 0'>{self.page} ({len(frame)})</h4>"
        header, rows = fixed_width(frame, columns)
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
                self.message.value = error_html(as_error(exc))
                return
        self.header.value = "<h4 style='margin:4px 12px 4px 0'>EC2 Dashboard</h4>"
        show(self.actions, False)
        show(self.create_button, False)
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
        show(self.actions, False)
        show(self.create_button, False)
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
        self.dialog = Confirm(
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

        self.dialog = Confirm(
            "Deregister AMI", f"Are you sure you want to deregister AMI {image_id}?", "Deregister AMI",
            lambda: actions.deregister_image(self.lab, image_id, delete_snapshots=delete_snaps.value),
            help_html=messages.HELP_DEREGISTER, option=delete_snaps, on_done=done,
            on_cancel=lambda d: self._finished(""))
        self.notice.children = [self.dialog]

    def _finished(self, banner):
        self.dialog = None
        self.notice.children = [widgets.HTML(banner)] if banner else []
        self.refresh()

