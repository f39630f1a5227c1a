"""matplotlib drawings of the incremental-storage model and the course diagrams, in Spanish.

Every function takes ``ax=None`` (a new figure when None) and returns the axes; the numbers drawn
come from ``labkit.storage``, so tests read them back from the axes. Colours are Okabe–Ito
(colour-blind safe) and fonts are sized for a classroom projector; ``set_axes`` gathers the
settings every chart shares. Used by 01_que_es_un_snapshot, 03_almacenamiento_incremental,
04_ami_desde_snapshots, 06_faq_y_limpieza and by ``labkit.figures`` (images/016, 017, 018).
"""

import functools

import matplotlib
import numpy as np
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch

from . import storage

# Okabe & Ito (2008), "Color Universal Design": distinguishable with any common colour-vision deficiency.
OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7",
}
SNAPSHOT_COLORS = [OKABE_ITO[c] for c in ("blue", "orange", "green", "purple", "vermillion", "sky", "yellow")]
EMPTY_COLOR = "#F2F2F2"
GREY = "#555555"

# Large type for projectors; applied around every chart (matplotlib reads rcParams when drawing objects).
STYLE = {
    "font.size": 15,
    "axes.titlesize": 18,
    "axes.titleweight": "bold",
    "axes.labelsize": 16,
    "xtick.labelsize": 14,
    "ytick.labelsize": 14,
    "legend.fontsize": 13,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.color": "#FFFFFF",
    "hatch.linewidth": 1.5,
}


def _styled(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if kwargs.get("ax") is None:
            # Import pyplot (and let the notebook's inline backend switch interactive mode on)
            # outside rc_context: leaving the context would switch it off again, and later
            # charts would silently not show.
            import matplotlib.pyplot as _plt  # noqa: F401
        with matplotlib.rc_context(STYLE):
            return func(*args, **kwargs)
    return wrapper


def _axes(ax, figsize=(11, 6)):
    if ax is None:
        import matplotlib.pyplot as plt  # only when the caller gives no axes (notebooks)
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def set_axes(ax, title=None, xlabel=None, ylabel=None, xlim=None, ylim=None, legend=None, grid=None):
    """The settings every chart shares (title, labels, limits, legend, light grid) in one call."""
    if title:
        ax.set_title(title, fontsize=STYLE["axes.titlesize"], fontweight="bold", loc="left")
    if xlabel is not None:
        ax.set_xlabel(xlabel, fontsize=STYLE["axes.labelsize"])
    if ylabel is not None:
        ax.set_ylabel(ylabel, fontsize=STYLE["axes.labelsize"])
    if xlim is not None:
        ax.set_xlim(*xlim)
    if ylim is not None:
        ax.set_ylim(*ylim)
    if grid:
        ax.grid(axis=grid, color="#DDDDDD", linewidth=1)
        ax.set_axisbelow(True)
    if legend:
        ax.legend(**({} if legend is True else legend))
    ax.tick_params(labelsize=STYLE["xtick.labelsize"])
    return ax


def _fmt(value):
    """GiB or USD for a label: no trailing zeros, decimal comma-free (as AWS shows prices)."""
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value)}"


def snapshot_color(i):
    return SNAPSHOT_COLORS[i % len(SNAPSHOT_COLORS)]


