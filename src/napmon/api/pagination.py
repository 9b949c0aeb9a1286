"""Limit/offset pagination with an offset the database can take.

django-ninja's ``offset`` has no upper bound, and an offset at or above 2**63 reaches
the database as an out-of-range integer (a 500). Bounding it makes it a 422 ``invalid``
naming ``offset``; 2**62 is far beyond any table while ``offset + limit`` still fits.
"""

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_OFFSET = 2**62


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """``limit`` (1 to ``NINJA_PAGINATION_MAX_LIMIT``) and ``offset`` (0 to 2**62)."""

    class Input(Schema):
        limit: int = Field(
            settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_LIMIT
        )
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
