"""Theme suggestions (learning/suggestions): latency of a suggestion through the view, and training on
50,000 signals, each measured in its own process (python bench/suggestions.py <part> prints JSON).

Baselines, measured in the same run on the same texts: the bare `pipeline.predict_proba` for one note
(the least any suggestion must do), and a plain fit of the same pipeline, uncalibrated and without the
catalogue, the description scale or the evaluation. Also measured: the top-3 hit rate on 30 notes written
in other words than the demo notes (learning/suggestions/unseen_notes.csv), by the model trained on the
400 demo signals.
"""

from __future__ import annotations

import csv
import json
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 300
NOTE_LENGTH = 2000
TRAINING_SIGNALS = 50_000
UNSEEN = ROOT / "learning" / "suggestions" / "unseen_notes.csv"


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _peak_mib() -> float:
    """Peak RSS of this process plus the peak of each worker process it started that still runs (the
    training fits in two worker processes; their memory maps of the shared features are counted in
    each, so the sum is an upper bound), plus the largest worker that already ended."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    ended = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + ended + sum(_worker_peaks_kib())) / 1024


def _worker_peaks_kib() -> list[int]:
    """VmHWM (peak RSS, KiB) of every living process whose parent is this one, read from /proc."""
    peaks = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if int(fields.get("PPid", "0").strip()) == os.getpid() and "VmHWM" in fields:
            peaks.append(int(fields["VmHWM"].split()[0]))
    return peaks


def _synthetic(count: int, seed: int = 503) -> tuple[list[str], list[set[str]]]:
    """Signals made from the demo notes: sentences shuffled, sometimes one sentence of another note added."""
    from signals.demo import read_notes

    notes = read_notes()
    rng = random.Random(seed)
    texts, labels = [], []
    for _ in range(count):
        note = rng.choice(notes)
        sentences = re.split(r"(?<=[.!?])\s+", note.text)
        rng.shuffle(sentences)
        if rng.random() < 0.5:
            sentences.append(rng.choice(re.split(r"(?<=[.!?])\s+", rng.choice(notes).text)))
        texts.append(" ".join(sentences))
        labels.append(set(note.themes))
    return texts, labels


def _long_notes() -> list[str]:
    from signals.demo import read_notes

    texts = [n.text for n in read_notes()]
    notes, current = [], ""
    for i in range(len(texts) * 4):
        current += texts[(i * 7) % len(texts)] + " "
        if len(current) >= NOTE_LENGTH:
            notes.append(current[:NOTE_LENGTH])
            current = ""
    return notes


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"p50": statistics.median(ordered) * 1000, "p95": ordered[int(len(ordered) * 0.95) - 1] * 1000}


def part_latency() -> dict:
    """Train on the 400 demo signals in a test database; time the htmx endpoint and the bare pipeline."""
    _setup()
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from learning.suggestions import model, services
    from signals.demo import demo_signals_load
    from tests.factories import UserFactory

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        demo_signals_load()
        start = time.perf_counter()
        services.theme_model_train()
        train_s = time.perf_counter() - start
        bundle, _count = services.current_model()
        unseen = _unseen_hit_rates(bundle, model)
        user = UserFactory(username="bench-lid")
        user.groups.add(Group.objects.get(name="lid"))
        client = Client()
        client.force_login(user)
        url, notes = reverse("learning:suggestions_suggest"), _long_notes()
        for note in notes[:5]:
            client.post(url, {"summary": note}, headers={"HX-Request": "true"})
        view, bare = [], []
        for i in range(RUNS):
            note = notes[i % len(notes)]
            start = time.perf_counter()
            response = client.post(url, {"summary": note}, headers={"HX-Request": "true"})
            view.append(time.perf_counter() - start)
            assert response.status_code == 200
            start = time.perf_counter()
            bundle["pipeline"].predict_proba([note])
            bare.append(time.perf_counter() - start)
        evaluation = services.ThemeModel.objects.first().evaluation
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return {
        "view": _percentiles(view),
        "bare": _percentiles(bare),
        "notes": len(notes),
        "demo_train_s": train_s,
        "evaluation": {k: evaluation[k] for k in ("top3_hit_rate", "top3_family_hit_rate", "micro_f1", "macro_f1")},
        "copies_apart": evaluation["copies_apart"],
        "unseen": unseen,
        "vendor": connection.vendor,
    }


def _unseen_hit_rates(bundle: dict, model) -> dict:
    with UNSEEN.open(encoding="utf-8", newline="") as handle:
        rows = [(set(r["themes"].split("|")), r["text"]) for r in csv.DictReader(handle)]
    rankings = model.rank(bundle, [text for _gold, text in rows])
    parents = dict(zip(bundle["slugs"], bundle["parents"], strict=True))

    def family(slug: str) -> str:
        return parents.get(slug) or slug

    result = {"notes": len(rows)}
    for name, minimum in (("at_min_confidence", 0.2), ("best_three", 0.0)):
        shown = [{s.theme for s in r.top(3, minimum)} for r in rankings]
        result[name] = sum(bool(g & s) for (g, _t), s in zip(rows, shown, strict=True)) / len(rows)
        result[f"{name}_family"] = sum(
            bool({family(x) for x in g} & {family(x) for x in s}) for (g, _t), s in zip(rows, shown, strict=True)
        ) / len(rows)
    return result


def part_training() -> dict:
    """What the nightly task does on 50,000 signals: the evaluation (on its sample) and the fit."""
    _setup()
    from learning.suggestions import evaluation, model

    texts, labels = _synthetic(TRAINING_SIGNALS)
    themes = _catalogue_without_database()
    start = time.perf_counter()
    evaluation.evaluate(texts, labels, themes, min_theme_signals=8, min_confidence=0.2)
    evaluate_s = time.perf_counter() - start
    start = time.perf_counter()
    model.fit(texts, labels, themes, min_theme_signals=8)
    fit_s = time.perf_counter() - start
    return {"evaluate_s": evaluate_s, "fit_s": fit_s, "peak_mib": _peak_mib()}


def part_baseline() -> dict:
    """A plain fit of the same pipeline on the same texts: uncalibrated, no catalogue, no evaluation."""
    _setup()
    import numpy as np

    from learning.suggestions import model

    texts, labels = _synthetic(TRAINING_SIGNALS)
    slugs = sorted(set().union(*labels))
    y = np.array([[s in ls for s in slugs] for ls in labels], dtype=np.int8)
    start = time.perf_counter()
    model.build_pipeline(calibrated=False).fit(texts, y)
    return {"fit_s": time.perf_counter() - start, "peak_mib": _peak_mib()}


def _catalogue_without_database() -> list:
    """The seeded themes as the catalogue, read from the seeding migration (no database in this process)."""
    from importlib import import_module

    from learning.suggestions.model import CatalogueTheme
    from learning.suggestions.services import theme_descriptions

    seed = import_module("signals.migrations.0002_seed_themes")
    described = theme_descriptions()
    themes = []
    for slug, name, name_en, aspects in seed.DIMENSIONS:
        themes.append(CatalogueTheme(slug, None, f"{name}. {name_en}. {described.get(slug, '')}"))
        themes += [CatalogueTheme(a, slug, f"{n}. {e}. {described.get(a, '')}") for a, n, e in aspects]
    themes += [CatalogueTheme(s, None, f"{n}. {e}. {described.get(s, '')}") for s, n, e in seed.SCP_THEMES]
    return themes


PARTS = {"latency": part_latency, "training": part_training, "baseline": part_baseline}


def _child(part: str) -> dict:
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), part], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run() -> list[str]:
    latency, training, baseline = _child("latency"), _child("training"), _child("baseline")
    total_s = training["evaluate_s"] + training["fit_s"]
    view, bare, unseen = latency["view"], latency["bare"], latency["unseen"]
    met_latency = view["p95"] < 100
    met_training = total_s < 60 and training["peak_mib"] < 2048
    return [
        "## Theme suggestions: latency and training",
        "",
        f"Each part in its own process. Latency: {RUNS} suggestions for {latency['notes']} different notes of "
        f"{NOTE_LENGTH} characters, through the htmx endpoint (`POST /leren/voorstellen/thema/`, Django's test "
        f"client, logged in as a member, {latency['vendor']}), by the model trained on the 400 demo signals. "
        f"Training: {TRAINING_SIGNALS:,} signals made from the demo notes (sentences shuffled and mixed), 57 "
        f"themes. Targets: p95 < 100 ms; training < 60 s and < 2 GB peak RSS. {_machine()}",
        "",
        "| what | p50 ms | p95 ms |",
        "| --- | ---: | ---: |",
        f"| suggestion through the view (rank, threshold, themes, template) | {view['p50']:.1f} | {view['p95']:.1f} |",
        f"| baseline: bare `pipeline.predict_proba` of one note | {bare['p50']:.1f} | {bare['p95']:.1f} |",
        "",
        "| what | seconds | peak RSS MiB (the process and its worker processes, summed: an upper bound) |",
        "| --- | ---: | ---: |",
        f"| training as the nightly task does it: evaluation (2 × 5 folds on a sample of 2,000) | "
        f"{training['evaluate_s']:.1f} | |",
        f"| … and the fit on all {TRAINING_SIGNALS:,} (calibrated, catalogue, description scale) | "
        f"{training['fit_s']:.1f} | {training['peak_mib']:.0f} |",
        f"| baseline: plain fit of the same pipeline, uncalibrated, nothing else | {baseline['fit_s']:.1f} | "
        f"{baseline['peak_mib']:.0f} |",
        "",
        f"Ratio view / bare predict at p95: **{view['p95'] / bare['p95']:.1f}×**; training (evaluation and fit) / "
        f"plain fit: **{total_s / baseline['fit_s']:.1f}×** ({total_s:.1f} s). Targets met: latency "
        f"**{'yes' if met_latency else 'NO'}**, training **{'yes' if met_training else 'NO'}**.",
        "",
        f"Quality on the 400 demo signals (5-fold, seed 13, shown at confidence ≥ 0.2): top-3 hit rate "
        f"**{latency['evaluation']['top3_hit_rate']:.2f}** (its dimension counting: "
        f"{latency['evaluation']['top3_family_hit_rate']:.2f}), micro F1 {latency['evaluation']['micro_f1']:.2f}, "
        f"macro F1 {latency['evaluation']['macro_f1']:.2f}. With the copies of one note kept in one fold: top-3 hit "
        f"rate {latency['copies_apart']['top3_hit_rate']:.2f}. On {unseen['notes']} notes in other words "
        f"(`unseen_notes.csv`): top-3 hit rate **{unseen['at_min_confidence']:.2f}** at confidence ≥ 0.2 "
        f"({unseen['at_min_confidence_family']:.2f} counting the dimension), {unseen['best_three']:.2f} for the "
        f"best three whatever their confidence ({unseen['best_three_family']:.2f}).",
    ]


def _machine() -> str:
    when = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    return f"This section: {os.cpu_count()} cores, Python {platform.python_version()}, run {when} UTC."


if __name__ == "__main__":
    print(json.dumps(PARTS[sys.argv[1]]()))
