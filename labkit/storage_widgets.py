"""Interactive retention explorer: sliders for volume size, daily change and snapshots kept; the
chart of billed storage over time and the monthly cost redraw in place (same figure, same image
widget). The volume size (1 to 16384 GiB) has a box to type the exact value and a slider on a
logarithmic scale, so a short drag changes a small volume by a few GiB and a big one by more. Its plain-function twins are ``storage.retention``/``retention_cost`` and
``charts.storage_over_time``/``charts.monthly_cost``. Used by 06_faq_y_limpieza.ipynb.
"""

import io

import matplotlib
from matplotlib.figure import Figure

from . import charts, storage

# ipywidgets' HTML widget gives its text the 28 px line height of a form row: help text reads
# double-spaced. Paragraphs of the explorer set their own.
TEXT_STYLE = "line-height:1.45;font-size:13px;margin:4px 0"
VOLUME_MAX_GIB = 16384


class RetentionExplorer:
    """Sliders + one PNG image widget. ``data`` (DataFrame) and ``cost`` (dict) are what is drawn;
    set a slider's ``value`` (a student's drag, or a test) and everything is recomputed."""

    def __init__(self, volume_gib=100, change_pct=2.0, keep=7, days=30):
        import ipywidgets as w

        style = {"description_width": "220px"}
        layout = w.Layout(width="640px")
        # The typed value is the explorer's volume size; the log slider (2**0 to 2**14) drives it.
        self.volume = w.BoundedIntText(value=volume_gib, min=1, max=VOLUME_MAX_GIB, step=1,
                                       description="Tamaño del volumen (GiB)", style=style,
                                       layout=w.Layout(width="330px"))
        self.volume_slider = w.FloatLogSlider(value=volume_gib, base=2, min=0, max=14, step=0.01,
                                              readout=False, continuous_update=False,
                                              description="Escala del tamaño (GiB)",
                                              style={"description_width": "0px"},
                                              layout=w.Layout(width="306px"))
        self.volume_slider.observe(self._slid, names="value")
        self.change = w.FloatSlider(value=change_pct, min=0, max=20, step=0.5, description="Cambio por día (%)",
                                    style=style, layout=layout, continuous_update=False)
        self.keep = w.IntSlider(value=keep, min=1, max=60, step=1, description="Snapshots conservados",
                                style=style, layout=layout, continuous_update=False)
        self.days = days
        self.image = w.Image(format="png", layout=w.Layout(width="100%"))
        self.summary = w.HTML()
        self.figure = Figure(figsize=(15, 5.8), dpi=80, layout="constrained")
        self.ax_time, self.ax_cost = self.figure.subplots(1, 2, width_ratios=[1.5, 1])
        self.redraws = 0
        for control in (self.volume, self.change, self.keep):
            control.observe(self._changed, names="value")
        self.image.add_class("labkit-chart")
        self.widget = w.VBox([w.HBox([self.volume, self.volume_slider]), self.change, self.keep,
                              self.summary, self.image])
        self.update()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def _slid(self, change):
        self.volume.value = max(1, min(VOLUME_MAX_GIB, round(change["new"])))

    def _changed(self, _change):
        if round(self.volume_slider.value) != self.volume.value:
            self.volume_slider.value = self.volume.value
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
        self.image.value = buf.getvalue()
        # The image's text alternative (ipywidgets writes the tooltip as the <img>'s title).
        self.image.tooltip = (
            f"Gráficos: GiB facturados día a día durante {max(self.days, keep)} días y costo mensual, "
            f"para {keep} snapshots de un volumen de {volume} GiB con {change:g} % de cambio diario.")
        self.summary.value = (
            f"<p style='{TEXT_STYLE}'><b>{keep} snapshots</b> de un volumen de {volume} GiB con {change:g} % de cambio diario: "
            f"se facturan <b>{self.cost['incremental_gib']:.1f} GiB</b> "
            f"(≈ {self.cost['incremental_usd']:.2f} USD/mes) en lugar de {self.cost['full_gib']:.0f} GiB "
            f"(≈ {self.cost['full_usd']:.2f} USD/mes) con copias completas. "
            f"<small>{storage.price_note()}</small></p>")
        self.redraws += 1


def retention_widget(volume_gib=100, change_pct=2.0, keep=7, days=30):
    """The explorer; as the last expression of a notebook cell it shows its sliders and chart."""
    return RetentionExplorer(volume_gib, change_pct, keep, days)
