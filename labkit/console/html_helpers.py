"""HTML helpers of the console widgets: Spanish boxes for errors, notices and success banners.

Plain strings (no widgets), so tests and static renderings use the same markup.
"""

import html
import re

from .. import messages
from ..messages import LabkitError


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


def as_error(exc):
    """A Spanish LabkitError for whatever AWS or botocore raised (never a traceback in a widget)."""
    return messages.explain(exc) or LabkitError(
        f"AWS no aceptó la petición: {exc}", "Revisa los valores del formulario y vuelve a intentarlo.",
        code=type(exc).__name__)


def warning_html(title, body=""):
    """A yellow box: it worked, but not all of it (e.g. an AMI deregistered, a snapshot kept)."""
    return info_html(f"⚠️ <b>{title}</b>" + (f"<br>{body}" if body else ""), "#8d6605", "#fffce6")


def help_html(text):
    """Small Spanish help text with normal line spacing (ipywidgets would give it 28 px lines)."""
    return f'<div style="{LINE_HEIGHT};font-size:12px;margin:2px 0">{text}</div>'
