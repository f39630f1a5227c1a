"""The console's confirmation dialogs (Delete snapshot, Deregister AMI)."""

import html

import ipywidgets as widgets
from botocore.exceptions import BotoCoreError, ClientError

from ..messages import LabkitError
from .html_helpers import LINE_HEIGHT, as_error, error_html
from .html_helpers import help_html as help_box


class Confirm(widgets.VBox):
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
        body = [widgets.HTML(f"<div style='{LINE_HEIGHT}'><b>{html.escape(title)}</b><br>{html.escape(prompt)}</div>")]
        if help_html:
            body.append(widgets.HTML(help_box(help_html)))
        if option is not None:
            body.append(option)
        self.children = body + [widgets.HBox([self.cancel_button, self.confirm_button]), self.message]
        self.layout = widgets.Layout(border="1px solid #d5dbdb", padding="6px", margin="4px 0")
        self.add_class("labkit-dialog")

    def _confirm(self, _button=None):
        if self._done:
            return
        self._done = True
        self.confirm_button.disabled = True
        self.message.value = ""
        try:
            result = self.run()
        except (LabkitError, ClientError, BotoCoreError) as exc:
            self.message.value = error_html(as_error(exc))
            self._done = False
            self.confirm_button.disabled = False
            return
        if self.on_done is not None:
            self.on_done(self, result)

