"""Forms of the reporting pages. They only collect input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from napmon.core import geography
from napmon.indicators.models import RaterKind, Source
from napmon.plans.models import Point
from napmon.reporting.errors import ReportingError
from napmon.reporting.models import ReportingBody
from napmon.reporting.models.reviews import RATING_CHOICES
from napmon.reporting.services import levels
from napmon.reporting.services.completeness import STATE_LABELS, last_months
from napmon.reporting.services.periods import parse_month
from napmon.reporting.services.reports import TEXT_FIELDS


def plain_number(value):
    """A stored figure as typed: 5120, not 5.12E+3; 2.5, not 2.5000."""
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return text


PERIOD_WORDS = {
    "flow": _("this month"),
    "stock": _("total to date"),
    "snapshot": _("at the end of the month"),
}


def value_label(indicator, unit) -> str:
    """``Bank accounts blocked (count, this month)``: what the figure counts, when declared."""
    words = PERIOD_WORDS.get(indicator.aggregation)
    return f"{indicator.name} ({unit}, {words})" if words else f"{indicator.name} ({unit})"


TEXT_LABELS = {
    "progress": _("Progress"),
    "activities": _("Activities"),
    "bottlenecks": _("Bottlenecks"),
}


class ReportForm(forms.Form):
    """One field per narrative and value of a report, named as ``save_report`` expects."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, report, *args, **kwargs):
        kwargs.setdefault("initial", {})["version"] = report.version
        super().__init__(*args, **kwargs)
        self.report = report
        self.entries = list(
            report.entries.select_related("point").prefetch_related("values__indicator")
        )
        for entry in self.entries:
            for name in TEXT_FIELDS:
                self.fields[f"{name}-{entry.pk}"] = forms.CharField(
                    label=TEXT_LABELS[name],
                    required=False,
                    initial=getattr(entry, name),
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            for rv in self.asked(entry):
                unit = rv.indicator.get_unit_display()
                self.fields[rv.field_name] = forms.DecimalField(
                    label=value_label(rv.indicator, unit),
                    required=False,
                    max_digits=20,
                    decimal_places=4,
                    initial=plain_number(rv.value),
                )
                self.fields[rv.explanation_field_name] = forms.CharField(
                    label=_("Explanation of the change"),
                    required=False,
                    initial=rv.explanation,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )

        for entry in self.entries:
            # Evidence goes up with the rest of the form, so nothing typed is lost.
            self.fields[f"evidence-{entry.pk}"] = forms.FileField(
                label=_("Attach evidence"),
                required=False,
                help_text=_("PDF, PNG, JPG, DOCX, XLSX or CSV; saved with the draft"),
            )

    def sections(self):
        """Bound fields grouped by entry, for the template."""
        for entry in self.entries:
            yield {
                "entry": entry,
                "texts": [self[f"{name}-{entry.pk}"] for name in TEXT_FIELDS],
                "evidence": self[f"evidence-{entry.pk}"],
                "values": [
                    (rv, self[rv.field_name], self[rv.explanation_field_name])
                    for rv in self.asked(entry)
                ],
            }

    def asked(self, entry):
        """The entry's values the body is asked for (see reporting/services/levels.py)."""
        return levels.asked_values(self.report, entry.values.all())

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for field, messages in errors.items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)


class StartReportForm(forms.Form):
    body = forms.ModelChoiceField(ReportingBody.objects.filter(active=True), label=_("Body"))
    period = forms.IntegerField(widget=forms.HiddenInput)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("return", _("Return with comments"))]
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2})
    )


