"""Which rows a count covers: the one country-scope rule every summary applies.

Event files often cover many countries. Every row is kept (cross-dataset matching needs
them), but every summary, page, claim, index, brief and export counts **Pakistan only**
unless the caller names another country, or :data:`ALL_COUNTRIES` for no restriction.
Both summary services (``events.services.summary`` and ``analysis.services.summaries``)
call :func:`country_q`; nothing else filters by country.
"""

from __future__ import annotations

from django.db.models import Q

from napmon.events.resolvers import PAKISTAN_KEYS

DEFAULT_COUNTRY = "Pakistan"
ALL_COUNTRIES = "all"
# A blank country cell counts as Pakistan: single-country files often leave it out.
_PAKISTAN_SPELLINGS = sorted(k for k in PAKISTAN_KEYS if k)


# UCDP's type_of_violence, by the names the CLI, pages and API accept.
VIOLENCE_CODES = {"state-based": 1, "non-state": 2, "one-sided": 3}


def violence_code(value) -> int | None:
    """UCDP type of violence from a name ("one-sided") or code (3); None when blank.

    Raises ValueError naming the accepted values otherwise.
    """
    if value in (None, ""):
        return None
    if str(value) in VIOLENCE_CODES:
        return VIOLENCE_CODES[str(value)]
    if str(value) in {"1", "2", "3"}:
        return int(value)
    raise ValueError(
        f"'{value}' is not a type of violence; use {', '.join(VIOLENCE_CODES)} (or 1, 2, 3)."
    )


def scope_label(country: str | None) -> str:
    """The country a count covers, as a reader sees it ("Pakistan", "all countries" ...)."""
    country = (country or "").strip()
    if not country:
        return DEFAULT_COUNTRY
    return "all countries" if country.lower() == ALL_COUNTRIES else country


def country_q(country: str | None, field: str = "country") -> Q:
    """The filter on ``field`` for a requested country (default: Pakistan).

    ``None`` or "" means Pakistan (its spellings "Pakistan", "PAK", "PK", and blank);
    "all" means every country; any other name matches that country, case-insensitively.
    """
    country = (country or "").strip()
    if country.lower() == ALL_COUNTRIES:
        return Q()
    if not country or country.lower() in PAKISTAN_KEYS:
        query = Q(**{field: ""})
        for spelling in _PAKISTAN_SPELLINGS:
            query |= Q(**{f"{field}__iexact": spelling})
        return query
    return Q(**{f"{field}__iexact": country})
