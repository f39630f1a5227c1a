"""Keep a local AWS's account on disk, so that what a student created is still there after the
server stops, is culled or restarts (as on AWS).

moto 5.2.5 offers one way to persist: its recorder, which replays every recorded request into a
fresh server. A replay gives every resource a new random id (the `snap-...` a student noted would
no longer exist) and re-runs every describe call, so it does not serve here. Instead the state of
moto's backends (every account and region in use) is written with pickle to one file per
account holder, atomically, a moment after each request and when the server stops, and read
back when the server starts. Only the shared local AWS of `make lab`, `make serve` and a
student's server on the hub keeps a file; a kernel's own throwaway local AWS (tests) does not.

A file that cannot be read (another moto version, a broken file) is set aside with the suffix
`.ilegible` and the account starts at the course's start again; the server says so.
"""

import os
import pickle
import sys
import threading
from pathlib import Path

FORMAT = 1
SAVE_DELAY = 1.0  # seconds after a request before the file is written (requests in a burst: one write)


def default_path():
    """Where the shared local AWS keeps its account: $LABKIT_STATE, or the user's data folder.

    ``LABKIT_STATE=off`` keeps nothing (every start is the course's start).
    """
    chosen = os.environ.get("LABKIT_STATE", "").strip()
    if chosen.lower() in ("off", "0", "no"):
        return None
    if chosen:
        return Path(chosen).expanduser()
    data = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data) / "labkit" / "aws-simulado.pickle"


def _backends():
    from moto.core.base_backend import BackendDict

    return BackendDict


def dump():
    """The state of every moto backend in use, as bytes."""
    from moto import __version__

    backends = _backends()
    data = [(b.service_name, dict(b)) for b in list(backends._instances)]
    return pickle.dumps({"format": FORMAT, "moto": __version__, "backends": data}, protocol=pickle.HIGHEST_PROTOCOL)


def load(raw):
    """Put the state ``raw`` (from ``dump``) back into moto's backends."""
    from moto import __version__
    from moto.backends import get_backend

    saved = pickle.loads(raw)  # noqa: S301 - the user's own file, written by this module
    if saved.get("format") != FORMAT or saved.get("moto") != __version__:
        raise ValueError(f"state written by moto {saved.get('moto')}, this is {__version__}")
    backends = _backends()
    for name, accounts in saved["backends"]:
        live = get_backend(name)
        live.clear()
        live.update(accounts)
        if live not in backends._instances:
            backends._instances.append(live)


class Keeper:
    """Saves the state to ``path`` a moment after requests, and on ``close()``.

    ``wsgi(app)`` wraps the server's app: each request runs under the keeper's lock (so a save
    never pickles half a change) and marks the state as changed.
    """

    def __init__(self, path):
        self.path = Path(path)
        self.lock = threading.RLock()
        self._changed = threading.Event()
        self._closed = False
        self._thread = threading.Thread(target=self._loop, name="labkit-aws-state", daemon=True)

    def restore(self):
        """Load the file if there is one; True when an account was restored."""
        if not self.path.exists():
            return False
        try:
            with self.lock:
                load(self.path.read_bytes())
            return True
        except Exception as exc:  # noqa: BLE001 - any unreadable file: set aside, start fresh
            aside = self.path.with_name(self.path.name + ".ilegible")
            os.replace(self.path, aside)
            print(f"⚠️ No se pudo leer la cuenta simulada guardada ({exc}). Se apartó en {aside} "
                  "y la cuenta empieza desde el inicio del curso.", file=sys.stderr, flush=True)
            return False

    def start(self):
        self._thread.start()

    def wsgi(self, app):
        def keep(environ, start_response):
            try:
                with self.lock:
                    return app(environ, start_response)
            finally:
                self._changed.set()

        return keep

    def save(self):
        with self.lock:
            raw = dump()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(raw)
        os.replace(tmp, self.path)

    def _loop(self):
        while not self._closed:
            self._changed.wait()
            if self._closed:
                return
            self._changed.clear()
            threading.Event().wait(SAVE_DELAY)
            try:
                self.save()
            except Exception as exc:  # noqa: BLE001 - keep serving; say why the file is stale
                print(f"⚠️ No se pudo guardar la cuenta simulada en {self.path}: {exc}", file=sys.stderr, flush=True)

    def close(self):
        """Write the final state and stop the saving thread."""
        self._closed = True
        self._changed.set()
        self.save()
