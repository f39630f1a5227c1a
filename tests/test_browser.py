"""The lessons in a real browser: JupyterLab started the way `make lab` starts it
(`python -m labkit lab`, 127.0.0.1, a token), driven in headless Debian Chromium by Playwright.

Part 1 opens 00_bienvenida, runs all cells from the Spanish menu, and checks outputs and menus.
Part 2 is DEMO #16 in 02_demo16_crear_snapshot: run all cells, then do the page's web procedure
in the console widget (`labkit.console.ec2_console(lab, demo=16)`): Instances, note the private
instance's id, Snapshots, Create snapshot, Resource type `Instance`, its id in `Instance ID`, a
description, Create snapshot, Close. The two new snapshots (one per volume of the private
instance) must be in the widget, in the lab's shared local AWS and in the output of the
notebook's `!aws ec2 describe-snapshots --owner self` cell run again.

In DEMO #17's console, with the file browser open, the console's other procedures as a student
clicks them: Create volume from snapshot, Copy snapshot (encrypted), Modify permissions (Add
account and Save changes, then Remove and Save changes) and Deregister AMI with "Delete associated
snapshots", each checked in the widget and in the lab's local AWS (boto3).

Part 3 reads JupyterLab's menus, context menus, status bar, Launcher and notebook toolbar
tooltips and counts the English strings in them (tests/uistrings.py), opens a terminal from the
Launcher (it must start in notebooks/), does DEMO #17 (05_demo17_crear_ami) in the console
widget, audits the kit's widgets with axe-core (tests/axe, from npm; WCAG A/AA and axe's best
practices, only inside the widgets' output areas: JupyterLab's own page is not audited) and drives the retention
explorer (03_almacenamiento_incremental) with the keyboard and a typed value.

Everything runs at 1366x768, a student's laptop. The notebooks are the committed lessons (a
copy: the browser saves what it runs); a missing one is a failure. Runs in CI (CI=true: missing
Chromium is a failure); elsewhere it skips only when Chromium or Playwright is missing.
Screenshots (also on failure) and measurements go to the test's tmp folder and, when
LABKIT_SCREENSHOT_DIR is set, are copied there; navegador-02-demo16.png is the README's
docs/img/navegador-demo16.png.
"""

import contextlib
import json
import re
import time
from pathlib import Path

import labdriver as drv
import pytest
import uistrings

LESSON = "00_bienvenida.ipynb"
DEMO16 = "02_demo16_crear_snapshot.ipynb"
RETENTION = "03_almacenamiento_incremental.ipynb"
DEMO17 = "05_demo17_crear_ami.ipynb"
DEMO17_CELL = "labkit.console.ec2_console(lab, demo=17)"
DEMO17_SNAPSHOT = "DEMO 17 · raíz de la instancia pública"
AMI_NAME = "demo17-navegador"
AMI = r"ami-[0-9a-f]{8,17}"
RETENTION_CELL = "storage_widgets.retention_widget("
LESSONS = {LESSON, DEMO16, RETENTION, DEMO17}
VIEWPORT = {"width": 1366, "height": 768}
CONSOLE_CELL = "labkit.console.ec2_console(lab, demo=16)"
CLI_CELL = "describe-snapshots --owner self"
DESCRIPTION = "DEMO 16 · navegador"
PRIVATE = "Instancia privada"
SPANISH_MENUS = ["Archivo", "Editar", "Ver", "Ejecutar", "Kernel", "Pestañas", "Configuración", "Ayuda"]
ENGLISH_MENUS = {"File", "Edit", "View", "Run", "Tabs", "Settings", "Help"}
SNAP = r"snap-[0-9a-f]{8,17}"
INSTANCE = r"i-[0-9a-f]{8,17}"
# `make lab` keeps a new snapshot `pending` for 4 s; 2 s still shows the progress bar rising and
# keeps the file's run time down (the notebook waits for two snapshots, the widget for two more).
SNAPSHOT_SECONDS = "2"


# --- fixtures -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    drv.need(Path(drv.CHROMIUM).exists(),
             f"Chromium is not installed at {drv.CHROMIUM} (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        drv.need(False, "Playwright is not installed (pip install playwright; no browser download needed)")
    with sync_playwright() as playwright:
        started = time.monotonic()
        chromium = drv.launch_chromium(playwright)
        chromium.launch_seconds = round(time.monotonic() - started, 1)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    """One `labkit lab` for the module, on a copy of the lessons (the browser saves what it runs)."""
    workdir = tmp_path_factory.mktemp("lab")
    copied = drv.copy_notebooks(workdir / "notebooks", names=LESSONS)
    missing = sorted(LESSONS - set(copied))
    assert not missing, f"lessons missing from {drv.ROOT / 'notebooks'}: {missing}"
    started = time.monotonic()
    lab = drv.start_lab(workdir, extra_env={"LABKIT_SNAPSHOT_SECONDS": SNAPSHOT_SECONDS})
    lab.start_seconds = round(time.monotonic() - started, 1)
    yield lab
    lab.stop()


