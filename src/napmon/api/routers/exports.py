"""Downloads: any table as CSV, XLSX or JSON, and an indicator in the Open SDG layout."""

from django.http import HttpResponse
from ninja import Query, Router

from napmon.api.auth import READ_AUTH
from napmon.api.routers.indicators import ValueFilters
from napmon.api.schemas import ErrorOut
from napmon.api.services.exports import FORMATS, opensdg_table, render_table, to_csv
from napmon.api.services.tables import build_table
from napmon.plans.services.records import Filters

router = Router(auth=READ_AUTH, tags=["exports"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}


def _download(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@router.get(
    "/exports/opensdg/{slug}.csv",
    response={200: None, **ERRORS},
    summary="One indicator as a tidy CSV in the Open SDG layout",
    description="Columns: Year, Geography, GeoCode, Units, Source, COMMENT_OBS, Value.",
)
def opensdg(request, slug: str):
    table = opensdg_table(slug, request.auth.public_only)
    return _download(to_csv(table), "csv", f"indicator_{slug}.csv")


@router.get(
    "/exports/{table}.{fmt}",
    response={200: None, **ERRORS},
    summary="A table as CSV, XLSX or JSON",
    description="Tables: versions, points, statuses, crosswalk, indicators, values, ratings, "
    "sources. Formats: csv, xlsx, json. The filters of /values apply where they make sense.",
)
def export_table(request, table: str, fmt: str, filters: Query[ValueFilters]):
    data = build_table(table, Filters(**filters.dict()), request.auth.public_only)
    content = render_table(data, fmt)
    return _download(content, fmt, f"napmon-{table}.{fmt}")
