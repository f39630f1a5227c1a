"""A whole class at once on this machine, with the kit's own classroom/ config (not a test).

    .venv/bin/python bench/aula.py            # 30 students (BENCH_STUDENTS=5 for a quick run)
    .venv/bin/python bench/aula.py diseno     # one local AWS per student vs one for the class

`aula` starts the hub (classroom/jupyterhub_config.py) in a temporary folder and runs a class in
two phases. 1) Every student's server is started at the same moment through the hub's API (as
Admin ▸ Start All before class, or the whole class pressing Start at once). 2) Then, again all at
once, every student opens their JupyterLab page ("login" of a pre-started student), opens
BENCH_KERNELS kernels (default 4) and checks that every one answers, runs the lesson 00_bienvenida
cell by cell, creates a snapshot, and lists the account's snapshots. It prints the machine's load
average, spawn time (median, p95, worst) and how long until all servers were ready, CPU-seconds
per spawn (the student's server with the helpers it ran, plus the class's local AWS and the hub's
shares during phase 1), PSS per student with one kernel, lesson-cell latency under load, failed
spawns and kernel starts, whether every account holds exactly its own snapshots, and where the
hub's log (with every server's output) was kept (BENCH_LOG_DIR, default the temporary folder).

`diseno` measures the design choice behind those numbers without the hub: N local AWS servers
(one process each, as today) against one local AWS holding N accounts (moto's own account
selection, the `x-moto-account-id` header), each with the course scenario: CPU-seconds and PSS
per student, and the latency of a lesson's AWS calls while all N students make them at once.

Numbers depend on the machine's load: say what else was running when you quote them.
"""

import contextlib
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

import labdriver as drv  # noqa: E402
import test_jupyterhub as th  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """User + system CPU time of ``pid`` so far (its own, not its children's)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def tree_cpu(pid):
    total = 0.0
    for p in drv.process_tree(pid):
        try:
            total += cpu_seconds(p)
        except OSError:
            pass
    return total


def pct(values, q):
    values = sorted(values)
    if not values:
        return None
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def summary(values, unit="s"):
    if not values:
        return "sin datos"
    return (f"mediana {statistics.median(values):.2f} {unit}, p95 {pct(values, 0.95):.2f} {unit}, "
            f"peor {max(values):.2f} {unit} (n={len(values)})")


# --- one class on the hub --------------------------------------------------------------------

def cpu_with_children(pid):
    """CPU of ``pid`` plus that of its children it has already waited for (a Node.js or Python
    helper a server runs while it starts counts; its running kernels do not)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / TICK


def spawn(hub, user, barrier, out):
    """Phase 1, everyone at once (Admin ▸ Start All, or the whole class pressing Start)."""
    rec = out[user] = {"fallos_kernel": 0}
    barrier.wait()
    started = time.monotonic()
    try:
        hub.request("POST", f"/hub/api/users/{user}")
        hub.request("POST", f"/hub/api/users/{user}/server", timeout=60)
        wait_ready(hub, user, 300)
        rec["arranque_s"] = time.monotonic() - started
        rec["pid"] = hub.server_pid(user)
        rec["cpu_servidor_s"] = cpu_with_children(rec["pid"])
    except Exception as exc:  # noqa: BLE001 - a failed spawn is a number here
        rec["error_arranque"] = repr(exc)[:300]


def wait_ready(hub, user, timeout):
    """Wait as a student's browser does on the hub's spawn page: one event stream of the spawn's
    progress (not one API request per second per student, which would load the hub itself)."""
    import urllib.request

    req = urllib.request.Request(f"{hub.url}/hub/api/users/{user}/server/progress",
                                 headers={"Authorization": f"token {hub.token}", "Accept": "text/event-stream"})
    with urllib.request.urlopen(req, timeout=timeout) as stream:
        for line in stream:
            if not line.startswith(b"data:"):
                continue
            event = json.loads(line[5:])
            if event.get("ready"):
                return
            if event.get("failed"):
                raise AssertionError(f"{user}: {event.get('message')}")
    raise AssertionError(f"{user}: the progress stream ended before the server was ready")


