"""What a notebook stores besides the live widget: a static HTML rendering of its state when it
was displayed, so that a lesson read on GitHub or opened before running (JupyterLab does not run
widget views of an untrusted notebook) shows the console instead of a Python repr.

``StaticView`` is a mixin for an ipywidgets widget with a ``static_html()`` method: its
``_repr_mimebundle_`` keeps the widget view and adds ``text/html`` (and a Spanish ``text/plain``).
The HTML is deterministic (no times, no widget ids) so nbval can compare it.
"""

from .html_helpers import LINE_HEIGHT


class StaticView:
    plain_text = "Widget interactivo del laboratorio (ejecuta la celda para usarlo)."

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = self.plain_text
        bundle["text/html"] = self.static_html()
        return bundle

    def static_html(self):
        raise NotImplementedError


def frame(body, caption):
    """A static rendering: a light border, the body, and a caption saying it is a stored view."""
    return (f'<div class="labkit-static" style="border:1px solid #d5dbdb;padding:6px 8px;font-size:13px;'
            f'{LINE_HEIGHT}"><div style="display:flex;flex-flow:row-reverse wrap;gap:8px;'
            f'align-items:flex-start">{body}</div>'
            f'<div style="color:#5f6b7a;font-size:11px;margin-top:4px">{caption}</div></div>')
