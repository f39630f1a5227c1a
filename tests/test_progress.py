"""labkit.progress: an exercise check reports (exercise, right or not yet) with the student's token
only where the hub set LABKIT_PROGRESS_URL and JUPYTERHUB_API_TOKEN; anywhere else nothing is
sent and the check answers as before. (The service itself is tested in tests/test_jupyterhub.py.)"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from labkit import checks, progress


@pytest.fixture
def service(monkeypatch):
    """A stand-in for the progress service: records every report it receives."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            received.append({"path": self.path, "auth": self.headers.get("Authorization"), **body})
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv(progress.URL_ENV, f"http://127.0.0.1:{server.server_address[1]}/services/progreso/")
    monkeypatch.setenv(progress.TOKEN_ENV, "token-de-ana")
    yield received
    server.shutdown()
    server.server_close()


def sent(feedback_thread_pairs):
    for _, thread in feedback_thread_pairs:
        assert thread is not None
        thread.join(timeout=30)


def test_right_wrong_and_nothing_done_are_each_reported_with_the_students_token(service, monkeypatch):
    reports = []
    monkeypatch.setattr(progress, "report", lambda fb, _real=progress.report: reports.append((fb, _real(fb))))
    right = checks.documented_owner_option("--owners self")
    wrong = checks.documented_owner_option("--owner self")
    nothing = checks.documented_owner_option(None)
    sent(reports)
    assert bool(right) and not wrong and not nothing
    # Reports travel on their own threads: their order of arrival is the machine's, not the kit's.
    assert sorted((r["ejercicio"], r["correcto"]) for r in service) == [
        ("06_faq_y_limpieza · 2", False), ("06_faq_y_limpieza · 2", False), ("06_faq_y_limpieza · 2", True)]
    assert {r["auth"] for r in service} == {"token token-de-ana"}
    assert {r["path"] for r in service} == {"/services/progreso/api/resultado"}
    assert all("alumno" not in r for r in service), "the student is the token's owner, never a field"


def test_a_check_that_uses_another_check_reports_once_as_the_outer_exercise(service, monkeypatch):
    reports = []
    monkeypatch.setattr(progress, "report", lambda fb, _real=progress.report: reports.append((fb, _real(fb))))
    feedback = checks.policy_cost(None, 100, 5, 7)  # builds its answer with not_yet()
    sent(reports)
    assert not feedback
    assert [(r["ejercicio"], r["correcto"]) for r in service] == [("03_almacenamiento_incremental · 3", False)]


def test_without_the_hub_nothing_is_sent(monkeypatch):
    monkeypatch.delenv(progress.URL_ENV, raising=False)
    monkeypatch.delenv(progress.TOKEN_ENV, raising=False)
    assert progress.report(checks.right("Bien.")) is None
    assert bool(checks.documented_owner_option("--owners self"))


def test_a_dead_service_never_breaks_a_check(monkeypatch):
    monkeypatch.setenv(progress.URL_ENV, "http://127.0.0.1:9/services/progreso/")  # nobody listens
    monkeypatch.setenv(progress.TOKEN_ENV, "token-de-ana")
    feedback = checks.documented_owner_option("--owners self")
    assert bool(feedback) and "¡Correcto!" in feedback.message


def test_every_exercise_of_the_course_has_its_own_label():
    labels = [progress.exercise_of(f) for name, f in vars(checks).items()
              if callable(f) and not name.startswith("_") and (f.__doc__ or "").startswith("Exercise")]
    assert len(labels) == len(set(labels)) >= 15
    assert all(" · " in label for label in labels)
