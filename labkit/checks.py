"""Exercise checks with Spanish feedback: right, or what is missing and a hint.

Each check looks at the account (through the lab), never at the notebook. Used by the
"Ejercicio" cells of notebooks 01–08 (``labkit.checks.<name>(lab, ...)``).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Feedback:
    """The answer of a check: ``ok`` and a Spanish message (shown as the cell's output)."""

    ok: bool
    message: str

    def __bool__(self):
        return self.ok

    def __repr__(self):
        return self.message

    def _repr_markdown_(self):
        return self.message


def right(message):
    return Feedback(True, f"✅ ¡Correcto! {message}")


def not_yet(missing, hint):
    return Feedback(False, f"❌ Todavía no: {missing}\n\n💡 Pista: {hint}")
