"""The EC2 console widget: navigation, lists (``table_view.Table``), refresh, an Actions menu,
Create forms, confirmation dialogs, green banners; the DEMO's steps beside it (below it when the
output is narrow)."""

import html

import ipywidgets as widgets
from botocore.exceptions import BotoCoreError, ClientError

from .. import actions, console_actions, messages, tables
from ..messages import LabkitError
from . import static_view
from .dialogs import Confirm
from .forms import ImageFromInstanceForm, ImageFromSnapshotForm, SnapshotForm
from .help_texts import HELP_DEREGISTER_PARTIAL
from .html_helpers import LINE_HEIGHT, as_error, error_html, info_html, success_html, text_html, warning_html
from .layout import icon_button, primary_button, show
from .procedures import CopySnapshotForm, ModifyPermissionsForm, VolumeFromSnapshotForm
from .steps import steps_for
from .table_view import STYLE as TABLE_STYLE
from .table_view import Table

PAGES = ("Instances", "Volumes", "Snapshots", "AMIs")

# page -> (table function, id column, columns shown by default (fit 640 px), Spanish name of an empty list).
# Every column of the table can be shown from Preferences.
_PAGES = {
    "Instances": (tables.instances, "Instance ID",
                  ["Name", "Instance ID", "Instance state", "Instance type", "Availability Zone"], "instancias"),
    "Volumes": (tables.volumes, "Volume ID",
                ["Name", "Volume ID", "Size", "Snapshot", "Volume state", "Attached resources"], "volúmenes"),
    "Snapshots": (tables.snapshots, "Snapshot ID",
                  ["Name", "Snapshot ID", "Volume size", "Description", "Snapshot status", "Progress", "Volume ID"],
                  "<code>snapshots</code> propios"),
    "AMIs": (tables.images, "AMI ID",
             ["AMI name", "AMI ID", "Status", "Architecture", "Root device name", "Snapshot"],
             "<code>AMI</code> propias"),
}
# page -> the Actions menu (label, action key), as today's console names and groups them
ACTIONS = {
    "Instances": [("Image and templates › Create image", "image_from_instance")],
    "Volumes": [("Create snapshot", "snapshot")],
    "Snapshots": [("Create volume from snapshot", "volume_from_snapshot"),
                  ("Create image from snapshot", "image_from_snapshot"),
                  ("Copy snapshot", "copy_snapshot"),
                  ("Snapshot settings › Modify permissions", "modify_permissions"),
                  ("Delete snapshot", "delete_snapshot")],
    "AMIs": [("Deregister AMI", "deregister_image")],
}
_SELECT_WHAT = {"Instances": "una instancia", "Volumes": "un volumen", "Snapshots": "un <code>snapshot</code>",
                "AMIs": "una <code>AMI</code>"}
_FORMS = {"snapshot": SnapshotForm, "image_from_snapshot": ImageFromSnapshotForm,
          "image_from_instance": ImageFromInstanceForm, "volume_from_snapshot": VolumeFromSnapshotForm,
          "copy_snapshot": CopySnapshotForm, "modify_permissions": ModifyPermissionsForm}
# form key -> the page the console lands on after the form's main button (with the green banner)
_LANDING = {"snapshot": "Snapshots", "image_from_snapshot": "Snapshots", "image_from_instance": "Instances",
            "volume_from_snapshot": "Volumes", "copy_snapshot": "Snapshots", "modify_permissions": "Snapshots"}

_STYLE = TABLE_STYLE.replace("</style>", (
    ".labkit-actions-menu{border:1px solid #d5dbdb;box-shadow:0 2px 6px rgba(0,0,0,.15);padding:2px;"
    "background:var(--jp-layout-color0,#fff)}"
    ".labkit-actions-menu .widget-button{justify-content:flex-start;text-align:left}"
    "</style>"))


