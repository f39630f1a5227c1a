"""What the local AWS is pinned to and how the environment configures it, each in one place.

No moto import here: ``labkit.actions`` (in the student's kernel) reads the same snapshot time
as the local AWS.
"""

import os

# Exact pins (pyproject.toml): the fixes reach into moto's internals, the model cache into botocore's.
PINNED_MOTO = "5.2.5"
PINNED_BOTOCORE = "1.44.8"

# LABKIT_PLAIN_MOTO=1: serve plain moto (catalogue only, no fidelity fixes), so that the contract
# tests can show each gap of docs/local-aws-differences.md: `LABKIT_PLAIN_MOTO=1 pytest tests/contract` fails them all.
PLAIN_MOTO_ENV = "LABKIT_PLAIN_MOTO"

# How long a new snapshot stays `pending`, in seconds (float; read when each snapshot is created).
SNAPSHOT_SECONDS_ENV = "LABKIT_SNAPSHOT_SECONDS"
DEFAULT_SNAPSHOT_SECONDS = 0.5


def check_moto_version():
    """Refuse to patch a moto other than the pinned one (RuntimeError saying how to fix it)."""
    import moto

    if moto.__version__ != PINNED_MOTO:
        raise RuntimeError(
            f"labkit's local AWS reaches into moto {PINNED_MOTO} internals, but moto {moto.__version__} "
            "is installed; reinstall the pinned version with `make install`."
        )


def plain_moto():
    """True when LABKIT_PLAIN_MOTO asks for moto without the kit's fidelity fixes."""
    return os.environ.get(PLAIN_MOTO_ENV, "").strip().lower() in ("1", "true", "yes")


def snapshot_seconds():
    """Seconds a new snapshot stays ``pending`` (LABKIT_SNAPSHOT_SECONDS, read now; default 0.5;
    negative -> 0; not a number -> the default)."""
    raw = os.environ.get(SNAPSHOT_SECONDS_ENV, "").strip()
    try:
        value = float(raw) if raw else DEFAULT_SNAPSHOT_SECONDS
    except ValueError:
        return DEFAULT_SNAPSHOT_SECONDS
    if value != value:  # NaN
        return DEFAULT_SNAPSHOT_SECONDS
    return max(0.0, value)