@pytest.fixture(scope="module")
def page(browser):
    """One tab for the module, as a student keeps JupyterLab open (the second lesson is opened
    from the file browser; loading JupyterLab's code costs seconds on two cores)."""
    context = browser.new_context(viewport=VIEWPORT, locale="es-ES")
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def _record(tmp_path, name, numbers):
    """Print the measurements (pytest -s / -rP) and keep them as JSON next to the screenshots."""
    path = tmp_path / f"medidas-{name}.json"
    path.write_text(json.dumps(numbers, indent=2, ensure_ascii=False), encoding="utf-8")
    drv.keep_artifact(path)
    print(f"\nMEDIDAS {name}: {json.dumps(numbers, ensure_ascii=False)}")


def _check_cells_ran(page, lab_server, notebook):
    """No code cell shows a traceback (cells tagged raises-exception may)."""
    cells = [c for c in lab_server.api(f"contents/{notebook}")["content"]["cells"] if c["cell_type"] == "code"]
    for index, cell in enumerate(cells):
        if "raises-exception" not in cell["metadata"].get("tags", []):
            output = drv.cell_output_text(page, index)
            assert "Traceback (most recent call last)" not in output, \
                f"{notebook}: code cell {index} failed:\n{output[-2000:]}"


def _check_spanish_menus(page):
    menus = drv.menu_labels(page)
    assert menus == SPANISH_MENUS, f"menu bar is not the Spanish one: {menus}"
    assert not ENGLISH_MENUS & set(menus)
    assert "Ejecutar todas las celdas" in drv.menu_item_labels(page, "Ejecutar")


# --- part 1: a lesson runs in Spanish JupyterLab --------------------------------------------

def test_lesson_runs_all_cells_in_spanish_jupyterlab(lab_server, browser, page, tmp_path):
    started = time.monotonic()
    drv.open_notebook(page, lab_server, LESSON)
    _check_spanish_menus(page)

    drv.run_all(page)
    prompts = drv.prompts(page)
    assert prompts and all(re.fullmatch(r"\[\d+\]:", p) for p in prompts), prompts
    assert page.locator(f"{drv.CODE_CELLS} .jp-OutputArea-output").count() >= 1, \
        "running all cells produced no output"
    _check_cells_ran(page, lab_server, LESSON)
    text = drv.all_output_text(page)
    assert "cuenta 123456789012" in text and "endpoint http://127.0.0.1:" in text, \
        "labkit.start() did not print its Spanish line"
    assert lab_server.aws_endpoint in text, "the kernel did not use the lab's shared local AWS"

    shot = drv.screenshot(page, tmp_path / "navegador-00-bienvenida.png")
    assert shot.stat().st_size > 10_000
    _record(tmp_path, "leccion", {
        "cuaderno": LESSON, "arranque_lab_s": lab_server.start_seconds,
        "arranque_chromium_s": browser.launch_seconds,
        "abrir_y_ejecutar_s": round(time.monotonic() - started, 1),
    })


def test_jupyterlab_chrome_has_no_english_a_translation_could_fix(lab_server, page, tmp_path):
    """Menus (and submenus), the context menus of a cell, a file and a tab, the status bar, the
    Launcher and the notebook and cell toolbars' tooltips: no English string except those the
    kit's translations file declares untranslatable (JupyterLab does not pass them through its
    translator), and each of those is really still there (the list stays honest)."""
    drv.open_notebook(page, lab_server, LESSON)
    with drv.screenshot_on_failure(page, tmp_path / "fallo-interfaz-en-espanol.png"):
        places = uistrings.collect(page, LESSON)
    declared = uistrings.untranslatable()
    english = {place: uistrings.english(texts, ignore=[LESSON, *declared]) for place, texts in places.items()}
    seen = sorted({d for texts in places.values() for t in texts for d in declared if d in t})
    _record(tmp_path, "interfaz", {
        "textos_leidos": sum(len(t) for t in places.values()),
        "en_ingles": {p: e for p, e in english.items() if e},
        "no_traducibles_vistos": seen,
    })
    assert all(places.values()), f"a place showed no text at all: {[p for p, t in places.items() if not t]}"
    assert not any(english.values()), \
        f"English a translation can fix (add it to labkit/jupyterlab_es.po): {english}"
    assert seen == sorted(declared), \
        f"declared untranslatable but not seen (remove from the header): {sorted(set(declared) - set(seen))}"


def test_terminal_opens_in_the_notebooks_folder(lab_server, page, tmp_path):
    """Launcher ▸ Terminal, as a student opens it with the file browser at its top folder."""
    before = drv.terminal_shells(lab_server)
    page.locator(".jp-FileBrowser-toolbar [data-command='launcher:create']").click()
    with drv.screenshot_on_failure(page, tmp_path / "fallo-terminal.png"):
        page.locator(".jp-Launcher:visible .jp-LauncherCard").filter(
            has=page.locator(".jp-LauncherCard-label", has_text=re.compile("^Terminal$"))).first.click()
        page.locator(".jp-Terminal:visible").first.wait_for()
        shells = drv.wait_until(lambda: {p: d for p, d in drv.terminal_shells(lab_server).items() if p not in before},
                                30, "the terminal's shell to start")
    assert list(shells.values()) == [str((lab_server.workdir / "notebooks").resolve())], shells
    page.locator(".lm-TabBar-tab.lm-mod-current .lm-TabBar-tabCloseIcon").click()


# --- part 2: DEMO #16, the console widget ---------------------------------------------------

def _options(select):
    """The option texts of a <select> as shown (ipywidgets writes their spaces as no-break spaces)."""
    return select.evaluate("s => [...s.options].map(o => o.textContent.replace(/\\u00a0/g, ' '))")