class EC2Console(static_view.StaticView, widgets.HBox):
    """The EC2 console of the lessons: navigation (Instances, Volumes, Snapshots, AMIs), tables with
    the console's columns, refresh, Actions, Create snapshot; the page's steps beside it.

    The lists are ``labkit.tables``; every action is a ``labkit.actions`` or
    ``labkit.console_actions`` function. Lessons 02 and 05 show it through ``ec2_console``.
    """

    plain_text = "Consola EC2 del laboratorio (ejecuta la celda para usarla)."

    def __init__(self, lab, demo=16):
        super().__init__()
        self.lab = lab
        self.steps = steps_for(demo)
        self.page = None
        self.forms = {}
        self.dialog = None
        self.tables = {}
        self._last_image = None
        self._navigating = False
        self.nav = widgets.ToggleButtons(options=list(PAGES), value=None, description="EC2 ›",
                                         style={"button_width": "95px", "description_width": "45px"})
        self.header = widgets.HTML()
        self.refresh_button = icon_button("refresh", "Refresh")
        self.actions = widgets.Button(description="Actions ▾", tooltip="Actions",
                                      layout=widgets.Layout(width="auto"))
        self.action_items = {}
        self.menu_hint = widgets.HTML()
        self.menu = widgets.VBox(layout=widgets.Layout(width="fit-content", max_width="100%"))
        self.menu.add_class("labkit-actions-menu")
        show(self.menu, False)
        self.create_button = primary_button("Create snapshot")
        self.preferences_slot = widgets.Box()
        self.message = widgets.HTML()
        self.notice = widgets.VBox()
        self.toolbar = widgets.HBox([self.header, self.refresh_button, self.actions, self.create_button,
                                     self.preferences_slot],
                                    layout=widgets.Layout(align_items="center", flex_flow="row wrap"))
        self.body = widgets.VBox()
        self.main = widgets.VBox([widgets.HTML(_STYLE), self.nav, self.toolbar, self.menu, self.message,
                                  self.notice, self.body],
                                 layout=widgets.Layout(flex="3 1 440px", min_width="0"))
        self.main.add_class("labkit-console")
        # Side by side when there is room; on a narrow output the steps go above the console.
        self.layout = widgets.Layout(flex_flow="row-reverse wrap", align_items="flex-start")
        self.children = ([self.steps.widget] if self.steps else []) + [self.main]
        if self.steps:
            self.steps.widget.layout = widgets.Layout(flex="1 1 260px", min_width="0")

        self.nav.observe(self._on_nav, "value")
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.actions.on_click(lambda _b: self.toggle_actions())
        self.create_button.on_click(lambda _b: self.open_form("snapshot"))
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

    @property
    def table(self):
        """The current page's Table (None on the dashboard)."""
        return self.tables.get(self.page)

    def _table_for(self, page):
        if page not in self.tables:
            _, id_column, visible, _ = _PAGES[page]
            columns = {"Instances": tables.INSTANCE_COLUMNS, "Volumes": tables.VOLUME_COLUMNS,
                       "Snapshots": tables.SNAPSHOT_COLUMNS, "AMIs": tables.IMAGE_COLUMNS}[page]
            self.tables[page] = Table(id_column, columns, visible, on_select=self._on_select)
        return self.tables[page]

    def show_page(self, page, refresh=True):
        """Show ``page``'s list (closing any open form), as clicking it in the left menu does."""
        self.page = page
        if self.nav.value != page:
            self._navigating = True  # moved by the kit, not by the student: no step is marked
            try:
                self.nav.value = page
            finally:
                self._navigating = False
        table = self._table_for(page)
        self.body.children = [table]
        self.preferences_slot.children = [table.preferences_button]
        show(self.actions, True)
        show(self.create_button, page in ("Snapshots", "Volumes"))
        self.close_actions()
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
        table_function, _, _, empty = _PAGES[self.page]
        try:
            frame = table_function(self.lab)
        except (ClientError, BotoCoreError) as exc:
            self.message.value = error_html(as_error(exc))
            return
        self.header.value = f"<h4 style='margin:4px 12px 4px 0'>{self.page} ({len(frame)})</h4>"
        self.table.show(frame, info_html(messages.HELP_EMPTY_LIST.format(what=empty)))
        self._update_menu()
        if self.page == "AMIs" and self._last_image in self.table.ids:
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
        self.preferences_slot.children = []
        region = html.escape(self.lab.region)
        rows = "".join(f"<tr><td>{page}</td><td style='text-align:right;padding-left:16px'>{n}</td></tr>"
                       for page, n in counts)
        self.body.children = [widgets.HTML(
            f"<div style='{LINE_HEIGHT}'><b>Resources</b> · {region}<table>{rows}</table>"
            "<small>Elige una sección en el menú <code>EC2 ›</code> de arriba, como en la consola.</small></div>")]

    @property
    def selected(self):
        """The id of the selected (checked) row, None when nothing is selected."""
        return self.table.selected if self.table is not None else None

    def select(self, resource_id):
        """Check a row by id (what a click on its checkbox does); refreshes once if it is not listed."""
        table = self.table
        if table is None or resource_id not in table.ids:
            if table is not None:
                self.refresh()
            if table is None or resource_id not in table.ids:
                raise LabkitError(f"`{resource_id}` no está en la lista de {self.page or 'EC2 Dashboard'}.",
                                  "Elige la sección correcta (Instances, Volumes, Snapshots, AMIs) y "
                                  "copia el id de la lista.")
        table.select(resource_id)

    def _on_select(self, resource_id):
        self._update_menu()
        if resource_id is not None and self.page and not self._navigating:
            self._event(f"select:{self.page}")

    # the Actions menu: opens, then acts when an item is chosen
    def toggle_actions(self):
        if self.menu.layout.display == "none":
            self.open_actions()
        else:
            self.close_actions()

    def open_actions(self):
        self._update_menu()
        show(self.menu, True)

    def close_actions(self):
        show(self.menu, False)

    def _update_menu(self):
        if self.page is None:
            return
        needs_selection = self.selected is None
        items = []
        self.action_items = {}
        for label, key in ACTIONS[self.page]:
            button = widgets.Button(description=label, layout=widgets.Layout(width="auto"),
                                    disabled=needs_selection)
            button.on_click(lambda _b, key=key: self._choose(key))
            self.action_items[key] = button
            items.append(button)
        self.menu_hint.value = (f"<div style='{LINE_HEIGHT};padding:2px 6px'><small>"
                                + messages.HELP_SELECT_FIRST.format(what=_SELECT_WHAT[self.page])
                                + "</small></div>") if needs_selection else ""
        self.menu.children = [self.menu_hint, *items]

    def _choose(self, key):
        self.close_actions()
        self.act(key)

    def act(self, key):
        """Run an item of the Actions menu (e.g. 'image_from_snapshot'), as choosing it does."""
        self.message.value = ""
        if self.selected is None:
            self.message.value = info_html(messages.HELP_SELECT_FIRST.format(what=_SELECT_WHAT[self.page]))
            return
        if key == "snapshot":
            self.open_form("snapshot", volume=self.selected)
        elif key in ("image_from_snapshot", "volume_from_snapshot", "copy_snapshot", "modify_permissions"):
            self.open_form(key, snapshot=self.selected)
        elif key == "image_from_instance":
            self.open_form("image_from_instance", instance=self.selected)
        elif key == "delete_snapshot":
            self._confirm_delete(self.selected)
        elif key == "deregister_image":
            self._confirm_deregister(self.selected)

    def open_form(self, key, volume=None, snapshot=None, instance=None):
        """Open a form (the console's Create snapshot, Create image, Copy snapshot... pages)."""
        form = self.forms.get(key)
        if form is None:
            form = _FORMS[key](self.lab, on_event=self._event, on_created=self._created,
                               on_close=self._closed, on_cancel=lambda _f: self.show_page(self.page or "Snapshots"))
            form.on_progress = self._progress_to_list
            self.forms[key] = form
        else:
            form.refresh_choices()
        if form._submitted:
            form.close_result()
        if key == "snapshot" and volume:
            form.resource_type.value = "Volume"
            form.volume.value = volume
        if snapshot is not None and hasattr(form, "snapshot"):
            form.snapshot.value = snapshot
        if key == "image_from_instance":
            form.instance.value = instance
        self.notice.children = []
        self.body.children = [form]
        self.close_actions()
        show(self.actions, False)
        show(self.create_button, False)
        self.preferences_slot.children = []
        self._event(f"form:{key}")
        return form

    def _created(self, form, ids):
        """After the form's main button: back to a list with the green banner (dismissed with its X)."""
        key = next(k for k, f in self.forms.items() if f is form)
        if key in ("image_from_snapshot", "image_from_instance"):
            self._last_image = ids[0]
        self.notice.children = [form.result]
        page = _LANDING[key]
        self.show_page(page)
        row = {"image_from_snapshot": lambda: form.snapshot.value,
               "image_from_instance": lambda: form.instance.value}.get(key, lambda: ids[0])()
        self._navigating = True  # selected by the kit: no step is marked
        try:
            self.table.select(row if row in self.table.ids else None, quiet=True)
        finally:
            self._navigating = False

    def _progress_to_list(self, snaps):
        """The progress thread of a new snapshot also updates its row (status and progress)."""
        table = self.tables.get("Snapshots")
        if table is None:
            return
        for snap in snaps:
            table.update_row(snap["SnapshotId"], **{"Snapshot status": snap["State"],
                                                    "Progress": snap.get("Progress") or ""})

    def _closed(self, form):
        self.notice.children = []
        if self.page and self.body.children and isinstance(self.body.children[0], Table):
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

        def done(_dialog, result):
            self._finished(deregister_banner(result))

        self.dialog = Confirm(
            "Deregister AMI", f"Are you sure you want to deregister AMI {image_id}?", "Deregister AMI",
            lambda: console_actions.deregister_image(self.lab, image_id, delete_snapshots=delete_snaps.value),
            help_html=messages.HELP_DEREGISTER, option=delete_snaps, on_done=done,
            on_cancel=lambda d: self._finished(""))
        self.notice.children = [self.dialog]

    def _finished(self, banner):
        self.dialog = None
        self.notice.children = [widgets.HTML(banner)] if banner else []
        self.refresh()

    # the static rendering a notebook stores (see static_view)
    def static_html(self):
        nav = " · ".join(f"<b>{p}</b>" if p == self.page else p for p in PAGES)
        if self.table is not None and self.table in self.body.children:
            body = self.table.static_html()
        else:
            body = "".join(getattr(w, "value", "") for w in self.body.children if isinstance(w, widgets.HTML))
        notices = "".join(w.value for w in self.notice.children if isinstance(w, widgets.HTML))
        console = (f"<div style='flex:3 1 440px;min-width:0'><div>EC2 › {nav}</div>{self.header.value}"
                   f"{self.message.value}{notices}{body}</div>")
        steps = (f"<div style='flex:1 1 260px;min-width:0'>{self.steps.widget.value}</div>"
                 if self.steps else "")
        return static_view.frame(steps + console, "Consola EC2 (vista guardada: ejecuta la celda para usarla)")


def deregister_banner(result):
    """The banner after Deregister AMI: green when all went as asked, yellow when AWS kept a snapshot."""
    title = f"Successfully deregistered AMI {result.image_id}."
    if result.deleted:
        title += f" Deleted snapshots: {', '.join(result.deleted)}."
    if not result.partial:
        return success_html(html.escape(title))
    kept = "".join(f"<li><code>{html.escape(s)}</code> {text_html(reason)}</li>" for s, reason in result.kept)
    return warning_html(html.escape(title), HELP_DEREGISTER_PARTIAL + f"<ul style='margin:4px 0'>{kept}</ul>")
