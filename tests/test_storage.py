"""labkit.storage: AWS's documented incremental-snapshot examples, a brute-force reference on random
histories, costs, bad input, and filling the model through the EBS direct APIs (Stubber, local AWS)."""

import base64
import hashlib

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from labkit import messages, storage
from labkit.messages import LabkitError

GIB = storage.BLOCKS_PER_GIB


# --- AWS's documented examples (docs/aws-behaviour.md, "Incremental snapshots") ---------------------
def test_block_size_is_ebs_block():
    """AWS: EBS direct APIs use 512 KiB blocks (524288 bytes)."""
    assert storage.BLOCK_SIZE == 524288
    assert storage.BLOCKS_PER_GIB == 2048


def test_aws_example_a_b_c():
    """AWS ("How snapshots work"): 15 GiB volume, 10 GiB data -> A stores 10; 4 GiB change -> B stores 4
    and refers to 6 in A; 2 GiB added -> C stores 2, refers to 4 in B and 6 in A; 16 GiB in total."""
    m = storage.aws_example()
    a, b, c = m.usage()
    assert (a.name, a.stored_gib, a.referenced_gib) == ("A", 10, 0)
    assert (b.name, b.stored_gib, b.referenced_gib, b.referenced_in) == ("B", 4, 6, {"A": 6})
    assert (c.name, c.stored_gib, c.referenced_gib, c.referenced_in) == ("C", 2, 10, {"A": 6, "B": 4})
    assert m.billed_gib() == 16
    assert m.full_copies_gib() == 10 + 10 + 12
    assert m.volume("vol").size_gib == 15


def test_snapshot_size_follows_data_not_volume():
    """AWS: a 200 GiB volume holding 50 GiB gives a 50 GiB first snapshot."""
    m = storage.Model()
    m.create_volume(200).write(50).snapshot("s1")
    assert m.stored_gib("s1") == 50 and m.billed_gib() == 50


def test_delete_a_keeps_what_b_needs():
    """AWS ("Delete a snapshot"): with A (10 GiB) and B (4 GiB changed), deleting A keeps the 6 GiB B
    still needs ("moved" to B) and the bill stays at 10 GiB."""
    m = storage.aws_example(upto="B")
    assert m.billed_gib() == 14
    assert m.freed_if_deleted_gib("A") == 4
    m.delete_snapshot("A")
    assert m.billed_gib() == 10
    (b,) = m.usage()
    assert (b.name, b.stored_gib, b.referenced_gib) == ("B", 10, 0)


def test_latest_snapshot_alone_restores_whole_volume():
    """AWS: the latest snapshot alone is always enough to restore the whole volume."""
    m = storage.aws_example()
    expected = m.volume("vol").contents()
    for name in ("A", "B"):
        m.delete_snapshot(name)
    assert np.array_equal(m.restore("C"), expected)
    assert m.usage()[0].stored_gib == 12 and m.billed_gib() == 12
    restored = m.volume_from_snapshot("C", "nuevo")
    assert np.array_equal(restored.contents(), expected) and restored.data_gib == 12


def test_deleting_middle_snapshot_moves_its_blocks_to_the_next():
    m = storage.aws_example()
    assert m.freed_if_deleted_gib("B") == 0          # C still refers to B's 4 GiB
    m.delete_snapshot("B")
    assert [u.stored_gib for u in m.usage()] == [10, 6]
    assert m.billed_gib() == 16


def test_volume_from_snapshot_is_incremental_to_it_while_it_exists():
    """AWS: a snapshot of a volume created from snapshot A is incremental to A (same owner, same key);
    otherwise it is a full snapshot."""
    m = storage.aws_example(upto="A")
    v2 = m.volume_from_snapshot("A", "copia", size_gib=20)
    v2.write(1, start_gib=15).snapshot("A2")
    assert (m.stored_gib("A2"), m.referenced_gib("A2")) == (1, 10)
    m2 = storage.aws_example(upto="A")
    v3 = m2.volume_from_snapshot("A")
    m2.delete_snapshot("A")
    v3.snapshot("full")
    assert (m2.stored_gib("full"), m2.referenced_gib("full")) == (10, 0)


def test_write_fraction_is_reproducible_and_exact():
    v1, v2, v3 = (storage.Model().create_volume(2) for _ in range(3))
    v1.write_fraction(0.25, seed=7)
    v2.write_fraction(0.25, seed=7)
    v3.write_fraction(0.25, seed=8)
    assert np.array_equal(v1.contents(), v2.contents())  # same seed: the same blocks
    assert v1.data_blocks == v3.data_blocks == 1024      # a quarter of 4096 blocks, exactly
    assert not np.array_equal(v1.contents() > 0, v3.contents() > 0)  # another seed: other blocks


