"""What each import problem code means, in the reader's language.

Importers write a detailed English message for every problem (the row's values, the
column, what to do); it is stored with the import and exported as CSV, so its wording
and its ``code`` stay stable whoever runs the import (the web page queues the import for
the worker, which has no reader's language) and the CLI stays in English. Pages show
the problem through :func:`problem_message`: in Urdu, the meaning of the code from the
gettext catalogue, followed by the stored detail isolated as English text.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

PROBLEM_TEXTS = {
    # The file as a whole
    "empty_file": _("The file is empty."),
    "file_too_large": _("The file is larger than an import may be."),
    "file_not_found": _("The file was not found."),
    "missing_columns": _("Columns this format needs are missing from the header."),
    "missing_header": _("The file has no header row."),
    "missing_sheet": _("The spreadsheet has no sheet of that name."),
    "malformed_csv": _("The file is not readable as CSV."),
    "malformed_xlsx": _("The file is not a readable Excel workbook."),
    "no_rows": _("The file has a header but no rows."),
    "nul_byte": _("The file holds NUL bytes: it is not a text file of this format."),
    "unknown_encoding": _("The character encoding is not known."),
    "wrong_encoding": _("The text is not in the character encoding given."),
    "unknown_format": _("The format is not one NAP Monitor can import."),
    "invalid_mapping": _("The column mapping is not valid."),
    "import_failed": _("The import could not go ahead."),
    # One row
    "duplicate_row": _("This row repeats an earlier row and was not imported again."),
    "duplicate_id": _("This row's id already appears earlier in the file."),
    "identical_row": _("This row has the same content as an earlier one and no usable id."),
    "truncated_row": _("The last line is cut off: the file looks incomplete."),
    "wrong_field_count": _("This row has a different number of fields from the header."),
    "invalid_date": _("The date cannot be read."),
    "invalid_value": _("A value cannot be read."),
    "unusable_id": _("The id cannot be used (for example, a number in scientific notation)."),
    "unknown_province": _("The province or territory is not known; it is kept as unknown."),
    "unknown_region": _("The region is not known."),
    "unknown_values": _("Some values are not among the codes this format defines."),
    "unknown_measure": _("The measure is not known."),
    "weekday_mismatch": _("The weekday does not match the date."),
    "skipped_by_rule": _("The row was skipped by a rule of the mapping."),
    "killed_fallback": _("One estimate of the deaths is empty; the other one is used."),
    "killed_unknown": _("An estimate of the deaths is empty; the number killed is unknown."),
    "at_least": _("Values such as “40+” are read as lower bounds and flagged on the event."),
}


def _is_urdu() -> bool:
    return (get_language() or "").startswith("ur")


def problem_message(code: str, message: str):
    """The text a page shows for a problem: in Urdu, the code's meaning and then the
    stored English detail (isolated, marked as English); otherwise the stored message."""
    meaning = PROBLEM_TEXTS.get(code)
    if not _is_urdu() or meaning is None:
        return message
    return format_html('{} <bdi lang="en" dir="ltr">({})</bdi>', meaning, message)
