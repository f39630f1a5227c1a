"""Real-AWS mode without any network: botocore Stubber answers for AWS."""

import boto3
import pytest
from botocore.stub import Stubber

import labkit
from labkit import lab as lab_module
from labkit import safety, scenario

ACCOUNT = "210987654321"
ARN = f"arn:aws:iam::{ACCOUNT}:user/profe"


@pytest.fixture
def no_aws_files(monkeypatch, tmp_path):
    for key in lab_module.AWS_ENV_KEYS:  # the kit's one list of variables that pick an AWS account
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")  # never reach for instance metadata
    monkeypatch.setattr(lab_module, "_current", {})
    monkeypatch.setattr(lab_module, "_saved_env", {})  # a fresh kernel: nothing exported yet


def stubbed_session(monkeypatch, region="eu-west-1", sts_error=None):
    """A session whose clients are stubbed; ``boto3.Session()`` inside labkit returns it."""
    session = boto3.Session(aws_access_key_id="AKIAFAKE", aws_secret_access_key="fake", region_name=region)
    clients = {}
    make_client = session.client

    def client(name, **kwargs):
        if name not in clients:
            real = make_client(name, **kwargs)
            clients[name] = (real, Stubber(real))
            clients[name][1].activate()
        return clients[name][0]

    session.client = client
    sts = client("sts")
    stub = clients["sts"][1]
    if sts_error:
        stub.add_client_error("get_caller_identity", service_error_code=sts_error, http_status_code=403)
    else:
        stub.add_response("get_caller_identity", {"Account": ACCOUNT, "Arn": ARN, "UserId": "AIDAFAKE"})
    monkeypatch.setattr(lab_module.boto3, "Session", lambda **kw: session)
    return session, clients, sts


def test_real_mode_shows_account_identity_and_region_first(no_aws_files, monkeypatch, capsys):
    stubbed_session(monkeypatch)
    lab = labkit.start(mode="aws", region="eu-west-1")
    assert (lab.mode, lab.account_id, lab.region, lab.endpoint) == ("aws", ACCOUNT, "eu-west-1", None)
    assert capsys.readouterr().out.strip() == f"AWS REAL · cuenta {ACCOUNT} · identidad {ARN} · región eu-west-1"


@pytest.mark.parametrize("code, text", [
    ("ExpiredToken", "sesión temporal de AWS expiró"),
    ("InvalidClientTokenId", "clave de acceso"),
])
def test_real_mode_credential_errors_are_spanish(no_aws_files, monkeypatch, code, text):
    stubbed_session(monkeypatch, sts_error=code)
    with pytest.raises(labkit.LabkitError, match=text):
        labkit.start(mode="aws", region="eu-west-1")


def test_real_mode_without_credentials(no_aws_files):
    with pytest.raises(labkit.LabkitError, match="No se encontraron credenciales"):
        labkit.start(mode="aws", region="eu-west-1")


def test_switching_to_real_mode_drops_the_mock_exports(lab, no_aws_files, monkeypatch):
    lab_module._export_env(lab)  # as if a mock lab ran first in this kernel
    import os
    assert os.environ["AWS_ENDPOINT_URL"] == lab.endpoint
    stubbed_session(monkeypatch)
    labkit.start(mode="aws", region="eu-west-1", quiet=True)
    assert "AWS_ENDPOINT_URL" not in os.environ
    assert os.environ.get("AWS_ACCESS_KEY_ID") != "testing"


def test_real_scenario_needs_confirmation_and_says_the_cost(no_aws_files, monkeypatch):
    _, clients, _ = stubbed_session(monkeypatch)
    lab = labkit.start(mode="aws", region="eu-west-1", quiet=True)
    assert lab.ec2 is clients["ec2"][0]  # the stubbed client: any call not queued below fails the test
    clients["ec2"][1].add_response("describe_vpcs", {"Vpcs": []})
    with pytest.raises(labkit.LabkitError) as info:
        scenario.ensure(lab)
    text = str(info.value)
    assert "USD por hora" in text and "confirm=True" in text
    clients["ec2"][1].assert_no_pending_responses()  # it looked, and created nothing


def test_real_mode_refuses_to_touch_untagged_resources(no_aws_files, monkeypatch):
    _, clients, _ = stubbed_session(monkeypatch)
    lab = labkit.start(mode="aws", region="eu-west-1", quiet=True)
    assert lab.ec2 is clients["ec2"][0]  # the lab uses the stubbed client
    stub = clients["ec2"][1]
    stub.add_response("describe_tags", {"Tags": [{"Key": "Name", "Value": "produccion", "ResourceId": "snap-1",
                                                   "ResourceType": "snapshot"}]})
    with pytest.raises(labkit.LabkitError, match="no lo creó el kit"):
        safety.require_owned(lab, "snap-1")
    stub.add_response("describe_tags", {"Tags": [{"Key": "labkit:owner", "Value": "labkit",
                                                   "ResourceId": "snap-2", "ResourceType": "snapshot"}]})
    safety.require_owned(lab, "snap-2")  # the kit's own: allowed


def test_actions_take_one_code_path_on_both_aws(lab):
    """The kit tags an AMI and the snapshots AWS makes for it in the creating request itself,
    on the local AWS as on real AWS (no local-only CreateTags afterwards)."""
    from labkit import actions

    calls = []

    def record(params, model, **_):
        calls.append((model.name, params))

    lab.ec2.meta.events.register("before-parameter-build.ec2", record)
    try:
        found = scenario.find(lab)
        image_id = actions.create_image_from_instance(lab, found.private_instance_id, "un-camino", no_reboot=True)
        volume = actions.image_snapshots(lab, image_id)[0]
        actions.create_image_from_snapshot(lab, volume, "un-camino-2")
    finally:
        lab.ec2.meta.events.unregister("before-parameter-build.ec2", record)
    assert "CreateTags" not in [name for name, _ in calls]
    create_image = next(params for name, params in calls if name == "CreateImage")
    assert [s["ResourceType"] for s in create_image["TagSpecifications"]] == ["image", "snapshot"]
    for snap in actions.image_snapshots(lab, image_id):
        tags = lab.ec2.describe_snapshots(SnapshotIds=[snap])["Snapshots"][0]["Tags"]
        assert safety.is_owned(tags)
