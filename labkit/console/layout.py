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


# Accessible names. ipywidgets 8 has no aria-label: a Button's `tooltip` becomes only its `title`,
# which axe-core's `label-title-only` rule rejects as a control's only name. So an icon button keeps
# its name as its text (its `description`) and CSS hides that text from the eye only (font size 0;
# screen readers and axe still read it); a Checkbox's `description` sits inside the <label> that
# wraps its <input>, and ``labkit-sr-label`` hides that text the same way where a column of checkboxes
# needs no visible words (the table's rows). Both rules ride with the console's style sheet.
A11Y_STYLE = (
    ".labkit-icon-button{font-size:0 !important}"
    ".labkit-icon-button i.fa{font-size:var(--jp-widgets-font-size,13px);margin-right:0}"
    ".labkit-sr-label .widget-label-basic > span{position:absolute;width:1px;height:1px;padding:0;"
    "margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}"
)


def style_widget():
    """An HTML widget carrying the kit's accessibility style sheet (for a form shown on its own)."""
    return widgets.HTML(f"<style>{A11Y_STYLE}</style>", layout=widgets.Layout(display="none"))


def icon_button(icon, name, width="40px"):
    """An icon-only button (Refresh, Preferences, Close) whose accessible name is ``name``: its
    text, hidden from the eye; ``title`` shows the same name as a tooltip."""
    button = widgets.Button(icon=icon, description=name, tooltip=name, layout=widgets.Layout(width=width))
    button.add_class("labkit-icon-button")
    return button


def primary_button(description, **kwargs):
    """A console primary button (Create snapshot, Create image, Confirm...)."""
    return widgets.Button(description=description, style=PRIMARY, layout=widgets.Layout(width="auto"), **kwargs)