def _list_rows(widget):
    """The rows of the console's table (``.labkit-row``), their cells' text joined by two spaces."""
    return widget.locator(".labkit-row").evaluate_all(
        "rows => rows.map(r => [...r.querySelectorAll('.labkit-grid > div')].map(c => c.textContent).join('  '))")


def _pick_row(widget, pattern, timeout=30):
    """Check the row of the console's table whose text matches ``pattern``; return its text.
    (The list's rows arrive a moment after its header: wait for them.)"""
    def one_row():
        found = [(i, text) for i, text in enumerate(_list_rows(widget)) if re.search(pattern, text)]
        return found[0] if len(found) == 1 else None

    index, text = drv.wait_until(one_row, timeout, f"one row matching {pattern!r} in the console's list")
    widget.locator(".labkit-row").nth(index).locator("input[type=checkbox]").check()
    return text


def _field(widget, kind, label):
    """The input of the form field ``label`` (ipywidgets: a label and the control in one box)."""
    box = widget.locator(f".widget-{kind}:visible").filter(
        has=widget.page.locator(".widget-label", has_text=re.compile(f"^{re.escape(label)}$")))
    return box.locator("select, input").first


def _nav(widget, name, timeout=30):
    """Click ``name`` in the console's EC2 › menu (Refresh when it is the page shown: clicking a
    pressed toggle does nothing) and wait for its list's title."""
    button = widget.locator("button.widget-toggle-button", has_text=re.compile(f"^{name}$"))
    if "mod-active" in (button.get_attribute("class") or "").split():
        widget.locator("button[title=Refresh]:visible").click()
    else:
        button.click()
    widget.locator("h4", has_text=re.compile(rf"^{name} \(\d+\)$")).wait_for(timeout=timeout * 1000)


def _steps_done(widget):
    """How many of the page's steps the widget's list shows as done (✓)."""
    return sum(t.strip().startswith("✓") for t in widget.locator("ol > li").all_text_contents())


@contextlib.contextmanager
def _timed(timings, name):
    """Add the seconds the block takes (a click and the wait for its result) to timings[name]."""
    started = time.monotonic()
    yield
    if timings is not None:
        timings.setdefault(name, []).append(time.monotonic() - started)


def demo16_steps(page, widget, on_banner=None, timeout=30, timings=None, again=False):
    """DEMO #16's web procedure, as the page numbers it, in the console widget ``widget`` (the
    output area of the `ec2_console(lab, demo=16)` cell). Returns the private instance's id,
    the new snapshot ids read from the success banner, and the Snapshots list's rows after Close.
    ``on_banner()`` runs while the success banner and the completed progress bar are shown.
    ``timings`` (a dict) collects each click's seconds to its result (bench/browser.py), which
    repeats the procedure (``again``: the step list is already all ticked).
    """
    ms = timeout * 1000
    nav = lambda name: widget.locator("button.widget-toggle-button", has_text=re.compile(f"^{name}$"))  # noqa: E731

    # 2-3. Instances; note the private instance's id (select its row, read the id).
    with _timed(timings, "Instances"):
        nav("Instances").click()
        widget.locator("h4", has_text=re.compile(r"^Instances \(\d+\)$")).wait_for(timeout=ms)
    row = _pick_row(widget, rf"^{PRIVATE}\s")
    instance_id = re.search(INSTANCE, row).group(0)
    drv.wait_until(lambda: _steps_done(widget) >= 3, timeout, "step 3 (the private instance noted) to be ticked")

    # 4-5. Snapshots, then Create snapshot.
    with _timed(timings, "Snapshots"):
        nav("Snapshots").click()
        widget.locator("h4", has_text=re.compile(r"^Snapshots \(\d+\)$")).wait_for(timeout=ms)
    with _timed(timings, "Create snapshot (abrir el formulario)"):
        widget.locator("button.widget-button:visible", has_text=re.compile("^Create snapshot$")).click()
        widget.locator("h4", has_text=re.compile("^Create snapshot$")).wait_for(timeout=ms)

    # 6-8. Resource type Instance, its id in Instance ID (ids are shown with their Name), a description.
    picker = _field(widget, "dropdown", "Instance ID")
    wanted = f"{instance_id} ({PRIVATE})"

    def offered():
        labels = _options(picker)
        return labels if wanted in labels else None

    with _timed(timings, "Resource type: Instance"):
        widget.locator(".widget-radio-box label", has_text=re.compile("^Instance$")).click()
        picker.wait_for(timeout=ms)
        labels = drv.wait_until(offered, timeout, f"`Instance ID` to offer the private instance as {wanted!r}")
    picker.select_option(index=labels.index(wanted))
    _field(widget, "text", "Description").fill(DESCRIPTION)
    drv.wait_until(lambda: _steps_done(widget) >= 8, timeout, "steps 1-8 to be ticked before Create")

    # 9. The form's Create snapshot (the toolbar's one is hidden while the form is open).
    create = widget.locator("button.widget-button:visible", has_text=re.compile("^Create snapshot$"))
    drv.wait_until(lambda: create.count() == 1, timeout, "exactly one visible Create snapshot button (the form's)")
    # The banner moves from the form to the top of the Snapshots list: for a moment both views
    # exist (the form's is removed right after), so wait until exactly one is shown.
    banner = widget.locator(".widget-html-content:visible", has_text="Successfully created snapshots")
    with _timed(timings, "Create snapshot (crear)"):
        create.click()
        drv.wait_until(lambda: banner.count() == 1, timeout, "the success banner above the Snapshots list")
    text = banner.text_content()
    assert f"from instance {instance_id}" in text, text
    ids = re.findall(SNAP, text.split("from instance")[0])
    assert len(ids) == 2, f"expected two snapshots (one per volume of the private instance): {text}"

    # The progress bar follows them to `completed` (a thread in the kernel updates it).
    progress = widget.locator(".widget-html-content small", has_text=ids[0])
    drv.wait_until(lambda: progress.count() and progress.first.text_content().count("completed") == len(ids),
                   timeout, "the progress bar's text to show every new snapshot completed")
    # Today's console needs no Close: the page's step 10 is ticked with step 9.
    drv.wait_until(lambda: _steps_done(widget) == 10, timeout, "steps 1-10 to be ticked while the banner is shown")
    if on_banner is not None:
        on_banner()

    # The banner's X (named Close): the banner goes, the Snapshots list is refreshed.
    with _timed(timings, "Close"):
        widget.locator(".labkit-banner:visible .labkit-dismiss").click()
        drv.wait_until(lambda: banner.count() == 0, timeout, "the banner to go away after Close")
    drv.wait_until(lambda: _steps_done(widget) == 10, timeout, "all 10 steps to be ticked after Close")
    rows = _list_rows(widget)
    return instance_id, ids, rows, text


