"""labkit.figures: the committed images/ are exactly what the code draws (pixel arrays), output is
byte-for-byte reproducible, alt text exists, and `python -m labkit figures` regenerates them."""

import os
from pathlib import Path

import matplotlib.image
import numpy as np
import pytest

from labkit import figures

ROOT = Path(__file__).resolve().parents[1]
NAMES = ["016_snapshots_incrementales.png", "017_creacion_ami.png", "018_aplicacion.png"]


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    out = tmp_path_factory.mktemp("figures")
    figures.regenerate(str(out))
    return out


def test_the_three_course_figures_are_drawn(drawn):
    assert sorted(os.listdir(drawn)) == NAMES
    assert sorted(figures.FIGURES) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_committed_image_matches_the_code(drawn, name):
    committed = ROOT / "images" / name
    assert committed.exists(), f"falta images/{name}: ejecuta `python -m labkit figures`"
    want, got = matplotlib.image.imread(committed), matplotlib.image.imread(drawn / name)
    assert want.shape == got.shape and np.array_equal(want, got), (
        f"images/{name} ya no coincide con lo que dibuja labkit/figures.py: ejecuta `python -m labkit figures` "
        "y commitea las imágenes")


def test_output_is_reproducible(drawn, tmp_path):
    figures.regenerate(str(tmp_path))
    for name in NAMES:
        data = (tmp_path / name).read_bytes()
        assert data == (drawn / name).read_bytes()
        assert b"Software" not in data and b"matplotlib" not in data.lower()


def test_alt_text_for_every_figure():
    assert sorted(figures.FIGURE_ALT) == NAMES
    assert "16 GiB" in figures.FIGURE_ALT[NAMES[0]] and "register-image" in figures.FIGURE_ALT[NAMES[1]]
    assert all(len(text) > 80 for text in figures.FIGURE_ALT.values())


def test_python_m_labkit_figures(tmp_path, capsys):
    """`python -m labkit figures DIR` (run in-process: same dispatch, no second interpreter)."""
    from labkit.__main__ import main

    assert main(["figures", str(tmp_path)]) == 0
    assert sorted(os.listdir(tmp_path)) == NAMES
    assert "escrita" in capsys.readouterr().out
    assert "figures" in __import__("labkit.__main__", fromlist=["USAGE"]).USAGE
