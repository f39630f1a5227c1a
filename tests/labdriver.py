"""Drive a real JupyterLab for the classroom tests: start it the way `make lab` does, wait for
it, measure its memory, and the few browser steps a student takes (open a notebook, run all,
click a widget button, read a cell's output).

Used by tests/test_browser.py (00_bienvenida.ipynb, 02_demo16_crear_snapshot.ipynb) and
tests/test_jupyterhub.py. Plain functions; Playwright is imported only by the caller.
"""

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# The flags that work on this machine (headless, as root, closed network).
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
# Variables that would point a new lab at someone else's local AWS.
FOREIGN_AWS = ("LABKIT_ENDPOINT", "AWS_ENDPOINT_URL", "LABKIT_MODE", "LABKIT_PORT", "AWS_PROFILE")


def in_ci():
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def need(ok, why):
    """Skip (outside CI) or fail (in CI, where everything must run) when ``ok`` is false."""
    if ok:
        return
    if in_ci():
        pytest.fail(f"CI=true and {why}: .ci/run must provide it", pytrace=False)
    pytest.skip(why)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


POLL = 0.2  # seconds between checks in wait_until (bench/browser.py polls faster)


def wait_until(check, timeout, what, interval=None):
    """Call ``check()`` until it returns something truthy; fail with ``what`` after ``timeout`` s."""
    interval = POLL if interval is None else interval
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            value = check()
        except Exception as exc:  # noqa: BLE001 - keep polling, report the last error
            last, value = exc, None
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what} (last error: {last!r})")


def http_status(url, headers=None, timeout=2.0):
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code
    except (urllib.error.URLError, OSError):
        return None


# --- memory, from /proc -------------------------------------------------------------------

def _children(pid):
    kids = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids += [int(k) for k in (task / "children").read_text().split()]
        except OSError:
            pass
    return kids


