"""The lessons as a whole: every section of the course page has its notebook section,
every notebook has the lesson anatomy, every image exists and has alt text."""

import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SEED = ROOT / "docs" / "pagina-del-curso.md"
EXPECTED = [f"{n:02d}" for n in range(9)]

# Course page heading (as written there) -> (notebook, a heading of that notebook).
SEED_MAP = {
    "Snapshots": ("01_que_es_un_snapshot", "Un respaldo de un volumen EBS"),
    "💻 DEMO #16 ~ Creación de un `snapshot`": ("02_demo16_crear_snapshot", "02 · 💻 DEMO #16: creación de un `snapshot`"),
    "Procedimiento (Web)": ("02_demo16_crear_snapshot", "Procedimiento (Web)"),
    "Procedimiento (`cli`)": ("02_demo16_crear_snapshot", "Procedimiento (`cli`)"),
    "FAQ": ("03_almacenamiento_incremental", None),
    "Creación de AMI a través de Snapshots": ("04_ami_desde_snapshots", "Una `AMI` descansa sobre `snapshots`"),
    "💻 DEMO #17 ~ Creación de una `AMI` a partir de un `snapshot`": (
        "05_demo17_crear_ami", "05 · 💻 DEMO #17: creación de una `AMI` a partir de un `snapshot`"),
}
# Sections of the page that repeat a heading name (the second "Procedimiento", the second FAQ)
# and the closing part without a heading.
SECOND_OCCURRENCE = {
    "Procedimiento (Web)": ("05_demo17_crear_ami", "Procedimiento (Web)"),
    "Procedimiento (`cli`)": ("05_demo17_crear_ami", "Procedimiento (`cli`)"),
    "FAQ": ("06_faq_y_limpieza", None),
}
CLOSING = ("08_que_sigue", "¿Qué más necesita una aplicación?")


def load(name):
    return nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)


def headings(nb):
    found = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found += [m.group(1).strip() for m in re.finditer(r"^#+\s+(.*)$", cell.source, re.M)]
    return found


def markdown(nb):
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_the_nine_lessons_exist_in_teaching_order():
    assert [p.name[:2] for p in NOTEBOOKS] == EXPECTED


def test_every_seed_heading_maps_to_a_notebook_section():
    page = re.sub(r"```.*?```", "", SEED.read_text(encoding="utf-8"), flags=re.S)  # not comments in code
    seed_headings = [m.group(1).strip() for m in re.finditer(r"^#+\s+(.*?)(?:\s*<a name=.*)?$", page, re.M)]
    seen = set()
    for heading in seed_headings:
        mapping = SECOND_OCCURRENCE[heading] if heading in seen else SEED_MAP.get(heading)
        seen.add(heading)
        assert mapping, f"course page heading without a lesson: {heading!r}"
        notebook, section = mapping
        if section is None:  # the FAQ questions themselves must be in the notebook
            continue
        assert section in headings(load(notebook)), f"{heading!r} -> {notebook} lacks {section!r}"
    notebook, section = CLOSING
    assert section in headings(load(notebook))


@pytest.mark.parametrize("question, notebook", [
    ("¿Como funciona el sistema incremental", "03_almacenamiento_incremental"),
    ("¿Como elimino una imágen desde la `cli`?", "06_faq_y_limpieza"),
    ("¿Como obtengo la lista de mis `Snapshots` desde la `cli`?", "06_faq_y_limpieza"),
    ("¿Como elimino una snapshot desde la `cli`?", "06_faq_y_limpieza"),
])
def test_every_faq_question_is_answered(question, notebook):
    """The page's FAQ questions (spelled correctly in the lesson) are sections of a notebook."""
    assert question in SEED.read_text(encoding="utf-8")
    fixed = (question.replace("¿Como", "¿Cómo").replace("imágen", "imagen").replace("`Snapshots`", "`snapshots`")
             .replace("una snapshot", "un `snapshot`"))
    text = markdown(load(notebook))
    assert fixed.split("?")[0].rstrip("`") in text, f"{notebook} does not answer {fixed!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_lesson_anatomy(path):
    nb = nbformat.read(path, as_version=4)
    text = markdown(nb)
    assert "**Tiempo estimado:**" in text and "**Objetivos**" in text
    assert "## Puntos clave" in text
    assert "[Índice](../README.md#lecciones)" in text
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    assert "labkit.start()" in first_code.source
    if path.stem != "00_bienvenida":
        exercises = [c for c in nb.cells if "ejercicio" in c.metadata.get("tags", [])]
        assert 2 <= len(exercises) <= 4, f"{path.stem}: {len(exercises)} exercises"
        for cell in exercises:
            assert "### BEGIN SOLUTION" in cell.source and "labkit.checks." in cell.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_image_exists_and_has_alt_text(path):
    for alt, target in re.findall(r"!\[([^\]]*)\]\(([^)]+)\)", markdown(nbformat.read(path, as_version=4))):
        assert len(alt) >= 40, f"{path.stem}: alt text too short for {target}"
        assert (path.parent / target).resolve().exists(), f"{path.stem}: missing image {target}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_links_between_notebooks_resolve(path):
    for target in re.findall(r"\]\(([0-9]{2}_[a-z0-9_]+\.ipynb)\)", markdown(nbformat.read(path, as_version=4))):
        assert (path.parent / target).exists(), f"{path.stem}: broken link {target}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_error_output_except_where_tagged(path):
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        for out in cell.outputs:
            assert out.output_type != "error", f"{path.stem}: an error output was committed"
            assert "Traceback (most recent call last)" not in str(out.get("text", ""))


def _nbbuild():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import nbbuild
    finally:
        sys.path.pop(0)
    return nbbuild


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_matches_its_source(path):
    """tools/src/NN_x.py (jupytext) is what `make notebooks` builds the notebook from: cell types,
    text, tags and all other cell metadata must match, so a notebook edited without its source
    (say, a hand-added `nbval-ignore-output` tag) or a source changed without `make notebooks`
    fails here."""
    nbbuild = _nbbuild()
    source = ROOT / "tools" / "src" / f"{path.stem}.py"
    assert source.exists(), f"{path.stem} has no source in tools/src"
    notebook = nbformat.read(path, as_version=4)
    assert nbbuild.cells(notebook) == nbbuild.cells(nbbuild.read_source(source)), (
        f"{path.stem}: notebook and tools/src differ; run `make notebooks NB={path.stem[:2]}`")
    assert notebook.metadata.kernelspec == nbbuild.NOTEBOOK_METADATA["kernelspec"], f"{path.stem}: kernel"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_source_survives_a_jupytext_round_trip(path):
    """The source is in jupytext's canonical form: reading and writing it loses nothing (tags,
    metadata, `!aws` lines). `python tools/nbbuild.py fmt` rewrites a source that is not."""
    source = ROOT / "tools" / "src" / f"{path.stem}.py"
    assert _nbbuild().canonical(source) == source.read_text(encoding="utf-8"), (
        f"{path.stem}: run `python tools/nbbuild.py fmt`")