def test_growth_table_and_repr():
    m = storage.aws_example()
    g = m.growth()
    assert list(g["incremental_gib"]) == [10, 14, 16] and list(g["full_gib"]) == [10, 20, 32]
    t = m.table()
    assert list(t.columns)[:3] == ["Snapshot", "Volumen", "Guardado (GiB)"]
    assert list(t["Guardado (GiB)"]) == [10, 4, 2]
    assert "16 GiB" in repr(m)


def test_owner_map_says_which_snapshot_holds_each_block():
    m = storage.aws_example()
    owners = m.owner_map("C")                 # indices into snapshot_names(): A=0, B=1, C=2
    assert (owners[:4 * GIB] == 1).all()      # the 4 GiB changed before B
    assert (owners[4 * GIB:10 * GIB] == 0).all()
    assert (owners[10 * GIB:12 * GIB] == 2).all()
    assert (owners[12 * GIB:] == -1).all()


# --- bad input: Spanish LabkitError, model unchanged ---------------------------------------
def _fingerprint(m):
    return (repr(m), [(u.name, u.stored_gib, u.referenced_gib, u.freed_if_deleted_gib) for u in m.usage()],
            {name: m.volume(name).contents().tobytes() for name in m.volume_names()}, m._version)


@pytest.mark.parametrize("action", [
    lambda m: m.create_volume(0),
    lambda m: m.create_volume(-5),
    lambda m: m.create_volume(1.5),
    lambda m: m.create_volume(True),
    lambda m: m.create_volume(1, "vol"),
    lambda m: m.volume("nada"),
    lambda m: m.volume("vol").write(0),
    lambda m: m.volume("vol").write(-1),
    lambda m: m.volume("vol").write(6, start_gib=10),
    lambda m: m.volume("vol").write(16),
    lambda m: m.volume("vol").write(1, start_gib=-1),
    lambda m: m.volume("vol").write_blocks(15 * GIB - 1, 15 * GIB + 1),
    lambda m: m.volume("vol").write_blocks(-1, 3),
    lambda m: m.volume("vol").write_blocks(5, 5),
    lambda m: m.volume("vol").write_fraction(1.5),
    lambda m: m.volume("vol").write_fraction(-0.1),
    lambda m: m.volume("vol").write_fraction(float("nan")),
    lambda m: m.volume("vol").write_fraction("mucho"),
    lambda m: m.volume("vol").snapshot("B"),
    lambda m: m.delete_snapshot("Z"),
    lambda m: m.delete_snapshot("A"),            # A was already deleted in the fixture
    lambda m: m.volume("vol").snapshot("A"),     # a deleted name is not reused
    lambda m: m.restore("A"),
    lambda m: m.volume_from_snapshot("A"),
    lambda m: m.volume_from_snapshot("C", size_gib=10),
    lambda m: m.volume_from_snapshot("C", size_gib=0),
    lambda m: m.stored_gib("Z"),
])
def test_bad_input_raises_spanish_error_and_changes_nothing(action):
    m = storage.aws_example()
    m.delete_snapshot("A")
    before = _fingerprint(m)
    with pytest.raises(LabkitError) as err:
        action(m)
    assert err.value.what and err.value.todo and err.value.code.startswith("Storage")
    templates = [getattr(messages, n) for n in dir(messages) if n.startswith("STORAGE_")]
    assert any(err.value.what.startswith(what.split("{")[0]) for what, _ in templates)   # Spanish text
    assert _fingerprint(m) == before


def test_deleting_twice_says_already_deleted():
    m = storage.aws_example()
    m.delete_snapshot("B")
    with pytest.raises(LabkitError, match="ya fue eliminado") as err:
        m.delete_snapshot("B")
    assert "'A', 'C'" in err.value.todo


