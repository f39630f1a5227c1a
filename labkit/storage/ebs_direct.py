"""Fill the block model from real snapshots with the EBS direct APIs (ListSnapshotBlocks,
ListChangedBlocks). Used by the appendix of 03_almacenamiento_incremental.ipynb."""

import numpy as np

from .. import messages
from .blocks import BLOCK_SIZE, BLOCKS_PER_GIB
from .model import Model


def _pages(call, **params):
    token = None
    while True:
        page = call(**params, **({"NextToken": token} if token else {}))
        yield page
        token = page.get("NextToken")
        if not token:
            return


def _model_blocks(indices, block_size):
    """API block indices of ``block_size`` bytes -> model (512 KiB) block indices they cover."""
    idx = np.asarray(sorted(indices), np.int64)
    if block_size == BLOCK_SIZE or len(idx) == 0:
        return idx
    lo = idx * block_size // BLOCK_SIZE
    hi = ((idx + 1) * block_size - 1) // BLOCK_SIZE
    return np.unique(np.concatenate([np.arange(a, b + 1) for a, b in zip(lo, hi)]))


def from_snapshots(lab, snapshot_ids, volume_name="vol"):
    """Build a ``Model`` from real snapshots of one volume, read with the EBS direct APIs.

    ``snapshot_ids`` must be of the same lineage, oldest first (sort ``describe_snapshots`` by
    ``StartTime``). The first one is read whole with ``ListSnapshotBlocks``; each next one with
    ``ListChangedBlocks(previous, next)`` — only what changed, as AWS stores it. Each snapshot keeps
    its id as its name. Used by 03_almacenamiento_incremental.ipynb ("tus propios snapshots")."""
    from botocore.exceptions import BotoCoreError, ClientError

    ids = list(snapshot_ids or [])
    if not ids:
        raise messages.error(messages.STORAGE_NO_SNAPSHOT_IDS, code="StorageNoSnapshots")
    ebs = lab.client("ebs")
    model = Model()
    try:
        vol = None
        for i, snap_id in enumerate(ids):
            if i == 0:
                pages = list(_pages(ebs.list_snapshot_blocks, SnapshotId=snap_id))
                written = [b["BlockIndex"] for p in pages for b in p.get("Blocks", [])]
                discarded = []
            else:
                pages = list(_pages(ebs.list_changed_blocks, FirstSnapshotId=ids[i - 1], SecondSnapshotId=snap_id))
                changed = [b for p in pages for b in p.get("ChangedBlocks", [])]
                written = [b["BlockIndex"] for b in changed if b.get("SecondBlockToken")]
                discarded = [b["BlockIndex"] for b in changed if not b.get("SecondBlockToken")]
            size = max(int(p.get("VolumeSize", 1)) for p in pages)
            block_size = int(pages[0].get("BlockSize", BLOCK_SIZE))
            if vol is None:
                vol = model.create_volume(size, volume_name)
            elif size > vol.size_gib:      # the volume was grown between snapshots
                extra = (size - vol.size_gib) * BLOCKS_PER_GIB
                vol._versions = np.concatenate([vol._versions, np.zeros(extra, np.int32)])
                vol.size_gib = size
            blocks = _model_blocks(written, block_size)
            if len(blocks):
                vol._write(blocks)
            gone = _model_blocks(discarded, block_size)
            if len(gone):
                vol._discard(gone)
            vol.snapshot(snap_id)
    except (ClientError, BotoCoreError) as exc:
        raise (messages.explain(exc) or exc) from None
    return model
