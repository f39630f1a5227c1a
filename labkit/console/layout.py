"""Small widget helpers shared by the console's forms, dialogs and pages."""

import ipywidgets as widgets

from .html_helpers import LINE_HEIGHT

DESCRIPTION_WIDTH = "150px"


def hint(text):
    """Small Spanish help under a field, aligned with the field's box."""
    return widgets.HTML(f'<div style="margin-left:{DESCRIPTION_WIDTH};max-width:560px;{LINE_HEIGHT}">'
                        f"<small>{text}</small></div>")


def show(widget, visible):
    widget.layout.display = "" if visible else "none"


def id_label(resource_id, name):
    return f"{resource_id} ({name})" if name else resource_id


def set_options(dropdown, options):
    """Replace a picker's options keeping the current choice when it still exists (else none)."""
    keep = dropdown.value
    dropdown.options = options
    dropdown.value = keep if keep in {value for _, value in options} else None


# Today's console draws its primary buttons orange with dark text; ipywidgets' "warning" style is
# white on orange (contrast 2.9:1, under WCAG's 4.5:1), so the kit sets the colours itself (10:1).
PRIMARY = {"button_color": "#ff9900", "text_color": "#000716", "font_weight": "bold"}


def primary_button(description, **kwargs):
    """A console primary button (Create snapshot, Create image, Confirm...)."""
    return widgets.Button(description=description, style=PRIMARY, layout=widgets.Layout(width="auto"), **kwargs)
