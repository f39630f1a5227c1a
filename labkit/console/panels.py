"""Entry points of the lessons: the whole console, or one form with its DEMO's steps, and a
progress bar for code cells."""

import ipywidgets as widgets

from .. import actions, messages, tables
from . import static_view
from .console_widget import EC2Console
from .forms import ImageFromInstanceForm, ImageFromSnapshotForm, SnapshotForm
from .html_helpers import help_html, info_html
from .layout import style_widget
from .steps import steps_for


class Panel(static_view.StaticView, widgets.HBox):
    """A form with the page's steps next to it (``.form``, ``.steps``); the steps go above the
    form when the output is narrow."""

    plain_text = "Formulario de la consola EC2 (ejecuta la celda para usarlo)."

    def __init__(self, form, steps, extra=()):
        steps.widget.layout = widgets.Layout(flex="1 1 260px", min_width="0")
        super().__init__([steps.widget, widgets.VBox([style_widget(), form, *extra], layout=widgets.Layout(flex="3 1 440px",
                                                                                           min_width="0"))],
                         layout=widgets.Layout(flex_flow="row-reverse wrap", align_items="flex-start"))
        self.form = form
        self.steps = steps

    def static_html(self):
        form = f"<div style='flex:3 1 440px;min-width:0'>{self.form.title.value}</div>"
        steps = f"<div style='flex:1 1 260px;min-width:0'>{self.steps.widget.value}</div>"
        return static_view.frame(steps + form, "Formulario de la consola (vista guardada: ejecuta la celda para usarlo)")

    def __repr__(self):
        return f"Panel({self.form!r})"


def ec2_console(lab, demo=16):
    """The EC2 console panel (Instances, Volumes, Snapshots, AMIs) with DEMO #16 or #17's steps.

    Used by 02_demo16_crear_snapshot.ipynb (demo=16) and 05_demo17_crear_ami.ipynb (demo=17).
    """
    return EC2Console(lab, demo=demo)


def create_snapshot_panel(lab):
    """Only the Create snapshot form, with DEMO #16's steps. Shown in 02 through ``ec2_console``."""
    steps = steps_for(16, done=("open", "nav:Instances", "select:Instances", "nav:Snapshots", "form:snapshot"))
    return Panel(SnapshotForm(lab, on_event=steps.notify), steps)


def create_image_panel(lab):
    """Only the Create image from snapshot form, with DEMO #17's steps and an `AMIs` button to
    see the result. Shown in 05 through ``ec2_console``.
    """
    steps = steps_for(17, done=("open", "nav:Snapshots", "form:image_from_snapshot"))
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
    Shown in 05 through ``ec2_console``.
    """
    return ImageFromInstanceForm(lab)


class _ProgressBar(static_view.StaticView, widgets.IntProgress):
    """The bar of ``wait_with_progress``; stored, it says what it showed (its final value is printed
    below it by the same cell)."""

    plain_text = "Barra de progreso de los snapshots (se mueve mientras la celda corre)."

    def __init__(self, ids, **kwargs):
        super().__init__(**kwargs)
        self.ids = list(ids)

    def static_html(self):
        return help_html("⏳ <b>Progress</b>: esta barra siguió a " + ", ".join(f"<code>{i}</code>" for i in self.ids)
                         + " mientras la celda corría; el estado final de cada uno está justo debajo.")


def wait_with_progress(lab, ids):
    """Wait for snapshots to leave `pending`, showing a progress bar; print each final state.

    The plain ``labkit.actions.wait_snapshot`` plus a bar, for a code cell (what the console shows
    while a snapshot is `pending`). Shown in 02 through ``ec2_console``.
    """
    from IPython.display import display

    ids = [ids] if isinstance(ids, str) else list(ids)
    bar = _ProgressBar(ids, value=0, min=0, max=100, description="Progress",
                       style={"description_width": "initial"})
    display(bar)

    def follow(snaps):
        bar.value = actions.progress_of(snaps)

    snaps = actions.wait_snapshot(lab, ids, on_progress=follow)
    bar.bar_style = "success" if all(s["State"] == "completed" for s in snaps) else "warning"
    for snap in snaps:
        print(f"{snap['SnapshotId']}: {snap['State']} ({snap.get('Progress') or '100%'})")
    return snaps
