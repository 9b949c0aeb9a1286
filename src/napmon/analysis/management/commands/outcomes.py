import math

from napmon.analysis import services
from napmon.core.cli_support import NapmonCommand, render_table

FILTER_OPTIONS = (
    (
        "--dataset",
        "dataset",
        "one dataset (name; default: the most recently imported, e.g. UCDP GED); "
        "'all' adds datasets up (summaries only)",
    ),
    ("--country", "country", "count this country instead of Pakistan ('all': every country)"),
    ("--violence", "violence", "UCDP type of violence: state-based, non-state or one-sided"),
    ("--province", "province", "province or territory code, e.g. PK-KP"),
    ("--from", "date_from", "first day, YYYY-MM-DD"),
    ("--to", "date_to", "last day, YYYY-MM-DD"),
    ("--type", "event_type", "event type, e.g. bombing"),
    ("--actor", "actor", "actor id"),
)


def _filters(options) -> dict:
    out = {name: options[name] for _, name, _ in FILTER_OPTIONS if options.get(name)}
    if options.get("fold_fata"):
        out["fold_fata"] = True
    return out


def _dash(value):
    return "-" if value is None else value


def _num(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


class Command(NapmonCommand):
    help = (
        "Outcome analyses of the event data (docs/analysis.md). "
        "`summary --by year|month|day|province|actor|family|type|dataset`: counts from the "
        "summary tables; `compare`: events per year in each dataset and PIPS, with their "
        "spread; `its --intervention KEY | --at DATE`: interrupted time series of monthly "
        "counts; `before-after --intervention KEY | --at DATE --before N --after N`: rate "
        "ratio; `index`: GTI-style index per province and year (not the official Global "
        "Terrorism Index); `refresh`: rebuild the summary tables."
    )
    json_option = False

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        parsers = {
            name: sub.add_parser(name, help=text)
            for name, text in (
                ("summary", "events, killed and injured grouped by one or more dimensions"),
                ("compare", "events per year in each dataset, side by side"),
                ("its", "interrupted time series around an intervention or date"),
                ("before-after", "event rate before and after an intervention or date"),
                ("index", "GTI-style index per province and year (not the official GTI)"),
                ("refresh", "rebuild the summary tables of every dataset"),
            )
        }
        for name, p in parsers.items():
            p.add_argument("--json", action="store_true", help="print JSON for scripts")
            if name == "refresh":
                continue
            for flag, dest, text in FILTER_OPTIONS:
                p.add_argument(flag, dest=dest, help=text)
            p.add_argument("--fold-fata", action="store_true", help="count FATA as KP")
        parsers["summary"].add_argument(
            "--by", default="year", help="dimension(s), comma-separated (default: year)"
        )
        for name in ("its", "before-after"):
            p = parsers[name]
            p.add_argument("--intervention", help="intervention key (see `napmon interventions`)")
            p.add_argument("--at", help="break date YYYY-MM-DD instead of an intervention")
        parsers["its"].add_argument(
            "--family", default="auto", choices=["auto", "poisson", "negative_binomial"]
        )
        parsers["its"].add_argument("--seasonality", choices=["fourier", "dummies"])
        ba = parsers["before-after"]
        ba.add_argument("--before", type=int, default=12, help="window before (default 12)")
        ba.add_argument("--after", type=int, help="window after (default: same as before)")
        ba.add_argument("--unit", default="months", choices=["months", "days"])
        ba.add_argument("--method", default="wald", choices=["wald", "exact"])

    def handle(self, *args, **options):
        handler = getattr(self, f"do_{options['action'].replace('-', '_')}")
        data, text = handler(options)
        if options["json"]:
            return self.emit_json(data)
        self.stdout.write(text)

    def do_summary(self, options):
        by = [b.strip() for b in options["by"].split(",") if b.strip()]
        rows = services.summarise(by if len(by) > 1 else by[0], _filters(options))
        headers = [*by, "events", "killed", "injured"]
        keys = (lambda r: [r[b] for b in by]) if len(by) > 1 else (lambda r: [r["key"]])
        table = [(*keys(r), r["events"], _dash(r["killed"]), _dash(r["injured"])) for r in rows]
        return rows, render_table(headers, table) + "\n('-' = not recorded)" if rows else (
            "No events match."
        )

    def do_compare(self, options):
        frame = services.compare_datasets(_filters(options))
        records = [{k: _num(v) for k, v in row.items()} for row in frame.to_dict("records")]
        cols = [c for c in frame.columns if c != "region"]
        table = [
            [
                ("" if _num(r[c]) is None else round(r[c], 2) if isinstance(r[c], float) else r[c])
                for c in cols
            ]
            for r in records
        ]
        return records, render_table(cols, table)

    def do_its(self, options):
        out = services.run_its(
            _filters(options),
            at=options["at"],
            intervention=options["intervention"],
            family=options["family"],
            seasonality=options["seasonality"],
        )
        r = out["result"]
        data = {
            "break": out["break"],
            "break_label": out["break_label"],
            "level_ratio": r.level_ratio,
            "level_ci": r.level_ci,
            "level_p": r.level_p,
            "slope_ratio": r.slope_ratio,
            "slope_ci": r.slope_ci,
            "slope_p": r.slope_p,
            "family": r.family,
            "dispersion": r.dispersion,
            "n_before": r.n_before,
            "n_after": r.n_after,
            "residual_autocorrelation": r.residual_autocorrelation,
            "excluded_year_only": out["excluded_year_only"],
            "sentence": r.sentence,
        }
        return data, r.sentence

    def do_before_after(self, options):
        out = services.run_before_after(
            _filters(options),
            at=options["at"],
            intervention=options["intervention"],
            before=options["before"],
            after=options["after"],
            unit=options["unit"],
            method=options["method"],
        )
        r = out["result"]
        data = {
            "break": out["break"],
            "break_label": out["break_label"],
            "before_count": r.before_count,
            "after_count": r.after_count,
            "before_days": r.before_days,
            "after_days": r.after_days,
            "rate_ratio": r.rate_ratio,
            "ci_low": r.ci_low,
            "ci_high": r.ci_high,
            "p_value": r.p_value,
            "percent_change": r.percent_change,
            "sentence": r.sentence,
        }
        return data, r.sentence

    def do_index(self, options):
        frame, description = services.gti_index(_filters(options))
        records = [{k: _num(v) for k, v in r.items()} for r in frame.to_dict("records")]
        table = [
            (r["province"], r["year"], r["incidents"], _dash(r["deaths"]), r["score"])
            for r in records
        ]
        text = render_table(["province", "year", "incidents", "deaths", "GTI-style score"], table)
        info = services.dataset_info(frame.attrs["dataset"])
        unavailable = frame.attrs["unavailable"]
        notes = f"Dataset: {info['name']}, {info['measure']}."
        if unavailable:
            notes += (
                f" Not recorded by this dataset (unknown, scored as 0): {', '.join(unavailable)}."
            )
        return {
            "label": services.GTI_LABEL,
            "description": description,
            "dataset": info["name"],
            "measure": info["measure"],
            "unavailable_terms": unavailable,
            "incomplete_years": frame.attrs["incomplete_years"],
            "rows": records,
        }, f"{services.GTI_LABEL}. {description}\n{notes}\n\n{text}"

    def do_refresh(self, options):
        done = services.refresh_summaries(services.stale_datasets() or None)
        return done, (
            f"Rebuilt: {', '.join(f'{k} ({v:,} events)' for k, v in done.items())}"
            if done
            else "The summary tables were up to date."
        )
