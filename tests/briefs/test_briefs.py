import subprocess
from datetime import date
from decimal import Decimal

import pytest

from napmon.briefs.services.render import LocalOnlyFetcher, render_brief, render_html
from napmon.indicators.models import Indicator, IndicatorValue, Source, Visibility

pytestmark = pytest.mark.django_db


def _pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_english_scorecard_pdf_carries_the_figures(tmp_path):
    from django.core.management import call_command

    out = tmp_path / "scorecard.pdf"
    call_command("brief", "scorecard", "--format", "pdf", "--lang", "en", "-o", str(out))
    text = _pdf_text(out)
    assert out.read_bytes().startswith(b"%PDF")
    for expected in (
        "Plan scorecard",
        "Bottom line",
        "Scorecard",
        "8,374",
        "2,646",
        "1,300,000",
        "Outcome trends",
        "Claims ledger",
        "Methods and sources",
        "Persons on NACTA's Schedule IV list: from 2,646 (2021) to 8,374 (2024)",
    ):
        assert expected in text, expected
    assert "National Counter Terrorism Authority (NACTA), Schedule IV list" in text


def test_urdu_review_pdf_renders_right_to_left(tmp_path):
    content = render_brief("review", "2024", "ur", "pdf")
    path = tmp_path / "review-ur.pdf"
    path.write_bytes(content)
    text = _pdf_text(path)
    assert "ششماہی جائزہ" in text or "ہزئاج یہامشش" in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "Noto-Naskh-Arabic" in fonts
    html = render_html("scorecard", lang="ur")
    assert '<html lang="ur" dir="rtl">' in html and "Noto Naskh Arabic" in html


def test_review_lists_figures_of_its_period():
    html = render_html("review", "2024", "en")
    assert "Six-monthly review" in html and "Period: 2024" in html
    assert "Figures reported for the period" in html
    assert "14,535" in html  # KP operations in 2024
    assert "reporting module" in html or "Reviews and monthly reports" in html


def test_public_brief_leaves_restricted_values_out():
    IndicatorValue.objects.create(
        indicator=Indicator.objects.get(slug="schedule-iv-listed"),
        value=Decimal("424242"),
        precision="year",
        period_start=date(2023, 1, 1),
        period_end=date(2023, 12, 31),
        period_label="2023",
        source=Source.objects.get(key="nacta-via-article"),
        visibility=Visibility.RESTRICTED,
    )
    assert "424,242" not in render_html("scorecard")
    assert "424,242" in render_html("scorecard", public_only=False)


def test_charts_are_embedded_svg_and_nothing_is_fetched():
    html = render_html("scorecard")
    assert html.count('src="data:image/svg+xml;base64,') >= 10
    assert 'src="http' not in html
    fetcher = LocalOnlyFetcher()
    with pytest.raises(ValueError, match="disallowed protocol"):
        fetcher("https://example.org/tracker.png")
    with pytest.raises(ValueError, match="disallowed protocol"):
        fetcher("file:///etc/passwd")


def test_brief_views_and_download_links(client, settings, tmp_path, close_response):
    from napmon.core.tasks import run_pending

    settings.MEDIA_ROOT = tmp_path
    response = client.get("/briefs/scorecard.html?lang=ur")
    assert response.status_code == 202 and "being prepared" in response.content.decode()
    assert run_pending() == 1
    response = client.get("/briefs/scorecard.html?lang=ur")
    content = b"".join(response.streaming_content)
    close_response(response)
    assert response.status_code == 200 and 'dir="rtl"' in content.decode()
    assert "style-src 'unsafe-inline'" in response["Content-Security-Policy"]
    assert client.get("/briefs/scorecard.html?lang=fr").status_code == 400
    assert client.get("/briefs/scorecard.doc").status_code == 400
    page = client.get("/plan/2021/points/4/").content.decode()
    assert "/briefs/scorecard.pdf?lang=en" in page
    assert "/api/v1/exports/values.csv?version=2021&amp;point=4" in page
    assert "/api/v1/exports/opensdg/schedule-iv-listed.csv" in page
    assert "/briefs/scorecard.pdf?lang=ur" in client.get("/plan/2021/").content.decode()


