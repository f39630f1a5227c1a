"""``Lineage``: a streaming engine that sizes one volume's snapshots (all kept) in O(writes),
for volumes far larger than the block model holds. Used by bench/storage.py; checked against
``model.Model`` in tests/test_storage.py. No lesson uses it."""

import numpy as np

from .. import messages
from .blocks import is_int


class Lineage:
    """One volume's stream of block writes and snapshots (all kept), sized in O(writes).

    For each snapshot k: ``own[k]`` = distinct blocks written since snapshot k-1 (what it stores),
    ``freed[k]`` = blocks it stores that were written again before snapshot k+1 (no other snapshot
    refers to them, so deleting k frees them); the newest snapshot frees all it stores.
    State is one interval's write set (sorted unique blocks plus whole ranges), so memory
    follows the writes between two snapshots, not the volume size or the snapshot count.
    Used by bench/storage.py and checked against ``Model`` in tests/test_storage.py.
    """

    def __init__(self, n_blocks):
        if not is_int(n_blocks) or n_blocks <= 0:
            raise messages.error(messages.STORAGE_BAD_SIZE, code="StorageBadSize", value=n_blocks)
        self.n_blocks = int(n_blocks)
        self._dtype = np.int32 if n_blocks < 2**31 else np.int64
        self._ranges, self._points = [], []
        self._prev = None           # (starts, stops, points) of the last closed interval
        self._own, self._freed = [], []

    def write(self, blocks):
        """Record writes to ``blocks`` (any order, repeats allowed)."""
        blocks = np.asarray(blocks)
        if blocks.size and (blocks.min() < 0 or blocks.max() >= self.n_blocks):
            raise messages.error(messages.STORAGE_BAD_RANGE, code="StorageBadRange", start=int(blocks.min()),
                                 stop=int(blocks.max()) + 1, n_blocks=self.n_blocks)
        self._points.append(blocks.astype(self._dtype, copy=False).ravel())

    def write_range(self, start, stop):
        """Record writes to blocks ``start`` .. ``stop - 1``."""
        if not (is_int(start) and is_int(stop)) or not 0 <= start < stop <= self.n_blocks:
            raise messages.error(messages.STORAGE_BAD_RANGE, code="StorageBadRange", start=start, stop=stop,
                                 n_blocks=self.n_blocks)
        self._ranges.append((int(start), int(stop)))

    def snapshot(self):
        """Close the interval: the next snapshot captures the blocks written in it."""
        cur = self._close()
        size = _set_size(cur)
        if self._prev is not None:
            self._freed[-1] = _intersection_size(self._prev, cur)
        self._own.append(size)
        self._freed.append(size)        # newest snapshot: frees everything it stores
        self._prev = cur

    def sizes(self):
        """(own, freed): int64 arrays in blocks, one entry per snapshot, oldest first."""
        return np.array(self._own, np.int64), np.array(self._freed, np.int64)

    def _close(self):
        starts, stops = _merge_ranges(self._ranges)
        if len(self._points) == 1:
            pts = np.sort(self._points[0])
        elif self._points:
            pts = np.sort(np.concatenate(self._points))
        else:
            pts = np.zeros(0, self._dtype)
        if len(pts) > 1:
            keep = np.empty(len(pts), bool)
            keep[0] = True
            np.not_equal(pts[1:], pts[:-1], out=keep[1:])
            pts = pts[keep]
        if len(starts) and len(pts):
            pts = pts[~_inside(starts, stops, pts)]
        self._ranges, self._points = [], []
        return starts, stops, pts


def _merge_ranges(ranges):
    """Disjoint sorted [start, stop) intervals covering ``ranges``."""
    if not ranges:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    r = np.array(sorted(ranges), np.int64)
    starts, stops = r[:, 0], r[:, 1]
    reach = np.maximum.accumulate(stops)
    new = np.ones(len(r), bool)
    new[1:] = starts[1:] > reach[:-1]
    idx = np.flatnonzero(new)
    ends = np.append(idx[1:], len(r)) - 1
    return starts[idx], reach[ends]


def _inside(starts, stops, points):
    j = np.searchsorted(starts, points, side="right") - 1
    return (j >= 0) & (points < stops[np.maximum(j, 0)])


def _set_size(s):
    starts, stops, pts = s
    return int((stops - starts).sum()) + len(pts)


def _covered(starts, stops):
    """Length of the union of any [start, stop) intervals."""
    if len(starts) == 0:
        return 0
    order = np.argsort(starts, kind="stable")
    starts, stops = starts[order], stops[order]
    before = np.concatenate([[starts[0]], np.maximum.accumulate(stops)[:-1]])
    return int(np.maximum(0, stops - np.maximum(starts, before)).sum())


def _intersection_size(a, b):
    (sa, ea, pa), (sb, eb, pb) = a, b
    both = int((ea - sa).sum()) + int((eb - sb).sum()) - _covered(np.concatenate([sa, sb]), np.concatenate([ea, eb]))
    if len(sa) and len(pb):
        both += int(np.count_nonzero(_inside(sa, ea, pb)))
    if len(sb) and len(pa):
        both += int(np.count_nonzero(_inside(sb, eb, pa)))
    if len(pa) and len(pb):
        merged = np.sort(np.concatenate([pa, pb]), kind="stable")   # two sorted runs: a linear merge
        both += int(np.count_nonzero(merged[1:] == merged[:-1]))
    return both
