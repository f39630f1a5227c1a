"""Row 13 of docs/local-aws-differences.md: fast snapshot restore, as AWS documents it
(docs/aws-behaviour.md, "Archive tier, Recycle Bin, fast snapshot restore, lock"). moto 5.2.5 has
none of its operations (HTTP 500). Relies on labkit fix fast_restore (and snapshots: a deleted
snapshot's fast restores are disabled).
"""


def _snapshot(lab):
    volume = lab.ec2.create_volume(Size=8, AvailabilityZone=f"{lab.region}a")["VolumeId"]
    return lab.ec2.create_snapshot(VolumeId=volume)["SnapshotId"]


def _states(lab, snapshot_id):
    rows = lab.ec2.describe_fast_snapshot_restores(
        Filters=[{"Name": "snapshot-id", "Values": [snapshot_id]}])["FastSnapshotRestores"]
    return {r["AvailabilityZone"]: r for r in rows}


def test_contract_gap13_enable_answers_enabling_per_zone(account, monkeypatch):
    """AWS: enable answers each zone enabling (Client.UserInitiated, EnablingTime); reads show it
    enabling until it is optimized; a zone outside the region is Unsuccessful."""
    snapshot_id = _snapshot(account)
    zones = [f"{account.region}a", f"{account.region}b"]
    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", "3600")
    answer = account.ec2.enable_fast_snapshot_restores(AvailabilityZones=zones + ["xx-nowhere-1a"],
                                                       SourceSnapshotIds=[snapshot_id])
    assert [(i["AvailabilityZone"], i["State"], i["StateTransitionReason"]) for i in answer["Successful"]] == [
        (z, "enabling", "Client.UserInitiated") for z in zones]
    assert all("EnablingTime" in i and "EnabledTime" not in i for i in answer["Successful"])
    errors = answer["Unsuccessful"][0]["FastSnapshotRestoreStateErrors"]
    assert [e["AvailabilityZone"] for e in errors] == ["xx-nowhere-1a"]
    assert {z: r["State"] for z, r in _states(account, snapshot_id).items()} == {z: "enabling" for z in zones}


def test_contract_gap13_enabled_then_disabled_and_listed(account):
    """AWS: enabling -> optimizing -> enabled (Lifecycle state transition, with each time), then
    disable answers disabling and reads show disabled (with DisablingTime, DisabledTime)."""
    snapshot_id = _snapshot(account)
    zone = f"{account.region}a"
    account.ec2.enable_fast_snapshot_restores(AvailabilityZones=[zone], SourceSnapshotIds=[snapshot_id])
    row = _states(account, snapshot_id)[zone]
    assert (row["State"], row["StateTransitionReason"]) == ("enabled", "Client.UserInitiated - Lifecycle state transition")
    assert {"EnablingTime", "OptimizingTime", "EnabledTime"} <= set(row)
    answer = account.ec2.disable_fast_snapshot_restores(AvailabilityZones=[zone], SourceSnapshotIds=[snapshot_id])
    assert answer["Successful"][0]["State"] == "disabling"
    disabled = account.ec2.describe_fast_snapshot_restores(
        Filters=[{"Name": "state", "Values": ["disabled"]}])["FastSnapshotRestores"]
    assert [(r["SnapshotId"], r["AvailabilityZone"]) for r in disabled] == [(snapshot_id, zone)]
    assert {"DisablingTime", "DisabledTime"} <= set(disabled[0])


def test_contract_gap13_deleting_a_snapshot_disables_its_fast_restores(account):
    """AWS: when you delete a snapshot you own, fast snapshot restore is disabled for it."""
    snapshot_id = _snapshot(account)
    zone = f"{account.region}a"
    account.ec2.enable_fast_snapshot_restores(AvailabilityZones=[zone], SourceSnapshotIds=[snapshot_id])
    account.ec2.delete_snapshot(SnapshotId=snapshot_id)
    assert _states(account, snapshot_id)[zone]["State"] == "disabled"


def test_contract_gap13_cli_enable_fast_restore(account, cli):
    """The documented CLI command answers the documented shape."""
    snapshot_id = _snapshot(account)
    out = cli(f"aws ec2 enable-fast-snapshot-restores --availability-zones {account.region}a "
              f"--source-snapshot-ids {snapshot_id}")
    assert '"State": "enabling"' in out.stdout and '"Unsuccessful": []' in out.stdout
