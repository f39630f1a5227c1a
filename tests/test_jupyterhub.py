"""A class on JupyterHub: classroom/jupyterhub_config.py on this machine, JupyterHub's local
spawner and configurable-http-proxy from npm, two students at once.

Each student's server is started through the hub's REST API (a service token with
`access:servers`), runs a lesson through its kernels API (the lesson copied into that student's
home), and creates a snapshot; a second notebook of the same student sees it (one account per
student, as `make lab` has one per session). The hub itself carries
LABKIT_ENDPOINT/AWS_ENDPOINT_URL of a live local AWS (a decoy): no student may land there; every
student works on the class's local AWS (a hub service) in an account of their own, for labkit
and the AWS CLI alike, and one student's snapshot must not be visible to the other. A student's
server stopped (as the idle culler does) and started again still finds their snapshot. The
teacher's live view: each check reports with the student's own token; a third student (carla)
can neither write another's row nor read anyone's results; the teacher gets the table and a CSV.

Runs in CI; elsewhere skips only when npm's proxy is not installed (`npm ci --prefix classroom`).
Measurements (spawn time, memory per student) are printed and kept in $LABKIT_SCREENSHOT_DIR.
"""

import contextlib
import json
import os
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import labdriver as drv
import pytest

CONFIG = drv.ROOT / "classroom" / "jupyterhub_config.py"
PROXY = drv.ROOT / "classroom" / "node_modules" / ".bin" / "configurable-http-proxy"
LESSON = "00_bienvenida.ipynb"
STUDENTS = ("ana", "bruno")
SERVICE = "labkit-prueba"
CREATE_SNAPSHOT = """
import json, os, subprocess, labkit
from ipykernel.connect import get_connection_info
from labkit import scenario
lab = labkit.start(quiet=True)
escenario = scenario.ensure(lab)
volumen = lab.ec2.describe_volumes(Filters=[{"Name": "attachment.instance-id",
                                             "Values": [escenario.private_instance_id]}])["Volumes"][0]["VolumeId"]
snap = lab.ec2.create_snapshot(VolumeId=volumen, Description="snapshot de " + os.environ["JUPYTERHUB_USER"])
print(json.dumps({"endpoint": lab.endpoint, "kernel_owns_aws": lab.local is not None, "snapshot": snap["SnapshotId"],
                  "account": lab.account_id, "cli_account": json.loads(subprocess.run(["aws", "sts", "get-caller-identity"], capture_output=True,
                                                            text=True).stdout)["Account"],
                  "server_endpoint": os.environ.get("LABKIT_ENDPOINT"), "home": os.environ["HOME"],
                  "cwd": os.getcwd(), "transport": get_connection_info(unpack=True)["transport"]}))
"""
LIST_SNAPSHOTS = """
import json, labkit
lab = labkit.start(quiet=True)
print(json.dumps([s["SnapshotId"] for s in lab.ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]]))
"""
CLI_SNAPSHOTS = '!aws ec2 describe-snapshots --owner self --query "Snapshots[].SnapshotId" --output text'


# --- talking to the hub and to a student's kernel ---------------------------------------------

class Hub:
    def __init__(self, url, token):
        self.url, self.token = url, token

    def request(self, method, path, body=None, timeout=15):
        import urllib.request

        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Authorization": f"token {self.token}",
                                              "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read()
            return resp.status, (json.loads(raw) if raw else None)

    def start_server(self, user, timeout=300):
        """Create the user, start their server, wait until it answers; return seconds taken."""
        import urllib.error

        started = time.monotonic()
        try:
            self.request("POST", f"/hub/api/users/{user}")
        except urllib.error.HTTPError as err:
            if err.code != 409:  # 409: the user already exists (starting again)
                raise
        status, _ = self.request("POST", f"/hub/api/users/{user}/server")
        assert status in (201, 202), status
        drv.wait_until(lambda: (self.request("GET", f"/hub/api/users/{user}")[1]["servers"].get("") or {})
                       .get("ready"), timeout, f"{user}'s server to be ready")
        drv.wait_until(lambda: drv.http_status(f"{self.url}/user/{user}/api/status",
                                               {"Authorization": f"token {self.token}"}) == 200,
                       timeout, f"{user}'s server to answer through the proxy")
        return round(time.monotonic() - started, 1)

    def server_pid(self, user):
        """The single-user server's pid (the spawner's state; needs admin:server_state)."""
        return self.request("GET", f"/hub/api/users/{user}")[1]["servers"][""]["state"]["pid"]


