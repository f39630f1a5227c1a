"""Interactive retention explorer: sliders for volume size, daily change and snapshots kept; the
chart of billed storage over time and the monthly cost redraw in place (same figure, same image
widget). Its plain-function twins are ``storage.retention``/``retention_cost`` and
``charts.storage_over_time``/``charts.monthly_cost``. Used by 03_almacenamiento_incremental.ipynb.
"""

import io

import matplotlib
from matplotlib.figure import Figure

from . import charts, storage


class RetentionExplorer:
    """Sliders + one PNG image widget. ``data`` (DataFrame) and ``cost`` (dict) are what is drawn;
    set a slider's ``value`` (a student's drag, or a test) and everything is recomputed."""

    def __init__(self, volume_gib=100, change_pct=2.0, keep=7, days=30):
        import ipywidgets as w

        style = {"description_width": "220px"}
        layout = w.Layout(width="640px")
        self.volume = w.IntSlider(value=volume_gib, min=1, max=16384, step=1, description="Tamaño del volumen (GiB)",
                                  style=style, layout=layout, continuous_update=False)
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
        for slider in (self.volume, self.change, self.keep):
            slider.observe(self._changed, names="value")
        self.widget = w.VBox([self.volume, self.change, self.keep, self.summary, self.image])
        self.update()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

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
        self.image.value = buf.getvalue()
        self.summary.value = (
            f"<b>{keep} snapshots</b> de un volumen de {volume} GiB con {change:g} % de cambio diario: "
            f"se facturan <b>{self.cost['incremental_gib']:.1f} GiB</b> "
            f"(≈ {self.cost['incremental_usd']:.2f} USD/mes) en lugar de {self.cost['full_gib']:.0f} GiB "
            f"(≈ {self.cost['full_usd']:.2f} USD/mes) con copias completas. "
            f"<small>{storage.price_note()}</small>")
        self.redraws += 1


def retention_widget(volume_gib=100, change_pct=2.0, keep=7, days=30):
    """The explorer; as the last expression of a notebook cell it shows its sliders and chart."""
    return RetentionExplorer(volume_gib, change_pct, keep, days)
