"""Plans, versions, points, crosswalk and gaps (reads; public material only unless allowed)."""

from ninja import Router

from napmon.api.auth import READ_AUTH
from napmon.api.schemas import ErrorOut, LinkOut, PlanOut, PointDetailOut, PointRow, VersionOut
from napmon.plans.models import Plan, PlanVersion
from napmon.plans.services import queries
from napmon.plans.services.records import version_record

router = Router(auth=READ_AUTH, tags=["plans"])
ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}


@router.get("/plans", response={200: list[PlanOut], **ERRORS}, summary="Plans and their versions")
def list_plans(request):
    return [
        {
            "slug": p.slug,
            "name": p.name,
            "country": p.country,
            "description": p.description,
            "versions": [v.label for v in p.versions.all()],
        }
        for p in Plan.objects.prefetch_related("versions").order_by("id")
    ]


@router.get("/versions", response={200: list[VersionOut], **ERRORS}, summary="Plan versions")
def list_versions(request):
    versions = PlanVersion.objects.select_related("plan", "source__cited_in")
    return [version_record(v) for v in versions.order_by("plan_id", "label")]


@router.get("/versions/{label}", response={200: VersionOut, **ERRORS}, summary="One version")
def get_version(request, label: str):
    return version_record(queries.get_version(label))


@router.get(
    "/versions/{label}/points",
    response={200: list[PointRow], **ERRORS},
    summary="Points of a version with status, latest rating and latest figures",
)
def list_points(request, label: str):
    rows = queries.version_overview(queries.get_version(label), request.auth.public_only)
    return [{k: v for k, v in row.items() if k != "point_obj"} for row in rows]


@router.get(
    "/versions/{label}/points/{number}",
    response={200: PointDetailOut, **ERRORS},
    summary="One point: status history, indicators, values with sources, ratings, crosswalk",
)
def get_point(request, label: str, number: int):
    return queries.point_detail(queries.get_point(label, number), request.auth.public_only)


@router.get("/versions/{label}/gaps", response={200: dict, **ERRORS}, summary="Themes left out")
def get_gaps(request, label: str):
    return queries.gaps(label)


@router.get(
    "/crosswalk/{from_label}/{to_label}",
    response={200: list[LinkOut], **ERRORS},
    summary="How the points of one version map to another",
)
def get_crosswalk(request, from_label: str, to_label: str):
    return queries.crosswalk(from_label, to_label)
