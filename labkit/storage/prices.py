"""Snapshot prices and what a retention policy costs (standard tier; archive tier where it can win).

Prices: us-east-1, Amazon EBS pricing page, consulted in PRICES_AS_OF (docs/aws-behaviour.md).
Always shown with ``price_note()`` (date consulted and region).
"""

import numpy as np

from .. import messages
from .blocks import BLOCKS_PER_GIB, is_int, to_gib

# Prices of us-east-1 consulted in PRICES_AS_OF (docs/aws-behaviour.md, "Prices"): always shown with
# the month they were consulted and the region, never as a promise of today's price.
PRICES_AS_OF = "2026-11"
PRICE_REGION = "us-east-1"
PRICE_STANDARD = 0.05          # USD per GB-month, standard tier
PRICE_ARCHIVE = 0.0125         # USD per GB-month, archive tier (full snapshots)
PRICE_ARCHIVE_RESTORE = 0.03   # USD per GB restored from the archive tier
ARCHIVE_MIN_DAYS = 90          # archive tier minimum billed period
DAYS_PER_MONTH = 30


def price_note():
    """The Spanish line that goes next to any cost the kit shows."""
    return (f"Precios de {PRICE_REGION} según la guía de usuario de Amazon EBS, consultados en "
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
    blocks changed that day. Used by 03_almacenamiento_incremental.ipynb and the retention widget."""
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
    incremental snapshots and full copies (standard tier), plus the price date and region (``note``).
    No archive tier here: a daily rotation there costs far more (``daily_rotation_in_archive``).
    Used by 03_almacenamiento_incremental.ipynb and ``charts.monthly_cost``."""
    row = retention(volume_gib, change_pct, keep, days=keep, used_gib=used_gib).iloc[-1]
    inc, full = float(row["incremental_gib"]), float(row["full_gib"])
    return {
        "incremental_gib": inc,
        "full_gib": full,
        "incremental_usd": monthly_cost(inc),
        "full_usd": monthly_cost(full),
        "prices_as_of": PRICES_AS_OF,
        "region": PRICE_REGION,
        "note": price_note(),
    }


def daily_rotation_in_archive(volume_gib, keep):
    """USD per month of "one snapshot a day, keep ``keep``" if every snapshot went to the archive
    tier: each one is full (``volume_gib``) and billed at least ARCHIVE_MIN_DAYS days, however early
    it is deleted (docs/aws-behaviour.md, "Snapshot archive tier")."""
    _check_policy(volume_gib, 0, keep, None)
    return DAYS_PER_MONTH * archive_cost(volume_gib, days=keep)


def archive_comparison(volume_gib, monthly_change_pct, keep_months=12, restores_per_year=1):
    """Steady monthly USD of "one snapshot a month, keep ``keep_months``" in each tier: standard
    (incremental: the data plus each later month's change) or archive (every snapshot full, plus the
    restore fee of ``restores_per_year`` full restores, spread over the months). Where the archive
    tier can win: snapshots kept for months that differ a lot from each other (AWS, "Guidelines and
    best practices for archiving Amazon EBS snapshots"). Needs ``keep_months`` >= 3 (90-day minimum)."""
    problems = []
    if not is_int(keep_months) or keep_months * DAYS_PER_MONTH < ARCHIVE_MIN_DAYS:
        problems.append(f"el nivel de archivo cobra al menos {ARCHIVE_MIN_DAYS} días: conserva 3 meses o más "
                        f"(recibido {keep_months!r})")
    if not is_int(restores_per_year) or restores_per_year < 0:
        problems.append(f"las restauraciones por año deben ser un entero ≥ 0 (recibido {restores_per_year!r})")
    if problems:
        raise messages.error(messages.STORAGE_BAD_POLICY, code="StorageBadPolicy", detail="; ".join(problems))
    _check_policy(volume_gib, monthly_change_pct, keep_months, None)
    standard_gib = float(retention(volume_gib, monthly_change_pct, keep_months, days=keep_months)
                         .iloc[-1]["incremental_gib"])
    archive_gib = float(keep_months * volume_gib)
    standard_usd = monthly_cost(standard_gib)
    archive_usd = monthly_cost(archive_gib, "archive") + volume_gib * PRICE_ARCHIVE_RESTORE * restores_per_year / 12
    return {
        "standard_gib": standard_gib,
        "archive_gib": archive_gib,
        "standard_usd": standard_usd,
        "archive_usd": archive_usd,
        "winner": "archive" if archive_usd < standard_usd else "standard",
        "prices_as_of": PRICES_AS_OF,
        "region": PRICE_REGION,
        "note": price_note(),
    }