def process_tree(pid):
    """``pid`` and all its descendants (alive now)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        if Path(f"/proc/{current}").exists():
            found.append(current)
            todo += _children(current)
    return found


def _kib(path, key):
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _label(pid):
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    text = " ".join(a.decode(errors="replace") for a in args if a)
    for key, name in (("ipykernel", "kernel"), ("labkit lab", "labkit lab (AWS local)"),
                      ("singleuser", "servidor de usuario"), ("jupyter-lab", "jupyter lab"),
                      ("configurable-http-proxy", "proxy"), ("jupyterhub", "hub")):
        if key in text:
            return name
    return text[:60]


def tree_memory(pid):
    """Memory of ``pid`` and its descendants: [(pid, label, rss_kib, pss_kib)] and totals in MiB.

    RSS counts shared pages (Python's own libraries) once per process; PSS shares them out,
    so the PSS total is what one more such lab costs the machine.
    """
    rows = [(p, _label(p), _kib(f"/proc/{p}/status", "VmRSS"), _kib(f"/proc/{p}/smaps_rollup", "Pss"))
            for p in process_tree(pid)]
    return {
        "procesos": [{"pid": p, "que": name, "rss_mib": round(rss / 1024, 1), "pss_mib": round(pss / 1024, 1)}
                     for p, name, rss, pss in rows],
        "rss_mib": round(sum(r[2] for r in rows) / 1024, 1),
        "pss_mib": round(sum(r[3] for r in rows) / 1024, 1),
    }


def listening_ports(pid):
    """TCP ports ``pid`` listens on: its socket inodes (/proc/PID/fd) in /proc/net/tcp and tcp6."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith("socket:["):
                inodes.add(target[len("socket:["):-1])
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                    ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def stop_tree(proc, timeout=15):
    """Stop a process we started (own session): SIGTERM, then SIGKILL to its group at the deadline."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the group is ours: start_new_session=True
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait(timeout=5)


# --- the lab, as `make lab` starts it -------------------------------------------------------

@dataclass
class LabServer:
    """`python -m labkit lab` running in ``workdir`` (its notebooks are ``workdir/notebooks``)."""

    workdir: Path
    port: int
    token: str
    proc: subprocess.Popen = field(repr=False)
    log_path: Path

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def url(self, notebook):
        return f"{self.base}/lab/tree/{notebook}?token={self.token}"

    def log(self):
        return self.log_path.read_text(errors="replace")

    @property
    def aws_endpoint(self):
        """The shared local AWS that `labkit lab` printed (kernels and terminals use it)."""
        found = re.search(r"endpoint (http://127\.0\.0\.1:\d+)", self.log())
        return found.group(1) if found else None

    def memory(self):
        return tree_memory(self.proc.pid)

    def api(self, path):
        """GET /api/<path> with the token; the decoded JSON."""
        req = urllib.request.Request(f"{self.base}/api/{path}", headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.load(resp)

    def kernel_of(self, notebook):
        """The kernel model of ``notebook``'s session once a browser is connected to it and it is idle."""
        for session in self.api("sessions"):
            kernel = session.get("kernel") or {}
            if session.get("path") == notebook and kernel.get("connections", 0) >= 1 \
                    and kernel.get("execution_state") == "idle":
                return kernel
        return None

    def stop(self):
        stop_tree(self.proc)


def start_lab(workdir, timeout=300, extra_env=None):
    """Start the lab like `make lab` (`python -m labkit lab`), on 127.0.0.1, a free port and a token.

    Jupyter's config, runtime, workspace and user-settings folders are fresh ones under
    ``workdir``, so a teacher's own ~/.jupyter cannot change what the test sees; the app-wide
    overrides.json (Spanish) is the environment's, written by `labkit lab` as in class.
    ``extra_env`` adds variables `labkit lab` honours (e.g. LABKIT_SNAPSHOT_SECONDS).
    """
    workdir = Path(workdir)
    port, token = free_port(), os.urandom(12).hex()
    jupyter = workdir / "jupyter"
    env = {k: v for k, v in os.environ.items() if k not in FOREIGN_AWS}
    env.update(
        JUPYTER_CONFIG_DIR=str(jupyter / "config"),
        JUPYTER_RUNTIME_DIR=str(jupyter / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(jupyter / "user-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(jupyter / "workspaces"),
        PYTHONPATH=os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]),
        LABKIT_STATE=str(workdir / "aws-simulado.pickle"),  # never the user's own kept account
    )
    env.update(extra_env or {})
    args = [sys.executable, "-m", "labkit", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}", f"--IdentityProvider.token={token}",
            "--ServerApp.port_retries=0"]
    log_path = workdir / "lab.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(args, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    lab = LabServer(workdir, port, token, proc, log_path)

    def ready():
        if proc.poll() is not None:
            raise AssertionError(f"`labkit lab` exited ({proc.returncode}):\n{lab.log()[-3000:]}")
        return http_status(f"{lab.base}/api/status?token={token}") == 200 and lab.aws_endpoint

    try:
        wait_until(ready, timeout, "JupyterLab to answer on /api/status")
    except BaseException:
        lab.stop()
        raise
    return lab


def copy_notebooks(dest, names=None):
    """Copy the repository's notebooks (all, or ``names``) into ``dest``; return the copied names.

    The browser saves what it runs, so tests never open the committed notebooks themselves.
    """
    src = ROOT / "notebooks"
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    copied = []
    for path in sorted(src.glob("*.ipynb")) if src.is_dir() else []:
        if names is None or path.name in names:
            shutil.copy2(path, dest / path.name)
            copied.append(path.name)
    for extra in ("images",):  # lessons link their figures relative to the notebook
        if (src / extra).is_dir():
            shutil.copytree(src / extra, dest / extra, dirs_exist_ok=True)
    return copied


def keep_artifact(path):
    """Copy ``path`` into $LABKIT_SCREENSHOT_DIR when it is set (CI keeps that folder)."""
    target = os.environ.get("LABKIT_SCREENSHOT_DIR")
    if not target:
        return None
    Path(target).mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy2(path, Path(target) / Path(path).name))


# --- browser steps (Playwright page) --------------------------------------------------------

NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"
CODE_CELLS = f"{NOTEBOOK} .jp-CodeCell"


