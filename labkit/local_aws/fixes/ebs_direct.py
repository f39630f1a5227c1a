"""EBS direct API fixes (docs/local-aws-differences.md row 11): 512 KiB blocks that follow the snapshot lineage.

Blocks live on moto's EC2 snapshot objects, each snapshot with its parent (``state``: lineage). So:

- ``StartSnapshot`` (``ParentSnapshotId`` optional) makes a ``pending`` EC2 snapshot;
  ``PutSnapshotBlock`` checks the block index, 524288-byte length and SHA256 checksum;
  ``CompleteSnapshot`` checks ``ChangedBlocksCount`` and completes it.
- ``ListSnapshotBlocks`` lists every block with data, inherited ones included;
  ``ListChangedBlocks`` lists only blocks that differ between two snapshots of one lineage
  (without ``FirstSnapshotId``: every block of the second); ``GetSnapshotBlock`` reads one.
- Unknown snapshots give ``ResourceNotFoundException`` (404), bad input ``ValidationException``.
- A snapshot made by ``CreateSnapshot`` is incremental to the volume's previous snapshot (or
  to the snapshot the volume came from). moto does not know what a volume holds, so it adds
  no blocks of its own: reading it lists exactly what its lineage holds (empty for a volume
  that never came from an EBS-direct snapshot).
- Deleting a snapshot hands its blocks down to its children (AWS: data still needed moves to
  the next snapshot), so the latest snapshot alone still restores everything.

Used by 03_almacenamiento_incremental (through ``labkit.storage``).
"""

import base64
import hashlib
import math
from datetime import timedelta

from labkit.storage import BLOCK_SIZE, BLOCKS_PER_GIB

from . import state

MAX_VOLUME_GIB = 65536
TOKEN_LIFETIME = timedelta(days=7)


class Block:
    """One 512 KiB block as written by PutSnapshotBlock."""

    __slots__ = ("data", "checksum", "token")

    def __init__(self, data, checksum, token):
        self.data = data
        self.checksum = checksum
        self.token = token


def _error(code, message, reason=None):
    """A rest-json EBS error (HTTP status from the EBS model: 404 not found, 400 validation)."""
    from moto.core.exceptions import ServiceException

    # Defined here, not in moto: moto looks up the error model by the exception's module.
    class EbsDirectError(ServiceException):
        pass

    error = EbsDirectError(code, message)
    if reason is not None:
        error.reason = reason
    return error


def not_found(snapshot_id):
    return _error("ResourceNotFoundException", f"The snapshot '{snapshot_id}' does not exist.", "SNAPSHOT_NOT_FOUND")


def invalid(message, reason="INVALID_PARAMETER_VALUE"):
    return _error("ValidationException", message, reason)


# --- the API -------------------------------------------------------------------------------

def _ec2(response):
    from moto.ec2.models import ec2_backends

    return ec2_backends[response.current_account][response.region]


def _snapshot(backend, snapshot_id):
    snapshot = backend.snapshots.get(snapshot_id) if snapshot_id else None
    if snapshot is None or not state.own(backend, snapshot):
        raise not_found(snapshot_id)
    return snapshot


def _int(value, name):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise invalid(f"Value ({value}) for parameter {name} is invalid.") from None


def _token():
    from moto.moto_api._internal import mock_random

    raw = hashlib.sha256(str(mock_random.uuid4()).encode()).digest() * 2
    return base64.b64encode(raw).decode()


def _expiry():
    from moto.core.utils import utcnow

    return utcnow() + TOKEN_LIFETIME


def _page(items, max_results, next_token, starting_index):
    """AWS-style paging over (index, entry) pairs sorted by index."""
    start = _int(next_token, "NextToken") if next_token else (_int(starting_index, "StartingBlockIndex")
                                                                if starting_index is not None else 0)
    limit = _int(max_results, "MaxResults") if max_results is not None else 10000
    chosen = [entry for index, entry in items if index >= start]
    page, rest = chosen[:limit], chosen[limit:]
    token = str(rest[0]["BlockIndex"]) if rest else None
    return page, token


