"""What a student reads in JupyterLab's chrome, and which of it is English.

``collect(page)`` reads, in a JupyterLab page with a notebook open: every main menu and its
submenus, the context menus of a cell, of a file in the file browser and of a notebook tab, the
status bar, the Launcher, and the notebook and cell toolbars' tooltips.

``english(strings)`` finds English among them with an oracle nobody here wrote: a word is English
when JupyterLab's own source strings use it (the msgids its code passes to its translator, read
from the installed JupyterLab's JavaScript) and the Spanish language pack's own translations never
do (read from the pack's pristine ``.mo`` files, which the kit leaves untouched), nor a name the
kit's translations file keeps unchanged on purpose ("LaTeX"). So "Kernel" or "Markdown", which
the pack keeps in Spanish, are not English; "Idle", "Cut" or "and" are.

Plain functions; Playwright is imported only by the caller.
"""

import functools
import glob
import json
import re
import sys
from importlib.util import find_spec
from pathlib import Path

WORD = re.compile(r"[^\W\d_]{2,}")
# JupyterLab's translator calls, as its minified code writes them: x.__("..."), x._p("ctx", "..."),
# x._n("one", "many", n), x._np("ctx", "one", "many", n).
_LITERAL = r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\''
_CALL = re.compile(r"\.(__|_p|_n|_np)\(\s*(" + _LITERAL + r")(?:\s*,\s*(" + _LITERAL + r"))?(?:\s*,\s*("
                   + _LITERAL + r"))?")


def _js_string(literal):
    if not literal:
        return None
    if literal[0] == "'":
        literal = '"' + literal[1:-1].replace("\\'", "'").replace('"', '\\"') + '"'
    try:
        return json.loads(literal)
    except ValueError:
        return None


@functools.cache
def jupyterlab_messages(prefix=sys.prefix):
    """Every (context, msgid, plural msgid) JupyterLab and its installed extensions pass to their
    translator, read from their JavaScript (context and plural are None when not given)."""
    share = Path(prefix) / "share" / "jupyter"
    found = set()
    for path in [*glob.glob(str(share / "lab" / "static" / "*.js")),
                 *glob.glob(str(share / "labextensions" / "**" / "*.js"), recursive=True)]:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
        for kind, first, second, third in _CALL.findall(text):
            args = [_js_string(a) for a in (first, second, third)]
            context, rest = (args[0], args[1:]) if kind in ("_p", "_np") else (None, args)
            plural = rest[1] if kind in ("_n", "_np") else None
            if rest[0] and (context or kind in ("__", "_n")):
                found.add((context, rest[0], plural))
    return frozenset(found)


@functools.cache
def jupyterlab_msgids():
    """Every string JupyterLab (and its installed extensions) passes to its translator."""
    ids = set()
    for _context, msgid, plural in jupyterlab_messages():
        ids |= {msgid, plural} - {None}
    return frozenset(ids)


def pack_dir():
    spec = find_spec("jupyterlab_language_pack_es_ES")
    return Path(spec.origin).parent / "locale" / "es_ES" / "LC_MESSAGES"


@functools.cache
def pack_translations():
    """The Spanish language pack's own translations (all its domains), from its .mo files (the
    pack's originals, ``*.mo.orig``, where the kit merged its own entries)."""
    from babel.messages.mofile import read_mo

    values = []
    for path in sorted(pack_dir().glob("*.mo")):
        original = path.with_name(path.name + ".orig")
        with open(original if original.exists() else path, "rb") as handle:
            for message in read_mo(handle):
                if message.id:
                    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
                    values += [s for s in strings if s]
    return tuple(values)


def _words(text):
    return {w.lower() for w in WORD.findall(text)}


@functools.cache
def english_words():
    """Words of JupyterLab's msgids that no translation of the Spanish pack uses."""
    english = set()
    for msgid in jupyterlab_msgids():
        english |= _words(msgid)
    from labkit import jupyterlab_es

    # Names the kit's translations keep as they are, reviewed (an entry whose msgstr is its msgid).
    spanish = {w for found in jupyterlab_es.entries().values() for _c, msgid, _p, strings in found
               if strings == [msgid] for w in _words(msgid)}
    for value in pack_translations():
        # Code samples inside a few translations ({"command": ...}) are not Spanish.
        spanish |= _words(re.sub(r'\{.*?\}|"[^"]*"', " ", value, flags=re.S))
    return frozenset(english - spanish)


def untranslatable(po=None):
    """The English strings the kit's translations file declares untranslatable (its header's
    ``UNTRANSLATABLE:`` lines, each followed there by where the string comes from)."""
    from labkit import jupyterlab_es

    text = Path(po or jupyterlab_es.PO).read_text(encoding="utf-8")
    return re.findall(r"^#\s+UNTRANSLATABLE: (.+?)\s*$", text, flags=re.M)


def english(strings, ignore=()):
    """The strings (of ``strings``) that contain an English word; ``ignore`` is removed from each
    string first (file names the student chose, declared untranslatable strings)."""
    words = english_words()
    found = []
    for text in strings:
        rest = text
        for name in sorted(ignore, key=len, reverse=True):
            rest = rest.replace(name, " ")
        if _words(rest) & words:
            found.append(text)
    return found