# --- brute-force reference on random histories ---------------------------------------------
class Reference:
    """Per-block, dict-based AWS rules, written independently of storage.Model: physical chunks with
    an owner that literally moves to the next snapshot needing it when its owner is deleted."""

    def __init__(self):
        self.vols, self.snaps, self.chunks, self.next_chunk = {}, {}, {}, 0

    def add_volume(self, name, blocks, chain):
        self.vols[name] = {"blocks": list(blocks), "chain": chain}

    def write(self, name, where, version):
        for b in where:
            self.vols[name]["blocks"][b] = version

    def snapshot(self, vol, name):
        v = self.vols[vol]
        live_chain = [s for s in v["chain"] if not self.snaps[s]["deleted"]]
        parent = self.snaps[live_chain[-1]] if live_chain else None
        chunk_of = {}
        for b, version in enumerate(v["blocks"]):
            if not version:
                continue
            if parent and b < len(parent["versions"]) and parent["versions"][b] == version:
                chunk_of[b] = parent["chunk_of"][b]
            else:
                self.chunks[self.next_chunk] = name
                chunk_of[b] = self.next_chunk
                self.next_chunk += 1
        self.snaps[name] = {"versions": list(v["blocks"]), "chunk_of": chunk_of, "deleted": False,
                            "chunks": set(chunk_of.values())}
        v["chain"].append(name)

    def live(self):
        return [n for n, s in self.snaps.items() if not s["deleted"]]

    def delete(self, name):
        self.snaps[name]["deleted"] = True
        live = self.live()
        for cid, owner in list(self.chunks.items()):
            if owner != name:
                continue
            users = [n for n in live if cid in self.snaps[n]["chunks"]]
            if users:
                self.chunks[cid] = users[0]
            else:
                del self.chunks[cid]

    def usage(self):
        users = {}
        for n in self.live():
            for c in self.snaps[n]["chunks"]:
                users[c] = users.get(c, 0) + 1
        out = []
        for n in self.live():
            mine = [c for c, o in self.chunks.items() if o == n]
            refs = {}
            for c in self.snaps[n]["chunks"]:
                if self.chunks[c] != n:
                    refs[self.chunks[c]] = refs.get(self.chunks[c], 0) + 1
            out.append((n, len(mine), len(self.snaps[n]["chunk_of"]) - len(mine),
                        sum(1 for c in mine if users[c] == 1), refs))
        return out


ops = st.lists(st.one_of(
    st.tuples(st.just("blocks"), st.integers(0, 2), st.integers(0, 40), st.integers(1, 12)),
    st.tuples(st.just("gib"), st.integers(0, 2)),
    st.tuples(st.just("fraction"), st.integers(0, 2), st.sampled_from([0.0, 0.002, 0.01]), st.integers(0, 3)),
    st.tuples(st.just("snap"), st.integers(0, 2)),
    st.tuples(st.just("snap"), st.integers(0, 2)),
    st.tuples(st.just("delete"), st.integers(0, 20)),
    st.tuples(st.just("restore"), st.integers(0, 20)),
), max_size=25)


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops)
def test_model_matches_brute_force_reference(history):
    model, ref = storage.Model(), Reference()
    model.create_volume(1, "v0")
    ref.add_volume("v0", [0] * GIB, [])
    n_snap = 0
    for op in history:
        vols = model.volume_names()
        kind = op[0]
        if kind in ("blocks", "gib", "fraction", "snap"):
            name = vols[op[1] % len(vols)]
            vol = model.volume(name)
            if kind == "blocks":
                start, stop = op[2], min(op[2] + op[3], vol.n_blocks)
                vol.write_blocks(start, stop)
                ref.write(name, range(start, stop), model._version)
            elif kind == "gib":
                vol.write(1)
                ref.write(name, range(GIB), model._version)
            elif kind == "fraction":
                before = vol.contents()
                vol.write_fraction(op[2], seed=op[3])
                count = round(op[2] * vol.n_blocks)
                picked = np.random.default_rng(op[3]).choice(vol.n_blocks, size=count, replace=False)
                if count:
                    ref.write(name, picked.tolist(), model._version)
                else:
                    assert np.array_equal(before, vol.contents())
            else:
                n_snap += 1
                vol.snapshot(f"s{n_snap}")
                ref.snapshot(name, f"s{n_snap}")
        else:
            live = model.snapshot_names()
            if not live:
                continue
            target = live[op[1] % len(live)]
            if kind == "delete":
                model.delete_snapshot(target)
                ref.delete(target)
            elif len(vols) < 4:
                new = model.volume_from_snapshot(target)
                ref.add_volume(new.name, ref.snaps[target]["versions"], [target])
        if kind == "delete":
            _same(model, ref)
    _same(model, ref)


