"""Row 15 of docs/local-aws-differences.md: volume modifications, volume status and volume attributes.

Each fact is in docs/aws-behaviour.md ("AMI and volume settings"). Relies on the labkit fix
volume_modifications (moto 5.2.5 answers `completed` at once with only the changed fields, and HTTP
500 for the status and attribute operations). A modification's pace is the local AWS's pending time
(LABKIT_SNAPSHOT_SECONDS): each test asks for the one it needs; no result depends on the clock.
"""

import types

import pytest
from botocore.waiter import WaiterModel, create_waiter_with_client

from labkit.local_aws import settings

LONG = "3600"  # a modification that is still `modifying` for every read of the test


def _volume(lab, size=50, volume_type="gp2"):
    return lab.ec2.create_volume(Size=size, AvailabilityZone=f"{lab.region}a", VolumeType=volume_type)["VolumeId"]


def _modification_completed(client):
    """A botocore waiter (AWS defines none for this) polling describe-volumes-modifications every second."""
    model = WaiterModel({"version": 2, "waiters": {"VolumeModificationCompleted": {
        "operation": "DescribeVolumesModifications", "delay": 1, "maxAttempts": 60, "acceptors": [
            {"state": "success", "matcher": "pathAll", "argument": "VolumesModifications[].ModificationState",
             "expected": "completed"},
            {"state": "failure", "matcher": "pathAny", "argument": "VolumesModifications[].ModificationState",
             "expected": "failed"}]}}})
    return create_waiter_with_client("VolumeModificationCompleted", model, client)


def test_contract_gap15_modify_volume_answers_modifying_with_every_field(account, monkeypatch, cli):
    """AWS (the CLI's documented modify-volume examples): `modifying`, Progress 0, original and target size,
    type and IOPS; describe-volumes-modifications lists it."""
    volume_id = _volume(account)
    monkeypatch.setenv(settings.SNAPSHOT_SECONDS_ENV, LONG)
    import json

    answer = json.loads(cli(["aws", "ec2", "modify-volume", "--volume-type", "io1", "--iops", "10000", "--size", "350",
                             "--volume-id", volume_id]).stdout)["VolumeModification"]
    assert {k: answer[k] for k in ("ModificationState", "Progress", "OriginalSize", "TargetSize",
                                   "OriginalVolumeType", "TargetVolumeType", "OriginalIops", "TargetIops")} == {
        "ModificationState": "modifying", "Progress": 0, "OriginalSize": 50, "TargetSize": 350,
        "OriginalVolumeType": "gp2", "TargetVolumeType": "io1", "OriginalIops": 150, "TargetIops": 10000}
    assert "EndTime" not in answer
    listed = account.ec2.describe_volumes_modifications(VolumeIds=[volume_id])["VolumesModifications"]
    assert [(m["VolumeId"], m["ModificationState"]) for m in listed] == [(volume_id, "modifying")]
    by_state = account.ec2.describe_volumes_modifications(
        Filters=[{"Name": "modification-state", "Values": ["modifying"]}])["VolumesModifications"]
    assert [m["VolumeId"] for m in by_state] == [volume_id]


def test_contract_gap15_modification_then_completed(account, monkeypatch):
    """AWS: a modification goes modifying → optimizing → completed (Progress 100, EndTime)."""
    volume_id = _volume(account, size=8)
    monkeypatch.setenv(settings.SNAPSHOT_SECONDS_ENV, "1")
    answer = account.ec2.modify_volume(VolumeId=volume_id, Size=150)["VolumeModification"]
    assert answer["ModificationState"] == "modifying"
    assert (answer["OriginalIops"], answer["TargetIops"]) == (100, 450)  # gp2: 3 IOPS per GiB, at least 100
    _modification_completed(account.ec2).wait(VolumeIds=[volume_id])
    done = account.ec2.describe_volumes_modifications(VolumeIds=[volume_id])["VolumesModifications"][0]
    assert (done["ModificationState"], done["Progress"], "EndTime" in done) == ("completed", 100, True)
    assert account.ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"][0]["Size"] == 150