def launch_chromium(playwright):
    """Debian's Chromium, never a downloaded browser."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)


def open_notebook(page, lab, notebook, timeout=60):
    """Open ``notebook`` in JupyterLab; wait until all its cells are shown and its kernel is
    connected and idle (the page's indicator says 'idle' before the kernel even exists, so the
    server's sessions API is asked first).

    When ``page`` already shows this JupyterLab, the notebook is opened from the file browser
    (a double click, as a student does) instead of loading the whole application again.
    """
    code_cells = sum(c["cell_type"] == "code" for c in lab.api(f"contents/{notebook}")["content"]["cells"])
    item = page.locator(".jp-DirListing-item", has_text=notebook)
    if page.url.startswith(f"{lab.base}/lab") and item.first.is_visible():
        item.first.dblclick()
        page.wait_for_selector(f'.lm-TabBar-tab.lm-mod-current:has-text("{notebook}")', timeout=timeout * 1000)
    else:
        page.goto(lab.url(notebook), timeout=timeout * 1000)
    page.wait_for_selector(f"{NOTEBOOK} .jp-Cell", timeout=timeout * 1000)
    wait_until(lambda: len(prompts(page)) == code_cells, timeout, f"the {code_cells} code cells of {notebook}")
    wait_until(lambda: lab.kernel_of(notebook), timeout, f"a connected, idle kernel for {notebook}")
    wait_kernel_idle(page, timeout)


def menu_labels(page):
    """The main menu bar's labels, left to right (Archivo, Editar, ...)."""
    page.wait_for_selector("#jp-MainMenu .lm-MenuBar-itemLabel")
    return [t.strip() for t in page.locator("#jp-MainMenu .lm-MenuBar-itemLabel").all_text_contents()]


def menu_item_labels(page, menu):
    """Open ``menu`` in the menu bar, read its items, close it again."""
    page.locator("#jp-MainMenu .lm-MenuBar-item", has_text=re.compile(f"^{re.escape(menu)}$")).click()
    page.wait_for_selector(".lm-Menu .lm-Menu-itemLabel")
    items = [t.strip() for t in page.locator(".lm-Menu .lm-Menu-itemLabel").all_text_contents() if t.strip()]
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.querySelector('.lm-Menu')")
    return items


def choose_menu(page, menu, item):
    """Click ``menu`` in the menu bar, then its entry ``item`` (a label as shown, or a regex)."""
    page.locator("#jp-MainMenu .lm-MenuBar-item", has_text=re.compile(f"^{re.escape(menu)}$")).click()
    label = item if isinstance(item, re.Pattern) else re.compile(f"^{re.escape(item)}")
    page.locator(".lm-Menu .lm-Menu-item", has_text=label).first.click()


# Editar ▸ Clear Outputs of All Cells: the es_ES language pack 4.5 leaves it in English.
CLEAR_ALL_OUTPUTS = re.compile(r"^(Clear Outputs of All Cells|Borrar (las )?salidas de todas las celdas)", re.I)


def kernel_status(page):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator").first \
        .get_attribute("data-status")


def prompts(page):
    """Execution prompts of the code cells: '[3]:' ran, '[*]:' running, '[ ]:' never ran."""
    return [t.strip() for t in page.locator(f"{CODE_CELLS} .jp-InputArea-prompt").all_text_contents()]


def wait_kernel_idle(page, timeout=120):
    """Wait until the kernel is idle and no cell is queued or running."""
    wait_until(lambda: kernel_status(page) == "idle" and not any("*" in p for p in prompts(page)),
               timeout, "the kernel to be idle with no cell running", interval=0.3)


_WATCH_BUSY = """() => {
  window.__labkitBusy = false;
  const busy = () => document.querySelector('%s .jp-Notebook-ExecutionIndicator[data-status="busy"]')
    || [...document.querySelectorAll('%s .jp-InputArea-prompt')].some(e => e.textContent.includes('*'));
  const observer = new MutationObserver(() => { if (busy()) window.__labkitBusy = true; });
  observer.observe(document.body, {subtree: true, childList: true, characterData: true,
                                   attributes: true, attributeFilter: ['data-status']});
}""" % (".jp-NotebookPanel:not(.lm-mod-hidden)", CODE_CELLS)


def run_all(page, timeout=180):
    """Ejecutar ▸ Ejecutar todas las celdas, then wait until every code cell has run.

    Committed lessons already show [1], [2]... so their outputs are cleared first (as a teacher
    does before class), and a DOM observer records that the kernel went busy: a cell still at
    '[ ]:' afterwards did not run (Run All stops at an error).
    """
    choose_menu(page, "Editar", CLEAR_ALL_OUTPUTS)
    wait_until(lambda: all(p == "[ ]:" for p in prompts(page)), 10, "all outputs to be cleared")
    page.evaluate(_WATCH_BUSY)
    choose_menu(page, "Ejecutar", "Ejecutar todas las celdas")
    wait_until(lambda: page.evaluate("window.__labkitBusy"), 30, "Run All to start executing cells")
    wait_until(lambda: kernel_status(page) == "idle" and not any("*" in p for p in prompts(page)),
               timeout, "Run All to finish (kernel idle, no cell queued)", interval=0.3)
    not_run = [i for i, p in enumerate(prompts(page)) if not re.fullmatch(r"\[\d+\]:", p)]
    assert not not_run, (f"Run All stopped: code cells {not_run} did not run (an error before them?)\n"
                         + all_output_text(page)[-2000:])


def cell_sources(page):
    return [t for t in page.locator(f"{CODE_CELLS} .jp-InputArea-editor").all_text_contents()]


def find_cell(page, text):
    """Index (among code cells) of the first code cell whose source contains ``text``."""
    for index, source in enumerate(cell_sources(page)):
        if text in source:
            return index
    raise AssertionError(f"no code cell contains {text!r}")


def cell_output_text(page, index):
    """The text of code cell ``index``'s outputs (streams, tables, widget output areas)."""
    return page.locator(CODE_CELLS).nth(index).locator(".jp-OutputArea").first.text_content() or ""


def all_output_text(page):
    return "\n".join(page.locator(f"{CODE_CELLS} .jp-OutputArea").all_text_contents())


def run_cell(page, index, timeout=60):
    """Run code cell ``index`` again in place (click its prompt, Ctrl+Enter) and wait for it."""
    cell = page.locator(CODE_CELLS).nth(index)
    prompt = cell.locator(".jp-InputArea-prompt")
    before = (prompt.text_content() or "").strip()
    cell.scroll_into_view_if_needed()
    prompt.click()
    page.keyboard.press("Control+Enter")
    wait_until(lambda: re.fullmatch(r"\[\d+\]:", (prompt.text_content() or "").strip())
               and (prompt.text_content() or "").strip() != before, timeout, f"cell {index} to run again")
    wait_kernel_idle(page, timeout)
    return cell_output_text(page, index)


def click_output_button(page, text, timeout=30):
    """Click the button labelled ``text`` (e.g. 'Create snapshot') in the notebook's outputs."""
    button = page.locator(f"{NOTEBOOK} .jp-OutputArea").get_by_role("button", name=text, exact=True)
    button.first.wait_for(state="visible", timeout=timeout * 1000)
    button.first.scroll_into_view_if_needed()
    button.first.click()
    return button.first


def wait_output_contains(page, index, pattern, timeout=60):
    """Wait until code cell ``index``'s output matches ``pattern`` (regex); return the match."""
    regex = re.compile(pattern)
    return wait_until(lambda: regex.search(cell_output_text(page, index)), timeout,
                      f"output of cell {index} to match {pattern!r}")


def collapse_left_sidebar(page):
    """Close JupyterLab's left panel (file browser) by clicking its open tab, as a user does."""
    tab = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
    if tab.count():
        tab.first.click()
        page.locator("#jp-left-stack").wait_for(state="hidden")


def assert_in_view(page, locator, what):
    """Fail unless ``locator`` lies wholly inside the visible part of the open notebook."""
    box = locator.bounding_box()
    area = page.locator(f"{NOTEBOOK}").bounding_box()
    assert box and area, f"{what} is not rendered"
    inside = area["y"] - 1 <= box["y"] and box["y"] + box["height"] <= area["y"] + area["height"] + 1
    assert inside, f"{what} is not wholly visible (box {box}, notebook area {area})"


@contextlib.contextmanager
def screenshot_on_failure(page, path):
    """Save a screenshot at ``path`` (kept like any other) when the block fails, then re-raise."""
    try:
        yield
    except BaseException:
        try:
            screenshot(page, path)
        except Exception:  # noqa: BLE001 - the original failure matters more
            pass
        raise


def screenshot(page, path, full_page=False):
    """Save a PNG at ``path`` and keep a copy in $LABKIT_SCREENSHOT_DIR when set."""
    page.screenshot(path=str(path), full_page=full_page)
    keep_artifact(path)
    return Path(path)


# --- accessibility audit (axe-core from npm, tests/axe) -------------------------------------

AXE = ROOT / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
_AXE_RUN = """async el => {
  const result = await axe.run(el, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, tags: v.tags,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                              summary: n.failureSummary}))}));
}"""


def axe_audit(page, locator):
    """axe-core's violations inside ``locator`` (every rule axe runs by default: WCAG 2.x A and AA,
    and its best practices)."""
    need(AXE.exists(), f"axe-core is not installed at {AXE} (npm ci --prefix tests/axe)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return locator.evaluate(_AXE_RUN)


def is_wcag(violation):
    """A WCAG A/AA success criterion (axe tags wcag2a, wcag21aa...), not one of axe's best practices."""
    return any(re.fullmatch(r"wcag2\d*aa?", tag) for tag in violation.get("tags", []))


def serious(violations, wcag_only=True):
    """The violations axe rates serious or critical (of WCAG A/AA rules unless ``wcag_only`` is
    False), one line per element, for a failure message."""
    return [f"[{v['impact']}] {v['id']}: {v['help']} — {n['target']} {n['html']}"
            for v in violations if v["impact"] in ("serious", "critical") and (is_wcag(v) or not wcag_only)
            for n in v["nodes"]]


# --- terminals ------------------------------------------------------------------------------

SHELLS = {"bash", "sh", "dash", "zsh"}


def terminal_shells(lab):
    """{pid: working directory} of the terminal shells the lab's Jupyter server started (its direct
    children that are shells; a kernel's `!cmd` shells are the kernel's children)."""
    found = {}
    for pid in process_tree(lab.proc.pid):
        if _label(pid) != "jupyter lab":
            continue
        for child in _children(pid):
            try:
                name = Path(f"/proc/{child}/comm").read_text().strip()
                if name in SHELLS:
                    found[child] = os.readlink(f"/proc/{child}/cwd")
            except OSError:
                pass
    return found
