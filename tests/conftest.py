"""Shared fixtures: one local AWS per test session (per xdist worker), env restored after each test."""

import os

import pytest

import labkit
from labkit import lab as lab_module


@pytest.fixture(autouse=True)
def _restore_environ():
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture(scope="session")
def _session_lab():
    for key in ("LABKIT_ENDPOINT", "AWS_ENDPOINT_URL", "LABKIT_MODE"):
        os.environ.pop(key, None)
    before = dict(os.environ)
    lab = labkit.start(quiet=True)
    # Session fixtures are set up before the autouse _restore_environ snapshot: undo start()'s exports
    # here, or every later test in this worker inherits them (test_real_mode then fails by order).
    os.environ.clear()
    os.environ.update(before)
    lab_module._saved_env.clear()
    yield lab
    lab.local.stop()


@pytest.fixture
def lab(_session_lab):
    """A lab on a freshly reset local account holding the course scenario."""
    from labkit import local_aws, scenario

    lab_module._current.clear()
    lab_module._current[("mock", None)] = _session_lab
    local_aws.reset(_session_lab.endpoint)
    lab_module._export_env(_session_lab)
    scenario.ensure(_session_lab)
    return _session_lab


@pytest.fixture
def aws_cli(lab):
    """Run the AWS CLI exactly as a student types it, against ``lab``'s account."""
    import shlex
    import subprocess

    def run(command, check=True):
        args = shlex.split(command) if isinstance(command, str) else command
        proc = subprocess.run(args, env=lab.cli_env(), capture_output=True, text=True, timeout=60)
        if check and proc.returncode != 0:
            raise AssertionError(f"{command} failed ({proc.returncode}): {proc.stderr}")
        return proc

    return run