def test_contract_gap15_volume_status_ok(account, cli):
    """AWS (the CLI's documented describe-volume-status examples): `ok`, io-enabled `passed`,
    io-performance `not-applicable` (gp2), no events or actions; no impaired volume."""
    volume_id = _volume(account)
    status = account.ec2.describe_volume_status(VolumeIds=[volume_id])["VolumeStatuses"]
    assert status == [{"VolumeId": volume_id, "AvailabilityZone": f"{account.region}a", "Actions": [], "Events": [],
                       "VolumeStatus": {"Status": "ok", "Details": [
                           {"Name": "io-enabled", "Status": "passed"},
                           {"Name": "io-performance", "Status": "not-applicable"}]}}]
    impaired = cli(["aws", "ec2", "describe-volume-status", "--filters", "Name=volume-status.status,Values=impaired"])
    assert '"VolumeStatuses": []' in impaired.stdout


def test_contract_gap15_auto_enable_io_attribute(account, cli, aws_error):
    """AWS: autoEnableIO is false by default; `modify-volume-attribute --auto-enable-io` sets it;
    `enable-volume-io` answers with nothing to print; an unknown volume is InvalidVolume.NotFound."""
    ec2 = account.ec2
    volume_id = _volume(account)
    assert ec2.describe_volume_attribute(VolumeId=volume_id, Attribute="autoEnableIO")["AutoEnableIO"] == {"Value": False}
    assert cli(["aws", "ec2", "modify-volume-attribute", "--volume-id", volume_id, "--auto-enable-io"]).stdout == ""
    assert ec2.describe_volume_attribute(VolumeId=volume_id, Attribute="autoEnableIO")["AutoEnableIO"] == {"Value": True}
    assert ec2.describe_volume_attribute(VolumeId=volume_id, Attribute="productCodes")["ProductCodes"] == []
    assert cli(["aws", "ec2", "enable-volume-io", "--volume-id", volume_id]).stdout == ""
    code, _, _ = aws_error(ec2.enable_volume_io, VolumeId="vol-0123456789abcdef0")
    assert code == "InvalidVolume.NotFound"


# --- how the states follow the pace (the fix's own functions; no clock read) ---------------------------

@pytest.mark.skipif(settings.plain_moto(), reason="the fix's own functions")
def test_modification_states_follow_the_pace(monkeypatch):
    from labkit.local_aws.fixes import state, volume_modifications

    clock = types.SimpleNamespace(now=1000.0)
    monkeypatch.setattr(state, "now", lambda: clock.now)
    modification = types.SimpleNamespace()
    state.start_pace(modification, 100)
    seen = []
    for now in (1000.0, 1049.0, 1050.0, 1099.0, 1100.0):
        clock.now = now
        seen.append(volume_modifications.modification_state(modification))
    assert seen == ["modifying", "modifying", "optimizing", "optimizing", "completed"]


def test_contract_gap15_no_new_modification_before_completed_nor_a_fifth_in_a_day(account, monkeypatch, aws_error):
    """AWS (since January 2026): the next modification of a volume can start once the previous one is
    completed, up to four modifications in any 24 hours; a refused one changes nothing."""
    ec2 = account.ec2
    busy = _volume(account, size=8)
    monkeypatch.setenv(settings.SNAPSHOT_SECONDS_ENV, LONG)
    ec2.modify_volume(VolumeId=busy, Size=10)
    code, _, status = aws_error(ec2.modify_volume, VolumeId=busy, Size=12)
    assert (code, status) == ("IncorrectModificationState", 400)
    monkeypatch.setenv(settings.SNAPSHOT_SECONDS_ENV, "0")
    quick = _volume(account, size=8)
    for size in (9, 10, 11, 12):
        assert ec2.modify_volume(VolumeId=quick, Size=size)["VolumeModification"]["ModificationState"] == "completed"
    code, _, _ = aws_error(ec2.modify_volume, VolumeId=quick, Size=13)
    assert code == "VolumeModificationRateExceeded"
    sizes = {v["VolumeId"]: v["Size"] for v in ec2.describe_volumes(VolumeIds=[quick, busy])["Volumes"]}
    assert sizes == {quick: 12, busy: 10}
