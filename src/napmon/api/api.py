"""The NinjaAPI instance mounted at /api/v1/ (docs at /api/v1/docs, schema at /openapi.json)."""

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from napmon.api import handlers
from napmon.api.auth import ClientRateThrottle
from napmon.api.parser import StrictJsonParser
from napmon.api.routers import (
    actions,
    events,
    exports,
    indicators,
    outcomes,
    plans,
    reporting,
    tokens,
)

api = NinjaAPI(
    title="NAP Monitor API",
    version="1",
    description=(
        "Plans, points, indicators with sourced values, ratings and event aggregates of NAP "
        "Monitor, outcome analyses and the claims ledger, monthly reports and six-monthly "
        "reviews. Anonymous callers and tokens of users without the view_restricted "
        "permission see public material only. Every 4xx answer is {code, message, field?}."
    ),
    urls_namespace="api-v1",
    docs=Swagger(),
    throttle=[ClientRateThrottle()],
    parser=StrictJsonParser(),
)
handlers.install(api)
for module in (plans, indicators, events, outcomes, reporting, actions, exports, tokens):
    api.add_router("/", module.router)
