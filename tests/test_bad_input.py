"""Bad input and broken connections, as a new user meets them: a Spanish message that says what
happened and what to do, from the first cell of a new kernel on, and nothing changed."""

import http.server
import subprocess
import sys
import textwrap
import threading

import pytest
from botocore.exceptions import ClientError

import labkit
from labkit import actions, local_aws, messages
from labkit import lab as lab_module


def first_cell(code, env=None):
    """Run ``code`` as the first cell of a fresh IPython shell (a new kernel); return its output."""
    script = textwrap.dedent(f"""
        from IPython.core.interactiveshell import InteractiveShell
        shell = InteractiveShell.instance(colors="nocolor")
        shell.run_cell({code!r})
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)
    return proc.stdout + proc.stderr


@pytest.mark.parametrize("call, text", [
    ("labkit.start(mode='prod')", "Modo desconocido: 'prod'"),
    ("labkit.start(region='us-east-9')", "Región desconocida: 'us-east-9'"),
    ("labkit.start(region='')", "Región desconocida: ''"),
])
def test_bad_start_in_the_first_cell_is_spanish_without_traceback(call, text):
    out = first_cell(f"import labkit\n{call}")
    assert text in out and "→ Qué hacer:" in out
    assert "Traceback" not in out and "LabkitError" not in out


@pytest.fixture
def fresh_kernel(monkeypatch):
    """No lab started yet in this 'kernel' (and none inherited from the environment)."""
    for key in ("LABKIT_ENDPOINT", "AWS_ENDPOINT_URL", "LABKIT_MODE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setattr(lab_module, "_current", {})
    monkeypatch.setattr(lab_module, "_saved_env", {})


def test_start_again_after_the_kernels_local_aws_stopped_gives_a_working_lab(fresh_kernel, capsys):
    first = labkit.start(quiet=True)
    first.local.stop()
    with pytest.raises(labkit.LabkitError, match="labkit.start") as info:
        actions.create_snapshot(first, "vol-0123456789abcdef0")
    assert "No se pudo conectar" in info.value.what
    second = labkit.start(quiet=True)
    try:
        assert second is not first and second.endpoint != first.endpoint
        assert "Volumes" in second.ec2.describe_volumes()  # it answers (moto state is per process: not empty)
        assert "El AWS simulado de este kernel" in capsys.readouterr().out
    finally:
        second.local.stop()


class _OtherServer(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<html>otra cosa</html>")

    def log_message(self, *args):
        pass


def test_an_endpoint_that_is_not_a_labkit_aws_is_named_as_such(fresh_kernel, monkeypatch, capsys):
    server = http.server.HTTPServer(("127.0.0.1", 0), _OtherServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        endpoint = f"http://127.0.0.1:{server.server_address[1]}"
        monkeypatch.setenv("LABKIT_ENDPOINT", endpoint)
        lab = labkit.start(quiet=True)
        out = capsys.readouterr().out
        assert "no es un AWS simulado de labkit" in out and endpoint in out
        assert "no responde" not in out
        assert lab.endpoint != endpoint
        lab.local.stop()
    finally:
        server.shutdown()
        server.server_close()


def test_helpers_outside_a_notebook_raise_labkit_error_when_aws_is_unreachable(account):
    dead = local_aws.start(0)
    dead.stop()
    lab = lab_module.Lab("mock", "us-east-1", local_aws.ACCOUNT_ID, local_aws.IDENTITY_ARN, dead.endpoint,
                         account.session)
    for call in (lambda: actions.create_snapshot(lab, "vol-0123456789abcdef0"),
                 lambda: actions.deregister_image(lab, "ami-0123456789abcdef0"),
                 lambda: actions.wait_snapshot(lab, "snap-0123456789abcdef0")):
        with pytest.raises(labkit.LabkitError, match="No se pudo conectar"):
            call()


@pytest.mark.parametrize("value", ["False", "true", 0, None, "no"])
def test_exclude_boot_must_be_a_boolean(lab, value):
    before = lab.ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]
    with pytest.raises(labkit.LabkitError, match="True o False"):
        actions.create_snapshots(lab, labkit.scenario.find(lab).private_instance_id, exclude_boot=value)
    assert lab.ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"] == before


def test_boto3_parameter_checks_are_spanish():
    from botocore.exceptions import ParamValidationError

    err = messages.explain(ParamValidationError(report="Invalid type for parameter VolumeId, value: None"))
    assert isinstance(err, labkit.LabkitError)
    assert "VolumeId" in err.what and "parámetro" in err.what and err.todo


def test_in_use_keeps_the_ami_id_aws_names():
    aws = ClientError({"Error": {"Code": "InvalidSnapshot.InUse", "Message":
                                 "The snapshot snap-0aaaaaaaaaaaaaaaa is currently in use by ami-0bbbbbbbbbbbbbbbb"}},
                      "DeleteSnapshot")
    err = messages.explain(aws)
    assert "ami-0bbbbbbbbbbbbbbbb" in err.what
    assert "--image-id ami-0bbbbbbbbbbbbbbbb" in err.todo and "<ami-id>" not in err.todo


def test_auth_failure_on_an_image_is_not_about_credentials():
    aws = ClientError({"Error": {"Code": "AuthFailure", "Message": "Not authorized for image:ami-0aaaaaaaaaaaaaaaa"}},
                      "DeregisterImage")
    err = messages.explain(aws)
    assert "credenciales" not in err.what and "ami-0aaaaaaaaaaaaaaaa" in err.what
    assert "otra cuenta" in err.what


def test_unauthorized_names_the_operation_not_an_example():
    aws = ClientError({"Error": {"Code": "UnauthorizedOperation", "Message": "You are not authorized"}},
                      "DeregisterImage")
    err = messages.explain(aws)
    assert "ec2:DeregisterImage" in err.todo and "ec2:CreateSnapshot" not in err.todo


# The console's report of a partial deregistration (AMI deregistered, snapshot kept because another
# AMI uses it, list refreshed) is tests/test_console_widgets.py::test_deregister_shows_a_partial_outcome_and_refreshes.


def test_deregistering_amazons_ami_says_it_belongs_to_another_account(lab):
    from labkit import scenario

    amazon = scenario.base_image_id(lab)
    with pytest.raises(labkit.LabkitError) as info:
        actions.deregister_image(lab, amazon)
    assert "otra cuenta" in info.value.what and amazon in info.value.what
    assert "credenciales" not in info.value.what and "ec2:" not in info.value.todo
    assert lab.ec2.describe_images(ImageIds=[amazon])["Images"][0]["State"] == "available"


def test_sharing_helpers_outside_a_notebook_raise_labkit_error(lab):
    from labkit import sharing

    for call in (lambda: sharing.encrypted_copy(lab, "snap-0123456789abcdef0", "copia"),
                 lambda: sharing.shared_with(lab, "snap-0123456789abcdef0")):
        with pytest.raises(labkit.LabkitError, match="no existe"):
            call()
