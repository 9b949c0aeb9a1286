"""Plan pages in Urdu: the dataset's Urdu text, translated vocabularies, marks, isolation."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.forms.models import model_to_dict

from napmon.core.models import AuditEntry
from napmon.plans.models import Point
from napmon.plans.services import load_dataset

pytestmark = pytest.mark.django_db

FINANCE_UR = "دہشت گردی کی مالی معاونت کا خاتمہ"


def _row(html: str, number: int) -> str:
    return re.search(rf'<tr id="point-{number}">(.*?)</tr>', html, re.S).group(1)


def _urdu(client):
    client.cookies["django_language"] = "ur"
    return client


def test_urdu_plan_page_shows_urdu_titles_statuses_and_months(client):
    html = _urdu(client).get("/plan/2021/").content.decode()
    assert "<h1>قومی لائحہ عمل" in html and "نظرثانی شدہ قومی لائحہ عمل (14 نکات)" in html
    row = _row(html, 4)
    assert FINANCE_UR in row and "Choking terror finance" not in row
    assert '<sup class="unreviewed" title="ترجمہ ابھی جانچا نہیں گیا">' in row
    row1 = _row(html, 1)
    assert '<span class="badge ongoing">جاری</span>' in row1
    assert "<bdi>جون 2024</bdi>" in row1  # month named in Urdu, isolated
    assert '<span class="badge unsatisfactory">غیر تسلی بخش</span>' in _row(html, 10)
    assert '<td class="num"><bdi class="ltr" dir="ltr">4</bdi></td>' in row
    assert "ستارے (*) سے نشان زدہ اردو متن عارضی ترجمہ ہے" in html


def test_english_plan_page_keeps_english_and_no_marks(client):
    html = client.get("/plan/2021/").content.decode()
    row = _row(html, 4)
    assert "Choking terror finance" in row and FINANCE_UR not in row
    assert 'class="unreviewed"' not in html
    assert '<span class="badge ongoing">ongoing</span>' in _row(html, 1)


def test_urdu_point_page_shows_indicator_names_units_and_dates(client):
    html = _urdu(client).get("/plan/2021/points/4/").content.decode()
    assert f'<h1><bdi class="ltr" dir="ltr">4</bdi>. {FINANCE_UR}' in html
    assert "نیکٹا کی فورتھ شیڈول فہرست میں شامل افراد" in html
    assert "(پاکستانی روپے)" in html  # the unit of the funds-frozen indicator
    html = client.get("/plan/2021/points/1/").content.decode()
    assert "<bdi>جون 2024</bdi>" in html  # status of June 2024
    assert "<bdi>جولائی 2024 تک</bdi>" in html  # a figure "by July 2024"


def _admin_post_data(point: Point, **changes) -> dict:
    data = {}
    for name, value in model_to_dict(point).items():
        if isinstance(value, list):
            data[name] = [item.pk for item in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = "on" if value is True else value
    return data


def test_staff_correct_urdu_in_the_admin_and_init_keeps_it(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    admin = get_user_model().objects.create_superuser("editor", "e@example.org", "pw-12345-x")
    client.force_login(admin)
    point = Point.objects.get(version__label="2021", number=4)
    url = f"/admin/plans/point/{point.pk}/change/"
    form = client.get(url).content.decode()
    assert 'name="title_ur"' in form and 'name="ur_reviewed"' in form
    corrected = "دہشت گردی کی مالی معاونت کا قلع قمع"
    response = client.post(url, _admin_post_data(point, title_ur=corrected, ur_reviewed=True))
    assert response.status_code == 302
    point.refresh_from_db()
    assert point.title_ur == corrected and point.ur_reviewed
    entries = AuditEntry.objects.filter(action="point.updated", object_id=str(point.pk))
    assert [e.changes["title_ur"][1] for e in entries if "title_ur" in e.changes] == [corrected]

    load_dataset()  # `napmon init` again: the reviewed Urdu stays
    point.refresh_from_db()
    assert point.title_ur == corrected and point.ur_reviewed

    client.logout()
    row = _row(_urdu(client).get("/plan/2021/").content.decode(), 4)
    assert f'<a href="/plan/2021/points/4/">{corrected}</a>' in row  # and no mark