def test_demo16_create_snapshot_with_the_console_widget(lab_server, page, tmp_path):
    import boto3

    started = time.monotonic()
    laps = {}

    def lap(name):
        laps[name] = round(time.monotonic() - started - sum(laps.values()), 1)

    drv.open_notebook(page, lab_server, DEMO16)
    lap("abrir_s")
    drv.run_all(page)
    _check_cells_ran(page, lab_server, DEMO16)
    lap("ejecutar_todo_s")
    shared = boto3.client("ec2", endpoint_url=lab_server.aws_endpoint, region_name="us-east-1",
                          aws_access_key_id="testing", aws_secret_access_key="testing")
    before = {s["SnapshotId"] for s in shared.describe_snapshots(OwnerIds=["self"])["Snapshots"]}

    drv.collapse_left_sidebar(page)  # the widget gets the width, as on a student's laptop
    cell = page.locator(drv.CODE_CELLS).nth(drv.find_cell(page, CONSOLE_CELL))
    widget = cell.locator(".jp-OutputArea").first
    cell.evaluate("el => el.scrollIntoView({block: 'start'})")
    shot = tmp_path / "navegador-02-demo16.png"

    def screenshot(ids):
        """The README's picture: the cell, the widget with every step ticked and the Snapshots list
        showing the new snapshots completed (no row still `pending` beside a finished progress
        bar), and JupyterLab's Spanish menu bar."""
        shown = [text for text in _list_rows(widget) if any(i in text for i in ids)]
        assert len(shown) == len(ids) and all("completed" in t and "pending" not in t for t in shown), shown
        cell.evaluate("el => el.scrollIntoView({block: 'start'})")
        _check_spanish_menus(page)
        drv.assert_in_view(page, widget, "the console widget")
        drv.screenshot(page, shot)

    with drv.screenshot_on_failure(page, tmp_path / "fallo-02-demo16.png"):
        instance_id, ids, rows, banner = demo16_steps(page, widget)
        screenshot(ids)
    assert shot.stat().st_size > 10_000
    lap("consola_s")

    # Two new snapshots, one per volume of the private instance, with the description typed.
    assert not set(ids) & before, f"the banner shows snapshots that existed before: {banner}"
    snaps = shared.describe_snapshots(SnapshotIds=ids)["Snapshots"]
    volumes = {v["VolumeId"] for v in shared.describe_volumes(
        Filters=[{"Name": "attachment.instance-id", "Values": [instance_id]}])["Volumes"]}
    assert len(volumes) == 2 and {s["VolumeId"] for s in snaps} == volumes, (snaps, volumes)
    assert {s["Description"] for s in snaps} == {DESCRIPTION}
    tags = shared.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]["Tags"]
    assert {"Key": "Name", "Value": PRIVATE} in tags, "the widget snapshotted another instance"

    # The Snapshots list (after Close) shows both, completed.
    for snapshot_id in ids:
        listed = [text for text in rows if snapshot_id in text]
        assert len(listed) == 1 and "completed" in listed[0] and DESCRIPTION in listed[0], (snapshot_id, rows)

    # The notebook's `!aws ec2 describe-snapshots --owner self` cell, run again, lists them.
    output = drv.run_cell(page, drv.find_cell(page, CLI_CELL))
    missing = [i for i in ids if i not in output]
    assert not missing, f"`!aws ec2 describe-snapshots --owner self` misses {missing}:\n{output[-2000:]}"
    lap("celda_cli_s")

    memory = lab_server.memory()
    _record(tmp_path, "demo16", {
        "cuaderno": DEMO16, "snapshots": ids, "demo16_s": round(time.monotonic() - started, 1), **laps,
        "memoria_lab": memory,
    })
    kinds = {p["que"] for p in memory["procesos"]}
    assert {"labkit lab (AWS local)", "jupyter lab", "kernel"} <= kinds, memory


