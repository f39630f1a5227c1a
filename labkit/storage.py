"""Block-level model of incremental EBS snapshots: what each snapshot stores, what it refers
to, what is billed, what a deletion frees, and what it costs.

Used by 03_almacenamiento_incremental.ipynb (the FAQ figure 016, live), 06_faq_y_limpieza.ipynb
(deleting snapshots, costs) and by ``labkit.charts`` / ``labkit.figures``.

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
created from a snapshot, to that snapshot while it exists (docs/aws-behaviour.md: "incremental to A if you
own A"); with no parent it is a full snapshot.

Size: the model keeps two int32 per block per snapshot (100 GiB with 30 snapshots is about 50 MB
and sizes it in a fraction of a second); it is meant for classroom volumes. ``retention`` gives
long daily policies by formula, and ``Lineage`` handles huge volumes.

``Lineage`` is a streaming engine for one volume whose snapshots are all kept: it gives every
snapshot's own size and what deleting it would free in time proportional to the number of block
writes and memory proportional to the writes of one snapshot interval (see bench/storage.py).
"""

from dataclasses import dataclass

import numpy as np

from . import messages

BLOCK_SIZE = 524288                       # bytes: the EBS block (docs/aws-behaviour.md, EBS direct APIs)
BLOCKS_PER_GIB = 2**30 // BLOCK_SIZE      # 2048

# Prices: us-east-1, EBS user guide (docs/aws-behaviour.md). Always shown with PRICES_AS_OF and the region.
PRICES_AS_OF = "2026-11"
PRICE_REGION = "us-east-1"
PRICE_STANDARD = 0.05          # USD per GB-month, standard tier
PRICE_ARCHIVE = 0.0125         # USD per GB-month, archive tier (full snapshots)
PRICE_ARCHIVE_RESTORE = 0.03   # USD per GB restored from the archive tier
ARCHIVE_MIN_DAYS = 90          # archive tier minimum billed period
DAYS_PER_MONTH = 30


def price_note():
    """The Spanish line that goes next to any cost the kit shows."""
    return (f"Precios de {PRICE_REGION} según la guía de usuario de Amazon EBS, vigentes en "
            f"{PRICES_AS_OF}: estándar {PRICE_STANDARD} USD por GB-mes, archivo {PRICE_ARCHIVE} USD por "
            f"GB-mes (mínimo {ARCHIVE_MIN_DAYS} días, restaurar {PRICE_ARCHIVE_RESTORE} USD por GB).")


def to_gib(blocks):
    """Blocks of 512 KiB -> GiB (float)."""
    return blocks / BLOCKS_PER_GIB


def _is_int(value):
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


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
    ``Model.create_volume`` or ``Model.volume_from_snapshot``. Used by 03_almacenamiento_incremental."""

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
        if not _is_int(gib) or gib <= 0:
            raise messages.error(messages.STORAGE_BAD_AMOUNT, code="StorageBadAmount", value=gib)
        if not _is_int(start_gib) or start_gib < 0 or start_gib + gib > self.size_gib:
            raise self._past_end(f"escribir {gib!r} GiB desde el GiB {start_gib!r} llega al GiB "
                                 f"{start_gib + gib if _is_int(start_gib) else '?'}")
        return self._write(slice(start_gib * BLOCKS_PER_GIB, (start_gib + gib) * BLOCKS_PER_GIB))

    def write_blocks(self, start, stop):
        """Write the 512 KiB blocks ``start`` .. ``stop - 1``."""
        if not (_is_int(start) and _is_int(stop)) or start < 0 or stop <= start:
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

    Used by 03_almacenamiento_incremental.ipynb and 06_faq_y_limpieza.ipynb.
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
        if not _is_int(size_gib) or size_gib <= 0:
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
        if not _is_int(size_gib) or size_gib <= 0:
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
        date and region (``note``). Used by 03_almacenamiento_incremental and 06_faq_y_limpieza."""
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