# --- the storage model ----------------------------------------------------------------------
@_styled
def snapshot_bars(model, ax=None, title="Qué guarda y qué referencia cada snapshot"):
    """Stacked bars per snapshot: the GiB it stores itself (solid) and the GiB it refers to in each
    older snapshot (hatched, in that snapshot's colour). Bar containers are labelled
    '_stored' and '_ref:<snapshot>' so tests can read the heights. 03_almacenamiento_incremental."""
    ax = _axes(ax)
    usage = model.usage()
    names = [u.name for u in usage]
    x = np.arange(len(usage))
    stored = np.array([u.stored_gib for u in usage])
    bottom = np.zeros(len(usage))
    for j, older in enumerate(names):
        heights = np.array([u.referenced_in.get(older, 0.0) for u in usage])
        if not heights.any():
            continue
        ax.bar(x, heights, bottom=bottom, width=0.6, color=snapshot_color(j), alpha=0.45, hatch="//",
               edgecolor=snapshot_color(j), linewidth=1.5, label=f"_ref:{older}")
        for xi, h, b in zip(x, heights, bottom):
            if h:
                ax.text(xi, b + h / 2, f"{_fmt(h)} GiB\nen {older}", ha="center", va="center", fontsize=13)
        bottom += heights
    ax.bar(x, stored, bottom=bottom, width=0.6, color=[snapshot_color(i) for i in range(len(names))],
           edgecolor="black", linewidth=1, label="_stored")
    for xi, h, b in zip(x, stored, bottom):
        if h:
            ax.text(xi, b + h / 2, f"{_fmt(h)} GiB", ha="center", va="center", fontsize=15, color="white",
                    fontweight="bold")
    ax.set_xticks(x, [f"Snapshot {n}" for n in names])
    total = bottom + stored
    ymax = max(total.max() if len(total) else 1, 1) * 1.18
    handles = [Patch(facecolor=GREY, edgecolor="black", label="guardado en el propio snapshot"),
               Patch(facecolor=GREY, alpha=0.45, hatch="//", edgecolor=GREY, label="referencia a un snapshot anterior")]
    set_axes(ax, title=title, ylabel="GiB", ylim=(0, ymax), grid="y",
             legend={"handles": handles, "loc": "upper left"})
    ax.text(0.99, 0.97, f"Facturado: {_fmt(model.billed_gib())} GiB\nCopias completas: "
            f"{_fmt(model.full_copies_gib())} GiB", transform=ax.transAxes, ha="right", va="top", fontsize=14)
    return ax


@_styled
def block_map(model, ax=None, title="Mapa de bloques: qué snapshot guarda cada bloque"):
    """One row per snapshot, one column per 512 KiB block: the colour says which snapshot holds the
    stored copy the row uses (its own colour = stored by itself); light grey = no data.
    ``ax.images[0].get_array()`` holds the owner indices (-1 = no data). 03_almacenamiento_incremental."""
    ax = _axes(ax, figsize=(12, 4))
    names = model.snapshot_names()
    width = max((len(model.restore(n)) for n in names), default=storage.BLOCKS_PER_GIB)
    grid = np.full((len(names), width), -1, np.int64)
    for i, name in enumerate(names):
        owners = model.owner_map(name)
        grid[i, :len(owners)] = owners
    colors = [EMPTY_COLOR] + [snapshot_color(i) for i in range(max(len(names), 1))]
    size_gib = width / storage.BLOCKS_PER_GIB
    norm = BoundaryNorm(np.arange(-1.5, len(colors) - 0.5), len(colors))
    ax.imshow(grid, cmap=ListedColormap(colors), norm=norm, aspect="auto", interpolation="nearest",
              extent=(0, size_gib, len(names) - 0.5, -0.5))
    for i in range(1, len(names)):
        ax.axhline(i - 0.5, color="white", linewidth=4)
    ax.set_yticks(range(len(names)), [f"Snapshot {n}" for n in names])
    ax.set_xticks(np.arange(0, size_gib + 0.1, max(1, round(size_gib / 15))))
    handles = [Patch(color=snapshot_color(i), label=f"guardado en {n}") for i, n in enumerate(names)]
    handles.append(Patch(facecolor=EMPTY_COLOR, edgecolor="#BBBBBB", label="sin datos"))
    set_axes(ax, title=title, xlabel=f"Posición en el volumen (GiB, bloques de 512 KiB; {_fmt(size_gib)} GiB)",
             legend={"handles": handles, "loc": "upper left", "bbox_to_anchor": (1.01, 1), "borderaxespad": 0})
    for side in ("top", "right"):
        ax.spines[side].set_visible(True)
    return ax


def first_blocks(model, n_blocks, names, title="Bloques reales: qué snapshot guarda cada bloque"):
    """``block_map`` of the first ``n_blocks`` 512 KiB blocks, one tick per block, rows and legend
    called ``names`` (real snapshot ids are long). The appendix of 03_almacenamiento_incremental."""
    ax = block_map(model, title=title)
    set_axes(ax, xlim=(0, n_blocks / storage.BLOCKS_PER_GIB), xlabel=f"Bloque de 512 KiB (los {n_blocks} primeros del volumen)")
    ax.set_yticks(range(len(names)), names)
    for text, name in zip(ax.get_legend().get_texts(), names):
        text.set_text(f"guardado en el {name}")
    ax.set_xticks((np.arange(n_blocks) + 0.5) / storage.BLOCKS_PER_GIB, range(n_blocks))
    return ax


