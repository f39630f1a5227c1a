"""Fidelity fixes: make moto behave like AWS on what the lessons teach (see moto-gaps.md).

One module per gap family; ``apply_all`` is called once per process by ``server.prepare_moto``.
"""


def apply_all():
    """Apply every fix (none yet: added family by family)."""
