"""Fidelity fixes: make moto behave like AWS on what the lessons teach (see docs/local-aws-differences.md).

One module per gap family (snapshots, images, volumes, encryption, errors, ebs_direct, archive,
snapshot_lock, fast_restore, snapshot_public_access, recycle_bin, image_attributes,
volume_modifications, replace_root, instances, tasks; the WSGI middlewares
rbin_rules and unsupported); the table row -> module -> contract test is in this folder's README.md. The
local AWS's own state on moto's objects (life cycle, visibility, lineage, keys) lives in
``state``; patch modules import ``state`` and ``_util``, never each other.

``apply_all`` is called once per process by ``server.prepare_moto`` (after the moto version
check and the AMI catalogue; skipped when LABKIT_PLAIN_MOTO=1, to run the contract tests against
plain moto). Every fix patches moto classes, never instances, so it survives
``/moto-api/reset``; it is idempotent.
"""

import importlib
import threading

# The order apply_all patches in. No attribute is patched by two modules (each module's
# ``patches()`` lists its own; tests/contract/test_fixes_machinery.py checks both), so the
# modules do not depend on each other's order; what must come before them is in
# ``server.prepare_moto``.
PATCH_MODULES = ("errors", "snapshots", "images", "volumes", "encryption", "ebs_direct", "archive",
                 "snapshot_lock", "fast_restore", "snapshot_public_access", "recycle_bin", "image_attributes",
                 "volume_modifications", "replace_root", "instances", "tasks")

_applied = False
_lock = threading.Lock()


def patch_modules():
    """The patch modules, in PATCH_MODULES order."""
    return [importlib.import_module(f"{__name__}.{name}") for name in PATCH_MODULES]


def apply_all():
    """Apply every fix once (later calls do nothing). Call through ``server.prepare_moto``."""
    global _applied
    from . import _util

    with _lock:
        if _applied:
            return
        for module in patch_modules():
            for owner, name, new in module.patches():
                _util.patch(owner, name, new)
        _applied = True


def applied():
    """True once :func:`apply_all` has run in this process."""
    return _applied


def wsgi(app):
    """The WSGI app the local AWS serves: ``app`` plus the Recycle Bin rules and the real-AWS-only
    answers (row 13)."""
    from . import rbin_rules, unsupported

    return rbin_rules.wsgi(unsupported.wsgi(app))
