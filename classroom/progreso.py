"""The teacher's live view: a JupyterHub service that records each exercise check a student runs
and shows the class as a table of students × exercises (Spanish page, updated every few seconds,
CSV download). classroom/jupyterhub_config.py runs it as the service `progreso`; the page is
<hub>/services/progreso/.

- ``POST api/resultado`` {"ejercicio": ..., "correcto": true|false}: sent by labkit.progress
  from a student's kernel with that student's own token (JUPYTERHUB_API_TOKEN of their server).
  The row is the token's owner: a body naming someone else is refused (403), and only a token
  (never a browser cookie) may write.
- ``GET`` (the page), ``api/tabla`` (JSON) and ``progreso.csv``: hub admins only (the teacher);
  a student gets 403, so nobody sees another student's results.

Results are kept in a SQLite file (LABKIT_PROGRESS_DB, default ./progreso.sqlite in the hub's
folder): the last answer per student and exercise, how many tries, and when.
"""

import csv
import io
import json
import os
import sqlite3
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlparse

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import ioloop, web
from tornado.httpclient import AsyncHTTPClient, HTTPRequest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from labkit import checks, progress  # noqa: E402 - the kit's own copy, next to this file


def course_exercises():
    """Every exercise of the course, in the order of the lessons."""
    found = {progress.exercise_of(f) for name, f in vars(checks).items()
             if callable(f) and not name.startswith("_") and (f.__doc__ or "").startswith("Exercise")}
    return sorted(found)


class Store:
    def __init__(self, path):
        self.lock = threading.Lock()
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.execute("""CREATE TABLE IF NOT EXISTS resultados (alumno TEXT, ejercicio TEXT, correcto INTEGER,
                           intentos INTEGER, cuando TEXT, PRIMARY KEY (alumno, ejercicio))""")
        self.db.commit()

    def record(self, student, exercise, right):
        when = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        with self.lock:
            self.db.execute("""INSERT INTO resultados VALUES (?, ?, ?, 1, ?)
                               ON CONFLICT (alumno, ejercicio) DO UPDATE SET correcto = excluded.correcto,
                               intentos = intentos + 1, cuando = excluded.cuando""",
                            (student, exercise, int(right), when))
            self.db.commit()

    def rows(self):
        with self.lock:
            return self.db.execute("SELECT alumno, ejercicio, correcto, intentos, cuando FROM resultados "
                                   "ORDER BY alumno, ejercicio").fetchall()


class Base(HubOAuthenticated, web.RequestHandler):
    def initialize(self, store):
        self.store = store

    def write_error(self, status_code, **kwargs):
        text = {401: "Inicia sesión en JupyterHub.", 403: "Solo el docente (administrador del hub) puede ver "
                "el progreso de la clase.", 400: "Resultado mal formado."}.get(status_code, "Error.")
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(text)

    async def require_admin(self):
        user = self.current_user
        if not user:
            raise web.HTTPError(403)
        if user.get("kind") != "user" or not await is_admin(user["name"]):
            raise web.HTTPError(403)
        return user


_admins = {}


async def is_admin(name):
    """Ask the hub (with this service's own token) whether ``name`` is an admin; cached a minute."""
    cached = _admins.get(name)
    if cached and time.monotonic() - cached[1] < 60:
        return cached[0]
    url = url_path_join(os.environ["JUPYTERHUB_API_URL"], "users", name)
    req = HTTPRequest(url, headers={"Authorization": f"token {os.environ['JUPYTERHUB_API_TOKEN']}"})
    try:
        resp = await AsyncHTTPClient().fetch(req)
        admin = bool(json.loads(resp.body).get("admin"))
    except Exception:  # noqa: BLE001 - unknown means no
        admin = False
    _admins[name] = (admin, time.monotonic())
    return admin