class Kernel:
    """One kernel on a student's server, driven over the kernels API's websocket."""

    def __init__(self, hub, user, timeout=15):
        import websocket

        self.hub, self.user = hub, user
        _, model = hub.request("POST", f"/user/{user}/api/kernels", {"name": "python3"}, timeout=timeout)
        self.id, self.session = model["id"], uuid.uuid4().hex
        ws_url = hub.url.replace("http", "ws", 1) + f"/user/{user}/api/kernels/{self.id}/channels"
        self.ws = websocket.create_connection(ws_url, header=[f"Authorization: token {hub.token}"], timeout=timeout)

    def execute(self, code, timeout=60, allow_error=False):
        """Run ``code``; return its text output. Fails on an error output unless ``allow_error``."""
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": self.session,
                       "username": self.user, "version": "5.3", "date": datetime.now(timezone.utc).isoformat()},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        out, deadline = [], time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            msg = json.loads(self.ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id or msg.get("channel") != "iopub":
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                out.append(content["text"])
            elif kind in ("execute_result", "display_data"):
                out.append(content["data"].get("text/plain", ""))
            elif kind == "error" and not allow_error:
                raise AssertionError(f"{self.user}: {content['ename']}: {content['evalue']}\n{code}")
            elif kind == "status" and content["execution_state"] == "idle":
                return "".join(out)
        raise AssertionError(f"{self.user}: no answer within {timeout} s to:\n{code}")

    def close(self):
        self.ws.close()


# --- the hub, in a fresh run folder ----------------------------------------------------------

@pytest.fixture
def decoy_aws():
    """What the hub's environment points at: it answers like a labkit local AWS (/labkit/info)
    and records every other request. No student may send it anything."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    seen = []

    class Decoy(BaseHTTPRequestHandler):
        def _answer(self):
            if self.path != "/labkit/info":
                seen.append(f"{self.command} {self.path}")
            body = json.dumps({"labkit": True, "moto": "5.2.5"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Decoy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.endpoint, server.seen = f"http://127.0.0.1:{server.server_address[1]}", seen
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def hub(tmp_path, decoy_aws):
    drv.need(PROXY.exists(), f"npm's configurable-http-proxy is not installed ({PROXY}): "
                             "run `npm ci --prefix classroom`")
    # The teacher (an admin) and a third student, each with a token of their own.
    extra = (f"c.JupyterHub.api_tokens = {{v: k for k, v in {USER_TOKENS!r}.items()}}\n"
             "c.Authenticator.admin_users = {'docente'}\n")
    with running_hub(tmp_path, decoy_aws.endpoint, extra_config=extra) as client:
        yield client


@contextlib.contextmanager
def running_hub(tmp_path, decoy_endpoint=None, extra_config=""):
    """The class's hub (classroom/jupyterhub_config.py) in ``tmp_path``, free ports, a service
    token for the API; stops it and every server it started on the way out (also bench/aula.py)."""
    lessons = tmp_path / "lecciones"
    assert drv.copy_notebooks(lessons, names={LESSON}) == [LESSON], f"notebooks/{LESSON} is missing"

    token = uuid.uuid4().hex
    port, hub_port, proxy_api = drv.free_port(), drv.free_port(), drv.free_port()
    (tmp_path / "prueba_config.py").write_text(f"""
load_subconfig({str(CONFIG)!r})
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api}"
c.JupyterHub.services.append({{"name": {SERVICE!r}, "api_token": {token!r}}})
c.JupyterHub.load_roles.append({{"name": "labkit-prueba", "services": [{SERVICE!r}],
    "scopes": ["admin:users", "admin:servers", "admin:server_state", "access:servers", "list:users",
               "list:services", "read:services"]}})
