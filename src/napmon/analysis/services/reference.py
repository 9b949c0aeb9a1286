"""Seeding the analysis reference data: sources, interventions and the claims ledger."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from napmon.analysis.errors import AnalysisError
from napmon.analysis.models import Claim, Intervention
from napmon.core.audit import log_action
from napmon.indicators.models import Source

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SOURCE_FIELDS = ("kind", "publisher", "title", "short_label", "author", "date", "url", "locator")


def _read(name: str) -> dict:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _source(key: str) -> Source:
    source = Source.objects.filter(key=key).first()
    if source is None:
        raise AnalysisError(
            _("Unknown source '%(key)s' in the analysis reference data.") % {"key": key},
            code="invalid_reference",
            field="source",
        )
    return source


def _seed_sources(specs: list[dict]) -> int:
    created = 0
    for spec in specs:
        values = {f: spec.get(f, "") for f in SOURCE_FIELDS}
        _obj, was_created = Source.objects.get_or_create(key=spec["key"], defaults=values)
        created += was_created
    return created


def _as_date(value) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _seed_interventions(specs: list[dict]) -> int:
    missing = [spec.get("key") for spec in specs if not str(spec.get("label_ur") or "").strip()]
    if missing:
        raise AnalysisError(
            _("reference.yaml: interventions without an Urdu label (label_ur): %(keys)s")
            % {"keys": ", ".join(missing)},
            code="invalid_reference",
        )
    created = 0
    for spec in specs:
        intervention, was_created = Intervention.objects.get_or_create(
            key=spec["key"],
            defaults={
                "label": spec["label"],
                "label_ur": spec["label_ur"],
                "description": spec.get("description", "").strip(),
                "date": _as_date(spec["date"]),
                "date_precision": spec.get("precision", "day"),
                "end_date": _as_date(spec.get("end_date")),
                "end_precision": spec.get("end_precision", ""),
                "source": _source(spec["source"]),
            },
        )
        created += was_created
        if not was_created and not intervention.label_ur:
            _add_urdu_label(intervention, spec["label_ur"])
    return created


def _add_urdu_label(intervention: Intervention, label_ur: str) -> None:
    """Give a record made before Urdu labels existed its Urdu label (never replaces one)."""
    intervention.label_ur = label_ur
    intervention.save(update_fields=["label_ur"])
    log_action(
        "intervention.updated",
        obj=intervention,
        changes={"label_ur": ["", label_ur]},
    )


def claim_values(spec: dict, position: int) -> dict:
    """The Claim fields of one ``claims.yaml`` entry."""
    kind = spec["kind"]
    if kind not in Claim.KINDS:
        raise AnalysisError(
            _("Claim '%(key)s': unknown kind '%(kind)s'.") % {"key": spec["key"], "kind": kind},
            code="invalid_claim",
            field="kind",
        )
    precision = spec.get("precision")
    independent = spec.get("independent") or []
    for check in independent:
        _check_independent_spec(spec["key"], check)
    return {
        "text": spec["text"].strip(),
        "source": _source(spec["source"]),
        "locator": spec.get("locator", ""),
        "subject": spec["subject"],
        "kind": kind,
        "stated": str(spec.get("stated", "")),
        "precision": Decimal(str(precision)) if precision is not None else None,
        "old_period": str(spec.get("old", "")),
        "new_period": str(spec.get("new", "")),
        "note": str(spec.get("note", "")).strip(),
        "independent": independent,
        "position": position,
    }


INDEPENDENT_MEASURES = ("events", "killed")


def _check_independent_spec(key: str, check) -> None:
    """Refuse an independent check the checker could not read (named by claim and field)."""
    if not isinstance(check, dict) or not check.get("dataset"):
        raise AnalysisError(
            _("Claim '%(key)s': each independent check needs a dataset.") % {"key": key},
            code="invalid_claim",
            field="independent.dataset",
        )
    incident = check.get("incident")
    if incident is not None:
        if not isinstance(incident, dict) or not incident.get("date") or not incident.get("place"):
            raise AnalysisError(
                _("Claim '%(key)s': an incident needs a date (YYYY-MM-DD) and a place.")
                % {"key": key},
                code="invalid_claim",
                field="independent.incident",
            )
        try:
            incident["date"] = _as_date(incident["date"]).isoformat()
        except (TypeError, ValueError):
            raise AnalysisError(
                _("Claim '%(key)s': incident date '%(date)s' is not YYYY-MM-DD.")
                % {"key": key, "date": incident["date"]},
                code="invalid_claim",
                field="independent.incident.date",
            ) from None
    elif check.get("measure") not in INDEPENDENT_MEASURES:
        raise AnalysisError(
            _("Claim '%(key)s': independent measure '%(measure)s' is not one of %(known)s.")
            % {
                "key": key,
                "measure": check.get("measure"),
                "known": ", ".join(INDEPENDENT_MEASURES),
            },
            code="invalid_claim",
            field="independent.measure",
        )


def _seed_claims(specs: list[dict]) -> int:
    created = 0
    for position, spec in enumerate(specs, start=1):
        values = claim_values(spec, position)
        claim, was_created = Claim.objects.get_or_create(key=spec["key"], defaults=values)
        created += was_created
        if not was_created and not claim.independent and values["independent"]:
            # A field added after the claim was seeded: fill it, nothing a user edited.
            claim.independent = values["independent"]
            claim.save(update_fields=["independent"])
            created += 1
    return created


def seed_reference_data() -> dict[str, int]:
    """Create the analysis sources, interventions and seed claims that are missing.

    Idempotent: records are matched by key and existing ones are left as they are (a user
    may have edited them). Writes one audit entry when anything was created. Raises
    AnalysisError ``invalid_reference`` / ``invalid_claim`` when the data files name an
    unknown source or claim kind (nothing is written then).
    """
    reference, claims = _read("reference.yaml"), _read("claims.yaml")
    with transaction.atomic():
        counts = {
            "sources": _seed_sources(reference.get("sources", [])),
            "interventions": _seed_interventions(reference.get("interventions", [])),
            "claims": _seed_claims(claims.get("claims", [])),
        }
        if any(counts.values()):
            log_action(
                "analysis.reference.seeded", object_type="analysis.reference", changes=counts
            )
    return counts
