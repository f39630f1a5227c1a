"""Row 13 of docs/local-aws-differences.md: block public access for snapshots, as AWS documents it
(docs/aws-behaviour.md, "Archive tier, Recycle Bin, fast snapshot restore, lock"). moto 5.2.5 has
none of its operations (HTTP 500).

Relies on labkit fixes snapshot_public_access (the setting) and snapshots (the refusal).
"""


def _snapshot(lab):
    volume = lab.ec2.create_volume(Size=8, AvailabilityZone=f"{lab.region}a")["VolumeId"]
    return lab.ec2.create_snapshot(VolumeId=volume)["SnapshotId"]


def _public(lab, snapshot_id):
    return lab.ec2.modify_snapshot_attribute(SnapshotId=snapshot_id, Attribute="createVolumePermission",
                                             OperationType="add", GroupNames=["all"])


def _permissions(lab, snapshot_id):
    return lab.ec2.describe_snapshot_attribute(SnapshotId=snapshot_id,
                                               Attribute="createVolumePermission")["CreateVolumePermissions"]


def test_contract_gap13_block_all_sharing_refuses_public_snapshots(account, aws_error):
    """AWS: unblocked by default; with block-all-sharing a snapshot can't be made public (sharing with
    an account still works); disabling it allows public sharing again."""
    ec2 = account.ec2
    assert ec2.get_snapshot_block_public_access_state()["State"] == "unblocked"
    assert ec2.enable_snapshot_block_public_access(State="block-all-sharing")["State"] == "block-all-sharing"
    assert ec2.get_snapshot_block_public_access_state()["State"] == "block-all-sharing"
    snapshot_id = _snapshot(account)
    code, _, status = aws_error(_public, account, snapshot_id)
    assert (code, status) == ("OperationNotPermitted", 400)
    assert _permissions(account, snapshot_id) == []
    ec2.modify_snapshot_attribute(SnapshotId=snapshot_id, Attribute="createVolumePermission",
                                  OperationType="add", UserIds=["111122223333"])
    assert _permissions(account, snapshot_id) == [{"UserId": "111122223333"}]
    assert ec2.disable_snapshot_block_public_access()["State"] == "unblocked"
    _public(account, snapshot_id)
    assert {"Group": "all"} in _permissions(account, snapshot_id)


def test_contract_gap13_cli_block_public_access(account, cli):
    """The documented CLI commands answer the documented states."""
    assert '"block-all-sharing"' in cli("aws ec2 enable-snapshot-block-public-access --state block-all-sharing").stdout
    assert '"block-all-sharing"' in cli("aws ec2 get-snapshot-block-public-access-state").stdout
    assert '"unblocked"' in cli("aws ec2 disable-snapshot-block-public-access").stdout
