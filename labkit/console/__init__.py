"""ipywidgets panels that replay the EC2 console procedures of DEMO #16 and DEMO #17.

Each panel is a thin skin over the plain functions of ``labkit.actions`` (what it creates) and
``labkit.tables`` (what it lists): a test, or a reader without widgets, calls those directly and
gets the same result. Labels are the console's (English, as AWS shows them); help and messages
are Spanish; the course page's numbered steps sit next to the widget and follow the student.

Entry points: ``ec2_console(lab, demo=16|17)``, ``create_snapshot_panel(lab)`` (used by
02_demo16_crear_snapshot.ipynb), ``create_image_panel(lab)`` and
``create_image_from_instance_panel(lab)`` (used by 05_demo17_crear_ami.ipynb).

Modules: ``demo_steps`` (course content: the DEMO step lists), ``steps`` (the widget that ticks
them), ``html_helpers`` (Spanish banners and error boxes as HTML), ``layout`` (small widget
helpers), ``table_view`` (how a list is drawn), ``forms`` (Create forms), ``dialogs``
(confirmations), ``console_widget`` (the console), ``panels`` (entry points).
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
