"""The kit's Spanish for JupyterLab (labkit/jupyterlab_es.po) and its merge into the es_ES pack.

The browser test (test_browser.py) checks what a student then reads; these check the file and
the merge without a browser: every entry is a string JupyterLab really translates (read from
its own JavaScript and settings schemas), placeholders survive, and the merge is repeatable,
keeps the pack's entries and never writes through a hard link into a shared install cache.
"""

import gettext
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
import uistrings

from labkit import jupyterlab_es

SCHEMAS = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"


def _schema_menu_labels():
    """Labels of the menus JupyterLab defines in its settings schemas (translated by the server)."""
    labels = set()

    def walk(node, in_menus=False):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "label" and in_menus and isinstance(value, str):
                    labels.add(value)
                walk(value, in_menus or key == "jupyter.lab.menus")
        elif isinstance(node, list):
            for value in node:
                walk(value, in_menus)

    for path in SCHEMAS.rglob("*.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return labels


def _all_entries():
    return [(domain, *entry) for domain, found in jupyterlab_es.entries().items() for entry in found]


def test_every_entry_is_a_string_jupyterlab_translates():
    msgids, menus = uistrings.jupyterlab_msgids(), _schema_menu_labels()
    unknown = [(ctx, msgid) for _d, ctx, msgid, _p, _s in _all_entries() if msgid not in msgids | menus]
    assert not unknown, f"entries JupyterLab 4.6.6 never passes to its translator (typo?): {unknown}"
    plurals = {(m, p) for _c, m, p in uistrings.jupyterlab_messages() if p}
    wrong = [(msgid, plural) for _d, _c, msgid, plural, _s in _all_entries() if plural and (msgid, plural) not in plurals]
    assert not wrong, f"plural entries whose plural msgid JupyterLab does not use: {wrong}"


def test_entries_keep_their_placeholders_and_are_translated():
    for _domain, _ctx, msgid, plural, strings in _all_entries():
        assert all(s.strip() for s in strings), f"empty translation for {msgid!r}"
        wanted = sorted(re.findall(r"%\d", msgid + (plural or "")))
        for text in strings[-1:] if plural else strings:
            assert sorted(set(re.findall(r"%\d", text))) == sorted(set(wanted)), (msgid, text)


def test_the_declared_untranslatable_strings_say_where_they_come_from():
    header = jupyterlab_es.PO.read_text(encoding="utf-8").split('msgid ""')[0]
    declared = uistrings.untranslatable()
    assert declared, "the header lists no untranslatable strings"
    for blocks in re.split(r"\n#\n", header):
        if "UNTRANSLATABLE:" in blocks:
            explanation = [line for line in blocks.splitlines() if line.startswith("#    ")]
            assert explanation, f"no source given for: {blocks}"


@pytest.fixture
def pack(tmp_path):
    """A copy of the installed pack's pristine jupyterlab files, each also hard-linked from a
    'cache' folder as uv links installed files to its cache."""
    source = jupyterlab_es.pack_messages_dir()
    assert source is not None, "jupyterlab-language-pack-es-ES is not installed"
    folder, cache = tmp_path / "LC_MESSAGES", tmp_path / "cache"
    folder.mkdir()
    cache.mkdir()
    for name in ("jupyterlab.json", "jupyterlab.mo", "jupyterlab_widgets.json", "jupyterlab_widgets.mo"):
        original = source / (name + ".orig")
        shutil.copyfile(original if original.exists() else source / name, cache / name)
        (folder / name).hardlink_to(cache / name)
    return folder, cache


def test_install_merges_into_json_and_mo_without_touching_linked_files(pack):
    folder, cache = pack
    before = {p.name: p.read_bytes() for p in cache.iterdir()}
    assert jupyterlab_es.install(folder) == folder

    assert {p.name: p.read_bytes() for p in cache.iterdir()} == before, "wrote through a hard link"
    data = json.loads((folder / "jupyterlab.json").read_text(encoding="utf-8"))
    pack_data = json.loads(before["jupyterlab.json"])
    assert data["Open Recent"] == ["Abrir recientes"] and "Open Recent" not in pack_data
    assert data["Console"] == ["Consola"], "the Launcher's Console title keeps the pack's wrong text"
    assert data["%1 and %2"] == ["%1 y %2"]
    assert data["v4\x04Spaces: %1"] == ["Espacios: %1"]
    assert data["Cut this cell"] == ["Cortar esta celda", "Cortar estas %1 celdas"]
    kept = [k for k in pack_data if k not in data or (data[k] != pack_data[k] and k not in _keys())]
    assert not kept, f"pack entries lost or changed: {kept[:5]}"
    widgets = json.loads((folder / "jupyterlab_widgets.json").read_text(encoding="utf-8"))
    assert widgets["Save Widget State Automatically"] == ["Guardar el estado de los widgets automáticamente"]

    with open(folder / "jupyterlab.mo", "rb") as handle:
        mo = gettext.GNUTranslations(handle)
    assert mo.pgettext("menu", "Move Widget To") == "Mover el panel a"
    assert mo.ngettext("Cut this cell", "Cut these %1 cells", 3) == "Cortar estas %1 celdas"
    assert mo.gettext("Run All Cells") == "Ejecutar todas las celdas", "lost a pack entry"


def _keys():
    return {(f"{c}\x04{m}" if c else m) for _d, c, m, _p, _s in _all_entries()}


def test_install_twice_changes_nothing_and_picks_up_a_new_pack(pack, tmp_path):
    folder, _cache = pack
    jupyterlab_es.install(folder)
    first = {p.name: p.read_bytes() for p in folder.iterdir()}
    jupyterlab_es.install(folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == first

    # A newer pack is installed over the merged files: its entries are kept, ours added again.
    newer = json.loads(first["jupyterlab.json.orig"])
    newer["A string of a newer pack"] = ["Una cadena de un pack más nuevo"]
    (folder / "jupyterlab.json").unlink()
    (folder / "jupyterlab.json").write_text(json.dumps(newer), encoding="utf-8")
    jupyterlab_es.install(folder)
    data = json.loads((folder / "jupyterlab.json").read_text(encoding="utf-8"))
    assert data["A string of a newer pack"] == ["Una cadena de un pack más nuevo"]
    assert data["Open Recent"] == ["Abrir recientes"]


def test_without_the_pack_install_does_nothing(tmp_path):
    assert jupyterlab_es.install(tmp_path / "missing") is None
