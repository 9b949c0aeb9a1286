"""Services of the plan register: loading the dataset and answering questions."""

from napmon.plans.services.loading import LoadReport, load_dataset
from napmon.plans.services.queries import (
    crosswalk,
    gaps,
    get_point,
    get_version,
    point_detail,
    version_overview,
)

__all__ = [
    "LoadReport",
    "crosswalk",
    "gaps",
    "get_point",
    "get_version",
    "load_dataset",
    "point_detail",
    "version_overview",
]