def is_msgid(text):
    """True when ``text`` is (or, with its %1 placeholders filled, matches) a JupyterLab msgid."""
    for msgid in jupyterlab_msgids():
        if text == msgid:
            return True
        if "%" in msgid and _words(re.sub(r"%\d", " ", msgid)):
            pattern = "".join(".+" if re.fullmatch(r"%\d", part) else re.escape(part)
                              for part in re.split(r"(%\d)", msgid))
            if re.fullmatch(pattern, text, flags=re.S):
                return True
    return False


# --- reading the page ----------------------------------------------------------------------

MENU = ".lm-Menu"
_ITEMS = """menu => [...menu.querySelectorAll(':scope .lm-Menu-item')]
  .filter(e => e.getClientRects().length)
  .map(e => ({label: (e.querySelector('.lm-Menu-itemLabel')?.textContent || '').trim(),
              submenu: e.getAttribute('data-type') === 'submenu'}))"""


def _open_menus(page):
    return page.locator(MENU).count()


def _read_menu(page, level, seen, out, depth=3):
    """The items of the open menu at ``level`` (0 = top), then each submenu's (hovered open)."""
    menu = page.locator(MENU).nth(level)
    items = menu.evaluate(_ITEMS)
    out += [i["label"] for i in items if i["label"]]
    if depth <= 1:
        return
    for index, item in enumerate(items):
        if not item["submenu"] or item["label"] in seen:
            continue
        seen.add(item["label"])
        menu.locator(".lm-Menu-item:visible").nth(index).hover()
        try:
            page.wait_for_function(f"() => document.querySelectorAll('{MENU}').length > {level + 1}",
                                   timeout=10_000)
        except Exception:  # noqa: BLE001 - an empty submenu opens nothing
            continue
        _read_menu(page, level + 1, seen, out, depth - 1)


def _close_menus(page):
    while _open_menus(page):
        page.keyboard.press("Escape")
        page.wait_for_timeout(0)


def main_menus(page):
    """Every label in the main menu bar's menus and submenus."""
    out = []
    bar = page.locator("#jp-MainMenu .lm-MenuBar-item")
    for index in range(bar.count()):
        bar.nth(index).click()
        page.locator(MENU).first.wait_for()
        _read_menu(page, 0, set(), out)
        _close_menus(page)
        page.wait_for_function(f"() => !document.querySelector('{MENU}')")
    return out


def context_menu(page, target):
    """The labels of the context menu (and its submenus) that a right click on ``target`` opens."""
    target.click(button="right")
    page.locator(MENU).first.wait_for()
    out = []
    _read_menu(page, 0, set(), out)
    _close_menus(page)
    page.wait_for_function(f"() => !document.querySelector('{MENU}')")
    return out


def status_bar(page):
    bar = page.locator("#jp-main-statusbar")
    texts = [t.strip() for t in bar.locator(".jp-StatusBar-Item").all_inner_texts()]
    titles = bar.locator("[title]").evaluate_all("els => els.map(e => e.title)")
    return [t for t in texts + titles if t.strip()]


def toolbar_tooltips(page, panel=".jp-NotebookPanel:not(.lm-mod-hidden)"):
    """Tooltips (title) and accessible names of the notebook toolbar and of the active cell's toolbar."""
    found = page.locator(f"{panel} .jp-NotebookPanel-toolbar [title], {panel} .jp-cell-toolbar [title]") \
        .evaluate_all("els => els.map(e => e.title)")
    return [t for t in found if t.strip()]


def launcher(page):
    """Open a Launcher (the file browser's + button) and read its section titles, cards and tooltips."""
    page.locator(".jp-FileBrowser-toolbar .jp-ToolbarButtonComponent[data-command='launcher:create']").click()
    view = page.locator(".jp-Launcher:visible")
    view.locator(".jp-LauncherCard").first.wait_for()
    titles = view.locator(".jp-Launcher-sectionTitle").all_inner_texts()
    cards = view.locator(".jp-LauncherCard-label").all_inner_texts()
    tips = view.locator(".jp-LauncherCard[title]").evaluate_all("els => els.map(e => e.title)")
    return [t.strip() for t in titles + cards + tips if t.strip()]


def collect(page, notebook):
    """Everything above, by place, for the notebook ``notebook`` open in ``page``."""
    panel = ".jp-NotebookPanel:not(.lm-mod-hidden)"
    cell = page.locator(f"{panel} .jp-CodeCell .jp-InputArea-prompt").first
    places = {
        "menús": main_menus(page),
        "menú contextual de celda": context_menu(page, cell),
        "menú contextual del explorador": context_menu(
            page, page.locator(".jp-DirListing-item", has_text=notebook).first),
        "menú contextual de pestaña": context_menu(
            page, page.locator(".lm-TabBar-tab", has_text=notebook).first),
    }
    cell.click()
    places["barra de estado"] = status_bar(page)
    places["barra de herramientas"] = toolbar_tooltips(page)
    places["lanzador"] = launcher(page)
    return places
