"""labkit.charts: the numbers drawn come from the model (read back from the axes), Spanish labels,
every function takes ax=None and returns the axes; the retention widget redraws in place."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from labkit import charts, storage  # noqa: E402

GIB = storage.BLOCKS_PER_GIB


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _container(ax, label):
    return next(c for c in ax.containers if c.get_label() == label)


def _heights(ax, label):
    return [round(r.get_height(), 6) for r in _container(ax, label)]


def _texts(ax):
    return " ".join(t.get_text() for t in ax.texts)


def test_snapshot_bars_show_aws_numbers():
    """AWS's example: A stores 10 GiB; B stores 4 and refers to 6 in A; C stores 2, refers to 4 in B, 6 in A."""
    ax = charts.snapshot_bars(storage.aws_example())
    assert _heights(ax, "_stored") == [10, 4, 2]
    assert _heights(ax, "_ref:A") == [0, 6, 6]
    assert _heights(ax, "_ref:B") == [0, 0, 4]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Snapshot A", "Snapshot B", "Snapshot C"]
    assert "Facturado: 16 GiB" in _texts(ax) and "Copias completas: 32 GiB" in _texts(ax)
    assert ax.get_ylabel() == "GiB"


def test_every_chart_takes_an_axes_and_returns_it():
    model = storage.aws_example()
    fig = Figure()
    for draw in (lambda ax: charts.snapshot_bars(model, ax=ax), lambda ax: charts.block_map(model, ax=ax),
                 lambda ax: charts.storage_over_time(model, ax=ax), lambda ax: charts.deletion(model, "A", ax=ax),
                 lambda ax: charts.monthly_cost(100, 2, 7, ax=ax), lambda ax: charts.ami_creation_diagram(ax=ax),
                 lambda ax: charts.application_diagram(ax=ax)):
        ax = fig.add_subplot()
        assert draw(ax) is ax
        fig.delaxes(ax)
    assert charts.monthly_cost(10, 1, 3).figure is not None       # ax=None makes its own figure


def test_block_map_holds_the_owner_of_each_block():
    model = storage.aws_example()
    grid = np.asarray(charts.block_map(model).images[0].get_array())
    assert grid.shape == (3, 15 * GIB)
    assert (grid[0, :10 * GIB] == 0).all() and (grid[0, 10 * GIB:] == -1).all()
    assert (grid[1, :4 * GIB] == 1).all() and (grid[1, 4 * GIB:10 * GIB] == 0).all()
    assert (grid[2, 10 * GIB:12 * GIB] == 2).all() and (grid[2, 12 * GIB:] == -1).all()


def test_block_map_colours_are_okabe_ito():
    ax = charts.block_map(storage.aws_example())
    cmap = ax.images[0].get_cmap()
    got = [matplotlib.colors.to_hex(cmap(i)) for i in range(1, 4)]
    assert got == [c.lower() for c in (charts.OKABE_ITO["blue"], charts.OKABE_ITO["orange"], charts.OKABE_ITO["green"])]


def test_storage_over_time_from_model_and_from_retention():
    ax = charts.storage_over_time(storage.aws_example())
    lines = {line.get_gid(): list(line.get_ydata()) for line in ax.lines}
    assert lines == {"incremental": [10, 14, 16], "full": [10, 20, 32]}
    series = storage.retention(100, 5, keep=4, days=6)
    ax = charts.storage_over_time(series)
    inc = next(line for line in ax.lines if line.get_gid() == "incremental")
    assert list(inc.get_ydata()) == list(series["incremental_gib"])
    assert ax.get_xlabel() == "Día (un snapshot por día)"


def test_deletion_before_after():
    """AWS: deleting A with B kept leaves the bill at 10 GiB (B now holds the 6 GiB it needed)."""
    ax = charts.deletion(storage.aws_example(upto="B"), "A")
    assert _heights(ax, "guardado en A") == [10, 0]
    assert _heights(ax, "guardado en B") == [4, 10]
    assert "14 GiB facturados" in _texts(ax) and "10 GiB facturados" in _texts(ax)
    assert ax.get_title(loc="left") == "Borrar el snapshot A libera solo 4 GiB"


def test_monthly_cost_bars_and_price_date():
    cost = storage.retention_cost(100, 2, 7)
    ax = charts.monthly_cost(100, 2, 7)
    assert _heights(ax, "_cost") == [round(cost[k], 6) for k in ("incremental_usd", "full_usd")]  # no archive bar
    assert _heights(ax, "_cost")[0] == round((100 + 6 * 2) * 0.05, 6)
    assert storage.PRICES_AS_OF in ax.get_xlabel() and "us-east-1" in ax.get_xlabel()
    assert [t.get_text() for t in ax.texts] == [f"{v:.2f} USD" for v in _heights(ax, "_cost")]
    assert "consultados en" in ax.get_xlabel()


def test_monthly_cost_never_separates_thousands_with_a_comma():
    ax = charts.monthly_cost(20000, 5, 30)
    assert all("," not in t.get_text() for t in ax.texts), [t.get_text() for t in ax.texts]