def _same(model, ref):
    got = [(u.name, u.stored_gib * GIB, u.referenced_gib * GIB, u.freed_if_deleted_gib * GIB,
            {k: v * GIB for k, v in u.referenced_in.items()}) for u in model.usage()]
    assert got == ref.usage()
    assert model.billed_gib() * GIB == len(ref.chunks)
    for name in model.snapshot_names():
        assert model.restore(name).tolist() == ref.snaps[name]["versions"]
    for name in model.volume_names():
        assert model.volume(name).contents().tolist() == ref.vols[name]["blocks"]


# --- the fast engine (bench/storage.py) against the model ----------------------------------
writes = st.lists(st.one_of(
    st.tuples(st.just("range"), st.integers(0, 60), st.integers(1, 30)),
    st.tuples(st.just("points"), st.lists(st.integers(0, 90), min_size=1, max_size=12)),
    st.tuples(st.just("snap")),
), max_size=30)


@settings(max_examples=80, deadline=None, database=None)
@given(writes)
def test_lineage_engine_matches_model(history):
    model = storage.Model()
    vol = model.create_volume(1)
    engine = storage.Lineage(vol.n_blocks)
    for op in history:
        if op[0] == "range":
            stop = min(op[1] + op[2], vol.n_blocks)
            vol.write_blocks(op[1], stop)
            engine.write_range(op[1], stop)
        elif op[0] == "points":
            for b in op[1]:
                vol.write_blocks(b, b + 1)
            engine.write(np.array(op[1]))
        else:
            vol.snapshot(f"s{len(model.snapshot_names())}")
            engine.snapshot()
    own, freed = engine.sizes()
    usage = model.usage()
    assert own.tolist() == [round(u.stored_gib * GIB) for u in usage]
    assert freed.tolist() == [round(u.freed_if_deleted_gib * GIB) for u in usage]


def test_lineage_rejects_bad_input():
    with pytest.raises(LabkitError):
        storage.Lineage(0)
    engine = storage.Lineage(10)
    with pytest.raises(LabkitError):
        engine.write([3, 10])
    with pytest.raises(LabkitError):
        engine.write_range(4, 4)
    engine.write([1, 2])
    engine.snapshot()
    assert engine.sizes()[0].tolist() == [2]


# --- costs (docs/aws-behaviour.md, "Prices": us-east-1, EBS user guide) -----------------------------
def test_prices_are_aws_us_east_1_with_date():
    """AWS (EBS user guide): standard $0.05/GB-month; archive $0.0125/GB-month, $0.03/GB restore,
    90-day minimum; us-east-1. Costs must show their date and region."""
    assert (storage.PRICE_STANDARD, storage.PRICE_ARCHIVE, storage.PRICE_ARCHIVE_RESTORE) == (0.05, 0.0125, 0.03)
    assert storage.ARCHIVE_MIN_DAYS == 90 and storage.PRICE_REGION == "us-east-1"
    note = storage.price_note()
    assert f"consultados en {storage.PRICES_AS_OF}" in note and "us-east-1" in note
    assert "vigentes" not in note  # they were consulted then, not promised valid
    assert storage.monthly_cost(16) == pytest.approx(0.80)
    assert storage.monthly_cost(16, "archive") == pytest.approx(0.20)
    assert storage.archive_cost(100, days=30) == pytest.approx(100 * 0.0125 * 3)       # 90-day minimum
    assert storage.archive_cost(100, days=120, restores=1) == pytest.approx(100 * (0.0125 * 4 + 0.03))


def test_model_costs_billed_versus_full_copies():
    costs = storage.aws_example().costs()
    assert (costs["billed_gib"], costs["full_gib"]) == (16, 32)
    assert costs["billed_usd"] == pytest.approx(0.80) and costs["full_usd"] == pytest.approx(1.60)
    assert costs["prices_as_of"] == storage.PRICES_AS_OF and costs["region"] == "us-east-1"


def test_retention_policy_matches_the_block_model():
    """One snapshot a day, keep 3, 10 % of a full 2 GiB volume changes a day: the formula equals
    simulating it with the model (deleting the oldest each day)."""
    series = storage.retention(2, 10, keep=3, days=8)
    model = storage.Model()
    vol = model.create_volume(2)
    vol.write(2)
    for day in range(1, 9):
        if day > 1:
            vol.write_fraction(0.10, seed=day)
        vol.snapshot(f"d{day}")
        if len(model.snapshot_names()) > 3:
            model.delete_snapshot(model.snapshot_names()[0])
        row = series.iloc[day - 1]
        assert row["incremental_gib"] == model.billed_gib()
        assert row["full_gib"] == model.full_copies_gib()
    cost = storage.retention_cost(2, 10, keep=3)
    assert cost["incremental_gib"] == model.billed_gib()
    assert cost["incremental_usd"] == pytest.approx(model.billed_gib() * 0.05)
    assert cost["full_usd"] == pytest.approx(6 * 0.05)
    assert "archive_usd" not in cost  # a daily rotation never belongs in the archive tier (90-day minimum)
    assert cost["prices_as_of"] == storage.PRICES_AS_OF and cost["region"] == "us-east-1"


