"""ipywidgets panels that replay the EC2 console procedures of DEMO #16 and DEMO #17.

Each panel is a thin skin over the plain functions of ``labkit.actions`` (what it creates) and
``labkit.tables`` (what it lists): a test, or a reader without widgets, calls those directly and
gets the same result. Labels are the console's (English, as AWS shows them); help and messages
are Spanish; the course page's numbered steps sit next to the widget and follow the student.

Entry points: ``ec2_console(lab, demo=16|17)``, ``create_snapshot_panel(lab)`` (used by
02_demo16_crear_snapshot.ipynb), ``create_image_panel(lab)`` and
``create_image_from_instance_panel(lab)`` (used by 05_demo17_crear_ami.ipynb).

Modules: ``demo_steps`` (course content: the DEMO step lists), ``steps`` (the widget that ticks
them), ``html_helpers`` (Spanish banners and error boxes as HTML), ``help_texts`` (Spanish help of
the newer procedures), ``layout`` (small widget helpers), ``table_view`` (the lists: header grid,
a checkbox per row, Preferences), ``forms`` (Create snapshot, Create image), ``procedures``
(Create volume from snapshot, Copy snapshot, Modify permissions), ``dialogs`` (Delete snapshot,
Deregister AMI), ``console_widget`` (the console), ``static_view`` (the static HTML a notebook
stores beside the live widget), ``panels`` (entry points). A new console procedure: a plain
function (``labkit.console_actions``), a form in ``procedures``, an entry in ``ACTIONS``,
``_FORMS`` and ``_LANDING`` of ``console_widget``, a test in tests/test_console_widgets.py.

DOM hooks for browser tests (CSS classes set with ``add_class``; everything else is plain
ipywidgets 8 markup):

- ``.labkit-console``: the console's main column. Navigation: ``button.widget-toggle-button``
  named Instances, Volumes, Snapshots, AMIs. Page title: ``h4`` "Snapshots (3)" / "EC2 Dashboard".
- ``.labkit-table``: a list. ``.labkit-table-header`` holds the header cells (``.labkit-grid > div``);
  each row is ``.labkit-row`` (``.labkit-selected`` when checked) with an
  ``input[type=checkbox][title="Select <id>"]`` and its cells in ``.labkit-grid > div``
  (text as shown; a row's text contains its id).
- Icon buttons (Refresh, Preferences, the banner's Close) are named by their own text, hidden from
  the eye (``.labkit-icon-button``); a row's checkbox by its <label>'s text "Select <id>", hidden
  the same way (``.labkit-sr-label``): never by a tooltip alone (axe-core ``label-title-only``).
- Toolbar buttons: Refresh (``button[title=Refresh]``), ``Actions ▾`` (``button[title=Actions]``),
  ``Create snapshot``, Preferences (``button[title=Preferences]``; ``.labkit-preferences`` holds
  one checkbox per column and Cancel / Confirm).
- ``.labkit-actions-menu``: the open Actions menu, one ``button.widget-button`` per item
  (disabled until a row is checked).
- ``.labkit-form``: an open form (title ``h4``, fields as ``.widget-dropdown``/``.widget-text``
  with a ``.widget-label``, the main button ``Create snapshot`` / ``Create image`` /
  ``Create volume`` / ``Copy snapshot`` / ``Save changes``, ``Cancel``). Modify permissions:
  ``.labkit-shared-accounts`` lists the accounts, each with ``button[title="Remove <account>"]``
  (text ``Remove``); ``AWS account ID`` and ``Add account`` add one; ``Save changes`` applies both.
- ``.labkit-banner``: the green (or yellow) banner after a form, above the list it lands on; its
  ``.labkit-dismiss`` button (``title=Close``, accessible name "Close") hides it. A new snapshot's
  progress text is ``.widget-html-content small`` inside it.
- ``.labkit-dialog``: Delete snapshot / Deregister AMI (``Delete associated snapshots`` checkbox).
- ``.labkit-steps``: the DEMO's steps, ``ol > li`` (done ones start with ✓). DEMO #16 has 10
  steps and DEMO #17 has 9, numbered as the course page; the page's `Close` step is ticked together
  with the step before it, as today's console needs no Close.
- ``.labkit-static``: the stored static rendering (``text/html``), shown only where widgets are
  not (GitHub, an untrusted notebook before running).
"""

from .console_widget import ACTIONS, PAGES, EC2Console
from .demo_steps import DEMO16_STEPS, DEMO16_TITLE, DEMO17_STEPS, DEMO17_TITLE, DEMOS
from .dialogs import Confirm
from .forms import ImageFromInstanceForm, ImageFromSnapshotForm, SnapshotForm
from .html_helpers import LINE_HEIGHT, error_html, info_html, success_html, text_html
from .layout import DESCRIPTION_WIDTH
from .panels import (
    Panel,
    create_image_from_instance_panel,
    create_image_panel,
    create_snapshot_panel,
    ec2_console,
    wait_with_progress,
)
from .steps import Steps

__all__ = [
    "ACTIONS", "DEMO16_STEPS", "DEMO16_TITLE", "DEMO17_STEPS", "DEMO17_TITLE", "DEMOS", "DESCRIPTION_WIDTH",
    "LINE_HEIGHT", "PAGES", "Confirm", "EC2Console", "ImageFromInstanceForm", "ImageFromSnapshotForm", "Panel",
    "SnapshotForm", "Steps", "create_image_from_instance_panel", "create_image_panel", "create_snapshot_panel",
    "ec2_console", "error_html", "info_html", "success_html", "text_html", "wait_with_progress",
]
