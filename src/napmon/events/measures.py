"""The measures of annual tables (no imports: read by the outcome pages at start-up)."""

# The measures an annual table may hold, under the names sources use; documented in
# docs/importing.md. Each keeps its own meaning: "casualties" (killed and injured
# together, as most sources use it) is never turned into "killed".
MEASURES: dict[str, str] = {
    "attacks": "attacks (incidents) the source counted",
    "events": "events the source counted (a source that says events, not attacks)",
    "suicide_attacks": "suicide attacks the source counted",
    "killed": "people killed",
    "injured": "people injured",
    "casualties": "people killed or injured, as the source counts them together",
}
# Measures that count incidents: compared with the event datasets' yearly counts.
EVENT_COUNT_MEASURES = ("attacks", "events")
