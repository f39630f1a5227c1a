"""Median time from clicking Create in the console widgets to the new resource being listed,
on the local AWS (snapshot completion excluded). Target: under 100 ms.

Runs its own local AWS in this process (never the one of `make lab`, which it would reset).
"""

import os
import statistics
import sys
import time

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "25"))
TARGET_MS = 100.0


def listed(panel):
    return {value for _, value in panel.list.options}


def main():
    for key in ("LABKIT_ENDPOINT", "AWS_ENDPOINT_URL", "LABKIT_MODE"):
        os.environ.pop(key, None)
    import labkit
    from labkit import actions, console, local_aws, scenario, tables

    lab = labkit.start(quiet=True)
    local_aws.reset(lab.endpoint)
    found = scenario.ensure(lab)
    vols = lab.ec2.describe_volumes(
        Filters=[{"Name": "attachment.instance-id", "Values": [found.private_instance_id]}])["Volumes"]
    volume_id = vols[0]["VolumeId"]
    ec2 = console.ec2_console(lab)
    results = {}

    # 1. Snapshots > Create snapshot > Volume > Create snapshot: until the id is in the Snapshots list.
    times = []
    for i in range(ROUNDS):
        ec2.nav.value = "Snapshots"
        ec2.create_button.click()
        form = ec2.forms["snapshot"]
        form.resource_type.value = "Volume"
        form.volume.value = volume_id
        form.description.value = f"bench {i}"
        start = time.perf_counter()
        form.create_button.click()
        ok = form.created[0] in listed(ec2)
        times.append(time.perf_counter() - start)
        assert ok, "the new snapshot is not listed"
        form.wait()
        form.close_button.click()
        for snap in form.created:  # keep the account at the course's size (not timed)
            actions.delete_snapshot(lab, snap)
    results["Create snapshot (Volume) -> listed in Snapshots"] = times

    # 2. Resource type Instance (CreateSnapshots).
    times = []
    for i in range(ROUNDS):
        ec2.nav.value = "Snapshots"
        ec2.create_button.click()
        form = ec2.forms["snapshot"]
        form.resource_type.value = "Instance"
        form.instance.value = found.private_instance_id
        form.description.value = f"bench instancia {i}"
        start = time.perf_counter()
        form.create_button.click()
        ok = set(form.created) <= listed(ec2)
        times.append(time.perf_counter() - start)
        assert ok, "the new snapshots are not listed"
        form.wait()
        form.close_button.click()
        for snap in form.created:
            actions.delete_snapshot(lab, snap)
    results["Create snapshot (Instance) -> listed in Snapshots"] = times

    # 3. Snapshots > Actions > Create image from snapshot > Create image, then (after the
    #    student's Close, not timed) AMIs: until the new AMI is listed.
    snap_id = actions.create_snapshot(lab, volume_id, "base del bench")
    times = []
    for i in range(ROUNDS):
        ec2.nav.value = "Snapshots"
        ec2.select(snap_id)
        ec2.actions.value = "image_from_snapshot"
        form = ec2.forms["image_from_snapshot"]
        form.name.value = f"bench-ami-{i}"
        form.description.value = "bench"
        start = time.perf_counter()
        form.create_button.click()
        elapsed = time.perf_counter() - start
        form.close_button.click()
        start = time.perf_counter()
        ec2.nav.value = "AMIs"
        ok = form.created[0] in listed(ec2) if form.created else False
        times.append(elapsed + time.perf_counter() - start)
        assert ok, f"the new AMI is not listed: {form.message.value}"
        actions.deregister_image(lab, form.created[0])
    results["Create image from snapshot -> AMIs listed"] = times

    # For comparison: the plain functions alone (create, then the table that lists it).
    times = []
    for i in range(ROUNDS):
        start = time.perf_counter()
        new = actions.create_snapshot(lab, volume_id, f"plain {i}")
        ok = new in set(tables.snapshots(lab)["Snapshot ID"])
        times.append(time.perf_counter() - start)
        assert ok
        actions.delete_snapshot(lab, new)
    results["plain: actions.create_snapshot + tables.snapshots"] = times

    worst = 0.0
    print(f"labkit console bench · local AWS (moto) · {ROUNDS} rounds each · target < {TARGET_MS:.0f} ms")
    for label, values in results.items():
        median = statistics.median(values) * 1000
        worst = max(worst, median) if not label.startswith("plain") else worst
        print(f"  {label:55s} median {median:6.1f} ms   p90 {sorted(values)[int(0.9 * len(values))] * 1000:6.1f} ms")
    print(f"slowest console median: {worst:.1f} ms -> {'OK' if worst < TARGET_MS else 'OVER TARGET'}")
    lab.local.stop()
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