# --- costs --------------------------------------------------------------------------------
def monthly_cost(gib_stored, tier="standard"):
    """USD per month for ``gib_stored`` GiB of snapshots in ``tier`` ('standard' or 'archive'),
    at the prices of PRICE_REGION as of PRICES_AS_OF (show ``price_note()`` with it)."""
    return gib_stored * {"standard": PRICE_STANDARD, "archive": PRICE_ARCHIVE}[tier]


def archive_cost(gib_full, days=ARCHIVE_MIN_DAYS, restores=0):
    """USD for keeping a (full) archived snapshot ``days`` days (at least the 90-day minimum is
    billed) and restoring it ``restores`` times."""
    billed_days = max(days, ARCHIVE_MIN_DAYS)
    return gib_full * (PRICE_ARCHIVE * billed_days / DAYS_PER_MONTH + PRICE_ARCHIVE_RESTORE * restores)


def _check_policy(volume_gib, change_pct, keep, used_gib, days=1):
    problems = []
    if not _is_int(volume_gib) or volume_gib <= 0:
        problems.append(f"el volumen debe tener un número entero de GiB mayor que cero (recibido {volume_gib!r})")
    elif used_gib is not None and not (0 < used_gib <= volume_gib):
        problems.append(f"los datos ({used_gib!r} GiB) deben ser más de 0 y como mucho {volume_gib} GiB")
    try:
        pct_ok = 0 <= float(change_pct) <= 100
    except (TypeError, ValueError):
        pct_ok = False
    if not pct_ok:
        problems.append(f"el cambio diario debe estar entre 0 % y 100 % (recibido {change_pct!r})")
    if not _is_int(keep) or keep < 1:
        problems.append(f"hay que conservar al menos 1 `snapshot` (recibido {keep!r})")
    if not _is_int(days) or days < 1:
        problems.append(f"los días deben ser un entero ≥ 1 (recibido {days!r})")
    if problems:
        raise messages.error(messages.STORAGE_BAD_POLICY, code="StorageBadPolicy", detail="; ".join(problems))


def retention(volume_gib, change_pct, keep, days=30, used_gib=None):
    """Day by day storage of "one snapshot a day, keep ``keep``, ``change_pct`` % of the data
    changes a day" (different blocks within a day): a DataFrame with columns day, kept,
    incremental_gib (billed), full_gib (full copies instead).

    Exact for the block model: the oldest kept snapshot holds all the data, each newer one the
    blocks changed that day. Used by 06_faq_y_limpieza.ipynb and the retention widget."""
    import pandas as pd

    _check_policy(volume_gib, change_pct, keep, used_gib, days)
    data = round((volume_gib if used_gib is None else used_gib) * BLOCKS_PER_GIB)
    change = round(float(change_pct) / 100 * data)
    day = np.arange(1, days + 1)
    kept = np.minimum(day, keep)
    return pd.DataFrame({
        "day": day,
        "kept": kept,
        "incremental_gib": to_gib(data + (kept - 1) * change),
        "full_gib": to_gib(kept * data),
    })


def retention_cost(volume_gib, change_pct, keep, used_gib=None):
    """Monthly cost once the policy is steady (``keep`` snapshots kept): dict with GiB and USD for
    incremental snapshots, full copies, and full copies in the archive tier, plus the price date
    and region (``note``). Used by 06_faq_y_limpieza.ipynb and ``charts.monthly_cost``."""
    row = retention(volume_gib, change_pct, keep, days=keep, used_gib=used_gib).iloc[-1]
    inc, full = float(row["incremental_gib"]), float(row["full_gib"])
    return {
        "incremental_gib": inc,
        "full_gib": full,
        "incremental_usd": monthly_cost(inc),
        "full_usd": monthly_cost(full),
        "archive_usd": monthly_cost(full, "archive"),
        "prices_as_of": PRICES_AS_OF,
        "region": PRICE_REGION,
        "note": price_note(),
    }


# --- fast engine for one volume whose snapshots are all kept -------------------------------
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
        if not _is_int(n_blocks) or n_blocks <= 0:
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
        if not (_is_int(start) and _is_int(stop)) or not 0 <= start < stop <= self.n_blocks:
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


# --- filling the model from real snapshots (EBS direct APIs) -------------------------------
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