@_styled
def storage_over_time(data, ax=None, title="Espacio facturado: incremental frente a copias completas"):
    """Two lines: what incremental snapshots are billed and what full copies would take. ``data`` is
    a ``storage.Model`` (x = its snapshots) or ``storage.retention(...)`` (x = days). Lines carry
    ``gid`` 'incremental' and 'full'. 03_almacenamiento_incremental, 06_faq_y_limpieza."""
    ax = _axes(ax)
    if isinstance(data, storage.Model):
        frame = data.growth()
        x, xlabel = np.arange(1, len(frame) + 1), "Snapshots tomados"
        ax.set_xticks(x, list(frame["snapshot"]))
    else:
        frame = data
        x, xlabel = frame["day"].to_numpy(), "Día (un snapshot por día)"
    full, = ax.plot(x, frame["full_gib"], "s--", color=OKABE_ITO["vermillion"], linewidth=3, markersize=7,
                    label="copias completas")
    inc, = ax.plot(x, frame["incremental_gib"], "o-", color=OKABE_ITO["blue"], linewidth=3, markersize=7,
                   label="snapshots incrementales (facturado)")
    full.set_gid("full")
    inc.set_gid("incremental")
    top = float(max(frame["full_gib"].max(), frame["incremental_gib"].max(), 1))
    set_axes(ax, title=title, xlabel=xlabel, ylabel="GiB guardados", ylim=(0, top * 1.4), grid="y",
             legend={"loc": "upper left"})
    return ax


@_styled
def deletion(model, name, ax=None, title=None):
    """Before/after deleting snapshot ``name``: one stacked bar each, a segment per snapshot with the
    GiB it stores. The deleted snapshot's blocks that others need reappear under the next one
    (AWS's "moved"). Containers are labelled 'guardado en <snapshot>'. 06_faq_y_limpieza."""
    ax = _axes(ax)
    after = model.copy()
    after.delete_snapshot(name)
    names = model.snapshot_names()
    before_u = {u.name: u.stored_gib for u in model.usage()}
    after_u = {u.name: u.stored_gib for u in after.usage()}
    bottom = np.zeros(2)
    for i, snap in enumerate(names):
        heights = np.array([before_u.get(snap, 0.0), after_u.get(snap, 0.0)])
        ax.bar([0, 1], heights, bottom=bottom, width=0.55, color=snapshot_color(i), edgecolor="black",
               label=f"guardado en {snap}")
        for xi, h, b in zip([0, 1], heights, bottom):
            if h:
                ax.text(xi, b + h / 2, f"{snap}: {_fmt(h)} GiB", ha="center", va="center", fontsize=14,
                        color="white", fontweight="bold")
        bottom += heights
    for xi, total in zip([0, 1], bottom):
        ax.text(xi, total, f"{_fmt(total)} GiB facturados", ha="center", va="bottom", fontsize=14)
    ax.set_xticks([0, 1], ["Antes", f"Después de borrar {name}"])
    freed = model.freed_if_deleted_gib(name)
    set_axes(ax, title=title or f"Borrar el snapshot {name} libera solo {_fmt(freed)} GiB", ylabel="GiB",
             ylim=(0, max(bottom.max(), 1) * 1.2), grid="y",
             legend={"loc": "upper left", "bbox_to_anchor": (1.01, 1), "borderaxespad": 0})
    return ax


@_styled
def monthly_cost(volume_gib, change_pct, keep, ax=None, used_gib=None, title=None):
    """USD per month once the policy "un snapshot por día, conservar ``keep``, ``change_pct`` % de
    cambio diario" is steady: incremental snapshots and full copies (standard tier; a daily rotation
    never pays in the archive tier); with the prices' region and date. Bars are labelled '_cost'.
    03_almacenamiento_incremental and the retention widget."""
    ax = _axes(ax)
    cost = storage.retention_cost(volume_gib, change_pct, keep, used_gib=used_gib)
    labels = ["Incrementales", "Copias completas"]
    values = [cost["incremental_usd"], cost["full_usd"]]
    colors = [OKABE_ITO["blue"], OKABE_ITO["vermillion"]]
    ax.bar(range(2), values, color=colors, edgecolor="black", width=0.6, label="_cost")
    for i, v in enumerate(values):
        ax.text(i, v, f"{v:.2f} USD", ha="center", va="bottom", fontsize=14)
    ax.set_xticks(range(2), labels)
    set_axes(ax, title=title or f"Costo mensual: {keep} snapshots, {_fmt(change_pct)} % de cambio diario",
             ylabel="USD por mes", ylim=(0, max(values + [0.01]) * 1.2), grid="y")
    ax.set_xlabel(f"Nivel estándar. Precios de {cost['region']} consultados en {cost['prices_as_of']}\n"
                  "(guía de usuario de Amazon EBS)",
                  fontsize=11, color=GREY, labelpad=10)
    return ax


