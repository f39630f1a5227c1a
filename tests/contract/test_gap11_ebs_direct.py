"""Row 11 of docs/local-aws-differences.md: the EBS direct APIs follow the snapshot lineage."""

import base64
import hashlib

BLOCK = 524288


def _put(ebs, snapshot_id, index, fill):
    data = bytes([fill]) * BLOCK
    checksum = base64.b64encode(hashlib.sha256(data).digest()).decode()
    ebs.put_snapshot_block(SnapshotId=snapshot_id, BlockIndex=index, BlockData=data, DataLength=BLOCK,
                           Checksum=checksum, ChecksumAlgorithm="SHA256")


def _snapshot(ebs, blocks, parent=None, fill=1):
    kwargs = {"ParentSnapshotId": parent} if parent else {}
    started = ebs.start_snapshot(VolumeSize=1, Description="bloques", **kwargs)
    assert started["BlockSize"] == BLOCK and started["Status"] == "pending"
    for index in blocks:
        _put(ebs, started["SnapshotId"], index, fill)
    assert ebs.complete_snapshot(SnapshotId=started["SnapshotId"], ChangedBlocksCount=len(blocks))["Status"] == "completed"
    return started["SnapshotId"]


def test_contract_gap11_lineage_blocks_and_changes(account, aws_error):
    """AWS: "Block size 512 KiB (524288 bytes). `ListSnapshotBlocks` returns *all* blocks holding
    data in a snapshot, inherited ones included; `ListChangedBlocks(First, Second)` returns only
    blocks that differ between two snapshots of the same lineage. `StartSnapshot` with
    `ParentSnapshotId` makes an incremental snapshot" (docs/aws-behaviour.md, "EBS direct APIs").
    Unknown ids are `ResourceNotFoundException` (404), not HTTP 500.

    Relies on labkit fix ebs_direct.
    """
    lab = account
    ebs = lab.client("ebs")
    first = _snapshot(ebs, [0, 1, 2, 3])
    second = _snapshot(ebs, [1, 7], parent=first, fill=2)

    listed = ebs.list_snapshot_blocks(SnapshotId=second)
    assert listed["BlockSize"] == BLOCK and listed["VolumeSize"] == 1
    assert [b["BlockIndex"] for b in listed["Blocks"]] == [0, 1, 2, 3, 7]

    changed = ebs.list_changed_blocks(FirstSnapshotId=first, SecondSnapshotId=second)["ChangedBlocks"]
    assert [b["BlockIndex"] for b in changed] == [1, 7]
    assert "FirstBlockToken" in changed[0] and "FirstBlockToken" not in changed[1]
    everything = ebs.list_changed_blocks(SecondSnapshotId=second)["ChangedBlocks"]
    assert [b["BlockIndex"] for b in everything] == [0, 1, 2, 3, 7]

    inherited = next(b for b in listed["Blocks"] if b["BlockIndex"] == 0)
    block = ebs.get_snapshot_block(SnapshotId=second, BlockIndex=0, BlockToken=inherited["BlockToken"])
    assert block["BlockData"].read() == bytes([1]) * BLOCK

    code, _, status = aws_error(ebs.list_snapshot_blocks, SnapshotId="snap-0123456789abcdef0")
    assert (code, status) == ("ResourceNotFoundException", 404)
    code, _, status = aws_error(ebs.start_snapshot, VolumeSize=1, ParentSnapshotId="snap-0123456789abcdef0")
    assert (code, status) == ("ResourceNotFoundException", 404)
    unrelated = _snapshot(ebs, [5])
    code, _, status = aws_error(ebs.list_changed_blocks, FirstSnapshotId=first, SecondSnapshotId=unrelated)
    assert (code, status) == ("ValidationException", 400)

    # Deleting the parent keeps what the child still needs (docs/aws-behaviour.md, "Incremental snapshots").
    lab.ec2.delete_snapshot(SnapshotId=first)
    assert [b["BlockIndex"] for b in ebs.list_snapshot_blocks(SnapshotId=second)["Blocks"]] == [0, 1, 2, 3, 7]


def test_contract_gap11_create_snapshot_is_readable(account, own_snapshot):
    """AWS: a snapshot made by CreateSnapshot can be read with the EBS direct APIs (moto does not
    know a volume's data, so its block list is empty here: documented in fixes/README.md).

    Relies on labkit fix ebs_direct (moto answers HTTP 500 for a snapshot it did not start).
    """
    lab = account
    snapshot_id = own_snapshot("de un volumen")["SnapshotId"]
    listed = lab.client("ebs").list_snapshot_blocks(SnapshotId=snapshot_id)
    assert listed["Blocks"] == [] and listed["BlockSize"] == BLOCK