def work(hub, user, kernels, barrier, out):
    """Phase 2, everyone at once: log in, open notebooks, run the lesson, make a snapshot."""
    rec = out[user]
    barrier.wait()
    if "pid" not in rec:
        return
    # "Login" of a pre-started student: their JupyterLab page through the proxy.
    t0 = time.monotonic()
    code = drv.http_status(f"{hub.url}/user/{user}/lab", {"Authorization": f"token {hub.token}"}, timeout=60)
    rec["login_s"] = time.monotonic() - t0 if code == 200 else None

    # Several notebooks opened at once: every kernel must answer.
    opened = []
    with ThreadPoolExecutor(kernels) as pool:
        def one(_):
            kernel = th.Kernel(hub, user, timeout=180)
            assert kernel.execute("1 + 1", timeout=180).strip() == "2"
            return kernel
        for future in [pool.submit(one, i) for i in range(kernels)]:
            try:
                opened.append(future.result())
            except Exception as exc:  # noqa: BLE001
                rec["fallos_kernel"] += 1
                rec.setdefault("errores_kernel", []).append(repr(exc)[:200])
    for extra in opened[1:]:
        hub.request("DELETE", f"/user/{user}/api/kernels/{extra.id}")
        extra.close()
    if not opened:
        return
    kernel = opened[0]
    try:
        _, model = hub.request("GET", f"/user/{user}/api/contents/{th.LESSON}", timeout=60)
        cells = []
        for cell in model["content"]["cells"]:
            if cell["cell_type"] != "code":
                continue
            t0 = time.monotonic()
            kernel.execute("".join(cell["source"]), timeout=300,
                           allow_error="raises-exception" in cell["metadata"].get("tags", []))
            cells.append(time.monotonic() - t0)
        rec["celdas_s"] = cells
        before = set(json.loads(kernel.execute(th.LIST_SNAPSHOTS, timeout=300).strip()))
        t0 = time.monotonic()
        mine = json.loads(kernel.execute(th.CREATE_SNAPSHOT, timeout=300).strip().splitlines()[-1])
        rec["celdas_s"].append(time.monotonic() - t0)
        rec["snapshot"] = mine["snapshot"]
        rec["transporte"] = mine["transport"]
        rec["antes"] = sorted(before)
        rec["despues"] = json.loads(kernel.execute(th.LIST_SNAPSHOTS, timeout=300).strip())
        rec["memoria"] = drv.tree_memory(rec["pid"])
    except Exception as exc:  # noqa: BLE001
        rec["error_leccion"] = repr(exc)[:300]
    finally:
        kernel.close()


def aula(n, kernels):
    with tempfile.TemporaryDirectory() as tmp, th.running_hub(Path(tmp)) as hub:
        try:
            users = [f"alumno{i:02d}" for i in range(1, n + 1)]
            drv.wait_until(lambda: class_aws_pid(tmp), 120, "the class's local AWS to start")
            port = (Path(f"/proc/{class_aws_pid(tmp)}/environ").read_bytes().split(b"LABKIT_PORT=")[1]
                    .split(b"\0")[0].decode())
            drv.wait_until(lambda: drv.http_status(f"http://127.0.0.1:{port}/labkit/info") == 200, 180,
                           "the class's local AWS to answer")  # its own start is not a spawn's
            before = {"hub": sum(hub_cpu(tmp)), "aws": cpu_with_children(class_aws_pid(tmp))}
            out, barrier = {}, threading.Barrier(n)
            t0 = time.monotonic()
            with ThreadPoolExecutor(n) as pool:
                for future in [pool.submit(spawn, hub, u, barrier, out) for u in users]:
                    future.result()
            spawn_wall = time.monotonic() - t0
            spawned = {"hub": sum(hub_cpu(tmp)), "aws": cpu_with_children(class_aws_pid(tmp))}
            with ThreadPoolExecutor(n) as pool:
                for future in [pool.submit(work, hub, u, kernels, barrier, out) for u in users]:
                    future.result()
            wall = time.monotonic() - t0
            hub.pids += [r["pid"] for r in out.values() if "pid" in r]
            after = {"hub": sum(hub_cpu(tmp)), "aws": cpu_with_children(class_aws_pid(tmp))}
        finally:
            log = keep_log(hub)
    report(n, kernels, out, spawn_wall, wall, before, spawned, after, log)


def _in_folder(tmp, *words):
    pids = []
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            cmd = (p / "cmdline").read_bytes().decode(errors="replace")
            cwd = os.readlink(p / "cwd")
        except OSError:
            continue
        if cwd == str(Path(tmp).resolve()) and any(w in cmd for w in words):
            pids.append(int(p.name))
    return pids


def hub_cpu(tmp):
    """CPU of the hub, its proxy and its culler (found by command line in the run folder)."""
    values = []
    for pid in _in_folder(tmp, "jupyterhub", "configurable-http-proxy"):
        try:
            values.append(cpu_seconds(pid))
        except OSError:
            pass
    return values


def class_aws_pid(tmp):
    found = _in_folder(tmp, "labkit\0serve")
    return found[0] if found else None


