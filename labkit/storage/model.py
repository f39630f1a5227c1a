"""The block model of incremental EBS snapshots: what each snapshot stores, what it refers to,
what is billed and what a deletion frees.

How AWS does it (docs/aws-behaviour.md, EBS user guide "How snapshots work", "Delete a snapshot"):
a volume is made of 512 KiB blocks. The first snapshot stores every block that holds data;
each later snapshot of the same volume stores only the blocks written since the previous one and
refers to older snapshots for the rest. Deleting a snapshot removes only the blocks no other
snapshot needs; the rest stays billed (AWS's figure shows it "moved" to the next snapshot).

The model: every write gives the written blocks a new *version*. A snapshot keeps, per block,
the version it captured and the *origin* of the stored copy (the snapshot that first stored
that version in this lineage). A stored copy is one (block, origin) pair; it is billed while
any existing snapshot refers to it, and it belongs to the oldest existing snapshot that does.
Nothing is moved on deletion: ownership is recomputed from the snapshots that remain.

Lineage: a snapshot is incremental to the volume's latest existing snapshot; for a volume
created from a snapshot, to that snapshot while it exists (docs/aws-behaviour.md: "incremental to A
if you own A"); with no parent it is a full snapshot.

Size: the model keeps two int32 per block per snapshot (100 GiB with 30 snapshots is about 50 MB
and sizes it in a fraction of a second); it is meant for classroom volumes. ``prices.retention``
gives long daily policies by formula, and ``lineage.Lineage`` handles huge volumes.
Used by 03_almacenamiento_incremental.ipynb and by ``labkit.charts`` / ``labkit.figures``.
"""


from dataclasses import dataclass

import numpy as np

from .. import messages
from .blocks import BLOCKS_PER_GIB, is_int, to_gib
from .prices import PRICE_REGION, PRICES_AS_OF, monthly_cost, price_note


@dataclass(frozen=True)
class SnapshotUsage:
    """What one snapshot stores itself, refers to in older snapshots, restores, and would free."""

    name: str
    volume: str
    stored_gib: float
    referenced_gib: float
    restore_gib: float
    freed_if_deleted_gib: float
    referenced_in: dict  # older snapshot name -> GiB this snapshot refers to there


class _Snapshot:
    __slots__ = ("name", "volume", "seq", "parent", "versions", "origin", "deleted")

    def __init__(self, name, volume, seq, parent, versions, origin):
        self.name, self.volume, self.seq, self.parent = name, volume, seq, parent
        self.versions, self.origin, self.deleted = versions, origin, False


class Volume:
    """One EBS volume of the model: ``size_gib`` GiB in 512 KiB blocks. Create it with
    ``Model.create_volume`` or ``Model.volume_from_snapshot`` (lesson 03 gets them that way)."""

    def __init__(self, model, name, size_gib, versions, chain):
        self._model = model
        self.name = name
        self.size_gib = size_gib
        self._versions = versions      # int32 per block: 0 = never written
        self._chain = chain            # snapshot names this volume's next snapshot may be incremental to

    def __repr__(self):
        return f"Volume({self.name!r}, {self.size_gib} GiB, {to_gib(self.data_blocks):g} GiB con datos)"

    @property
    def n_blocks(self):
        return len(self._versions)

    @property
    def data_blocks(self):
        """Blocks that hold data (were ever written)."""
        return int(np.count_nonzero(self._versions))

    @property
    def data_gib(self):
        return to_gib(self.data_blocks)

    def contents(self):
        """A copy of the per-block versions (0 = empty): two equal arrays mean equal data."""
        return self._versions.copy()

    def write(self, gib, start_gib=0):
        """Write ``gib`` whole GiB starting at GiB ``start_gib`` (new data or a change)."""
        if not is_int(gib) or gib <= 0:
            raise messages.error(messages.STORAGE_BAD_AMOUNT, code="StorageBadAmount", value=gib)
        if not is_int(start_gib) or start_gib < 0 or start_gib + gib > self.size_gib:
            raise self._past_end(f"escribir {gib!r} GiB desde el GiB {start_gib!r} llega al GiB "
                                 f"{start_gib + gib if is_int(start_gib) else '?'}")
        return self._write(slice(start_gib * BLOCKS_PER_GIB, (start_gib + gib) * BLOCKS_PER_GIB))

    def write_blocks(self, start, stop):
        """Write the 512 KiB blocks ``start`` .. ``stop - 1``."""
        if not (is_int(start) and is_int(stop)) or start < 0 or stop <= start:
            raise messages.error(messages.STORAGE_BAD_RANGE, code="StorageBadRange", start=start,
                                 stop=stop, n_blocks=self.n_blocks)
        if stop > self.n_blocks:
            raise self._past_end(f"el rango de bloques [{start}, {stop}) llega al bloque {stop - 1}")
        return self._write(slice(start, stop))

    def write_fraction(self, fraction, seed=0):
        """Rewrite ``round(fraction * blocks)`` distinct blocks chosen at random (reproducible by ``seed``)."""
        try:
            ok = 0 <= float(fraction) <= 1 and not isinstance(fraction, bool)
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise messages.error(messages.STORAGE_BAD_FRACTION, code="StorageBadFraction", value=fraction)
        count = round(float(fraction) * self.n_blocks)
        blocks = np.random.default_rng(seed).choice(self.n_blocks, size=count, replace=False)
        return self._write(np.sort(blocks))

    def snapshot(self, name):
        """Take a snapshot called ``name`` (incremental to the latest one of this lineage)."""
        return self._model._snapshot(self, name)

    def _write(self, where):
        self._versions[where] = self._model._next_version()
        return self

    def _discard(self, where):
        self._versions[where] = 0

    def _past_end(self, what):
        return messages.error(messages.STORAGE_PAST_END, code="StoragePastEnd", what=what, volume=self.name,
                              size_gib=self.size_gib, n_blocks=self.n_blocks, last=self.n_blocks - 1)


