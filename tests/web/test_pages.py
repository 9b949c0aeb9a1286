import re

import pytest

pytestmark = pytest.mark.django_db


def test_home_lists_both_versions(client):
    html = client.get("/").content.decode()
    assert "National Action Plan (20 points)" in html
    assert "Revised National Action Plan (14 points)" in html
    assert "Declared: 5 kinetic, 9 non-kinetic" in html


def test_version_page_lists_points_with_badges_status_and_rating(client):
    html = client.get("/plan/2021/").content.decode()
    assert html.count('<tr id="point-') == 14
    row = re.search(r'<tr id="point-10">(.*?)</tr>', html, re.S).group(1)
    assert "badge unknown" in row and "unsatisfactory" in row
    row2 = re.search(r'<tr id="point-2">(.*?)</tr>', html, re.S).group(1)
    assert "badge non_kinetic" in row2 and "1,300,000" in row2
    assert "The sources classify 0 as kinetic and 3 as non-kinetic; 11 remain unclassified" in html


def test_point_page_shows_figures_each_linked_to_its_source(client):
    html = client.get("/plan/2021/points/4/").content.decode()
    for figure in ("2,646", "8,374", "5,489", "5,089", "PKR 169,550,000", "&gt;PKR 157,000,000"):
        assert figure in html
    rows = re.findall(
        r'<tr><td><bdi>[^<]*</bdi></td><td><bdi class="ltr" dir="ltr">PK</bdi></td>'
        r'<td class="num">.*?</tr>',
        html,
        re.S,
    )
    assert len(rows) == 6
    for row in rows:
        assert 'href="/sources/#src-' in row


def test_every_source_anchor_exists(client):
    page = client.get("/plan/2021/points/1/").content.decode()
    sources = client.get("/sources/").content.decode()
    for key in set(re.findall(r"/sources/#src-([\w-]+)", page)):
        assert f'id="src-{key}"' in sources


def test_crosswalk_and_gaps_pages(client):
    html = client.get("/crosswalk/2014/2021/").content.decode()
    assert "made by analysts" in html
    assert '<span class="badge">split into</span>' in html
    html = client.get("/gaps/2014/").content.decode()
    assert "notable exception of de-radicalization" in html


def test_unknown_version_is_404(client):
    assert client.get("/plan/1999/").status_code == 404
    assert client.get("/plan/2021/points/99/").status_code == 404


def test_urdu_interface_is_right_to_left(client):
    response = client.post("/i18n/setlang/", {"language": "ur", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert 'lang="ur" dir="rtl"' in html
