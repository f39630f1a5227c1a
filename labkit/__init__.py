"""labkit: the helper package of the Spanish snapshots-and-AMIs lab.

``lab = labkit.start()`` in the first cell of every notebook; the rest is in submodules
(``labkit.scenario``, ``labkit.tables``, ...), imported on first use so that importing
labkit stays fast and has no side effects.
"""

import importlib

from .lab import Lab, start
from .messages import LabkitError

__version__ = "0.1.0"
__all__ = ["Lab", "LabkitError", "start", "__version__"]

_SUBMODULES = {"scenario", "tables", "safety", "messages", "local_aws", "lab",
               "storage", "charts", "figures", "console", "checks", "actions",
               "lesson", "sharing", "student", "storage_widgets", "waits", "rules",
               "console_actions", "progress", "aws_ids"}


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