def keep_log(hub):
    """The hub's log (every student's server writes there too), kept after the run folder goes."""
    folder = Path(os.environ.get("BENCH_LOG_DIR") or tempfile.gettempdir())
    path = folder / f"aula-hub-{time.strftime('%Y%m%d-%H%M%S')}.log"
    with contextlib.suppress(OSError):
        shutil.copyfile(hub.log_path, path)
        return path
    return None


def report(n, kernels, out, spawn_wall, wall, before, spawned, after, log):
    recs = list(out.values())
    ok = [r for r in recs if "arranque_s" in r]
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    print(f"== Aula: {n} alumnos a la vez, {kernels} kernels cada uno ({n * kernels} arranques de kernel)")
    print(f"carga media del equipo al terminar (1, 5, 15 min): {load}")
    print(f"todos los servidores listos en {spawn_wall:.0f} s; todo terminado en {wall:.0f} s")
    print(f"arranque del servidor: {summary([r['arranque_s'] for r in ok])}")
    cpu = [r["cpu_servidor_s"] for r in ok]
    if cpu:
        per = max(1, len(ok))
        hub_share = (spawned["hub"] - before["hub"]) / per
        aws_share = (spawned["aws"] - before["aws"]) / per
        print(f"CPU por arranque: servidor del alumno {statistics.median(cpu):.2f} s (mediana; peor {max(cpu):.2f} s) "
              f"+ AWS de la clase {aws_share:.2f} s + hub y proxy {hub_share:.2f} s = "
              f"{statistics.median(cpu) + aws_share + hub_share:.2f} s")
        print(f"CPU por alumno durante la lección: AWS de la clase {(after['aws'] - spawned['aws']) / per:.2f} s, "
              f"hub y proxy {(after['hub'] - spawned['hub']) / per:.2f} s")
    logins = [r["login_s"] for r in ok if r.get("login_s") is not None]
    print(f"entrada de un alumno ya arrancado (página de JupyterLab): {summary(logins)}")
    mem = [r["memoria"] for r in recs if "memoria" in r]
    if mem:
        pss = [m["pss_mib"] for m in mem]
        parts = {}
        for m in mem:
            for p in m["procesos"]:
                parts.setdefault(p["que"], []).append(p["pss_mib"])
        detail = ", ".join(f"{k} {statistics.median(v):.0f}" for k, v in parts.items())
        print(f"PSS por alumno con un kernel: mediana {statistics.median(pss):.0f} MiB, peor {max(pss):.0f} MiB "
              f"({detail})")
    cells = [c for r in recs for c in r.get("celdas_s", [])]
    print(f"latencia de una celda de la lección con toda la clase: {summary(cells)}")
    failed_spawns = [r for r in recs if "error_arranque" in r]
    failed_kernels = sum(r["fallos_kernel"] for r in recs)
    failed_lessons = [r for r in recs if "error_leccion" in r]
    print(f"arranques fallidos: {len(failed_spawns)} de {n}; kernels fallidos: {failed_kernels} de {n * kernels}; "
          f"lecciones con error: {len(failed_lessons)}")
    for r in failed_spawns + failed_lessons:
        print("  ", r.get("error_arranque") or r.get("error_leccion"))
    for r in recs:
        for e in r.get("errores_kernel", []):
            print("   kernel:", e)
    transports = sorted({r.get("transporte") for r in recs if r.get("transporte")})
    print(f"transporte de los kernels: {', '.join(transports) or '?'}")
    owners = {r["snapshot"]: u for u, r in out.items() if "snapshot" in r}
    bad = []
    for user, r in out.items():
        if "snapshot" not in r:
            continue
        extra = set(r["despues"]) - set(r["antes"])
        if extra != {r["snapshot"]} or any(owners.get(s, user) != user for s in r["despues"]):
            bad.append(user)
    print(f"aislamiento: {len(owners) - len(bad)} de {len(owners)} cuentas tienen exactamente sus snapshots"
          + (f"; mal: {', '.join(bad)}" if bad else ""))
    if log:
        print(f"registro del hub (y de los servidores): {log}")


# --- the design choice: one local AWS per student or one for the class ----------------------

LESSON_CALLS = (
    ("describe_instances", {}), ("describe_volumes", {}), ("describe_snapshots", {"OwnerIds": ["self"]}),
    ("describe_images", {"Owners": ["self"]}),
)


def _lab_for(endpoint, account=None):
    import boto3

    from labkit import lab as lab_module
    from labkit import local_aws

    session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
    if account:
        def header(request, **_):
            request.headers["x-moto-account-id"] = account
        session.events.register("before-sign.ec2.*", header)
    return lab_module.Lab("mock", "us-east-1", account or local_aws.ACCOUNT_ID, "", endpoint, session)


