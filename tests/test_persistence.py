"""The shared local AWS (`make serve`, `make lab`, a student's server on the hub) keeps its account
on disk: what was created is still there after a stop, a kill or a restart, as on AWS; a kernel's
own throwaway local AWS (what tests and nbval use) always starts fresh; `python -m labkit reset`
still returns to the course's start, and that start is what is kept afterwards."""

import json
import os
import signal
import subprocess
import sys

import labdriver as drv


def serve(home, **extra):
    """`python -m labkit serve` with ``home`` as HOME (the account is kept under it)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LABKIT_", "AWS_", "XDG_"))}
    env.update(HOME=str(home), **extra)
    proc = subprocess.Popen([sys.executable, "-m", "labkit", "serve"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env, start_new_session=True)
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if line.startswith("Detén"):
            break
    else:
        raise AssertionError("`labkit serve` did not start:\n" + "".join(lines))
    exports = dict(line.strip()[len("export "):].split("=", 1) for line in lines if line.startswith("export "))
    proc.exports, proc.text = exports, "".join(lines)
    return proc


def ec2(proc):
    import boto3

    e = proc.exports
    return boto3.client("ec2", endpoint_url=e["LABKIT_ENDPOINT"], region_name=e["AWS_DEFAULT_REGION"],
                        aws_access_key_id=e["AWS_ACCESS_KEY_ID"], aws_secret_access_key=e["AWS_SECRET_ACCESS_KEY"])


def my_snapshots(client):
    return {s["SnapshotId"] for s in client.describe_snapshots(OwnerIds=["self"])["Snapshots"]}


def stop(proc, sig=signal.SIGTERM):
    proc.send_signal(sig)
    code = proc.wait(timeout=30)
    proc.stdout.close()
    return code


def new_snapshot(client):
    volume = client.describe_volumes()["Volumes"][0]["VolumeId"]
    return client.create_snapshot(VolumeId=volume, Description="lo que hice ayer")["SnapshotId"]


KEPT = os.path.join(".local", "share", "labkit", "aws-simulado.pickle")


def test_a_stopped_and_restarted_shared_aws_still_has_what_was_created(tmp_path):
    first = serve(tmp_path)
    assert "La cuenta simulada se guarda en" in first.text and KEPT in first.text, first.text
    client = ec2(first)
    snap = new_snapshot(client)
    instances = sorted(i["InstanceId"] for r in client.describe_instances()["Reservations"] for i in r["Instances"])
    assert stop(first) == 0

    again = serve(tmp_path)
    try:
        assert "Cuenta simulada recuperada" in again.text, again.text
        client = ec2(again)
        assert snap in my_snapshots(client), "the snapshot created before the stop is gone"
        assert sorted(i["InstanceId"] for r in client.describe_instances()["Reservations"]
                      for i in r["Instances"]) == instances, "the course scenario was built a second time"
    finally:
        stop(again)

    # What a notebook does with no shared local AWS (tests, nbval): its own, fresh one, even with
    # a kept account under the same HOME.
    code = ("import json, labkit\nlab = labkit.start(quiet=True)\n"
            "print(json.dumps([s['SnapshotId'] for s in lab.ec2.describe_snapshots(OwnerIds=['self'])['Snapshots']]))")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LABKIT_", "AWS_"))}
    env.update(HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [], "a kernel's own local AWS read the kept account"


def test_a_killed_shared_aws_keeps_what_was_created_and_reset_is_kept_too(tmp_path):
    first = serve(tmp_path)
    snap = new_snapshot(ec2(first))
    kept = tmp_path / KEPT
    # The account is written a moment after each request: wait until the file holds the snapshot.
    drv.wait_until(lambda: kept.exists() and snap.encode() in kept.read_bytes(), 60, "the snapshot to be kept")
    stop(first, signal.SIGKILL)  # no chance to save on the way out (a crash, a culled pod)

    again = serve(tmp_path)
    try:
        assert snap in my_snapshots(ec2(again)), "the snapshot kept before the kill is gone"
        # reset returns to the course's start, and that start is what is kept from then on
        env = {k: v for k, v in os.environ.items() if not k.startswith(("LABKIT_", "AWS_"))}
        env.update(again.exports, HOME=str(tmp_path))
        out = subprocess.run([sys.executable, "-m", "labkit", "reset"], capture_output=True, text=True, env=env,
                             timeout=120)
        assert out.returncode == 0, out.stderr
        assert snap not in my_snapshots(ec2(again))
    finally:
        assert stop(again) == 0

    last = serve(tmp_path)
    try:
        client = ec2(last)
        assert snap not in my_snapshots(client), "reset was undone by the kept account"
        assert len([i for r in client.describe_instances()["Reservations"] for i in r["Instances"]]) == 2
    finally:
        stop(last)


def test_an_unreadable_kept_account_is_set_aside_and_the_course_starts_again(tmp_path):
    kept = tmp_path / KEPT
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"esto no es una cuenta")
    proc = serve(tmp_path)
    try:
        assert "No se pudo leer la cuenta simulada guardada" in proc.text, proc.text
        assert (kept.parent / (kept.name + ".ilegible")).read_bytes() == b"esto no es una cuenta"
        assert len([i for r in ec2(proc).describe_instances()["Reservations"] for i in r["Instances"]]) == 2
    finally:
        stop(proc)


def test_labkit_state_off_keeps_nothing(tmp_path):
    proc = serve(tmp_path, LABKIT_STATE="off")
    new_snapshot(ec2(proc))
    assert "no se guarda" in proc.text
    assert stop(proc) == 0
    assert not (tmp_path / KEPT).exists()
