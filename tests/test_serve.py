"""`python -m labkit serve` and `reset`: a terminal with the printed exports runs the
course page's commands verbatim against the shared local AWS."""

import json
import os
import signal
import subprocess
import sys

import pytest
from childio import Lines


@pytest.fixture
def served(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LABKIT_", "AWS_"))}
    env["LABKIT_STATE"] = str(tmp_path / "aws-simulado.pickle")  # never the user's own kept account
    proc = subprocess.Popen([sys.executable, "-m", "labkit", "serve"], stdout=subprocess.PIPE, text=True, env=env)
    try:
        lines, exports = Lines(proc.stdout, "labkit serve"), []
        line = ""
        while not line.startswith("Detén"):
            line = lines.next(timeout=120)
            if line.startswith("export "):
                exports.append(line.strip())
        yield proc, exports, env
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert code == 0


def terminal(exports, env, command):
    """A fresh bash with the printed exports applied: what a student's terminal does."""
    script = "\n".join(exports + [command])
    bin_dir = os.path.dirname(sys.executable)
    shell_env = dict(env, PATH=bin_dir + os.pathsep + env.get("PATH", ""))
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=shell_env, timeout=300)


def test_serve_prints_exports_and_the_page_commands_work_verbatim(served):
    proc, exports, env = served
    assert any(e.startswith("export AWS_ENDPOINT_URL=http://127.0.0.1:") for e in exports)
    out = terminal(exports, env,
                   'aws ec2 describe-instances --query "Reservations[*].Instances[*].{Id:InstanceId,Name:PrivateDnsName}"')
    assert out.returncode == 0, out.stderr
    assert len([i for group in json.loads(out.stdout) for i in group]) == 2
    assert json.loads(terminal(exports, env, "aws ec2 describe-images --owner self").stdout)["Images"] == []
    vols = json.loads(terminal(exports, env, "aws ec2 describe-volumes").stdout)["Volumes"]
    made = terminal(exports, env, f'aws ec2 create-snapshot --volume-id {vols[0]["VolumeId"]} --description "Mi snapshot"')
    assert made.returncode == 0, made.stderr
    snap_id = json.loads(made.stdout)["SnapshotId"]
    # reset brings the account back to the course's starting state
    reset = terminal(exports, env, f"{sys.executable} -m labkit reset")
    assert reset.returncode == 0 and "escenario del curso listo" in reset.stdout, reset.stderr
    mine = terminal(exports, env, "aws ec2 describe-snapshots --owner self")
    assert mine.returncode == 0, mine.stderr
    assert json.loads(mine.stdout)["Snapshots"] == []
    gone = terminal(exports, env, "aws ec2 describe-snapshots --snapshot-ids " + snap_id)
    assert gone.returncode != 0 and "InvalidSnapshot.NotFound" in gone.stderr, (gone.stdout, gone.stderr)
    insts = json.loads(terminal(exports, env, "aws ec2 describe-instances").stdout)["Reservations"]
    assert len(insts) == 2


def test_reset_without_a_shared_server_says_what_to_do():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LABKIT_", "AWS_"))}
    out = subprocess.run([sys.executable, "-m", "labkit", "reset"], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 2
    assert "No hay un AWS simulado compartido" in out.stderr


def test_unknown_command_prints_spanish_usage():
    out = subprocess.run([sys.executable, "-m", "labkit", "volar"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "Uso: python -m labkit" in out.stderr