def _start_snapshot(self):
    from moto.core.responses import ActionResult
    from moto.ec2.models.elastic_block_store import Snapshot, Volume
    from moto.ec2.utils import random_snapshot_id


    backend = _ec2(self)
    size = _int(self._get_param("VolumeSize"), "VolumeSize")
    parent_id = self._get_param("ParentSnapshotId")
    tags = self._get_param("Tags") or []
    description = self._get_param("Description")
    encrypted = self._get_param("Encrypted")
    kms_key = self._get_param("KmsKeyArn")
    if not 1 <= size <= MAX_VOLUME_GIB:
        raise invalid(f"The volume size {size} GiB is not valid (1-{MAX_VOLUME_GIB}).", "INVALID_VOLUME_SIZE")
    if parent_id and encrypted is not None:
        raise invalid("You can't specify ParentSnapshotId and Encrypted in the same request.",
                      "INVALID_DEPENDENCY_REQUEST")
    parent = _snapshot(backend, parent_id) if parent_id else None
    if parent is not None and size < parent.volume_size:
        raise invalid(f"The volume size {size} GiB is smaller than the parent snapshot's "
                      f"({parent.volume_size} GiB).", "INVALID_VOLUME_SIZE")
    key_arn = None
    if parent is not None and parent.encrypted:
        encrypted, key_arn = True, parent.kms_key_id
    elif encrypted:
        key_arn = (state.resolve_key(backend, kms_key) or kms_key) if kms_key else state.default_key_arn(backend)
    # AWS shows vol-ffffffff for snapshots that do not come from a volume of yours.
    volume = Volume(backend, "vol-ffffffff", size, None)
    snapshot = Snapshot(backend, random_snapshot_id(), volume, description or "", encrypted=bool(encrypted),
                        kms_key_id=key_arn)
    state.set_size(snapshot, size)
    state.mark_direct(snapshot, parent.id if parent is not None else None)
    if tags:
        snapshot.add_tags({t["Key"]: t.get("Value", "") for t in tags})
    backend.snapshots[snapshot.id] = snapshot
    state.start_pending(snapshot, math.inf)
    result = {
        "Description": snapshot.description, "SnapshotId": snapshot.id, "OwnerId": snapshot.owner_id,
        "Status": "pending", "StartTime": snapshot.start_time, "VolumeSize": size, "BlockSize": BLOCK_SIZE,
        "Tags": [{"Key": k, "Value": v} for k, v in ((t["Key"], t.get("Value", "")) for t in tags)],
    }
    if parent is not None:
        result["ParentSnapshotId"] = parent.id
    if key_arn:
        result["KmsKeyArn"] = key_arn
    return ActionResult(result)


def _put_snapshot_block(self):
    from moto.core.responses import ActionResult

    backend = _ec2(self)
    snapshot = _snapshot(backend, self._get_param("SnapshotId"))
    index = _int(self._get_param("BlockIndex"), "BlockIndex")
    data = self._get_param("BlockData")
    if isinstance(data, str):
        data = data.encode("latin-1")
    data = data or b""
    length = _int(self._get_param("DataLength"), "DataLength")
    checksum = self._get_param("Checksum")
    algorithm = self._get_param("ChecksumAlgorithm")
    if not state.is_direct(snapshot) or snapshot.status != "pending":
        raise invalid(f"The snapshot '{snapshot.id}' is not in pending state: blocks can only be written "
                      "between StartSnapshot and CompleteSnapshot.", "INVALID_SNAPSHOT_ID")
    if not 0 <= index < snapshot.volume_size * BLOCKS_PER_GIB:
        raise invalid(f"Block index {index} is beyond the volume size extent.", "INVALID_BLOCK")
    if length != BLOCK_SIZE or len(data) != BLOCK_SIZE:
        raise invalid(f"The data length must be {BLOCK_SIZE} bytes (got {len(data)}).", "INVALID_BLOCK")
    if algorithm != "SHA256":
        raise invalid("The checksum algorithm must be SHA256.")
    expected = base64.b64encode(hashlib.sha256(data).digest()).decode()
    if checksum != expected:
        raise invalid("The checksum does not match the block data.", "INVALID_CONTENT_ENCODING")
    state.own_blocks(snapshot)[index] = Block(data, checksum, _token())
    return ActionResult({"Checksum": checksum, "ChecksumAlgorithm": "SHA256"})


