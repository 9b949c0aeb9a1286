"""Forms of the events pages: the upload form and the explorer filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from napmon.core.visibility import LicenceTier
from napmon.events.importers import IMPORTERS
from napmon.events.models import Actor, AdminUnit, Dataset, Event


class UploadForm(forms.Form):
    """One file to import, with the options of `napmon events import`."""

    format = forms.ChoiceField(label=_("Format"), choices=[(k, k) for k in IMPORTERS])
    file = forms.FileField(label=_("File (CSV or XLSX)"))
    mapping = forms.FileField(label=_("Mapping (YAML, format 'mapped' only)"), required=False)
    dataset = forms.CharField(label=_("Dataset name"), required=False, max_length=100)
    encoding = forms.CharField(
        label=_("Encoding (detected when empty)"), required=False, max_length=40
    )
    skip_bad_rows = forms.BooleanField(label=_("Import good rows, list bad ones"), required=False)
    dry_run = forms.BooleanField(label=_("Check only (store nothing)"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("format") == "mapped" and not data.get("mapping"):
            self.add_error("mapping", _("The mapped format needs a mapping file."))
        return data


class ExplorerForm(forms.Form):
    """Filters of the events explorer; every field is optional."""

    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    province = forms.ChoiceField(label=_("Province or territory"), required=False)
    actor = forms.ModelChoiceField(
        label=_("Perpetrator"), required=False, queryset=Actor.objects.all()
    )
    event_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("any"))] + list(Event.Type.choices)
    )
    dataset = forms.ChoiceField(label=_("Dataset"), required=False)
    country = forms.CharField(
        label=_("Country"),
        required=False,
        max_length=100,
        help_text=_("Pakistan when empty; “all” for every country in the imported files."),
    )
    violence = forms.ChoiceField(
        label=_("Type of violence (UCDP)"),
        required=False,
        choices=[
            ("", _("any")),
            ("state-based", _("state-based conflict")),
            ("non-state", _("non-state conflict")),
            ("one-sided", _("one-sided violence")),
        ],
    )

    def __init__(self, *args, public: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        datasets = Dataset.objects.all()
        if public:  # restricted datasets are not named to the public
            datasets = datasets.exclude(licence_tier=LicenceTier.RESTRICTED)
        self.fields["province"].choices = [("", _("any"))] + [
            (u.code, u.name) for u in AdminUnit.objects.exclude(kind="country")
        ]
        self.fields["dataset"].choices = [("", _("any"))] + [
            (name, name) for name in datasets.values_list("name", flat=True)
        ]

    def filters(self) -> dict:
        """The cleaned values in the form ``summarise_events`` and ``totals`` take."""
        data = self.cleaned_data
        return {
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "province": data.get("province"),
            "event_type": data.get("event_type"),
            "dataset": data.get("dataset"),
            "actor": data["actor"].pk if data.get("actor") else None,
            "country": data.get("country") or None,
            "violence": data.get("violence") or None,
        }