def _finalised_review():
    """Punjab reports on point 2021/4 for March 2025; the 2025-H1 review rates it."""
    from napmon.plans.models import Point
    from napmon.reporting import services
    from napmon.reporting.models import ReportingBody

    punjab = ReportingBody.objects.get(slug="punjab")
    point = Point.objects.get(version__label="2021", number=4)
    services.assign_point(punjab, point)
    services.assign_point(ReportingBody.objects.get(slug="sindh"), point)
    report = services.create_report(punjab, services.open_period("2025-03"))
    data = {f"progress-{e.pk}": "Accounts reviewed." for e in report.entries.all()}
    for entry in report.entries.all():
        for rv in entry.values.all():
            data[rv.field_name] = Decimal(100)
    services.save_report(report, data)
    services.submit_report(report)
    services.approve_report(report)
    review = services.open_review("2025-H1")
    services.record_rating(
        review.points.get(),
        "unsatisfactory",
        "Freezing orders stalled.",
        dissent="One reviewer would say mixed.",
    )
    return services.finalise_review(review)


def test_scorecard_pdf_gives_claim_verdicts(tmp_path):
    path = tmp_path / "scorecard.pdf"
    path.write_bytes(render_brief("scorecard", lang="en", fmt="pdf"))
    text = _pdf_text(path)
    flat = " ".join(text.split())
    assert "Claims ledger" in text and "Independent evidence" in flat
    claim_line = next(line for line in text.splitlines() if "1,206 [terrorist attacks]" in line)
    assert "matches its" in claim_line and "1,206" in claim_line
    assert "roughly matches its source" in flat
    # Both verdicts are counted in the bottom line; a match is never called "verified".
    assert "claims in the ledger: Consistency:" in flat
    assert "Independent evidence:" in flat and "no independent data" in flat
    assert " verified" not in flat
    assert "not available in this installation" not in flat


def test_review_pdf_gives_the_finalised_ratings_and_reporting_rates(tmp_path):
    _finalised_review()
    path = tmp_path / "review.pdf"
    path.write_bytes(render_brief("review", "2025-H1", "en", "pdf"))
    flat = " ".join(_pdf_text(path).split())
    assert "Six-monthly review 2025-H1" in flat
    assert "unsatisfactory" in flat and "Freezing orders stalled." in flat
    assert "Points with dissenting notes: 1" in flat
    assert "The 2025-H1 review rated 1 point(s): 1 unsatisfactory; 1 with dissenting notes" in flat
    assert "One reviewer would say mixed." not in flat  # the count only, not the notes
    assert "Monthly reporting rates" in flat and "2025-03" in flat
    assert "Monthly reports over 6 month(s)" not in flat  # only opened periods count
    # submitted today, long after the 10 April 2025 deadline: not on time
    assert "1 of 2 submitted, 0 on time, 1 approved" in flat
    assert "NACTA six-monthly review H1 2025" in flat  # cited in the sources


def test_review_without_a_finalised_review_says_so():
    html = render_html("review", "2024", "en")
    assert "No six-monthly review of this period has been finalised." in html
    assert "reporting module" not in html


def test_brief_outcomes_name_the_dataset_its_licence_and_citation(ucdp_events):
    html = render_html("scorecard", lang="en")
    section = html[html.index("Outcome trends") :]
    assert "Dataset UCDP GED: organised violence (events with at least one death)" in section
    assert "Pakistan only" in section and "Licence CC BY 4.0" in section
    assert "Sundberg" in section and "Pettersson" in section
    outcomes = section.split("<h2>")[0]
    assert ">2009</bdi></td>" in outcomes and "terrorist attacks" not in outcomes.lower()


def test_brief_without_event_data_draws_no_conclusion_but_keeps_the_caveats():
    html = render_html("scorecard", lang="en")
    assert "No monthly event dataset is loaded, so no conclusion" in html
    assert "Association, not proof of cause" in html
    assert "Zarb-e-Azb" in html
