"""The course figures, drawn from code: ``regenerate()`` (or ``python -m labkit figures``) writes
images/016_snapshots_incrementales.png, images/017_creacion_ami.png and images/018_aplicacion.png.

Output is deterministic: matplotlib's default style plus ``charts.STYLE``, the Agg renderer (a
plain ``Figure``, no pyplot), a fixed size and dpi, and no ``Software`` metadata in the PNG.
tests/test_figures.py fails when a committed image no longer matches what this code draws.
``FIGURE_ALT`` holds the alt text notebooks put on each image (03_almacenamiento_incremental,
04_ami_desde_snapshots, 05_demo17_crear_ami).
"""

import os
import sys

import matplotlib
import matplotlib.style
from matplotlib.figure import Figure

from . import charts, storage

DPI = 100
PNG_METADATA = {"Software": None}       # no matplotlib version in the file

FIGURE_ALT = {
    "016_snapshots_incrementales.png": (
        "Snapshots incrementales según el ejemplo de AWS: un volumen de 15 GiB con 10 GiB de datos. "
        "Arriba, el mapa de bloques de los snapshots A, B y C, coloreado según qué snapshot guarda cada "
        "bloque. Abajo, barras apiladas: A guarda 10 GiB; B guarda los 4 GiB que cambiaron y referencia "
        "6 GiB en A; C guarda los 2 GiB nuevos y referencia 4 GiB en B y 6 GiB en A. En total se guardan "
        "16 GiB, no 32 GiB como con copias completas."
    ),
    "017_creacion_ami.png": (
        "Proceso de creación de una AMI. Arriba: una instancia en ejecución con su volumen raíz y uno de "
        "datos; create-image toma un snapshot por volumen EBS, registra una AMI que refiere a esos "
        "snapshots, y con run-instances se lanzan instancias nuevas. Abajo: desde un snapshot, "
        "aws ec2 register-image crea la AMI directamente, y de ella se lanzan instancias nuevas."
    ),
    "018_aplicacion.png": (
        "Aplicación con balanceo de carga y datos persistentes: los usuarios llegan a un balanceador de "
        "carga, que reparte el tráfico entre tres instancias lanzadas desde la misma AMI; las instancias "
        "usan una base de datos guardada en almacenamiento persistente (volumen EBS respaldado con "
        "snapshots)."
    ),
}


def draw_016():
    fig = Figure(figsize=(14, 11), dpi=DPI, layout="constrained")
    top, bottom = fig.subplots(2, 1, height_ratios=[1, 1.6])
    model = storage.aws_example()
    charts.block_map(model, ax=top, title="Volumen de 15 GiB con 10 GiB de datos: estado en cada snapshot")
    charts.snapshot_bars(model, ax=bottom, title="A guarda 10 GiB, B guarda 4 GiB (cambiaron), C guarda 2 GiB (nuevos)")
    fig.suptitle("Snapshots incrementales: cada snapshot guarda solo lo que cambió", fontsize=20,
                 fontweight="bold")
    return fig


def draw_017():
    fig = Figure(figsize=(14, 6.8), dpi=DPI, layout="constrained")
    charts.ami_creation_diagram(ax=fig.subplots())
    return fig


def draw_018():
    fig = Figure(figsize=(14, 6.3), dpi=DPI, layout="constrained")
    charts.application_diagram(ax=fig.subplots())
    return fig


FIGURES = {
    "016_snapshots_incrementales.png": draw_016,
    "017_creacion_ami.png": draw_017,
    "018_aplicacion.png": draw_018,
}


def regenerate(outdir="images"):
    """Write the three course figures into ``outdir``; returns their paths."""
    os.makedirs(outdir, exist_ok=True)
    paths = []
    for name in FIGURES:
        path = os.path.join(outdir, name)
        with matplotlib.style.context("default"), matplotlib.rc_context(charts.STYLE):
            FIGURES[name]().savefig(path, dpi=DPI, metadata=PNG_METADATA)
        paths.append(path)
    return paths


def main(argv=()):
    """``python -m labkit figures [carpeta]``: regenerate the images (default ``images/``)."""
    argv = list(argv)
    for path in regenerate(argv[0] if argv else "images"):
        print(f"escrita {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