class Model:
    """Volumes and their snapshots, with AWS's incremental storage rules.

    >>> m = Model(); v = m.create_volume(15, "vol")
    >>> v.write(10).snapshot("A"); v.write(4).snapshot("B")        # doctest: +ELLIPSIS
    Volume(...
    >>> m.billed_gib()
    14.0

    Used by 03_almacenamiento_incremental.ipynb.
    """

    def __init__(self):
        self._volumes = {}
        self._snapshots = {}   # name -> _Snapshot, in creation order (deleted ones kept, marked)
        self._version = 0
        self._cache = None     # ownership stats of the live snapshots (see _stats)

    def __repr__(self):
        names = ", ".join(self.snapshot_names()) or "ninguno"
        return (f"Model({len(self._volumes)} volúmenes, snapshots: {names}; "
                f"facturado {self.billed_gib():g} GiB)")

    # --- building ---------------------------------------------------------------------------
    def create_volume(self, size_gib, name=None):
        """A new empty volume of ``size_gib`` GiB (an integer > 0, as in EBS)."""
        if not is_int(size_gib) or size_gib <= 0:
            raise messages.error(messages.STORAGE_BAD_SIZE, code="StorageBadSize", value=size_gib)
        name = self._new_volume_name(name)
        vol = Volume(self, name, int(size_gib), np.zeros(size_gib * BLOCKS_PER_GIB, np.int32), [])
        self._volumes[name] = vol
        return vol

    def volume(self, name):
        if name not in self._volumes:
            raise messages.error(messages.STORAGE_UNKNOWN_VOLUME, code="StorageUnknownVolume", name=name,
                                 known=", ".join(map(repr, self._volumes)) or "ninguno")
        return self._volumes[name]

    def volume_from_snapshot(self, snapshot, name=None, size_gib=None):
        """A new volume holding exactly what ``snapshot`` captured (optionally larger).

        Its snapshots are incremental to ``snapshot`` while it exists."""
        snap = self._existing(snapshot)
        min_gib = len(snap.versions) // BLOCKS_PER_GIB
        if size_gib is None:
            size_gib = min_gib
        if not is_int(size_gib) or size_gib <= 0:
            raise messages.error(messages.STORAGE_BAD_SIZE, code="StorageBadSize", value=size_gib)
        if size_gib < min_gib:
            raise messages.error(messages.STORAGE_VOLUME_TOO_SMALL, code="StorageVolumeTooSmall",
                                 name=snapshot, min_gib=min_gib, value=size_gib)
        name = self._new_volume_name(name)
        versions = np.zeros(size_gib * BLOCKS_PER_GIB, np.int32)
        versions[:len(snap.versions)] = snap.versions
        vol = Volume(self, name, int(size_gib), versions, [snap.name])
        self._volumes[name] = vol
        return vol

    def delete_snapshot(self, name):
        """Delete a snapshot: blocks a remaining snapshot still needs stay (and stay billed)."""
        self._existing(name).deleted = True
        self._cache = None

    def copy(self):
        """An independent copy (to try a deletion without changing this model)."""
        new = Model()
        new._version = self._version
        for vol in self._volumes.values():
            new._volumes[vol.name] = Volume(new, vol.name, vol.size_gib, vol._versions.copy(), list(vol._chain))
        for snap in self._snapshots.values():
            copy = _Snapshot(snap.name, snap.volume, snap.seq, snap.parent, snap.versions, snap.origin)
            copy.deleted = snap.deleted
            new._snapshots[snap.name] = copy
        return new

    # --- reading ----------------------------------------------------------------------------
    def snapshot_names(self):
        """Existing snapshots, oldest first."""
        return [s.name for s in self._snapshots.values() if not s.deleted]

    def volume_names(self):
        return list(self._volumes)

    def restore(self, name):
        """What a volume created from snapshot ``name`` would hold (per-block versions, 0 = empty)."""
        return self._existing(name).versions.copy()

    def usage(self):
        """A ``SnapshotUsage`` per existing snapshot, oldest first."""
        snaps = self._live()
        stats = self._stats()
        out = []
        for i, snap in enumerate(snaps):
            refs = {snaps[j].name: to_gib(int(stats["refs"][i, j])) for j in range(len(snaps))
                    if j != i and stats["refs"][i, j]}
            out.append(SnapshotUsage(snap.name, snap.volume, to_gib(int(stats["stored"][i])),
                                     to_gib(int(stats["data"][i] - stats["stored"][i])), to_gib(int(stats["data"][i])),
                                     to_gib(int(stats["freed"][i])), refs))
        return out

    def stored_gib(self, name):
        return self._usage_of(name).stored_gib

    def referenced_gib(self, name):
        return self._usage_of(name).referenced_gib

    def freed_if_deleted_gib(self, name):
        return self._usage_of(name).freed_if_deleted_gib

    def billed_gib(self):
        """GiB of snapshot storage billed: every stored block that some snapshot still needs, once."""
        return to_gib(self._stats()["billed"])

    def full_copies_gib(self):
        """GiB that full copies (one complete copy per snapshot) would take instead."""
        return to_gib(sum(int(np.count_nonzero(s.versions)) for s in self._live()))

    def costs(self):
        """Monthly USD of what is billed now versus full copies, standard tier, with the prices'
        date and region (``note``). Reached from 03_almacenamiento_incremental through ``storage.retention_cost``."""
        billed, full = self.billed_gib(), self.full_copies_gib()
        return {"billed_gib": billed, "full_gib": full, "billed_usd": monthly_cost(billed),
                "full_usd": monthly_cost(full), "prices_as_of": PRICES_AS_OF, "region": PRICE_REGION,
                "note": price_note()}

    def owner_map(self, name):
        """Per block of snapshot ``name``: index (in ``snapshot_names()``) of the snapshot that holds
        the stored copy it uses, or -1 where the snapshot has no data. Drives ``charts.block_map``."""
        snap = self._existing(name)
        stats = self._stats()
        out = np.full(len(snap.origin), -1, np.int64)
        blocks = np.flatnonzero(snap.origin >= 0)
        out[blocks] = stats["first"][stats["row"][snap.origin[blocks]] * stats["width"] + blocks]
        return out

    def growth(self):
        """Billed GiB (incremental) and full-copy GiB as the existing snapshots accumulate, oldest
        first: a pandas DataFrame with columns snapshot, incremental_gib, full_gib."""
        import pandas as pd

        usage = self.usage()
        return pd.DataFrame({
            "snapshot": [u.name for u in usage],
            "incremental_gib": np.cumsum([u.stored_gib for u in usage]),
            "full_gib": np.cumsum([u.restore_gib for u in usage]),
        })

    def table(self):
        """The usage as a pandas DataFrame with Spanish headers (what notebooks display)."""
        import pandas as pd

        rows = [[u.name, u.volume, u.stored_gib, u.referenced_gib, u.restore_gib, u.freed_if_deleted_gib]
                for u in self.usage()]
        return pd.DataFrame(rows, columns=["Snapshot", "Volumen", "Guardado (GiB)", "Referenciado (GiB)",
                                           "Restaura (GiB)", "Se libera al borrarlo (GiB)"])

    # --- internals --------------------------------------------------------------------------
    def _next_version(self):
        self._version += 1
        return self._version

    def _new_volume_name(self, name):
        if name is None:
            n = len(self._volumes) + 1
            while f"vol-{n}" in self._volumes:
                n += 1
            return f"vol-{n}"
        if name in self._volumes:
            raise messages.error(messages.STORAGE_DUPLICATE_VOLUME, code="StorageDuplicateVolume", name=name)
        return name

    def _snapshot(self, vol, name):
        if name in self._snapshots:
            raise messages.error(messages.STORAGE_DUPLICATE_SNAPSHOT, code="StorageDuplicateSnapshot", name=name)
        parent = next((self._snapshots[p] for p in reversed(vol._chain) if not self._snapshots[p].deleted), None)
        versions = vol._versions.copy()
        origin = np.full(len(versions), -1, np.int32)
        has = versions != 0
        seq = len(self._snapshots)
        if parent is not None:
            n = min(len(parent.versions), len(versions))
            same = np.zeros(len(versions), bool)
            same[:n] = has[:n] & (parent.versions[:n] == versions[:n])
            origin[same] = parent.origin[:n][same[:n]]
            origin[has & ~same] = seq
        else:
            origin[has] = seq
        self._snapshots[name] = _Snapshot(name, vol.name, seq, parent.name if parent else None, versions, origin)
        vol._chain.append(name)
        self._cache = None
        return vol

    def _existing(self, name):
        snap = self._snapshots.get(name) if isinstance(name, str) else None
        known = ", ".join(map(repr, self.snapshot_names())) or "ninguno"
        if snap is None:
            raise messages.error(messages.STORAGE_UNKNOWN_SNAPSHOT, code="StorageUnknownSnapshot", name=name,
                                 known=known)
        if snap.deleted:
            raise messages.error(messages.STORAGE_ALREADY_DELETED, code="StorageAlreadyDeleted", name=name,
                                 known=known)
        return snap

    def _live(self):
        return [s for s in self._snapshots.values() if not s.deleted]

    def _usage_of(self, name):
        self._existing(name)
        return next(u for u in self.usage() if u.name == name)

    def _stats(self):
        """Ownership of stored copies among the live snapshots (oldest first), cached until the next
        snapshot or deletion: each (block, origin) pair is one stored copy, owned by the oldest live
        snapshot that refers to it. One pass per snapshot over its blocks (numpy), tables of
        (origins x blocks) int32: no global sort, memory of the order of the snapshots themselves."""
        if self._cache is not None:
            return self._cache
        live = self._live()
        k = len(live)
        width = max((len(s.origin) for s in live), default=0)
        present = np.zeros(len(self._snapshots) + 1, bool)
        for snap in live:                      # origins in use (np.bincount: no sort)
            present |= np.bincount(snap.origin + 1, minlength=len(present)) > 0
        origins = np.flatnonzero(present[1:])
        row = np.full(len(self._snapshots) + 1, -1, np.int64)
        row[origins] = np.arange(len(origins))
        first = np.full(len(origins) * width, -1, np.int32)    # first live referrer of each stored copy
        users = np.zeros(len(origins) * width, np.int32)       # how many live snapshots refer to it
        refs = np.zeros((k, k), np.int64)
        data = np.zeros(k, np.int64)
        for i, snap in enumerate(live):
            blocks = np.flatnonzero(snap.origin >= 0)
            key = row[snap.origin[blocks]] * width + blocks
            owner = first[key]
            new = owner < 0
            first[key[new]] = i
            owner[new] = i
            users[key] += 1                                     # one key per block: no repeats
            refs[i] = np.bincount(owner, minlength=k)
            data[i] = len(blocks)
        stored = np.diagonal(refs).copy()
        freed = np.bincount(first[users == 1], minlength=k).astype(np.int64)
        stats = {"stored": stored, "data": data, "freed": freed, "billed": int(stored.sum()), "refs": refs,
                 "first": first, "row": row, "width": width}
        self._cache = stats
        return stats


def aws_example(upto="C"):
    """AWS's documented example (EBS user guide, "How snapshots work"; docs/aws-behaviour.md): a 15 GiB
    volume with 10 GiB of data -> snapshot A; 4 GiB change -> B; 2 GiB added -> C.

    ``upto`` stops after "A" or "B". Used by figure 016 and 03_almacenamiento_incremental.ipynb."""
    model = Model()
    vol = model.create_volume(15, "vol")
    vol.write(10).snapshot("A")
    if upto == "A":
        return model
    vol.write(4).snapshot("B")
    if upto == "B":
        return model
    vol.write(2, start_gib=10).snapshot("C")
    return model
