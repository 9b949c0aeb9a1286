"""The one visibility policy: who sees restricted material, what each licence tier shows."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission, User

from napmon.core import visibility
from napmon.core.visibility import Access, LicenceTier


@pytest.mark.django_db
def test_staff_status_grants_nothing_by_itself():
    staff = User.objects.create_user("staff", password="x", is_staff=True)
    assert visibility.public_only(staff) is True
    analyst = User.objects.create_user("analyst", password="x")
    analyst.user_permissions.add(Permission.objects.get(codename="view_restricted"))
    assert visibility.public_only(User.objects.get(pk=analyst.pk)) is False
    analyst.is_active = False
    assert visibility.public_only(analyst) is True


@pytest.mark.parametrize(
    ("tier", "public", "access"),
    [
        (LicenceTier.OPEN, True, Access.ROWS),
        (LicenceTier.AGGREGATE, True, Access.GRID),
        (LicenceTier.RESTRICTED, True, Access.NONE),
        (LicenceTier.RESTRICTED, False, Access.ROWS),
    ],
)
def test_each_tier_gives_the_public_what_its_licence_allows(tier, public, access):
    assert visibility.dataset_access(tier, public) == access


@pytest.mark.parametrize(
    ("dims", "filters", "on_grid"),
    [
        (["year"], {}, True),
        (["province", "year"], {"dataset": "GTD", "province": "PK-BA"}, True),
        (["month"], {}, False),
        (["year"], {"event_type": "bombing"}, False),
        (["year"], {"date_from": date(2015, 1, 1)}, True),
        (["year"], {"date_to": date(2015, 6, 30)}, False),
    ],
)
def test_only_unions_of_whole_cells_are_on_the_public_grid(dims, filters, on_grid):
    assert visibility.grid_compatible(dims, filters) is on_grid


def test_new_datasets_take_their_formats_tier():
    assert visibility.default_tier("ucdp") == LicenceTier.OPEN
    assert visibility.default_tier("gtd") == visibility.default_tier("acled") == "aggregate"
    assert visibility.default_tier("mapped") == LicenceTier.RESTRICTED