class EvidenceForm(forms.Form):
    entry = forms.TypedChoiceField(label=_("Point"), coerce=int)
    file = forms.FileField(label=_("File"), help_text=_("PDF, PNG, JPG, DOCX, XLSX or CSV"))

    def __init__(self, report, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [
            (e.pk, str(e.point)) for e in report.entries.select_related("point")
        ]


class OpenPeriodForm(forms.Form):
    month = forms.CharField(
        label=_("Month"),
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"}),
    )


class AssignmentForm(forms.Form):
    body = forms.ModelChoiceField(ReportingBody.objects.filter(active=True), label=_("Body"))
    point = forms.ModelChoiceField(
        Point.objects.select_related("version").order_by("-version__label", "number"),
        label=_("Point"),
    )


class OpenReviewForm(forms.Form):
    half = forms.CharField(
        label=_("Half-year"), widget=forms.TextInput(attrs={"placeholder": "2025-H1"})
    )


class RatingForm(forms.Form):
    # No rating is pre-selected: the reviewer must choose one, whatever the proposal.
    rating = forms.ChoiceField(
        label=_("Rating"), choices=[("", _("choose a rating"))] + list(RATING_CHOICES)
    )
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence_links = forms.CharField(
        label=_("Evidence links"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    dissent = forms.CharField(
        label=_("Dissenting notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ProvinceRatingForm(forms.Form):
    """A point's rating for one province in a review; no rating is pre-selected either."""

    rating = forms.ChoiceField(
        label=_("Rating"), choices=[("", _("choose a rating"))] + list(RATING_CHOICES)
    )
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 2}))
    evidence_links = forms.CharField(
        label=_("Evidence links"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("Who"), required=False)
    action = forms.CharField(label=_("Action"), required=False)
    object_type = forms.CharField(label=_("Record type"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class MatrixFilterForm(forms.Form):
    """Range, bodies and states of the completeness matrix (months as YYYY-MM)."""

    start = forms.CharField(
        label=_("From month"),
        required=False,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"}),
    )
    end = forms.CharField(
        label=_("To month"),
        required=False,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"}),
    )
    body = forms.ModelMultipleChoiceField(
        ReportingBody.objects.filter(active=True), label=_("Bodies"), required=False
    )
    state = forms.MultipleChoiceField(label=_("Having a month in state"), required=False)

    MAX_MONTHS = 60

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = list(STATE_LABELS.items())

    def _month(self, name):
        text = self.cleaned_data.get(name) or ""
        if not text.strip():
            return None
        try:
            return parse_month(text)
        except ReportingError as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from exc

    def clean_start(self):
        return self._month("start")

    def clean_end(self):
        return self._month("end")

    def clean(self):
        data = super().clean()
        if "start" not in data or "end" not in data:
            return data
        default = last_months(12)
        end = data["end"] = data["end"] or max(default[-1], data["start"] or default[-1])
        start = data["start"] = data["start"] or last_months(12, end)[0]
        if start and end:
            if start > end:
                self.add_error("end", _("The end month must not come before the start month."))
            elif (end.year - start.year) * 12 + end.month - start.month >= self.MAX_MONTHS:
                self.add_error(
                    "end", _("Show at most %(n)s months at once.") % {"n": self.MAX_MONTHS}
                )
        return data


class PointRatingForm(forms.Form):
    """One rater's rating of a point for a province or Pakistan (the scorecard's form)."""

    point = forms.ModelChoiceField(Point.objects.none(), label=_("Point"))
    geography = forms.ChoiceField(label=_("Province or territory"), choices=geography.CHOICES)
    rater_kind = forms.ChoiceField(label=_("Kind of rater"), choices=RaterKind.choices)
    rating = forms.ChoiceField(
        label=_("Rating"), choices=[("", _("choose a rating"))] + list(RATING_CHOICES)
    )
    decided_on = forms.DateField(
        label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    rater = forms.CharField(
        label=_("Rater"),
        required=False,
        help_text=_("body, office or person who decided; empty: the source's publisher"),
    )
    source = forms.ModelChoiceField(
        Source.objects.all(),
        label=_("Source"),
        required=False,
        help_text=_("required unless it is your body's self-assessment"),
    )
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence_links = forms.CharField(
        label=_("Evidence links"),
        required=False,
        help_text=_("one web address a line"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, version, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["point"].queryset = version.points.order_by("number")


class TargetForm(forms.Form):
    """An indicator's baseline and target with the source or decision behind them."""

    baseline_value = forms.DecimalField(
        label=_("Baseline value"), required=False, max_digits=20, decimal_places=4
    )
    baseline_year = forms.IntegerField(
        label=_("Baseline year"), required=False, min_value=1947, max_value=2100
    )
    target_value = forms.DecimalField(label=_("Target value"), max_digits=20, decimal_places=4)
    target_year = forms.IntegerField(label=_("Target year"), min_value=1947, max_value=2100)
    source = forms.ModelChoiceField(Source.objects.all(), label=_("Source"), required=False)
    reference = forms.CharField(
        label=_("Decision reference"),
        required=False,
        help_text=_("the decision that set the target, when no source gives it"),
    )
