"""labkit.start(): modes, regions, the shared endpoint, the CLI environment."""

import json
import os
import socket
import subprocess
import sys

import pytest
from childio import Lines

import labkit
from labkit import lab as lab_module
from labkit import local_aws


def test_start_prints_one_spanish_line_and_reuses_the_lab(lab, capsys):
    again = labkit.start()
    assert again is lab
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert out[0].startswith("AWS simulado (local) · región us-east-1 · cuenta 123456789012 · endpoint http://127.0.0.1:")


def test_start_exports_what_a_bang_aws_cell_needs(lab):
    labkit.start(quiet=True)
    assert os.environ["AWS_ENDPOINT_URL"] == lab.endpoint
    assert os.environ["AWS_DEFAULT_REGION"] == "us-east-1"
    assert os.environ["PATH"].split(os.pathsep)[0] == os.path.dirname(sys.executable)
    # `aws` found first on PATH is the kit environment's own CLI
    first_aws = subprocess.run(["bash", "-c", "command -v aws"], capture_output=True, text=True,
                               env=dict(os.environ), timeout=60).stdout.strip()
    assert first_aws == os.path.join(os.path.dirname(sys.executable), "aws")


@pytest.mark.parametrize("bad", ["produccion", "MOCKS", "real"])
def test_unknown_mode_is_a_spanish_error_and_changes_nothing(lab, bad):
    before = dict(os.environ)
    with pytest.raises(labkit.LabkitError) as info:
        labkit.start(mode=bad)
    assert "Modo desconocido" in str(info.value) and "Qué hacer" in str(info.value)
    assert dict(os.environ) == before


def test_unknown_region_is_a_spanish_error(lab):
    with pytest.raises(labkit.LabkitError, match="Región desconocida: 'marte-1'"):
        labkit.start(region="marte-1")


def test_other_region_same_account_and_server(lab):
    other = labkit.start(region="eu-west-1", quiet=True)
    assert other.endpoint == lab.endpoint and other.region == "eu-west-1"
    assert other.ec2.describe_instances()["Reservations"] == []  # scenario lives in us-east-1


def test_taken_port_takes_another(monkeypatch, capsys):
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    port = busy.getsockname()[1]
    monkeypatch.setenv("LABKIT_PORT", str(port))
    for key in ("LABKIT_ENDPOINT", "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(key, raising=False)
    saved = dict(lab_module._current)
    lab_module._current.clear()
    try:
        fresh = labkit.start(quiet=True)
        assert fresh.local.port != port
        assert f"El puerto {port} ya está en uso" in capsys.readouterr().out
        fresh.local.stop()
    finally:
        busy.close()
        lab_module._current.clear()
        lab_module._current.update(saved)


def test_dead_shared_server_is_reported_and_replaced(monkeypatch, capsys):
    dead = local_aws.start(0)
    dead.stop()
    monkeypatch.setenv("LABKIT_ENDPOINT", dead.endpoint)
    saved = dict(lab_module._current)
    lab_module._current.clear()
    try:
        fresh = labkit.start(quiet=True)
        assert fresh.endpoint != dead.endpoint
        assert "no responde" in capsys.readouterr().out
        fresh.local.stop()
    finally:
        lab_module._current.clear()
        lab_module._current.update(saved)


def test_two_processes_hold_separate_accounts():
    """A classroom on one host: each process's lab has its own local AWS; a snapshot made in
    one account is not seen from the other, and both run at the same time."""
    code = (
        "import sys, json, labkit\n"
        "lab = labkit.start(quiet=True)\n"
        "labkit.scenario.ensure(lab)\n"
        "if sys.argv[1] == 'make':\n"
        "    vol = lab.ec2.describe_volumes()['Volumes'][0]['VolumeId']\n"
        "    lab.ec2.create_snapshot(VolumeId=vol, Description='solo mía')\n"
        "print(json.dumps([lab.endpoint, len(lab.ec2.describe_snapshots(OwnerIds=['self'])['Snapshots'])]), flush=True)\n"
        "sys.stdin.readline()\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("LABKIT_ENDPOINT", "AWS_ENDPOINT_URL")}
    procs = [subprocess.Popen([sys.executable, "-c", code, role], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, env=env) for role in ("make", "look")]
    try:
        (ep1, mine), (ep2, theirs) = [json.loads(Lines(p.stdout, role).next(timeout=120))
                                      for p, role in zip(procs, ("make", "look"))]
    finally:
        for p in procs:
            try:
                p.stdin.write("\n")
                p.stdin.close()
                p.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                p.kill()
                p.wait(timeout=30)
    assert ep1 != ep2
    assert (mine, theirs) == (1, 0)


def test_known_regions_are_offline_and_include_the_course_region():
    regions = lab_module.known_regions()
    assert {"us-east-1", "eu-west-1", "sa-east-1"} <= regions


def test_mock_identity_matches_what_sts_answers(lab):
    ident = lab.client("sts").get_caller_identity()
    assert (ident["Account"], ident["Arn"]) == (lab.account_id, lab.identity_arn)
