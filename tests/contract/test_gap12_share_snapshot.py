"""Row 12 of docs/local-aws-differences.md: ModifySnapshotAttribute works in its CreateVolumePermission form."""

OTHER_ACCOUNT = "111122223333"


def _shared_with(lab, snapshot_id):
    answer = lab.ec2.describe_snapshot_attribute(SnapshotId=snapshot_id, Attribute="createVolumePermission")
    return answer["CreateVolumePermissions"]


def test_contract_gap12_create_volume_permission_add_and_remove(account, own_snapshot):
    """AWS: share with `modify-snapshot-attribute --attribute createVolumePermission
    --operation-type add --user-ids 123456789012` (docs/aws-behaviour.md, "Encryption and sharing"); the
    API's `CreateVolumePermission={'Add': [{'UserId': …}]}` form does the same.

    Relies on labkit fix snapshots.modify_snapshot_attribute (moto ignores that form).
    """
    lab = account
    snapshot_id = own_snapshot("para compartir")["SnapshotId"]
    lab.ec2.modify_snapshot_attribute(SnapshotId=snapshot_id, Attribute="createVolumePermission",
                                      CreateVolumePermission={"Add": [{"UserId": OTHER_ACCOUNT}]})
    assert _shared_with(lab, snapshot_id) == [{"UserId": OTHER_ACCOUNT}]
    lab.ec2.modify_snapshot_attribute(SnapshotId=snapshot_id, Attribute="createVolumePermission",
                                      CreateVolumePermission={"Remove": [{"UserId": OTHER_ACCOUNT}]})
    assert _shared_with(lab, snapshot_id) == []
    lab.ec2.modify_snapshot_attribute(SnapshotId=snapshot_id, Attribute="createVolumePermission",
                                      OperationType="add", UserIds=[OTHER_ACCOUNT])
    assert _shared_with(lab, snapshot_id) == [{"UserId": OTHER_ACCOUNT}]