def test_a_daily_rotation_in_the_archive_tier_costs_far_more():
    """AWS (EBS user guide, "Archive Amazon EBS snapshots"): an archived snapshot is full and billed
    90 days at least. Keeping 7 daily snapshots of 100 GiB there: each day one full snapshot billed
    90 days -> 100 x 0.0125 x 3 = 3.75 USD each, 30 a month = 112.50 USD, not 7 x 100 x 0.0125 = 8.75."""
    assert storage.daily_rotation_in_archive(100, keep=7) == pytest.approx(112.5)
    assert storage.daily_rotation_in_archive(100, keep=7) > 10 * storage.retention_cost(100, 2, 7)["incremental_usd"]


def test_archive_wins_only_for_long_kept_snapshots_that_differ_a_lot():
    """Monthly snapshots kept a year (AWS's "archiving full snapshots for compliance reasons"):
    standard = the incremental chain (100 + 11 x change) GiB x 0.05; archive = 12 full snapshots
    x 100 GiB x 0.0125 plus one restore a year (100 GiB x 0.03 / 12 a month)."""
    big = storage.archive_comparison(100, monthly_change_pct=40, keep_months=12, restores_per_year=1)
    assert big["standard_gib"] == pytest.approx(100 + 11 * 40) and big["archive_gib"] == pytest.approx(1200)
    assert big["standard_usd"] == pytest.approx(27.0)
    assert big["archive_usd"] == pytest.approx(15.0 + 0.25)
    assert big["winner"] == "archive"
    small = storage.archive_comparison(100, monthly_change_pct=5, keep_months=12, restores_per_year=1)
    assert small["standard_usd"] == pytest.approx(7.75) and small["winner"] == "standard"
    assert small["region"] == "us-east-1" and small["prices_as_of"] == storage.PRICES_AS_OF


@pytest.mark.parametrize("args", [(100, 5, 2), (100, 5, 2.5), (0, 5, 12), (100, 101, 12)])
def test_archive_comparison_rejects_what_the_archive_cannot_hold(args):
    """Fewer than 3 months kept cannot use the archive tier without paying the 90-day minimum."""
    with pytest.raises(LabkitError):
        storage.archive_comparison(*args)


@pytest.mark.parametrize("args", [(0, 5, 3), (10, -1, 3), (10, 101, 3), (10, 5, 0), (10, 5, 2.5), (-3, 5, 3)])
def test_retention_rejects_bad_policy(args):
    with pytest.raises(LabkitError, match="política de retención"):
        storage.retention_cost(*args)


# --- EBS direct APIs: botocore Stubber -----------------------------------------------------
class FakeLab:
    def __init__(self, clients):
        self._clients = clients

    def client(self, name):
        return self._clients[name]