# --- diagrams (figures 017 and 018) ---------------------------------------------------------
def _box(ax, x, y, w, h, text, color, gid=None, fontsize=15, dashed=False, text_color="black"):
    box = FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.02,rounding_size=0.12",
                         facecolor=color, edgecolor="black" if not dashed else GREY, linewidth=2,
                         linestyle="--" if dashed else "-", zorder=2)
    box.set_gid(gid or text)
    ax.add_patch(box)
    if text:
        ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, zorder=3, color=text_color)
    return box


def _arrow(ax, start, end, label=None, label_xy=None, dashed=False, fontsize=13, gid=None):
    arrow = FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=22, linewidth=2.2,
                            color="black" if not dashed else GREY, linestyle="--" if dashed else "-", zorder=1,
                            shrinkA=2, shrinkB=2)
    arrow.set_gid(gid or "arrow")
    ax.add_patch(arrow)
    if label:
        lx, ly = label_xy or ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2 + 0.18)
        ax.text(lx, ly, label, ha="center", va="bottom", fontsize=fontsize, family="DejaVu Sans Mono",
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"}, zorder=4)
    return arrow


def _canvas(ax, xlim, ylim, figsize):
    ax = _axes(ax, figsize=figsize)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


@_styled
def ami_creation_diagram(ax=None):
    """Figure 017: how an AMI is made. Top: instance -> one snapshot per EBS volume -> AMI -> new
    instances (``create-image``). Bottom: snapshot -> ``register-image`` -> AMI. Boxes and arrows
    carry ``gid``s. 04_ami_desde_snapshots, 05_demo17_crear_ami."""
    ax = _canvas(ax, (0, 16), (0, 7.6), (14, 6.8))
    blue, orange, green, sky = (OKABE_ITO[c] for c in ("blue", "orange", "green", "sky"))
    ax.text(0.2, 7.25, "Desde una instancia (consola: Actions → Image and templates → Create image)",
            fontsize=15, fontweight="bold", va="center")
    _box(ax, 2.0, 5.3, 3.0, 2.0, "Instancia\nen ejecución\n(volúmenes EBS:\nraíz + datos)", sky, gid="instancia")
    _box(ax, 6.2, 5.9, 2.6, 0.8, "snapshot (raíz)", orange, gid="snapshot-raiz", fontsize=14)
    _box(ax, 6.2, 4.7, 2.6, 0.8, "snapshot (datos)", orange, gid="snapshot-datos", fontsize=14)
    ax.text(6.2, 3.95, "un snapshot por volumen EBS", ha="center", fontsize=12, color=GREY)
    _box(ax, 10.0, 5.3, 2.2, 1.6, "AMI\n(refiere a los\nsnapshots)", green, gid="ami", fontsize=14)
    for k, y in enumerate((6.3, 5.3, 4.3)):
        _box(ax, 14.4, y, 2.4, 0.75, f"Instancia nueva {k + 1}", sky, gid=f"nueva-{k + 1}", fontsize=13)
    _arrow(ax, (3.5, 5.6), (4.9, 5.9), "create-image", label_xy=(4.2, 6.6), gid="create-image")
    _arrow(ax, (3.5, 5.0), (4.9, 4.7))
    _arrow(ax, (7.5, 5.9), (8.9, 5.5))
    _arrow(ax, (7.5, 4.7), (8.9, 5.1))
    ax.text(8.2, 6.15, "registra", ha="center", fontsize=13)
    for y in (6.3, 5.3, 4.3):
        _arrow(ax, (11.1, 5.3), (13.2, y))
    ax.text(12.1, 6.35, "run-instances", ha="center", fontsize=13, family="DejaVu Sans Mono")

    ax.plot([0.2, 15.8], [3.3, 3.3], color="#BBBBBB", linewidth=1.5, linestyle=":")
    ax.text(0.2, 2.85, "Desde un snapshot (consola: Snapshots → Actions → Create image from snapshot)",
            fontsize=15, fontweight="bold", va="center")
    _box(ax, 2.0, 1.3, 3.0, 1.3, "Snapshot\n(DEMO #16)", orange, gid="snapshot")
    _box(ax, 10.0, 1.3, 2.2, 1.3, "AMI", green, gid="ami-2")
    _box(ax, 14.4, 1.3, 2.4, 0.75, "Instancias nuevas", sky, gid="nuevas-2", fontsize=13)
    _arrow(ax, (3.5, 1.3), (8.9, 1.3), "aws ec2 register-image", label_xy=(6.2, 1.45), gid="register-image")
    ax.text(6.2, 0.45, REGISTER_IMAGE_OPTIONS, ha="center", va="center", fontsize=10, family="DejaVu Sans Mono",
            color=GREY, gid="register-image-options")
    _arrow(ax, (11.1, 1.3), (13.2, 1.3), "run-instances", label_xy=(12.15, 1.45))
    return ax


REGISTER_IMAGE_OPTIONS = ("--name mi-ami --root-device-name /dev/xvda\n"
                          "--block-device-mappings DeviceName=/dev/xvda,\n  Ebs={SnapshotId=snap-…}\n"
                          "--architecture x86_64 --virtualization-type hvm")


@_styled
def application_diagram(ax=None):
    """Figure 018: an application with load balancing and persistent data: users -> load balancer ->
    instances launched from one AMI -> database on persistent storage (EBS + snapshots).
    04_ami_desde_snapshots, 08_que_sigue."""
    ax = _canvas(ax, (0, 16), (0.9, 8), (14, 6.3))
    blue, orange, green, sky, purple, yellow = (OKABE_ITO[c] for c in
                                                ("blue", "orange", "green", "sky", "purple", "yellow"))
    for y in (5.3, 4.0, 2.7):
        ax.add_patch(matplotlib.patches.Circle((0.9, y + 0.25), 0.22, facecolor=purple, edgecolor="black", zorder=2))
        ax.add_patch(FancyBboxPatch((0.55, y - 0.45), 0.7, 0.45, boxstyle="round,pad=0.02,rounding_size=0.2",
                                    facecolor=purple, edgecolor="black", zorder=2))
    ax.text(0.9, 1.7, "Usuarios", ha="center", fontsize=15)
    _box(ax, 4.0, 4.0, 2.4, 1.8, "Balanceador\nde carga\n(p. ej. nginx)", yellow, gid="balanceador")
    for y in (5.3, 4.0, 2.7):
        _arrow(ax, (1.4, y), (2.75, 4.0))
    _box(ax, 8.3, 7.0, 2.6, 0.8, "AMI de la app", green, gid="ami")
    ax.add_patch(FancyBboxPatch((6.7, 2.0), 3.2, 4.25, boxstyle="round,pad=0.02,rounding_size=0.15",
                                facecolor="none", edgecolor=GREY, linestyle="--", linewidth=1.5, zorder=1))
    ax.text(8.3, 1.55, "lanzadas desde la misma AMI", ha="center", fontsize=13, color=GREY)
    for k, y in enumerate((5.3, 4.0, 2.7)):
        _box(ax, 8.3, y, 2.6, 0.9, f"Instancia {k + 1}", sky, gid=f"instancia-{k + 1}")
        _arrow(ax, (5.25, 4.0), (6.95, y))
        _arrow(ax, (9.65, y), (11.6, 4.0))
    _arrow(ax, (8.3, 6.58), (8.3, 5.8), dashed=True, gid="lanzar")
    _box(ax, 13.2, 4.3, 3.0, 1.6, "Base de datos\n(p. ej. MySQL)", orange, gid="base-de-datos")
    _box(ax, 13.2, 2.3, 3.0, 1.2, "Almacenamiento\npersistente (EBS)", blue, gid="almacenamiento",
         text_color="white", fontsize=14)
    ax.plot([13.2, 13.2], [3.5, 2.9], color="black", linewidth=2.5)
    ax.text(13.2, 1.3, "respaldado con snapshots", ha="center", fontsize=13, color=GREY)
    ax.text(8.0, 7.75, "Balanceo de carga + datos persistentes", ha="center", fontsize=17, fontweight="bold")
    return ax
