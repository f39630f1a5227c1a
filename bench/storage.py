"""Benchmark of labkit.storage.Lineage (not a test): run `python bench/storage.py` from the repo root.

Case: a 16 TiB volume (33,554,432 blocks of 512 KiB) fully written, then N snapshots with
1 % of the blocks rewritten at random before each; we want every snapshot's own size and what
deleting each one would free. Targets: N=100 in < 2 s and < 1 GiB peak memory; time must follow
the number of writes (not blocks x snapshots) and memory must not grow with N.

Each case runs in a fresh child process so its peak RSS (ru_maxrss, whole process: interpreter,
numpy, generator and engine) is its own. "engine" is the time inside Lineage; "total" adds drawing
the random block numbers. Random blocks are drawn with replacement (numpy integers), so a few
(~0.5 % of 1 %) repeat within a snapshot interval; the engine counts distinct blocks.
"""

import json
import os
import resource
import subprocess
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from labkit import storage  # noqa: E402

TIB16_BLOCKS = 16 * 1024 * storage.BLOCKS_PER_GIB     # 33,554,432


def run_case(n_blocks, n_snapshots, fraction=0.01, seed=0):
    rng = np.random.default_rng(seed)
    per = round(n_blocks * fraction)
    engine_time = 0.0
    start, cpu_start = time.perf_counter(), time.process_time()
    t = time.perf_counter()
    lin = storage.Lineage(n_blocks)
    lin.write_range(0, n_blocks)                          # fully written
    engine_time += time.perf_counter() - t
    for _ in range(n_snapshots):
        blocks = rng.integers(0, n_blocks, per, dtype=np.int32)
        t = time.perf_counter()
        lin.write(blocks)
        lin.snapshot()
        engine_time += time.perf_counter() - t
    t = time.perf_counter()
    own, freed = lin.sizes()
    engine_time += time.perf_counter() - t
    total = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    return {
        "blocks": n_blocks, "snapshots": n_snapshots, "rewrites": per * n_snapshots,
        "writes": n_blocks + per * n_snapshots, "engine_s": engine_time, "total_s": total, "cpu_s": cpu,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "own_first": int(own[0]), "own_mean_rest": float(own[1:].mean()), "freed_mean": float(freed[:-1].mean()),
        "own_last": int(own[-1]), "freed_last": int(freed[-1]),
    }


def naive(n_blocks, n_snapshots, fraction=0.01, seed=0):
    """Straightforward per-block Python: keep every snapshot's full block map, compare block by block."""
    rng = np.random.default_rng(seed)
    per = round(n_blocks * fraction)
    volume = [1] * n_blocks
    maps = []
    version = 1
    batches = [rng.integers(0, n_blocks, per, dtype=np.int32).tolist() for _ in range(n_snapshots)]
    start = time.perf_counter()
    for batch in batches:
        version += 1
        for b in batch:
            volume[b] = version
        maps.append(list(volume))
    own, freed = [], []
    for k, m in enumerate(maps):
        prev = maps[k - 1] if k else [0] * n_blocks
        nxt = maps[k + 1] if k + 1 < len(maps) else None
        mine = [b for b in range(n_blocks) if m[b] != prev[b]]
        own.append(len(mine))
        freed.append(sum(1 for b in mine if nxt is None or nxt[b] != m[b]))
    return time.perf_counter() - start, own, freed


def lineage_small(n_blocks, n_snapshots, fraction=0.01, seed=0):
    rng = np.random.default_rng(seed)
    per = round(n_blocks * fraction)
    batches = [rng.integers(0, n_blocks, per, dtype=np.int32) for _ in range(n_snapshots)]
    best = None
    for _ in range(5):
        start = time.perf_counter()
        lin = storage.Lineage(n_blocks)
        lin.write_range(0, n_blocks)
        for batch in batches:
            lin.write(batch)
            lin.snapshot()
        own, freed = lin.sizes()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, own.tolist(), freed.tolist()


def child(n_snapshots, repeat):
    results = [run_case(TIB16_BLOCKS, n_snapshots) for _ in range(repeat)]
    best = min(results, key=lambda r: r["total_s"])
    best["total_s_all"] = [round(r["total_s"], 3) for r in results]
    best["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(best))


def main():
    print(__doc__.strip().splitlines()[0])
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} (other work shares them)")
    print(f"16 TiB = {TIB16_BLOCKS:,} blocks of 512 KiB; 1 % = {round(TIB16_BLOCKS * 0.01):,} blocks per snapshot\n")
    print(f"{'snapshots':>9} {'random rewrites':>15} {'engine s':>9} {'total s':>8} {'rewrites/s':>12} "
          f"{'ms/snapshot':>11} {'cpu s':>6} {'peak RSS MiB':>12}   runs (total s)")
    for n, repeat in ((25, 3), (50, 3), (100, 5), (1000, 1)):
        proc = subprocess.run([sys.executable, __file__, "--child", str(n), str(repeat)], capture_output=True,
                              text=True, check=True)
        r = json.loads(proc.stdout)
        print(f"{n:>9} {r['rewrites']:>15,} {r['engine_s']:>9.3f} {r['total_s']:>8.3f} "
              f"{r['rewrites'] / r['total_s']:>12,.0f} {1000 * r['total_s'] / n:>11.1f} {r['cpu_s']:>6.2f} "
              f"{r['peak_rss_mib']:>12.0f}"
              f"   {r['total_s_all']}")
        if n == 100:
            hundred = r
    ok_time, ok_mem = hundred["total_s"] < 2, hundred["peak_rss_mib"] < 1024
    print(f"load average now {os.getloadavg()[0]:.2f}: wall times grow when other work shares the 2 CPUs; "
          "'cpu s' is this process's own CPU time")
    print(f"100 snapshots: {hundred['total_s']:.3f} s (target < 2 s: {'OK' if ok_time else 'NO'}), "
          f"peak {hundred['peak_rss_mib']:.0f} MiB (target < 1024 MiB: {'OK' if ok_mem else 'NO'})")
    print(f"  first snapshot stores {hundred['own_first']:,} blocks; later ones {hundred['own_mean_rest']:,.0f} "
          f"on average; deleting one (not the newest) frees {hundred['freed_mean']:,.0f} on average; "
          f"the newest frees all it stores ({hundred['freed_last']:,})")

    print("(the initial full write of all 33,554,432 blocks is one range: O(1), not counted in rewrites/s)")
    for gib_small in (4, 16):
        small_blocks, small_snaps = gib_small * storage.BLOCKS_PER_GIB, 100
        t_naive, own_n, freed_n = naive(small_blocks, small_snaps)
        t_fast, own_f, freed_f = lineage_small(small_blocks, small_snaps)
        same = own_n == own_f and freed_n == freed_f
        print(f"small case ({gib_small} GiB = {small_blocks:,} blocks, {small_snaps} snapshots, 1 % each): "
              f"per-block Python {t_naive:.3f} s, Lineage {t_fast * 1000:.2f} ms -> {t_naive / t_fast:,.0f}x; "
              f"same sizes: {same}")
    print(f"  (per-block Python grows with blocks x snapshots: at 16 TiB it would need ~{t_naive * 1024:,.0f} s "
          f"and 100 full block maps of 33.5 M entries)")

if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(int(sys.argv[2]), int(sys.argv[3]))
    else:
        main()
