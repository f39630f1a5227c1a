"""Click → result in the browser, per step of the console procedures (median and worst).

Starts JupyterLab as `make lab` does (`python -m labkit lab`, on a copy of the lessons), opens
the DEMO #16 and DEMO #17 lessons in Debian's Chromium at 1366x768, runs each, then repeats the
page's web procedure in the console widget BENCH_ROUNDS times (default 3), timing each click
until the widget shows its result (the browser test's own steps, tests/test_browser.py); then,
in the DEMO #17 console, Create volume from snapshot, Copy snapshot, Modify permissions (Add
account, Remove) and Deregister AMI with its snapshots, as many times. Waits
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


def new_procedures(page, widget, lab, timings):
    """Create volume, Copy snapshot (encrypted), Modify permissions (Add account, then Remove),
    Deregister AMI with its snapshots, in the DEMO #17 console, BENCH_ROUNDS times each."""
    import test_browser as tb

    from labkit import safety

    shared = tb._shared_aws(lab)
    source = tb._root_snapshot(shared)
    volume = shared.describe_snapshots(SnapshotIds=[source])["Snapshots"][0]["VolumeId"]
    for round_ in range(ROUNDS):
        tb.volume_from_snapshot_steps(widget, source, f"bench-{round_}", timings=timings)
        tb.copy_snapshot_steps(widget, source, timings=timings)
        tb.share_steps(widget, source, tb.ACCOUNT, timings=timings)
        tb.unshare_steps(widget, source, tb.ACCOUNT, timings=timings)
        # An AMI of its own snapshot to deregister (made with boto3, not timed).
        snap = shared.create_snapshot(VolumeId=volume, TagSpecifications=[safety.tag_spec("snapshot")])["SnapshotId"]
        shared.get_waiter("snapshot_completed").wait(SnapshotIds=[snap], WaiterConfig={"Delay": 1})
        image = shared.register_image(
            Name=f"bench-deregister-{round_}", RootDeviceName="/dev/xvda", VirtualizationType="hvm",
            BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snap}}],
            TagSpecifications=[safety.tag_spec("image")])["ImageId"]
        tb.deregister_steps(widget, image, timings=timings)


def main():
    import labdriver as drv
    import test_browser as tb
    from playwright.sync_api import sync_playwright

    if not Path(drv.CHROMIUM).exists():
        print(f"Chromium no está en {drv.CHROMIUM}: apt-get install -y chromium", file=sys.stderr)
        return 2
    drv.POLL = 0.02
    timings = {"DEMO #16": {}, "DEMO #17": {}, "Procedimientos nuevos": {}}
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
                new_procedures(page, widget, lab, timings["Procedimientos nuevos"])
                browser.close()
        finally:
            lab.stop()
    for demo, steps in timings.items():
        print(f"Clic → resultado en el navegador, {demo}, {ROUNDS} vueltas (s):")
        for name, values in steps.items():
            print(f"  {name:48s} mediana {statistics.median(values):6.2f}   peor {max(values):6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
