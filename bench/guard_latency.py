"""Latency of the personal-data guard on 2,000-character notes.

Baseline, measured in the same run: deduce alone (`Deduce.deidentify` on the
same texts, all its processors on), which is what the guard builds on. The
guard runs deduce with fewer processors plus its own pattern detectors, after
normalising the text (issue 12).

The notes are stitched from the development corpus and the corpus of issue 12's
forms (Unicode tricks, lower-case names, plates), so every detector has work.
"""

from __future__ import annotations

import os
import platform
import statistics
import time
from pathlib import Path

from django.conf import settings

from signals.guard import get_detector
from tests.signals.corpus import CORPUS_FILE, read_corpus

NOTE_LENGTH = 2000
RUNS = 300
FORMS_CORPUS = Path(CORPUS_FILE).with_name("guard_corpus_forms.txt")
# The guard before issue 12 (no normalisation, no new detectors), bench run of 2026-12-01 17:03 UTC on a
# busier machine: p95 27.0 ms against 38.2 ms for bare deduce. Compare the ratio, not the milliseconds.
P95_BEFORE_ISSUE_12_MS = 27.0
RATIO_BEFORE_ISSUE_12 = 0.71


def notes_of_length(length: int = NOTE_LENGTH) -> list[str]:
    """Deterministic 2,000-character notes stitched from the test corpus (with and without personal data)."""
    texts = [n.text for n in read_corpus()] + [n.text for n in read_corpus(FORMS_CORPUS)]
    notes, current = [], ""
    for i in range(len(texts) * 6):
        current += texts[i % len(texts)] + " "
        if len(current) >= length:
            notes.append(current[:length])
            current = ""
    return notes


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50": statistics.median(ordered) * 1000,
        "p95": ordered[int(len(ordered) * 0.95) - 1] * 1000,
        "p99": ordered[int(len(ordered) * 0.99) - 1] * 1000,
        "mean": statistics.fmean(ordered) * 1000,
    }


def _time(func, notes: list[str]) -> list[float]:
    samples = []
    for i in range(RUNS):
        text = notes[i % len(notes)]
        start = time.perf_counter()
        func(text)
        samples.append(time.perf_counter() - start)
    return samples


def run() -> list[str]:
    start = time.perf_counter()
    detector = get_detector()
    load_seconds = time.perf_counter() - start
    notes = notes_of_length()
    from deduce import Deduce

    bare = Deduce(cache_path=settings.DEDUCE_CACHE_DIR)
    for text in notes[:5]:  # warm up both
        detector.scan(text)
        bare.deidentify(text)
    guard = _percentiles(_time(detector.scan, notes))
    baseline = _percentiles(_time(bare.deidentify, notes))
    lines = [
        "## Personal-data guard: scan latency",
        "",
        f"{RUNS} scans of {len(notes)} different notes of {NOTE_LENGTH} characters (stitched from "
        "`tests/signals/guard_corpus.txt` and `guard_corpus_forms.txt`), one process, one thread. Detector load: "
        f"{load_seconds:.1f} s (cache present). Target: p95 < 50 ms. {_machine()}",
        "",
        "| what | p50 ms | p95 ms | p99 ms | mean ms |",
        "| --- | ---: | ---: | ---: | ---: |",
        _row("guard (`signals.guard.scan`)", guard),
        _row("baseline: bare deduce `deidentify`", baseline),
        "",
        f"Ratio guard / baseline at p95: **{guard['p95'] / baseline['p95']:.2f}×**. "
        f"p95 target met: **{'yes' if guard['p95'] < 50 else 'NO'}**. Before issue 12 (no normalisation, "
        f"no new detectors; first corpus only, a busier machine) the guard's p95 was {P95_BEFORE_ISSUE_12_MS:.1f} ms, "
        f"{RATIO_BEFORE_ISSUE_12:.2f}× bare deduce.",
    ]
    return lines


def _row(name: str, p: dict[str, float]) -> str:
    return f"| {name} | {p['p50']:.1f} | {p['p95']:.1f} | {p['p99']:.1f} | {p['mean']:.1f} |"


def _machine() -> str:
    when = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    return f"This section: {os.cpu_count()} cores, Python {platform.python_version()}, run {when} UTC."