class Report(Base):
    def check_xsrf_cookie(self):
        pass  # only token-authenticated writes are accepted (see post)

    def post(self):
        user = self.current_user
        if not user or not self.request.headers.get("Authorization"):
            raise web.HTTPError(403)  # no token (a browser's cookie may not write)
        try:
            body = json.loads(self.request.body)
            exercise, right = str(body["ejercicio"])[:80], body["correcto"]
        except (ValueError, KeyError, TypeError):
            raise web.HTTPError(400) from None
        if not isinstance(right, bool) or body.get("alumno", user["name"]) != user["name"] \
                or user.get("kind") != "user":
            raise web.HTTPError(403)  # a row is always the token's owner's
        self.store.record(user["name"], exercise, right)
        self.set_status(204)


class Table(Base):
    async def get(self):
        await self.require_admin()
        exercises = course_exercises()
        cells = {}
        for student, exercise, right, tries, when in self.store.rows():
            if exercise not in exercises:
                exercises.append(exercise)
            cells.setdefault(student, {})[exercise] = {"correcto": bool(right), "intentos": tries, "cuando": when}
        self.set_header("Cache-Control", "no-store")
        self.finish({"ejercicios": exercises, "alumnos": cells})


class Csv(Base):
    async def get(self):
        await self.require_admin()
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["alumno", "ejercicio", "resultado", "intentos", "cuando (UTC)"])
        for student, exercise, right, tries, when in self.store.rows():
            writer.writerow([student, exercise, "correcto" if right else "todavía no", tries, when])
        self.set_header("Content-Type", "text/csv; charset=utf-8")
        self.set_header("Content-Disposition", 'attachment; filename="progreso.csv"')
        self.finish(out.getvalue())


PAGE = """<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>Progreso de la clase</title>
<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.3em .6em;text-align:center}th{background:#f3f3f3}
td.si{background:#d9f2d9}td.no{background:#fde2e1}</style></head>
<body><h1>Progreso de la clase</h1>
<p>Cada celda muestra la última comprobación de ese ejercicio: ✅ correcto, ❌ todavía no
(entre paréntesis, cuántas veces lo comprobó). La tabla se actualiza sola cada 5 s.
<a href="progreso.csv">Descargar CSV</a></p>
<p id="estado"></p><table id="tabla"></table>
<script>
async function actualizar() {
  const r = await fetch("api/tabla", {cache: "no-store"});
  if (!r.ok) { document.getElementById("estado").textContent = await r.text(); return; }
  const d = await r.json(), t = document.getElementById("tabla");
  t.replaceChildren();
  const h = t.insertRow(); h.insertCell().outerHTML = "<th>Alumno</th>";
  for (const e of d.ejercicios) { const c = document.createElement("th"); c.textContent = e; h.appendChild(c); }
  for (const a of Object.keys(d.alumnos).sort()) {
    const row = t.insertRow(), name = row.insertCell(); name.textContent = a;
    for (const e of d.ejercicios) {
      const v = d.alumnos[a][e], c = row.insertCell();
      if (v) { c.className = v.correcto ? "si" : "no";
               c.textContent = (v.correcto ? "✅" : "❌") + " (" + v.intentos + ")"; c.title = v.cuando; }
    }
  }
  document.getElementById("estado").textContent =
    Object.keys(d.alumnos).length + " alumnos con resultados. Actualizado: " + new Date().toLocaleTimeString("es");
}
actualizar(); setInterval(actualizar, 5000);
</script></body></html>
"""


class Page(Base):
    async def get(self):
        if not self.current_user:
            self.redirect(self.get_login_url())  # OAuth with the hub, then back here
            return
        await self.require_admin()
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(PAGE)


def make_app(store):
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/progreso/")
    args = {"store": store}
    return web.Application([
        (prefix, Page, args),
        (url_path_join(prefix, "api/resultado"), Report, args),
        (url_path_join(prefix, "api/tabla"), Table, args),
        (url_path_join(prefix, "progreso.csv"), Csv, args),
        (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
    ], cookie_secret=os.urandom(32))


def main():
    store = Store(os.environ.get("LABKIT_PROGRESS_DB") or "progreso.sqlite")
    url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
    make_app(store).listen(url.port, url.hostname)
    ioloop.IOLoop.current().start()


if __name__ == "__main__":
    main()