def _stubbed_ebs():
    import boto3
    from botocore.stub import Stubber

    ebs = boto3.client("ebs", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    return ebs, Stubber(ebs)


def _blocks(indices):
    return [{"BlockIndex": i, "BlockToken": f"tok-{i}"} for i in indices]


def test_from_snapshots_reads_blocks_and_changes_with_pagination():
    """AWS: ListSnapshotBlocks returns all blocks holding data; ListChangedBlocks(First, Second) only
    the blocks that differ; both paginate with NextToken; blocks are 524288 bytes."""
    ebs, stub = _stubbed_ebs()
    first = list(range(0, 10 * GIB))            # 10 GiB of data, as in AWS's example
    page = {"VolumeSize": 15, "BlockSize": 524288}
    stub.add_response("list_snapshot_blocks", {**page, "Blocks": _blocks(first[:15000]), "NextToken": "p2"},
                      {"SnapshotId": "snap-a"})
    stub.add_response("list_snapshot_blocks", {**page, "Blocks": _blocks(first[15000:])},
                      {"SnapshotId": "snap-a", "NextToken": "p2"})
    changed = [{"BlockIndex": i, "FirstBlockToken": "f", "SecondBlockToken": "s"} for i in range(4 * GIB)]
    stub.add_response("list_changed_blocks", {**page, "ChangedBlocks": changed[:5000], "NextToken": "c2"},
                      {"FirstSnapshotId": "snap-a", "SecondSnapshotId": "snap-b"})
    stub.add_response("list_changed_blocks", {**page, "ChangedBlocks": changed[5000:]},
                      {"FirstSnapshotId": "snap-a", "SecondSnapshotId": "snap-b", "NextToken": "c2"})
    added = [{"BlockIndex": i, "SecondBlockToken": "s"} for i in range(10 * GIB, 12 * GIB)]
    gone = [{"BlockIndex": 0, "FirstBlockToken": "f"}]      # a block that no longer holds data
    stub.add_response("list_changed_blocks", {**page, "ChangedBlocks": added + gone},
                      {"FirstSnapshotId": "snap-b", "SecondSnapshotId": "snap-c"})
    with stub:
        model = storage.from_snapshots(FakeLab({"ebs": ebs}), ["snap-a", "snap-b", "snap-c"])
        stub.assert_no_pending_responses()
    a, b, c = model.usage()
    assert (a.name, a.stored_gib, b.stored_gib, b.referenced_gib) == ("snap-a", 10, 4, 6)
    assert c.stored_gib == 2 and c.restore_gib == 12 - 1 / GIB
    assert model.volume("vol").size_gib == 15


def test_from_snapshots_maps_smaller_api_blocks_and_explains_errors():
    ebs, stub = _stubbed_ebs()
    stub.add_response("list_snapshot_blocks", {"VolumeSize": 1, "BlockSize": 512, "Blocks": _blocks([0, 1, 1024])},
                      {"SnapshotId": "snap-a"})
    stub.add_client_error("list_changed_blocks", "ResourceNotFoundException", "The snapshot does not exist",
                          404)
    with stub:
        with pytest.raises(LabkitError) as err:
            storage.from_snapshots(FakeLab({"ebs": ebs}), ["snap-a", "snap-x"])
    assert err.value.code == "ResourceNotFoundException"
    ebs, stub = _stubbed_ebs()
    stub.add_response("list_snapshot_blocks", {"VolumeSize": 1, "BlockSize": 512, "Blocks": _blocks([0, 1, 1024])},
                      {"SnapshotId": "snap-a"})
    with stub:
        model = storage.from_snapshots(FakeLab({"ebs": ebs}), ["snap-a"])
    assert model.usage()[0].stored_gib * GIB == 2       # 512-byte blocks 0,1 -> block 0; 1024 -> block 1
    with pytest.raises(LabkitError):
        storage.from_snapshots(FakeLab({"ebs": ebs}), [])


# --- EBS direct APIs on the local AWS (relies on the fidelity fix, docs/local-aws-differences.md row 11) -----
def _put(ebs, snap_id, index, fill):
    data = bytes([fill]) * storage.BLOCK_SIZE
    checksum = base64.b64encode(hashlib.sha256(data).digest()).decode()
    ebs.put_snapshot_block(SnapshotId=snap_id, BlockIndex=index, BlockData=data, DataLength=len(data),
                           Checksum=checksum, ChecksumAlgorithm="SHA256")


def test_from_snapshots_on_local_aws(lab):
    """AWS: StartSnapshot answers BlockSize 524288; a child started with ParentSnapshotId is incremental;
    ListChangedBlocks returns only what differs. Relies on labkit fix ebs_direct."""
    ebs = lab.client("ebs")
    parent = ebs.start_snapshot(VolumeSize=1)
    assert parent["BlockSize"] == storage.BLOCK_SIZE
    for i in range(4):
        _put(ebs, parent["SnapshotId"], i, 1)
    ebs.complete_snapshot(SnapshotId=parent["SnapshotId"], ChangedBlocksCount=4)
    child = ebs.start_snapshot(VolumeSize=1, ParentSnapshotId=parent["SnapshotId"])
    _put(ebs, child["SnapshotId"], 1, 2)
    _put(ebs, child["SnapshotId"], 7, 2)
    ebs.complete_snapshot(SnapshotId=child["SnapshotId"], ChangedBlocksCount=2)
    model = storage.from_snapshots(lab, [parent["SnapshotId"], child["SnapshotId"]])
    a, b = model.usage()
    assert (a.stored_gib * GIB, b.stored_gib * GIB, b.referenced_gib * GIB) == (4, 2, 3)
    assert model.billed_gib() * GIB == 6
