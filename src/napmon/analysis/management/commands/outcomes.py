import math

from django.core.management.base import CommandError

from napmon.analysis import services
from napmon.analysis.services.visible import summary_document, visible_filters
from napmon.core.cli_support import NapmonCommand, render_table

FILTER_OPTIONS = (
    (
        "--dataset",
        "dataset",
        "one dataset (name; default: UCDP GED, else the largest); "
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
        "Terrorism Index); `changepoints`: change points and volatility; `surge`: surge "
        "tracker by province; `comparative --province A --control B`: comparative ITS; "
        "`synthetic --province A`: synthetic control; `refresh`: rebuild the summary tables."
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
                ("changepoints", "change points and volatility of the monthly events"),
                ("surge", "provinces whose latest month is far above their baseline"),
                ("comparative", "comparative ITS: one province against another"),
                ("synthetic", "synthetic control: one province against a mix of the others"),
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
        parsers["comparative"].add_argument(
            "--control", required=True, help="province code of the comparison area"
        )
        parsers["comparative"].add_argument("--window", default="48", help="months a side")
        syn = parsers["synthetic"]
        syn.add_argument("--donors", help="donor area codes, comma-separated (default: all)")
        syn.add_argument("--window", default="48", help="months a side, or 'all' (48)")
        syn.add_argument(
            "--raw", action="store_true", help="match raw counts, not each area's own level"
        )
        for name in ("its", "before-after", "comparative", "synthetic"):
            p = parsers[name]
            p.add_argument("--intervention", help="intervention key (see `napmon interventions`)")
            p.add_argument("--at", help="break date YYYY-MM-DD instead of an intervention")
        its = parsers["its"]
        its.add_argument(
            "--family",
            default="auto",
            choices=["auto", "poisson", "quasi_poisson", "negative_binomial"],
            help="model family (default auto: negative binomial when the dispersion test "
            "rejects Poisson)",
        )
        its.add_argument(
            "--seasonality",
            default="fourier",
            choices=["fourier", "dummies", "none"],
            help="seasonal terms (default fourier, two harmonics)",
        )
        its.add_argument(
            "--window",
            default="48",
            help="months on each side of the break, clipped to the data, or 'all' (default 48)",
        )
        its.add_argument(
            "--transition",
            type=int,
            default=1,
            help="months from the break left out of the fit (default 1: the break month)",
        )
        its.add_argument(
            "--hac-lag", type=int, help="lags of autocorrelation in the HAC errors (default: all)"
        )
        its.add_argument(
            "--no-robustness",
            action="store_true",
            help="skip the placebo test and the sensitivity grid (faster)",
        )
        parsers["changepoints"].add_argument(
            "--last", type=int, default=24, help="volatility over the last N months (24)"
        )
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
        doc = summary_document(by if len(by) > 1 else by[0], _filters(options), public=False)
        rows = doc["rows"]
        headers = [*by, "events", "killed", "injured"]
        keys = (lambda r: [r[b] for b in by]) if len(by) > 1 else (lambda r: [r["key"]])
        table = [(*keys(r), r["events"], _dash(r["killed"]), _dash(r["injured"])) for r in rows]
        return doc, render_table(headers, table) + "\n('-' = not recorded)" if rows else (
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
        window = options["window"]
        if window != "all" and not str(window).isdigit():
            raise CommandError("--window must be a whole number of months or 'all'.")
        # The same cached document as the page and /api/v1/outcomes/its (its_report),
        # with the filters and options spelled as the API spells them.
        filters, _withheld = visible_filters(_filters(options), public=False)
        doc = services.its_report(
            filters,
            intervention=options["intervention"],
            at=options["at"],
            family=options["family"],
            seasonality=options["seasonality"],
            window=None if window == "all" else int(window),
            transition=options["transition"],
            hac_lag=options["hac_lag"],
            robustness=not options["no_robustness"],
            min_points=12,
        )
        return doc, _its_text(doc)

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
        doc = services.before_after_document(out)
        robust = doc["robust"] or {}
        text = [doc["poisson_sentence"], "", robust.get("sentence") or robust.get("message", "")]
        text += ["", doc["how_to_read"]]
        return doc, "\n".join(text)

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

    def do_changepoints(self, options):
        doc = services.stability_document(_filters(options), last=options["last"])
        lines = [doc["change_points"]["sentence"], ""]
        lines += [v["sentence"] for v in doc["volatility"]]
        return doc, "\n".join(lines)

    def do_surge(self, options):
        doc = services.surge_document(_filters(options))
        table = [
            (r["province"], r["month"], r["events"], f"{r['baseline_mean']:.1f}",
             r["threshold"], "SURGE" if r["surge"] else "")
            for r in doc["rows"]
        ]  # fmt: skip
        text = render_table(
            ["province", "month", "events", "baseline mean", "threshold", ""], table
        )
        return doc, f"{text}\n\n{doc['how_to_read']}"

    def do_comparative(self, options):
        if not options.get("province"):
            raise CommandError("Give --province (the area) and --control (the comparison).")
        filters = {k: v for k, v in _filters(options).items() if k != "province"}
        window = options["window"]
        doc = services.comparative_document(
            filters,
            province=options["province"],
            control=options["control"],
            at=options["at"],
            intervention=options["intervention"],
            window=window if window == "all" else int(window),
        )
        return doc, f"{doc['sentence']}\n\n{doc['how_to_read']}"

    def do_synthetic(self, options):
        window = options["window"]
        if window != "all" and not str(window).isdigit():
            raise CommandError("--window must be a whole number of months or 'all'.")
        filters = {k: v for k, v in _filters(options).items() if k != "province"}
        donors = [d.strip() for d in (options["donors"] or "").split(",") if d.strip()]
        doc = services.synthetic_document(
            filters,
            province=options["province"] or "PK-KP",
            donors=donors or None,
            at=options["at"],
            intervention=options["intervention"],
            window=window if window == "all" else int(window),
            normalise=not options["raw"],
        )
        return doc, _synthetic_text(doc)

    def do_refresh(self, options):
        done = services.refresh_summaries(services.stale_datasets() or None)
        return done, (
            f"Rebuilt: {', '.join(f'{k} ({v:,} events)' for k, v in done.items())}"
            if done
            else "The summary tables were up to date."
        )


def _interval(e: dict, digits: int = 2) -> str:
    def f(v):
        return "—" if v is None else f"{v:.{digits}f}"

    return f"{f(e.get('ratio', e.get('difference')))} ({f(e['ci_low'])} to {f(e['ci_high'])})"


def _its_text(doc: dict) -> str:
    """The ITS document as text: verdict, effects, model, diagnostics, grid, caveats."""
    w, m, eff = doc["window"], doc["model"], doc["effects"]
    lines = [doc["sentence"], ""]
    if doc["verdict"]:
        lines += [f"Verdict: {doc['verdict']['sentence']}", ""]
    rows = [
        ("level change (ratio)", _interval(eff["level"]), eff["level"]["p_value"]),
        ("slope change (ratio a month)", _interval(eff["slope"], 3), eff["slope"]["p_value"]),
        ("cumulative difference (events)", _interval(eff["cumulative"], 0), None),
    ]
    lines.append(
        render_table(
            ["effect", "estimate (95% CI)", "p"],
            [(a, b, "" if p is None else f"{p:.3f}") for a, b, p in rows],
        )
    )
    d = doc["dispersion_test"]
    lb = doc["diagnostics"]["ljung_box"]
    se = m["standard_errors"]
    lines += [
        "",
        f"Window: {w['start']} to {w['end']} ({w['months_before']} months before, "
        f"{w['months_after']} after, {w['transition_months']} transition month(s); "
        f"{w['months_each_side'] or 'all'} requested each side).",
        f"Family: {m['family']} ({m['family_reason']}); dispersion test: Pearson chi2/df "
        f"{d['statistic']:.2f}, p = {d['p_value']:.3g}.",
        f"Standard errors: {se['method']}; {se['hac_lag']} lags, lag-1 correlation "
        f"{se['ar1_rho']:.2f} decaying by {se['ar_decay']:.2f} a month.",
        f"Diagnostics: residual lag-1 autocorrelation "
        f"{doc['diagnostics']['residual_autocorrelation']:.2f}; Ljung-Box "
        f"{lb['statistic']:.1f} at {lb['lags']} lags, p = {lb['p_value']:.3g}.",
    ]
    if doc["placebo"]:
        lines.append(f"Placebo test: {doc['placebo']['sentence']}")
    if doc["sensitivity"]:
        grid = [
            (
                r["break_date"],
                r["window"] or "all",
                r["family"],
                r["error"] or _interval(r),
                "" if r["p_value"] is None else f"{r['p_value']:.3f}",
            )
            for r in doc["sensitivity"]["rows"]
        ]
        lines += [
            "",
            "Sensitivity (level change):",
            render_table(["break", "window", "family", "ratio (95% CI)", "p"], grid),
        ]
    lines += ["", *[f"Warning: {x}" for x in doc["warnings"]]]
    lines += ["Caveats:", *[f"- {c}" for c in doc["caveats"]]]
    return "\n".join(lines)


def _synthetic_text(doc: dict) -> str:
    weights = render_table(
        ["donor", "weight"], [(w["name"], f"{w['weight']:.3f}") for w in doc["weights"]]
    )
    placebos = render_table(
        ["area refitted as treated", "pre RMSPE", "post RMSPE", "ratio"],
        [
            (p["name"], f"{p['pre_rmspe']:.2f}", f"{p['post_rmspe']:.2f}", _fixed(p["ratio"]))
            for p in doc["placebos"]
        ],
    )
    w = doc["window"]
    lines = [
        doc["sentence"],
        "",
        f"Window: {w['start']} to {w['end']} in blocks of {doc['period_months']} months "
        f"({w['months_before']} months before, {w['months_after']} after); units: "
        f"{doc['units']}.",
        f"Pre-period RMSPE {doc['pre_rmspe']:.2f}; post-period RMSPE {doc['post_rmspe']:.2f}; "
        f"ratio {_fixed(doc['rmspe_ratio'])}; placebo p-value {doc['placebo_p_value']:.2f} "
        f"(smallest possible {doc['min_p_value']:.2f}).",
        "",
        weights,
        "",
        placebos,
        "",
        "Limits:",
        *[f"- {limit}" for limit in doc["limits"]],
        "",
        f"How to read this: {doc['how_to_read']}",
        "",
        *[f"- {c}" for c in doc["caveats"]],
    ]
    return "\n".join(lines)


def _fixed(value) -> str:
    return "infinite" if value is None else f"{value:.2f}"