""" + extra_config, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in drv.FOREIGN_AWS}
    env.update(
        LABKIT_HUB_URL=f"http://127.0.0.1:{port}", LABKIT_HUB_HOMES=str(tmp_path / "homes"),
        LABKIT_NOTEBOOKS=str(lessons), LABKIT_HUB_PROXY=str(PROXY),
        PYTHONPATH=os.pathsep.join([str(drv.ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]),
        JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
    )
    if decoy_endpoint:
        env.update(LABKIT_ENDPOINT=decoy_endpoint, AWS_ENDPOINT_URL=decoy_endpoint)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    log_path = tmp_path / "hub.log"
    started = time.monotonic()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(tmp_path / "prueba_config.py")],
                                cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    client = Hub(f"http://127.0.0.1:{port}", token)
    client.log_path = log_path
    client.log = lambda: log_path.read_text(errors="replace")[-4000:]
    client.pids = []

    def up():
        if proc.poll() is not None:
            raise AssertionError(f"jupyterhub exited ({proc.returncode}):\n{client.log()}")
        return drv.http_status(f"{client.url}/hub/api/") == 200

    try:
        # generous: under a loaded machine the hub starts its services (the class AWS, the live
        # view, the culler) before it answers
        drv.wait_until(up, 180, "the hub to answer through the proxy")
        client.start_seconds = round(time.monotonic() - started, 1)
        yield client
    finally:
        drv.stop_tree(proc, timeout=20)  # the hub stops the students' servers and the proxy
        proxy_pid = tmp_path / "jupyterhub-proxy.pid"
        leftovers = client.pids + ([int(proxy_pid.read_text())] if proxy_pid.exists() else [])
        leftovers += _started_in(tmp_path)  # the hub's services, if the hub had to be killed
        for pid in leftovers:  # only what this test started, by pid
            for child in reversed(drv.process_tree(pid)):
                try:
                    os.kill(child, 9)
                except (ProcessLookupError, PermissionError):
                    pass


def _started_in(folder):
    """Pids of processes running in ``folder`` or below it (the hub's services and servers)."""
    folder, found = str(Path(folder).resolve()), []
    for entry in Path("/proc").iterdir():
        try:
            cwd = os.readlink(entry / "cwd") if entry.name.isdigit() else ""
        except OSError:
            continue
        if cwd == folder or cwd.startswith(folder + os.sep):
            found.append(int(entry.name))
    return found


def _lesson(hub, user):
    """What one student does: run the lesson from their home, then create a snapshot."""
    _, model = hub.request("GET", f"/user/{user}/api/contents/{LESSON}")
    kernel = Kernel(hub, user)
    started = time.monotonic()
    outputs = [kernel.execute("".join(cell["source"]),
                              allow_error="raises-exception" in cell["metadata"].get("tags", []))
               for cell in model["content"]["cells"] if cell["cell_type"] == "code"]
    result = json.loads(kernel.execute(CREATE_SNAPSHOT).strip().splitlines()[-1])
    result.update(kernel=kernel, lesson_output="".join(outputs), lesson_seconds=round(time.monotonic() - started, 1))
    return result


EXERCISE = "06_faq_y_limpieza · 2"
USER_TOKENS = {"docente": uuid.uuid4().hex}
FROM_MY_KERNEL = """
import json, os, urllib.request
def progreso(path, body=None):
    req = urllib.request.Request(os.environ["LABKIT_PROGRESS_URL"] + path, method="POST" if body else "GET",
                                 data=json.dumps(body).encode() if body else None,
                                 headers={"Authorization": "token " + os.environ["JUPYTERHUB_API_TOKEN"]})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code
"""
CHECK = 'from labkit import checks\nprint(repr(checks.documented_owner_option({answer!r})))'


def _as(hub, token, method, path, body=None):
    """``method`` on the hub with ``token``: (status, text)."""
    import urllib.error
    import urllib.request

    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(hub.url + path, data=data, method=method,
                                 headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def _live_view(hub, runs):
    """The teacher's live view: ana and bruno run an exercise check in their kernels (right, not
    yet), which report with their own server's token; carla (a third student) tries to write
    ana's row and to read the class's results; the teacher (admin) reads the table and the CSV."""
    ana, bruno = STUDENTS
    assert "¡Correcto!" in runs[ana]["kernel"].execute(CHECK.format(answer="--owners self"))
    assert "Todavía no" in runs[bruno]["kernel"].execute(CHECK.format(answer="--owner self"))
    teacher = USER_TOKENS["docente"]
    base = "/services/progreso"

    def table():
        status, text = _as(hub, teacher, "GET", f"{base}/api/tabla")
        return json.loads(text)["alumnos"] if status == 200 else None

    drv.wait_until(lambda: {ana, bruno} <= set(table() or {}), 120, "both reports in the teacher's table")
    rows = table()
    assert rows[ana][EXERCISE]["correcto"] is True and rows[bruno][EXERCISE]["correcto"] is False, rows
    # carla, a third student, from her own kernel (her own server's token): she may not write
    # ana's row nor read anyone's results; what she reports is her own row only.
    hub.start_server("carla")
    hub.pids.append(hub.server_pid("carla"))
    carla = Kernel(hub, "carla", timeout=60)
    carla.execute(FROM_MY_KERNEL)
    forged = {"alumno": ana, "ejercicio": EXERCISE, "correcto": False}
    assert carla.execute(f"print(progreso('api/resultado', {forged!r}))").strip() == "403"
    for path in ("api/tabla", "progreso.csv", ""):
        assert carla.execute(f"print(progreso({path!r}))").strip() == "403", f"carla can read /{path}"
    runs[ana]["kernel"].execute(FROM_MY_KERNEL)
    assert runs[ana]["kernel"].execute("print(progreso('api/tabla'))").strip() == "403", \
        "a student's own token reads the class's results"
    mine = {"ejercicio": EXERCISE, "correcto": True}
    assert carla.execute(f"print(progreso('api/resultado', {mine!r}))").strip() == "204"
    carla.close()
    rows = table()
    assert rows[ana][EXERCISE]["correcto"] is True and rows[ana][EXERCISE]["intentos"] == 1, rows[ana]
    assert rows["carla"][EXERCISE]["correcto"] is True
    status, csv_text = _as(hub, teacher, "GET", f"{base}/progreso.csv")
    assert status == 200 and f"{ana},{EXERCISE},correcto,1," in csv_text and f"{bruno},{EXERCISE},todavía no" in csv_text
    status, page = _as(hub, teacher, "GET", f"{base}/")
    assert status == 200 and "Progreso de la clase" in page and "Descargar CSV" in page


def test_two_students_on_jupyterhub_each_with_their_own_local_aws(hub, decoy_aws, tmp_path):
    try:
        _two_students(hub, decoy_aws, tmp_path)
    except AssertionError as exc:
        raise AssertionError(f"{exc}\n--- end of hub.log ---\n{hub.log()}") from None


def _two_students(hub, decoy_aws, tmp_path):
    from labkit import local_aws

    with ThreadPoolExecutor(len(STUDENTS)) as pool:
        started = time.monotonic()
        spawn = dict(zip(STUDENTS, pool.map(hub.start_server, STUDENTS)))
        spawn_both = round(time.monotonic() - started, 1)
        hub.pids += [hub.server_pid(user) for user in STUDENTS]
        runs = dict(zip(STUDENTS, pool.map(lambda user: _lesson(hub, user), STUDENTS)))

    a, b = (runs[user] for user in STUDENTS)
    for user, run in runs.items():
        assert f"cuenta {run['account']}" in run["lesson_output"], f"{user}: the lesson did not start labkit"
        assert run["account"] != local_aws.ACCOUNT_ID and run["cli_account"] == run["account"], \
            f"{user}: not on their own account (labkit {run['account']}, aws cli {run['cli_account']})"
        assert not run["kernel_owns_aws"] and run["endpoint"] == run["server_endpoint"], \
            f"{user}: the kernel did not use the local AWS of its server"
        assert run["endpoint"] != decoy_aws.endpoint, f"{user} inherited the hub's LABKIT_ENDPOINT"
        assert local_aws.is_alive(run["endpoint"])
        # Kernels on Unix sockets: no TCP port two students' kernels could both take.
        assert run["transport"] == "ipc", f"{user}: kernel on {run['transport']}, not on a socket file"
        assert Path(run["home"]) == tmp_path / "homes" / user and Path(run["cwd"]) == Path(run["home"])
        assert (Path(run["home"]) / LESSON).exists(), f"{user}: the lesson was not copied into the home"
    # One local AWS for the class (a hub service), one account per student.
    assert a["endpoint"] == b["endpoint"], "the students are not on the class's local AWS"
    assert a["account"] != b["account"], "both students share one account"

    memory = {user: drv.tree_memory(hub.server_pid(user)) for user in STUDENTS}  # server + one kernel
    for used in memory.values():
        assert [p["que"] for p in used["procesos"]] == ["servidor de usuario", "kernel"], used
    # Each server listens on a port no outgoing connection can have taken before it started: one
    # outside the machine's ephemeral range.
    low, high = map(int, Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split())
    for user in STUDENTS:
        ports = drv.listening_ports(hub.server_pid(user))
        assert ports and not any(low <= port <= high for port in ports), f"{user}'s server listens on {ports}"

    # Isolation: each one sees their own snapshot and not the other's, from boto3 and from `!aws`.
    for me, other in ((a, b), (b, a)):
        mine = json.loads(me["kernel"].execute(LIST_SNAPSHOTS).strip())
        assert me["snapshot"] in mine and other["snapshot"] not in mine
        cli = me["kernel"].execute(CLI_SNAPSHOTS)
        assert me["snapshot"] in cli and other["snapshot"] not in cli
    assert decoy_aws.seen == [], f"a student's kernel used the hub's LABKIT_ENDPOINT: {decoy_aws.seen}"

    # One account per student, not per notebook: a second notebook (kernel) of the same student
    # finds the snapshot of the first, as DEMO #17 finds DEMO #16's.
    _live_view(hub, runs)

    second = Kernel(hub, STUDENTS[0])
    assert a["snapshot"] in json.loads(second.execute(LIST_SNAPSHOTS).strip())
    second.close()
    for run in runs.values():
        run.pop("kernel").close()

    # Idle servers are culled by jupyterhub-idle-culler, running as a hub service.
    _, culler = hub.request("GET", "/hub/api/services/idle-culler")
    assert culler.get("pid") and "jupyterhub_idle_culler" in " ".join(culler.get("command") or []), culler
    os.kill(culler["pid"], 0)  # alive
    # What the culler does to an idle server (stop it), then the student starts again: their
    # account (the snapshot of the lesson) is still there.
    hub.request("DELETE", f"/hub/api/users/{STUDENTS[0]}/server")
    drv.wait_until(lambda: not hub.request("GET", f"/hub/api/users/{STUDENTS[0]}")[1]["servers"], 120,
                   f"{STUDENTS[0]}'s server to stop")
    spawn_again = hub.start_server(STUDENTS[0])
    hub.pids.append(hub.server_pid(STUDENTS[0]))
    back = Kernel(hub, STUDENTS[0])
    assert a["snapshot"] in json.loads(back.execute(LIST_SNAPSHOTS).strip()), \
        f"{STUDENTS[0]}'s snapshot is gone after their server was stopped and started again"
    back.close()
    numbers = {
        "arranque_hub_s": hub.start_seconds, "arranque_servidor_s": spawn, "arranque_ambos_en_paralelo_s": spawn_both,
        "rearranque_s": spawn_again,
        "leccion_s": {u: r["lesson_seconds"] for u, r in runs.items()},
        "memoria_por_alumno_mib": {u: {"rss": m["rss_mib"], "pss": m["pss_mib"]} for u, m in memory.items()},
        "procesos": {u: m["procesos"] for u, m in memory.items()},
    }
    path = tmp_path / "medidas-jupyterhub.json"
    path.write_text(json.dumps(numbers, indent=2, ensure_ascii=False), encoding="utf-8")
    drv.keep_artifact(path)
    print(f"\nMEDIDAS jupyterhub: {json.dumps(numbers, ensure_ascii=False)}")

