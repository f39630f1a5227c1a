"""Click → result in the browser, per step of the console procedures (median and worst).

Starts JupyterLab as `make lab` does (`python -m labkit lab`, on a copy of the lessons), opens
the DEMO #16 and DEMO #17 lessons in Debian's Chromium at 1366x768, runs each, then repeats the
page's web procedure in the console widget BENCH_ROUNDS times (default 3), timing each click
until the widget shows its result (the browser test's own steps, tests/test_browser.py). Waits
poll every 20 ms. Not a test: it prints numbers. Needs Chromium and Playwright, as the browser test.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))


def main():
    import labdriver as drv
    import test_browser as tb
    from playwright.sync_api import sync_playwright

    if not Path(drv.CHROMIUM).exists():
        print(f"Chromium no está en {drv.CHROMIUM}: apt-get install -y chromium", file=sys.stderr)
        return 2
    drv.POLL = 0.02
    timings = {"DEMO #16": {}, "DEMO #17": {}}
    with tempfile.TemporaryDirectory() as tmp:
        drv.copy_notebooks(Path(tmp) / "notebooks", names={tb.DEMO16, tb.DEMO17})
        lab = drv.start_lab(tmp, extra_env={"LABKIT_SNAPSHOT_SECONDS": tb.SNAPSHOT_SECONDS})
        try:
            with sync_playwright() as playwright:
                browser = drv.launch_chromium(playwright)
                page = browser.new_context(viewport=tb.VIEWPORT, locale="es-ES").new_page()
                page.set_default_timeout(60_000)
                for demo, notebook, cell_text in (("DEMO #16", tb.DEMO16, tb.CONSOLE_CELL),
                                                  ("DEMO #17", tb.DEMO17, tb.DEMO17_CELL)):
                    page.goto(lab.url(notebook))
                    drv.open_notebook(page, lab, notebook)
                    drv.run_all(page)
                    cell = page.locator(drv.CODE_CELLS).nth(drv.find_cell(page, cell_text))
                    widget = cell.locator(".jp-OutputArea").first
                    for round_ in range(ROUNDS):
                        started = time.monotonic()
                        if demo == "DEMO #16":
                            tb.demo16_steps(page, widget, timings=timings[demo], again=round_ > 0)
                        else:
                            tb.demo17_steps(page, widget, timings=timings[demo], name=f"bench-{round_}")
                        timings[demo].setdefault("procedimiento completo", []).append(time.monotonic() - started)
                browser.close()
        finally:
            lab.stop()
    for demo, steps in timings.items():
        print(f"Clic → resultado en el navegador, {demo}, {ROUNDS} vueltas (s):")
        for name, values in steps.items():
            print(f"  {name:40s} mediana {statistics.median(values):6.2f}   peor {max(values):6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
