"""Precision and recall of the cross-dataset match proposals on a labelled set.

    .venv/bin/python benchmarks/match_events.py [--days 2] [--min-score 0.6]

Imports the project's sample files of four datasets (GTD, UCDP GED and two mapped
monitor sheets from tests/data/) into a fresh temporary SQLite database, proposes
matches, and compares them with the labelled true and false pairs of
tests/data/matching/labelled_pairs.csv. Prints precision and recall for the
default ranking and cap (each event's best candidate from each other dataset)
against the baseline measured in the same run: every candidate above the
minimum score, uncapped. Also prints the seconds each proposal run took.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


def _setup(workdir: Path) -> None:
    os.environ["NAPMON_DATA_DIR"] = str(workdir)
    os.environ.pop("NAPMON_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "napmon.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _load() -> list[dict]:
    from napmon.events.services import import_events, seed_reference_data
    from napmon.events.services.matching import load_labelled_pairs

    seed_reference_data()
    import_events(DATA / "gtd/valid/gtd_pakistan.csv", "gtd")
    import_events(DATA / "ucdp/valid/ged_iso.csv", "ucdp")
    mapped = DATA / "mapped/valid"
    import_events(
        mapped / "monitor_incidents.csv", "mapped", mapping=mapped / "monitor_mapping.yaml"
    )
    import_events(
        mapped / "suicide_attacks.csv", "mapped", mapping=mapped / "suicide_attacks_mapping.yaml"
    )
    return load_labelled_pairs(DATA / "matching/labelled_pairs.csv")


def _run(label: str, labels: list[dict], **options) -> dict:
    from napmon.events.models import CandidateMatch
    from napmon.events.services import propose_matches
    from napmon.events.services.matching import evaluate_matches

    CandidateMatch.objects.all().delete()
    started = time.perf_counter()
    created = propose_matches(**options)
    seconds = time.perf_counter() - started
    result = evaluate_matches(labels)

    def fmt(value):
        return "n/a" if value is None else f"{value:.2f}"

    print(
        f"{label:<34} proposed {created:>3}  TP {result['true_positives']:>2}  "
        f"FP {result['false_positives']:>2}  FN {result['false_negatives']:>2}  "
        f"precision {fmt(result['precision'])}  recall {fmt(result['recall'])}  "
        f"unlabelled {result['unlabelled']}  {seconds:.3f} s"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=2)
    parser.add_argument("--min-score", type=float, default=0.6)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="napmon-match-") as tmp:
        _setup(Path(tmp))
        labels = _load()
        same = sum(1 for r in labels if r["same"] == "yes")
        print(f"labelled pairs: {len(labels)} ({same} true, {len(labels) - same} false)")
        common = {"days": args.days, "min_score": args.min_score}
        base = _run("baseline: uncapped", labels, max_candidates=None, **common)
        ranked = _run("ranked, best per other dataset", labels, max_candidates=1, **common)
        if base["precision"] and ranked["precision"] is not None:
            print(
                f"precision ratio ranked / baseline: {ranked['precision'] / base['precision']:.2f}"
            )


if __name__ == "__main__":
    sys.exit(main())
