"""Forms of the actions, milestones and funding pages. They collect input; services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from napmon.indicators.models import Source
from napmon.plans.models import Point
from napmon.reporting.models import Action, Funding, ReportingBody

DATE = forms.DateInput(attrs={"type": "date"})


class ActionForm(forms.Form):
    """An action: which point and body, what, by when, how far it has got."""

    point = forms.ModelChoiceField(
        Point.objects.select_related("version").order_by("version__label", "number"),
        label=_("Point"),
    )
    body = forms.ModelChoiceField(ReportingBody.objects.all(), label=_("Owner body"))
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)
    percent_done = forms.IntegerField(
        label=_("Percentage done"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("leave empty when not known"),
    )
    evidence_links = forms.CharField(
        label=_("Evidence links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("one link per line"),
    )
    published = forms.BooleanField(label=_("Published on the public point page"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, coordinator: bool, own_body=None, editing: bool = False, **kw):
        super().__init__(*args, **kw)
        if not coordinator:
            del self.fields["published"]
            if own_body is not None:
                self.fields["body"].queryset = ReportingBody.objects.filter(pk=own_body.pk)
                points = Point.objects.filter(
                    reporting_assignments__body=own_body, reporting_assignments__active=True
                )
                self.fields["point"].queryset = points.select_related("version")
        if editing:
            del self.fields["point"]
            del self.fields["body"]


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=300)
    due_date = forms.DateField(label=_("Due date"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False)


class MilestoneEditForm(forms.Form):
    """A milestone's title, due date and note (marking it done is a form of its own)."""

    title = forms.CharField(label=_("Milestone"), max_length=300)
    due_date = forms.DateField(label=_("Due date"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CompleteMilestoneForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), required=False, widget=DATE)
    evidence_url = forms.URLField(
        label=_("Evidence link"), required=False, max_length=500, assume_scheme="https"
    )
    note = forms.CharField(label=_("Note"), required=False)
    report = forms.IntegerField(required=False, widget=forms.HiddenInput)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class FundingForm(forms.Form):
    """One funding figure with its source or decision reference."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Funding.Kind.choices)
    amount = forms.DecimalField(label=_("Amount"), min_value=0, max_digits=20, decimal_places=2)
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="PKR")
    fiscal_year = forms.IntegerField(
        label=_("Fiscal year (the year it starts)"),
        required=False,
        min_value=1947,
        max_value=2100,
        help_text=_("2024 is July 2024 to June 2025; leave empty when the source gives none"),
    )
    body = forms.ModelChoiceField(ReportingBody.objects.all(), label=_("Body"), required=False)
    source = forms.ModelChoiceField(Source.objects.all(), label=_("Source"), required=False)
    reference = forms.CharField(
        label=_("Reference"),
        required=False,
        max_length=300,
        help_text=_("the budget document or decision, when no listed source gives it"),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
