"""Shared fixtures: one local AWS per test session (per xdist worker), env restored after each test.

Every test runs with no snapshot pending time (a new snapshot is `completed` at once); a test that
needs a `pending` snapshot asks for a pending time (``monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", …)``).
With CI=true a skipped browser or JupyterHub test is a failure (CI must run them all).
"""

import os

import pytest

import labkit
from labkit import lab as lab_module

# Test modules that CI must run: a skip there (missing Chromium, proxy, lesson…) fails under CI=true.
MUST_RUN_IN_CI = ("test_browser.py", "test_jupyterhub.py")


def in_ci():
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and item.path.name in MUST_RUN_IN_CI and in_ci():
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"CI=true: this test must run in CI, but it skipped: {reason}"


@pytest.fixture(autouse=True)
def _restore_environ():
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture(autouse=True)
def _no_pending_time(monkeypatch):
    """New snapshots complete at once unless the test asks for a pending time."""
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", "0")


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
def account(_session_lab):
    """A freshly reset local account *without* the course scenario (cheaper than ``lab``)."""
    from labkit import local_aws

    lab_module._current.clear()
    lab_module._current[("mock", None)] = _session_lab
    local_aws.reset(_session_lab.endpoint)
    lab_module._export_env(_session_lab)
    return _session_lab


@pytest.fixture
def lab(account):
    """A lab on a freshly reset local account holding the course scenario."""
    from labkit import scenario

    scenario.ensure(account)
    return account


@pytest.fixture
def cli(_session_lab):
    """Run the AWS CLI exactly as a student types it, against the session's local account
    (whatever the test's ``lab`` or ``account`` fixture left in it)."""
    import shlex
    import subprocess

    def run(command, check=True, extra_env=None):
        args = shlex.split(command) if isinstance(command, str) else command
        env = _session_lab.cli_env()
        env.update(extra_env or {})
        proc = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
        if check and proc.returncode != 0:
            raise AssertionError(f"{command} failed ({proc.returncode}): {proc.stderr}")
        return proc

    return run


@pytest.fixture
def aws_cli(lab, cli):
    """``cli`` on an account that holds the course scenario."""
    return cli


@pytest.fixture(scope="session")
def _real_lab():
    import boto3

    session = boto3.Session(aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret", region_name="us-east-1")
    lab = lab_module.Lab("aws", "us-east-1", "123456789012", "arn:aws:iam::123456789012:user/profe", None, session)
    lab._clients["ec2"] = session.client("ec2", endpoint_url="https://ec2.us-east-1.amazonaws.com")
    return lab


@pytest.fixture
def real(_real_lab):
    """A Lab in mode 'aws' whose EC2 client is stubbed (botocore Stubber, no network): every AWS
    call must be expected, and all expected calls must happen."""
    from botocore.stub import Stubber

    stub = Stubber(_real_lab.ec2)
    stub.activate()
    yield _real_lab, stub
    stub.assert_no_pending_responses()
    stub.deactivate()
