"""EBS blocks: the 512 KiB unit of the storage model and of the EBS direct APIs.

The single source of ``BLOCK_SIZE`` for the kit (the local AWS imports it from ``labkit.storage``).
"""

import numpy as np

BLOCK_SIZE = 524288                       # bytes: the EBS block (docs/aws-behaviour.md, EBS direct APIs)
BLOCKS_PER_GIB = 2**30 // BLOCK_SIZE      # 2048


def to_gib(blocks):
    """Blocks of 512 KiB -> GiB (float)."""
    return blocks / BLOCKS_PER_GIB


def is_int(value):
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))
