"""Fixtures for the analysis tests: synthetic events written the way an import writes them."""

from datetime import date

import pytest

from napmon.analysis.services import refresh_summaries
from napmon.events.models import AdminUnit, Dataset, Event, ImportBatch


@pytest.fixture
def make_events(db):
    """``make_events(dataset, [(date, province_code|None, killed|None, injured|None), ...])``.

    Creates the dataset (open, as UCDP, unless ``tier`` says otherwise) and one import
    batch, bulk-inserts the events and returns the batch.
    """

    def make(name: str, rows, *, precision: str = "day", event_type: str = "bombing", tier="open"):
        dataset, _ = Dataset.objects.get_or_create(
            name=name, defaults={"format": "test", "licence_tier": tier}
        )
        batch = ImportBatch.objects.create(
            dataset=dataset,
            format="test",
            file_name="t.csv",
            sha256="0" * 64,
            created_by_label="test",
        )
        units = dict(AdminUnit.objects.values_list("code", "pk"))
        start = Event.objects.filter(dataset=dataset).count()
        Event.objects.bulk_create(
            [
                Event(
                    dataset=dataset,
                    batch=batch,
                    key=f"e{start + i}",
                    row_hash="x",
                    date=day if isinstance(day, date) else date.fromisoformat(day),
                    date_precision=precision,
                    country="Pakistan",
                    province_id=units.get(code) if code else None,
                    killed=killed,
                    injured=injured,
                    event_type=event_type,
                )
                for i, (day, code, killed, injured) in enumerate(rows)
            ]
        )
        batch.rows_imported = len(rows)
        batch.save()
        return batch

    return make


def _monthly_rows(start_year: int, months: int, per_month, province: str = "PK-KP"):
    rows = []
    for i in range(months):
        year, month = start_year + i // 12, i % 12 + 1
        rows += [(date(year, month, 10), province, 1, 2)] * int(per_month(i))
    return rows


@pytest.fixture
def monthly_rows():
    """``monthly_rows(start_year, months, per_month)``: ``per_month(i)`` events on the 10th."""
    return _monthly_rows


@pytest.fixture
def fresh_summaries():
    """Rebuild all summary tables now (tests that change events outside a new batch)."""
    return lambda: refresh_summaries(list(Dataset.objects.values_list("pk", flat=True)))


@pytest.fixture
def analyst(db):
    """A reader who may see restricted material (``view_restricted``)."""
    from django.contrib.auth.models import Permission, User

    user = User.objects.create_user("analyst", password="pw-analyst-123")
    user.user_permissions.add(Permission.objects.get(codename="view_restricted"))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def token_for():
    """``token_for(user)``: the headers of a read token of ``user``."""
    from napmon.api.services.tokens import create_token

    def make(user, scope="read"):
        _token, secret = create_token(user, f"{scope} token", scope)
        return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    return make
