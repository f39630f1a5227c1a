"""The widget that shows a DEMO's numbered steps next to the console and ticks them as the
student goes (the step lists themselves are course content, in ``demo_steps``)."""

import ipywidgets as widgets

from ..messages import LabkitError
from .demo_steps import DEMOS
from .html_helpers import LINE_HEIGHT, text_html


class Steps:
    """The page's numbered steps as a small HTML list: done steps ticked, the next one highlighted."""

    def __init__(self, title, steps, done=()):
        self.title = title
        self.steps = steps
        self.done = {i for i, (_, event) in enumerate(steps) if event in set(done)}
        self.widget = widgets.HTML(layout=widgets.Layout(min_width="260px", max_width="340px"))
        self.widget.add_class("labkit-steps")
        self._render()

    def notify(self, event):
        """Mark the step(s) completed by ``event`` (e.g. 'nav:Snapshots')."""
        new = {i for i, (_, ev) in enumerate(self.steps) if ev == event} - self.done
        if new:
            self.done |= new
            self._render()

    @property
    def current(self):
        """Number (1-based) of the first step not done yet, or None when all are done."""
        for i in range(len(self.steps)):
            if i not in self.done:
                return i + 1
        return None

    def _render(self):
        items = []
        for i, (text, _) in enumerate(self.steps):
            if i in self.done:
                items.append(f'<li style="color:#5f6b7a">✓ {text_html(text)}</li>')
            elif i + 1 == self.current:
                items.append('<li style="background:#fff3cd;font-weight:bold;padding:1px 3px">'
                             f"▶ {text_html(text)}</li>")
            else:
                items.append(f"<li>{text_html(text)}</li>")
        self.widget.value = (f'<div style="font-size:13px;border:1px solid #d5dbdb;padding:6px 8px;{LINE_HEIGHT}">'
                             f'<b>{self.title}</b><ol style="padding-left:22px;margin:6px 0">'
                             + "".join(items) + "</ol></div>")


def steps_for(demo, done=()):
    if demo is None:
        return None
    if demo not in DEMOS:
        raise LabkitError(f"No hay pasos para la DEMO #{demo}.", "Usa demo=16 (crear snapshot) o demo=17 (crear AMI).")
    title, steps = DEMOS[demo]
    return Steps(title, steps, done)

