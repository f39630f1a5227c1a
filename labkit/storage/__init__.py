"""Incremental EBS snapshot storage, modelled block by block.

- ``blocks``: the 512 KiB EBS block (``BLOCK_SIZE``, the kit's single source) and GiB conversions.
- ``model``: the block model (``Model``, ``Volume``, ``aws_example``) used by lesson 03.
- ``prices``: prices with their date and region, retention policies and their monthly cost.
- ``ebs_direct``: ``from_snapshots``, the model filled from real snapshots (EBS direct APIs).
- ``lineage``: ``Lineage``, a streaming engine for huge volumes (bench/ and tests only).
"""

from .blocks import BLOCK_SIZE, BLOCKS_PER_GIB, to_gib
from .ebs_direct import from_snapshots
from .lineage import Lineage
from .model import Model, SnapshotUsage, Volume, aws_example
from .prices import (
    ARCHIVE_MIN_DAYS,
    DAYS_PER_MONTH,
    PRICE_ARCHIVE,
    PRICE_ARCHIVE_RESTORE,
    PRICE_REGION,
    PRICE_STANDARD,
    PRICES_AS_OF,
    archive_comparison,
    archive_cost,
    daily_rotation_in_archive,
    monthly_cost,
    price_note,
    retention,
    retention_cost,
)

__all__ = [
    "ARCHIVE_MIN_DAYS", "BLOCKS_PER_GIB", "BLOCK_SIZE", "DAYS_PER_MONTH", "Lineage", "Model", "PRICES_AS_OF",
    "PRICE_ARCHIVE", "PRICE_ARCHIVE_RESTORE", "PRICE_REGION", "PRICE_STANDARD", "SnapshotUsage", "Volume",
    "archive_comparison", "archive_cost", "aws_example", "daily_rotation_in_archive", "from_snapshots", "monthly_cost", "price_note", "retention", "retention_cost",
    "to_gib",
]
