"""Funding per point: allocated, released and spent amounts, each with its source.

Coordinators record, change and remove figures (atomic, audited). A figure nobody
reported has no record, and every face says "no figure" for it, never 0. Fiscal years
run July to June and are named by the year they start (2024 is 2024-25); a figure whose
source gives no fiscal year keeps it empty ("fiscal year not given").
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from napmon.core import roles
from napmon.core.audit import diff, snapshot
from napmon.indicators.models import Source
from napmon.plans.models import PlanVersion, Point
from napmon.plans.services.queries import source_dict
from napmon.reporting import signals
from napmon.reporting.errors import ReportingError
from napmon.reporting.models import Funding
from napmon.reporting.services._common import (
    audit,
    lock_unchanged,
    require,
    save_new_version,
    send_after_commit,
)

FIELDS = [
    "body_id",
    "fiscal_year",
    "kind",
    "amount",
    "currency",
    "source_id",
    "reference",
    "note",
]
KINDS = [k for k, _label in Funding.Kind.choices]
MAX_AMOUNT = Decimal(10) ** 18

# The figures of the seed documents (../shared/seeds), each with its citation. The
# source keys are those of the built-in dataset (plans/data/nap.yaml).
SEEDED = (
    {
        "point": ("2021", 1),
        "kind": Funding.Kind.ALLOCATED,
        "amount": Decimal("60000000000"),
        "source": "issra-via-article",
        "note": (
            "Operation Azm-e-Istehkam, launched by the Apex Committee in June 2024 'with a "
            "Rs. 60 billion allocation to reinforce NAP execution'. The source ties it to NAP "
            "execution as a whole and gives no fiscal year; it is recorded under point 1 "
            "(zero tolerance for militancy), as the point's status history is."
        ),
    },
    {
        "point": ("2021", 10),
        "kind": Funding.Kind.ALLOCATED,
        "amount": Decimal("600000000000"),
        "source": "issra-via-article",
        "note": (
            "'A Rs. 600 billion development package launched in 2021' for Balochistan "
            "(point 10, Balochistan reconciliation). The source gives no fiscal year."
        ),
    },
)


def fiscal_year_label(year: int | None) -> str | None:
    """``2024`` → ``"2024-25"`` (July 2024 to June 2025); ``None`` stays ``None``."""
    return None if year is None else f"{year}-{(year + 1) % 100:02d}"


def _amount(value) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise ReportingError(
            _("Give the amount as a number."), code="validation", field="amount"
        ) from exc
    if not amount.is_finite() or amount < 0 or amount >= MAX_AMOUNT:
        raise ReportingError(
            _("The amount must be zero or more and smaller than 10^18."),
            code="validation",
            field="amount",
        )
    return amount.quantize(Decimal("0.01"))


def _check(values: dict) -> dict:
    if values["kind"] not in KINDS:
        raise ReportingError(
            _("The kind must be allocated, released or spent."), code="validation", field="kind"
        )
    year = values.get("fiscal_year")
    if year is not None and not 1947 <= int(year) <= 2100:
        raise ReportingError(
            _("The fiscal year is the year it starts, such as 2024 for 2024-25."),
            code="validation",
            field="fiscal_year",
        )
    values["amount"] = _amount(values["amount"])
    values["reference"] = (values.get("reference") or "").strip()
    if values.get("source_id") is None and not values["reference"]:
        raise ReportingError(
            _("Cite the source of the figure or the decision it comes from."),
            code="source_required",
            field="reference",
        )
    currency = (values.get("currency") or "PKR").strip().upper()
    if len(currency) != 3 or not currency.isalpha():
        raise ReportingError(
            _("The currency is a three-letter code such as PKR."),
            code="validation",
            field="currency",
        )
    values["currency"] = currency
    values["note"] = (values.get("note") or "").strip()
    return values


def record_funding(
    point,
    *,
    kind: str,
    amount,
    fiscal_year: int | None = None,
    body=None,
    currency: str = "PKR",
    source: Source | None = None,
    reference: str = "",
    note: str = "",
    actor=None,
) -> Funding:
    """Record one funding figure for ``point`` (coordinators).

    Raises ``ReportingError``: ``permission_denied``, ``validation`` (kind, amount, fiscal
    year, currency), ``source_required``.
    """
    require(actor, roles.MANAGE_REVIEWS)
    if isinstance(amount, float) and not math.isfinite(amount):
        amount = "nan"
    values = _check(
        {
            "kind": kind,
            "amount": amount,
            "fiscal_year": fiscal_year,
            "body_id": body.pk if body else None,
            "currency": currency,
            "source_id": source.pk if source else None,
            "reference": reference,
            "note": note,
        }
    )
    with transaction.atomic():
        funding = Funding.objects.create(
            point=point,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
            **values,
        )
        audit("reporting.funding.recorded", funding, actor, {"new": snapshot(funding)})
        send_after_commit(signals.funding_recorded, Funding, instance=funding, actor=actor)
    return funding


def _conflict_message() -> str:
    return _(
        "Someone else changed this funding figure while you were looking at it. "
        "Reload the page and check it again."
    )


def update_funding(funding: Funding, *, actor=None, expected_version=None, **fields) -> Funding:
    """Change a funding figure (``kind``, ``amount``, ``fiscal_year``, ``body``,
    ``currency``, ``source``, ``reference``, ``note``).

    With ``expected_version`` the change is refused (``conflict``) when someone else saved
    the figure since it was read. Raises like ``record_funding``, and ``conflict``.
    """
    require(actor, roles.MANAGE_REVIEWS)
    values = snapshot(funding, FIELDS)
    for name, value in fields.items():
        if name in ("body", "source"):
            values[f"{name}_id"] = value.pk if value else None
        elif name in FIELDS:
            values[name] = value
        else:
            raise ReportingError(
                _("Unknown field %(name)s.") % {"name": name}, code="validation", field=name
            )
    values = _check(values)
    with transaction.atomic():
        locked = lock_unchanged(funding, expected_version, _conflict_message())
        old = snapshot(locked, FIELDS)
        for name, value in values.items():
            setattr(locked, name, value)
        changes = diff(old, snapshot(locked, FIELDS))
        if changes:  # saving an unchanged form writes nothing and audits nothing
            save_new_version(locked)
            audit("reporting.funding.changed", locked, actor, changes)
            send_after_commit(signals.funding_recorded, Funding, instance=locked, actor=actor)
    return funding_queryset().get(pk=funding.pk)


def remove_funding(funding: Funding, *, actor=None, expected_version=None) -> None:
    """Remove a funding figure recorded in error (the audit log keeps what it was).

    With ``expected_version`` the removal is refused (``conflict``) when someone else
    changed the figure since it was read. Raises ``ReportingError``: ``permission_denied``,
    ``conflict``.
    """
    require(actor, roles.MANAGE_REVIEWS)
    with transaction.atomic():
        locked = lock_unchanged(funding, expected_version, _conflict_message())
        audit("reporting.funding.removed", locked, actor, {"old": snapshot(locked)})
        locked.delete()


def seed_funding() -> int:
    """Record the seed documents' figures once (idempotent); returns how many were added.

    A figure whose point or source is not loaded (no built-in dataset) is left out.
    """
    added = 0
    for row in SEEDED:
        label, number = row["point"]
        point = Point.objects.filter(version__label=label, number=number).first()
        source = Source.objects.filter(key=row["source"]).first()
        if point is None or source is None:
            continue
        exists = Funding.objects.filter(
            point=point, kind=row["kind"], amount=row["amount"], source=source
        ).exists()
        if not exists:
            record_funding(
                point, kind=row["kind"], amount=row["amount"], source=source, note=row["note"]
            )
            added += 1
    return added


# --- reading ---------------------------------------------------------------------------


def funding_dict(funding: Funding) -> dict:
    """The JSON shape of a funding figure (API and CLI)."""
    amount = funding.amount
    return {
        "id": funding.pk,
        "version": funding.point.version.label,
        "point": funding.point.number,
        "body": funding.body.slug if funding.body_id else None,
        "body_name": funding.body.name if funding.body_id else None,
        "fiscal_year": funding.fiscal_year,
        "fiscal_year_label": fiscal_year_label(funding.fiscal_year),
        "kind": funding.kind,
        "amount": int(amount) if amount == amount.to_integral_value() else float(amount),
        "currency": funding.currency,
        "source": source_dict(funding.source) if funding.source_id else None,
        "reference": funding.reference,
        "note": funding.note,
        "row_version": funding.version,
    }


def funding_queryset():
    return Funding.objects.select_related("point__version", "body", "source__cited_in")


def list_funding(*, version=None, point=None, body=None) -> list[dict]:
    """Funding figures as JSON dicts, filtered by version label, point number and body
    slug (the API's ``GET /funding`` and ``napmon funding list --json``)."""
    figures = funding_queryset()
    if version:
        figures = figures.filter(point__version__label=version)
    if point is not None:
        figures = figures.filter(point__number=point)
    if body:
        figures = figures.filter(body__slug=body)
    return [funding_dict(f) for f in figures]


def point_funding(point) -> dict:
    """A point's figures and, per (fiscal year, body), allocated/released/spent, with
    ``None`` (no figure) where no source gives one: never 0."""
    records = list(funding_queryset().filter(point=point))
    rows: dict[tuple, dict] = {}
    for f in records:
        key = (f.fiscal_year, f.body_id, f.currency)
        row = rows.setdefault(
            key,
            {
                "fiscal_year": f.fiscal_year,
                "fiscal_year_label": fiscal_year_label(f.fiscal_year),
                "body": f.body.name if f.body_id else None,
                "currency": f.currency,
                **{k: None for k in KINDS},
            },
        )
        row[f.kind] = (row[f.kind] or 0) + f.amount
    return {"records": [funding_dict(f) for f in records], "summary": list(rows.values())}


def funding_overview() -> dict:
    """For the cockpit: the latest version's points with funding figures, and how many."""
    version = PlanVersion.objects.order_by("-label").first()
    if version is None:
        return {"version": None, "points": 0, "with_figures": []}
    points = version.points.annotate(figures=Count("funding")).order_by("number")
    return {
        "version": version.label,
        "points": points.count(),
        "with_figures": [
            {"version": version.label, "number": p.number, "title": p.title, "figures": p.figures}
            for p in points
            if p.figures
        ],
    }