def test_console_widget_accessibility(lab_server, page, tmp_path):
    """axe-core over DEMO #16's console widget showing the Snapshots table (a checkbox per row, a
    row checked), the open Actions menu and Preferences, and the icon buttons (Refresh,
    Preferences): labels on every control, names on buttons, contrast. Every violation is
    recorded; serious or critical ones fail, axe's best practices included."""
    if not page.locator(f'.lm-TabBar-tab.lm-mod-current:has-text("{DEMO16}")').count():
        drv.open_notebook(page, lab_server, DEMO16)
        drv.run_all(page)
    cell = page.locator(drv.CODE_CELLS).nth(drv.find_cell(page, CONSOLE_CELL))
    widget = cell.locator(".jp-OutputArea").first
    with drv.screenshot_on_failure(page, tmp_path / "fallo-02-accesibilidad.png"):
        _nav(widget, "Snapshots")
        rows = widget.locator(".labkit-row")
        drv.wait_until(lambda: rows.count() > 0, 30, "the Snapshots list's rows")
        rows.first.locator("input[type=checkbox]").check()  # the table is shown with a row checked
        widget.locator("button[title=Actions]:visible").click()
        widget.locator(".labkit-actions-menu button.widget-button:visible").first.wait_for()
        widget.locator("button[title=Preferences]:visible").click()
        widget.locator(".labkit-preferences:visible").wait_for()
        _audit(page, widget, "the console widget (DEMO #16)", tmp_path, "02-consola")


# --- DEMO #17: create an AMI from a snapshot in the console widget ----------------------------

def demo17_steps(page, widget, timeout=30, timings=None, name=AMI_NAME):
    """DEMO #17's web procedure in the console widget: Snapshots, select the public instance's
    root snapshot, Actions ▸ Create image from snapshot, a name and a description, Create image,
    Close, AMIs: the new AMI is listed. Returns (snapshot id, AMI id, the AMIs rows)."""
    ms = timeout * 1000
    nav = lambda name: widget.locator("button.widget-toggle-button", has_text=re.compile(f"^{name}$"))  # noqa: E731
    with _timed(timings, "Snapshots"):
        nav("Snapshots").click()
        widget.locator("h4", has_text=re.compile(r"^Snapshots \(\d+\)$")).wait_for(timeout=ms)
    row = _pick_row(widget, re.escape(DEMO17_SNAPSHOT))
    snapshot_id = re.search(SNAP, row).group(0)
    with _timed(timings, "Actions ▸ Create image from snapshot"):
        # Today's console: Actions opens a menu; an item acts when clicked.
        widget.locator("button[title=Actions]:visible").click()
        widget.locator(".labkit-actions-menu button.widget-button",
                       has_text=re.compile("^Create image from snapshot$")).click()
        widget.locator("h4", has_text=re.compile("^Create image from snapshot$")).wait_for(timeout=ms)
    _field(widget, "text", "Image name").fill(name)
    _field(widget, "text", "Description").fill("DEMO 17 · navegador")
    banner = widget.locator(".widget-html-content:visible", has_text="Successfully created image")
    with _timed(timings, "Create image"):
        widget.locator("button.widget-button:visible", has_text=re.compile("^Create image$")).click()
        text = drv.wait_until(lambda: banner.count() == 1 and banner.first.text_content(), timeout,
                              "the success banner for the new AMI")
    assert f"from snapshot {snapshot_id}" in text, text
    image_id = re.search(AMI, text).group(0)
    with _timed(timings, "Close"):
        widget.locator(".labkit-banner:visible .labkit-dismiss").click()
        drv.wait_until(lambda: banner.count() == 0, timeout, "the banner to go away after Close")
    with _timed(timings, "AMIs"):
        nav("AMIs").click()
        widget.locator("h4", has_text=re.compile(r"^AMIs \(\d+\)$")).wait_for(timeout=ms)
        rows = drv.wait_until(lambda: [r for r in _list_rows(widget) if image_id in r], timeout,
                              f"{image_id} in the AMIs list")
    return snapshot_id, image_id, rows


def test_demo17_create_ami_from_snapshot_with_the_console_widget(lab_server, page, tmp_path):
    import boto3

    tabs = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab")
    if tabs.count() and page.locator("#jp-left-stack").is_hidden():
        tabs.first.click()  # the file browser again (DEMO #16 closed it)
        page.locator("#jp-left-stack").wait_for()
    drv.open_notebook(page, lab_server, DEMO17)
    drv.run_all(page)
    _check_cells_ran(page, lab_server, DEMO17)
    cell = page.locator(drv.CODE_CELLS).nth(drv.find_cell(page, DEMO17_CELL))
    widget = cell.locator(".jp-OutputArea").first
    cell.evaluate("el => el.scrollIntoView({block: 'start'})")
    with drv.screenshot_on_failure(page, tmp_path / "fallo-05-demo17.png"):
        snapshot_id, image_id, rows = demo17_steps(page, widget)
        drv.screenshot(page, tmp_path / "navegador-05-demo17.png")
    assert len(rows) == 1 and AMI_NAME in rows[0], rows

    shared = boto3.client("ec2", endpoint_url=lab_server.aws_endpoint, region_name="us-east-1",
                          aws_access_key_id="testing", aws_secret_access_key="testing")
    image = shared.describe_images(ImageIds=[image_id])["Images"][0]
    assert image["Name"] == AMI_NAME
    assert [m["Ebs"]["SnapshotId"] for m in image["BlockDeviceMappings"] if "Ebs" in m] == [snapshot_id]
    # The lesson's `!aws ec2 describe-images --owners self` table (name and snapshot of each own
    # AMI), run again, lists it: the same account as the console.
    output = drv.run_cell(page, drv.find_cell(page, "describe-images --owners self --query"))
    assert AMI_NAME in output and snapshot_id in output, output[-2000:]