def test_diagrams_have_spanish_boxes_and_arrows():
    ax = charts.ami_creation_diagram()
    gids = {p.get_gid() for p in ax.patches}
    assert {"instancia", "snapshot-raiz", "snapshot-datos", "ami", "snapshot", "ami-2", "create-image",
            "register-image"} <= gids
    assert "aws ec2 register-image" in _texts(ax) and "Instancia\nen ejecución" in _texts(ax)
    options = next(t.get_text() for t in ax.texts if t.get_gid() == "register-image-options")
    for option in ("--name", "--root-device-name", "--block-device-mappings", "--architecture",
                   "--virtualization-type"):   # what register-image needs for an AMI that boots
        assert option in options
    assert sum(isinstance(p, matplotlib.patches.FancyArrowPatch) for p in ax.patches) >= 8
    ax = charts.application_diagram()
    gids = {p.get_gid() for p in ax.patches}
    assert {"balanceador", "ami", "instancia-1", "instancia-2", "instancia-3", "base-de-datos",
            "almacenamiento"} <= gids
    assert "Usuarios" in _texts(ax) and "lanzadas desde la misma AMI" in _texts(ax)


def test_set_axes_gathers_shared_settings():
    ax = Figure().add_subplot()
    charts.set_axes(ax, title="Título", xlabel="Día", ylabel="GiB", ylim=(0, 5), grid="y")
    assert (ax.get_title(loc="left"), ax.get_xlabel(), ax.get_ylabel(), ax.get_ylim()) == ("Título", "Día", "GiB", (0, 5))
    title = next(t for t in ax.get_children() if isinstance(t, matplotlib.text.Text) and t.get_text() == "Título")
    assert title.get_fontsize() == charts.STYLE["axes.titlesize"] and ax.xaxis.label.get_fontsize() >= 16


def test_retention_widget_redraws_in_place():
    from labkit.storage_widgets import retention_widget

    explorer = retention_widget(volume_gib=100, change_pct=2, keep=7)
    first_png, first_axes = explorer.image.value, explorer.ax_time
    assert explorer.cost["incremental_gib"] == pytest.approx(100 + 6 * 2, abs=1 / GIB)
    explorer.volume.value = 200
    explorer.change.value = 5.0
    explorer.keep.value = 10
    assert explorer.redraws == 4
    assert explorer.cost["incremental_gib"] == pytest.approx(200 + 9 * 10, abs=1 / GIB)
    assert explorer.ax_time is first_axes and explorer.image.value != first_png
    inc = next(line for line in explorer.ax_time.lines if line.get_gid() == "incremental")
    assert list(inc.get_ydata()) == list(explorer.data["incremental_gib"])
    assert len(explorer.ax_time.lines) == 2                 # redrawn, not piled up
    assert _heights(explorer.ax_cost, "_cost")[1] == round(10 * 200 * 0.05, 6)
    assert "USD/mes" in explorer.summary.value and storage.PRICES_AS_OF in explorer.summary.value
    assert "application/vnd.jupyter.widget-view+json" in explorer._repr_mimebundle_()


def test_first_blocks_zooms_on_the_first_real_blocks():
    """The appendix of 03 draws its real snapshots' first blocks with one call (no plotting in the lesson)."""
    model = storage.Model()
    vol = model.create_volume(1)
    vol.write_blocks(0, 8).snapshot("snap-1")
    vol.write_blocks(2, 4).write_blocks(9, 10).snapshot("snap-2")
    ax = charts.first_blocks(model, 12, names=["primero", "segundo"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["primero", "segundo"]
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(i) for i in range(12)]
    assert ax.get_xlim() == (0, 12 / storage.BLOCKS_PER_GIB)
    assert [t.get_text() for t in ax.get_legend().get_texts()][:2] == ["guardado en el primero", "guardado en el segundo"]


def test_retention_values_are_typed_exactly_in_labelled_boxes():
    import ipywidgets

    from labkit.storage_widgets import TEXT_STYLE, retention_widget

    explorer = retention_widget(volume_gib=100, change_pct=2, keep=7)
    typed = explorer.volume
    assert (typed.min, typed.max, typed.step) == (1, 16384, 1)          # arrow keys: 1 GiB a step
    # No ipywidgets slider: their handles have no accessible name (axe-core aria-input-field-name).
    sliders = (ipywidgets.IntSlider, ipywidgets.FloatSlider, ipywidgets.FloatLogSlider)
    assert not [c for c in explorer.widget.children if isinstance(c, sliders)]
    controls = [c for c in explorer.widget.children if hasattr(c, "min")]
    assert controls == [explorer.volume, explorer.change, explorer.keep]
    assert all(c.description for c in controls)
    typed.value = 3001                                                  # an exact typed value
    assert explorer.cost["full_gib"] == pytest.approx(7 * 3001)
    typed.value = 20000                                                 # out of range: clamped
    assert typed.value == 16384
    assert f"style='{TEXT_STYLE}'" in explorer.summary.value and "line-height:1.45" in TEXT_STYLE
    assert "16384 GiB" in explorer.alt and "7 snapshots" in explorer.alt and f'alt="{explorer.alt}"' in explorer.image.value
    assert "18350.1 GiB" in explorer.summary.value, "thousands are never separated by a comma"
