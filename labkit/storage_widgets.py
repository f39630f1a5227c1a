"""Interactive retention explorer: number boxes for volume size (1 to 16384 GiB), daily change and
snapshots kept (typed, or stepped with the arrow keys); the chart of billed storage over time and
the monthly cost redraw in place (same figure, same image widget). Its plain-function twins are ``storage.retention``/``retention_cost`` and
``charts.storage_over_time``/``charts.monthly_cost``. Used by 03_almacenamiento_incremental.ipynb.
"""

import base64
import html
import io

import matplotlib
from matplotlib.figure import Figure

from . import charts, storage

# ipywidgets' HTML widget gives its text the 28 px line height of a form row: help text reads
# double-spaced. Paragraphs of the explorer set their own.
TEXT_STYLE = "line-height:1.45;font-size:13px;margin:4px 0"
VOLUME_MAX_GIB = 16384


class RetentionExplorer:
    """Three number boxes + one PNG image (in an HTML widget, with its alt text). ``data`` (DataFrame) and ``cost`` (dict) are what is drawn;
    set a slider's ``value`` (a student's drag, or a test) and everything is recomputed."""

    def __init__(self, volume_gib=100, change_pct=2.0, keep=7, days=30):
        import ipywidgets as w

        style = {"description_width": "220px"}
        layout = w.Layout(width="340px")
        # Labelled number boxes, not sliders: ipywidgets' slider handles carry no accessible name
        # (axe-core: aria-input-field-name), and a box takes an exact typed value, or steps with
        # the arrow keys (1 GiB, 0.5 %, 1 snapshot) where a 1-16384 GiB slider jumped 3000 GiB.
        self.volume = w.BoundedIntText(value=volume_gib, min=1, max=VOLUME_MAX_GIB, step=1,
                                       description="Tamaño del volumen (GiB)", style=style, layout=layout)
        self.change = w.BoundedFloatText(value=change_pct, min=0, max=20, step=0.5, description="Cambio por día (%)",
                                         style=style, layout=layout)
        self.keep = w.BoundedIntText(value=keep, min=1, max=60, step=1, description="Snapshots conservados",
                                     style=style, layout=layout)
        self.ranges = w.HTML(f"<p style='{TEXT_STYLE}'>Escribe un valor o usa las flechas ↑ ↓: tamaño de 1 a "
                             f"{VOLUME_MAX_GIB} GiB, cambio de 0 a 20 % por día, de 1 a 60 snapshots.</p>")
        self.days = days
        # An <img> in an HTML widget, not ipywidgets' Image: it carries a text alternative (alt).
        self.image = w.HTML(layout=w.Layout(width="100%"))
        self.summary = w.HTML()
        self.figure = Figure(figsize=(15, 5.8), dpi=80, layout="constrained")
        self.ax_time, self.ax_cost = self.figure.subplots(1, 2, width_ratios=[1.5, 1])
        self.redraws = 0
        for control in (self.volume, self.change, self.keep):
            control.observe(self._changed, names="value")
        self.widget = w.VBox([self.ranges, self.volume, self.change, self.keep, self.summary, self.image])
        self.update()

    def _repr_mimebundle_(self, **kwargs):
        # Beside the live widget, a static rendering for a lesson read on GitHub or before running
        # (no chart bytes: its text alternative), so a notebook stores no widget state for it.
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = "Explorador de retención (ejecuta la celda para usarlo)."
        bundle["text/html"] = self.static_html()
        return bundle

    def static_html(self):
        values = (f"Tamaño del volumen: {self.volume.value} GiB · Cambio por día: {self.change.value:g} % · "
                  f"Snapshots conservados: {self.keep.value}")
        return (f"<div class='labkit-static' style='border:1px solid #d5dbdb;padding:6px 8px'>"
                f"<p style='{TEXT_STYLE}'>{values}</p>{self.summary.value}"
                f"<p style='{TEXT_STYLE}'><i>{html.escape(self.alt)}</i></p>"
                f"<p style='{TEXT_STYLE};color:#5f6b7a;font-size:11px'>Vista guardada del explorador: "
                f"ejecuta la celda para cambiar los valores y ver el gráfico.</p></div>")

    def _changed(self, _change):
        self.update()

    def update(self):
        """Recompute the data and redraw both axes into the same image widget."""
        volume, change, keep = self.volume.value, self.change.value, self.keep.value
        self.data = storage.retention(volume, change, keep, days=max(self.days, keep))
        self.cost = storage.retention_cost(volume, change, keep)
        with matplotlib.rc_context(charts.STYLE):
            for ax in (self.ax_time, self.ax_cost):
                ax.clear()
            charts.storage_over_time(self.data, ax=self.ax_time, title="GiB facturados día a día")
            charts.monthly_cost(volume, change, keep, ax=self.ax_cost, title="Costo mensual")
            buf = io.BytesIO()
            self.figure.savefig(buf, format="png", metadata={"Software": None})
        self.png = buf.getvalue()
        self.alt = (f"Gráficos: GiB facturados día a día durante {max(self.days, keep)} días y costo mensual, "
                    f"para {keep} snapshots de un volumen de {volume} GiB con {change:g} % de cambio diario.")
        self.image.value = (f'<img src="data:image/png;base64,{base64.b64encode(self.png).decode()}" '
                            f'alt="{html.escape(self.alt)}" style="width:100%;height:auto">')
        self.summary.value = (
            f"<p style='{TEXT_STYLE}'><b>{keep} snapshots</b> de un volumen de {volume} GiB con {change:g} % de cambio diario: "
            f"se facturan <b>{self.cost['incremental_gib']:.1f} GiB</b> "
            f"(≈ {self.cost['incremental_usd']:.2f} USD/mes) en lugar de {self.cost['full_gib']:.0f} GiB "
            f"(≈ {self.cost['full_usd']:.2f} USD/mes) con copias completas. "
            f"<small>{storage.price_note()}</small></p>")
        self.redraws += 1


def retention_widget(volume_gib=100, change_pct=2.0, keep=7, days=30):
    """The explorer; as the last expression of a notebook cell it shows its boxes and chart."""
    return RetentionExplorer(volume_gib, change_pct, keep, days)
