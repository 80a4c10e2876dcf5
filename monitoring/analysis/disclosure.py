"""Disclosure control: the one place that decides how a count of signals may leave a page.

Pure: counts and keys in, what may be shown out. Every page, export, saved table and explanation that
shows a count of signals asks a ``Rule``: the dashboard, the comparison (its rows and sentences), the
table builder, and the follow-up inquiries. The services take their rule from
``monitoring.services.disclosure.disclosure_rule`` (the one place that reads the settings).

The method is the **cell-key method** (as in the Australian Bureau of Statistics' TableBuilder, the UK
ONS's flexible tables and sdcTools' ``cellKey``):

- every signal gets a random *record key* (0..255) once, when it is made (``new_record_key``);
- a cell's *cell key* is the sum of its signals' record keys modulo 256 (``cell_key``); sums of keys add
  up like counts, so the database keeps them beside the counts and any cell, total or filter gets its
  key without reading the signals again;
- the perturbation table (``monitoring.analysis.ptable``) maps (true count, cell key) to the count that
  is shown: zero stays zero, the noise is at most ±3 by default, and 1 and 2 are never shown;
- so the same cell (the same signals) always shows the same number, on every page and in every export,
  across requests and restarts; and subtracting two tables gives a difference plus noise, not a hidden
  count. Totals are cells of their own (their own signals, their own key), not sums of shown cells.

Residents represented are perturbed the same way, with the cell key turned half-way round, so their
noise does not repeat the count's.

``k`` is the number of signals below which the comparison's sentences say "too few to say anything"
instead of a number; it is applied to shown counts, never to true ones.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from monitoring.analysis.ptable import KEYS, Parameters, PTable, make

NOISE_NOTE = _(
    "Kleine verschillen kunnen ruis zijn: bij elk aantal tellen we een klein getal op of af, zodat niemand "
    "herkenbaar wordt. Een aantal van 1 of 2 tonen we nooit."
)
RECORD_KEYS = KEYS  # record keys are 0..255; a cell's key is the sum of its records' keys modulo this
RESIDENTS_TURN = KEYS // 2  # residents use the cell key turned half-way round


def cell_key(key_sum: int) -> int:
    """A cell's key: the sum of its records' keys, modulo the key range."""
    return int(key_sum) % RECORD_KEYS


def new_record_key() -> int:
    """A signal's record key, drawn once at random when it is made."""
    return secrets.randbelow(RECORD_KEYS)


def default_ptable() -> PTable:
    return make(Parameters())


@dataclass(frozen=True)
class Rule:
    """Cell-key perturbation with ``ptable``; ``k``: below it a sentence says "too few" (on shown counts)."""

    k: int
    ptable: PTable = field(default_factory=default_ptable, compare=False)

    @property
    def small_text(self) -> str:
        return f"<{self.k}"

    def perturb(self, count: int, key_sum: int) -> int:
        """The count as every page shows it, for a cell whose record keys add up to ``key_sum``."""
        return self.ptable.perturb(count, cell_key(key_sum))

    def perturb_residents(self, residents: int, key_sum: int) -> int:
        """Residents represented, as every page shows them."""
        return self.ptable.perturb(residents, cell_key(key_sum) + RESIDENTS_TURN)

    def perturb_many(self, counts, key_sums) -> np.ndarray:
        return self.ptable.perturb_many(np.asarray(counts), np.asarray(key_sums, dtype=np.int64) % RECORD_KEYS)

    def perturb_residents_many(self, residents, key_sums) -> np.ndarray:
        keys = (np.asarray(key_sums, dtype=np.int64) + RESIDENTS_TURN) % RECORD_KEYS
        return self.ptable.perturb_many(np.asarray(residents), keys)

    def is_small(self, shown: float) -> bool:
        """A shown count too small to say anything about (a sentence then says "fewer than k")."""
        return 0 < shown < self.k

    def text(self, count: int, key_sum: int) -> str:
        """A count as it may be shown: perturbed, written as the language writes numbers."""
        return number_format(self.perturb(count, key_sum), force_grouping=True)

    def comparison_rows(self, table: pd.DataFrame, *, total: int = 0, total_key: int = 0) -> pd.DataFrame:
        """The comparison's rows with what they may show beside the exact figures the verdicts use:
        ``shown_signals`` and ``shown_residents`` (perturbed with each row's ``key_sum``), ``shown_share``
        (the shown count over the shown total of all signals, ``total`` with keys ``total_key``), and sort
        keys on shown figures only."""
        if not len(table):
            return table.assign(shown_signals=[], shown_residents=[], shown_share=[], signals_order=[], share_order=[])
        keys = table["key_sum"] if "key_sum" in table else pd.Series(0, index=table.index)
        signals = self.perturb_many(table["signals"], keys)
        residents = self.perturb_residents_many(table["residents"], keys)
        shown_total = self.perturb(total, total_key)
        share = signals / shown_total if shown_total else np.zeros(len(signals))
        return table.assign(
            shown_signals=signals.astype(int),
            shown_residents=residents.astype(int),
            shown_share=share,
            signals_order=signals,
            share_order=share,
        )