def _complete_snapshot(self):
    from moto.core.responses import ActionResult

    backend = _ec2(self)
    snapshot = _snapshot(backend, self._get_param("SnapshotId"))
    count = _int(self._get_param("ChangedBlocksCount"), "ChangedBlocksCount")
    if not state.is_direct(snapshot) or snapshot.status != "pending":
        raise invalid(f"The snapshot '{snapshot.id}' is not in pending state.", "INVALID_SNAPSHOT_ID")
    written = len(state.own_blocks(snapshot))
    if count != written:
        raise invalid(f"ChangedBlocksCount is {count}, but {written} blocks were written to the snapshot.")
    state.finish(snapshot)
    return ActionResult({"Status": "completed"})


def _get_snapshot_block(self):
    from moto.core.responses import ActionResult

    backend = _ec2(self)
    snapshot = _snapshot(backend, self._get_param("SnapshotId"))
    index = _int(self._get_param("BlockIndex"), "BlockIndex")
    token = self._get_param("BlockToken")
    block = state.effective_blocks(backend, snapshot).get(index)
    if block is None or block.token != token:
        raise invalid(f"The block token is not valid for block {index} of snapshot '{snapshot.id}'.",
                      "INVALID_BLOCK_TOKEN")
    return ActionResult({"DataLength": len(block.data), "BlockData": block.data, "Checksum": block.checksum,
                         "ChecksumAlgorithm": "SHA256"})


def _list_snapshot_blocks(self):
    from moto.core.responses import ActionResult

    backend = _ec2(self)
    snapshot = _snapshot(backend, self._get_param("SnapshotId"))
    blocks = state.effective_blocks(backend, snapshot)
    items = [(i, {"BlockIndex": i, "BlockToken": blocks[i].token}) for i in sorted(blocks)]
    page, token = _page(items, self._get_param("MaxResults"), self._get_param("NextToken"),
                        self._get_param("StartingBlockIndex"))
    result = {"Blocks": page, "ExpiryTime": _expiry(), "VolumeSize": snapshot.volume_size, "BlockSize": BLOCK_SIZE}
    if token:
        result["NextToken"] = token
    return ActionResult(result)


def _list_changed_blocks(self):
    from moto.core.responses import ActionResult

    backend = _ec2(self)
    second = _snapshot(backend, self._get_param("SecondSnapshotId"))
    first_id = self._get_param("FirstSnapshotId")
    first = _snapshot(backend, first_id) if first_id else None
    if first is not None and state.lineage_root(backend, first) != state.lineage_root(backend, second):
        raise invalid(f"The snapshots '{first.id}' and '{second.id}' are not of the same lineage.",
                      "UNRELATED_SNAPSHOTS")
    old = state.effective_blocks(backend, first) if first is not None else {}
    new = state.effective_blocks(backend, second)
    items = []
    for index in sorted(set(old) | set(new)):
        if old.get(index) is new.get(index):
            continue
        entry = {"BlockIndex": index}
        if index in old:
            entry["FirstBlockToken"] = old[index].token
        if index in new:
            entry["SecondBlockToken"] = new[index].token
        items.append((index, entry))
    page, token = _page(items, self._get_param("MaxResults"), self._get_param("NextToken"),
                        self._get_param("StartingBlockIndex"))
    result = {"ChangedBlocks": page, "ExpiryTime": _expiry(), "VolumeSize": second.volume_size,
              "BlockSize": BLOCK_SIZE}
    if token:
        result["NextToken"] = token
    return ActionResult(result)


def patches():
    """(moto class, attribute, replacement) for every attribute this module patches."""
    from moto.ebs.responses import EBSResponse

    return [(EBSResponse, name, func) for name, func in (
        ("start_snapshot", _start_snapshot), ("put_snapshot_block", _put_snapshot_block),
        ("complete_snapshot", _complete_snapshot), ("get_snapshot_block", _get_snapshot_block),
        ("list_snapshot_blocks", _list_snapshot_blocks), ("list_changed_blocks", _list_changed_blocks),
    )]
