"""Snapshot prices and what a retention policy costs (standard tier; archive tier where it can win).

Prices: us-east-1, Amazon EBS pricing page, consulted in PRICES_AS_OF (docs/aws-behaviour.md).
Always shown with ``price_note()`` (date consulted and region).
"""

import numpy as np

from .. import messages
from .blocks import BLOCKS_PER_GIB, is_int, to_gib

# Prices: us-east-1, EBS user guide (docs/aws-behaviour.md). Always shown with PRICES_AS_OF and the region.
PRICES_AS_OF = "2026-11"
PRICE_REGION = "us-east-1"
PRICE_STANDARD = 0.05          # USD per GB-month, standard tier
PRICE_ARCHIVE = 0.0125         # USD per GB-month, archive tier (full snapshots)
PRICE_ARCHIVE_RESTORE = 0.03   # USD per GB restored from the archive tier
ARCHIVE_MIN_DAYS = 90          # archive tier minimum billed period
DAYS_PER_MONTH = 30


def price_note():
    """The Spanish line that goes next to any cost the kit shows."""
    return (f"Precios de {PRICE_REGION} según la guía de usuario de Amazon EBS, vigentes en "
            f"{PRICES_AS_OF}: estándar {PRICE_STANDARD} USD por GB-mes, archivo {PRICE_ARCHIVE} USD por "
            f"GB-mes (mínimo {ARCHIVE_MIN_DAYS} días, restaurar {PRICE_ARCHIVE_RESTORE} USD por GB).")



def monthly_cost(gib_stored, tier="standard"):
    """USD per month for ``gib_stored`` GiB of snapshots in ``tier`` ('standard' or 'archive'),
    at the prices of PRICE_REGION as of PRICES_AS_OF (show ``price_note()`` with it)."""
    return gib_stored * {"standard": PRICE_STANDARD, "archive": PRICE_ARCHIVE}[tier]


def archive_cost(gib_full, days=ARCHIVE_MIN_DAYS, restores=0):
    """USD for keeping a (full) archived snapshot ``days`` days (at least the 90-day minimum is
    billed) and restoring it ``restores`` times."""
    billed_days = max(days, ARCHIVE_MIN_DAYS)
    return gib_full * (PRICE_ARCHIVE * billed_days / DAYS_PER_MONTH + PRICE_ARCHIVE_RESTORE * restores)


def _check_policy(volume_gib, change_pct, keep, used_gib, days=1):
    problems = []
    if not is_int(volume_gib) or volume_gib <= 0:
        problems.append(f"el volumen debe tener un número entero de GiB mayor que cero (recibido {volume_gib!r})")
    elif used_gib is not None and not (0 < used_gib <= volume_gib):
        problems.append(f"los datos ({used_gib!r} GiB) deben ser más de 0 y como mucho {volume_gib} GiB")
    try:
        pct_ok = 0 <= float(change_pct) <= 100
    except (TypeError, ValueError):
        pct_ok = False
    if not pct_ok:
        problems.append(f"el cambio diario debe estar entre 0 % y 100 % (recibido {change_pct!r})")
    if not is_int(keep) or keep < 1:
        problems.append(f"hay que conservar al menos 1 `snapshot` (recibido {keep!r})")
    if not is_int(days) or days < 1:
        problems.append(f"los días deben ser un entero ≥ 1 (recibido {days!r})")
    if problems:
        raise messages.error(messages.STORAGE_BAD_POLICY, code="StorageBadPolicy", detail="; ".join(problems))


def retention(volume_gib, change_pct, keep, days=30, used_gib=None):
    """Day by day storage of "one snapshot a day, keep ``keep``, ``change_pct`` % of the data
    changes a day" (different blocks within a day): a DataFrame with columns day, kept,
    incremental_gib (billed), full_gib (full copies instead).

    Exact for the block model: the oldest kept snapshot holds all the data, each newer one the
    blocks changed that day. Used by 06_faq_y_limpieza.ipynb and the retention widget."""
    import pandas as pd

    _check_policy(volume_gib, change_pct, keep, used_gib, days)
    data = round((volume_gib if used_gib is None else used_gib) * BLOCKS_PER_GIB)
    change = round(float(change_pct) / 100 * data)
    day = np.arange(1, days + 1)
    kept = np.minimum(day, keep)
    return pd.DataFrame({
        "day": day,
        "kept": kept,
        "incremental_gib": to_gib(data + (kept - 1) * change),
        "full_gib": to_gib(kept * data),
    })


def retention_cost(volume_gib, change_pct, keep, used_gib=None):
    """Monthly cost once the policy is steady (``keep`` snapshots kept): dict with GiB and USD for
    incremental snapshots, full copies, and full copies in the archive tier, plus the price date
    and region (``note``). Used by 06_faq_y_limpieza.ipynb and ``charts.monthly_cost``."""
    row = retention(volume_gib, change_pct, keep, days=keep, used_gib=used_gib).iloc[-1]
    inc, full = float(row["incremental_gib"]), float(row["full_gib"])
    return {
        "incremental_gib": inc,
        "full_gib": full,
        "incremental_usd": monthly_cost(inc),
        "full_usd": monthly_cost(full),
        "archive_usd": monthly_cost(full, "archive"),
        "prices_as_of": PRICES_AS_OF,
        "region": PRICE_REGION,
        "note": price_note(),
    }