def _lesson_calls(lab, rounds=5):
    from labkit import scenario

    found = scenario.ensure(lab)
    vol = lab.ec2.describe_volumes(Filters=[{"Name": "attachment.instance-id",
                                             "Values": [found.private_instance_id]}])["Volumes"][0]["VolumeId"]
    times = []
    for _ in range(rounds):
        for name, kwargs in LESSON_CALLS:
            t0 = time.monotonic()
            getattr(lab.ec2, name)(**kwargs)
            times.append(time.monotonic() - t0)
    t0 = time.monotonic()
    snap = lab.ec2.create_snapshot(VolumeId=vol, Description="bench")["SnapshotId"]
    times.append(time.monotonic() - t0)
    return times, snap


PER_STUDENT = """
import os, sys, time
t0 = time.process_time()
from labkit import serve
lab = serve.start_shared()
print(lab.endpoint, time.process_time() - t0, flush=True)
sys.stdin.read()
"""


def diseno(n):
    import subprocess

    print(f"== Diseño: {n} alumnos")
    # A: one local AWS (own process) per student, as classroom/singleuser.py does today.
    procs, endpoints, cpu = [], [], []
    env = {k: v for k, v in os.environ.items() if k not in drv.FOREIGN_AWS}
    env["PYTHONPATH"] = str(ROOT)
    for _ in range(n):
        procs.append(subprocess.Popen([sys.executable, "-c", PER_STUDENT], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, text=True, env=env))
    try:
        for p in procs:
            endpoint, seconds = p.stdout.readline().split()
            endpoints.append(endpoint)
            cpu.append(float(seconds))
        labs = [_lab_for(e) for e in endpoints]
        with ThreadPoolExecutor(n) as pool:
            results = list(pool.map(_lesson_calls, labs))
        pss = [drv.tree_memory(p.pid)["pss_mib"] for p in procs]
        lat = [t for times, _ in results for t in times]
        print(f"A) un AWS simulado por alumno: CPU para arrancarlo con el escenario {statistics.median(cpu):.2f} s "
              f"por alumno (mediana); PSS {statistics.median(pss):.0f} MiB por alumno; "
              f"llamadas de la lección con todos a la vez: {summary(lat)}")
    finally:
        for p in procs:
            p.stdin.close()
            p.wait(timeout=30)

    # B: one local AWS for the class, one account per student (moto picks the account per request).
    accounts = [f"{100000000000 + i:012d}" for i in range(1, n + 1)]
    proc = subprocess.Popen([sys.executable, "-c", FOR_CLASS, ",".join(accounts)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=env)
    try:
        endpoint, seconds = proc.stdout.readline().split()
        labs = [_lab_for(endpoint, a) for a in accounts]
        with ThreadPoolExecutor(n) as pool:
            results = list(pool.map(_lesson_calls, labs))
        pss = drv.tree_memory(proc.pid)["pss_mib"]
        lat = [t for times, _ in results for t in times]
        snaps = {a: s for a, (_, s) in zip(accounts, results)}
        isolated = 0
        for account, lab in zip(accounts, labs):
            seen = {s["SnapshotId"] for s in lab.ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]}
            isolated += snaps[account] in seen and not (seen & (set(snaps.values()) - {snaps[account]}))
        print(f"B) un AWS simulado para la clase, una cuenta por alumno: CPU {float(seconds) / n:.2f} s por alumno "
              f"(arranque repartido + escenario); PSS {pss / n:.0f} MiB por alumno ({pss:.0f} MiB en total); "
              f"llamadas de la lección con todos a la vez: {summary(lat)}; cuentas aisladas {isolated} de {n}")
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)


FOR_CLASS = """
import sys, time
t0 = time.process_time()
import boto3
from labkit import lab as lab_module, local_aws, scenario
server = local_aws.start(0)
for account in sys.argv[1].split(","):
    session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
    session.events.register("before-sign.ec2.*",
                            lambda request, account=account, **_: request.headers.__setitem__("x-moto-account-id", account))
    scenario.ensure(lab_module.Lab("mock", "us-east-1", account, "", server.endpoint, session))
print(server.endpoint, time.process_time() - t0, flush=True)
sys.stdin.read()
"""


def main(argv):
    n = int(os.environ.get("BENCH_STUDENTS", "30"))
    if argv[1:2] == ["diseno"]:
        diseno(n)
    else:
        aula(n, int(os.environ.get("BENCH_KERNELS", "4")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
