"""The dataset carries Urdu for its texts; validation names any missing Urdu field."""

import pytest

from napmon.core.errors import DatasetError
from napmon.indicators.models import Indicator
from napmon.plans.dataset import read_dataset
from napmon.plans.models import PlanVersion, Point

pytestmark = pytest.mark.django_db


def test_built_in_dataset_has_urdu_for_every_title_and_indicator():
    assert Point.objects.count() == 34
    assert not Point.objects.filter(title_ur="").exists()
    assert not Point.objects.filter(short_title_ur="").exists()
    assert not PlanVersion.objects.filter(title_ur="").exists()
    assert not Indicator.objects.filter(plan__slug="nap", name_ur="").exists()
    point = Point.objects.get(version__label="2014", number=2)
    assert point.title_ur == "فوج کی نگرانی میں دو سال کے لیے خصوصی عدالتیں (فوجی عدالتیں)"
    assert not point.ur_reviewed  # no official Urdu text was available to check against


def test_validation_names_each_missing_urdu_field(dataset_copy):
    version = dataset_copy.data["versions"][1]
    del version["points"][3]["title_ur"]
    version["summary_ur"] = ""
    del dataset_copy.data["indicators"][0]["name_ur"]
    dataset_copy.save()
    with pytest.raises(DatasetError) as caught:
        read_dataset(dataset_copy.path)
    message = caught.value.message
    assert "3 problem(s)" in message
    assert "versions[1] (2021) point 4: field 'title_ur': the Urdu text of 'title' is missing" in (
        message
    )
    assert "versions[1] (2021): field 'summary_ur': the Urdu text of 'summary' is missing" in (
        message
    )
    assert "(pips-terrorist-attacks): field 'name_ur'" in message


def test_ur_reviewed_must_be_true_or_false(dataset_copy):
    dataset_copy.data["versions"][0]["points"][0]["ur_reviewed"] = "yes"
    dataset_copy.save()
    with pytest.raises(DatasetError, match="field 'ur_reviewed': must be true or false"):
        read_dataset(dataset_copy.path)


def test_validation_speaks_urdu_when_urdu_is_chosen_and_english_otherwise(
    dataset_copy, urdu_fragments
):
    from django.utils import translation

    del dataset_copy.data["versions"][1]["points"][3]["title_ur"]
    dataset_copy.save()
    with translation.override("ur"), pytest.raises(DatasetError) as caught:
        read_dataset(dataset_copy.path)
    assert "point 4: خانہ 'title_ur': 'title' کا اردو متن موجود نہیں" in caught.value.message
    with pytest.raises(DatasetError) as caught:  # the CLI's language: English
        read_dataset(dataset_copy.path)
    assert "point 4: field 'title_ur': the Urdu text of 'title' is missing" in caught.value.message
