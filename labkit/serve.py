"""Commands that run the lab for a whole session: ``serve`` (the shared local AWS),
``lab`` (that AWS plus JupyterLab in Spanish) and ``reset`` (back to the course's start).

Called by ``python -m labkit`` (see ``__main__``) and by ``make lab``.
"""

import dataclasses
import json
import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import boto3

from . import jupyterlab_es, local_aws, messages, scenario
from . import lab as lab_module
from .local_aws import persistence

OVERRIDES = {
    "@jupyterlab/translation-extension:plugin": {"locale": "es_ES"},
    # The es_ES language pack (4.5.post3) leaves these two menus in English on JupyterLab 4.6.
    "@jupyterlab/mainmenu-extension:plugin": {"menus": [
        {"id": "jp-mainmenu-run", "label": "Ejecutar"}, {"id": "jp-mainmenu-tabs", "label": "Pestañas"}]},
    # No English pop-up asking about Jupyter news, and no calls to the Internet from the class.
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


CLASSROOM_SNAPSHOT_SECONDS = "4"  # a new snapshot stays `pending` this long in `make lab`/`make serve`


def start_shared(wrap=None):
    """Start the session's local AWS in this process, with the course scenario, and export it.

    Its account is kept on disk (``local_aws.persistence.default_path()``: $LABKIT_STATE or
    ~/.local/share/labkit/): what the student created is there again the next time.
    ``wrap``: see ``local_aws.start``.
    """
    # Classroom pace: snapshots take a few seconds, so progress bars and waiters have something
    # to show (tests and nbval keep the local AWS default, 0.5 s). An explicit value wins.
    os.environ.setdefault("LABKIT_SNAPSHOT_SECONDS", CLASSROOM_SNAPSHOT_SECONDS)
    os.environ.pop("AWS_ENDPOINT_URL", None)
    local = _start_kept(persistence.default_path(), wrap)
    os.environ["LABKIT_ENDPOINT"] = local.endpoint
    lab = lab_module.start(mode="mock", quiet=True)
    lab.local = local  # this process owns it: stopping the lab stops (and saves) it
    scenario.ensure(lab)
    return lab


def _start_kept(state_file, wrap=None):
    port = int(os.environ.get("LABKIT_PORT") or 0)
    try:
        return local_aws.start(port, state_file=state_file, wrap=wrap)
    except OSError:
        server = local_aws.start(0, state_file=state_file, wrap=wrap)
        print(messages.PORT_TAKEN.format(port=port, new_port=server.port))
        return server


def kept_line(lab):
    """One Spanish line: where the account is kept, and whether it came back from there."""
    keeper = getattr(lab.local, "keeper", None)
    if keeper is None:
        return "La cuenta simulada no se guarda (LABKIT_STATE=off): cada arranque empieza como el curso."
    if lab.local.restored:
        return (f"Cuenta simulada recuperada de {keeper.path}: sigue ahí lo que creaste. "
                "Para volver al inicio del curso: python -m labkit reset")
    return f"La cuenta simulada se guarda en {keeper.path} (sigue ahí al volver a abrir)."


_PREPARE_ACCOUNT = re.compile(r"^/labkit/prepare-account/(\d{12})$")


def preparing_accounts(app):
    """WSGI middleware of the class's local AWS (``serve``): ``POST /labkit/prepare-account/<account>``
    builds the course scenario in that account if it is not there yet and answers, as JSON, the
    account's environment (MOCK_ENV_KEYS: what points `aws` and labkit at it) and the line that
    ``labkit.start()`` prints. A student's server on the hub (classroom/singleuser.py) asks for its
    account this way, so that it needs neither boto3 nor a process of its own to build it."""
    locks, guard, shared = {}, threading.Lock(), {}

    def account_lab(endpoint, account):
        # Every account's EC2 client comes from one boto3 session: a client of a session that
        # already made one costs about a tenth of a new session's first (its model is parsed).
        lab = lab_module.mock_lab(endpoint, account)
        with guard:  # a boto3 session is not thread-safe; its clients are
            session = shared.setdefault("session", boto3.Session(region_name=lab.region))
            credentials = lab.session.get_credentials()
            ec2 = session.client("ec2", endpoint_url=endpoint, aws_access_key_id=credentials.access_key,
                                 aws_secret_access_key=credentials.secret_key)
            lock = locks.setdefault(account, threading.Lock())
        return dataclasses.replace(lab, _clients={"ec2": ec2}), lock

    def wsgi(environ, start_response):
        wanted = _PREPARE_ACCOUNT.match(environ.get("PATH_INFO", ""))
        if not wanted or environ.get("REQUEST_METHOD") != "POST":
            return app(environ, start_response)
        account = wanted.group(1)
        lab, lock = account_lab(f"http://{local_aws.HOST}:{environ['SERVER_PORT']}", account)
        with lock:  # one student's server started twice at once builds the scenario once
            scenario.ensure(lab)
        env = lab.cli_env()
        body = json.dumps({"env": {key: env[key] for key in lab_module.MOCK_ENV_KEYS},
                           "summary": lab.summary()}).encode()
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    return wsgi


def export_lines(lab):
    """Shell lines that point a terminal's `aws` at ``lab``'s account."""
    env = lab.cli_env()
    return [f"export {key}={env[key]}" for key in lab_module.MOCK_ENV_KEYS]


# jupytext builds the lessons for maintainers (`make notebooks`); students never meet its English
# menus and launcher items, nor its server extension opening `.py` files as notebooks. Language
# servers (none is installed; JupyterLab's LSP is off by default) and the classic notebook's
# compatibility layer give a student nothing and cost every server's start CPU (a whole class
# starts at once on the hub: docs/aula.md).
DISABLED = {
    Path("etc/jupyter/labconfig/page_config.json"): {"disabledExtensions": {"jupyterlab-jupytext": True}},
    Path("etc/jupyter/jupyter_server_config.json"): {
        "ServerApp": {"jpserver_extensions": {"jupyterlab_jupytext": False, "jupyter_lsp": False,
                                              "notebook_shim": False}}},
}


def _merge_json(path, values):
    path.parent.mkdir(parents=True, exist_ok=True)
    current = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    for key, value in values.items():
        current[key] = {**current.get(key, {}), **value} if isinstance(value, dict) else value
    path.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")
    return path


def write_overrides(prefix=sys.prefix):
    """Spanish JupyterLab (the language pack needs ``overrides.json`` with locale es_ES, and gets
    the kit's own translations, labkit/jupyterlab_es.po), without the maintainers' jupytext
    extensions."""
    jupyterlab_es.install()
    for relative, values in DISABLED.items():
        _merge_json(Path(prefix) / relative, values)
    return _merge_json(Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json", OVERRIDES)


def _wait_for_signal():
    done = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: done.set())
    done.wait()


def serve():
    lab = start_shared(wrap=preparing_accounts)
    print(f"AWS simulado (local) listo en {lab.endpoint} con el escenario del curso.")
    print(kept_line(lab))
    print("Para usarlo desde otra terminal, copia estas líneas:")
    print("\n".join(export_lines(lab)), flush=True)
    print("Detén el servidor con Ctrl+C.", flush=True)
    _wait_for_signal()
    lab.local.stop()


def notebooks_dir():
    return Path("notebooks").resolve()


def jupyter_args(extra):
    args = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={notebooks_dir()}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")
    return args + list(extra)


def lab(extra=()):
    write_overrides()
    shared = start_shared()
    print(shared.summary(), flush=True)
    print(kept_line(shared))
    print("Terminales y kernels de JupyterLab usan este mismo AWS simulado.", flush=True)
    # Started in notebooks/: a terminal opened from the Launcher at the file browser's top folder
    # asks for cwd "", which jupyter_server_terminals resolves against the server's own directory.
    child = subprocess.Popen(jupyter_args(extra), env=shared.cli_env(), cwd=notebooks_dir())
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda s, _f: child.send_signal(s))
    code = child.wait()
    shared.local.stop()
    return code


def reset():
    endpoint = os.environ.get("LABKIT_ENDPOINT")
    if not endpoint or not local_aws.is_alive(endpoint):
        print("No hay un AWS simulado compartido en marcha (LABKIT_ENDPOINT). "
              "Ejecuta este comando en una terminal de JupyterLab abierta con `make lab`.", file=sys.stderr)
        return 2
    local_aws.reset(endpoint, lab_module.start(mode="mock", quiet=True).account_id
                    if os.environ.get("LABKIT_ACCOUNT") else None)  # on a class's AWS: only this account
    current = lab_module.start(mode="mock", quiet=True)
    found = scenario.ensure(current)
    print(f"Cuenta reiniciada en {endpoint}: escenario del curso listo "
          f"(instancia privada {found.private_instance_id}).")
    return 0