# --- the console's other procedures (Create volume, Copy snapshot, Modify permissions, Deregister) --

ACCOUNT = "111122223333"  # the AWS docs' example account id


def _shared_aws(lab_server):
    import boto3

    return boto3.client("ec2", endpoint_url=lab_server.aws_endpoint, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def _open_file_browser(page):
    """The file browser open beside the notebook, as a student keeps it (DEMO #16 closed it)."""
    tabs = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab")
    if tabs.count() and page.locator("#jp-left-stack").is_hidden():
        tabs.first.click()
        page.locator("#jp-left-stack").wait_for()


def _demo17_console(page, lab_server):
    """The console widget of 05_demo17_crear_ami (opened and run unless it is the current tab),
    with the file browser open."""
    _open_file_browser(page)
    if not page.locator(f'.lm-TabBar-tab.lm-mod-current:has-text("{DEMO17}")').count():
        drv.open_notebook(page, lab_server, DEMO17)
        drv.run_all(page)
    cell = page.locator(drv.CODE_CELLS).nth(drv.find_cell(page, DEMO17_CELL))
    cell.evaluate("el => el.scrollIntoView({block: 'start'})")
    return cell.locator(".jp-OutputArea").first


def _dismiss_banner(widget, timeout=30):
    """The banner's X, if a banner is shown (a procedure before this one left it)."""
    close = widget.locator(".labkit-banner:visible .labkit-dismiss")
    if close.count():
        close.first.click()
        drv.wait_until(lambda: close.count() == 0, timeout, "the banner to go away")


def _choose_action(widget, page_name, row_pattern, item, title, timeout=30):
    """``page_name`` in EC2 ›, check the row matching ``row_pattern``, Actions ▸ ``item``; wait
    for the form or dialog titled ``title``. Returns the checked row's text."""
    _dismiss_banner(widget, timeout)
    _nav(widget, page_name, timeout)
    row = _pick_row(widget, row_pattern, timeout)
    widget.locator("button[title=Actions]:visible").click()
    widget.locator(".labkit-actions-menu button.widget-button", has_text=re.compile(f"^{re.escape(item)}$")).click()
    widget.locator(".labkit-form:visible h4, .labkit-dialog:visible b", has_text=re.compile(f"^{title}$")) \
        .first.wait_for(timeout=timeout * 1000)
    return row


def _id_cell(resource_id):
    """A row pattern for the row whose id cell is ``resource_id`` (a copy's description names its
    source's id too: "[Copied snap-… from us-east-1]")."""
    return rf"(^|  ){re.escape(resource_id)}(  |$)"


def _button(widget, label):
    return widget.locator("button.widget-button:visible", has_text=re.compile(f"^{re.escape(label)}$"))


def _banner_text(widget, start, timeout=30):
    banner = widget.locator(".widget-html-content:visible", has_text=start)
    return drv.wait_until(lambda: banner.count() == 1 and banner.first.text_content(), timeout,
                          f"the banner {start!r}")


def _root_snapshot(shared):
    """The public instance's root snapshot the DEMO #17 lesson leaves (its description)."""
    snaps = [s for s in shared.describe_snapshots(OwnerIds=["self"])["Snapshots"]
             if s.get("Description") == DEMO17_SNAPSHOT]
    assert snaps, f"no snapshot described {DEMO17_SNAPSHOT!r} in the lab's local AWS"
    return snaps[0]["SnapshotId"]


def volume_from_snapshot_steps(widget, snapshot_id, name, timeout=30, timings=None):
    """Snapshots, check the snapshot, Actions ▸ Create volume from snapshot, a Name, Create
    volume: the console lands on Volumes with the new volume listed. Returns (volume id, row)."""
    _choose_action(widget, "Snapshots", _id_cell(snapshot_id), "Create volume from snapshot", "Create volume",
                   timeout)
    _field(widget, "text", "Name").fill(name)
    with _timed(timings, "Create volume"):
        _button(widget, "Create volume").click()
        text = _banner_text(widget, "Successfully created volume", timeout)
        volume_id = re.search(r"vol-[0-9a-f]{8,17}", text).group(0)
        widget.locator("h4", has_text=re.compile(r"^Volumes \(\d+\)$")).wait_for(timeout=timeout * 1000)
        rows = drv.wait_until(lambda: [r for r in _list_rows(widget) if volume_id in r], timeout,
                              f"{volume_id} in the Volumes list")
    assert f"from snapshot {snapshot_id}" in text, text
    return volume_id, rows[0]


def copy_snapshot_steps(widget, snapshot_id, timeout=30, timings=None):
    """Actions ▸ Copy snapshot, Encrypt this snapshot, Copy snapshot: the copy is listed."""
    _choose_action(widget, "Snapshots", _id_cell(snapshot_id), "Copy snapshot", "Copy snapshot", timeout)
    widget.get_by_role("checkbox", name="Encrypt this snapshot").check()
    with _timed(timings, "Copy snapshot"):
        _button(widget, "Copy snapshot").click()
        text = _banner_text(widget, "Successfully copied snapshot", timeout)
        copy_id = re.findall(SNAP, text)[-1]
        rows = drv.wait_until(lambda: [r for r in _list_rows(widget) if copy_id in r], timeout,
                              f"{copy_id} in the Snapshots list")
    assert f"Successfully copied snapshot {snapshot_id} to {copy_id}" in text, text
    return copy_id, rows[0]


def share_steps(widget, snapshot_id, account, timeout=30, timings=None, audit=None):
    """Actions ▸ Snapshot settings › Modify permissions, the id in AWS account ID, Add account,
    Save changes. ``audit()`` runs while the form shows the account with its Remove button."""
    _choose_action(widget, "Snapshots", _id_cell(snapshot_id), "Snapshot settings › Modify permissions",
                   "Modify permissions", timeout)
    _field(widget, "text", "AWS account ID").fill(account)
    _button(widget, "Add account").click()
    remove = widget.locator(f".labkit-shared-accounts button[title='Remove {account}']")
    remove.wait_for(timeout=timeout * 1000)
    if audit is not None:
        audit()
    with _timed(timings, "Modify permissions: Save changes (Add account)"):
        _button(widget, "Save changes").click()
        return _banner_text(widget, "Successfully modified permissions", timeout)


def unshare_steps(widget, snapshot_id, account, timeout=30, timings=None):
    """Modify permissions again: Remove beside the account, Save changes."""
    _choose_action(widget, "Snapshots", _id_cell(snapshot_id), "Snapshot settings › Modify permissions",
                   "Modify permissions", timeout)
    remove = widget.locator(f".labkit-shared-accounts button[title='Remove {account}']")
    remove.click()
    drv.wait_until(lambda: remove.count() == 0, timeout, f"{account} to leave Shared accounts")
    with _timed(timings, "Modify permissions: Save changes (Remove)"):
        _button(widget, "Save changes").click()
        return _banner_text(widget, "Successfully modified permissions", timeout)


def deregister_steps(widget, image_id, timeout=30, timings=None, audit=None):
    """AMIs, check the AMI, Actions ▸ Deregister AMI, Delete associated snapshots, Deregister AMI:
    the AMI leaves the list. ``audit()`` runs while the dialog is open."""
    _choose_action(widget, "AMIs", _id_cell(image_id), "Deregister AMI", "Deregister AMI", timeout)
    widget.get_by_role("checkbox", name="Delete associated snapshots").check()
    if audit is not None:
        audit()
    with _timed(timings, "Deregister AMI"):
        widget.locator(".labkit-dialog button.widget-button", has_text=re.compile("^Deregister AMI$")).click()
        text = _banner_text(widget, "Successfully deregistered AMI", timeout)
        drv.wait_until(lambda: not [r for r in _list_rows(widget) if image_id in r], timeout,
                       f"{image_id} to leave the AMIs list")
    return text


def test_create_volume_from_snapshot_in_the_browser(lab_server, page, tmp_path):
    shared = _shared_aws(lab_server)
    widget = _demo17_console(page, lab_server)
    snapshot_id = _root_snapshot(shared)
    with drv.screenshot_on_failure(page, tmp_path / "fallo-consola-volumen.png"):
        volume_id, row = volume_from_snapshot_steps(widget, snapshot_id, "restaurado-navegador")
        drv.screenshot(page, tmp_path / "navegador-consola-volumen.png")
    assert "restaurado-navegador" in row
    volume = shared.describe_volumes(VolumeIds=[volume_id])["Volumes"][0]
    size = shared.describe_snapshots(SnapshotIds=[snapshot_id])["Snapshots"][0]["VolumeSize"]
    assert (volume["SnapshotId"], volume["Size"]) == (snapshot_id, size)
    assert {"Key": "Name", "Value": "restaurado-navegador"} in volume["Tags"]


def test_copy_snapshot_with_encryption_in_the_browser(lab_server, page, tmp_path):
    shared = _shared_aws(lab_server)
    widget = _demo17_console(page, lab_server)
    snapshot_id = _root_snapshot(shared)
    with drv.screenshot_on_failure(page, tmp_path / "fallo-consola-copia.png"):
        copy_id, _row = copy_snapshot_steps(widget, snapshot_id)
    copy = shared.describe_snapshots(SnapshotIds=[copy_id])["Snapshots"][0]
    assert copy["Encrypted"] is True and copy["Description"] == f"[Copied {snapshot_id} from us-east-1]", copy


def test_modify_permissions_share_and_remove_in_the_browser(lab_server, page, tmp_path):
    """Share with an account (Add account, Save changes), then take it back (Remove, Save changes);
    the form is audited by axe while it shows the account with its Remove button."""
    shared = _shared_aws(lab_server)
    widget = _demo17_console(page, lab_server)
    snapshot_id = _root_snapshot(shared)

    def accounts():
        attr = shared.describe_snapshot_attribute(SnapshotId=snapshot_id, Attribute="createVolumePermission")
        return [p.get("UserId") for p in attr["CreateVolumePermissions"]]

    def audit():
        widget.locator(".labkit-form:visible").evaluate("el => el.scrollIntoView({block: 'start'})")
        drv.screenshot(page, tmp_path / "navegador-consola-permisos.png")
        _audit(page, widget, "the Modify permissions form", tmp_path, "consola-permisos")

    with drv.screenshot_on_failure(page, tmp_path / "fallo-consola-permisos.png"):
        text = share_steps(widget, snapshot_id, ACCOUNT, audit=audit)
        assert f"shared with account {ACCOUNT}" in text, text
        assert accounts() == [ACCOUNT]
        text = unshare_steps(widget, snapshot_id, ACCOUNT)
        assert f"no longer shared with account {ACCOUNT}" in text, text
    assert accounts() == []


def test_deregister_ami_with_its_snapshots_in_the_browser(lab_server, page, tmp_path):
    """An AMI of its own snapshot (made here with boto3, tagged as the kit's), deregistered with
    "Delete associated snapshots": the AMI and its snapshot are gone from the local AWS."""
    from labkit import safety

    shared = _shared_aws(lab_server)
    widget = _demo17_console(page, lab_server)
    source = shared.describe_snapshots(SnapshotIds=[_root_snapshot(shared)])["Snapshots"][0]["VolumeId"]
    snapshot_id = shared.create_snapshot(VolumeId=source, Description="para deregistrar",
                                         TagSpecifications=[safety.tag_spec("snapshot")])["SnapshotId"]
    shared.get_waiter("snapshot_completed").wait(SnapshotIds=[snapshot_id], WaiterConfig={"Delay": 1})
    image_id = shared.register_image(
        Name="deregistrar-navegador", RootDeviceName="/dev/xvda", VirtualizationType="hvm", Architecture="x86_64",
        BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snapshot_id}}],
        TagSpecifications=[safety.tag_spec("image")])["ImageId"]

    def audit():
        _audit(page, widget, "the Deregister AMI dialog", tmp_path, "consola-deregister")

    with drv.screenshot_on_failure(page, tmp_path / "fallo-consola-deregister.png"):
        text = deregister_steps(widget, image_id, audit=audit)
    assert f"Deleted snapshots: {snapshot_id}" in text, text
    assert image_id not in {i["ImageId"] for i in shared.describe_images(Owners=["self"])["Images"]}
    assert snapshot_id not in {s["SnapshotId"] for s in shared.describe_snapshots(OwnerIds=["self"])["Snapshots"]}


