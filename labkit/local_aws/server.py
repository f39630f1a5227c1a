"""Start, probe, reset and stop the local AWS (a moto server on 127.0.0.1).

This package is the only place in labkit that imports moto. The server runs in a thread of
the calling process, so that labkit's fidelity fixes (applied to moto in Python) reach it.
"""

import json
import logging
import re
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from .settings import PINNED_MOTO, plain_moto

HOST = "127.0.0.1"
ACCOUNT_ID = "123456789012"  # moto's default account (what `aws sts get-caller-identity` answers)
IDENTITY_ARN = f"arn:aws:sts::{ACCOUNT_ID}:user/moto"
# One local AWS can hold many accounts (a class): the access key LABKIT<12 digits> selects that
# account, for boto3 and the AWS CLI alike (see _with_accounts); any other key is ACCOUNT_ID.
ACCOUNT_KEY_PREFIX = "LABKIT"
_ACCOUNT_KEY = re.compile(r"Credential=" + ACCOUNT_KEY_PREFIX + r"(\d{12})/")
_RESET_ACCOUNT = re.compile(r"^/labkit/reset-account/(\d{12})$")

_patched = False
_patch_lock = threading.Lock()


# What prepare_moto does, in this order (tests/contract/test_fixes_machinery.py checks it):
PREPARE_STEPS = (
    "model_cache",     # before moto and the kit create botocore loaders, so that they share one parse
    "moto_version",    # before anything reaches into moto's internals
    "lazy_offerings",  # before anything imports moto.ec2 (it does nothing afterwards)
    "catalogue",       # before fixes.images, which wraps the catalogue's AmiBackend._load_amis
    "fixes",           # fixes.apply_all (not with LABKIT_PLAIN_MOTO=1)
)


def prepare_moto():
    """Import moto and apply the kit's changes once per process (idempotent), in PREPARE_STEPS order."""
    global _patched
    with _patch_lock:
        if _patched:
            return
        from . import lazy_offerings, model_cache, settings

        model_cache.install()
        settings.check_moto_version()
        lazy_offerings.install()
        from moto import settings as moto_settings
        from moto.ec2.models import amis

        from . import catalogue, fixes

        moto_settings.ENABLE_AMI_VALIDATION = True
        catalogue.install(amis)
        if not plain_moto():
            fixes.apply_all()
        _patched = True


@dataclass
class LocalAWS:
    """A running local AWS. ``endpoint`` is what boto3 and the AWS CLI talk to."""

    endpoint: str
    port: int
    _server: object = field(repr=False, default=None)
    _thread: object = field(repr=False, default=None)
    keeper: object = field(repr=False, default=None)  # state.Keeper when the account is kept on disk
    restored: bool = False  # True when the account was read back from the keeper's file

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = None
            if self.keeper is not None:
                self.keeper.close()


def start(port=0, state_file=None, wrap=None):
    """Start a local AWS on 127.0.0.1:port (0 = any free port). Raises OSError if taken.

    With ``state_file`` the account is read from that file first and kept there (see persistence.py).
    ``wrap`` (a WSGI middleware: app -> app) answers requests of its own before they reach moto
    (the class's local AWS: ``serve.preparing_accounts``).
    """
    prepare_moto()
    from moto.moto_server.werkzeug_app import (
        DomainDispatcherApplication,
        MotoRequestHandler,
        create_backend_app,
    )
    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    if port:
        _check_free(port)  # werkzeug would print to stderr and sys.exit() instead of raising
    from . import fixes

    app = DomainDispatcherApplication(create_backend_app)
    if fixes.applied():
        app = fixes.wsgi(app)
    app = _with_accounts(app)
    keeper, restored = None, False
    if state_file is not None:
        from .persistence import Keeper

        keeper = Keeper(state_file)
        restored = keeper.restore()
        app = keeper.wsgi(app)
    if wrap is not None:
        app = wrap(app)
    app = _with_info(app, fixes=fixes.applied())
    server = make_server(HOST, port, app, threaded=True, request_handler=_QuietHandler.build(MotoRequestHandler))
    real_port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, name=f"labkit-aws-{real_port}", daemon=True)
    thread.start()
    if keeper is not None:
        keeper.start()
    return LocalAWS(endpoint=f"http://{HOST}:{real_port}", port=real_port, _server=server, _thread=thread,
                    keeper=keeper, restored=restored)


def account_key(account):
    """The access key that selects ``account`` on a local AWS."""
    return f"{ACCOUNT_KEY_PREFIX}{account}"


def _with_accounts(app):
    """Requests signed with the key LABKIT<account> go to that account (moto's own per-request
    account choice, the x-moto-account-id header); ``POST /labkit/reset-account/<account>``
    empties that account only (``python -m labkit reset`` of one student on a class's AWS)."""

    def wsgi(environ, start_response):
        reset = _RESET_ACCOUNT.match(environ.get("PATH_INFO", ""))
        if reset and environ.get("REQUEST_METHOD") == "POST":
            from moto.core.base_backend import BackendDict, backend_lock

            with backend_lock:
                for backends in list(BackendDict._instances):
                    backends.pop(reset.group(1), None)
            start_response("200 OK", [("Content-Type", "application/json")])
            return [b"{}"]
        found = _ACCOUNT_KEY.search(environ.get("HTTP_AUTHORIZATION", ""))
        if found:
            environ["HTTP_X_MOTO_ACCOUNT_ID"] = found.group(1)
        return app(environ, start_response)

    return wsgi


def _check_free(port):
    import socket

    with socket.socket() as probe:
        probe.bind((HOST, port))  # OSError when taken


def _with_info(app, fixes=True):
    """Answer ``GET /labkit/info`` (so the kit can tell its own server from any other)."""
    info = json.dumps({"labkit": True, "moto": PINNED_MOTO, "fixes": fixes}).encode()

    def wsgi(environ, start_response):
        if environ.get("PATH_INFO") == "/labkit/info":
            start_response("200 OK", [("Content-Type", "application/json")])
            return [info]
        return app(environ, start_response)

    return wsgi


class _QuietHandler:
    @staticmethod
    def build(base):
        class Handler(base):
            def log_request(self, *args, **kwargs):  # no timestamps in cell outputs
                pass

        return Handler


def _request(endpoint, path, method="GET", timeout=2.0):
    req = urllib.request.Request(endpoint.rstrip("/") + path, method=method, data=b"" if method == "POST" else None)
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return resp.status, resp.read()


def is_alive(endpoint, timeout=1.0):
    """True when a kit server answers at ``endpoint``."""
    try:
        status, body = _request(endpoint, "/labkit/info", timeout=timeout)
    except (urllib.error.URLError, OSError, ValueError):
        return False
    if status != 200:
        return False
    try:
        return json.loads(body).get("labkit") is True
    except ValueError:
        return False


def reset(endpoint, account=None):
    """Empty the account behind ``endpoint`` (moto's own reset; the catalogue reloads), or only
    ``account`` when the local AWS holds a whole class."""
    path = f"/labkit/reset-account/{account}" if account else "/moto-api/reset"
    status, _ = _request(endpoint, path, method="POST", timeout=10)
    return status == 200
