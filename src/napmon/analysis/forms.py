"""The outcome page's form: filters, break point (intervention or date) and windows."""

from django import forms
from django.utils.translation import gettext_lazy as _

from napmon.analysis.models import Intervention
from napmon.core import geography
from napmon.events.models import Dataset


class OutcomesForm(forms.Form):
    dataset = forms.ChoiceField(label=_("Dataset"), required=False)
    province = forms.ChoiceField(label=_("Province"), required=False)
    violence = forms.ChoiceField(
        label=_("Type of violence (UCDP)"),
        required=False,
        choices=[
            ("", _("all types")),
            ("state-based", _("state-based conflict")),
            ("non-state", _("non-state conflict")),
            ("one-sided", _("one-sided violence")),
        ],
    )
    country = forms.CharField(
        label=_("Country"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "Pakistan"}),
    )
    intervention = forms.ChoiceField(label=_("Intervention"), required=False)
    at = forms.DateField(
        label=_("or break date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    before = forms.IntegerField(
        label=_("Months before"), min_value=1, max_value=240, initial=12, required=False
    )
    after = forms.IntegerField(
        label=_("Months after"), min_value=1, max_value=240, initial=12, required=False
    )

    window = forms.IntegerField(
        label=_("ITS window (months each side)"),
        min_value=6,
        max_value=600,
        initial=48,
        required=False,
    )
    family = forms.ChoiceField(
        label=_("ITS model family"),
        required=False,
        choices=[
            ("auto", _("automatic (dispersion test)")),
            ("negative_binomial", _("negative binomial")),
            ("quasi_poisson", _("quasi-Poisson")),
            ("poisson", _("Poisson")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        datasets = list(Dataset.objects.values_list("name", flat=True))
        self.fields["dataset"].choices = (
            [("", _("default (UCDP GED, else the largest)"))]
            + [(d, d) for d in datasets]
            + [("all", _("all datasets (each its own series)"))]
        )
        self.fields["province"].choices = [("", _("all of Pakistan"))] + [
            (code, name) for code, name in geography.CHOICES if code != geography.NATIONAL
        ]
        self.fields["intervention"].choices = [("", "—")] + [
            (i.key, f"{i.label} ({i.period_label()})") for i in Intervention.objects.all()
        ]

    def filters(self) -> dict:
        data = self.cleaned_data
        out = {k: data[k] for k in ("dataset", "province", "violence", "country") if data.get(k)}
        if out.get("province") == "PK-KP":
            out["fold_fata"] = True
        return out

    def break_point(self) -> dict:
        data = self.cleaned_data
        if data.get("at"):
            return {"at": data["at"]}
        return {"intervention": data.get("intervention") or "nap-adopted"}

    def its_options(self) -> dict:
        """Window and family for the interrupted time series (defaults when not given)."""
        data = self.cleaned_data
        return {"window": data.get("window") or 48, "family": data.get("family") or "auto"}


class ComparisonForm(forms.Form):
    """The comparison page's choices: dataset, treated area, comparison area, break, window."""

    dataset = forms.ChoiceField(label=_("Dataset"), required=False)
    province = forms.ChoiceField(label=_("Area"), required=False)
    control = forms.ChoiceField(label=_("Comparison area (comparative ITS)"), required=False)
    intervention = forms.ChoiceField(label=_("Intervention"), required=False)
    at = forms.DateField(
        label=_("or break date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    window = forms.IntegerField(
        label=_("Window (months each side)"),
        min_value=12,
        max_value=600,
        initial=48,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        from napmon.analysis.services.comparison import areas

        super().__init__(*args, **kwargs)
        datasets = list(Dataset.objects.values_list("name", flat=True))
        self.fields["dataset"].choices = [("", _("default (UCDP GED, else the largest)"))] + [
            (d, d) for d in datasets
        ]
        self.fields["province"].choices = areas()
        self.fields["control"].choices = areas()
        self.fields["intervention"].choices = [("", "—")] + [
            (i.key, f"{i.label} ({i.period_label()})") for i in Intervention.objects.all()
        ]

    def choice(self) -> dict:
        """The query both panels and the API share (defaults when not given)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        point = (
            {"at": data["at"]}
            if data.get("at")
            else {"intervention": data.get("intervention") or "nap-adopted"}
        )
        return {
            "filters": {"dataset": data["dataset"]} if data.get("dataset") else {},
            "province": data.get("province") or "PK-KP",
            "control": data.get("control") or "PK-PB",
            "window": data.get("window") or 48,
            **point,
        }


class MapForm(forms.Form):
    """The map page's choices: dataset, measure, years, FATA setting, small-multiple step."""

    dataset = forms.ChoiceField(label=_("Dataset"), required=False)
    measure = forms.ChoiceField(
        label=_("Measure"),
        required=False,
        choices=[("events", _("events")), ("killed", _("people killed"))],
    )
    year_from = forms.IntegerField(
        label=_("From year"), min_value=1900, max_value=2100, required=False
    )
    year_to = forms.IntegerField(label=_("To year"), min_value=1900, max_value=2100, required=False)
    fata = forms.ChoiceField(
        label=_("FATA"),
        required=False,
        choices=[
            ("auto", _("separate before 31 May 2018, inside KP after")),
            ("separate", _("always separate")),
            ("fold", _("always inside Khyber Pakhtunkhwa")),
        ],
    )
    step = forms.ChoiceField(
        label=_("Small maps by"),
        required=False,
        choices=[("year", _("year")), ("half", _("half-year"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = (
            Dataset.objects.filter(events__isnull=False).distinct().values_list("name", flat=True)
        )
        self.fields["dataset"].choices = [(d, d) for d in names]

    def clean(self):
        data = super().clean()
        first, last = data.get("year_from"), data.get("year_to")
        if first and last and first > last:
            self.add_error("year_to", _("The last year is before the first year."))
        return data