# --- part 3: the retention explorer, keyboard, typed value, accessibility -----------------------

def _audit(page, widget, what, tmp_path, name):
    """axe-core over ``widget`` (the kit's own widget, never JupyterLab around it): every violation
    is recorded; serious or critical ones fail, of WCAG 2.x A/AA rules and of axe's best practices
    (e.g. ``label-title-only``: a control named only by its tooltip)."""
    violations = drv.axe_audit(page, widget)
    _record(tmp_path, f"axe-{name}", [{k: v[k] for k in ("id", "impact", "help")}
                                      | {"wcag": drv.is_wcag(v), "elementos": len(v["nodes"])} for v in violations])
    bad = drv.serious(violations, wcag_only=False)
    assert not bad, f"axe-core: serious or critical accessibility violations in {what}:\n" + "\n".join(bad)


def test_retention_explorer_by_keyboard_and_typed_value(lab_server, page, tmp_path):
    drv.open_notebook(page, lab_server, RETENTION)
    drv.run_all(page)
    _check_cells_ran(page, lab_server, RETENTION)
    cell = page.locator(drv.CODE_CELLS).nth(drv.find_cell(page, RETENTION_CELL))
    widget = cell.locator(".jp-OutputArea").first
    cell.evaluate("el => el.scrollIntoView({block: 'start'})")
    summary = widget.locator(".widget-html-content p", has_text="snapshots de un volumen").first
    typed = _field(widget, "text", "Tamaño del volumen (GiB)")

    with drv.screenshot_on_failure(page, tmp_path / "fallo-03-retencion.png"):
        errors = widget.locator(".jupyter-widgets-error-widget, .jupyter-widgets.widget-error")
        if errors.count():
            errors.first.click()
            raise AssertionError(f"a widget failed to render: {errors.first.evaluate('e => e.parentElement.innerText')}")
        # A typed value: 3000 GiB, Enter.
        typed.fill("3000")
        typed.press("Enter")
        drv.wait_until(lambda: "volumen de 3000 GiB" in summary.text_content(), 30, "the summary for 3000 GiB")
        # The arrow keys step the typed value: 1 GiB, not thousands.
        typed.press("ArrowUp")
        drv.wait_until(lambda: typed.input_value() == "3001", 10, "ArrowUp to step the volume by 1 GiB")
        typed.press("Enter")
        drv.wait_until(lambda: "volumen de 3001 GiB" in summary.text_content(), 30, "the summary for 3001 GiB")
        # Help text at normal line spacing (ipywidgets' HTML gives 28 px to 13 px text).
        spacing = summary.evaluate("p => parseFloat(getComputedStyle(p).lineHeight) / parseFloat(getComputedStyle(p).fontSize)")
        assert spacing <= 1.6, f"the explorer's help text is spaced {spacing:.2f} times its size"
        widget.evaluate("el => el.scrollIntoView({block: 'start'})")
        drv.screenshot(page, tmp_path / "navegador-03-retencion.png")
        _audit(page, widget, "the retention explorer", tmp_path, "03-retencion")
