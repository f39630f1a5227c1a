"""Entry points of the lessons: the whole console, or one form with its DEMO's steps, and a
progress bar for code cells."""

import ipywidgets as widgets

from .. import actions, messages, tables
from .console_widget import EC2Console
from .forms import ImageFromInstanceForm, ImageFromSnapshotForm, SnapshotForm
from .html_helpers import info_html
from .steps import steps_for


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
    steps = steps_for(16, done=("open", "nav:Instances", "select:Instances", "nav:Snapshots", "form:snapshot"))
    return Panel(SnapshotForm(lab, on_event=steps.notify), steps)


def create_image_panel(lab):
    """Only the Create image from snapshot form, with DEMO #17's steps and an `AMIs` button to
    see the result. Used by 05_demo17_crear_ami.ipynb.
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
