"""Click -> result times of the console widget, per procedure, headless on the local AWS: from
the click on a form's or dialog's main button (or a navigation button) until the result is on
screen (banner shown, new resource listed). Prints the median and the worst time of each;
snapshot completion is excluded (the progress bar follows it in a thread). Target: under 100 ms.

The measures are interleaved round by round, so machine load hits them alike. Runs its own local
AWS in this process (never the one of `make lab`, which it would reset). What the browser adds
(rendering the widgets) is measured by the browser test, not here.
"""

import os
import statistics
import sys
import time

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
TARGET_MS = 100.0


def main():
    for key in ("LABKIT_ENDPOINT", "AWS_ENDPOINT_URL", "LABKIT_MODE"):
        os.environ.pop(key, None)
    import labkit
    from labkit import actions, console, console_actions, local_aws, scenario, tables

    lab = labkit.start(quiet=True)
    local_aws.reset(lab.endpoint)
    found = scenario.ensure(lab)
    vols = lab.ec2.describe_volumes(
        Filters=[{"Name": "attachment.instance-id", "Values": [found.private_instance_id]}])["Volumes"]
    volume_id, zone = vols[0]["VolumeId"], vols[0]["AvailabilityZone"]
    base_snapshot = actions.create_snapshot(lab, volume_id, "base del bench")
    actions.wait_snapshot(lab, base_snapshot)
    ec2 = console.ec2_console(lab)

    def timed(click, done):
        start = time.perf_counter()
        click()
        ok = done()
        elapsed = time.perf_counter() - start
        assert ok, f"no result on screen: {ec2.message.value}"
        return elapsed

    def menu(page, row, key):
        """Page, check a row, Actions, the item (not timed): the form or dialog is open."""
        ec2.nav.value = page
        ec2.select(row)
        ec2.actions.click()
        ec2.action_items[key].click()
        return ec2.forms.get(key)

    def banner_and_listed(form):
        return lambda: form.result in ec2.notice.children and form.created[0] in ec2.table.ids

    def navigate(i):
        """Click Snapshots in the navigation: the list is read and drawn."""
        ec2.nav.value = "Volumes"
        return timed(lambda: setattr(ec2.nav, "value", "Snapshots"), lambda: base_snapshot in ec2.table.ids)

    def snapshot_by_volume(i):
        ec2.nav.value = "Snapshots"
        ec2.create_button.click()
        form = ec2.forms["snapshot"]
        form.resource_type.value = "Volume"
        form.volume.value = volume_id
        form.description.value = f"bench {i}"
        elapsed = timed(form.create_button.click, banner_and_listed(form))
        form.wait()
        for snap in form.created:  # keep the account at the course's size (not timed)
            actions.delete_snapshot(lab, snap)
        return elapsed

    def snapshots_by_instance(i):
        ec2.nav.value = "Snapshots"
        ec2.create_button.click()
        form = ec2.forms["snapshot"]
        form.resource_type.value = "Instance"
        form.instance.value = found.private_instance_id
        form.description.value = f"bench instancia {i}"
        elapsed = timed(form.create_button.click, lambda: set(form.created) <= set(ec2.table.ids))
        form.wait()
        for snap in form.created:
            actions.delete_snapshot(lab, snap)
        return elapsed

    def image_from_snapshot(i):
        """Create image, then (not timed: the student's click) AMIs until the AMI is listed (timed)."""
        form = menu("Snapshots", base_snapshot, "image_from_snapshot")
        form.name.value = f"bench-ami-{i}"
        elapsed = timed(form.create_button.click, lambda: form.result in ec2.notice.children)
        elapsed += timed(lambda: setattr(ec2.nav, "value", "AMIs"), lambda: form.created[0] in ec2.table.ids)
        return elapsed

    def deregister(i):
        """Deregister AMI with Delete associated snapshots: the AMI of the last round (made untimed)."""
        image = actions.create_image_from_snapshot(lab, actions.create_snapshot(lab, volume_id, "para ami"),
                                                   f"bench-dereg-{i}")
        menu("AMIs", image, "deregister_image")
        ec2.dialog.option.value = True
        return timed(ec2.dialog.confirm_button.click,
                     lambda: ec2.dialog is None and image not in ec2.table.ids and ec2.notice.children)

    def volume_from_snapshot(i):
        form = menu("Snapshots", base_snapshot, "volume_from_snapshot")
        form.zone.value = zone
        elapsed = timed(form.create_button.click, banner_and_listed(form))
        lab.ec2.delete_volume(VolumeId=form.created[0])
        return elapsed

    def copy_snapshot(i):
        form = menu("Snapshots", base_snapshot, "copy_snapshot")
        form.encrypted.value = True
        elapsed = timed(form.create_button.click, banner_and_listed(form))
        actions.wait_snapshot(lab, form.created)
        actions.delete_snapshot(lab, form.created[0])
        return elapsed

    def modify_permissions(i):
        form = menu("Snapshots", base_snapshot, "modify_permissions")
        form.account.value = "111122223333"
        timed(form.add_button.click, lambda: "111122223333" in form.remove_buttons)
        elapsed = timed(form.create_button.click, lambda: form.result in ec2.notice.children)
        console_actions.unshare_snapshot(lab, base_snapshot, "111122223333")
        return elapsed

    def remove_account(i):
        """Modify permissions: Remove beside a shared account (untimed), Save changes (timed)."""
        console_actions.share_snapshot(lab, base_snapshot, "444455556666")
        form = menu("Snapshots", base_snapshot, "modify_permissions")
        form.remove_buttons["444455556666"].click()
        elapsed = timed(form.create_button.click, lambda: form.result in ec2.notice.children)
        assert console_actions.sharing.shared_with(lab, base_snapshot) == []
        return elapsed

    def delete_snapshot(i):
        snap = actions.create_snapshot(lab, volume_id, f"para borrar {i}")
        menu("Snapshots", snap, "delete_snapshot")
        return timed(ec2.dialog.confirm_button.click, lambda: ec2.dialog is None and snap not in ec2.table.ids)

    def plain(i):
        """For comparison: the plain functions alone (create, then the table that lists it)."""
        start = time.perf_counter()
        new = actions.create_snapshot(lab, volume_id, f"plain {i}")
        ok = new in set(tables.snapshots(lab)["Snapshot ID"])
        elapsed = time.perf_counter() - start
        assert ok
        actions.delete_snapshot(lab, new)
        return elapsed

    measures = {
        "Navigation: Snapshots -> list drawn": navigate,
        "Create snapshot (Volume) -> banner, listed": snapshot_by_volume,
        "Create snapshot (Instance) -> banner, listed": snapshots_by_instance,
        "Create image from snapshot -> AMIs lists it": image_from_snapshot,
        "Create volume from snapshot -> Volumes lists it": volume_from_snapshot,
        "Copy snapshot (encrypted) -> banner, listed": copy_snapshot,
        "Modify permissions (Add account, Save) -> banner": modify_permissions,
        "Modify permissions (Remove, Save changes) -> banner": remove_account,
        "Delete snapshot (Delete) -> gone from list": delete_snapshot,
        "Deregister AMI + snapshots -> gone from list": deregister,
        "plain: actions.create_snapshot + tables.snapshots": plain,
    }
    results = {label: [] for label in measures}
    for i in range(ROUNDS):
        for label, run in measures.items():
            results[label].append(run(i))

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"labkit console bench · click -> result, headless · local AWS (moto) · {ROUNDS} rounds · "
          f"load average {load:.1f} on {os.cpu_count()} CPUs · target < {TARGET_MS:.0f} ms")
    slowest = 0.0
    for label, values in results.items():
        median, worst = statistics.median(values) * 1000, max(values) * 1000
        if not label.startswith("plain"):
            slowest = max(slowest, median)
        print(f"  {label:52s} median {median:6.1f} ms   worst {worst:6.1f} ms")
    print(f"slowest console median: {slowest:.1f} ms -> {'OK' if slowest < TARGET_MS else 'OVER TARGET'}")
    lab.local.stop()
    return 0  # a benchmark reports; it does not fail the build on a busy machine


if __name__ == "__main__":
    sys.exit(main())
