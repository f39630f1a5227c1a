"""JupyterHub for a class on one machine: every student gets their own JupyterLab (in Spanish),
their own copy of the lessons in their own home, and their own account on the class's local AWS
(one `python -m labkit serve` run by the hub as a service, one account per student), shared by
all their notebooks and terminals (classroom/singleuser.py, the `make lab` of one student).
Nothing of the hub's environment that points at another local AWS (LABKIT_ENDPOINT, AWS_*)
reaches a student's server. Idle servers are culled; every account is kept on disk.

Run it from a folder of its own (the hub keeps its database, cookie secret and proxy pid there):

    mkdir -p ~/aula-hub && cd ~/aula-hub
    LABKIT_HUB_PASSWORD='clave-de-la-clase' LABKIT_HUB_URL=http://0.0.0.0:8000 \
        /ruta/a/labkit/.venv/bin/jupyterhub -f /ruta/a/labkit/classroom/jupyterhub_config.py

Settings (environment variables, all optional):
  LABKIT_HUB_URL             public address of the hub (default http://127.0.0.1:8000)
  LABKIT_HUB_PASSWORD        class password (8+ characters) for SharedPasswordAuthenticator
  LABKIT_HUB_ADMIN           teacher's user name (admin; logs in with LABKIT_HUB_ADMIN_PASSWORD,
                             32+ characters)
  LABKIT_HUB_USERS           comma-separated allowed user names (default: anyone with the password)
  LABKIT_HUB_HOMES           folder holding one home per student (default ./homes)
  LABKIT_NOTEBOOKS           lessons copied into each new home (default: the kit's notebooks/)
  LABKIT_HUB_CULL_TIMEOUT    seconds without activity before a student's server is stopped
                             (default 3600; jupyterhub-idle-culler; their account is kept)
  LABKIT_HUB_AWS_PORT        port of the class's local AWS on 127.0.0.1 (default: a free one)
  LABKIT_HUB_AWS_STATE       file keeping every student's account (default ./aws-de-la-clase.pickle)
  LABKIT_HUB_PROGRESS_PORT   port of the teacher's live view service (default: a free one)
  LABKIT_HUB_PROGRESS_DB     its results file (default ./progreso.sqlite)
  LABKIT_HUB_PORTS           range of ports for the students' servers and the services (default
                             20000-23999; kept outside the machine's ephemeral ports)
  LABKIT_HUB_PROXY           configurable-http-proxy command (default: classroom/node_modules,
                             installed with `npm ci --prefix classroom`; else the one on PATH)

Limits: SimpleLocalProcessSpawner separates processes, homes, environments and ports, not files
(every student runs as the same system user). For real separation use system users
(`c.JupyterHub.spawner_class = "localprocess"` + `authenticator_class = "pam"`) or Kubernetes
(Zero to JupyterHub; see docs/aula.md). Tested by tests/test_jupyterhub.py.
"""

import hashlib
import os
import random
import shutil
import socket
import sys
import tempfile
from pathlib import Path

KIT = Path(__file__).resolve().parent.parent
c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

# The hub and its proxy.
c.JupyterHub.bind_url = os.environ.get("LABKIT_HUB_URL", "http://127.0.0.1:8000")
_npm_proxy = KIT / "classroom" / "node_modules" / ".bin" / "configurable-http-proxy"
c.ConfigurableHTTPProxy.command = [os.environ.get("LABKIT_HUB_PROXY")
                                   or (str(_npm_proxy) if _npm_proxy.exists() else "configurable-http-proxy")]
# A whole class clicks "Start" at once: do not serialize spawns behind the slow-spawn page.
c.JupyterHub.tornado_settings = {"slow_spawn_timeout": 0}
# A student's server has its account prepared by the class's AWS and starts JupyterLab: about
# 1.5 CPU-seconds in all (bench/aula.py, docs/aula.md), so 30 students at once on 2 cores are
# ready in about 30 s, longer than JupyterHub's 30 s default when the machine is busy with
# something else too. 300 s is a guard against a hung start, not the expected time.
c.Spawner.http_timeout = 300
c.Spawner.start_timeout = 300

