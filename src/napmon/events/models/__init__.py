"""Models of the events app: incidents, their import batches, the gazetteer and actors."""

from napmon.events.models.actors import Actor, ActorAlias, ActorRelation
from napmon.events.models.events import (
    AnnualFigure,
    Dataset,
    Event,
    ImportBatch,
    RecordRevision,
)
from napmon.events.models.gazetteer import AdminUnit, District, DistrictAlias, UnitAlias
from napmon.events.models.matches import CandidateMatch
from napmon.events.models.problems import ImportProblem, ProblemLog

__all__ = [
    "Actor",
    "ActorAlias",
    "ActorRelation",
    "AdminUnit",
    "AnnualFigure",
    "CandidateMatch",
    "Dataset",
    "District",
    "DistrictAlias",
    "Event",
    "ImportBatch",
    "ImportProblem",
    "ProblemLog",
    "RecordRevision",
    "UnitAlias",
]
