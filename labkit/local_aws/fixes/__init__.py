"""Fidelity fixes: make moto behave like AWS on what the lessons teach (see docs/local-aws-differences.md).

One module per gap family (snapshots, images, volumes, encryption, errors, ebs_direct,
unsupported); the table row -> module -> contract test is in this folder's README.md.
``apply_all`` is called once per process by ``server.prepare_moto`` (skipped when
LABKIT_PLAIN_MOTO=1, to run the contract tests against plain moto). Every fix patches moto
classes, never instances, so it survives ``/moto-api/reset``; it is idempotent; and it
refuses to run on a moto version other than the one it was written for.
"""

import threading

MOTO_VERSION = "5.2.5"

_applied = False
_lock = threading.Lock()


def check_moto_version():
    import moto

    if moto.__version__ != MOTO_VERSION:
        raise RuntimeError(
            f"labkit's fidelity fixes reach into moto {MOTO_VERSION} internals, but moto {moto.__version__} "
            "is installed; reinstall the pinned version with `make install`."
        )


def apply_all():
    """Apply every fix once (later calls do nothing)."""
    global _applied
    with _lock:
        if _applied:
            return
        check_moto_version()
        from . import ebs_direct, encryption, errors, images, snapshots, volumes

        for module in (errors, snapshots, images, volumes, encryption, ebs_direct):
            module.apply()
        _applied = True


def applied():
    """True once :func:`apply_all` has run in this process."""
    return _applied


def wsgi(app):
    """The WSGI app the local AWS serves: ``app`` plus the real-AWS-only answers (row 13)."""
    from . import unsupported

    return unsupported.wsgi(app)