# Who gets in.
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ.get("LABKIT_HUB_PASSWORD") or None
if os.environ.get("LABKIT_HUB_ADMIN"):
    c.Authenticator.admin_users = {os.environ["LABKIT_HUB_ADMIN"]}
    c.SharedPasswordAuthenticator.admin_password = os.environ.get("LABKIT_HUB_ADMIN_PASSWORD") or None
if os.environ.get("LABKIT_HUB_USERS"):
    c.Authenticator.allowed_users = {u.strip() for u in os.environ["LABKIT_HUB_USERS"].split(",") if u.strip()}
else:
    c.Authenticator.allow_all = True

# Each student's server: the kit's own Python (so `!aws` and labkit are the kit's), their own
# account on the class's local AWS, JupyterLab.
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(
    Path(os.environ.get("LABKIT_HUB_HOMES", "homes")).resolve() / "{username}")
c.Spawner.cmd = [sys.executable, str(KIT / "classroom" / "singleuser.py")]
c.Spawner.default_url = "/lab"
# Kernels talk to their server over Unix sockets (ZeroMQ `ipc`), not TCP ports. jupyter_client
# picks a "free" TCP port by binding port 0 and closing it again before the kernel binds it; with a
# whole class opening notebooks at once another student's kernel (or any outgoing connection) can
# take that port in between, and that kernel never answers. A socket file has no such race.
c.Spawner.args = ["--KernelManager.transport=ipc"]
if hasattr(os, "geteuid") and os.geteuid() == 0:
    c.Spawner.args.append("--allow-root")  # without it the server dies and the hub answers 500


def kernel_sockets_dir(spawner):
    """A short runtime folder per student: a socket's path may not exceed 107 bytes, and
    `<home>/.local/share/jupyter/runtime/kernel-<uuid>-ipc-1` easily does."""
    home = getattr(spawner, "home_dir", None) or spawner.user.name
    key = hashlib.sha256(str(home).encode()).hexdigest()[:12]
    return str(Path(tempfile.gettempdir()) / f"labkit-kernels-{key}")


# Ports on 127.0.0.1 for the students' servers and the hub's services. JupyterHub's default picks
# a port by binding port 0 and closing it: that is an ephemeral port, and until the server binds
# it (seconds later, with a whole class starting at once) any outgoing connection on the machine
# may take it as its local port, and then that server cannot start. Ports outside the kernel's
# ephemeral range (net.ipv4.ip_local_port_range) are never given to outgoing connections.
PORT_RANGE = os.environ.get("LABKIT_HUB_PORTS") or "20000-23999"
_given_ports = {}


def _ephemeral_range():
    try:
        low, high = map(int, Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split())
    except (OSError, ValueError):
        low, high = 32768, 60999  # Linux's default
    return low, high


def class_port(owner):
    """A port for ``owner`` (a student's server, a service): in PORT_RANGE, outside the ephemeral
    range, free now and not given to another owner (random among those, so that two hubs on one
    machine rarely pick the same). Where no such port exists, a free ephemeral one."""
    first, last = (int(part) for part in PORT_RANGE.split("-"))
    low, high = _ephemeral_range()
    taken = {port for who, port in _given_ports.items() if who != owner}
    candidates = [port for port in range(first, last + 1) if not low <= port <= high and port not in taken]
    random.shuffle(candidates)
    for port in candidates:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        _given_ports[owner] = port
        return port
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# One local AWS for the whole class, run by the hub as a service (`python -m labkit serve`), with
# one account per student: AWS's own isolation boundary. Measured against one local AWS per
# student (bench/aula.py diseno, docs/aula.md): a quarter of the CPU per student and about 4 MiB
# instead of 90 MiB each. It keeps every account in the hub's folder (aws-de-la-clase.pickle).
CLASS_AWS_PORT = int(os.environ.get("LABKIT_HUB_AWS_PORT") or class_port("aws-de-la-clase"))
CLASS_AWS = f"http://127.0.0.1:{CLASS_AWS_PORT}"


def student_account(spawner):
    """The student's 12-digit account on the class's AWS: the same every time for the same name."""
    digest = int(hashlib.sha256(spawner.user.name.encode()).hexdigest(), 16)
    return f"9{digest % 10**11:011d}"


# Only these variables pass from the hub to a student's server: never LABKIT_ENDPOINT or AWS_*,
# so no student lands on another local AWS than the class's (singleuser.py also ignores them).
c.Spawner.env_keep = ["PATH", "PYTHONPATH", "VIRTUAL_ENV", "LANG", "LC_ALL", "LD_LIBRARY_PATH",
                      "JUPYTERHUB_SINGLEUSER_APP"]
c.Spawner.environment = {"LABKIT_MODE": "mock", "JUPYTER_RUNTIME_DIR": kernel_sockets_dir,
                         "LABKIT_CLASS_AWS": CLASS_AWS, "LABKIT_ACCOUNT": student_account}


def before_spawn(spawner):
    """The student's server port (class_port), then their lessons."""
    spawner.port = class_port(("servidor", spawner.user.name, spawner.name))
    copy_lessons(spawner)


def copy_lessons(spawner):
    """Give a new student the lessons; never overwrite what they already changed."""
    source = Path(os.environ.get("LABKIT_NOTEBOOKS", KIT / "notebooks"))
    home = Path(spawner.home_dir)
    home.mkdir(parents=True, exist_ok=True)
    if not source.is_dir():
        spawner.log.warning("labkit: no lessons to copy from %s", source)
        return
    for path in source.iterdir():
        target = home / path.name
        if target.exists() or path.name.startswith("."):
            continue
        if path.is_dir():
            shutil.copytree(path, target)
        elif path.suffix == ".ipynb" or path.suffix in (".png", ".md"):
            shutil.copy2(path, target)


c.Spawner.pre_spawn_hook = before_spawn

# Idle servers are stopped by jupyterhub-idle-culler (a hub service): a student's account is kept
# in their home (classroom/singleuser.py), so a culled server loses nothing; they press Start again.
CULL_TIMEOUT = int(os.environ.get("LABKIT_HUB_CULL_TIMEOUT") or 3600)
c.JupyterHub.services = [{
    "name": "aws-de-la-clase",
    "command": [sys.executable, "-m", "labkit", "serve"],
    "environment": {"LABKIT_PORT": str(CLASS_AWS_PORT), "LABKIT_MODE": "mock",
                    "LABKIT_STATE": os.environ.get("LABKIT_HUB_AWS_STATE")
                    or str(Path("aws-de-la-clase.pickle").resolve())},
}, {
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={CULL_TIMEOUT}",
                f"--cull-every={max(10, min(300, CULL_TIMEOUT // 4))}"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]

# The teacher's live view (classroom/progreso.py): each exercise check a student runs reports to
# it with that student's own token (labkit/progress.py); admins open <hub>/services/progreso/.
PROGRESS_PORT = int(os.environ.get("LABKIT_HUB_PROGRESS_PORT") or class_port("progreso"))
PROGRESS_URL = f"http://127.0.0.1:{PROGRESS_PORT}/services/progreso/"
c.JupyterHub.services.append({
    "name": "progreso",
    "url": f"http://127.0.0.1:{PROGRESS_PORT}",
    "command": [sys.executable, str(KIT / "classroom" / "progreso.py")],
    "oauth_no_confirm": True,
    "environment": {"LABKIT_PROGRESS_DB": os.environ.get("LABKIT_HUB_PROGRESS_DB")
                    or str(Path("progreso.sqlite").resolve())},
})
c.JupyterHub.load_roles += [
    {"name": "progreso", "scopes": ["read:users"], "services": ["progreso"]},  # who is an admin
    # A student's server token (in their kernels) may report to the service, as may the student.
    {"name": "server", "scopes": ["users:activity!user", "access:servers!server",
                                  "access:services!service=progreso"]},
    {"name": "user", "scopes": ["self", "access:services!service=progreso"]},
]
c.Spawner.environment["LABKIT_PROGRESS_URL"] = PROGRESS_URL

# Spanish JupyterLab for every student (the same overrides.json `make lab` writes).
try:
    from labkit.serve import write_overrides

    write_overrides()
except ImportError:
    print("labkit no está instalado en este Python: la interfaz no estará en español.", file=sys.stderr)
