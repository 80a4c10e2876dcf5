"""The perturbation table (ptable) of the cell-key method: for each true count and each cell key,
the count that is shown.

A ptable is fixed by three numbers (``Parameters``): the largest noise ``max_noise`` (D), the noise
variance ``variance`` (V) for counts well away from zero, and ``small`` (js): shown counts from 1 to
``small`` never occur, so a count of 1 or 2 is never shown as such. Zero stays zero.

For a true count c the shown count t lies in c-D .. c+D, is never negative and never 1..js. Among
those, t is drawn with probability proportional to exp(a(t-c) - λ(t-c)²): λ gives counts of ``rows``
and more the variance V (a discrete normal), and a is chosen per row so that the mean of t is c (no
bias). Where c is the least possible t (c=js+1) no spread keeps the mean, and the row
takes the discrete normal's upper half (on average a little more than the true count), so
that every shown count still stands for several true counts next to each other. The
probabilities are cut into the 256 cell keys (``key_from`` ≤ key < ``key_to``), as the Australian
Bureau of Statistics' and the ONS's table builders and sdcTools' ``ptable`` do; counts of ``rows``
and more use the last row, shifted.

Pure: numbers in, a table out. ``write_csv``/``read_csv`` keep it in a file that the setting
``PTABLE_FILE`` names; ``monitoring/data/ptable.csv`` is made by ``make(Parameters())``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import numpy as np

KEYS = 256
COLUMNS = ["count", "target", "probability", "key_from", "key_to"]


@dataclass(frozen=True)
class Parameters:
    max_noise: int = 3  # D: a shown count is at most this far from the true count
    variance: float = 1.5  # V: the noise variance for counts of `rows` and more
    small: int = 2  # js: shown counts 1..js never occur

    @property
    def rows(self) -> int:
        """The first count whose row is not shaped by zero and the counts that are never shown."""
        return self.small + self.max_noise + 1


@dataclass(frozen=True)
class Row:
    count: int
    targets: tuple[int, ...]
    probabilities: tuple[float, ...]
    key_to: tuple[int, ...]  # exclusive upper key per target; the first target starts at key 0


@dataclass(frozen=True)
class PTable:
    parameters: Parameters
    rows: tuple[Row, ...]  # one per count 0 .. parameters.rows

    def __post_init__(self) -> None:
        lookup = np.empty((len(self.rows), KEYS), dtype=np.int64)
        for row in self.rows:
            start = 0
            for target, end in zip(row.targets, row.key_to, strict=True):
                lookup[row.count, start:end] = target
                start = end
        object.__setattr__(self, "_lookup", lookup)

    @property
    def last(self) -> int:
        return len(self.rows) - 1

    def perturb(self, count: int, key: int) -> int:
        """The shown count for a true count and a cell key (0..255)."""
        count = int(count)
        if count <= 0:
            return 0
        row = min(count, self.last)
        return int(self._lookup[row, int(key) % KEYS]) + (count - row)

    def perturb_many(self, counts: np.ndarray, keys: np.ndarray) -> np.ndarray:
        """``perturb`` for arrays of counts and keys."""
        counts = np.asarray(counts, dtype=np.int64)
        rows = np.clip(counts, 0, self.last)
        shown = self._lookup[rows, np.asarray(keys, dtype=np.int64) % KEYS] + (counts - rows)
        return np.where(counts <= 0, 0, shown)

    def possible_counts(self, shown: int) -> set[int]:
        """Every true count that some cell key shows as ``shown``: what an attacker who knows this table
        can tell from one shown figure. No count further away than the largest noise can show it."""
        reach = self.parameters.max_noise
        return {count for count in range(max(0, shown - reach), shown + reach + 1) if shown in self._targets_of(count)}

    def _targets_of(self, count: int) -> set[int]:
        """The shown counts that some key gives this true count."""
        if count <= 0:
            return {0}
        row = self.rows[min(count, self.last)]
        starts = (0, *row.key_to[:-1])
        return {t + count - row.count for t, s, e in zip(row.targets, starts, row.key_to, strict=True) if e > s}


def make(parameters: Parameters) -> PTable:
    """The ptable for these parameters."""
    lam = _lambda_for(parameters.variance, parameters.max_noise)
    rows = [_row(count, parameters, lam) for count in range(parameters.rows + 1)]
    return PTable(parameters, tuple(rows))


def _support(count: int, parameters: Parameters) -> list[int]:
    if count == 0:
        return [0]
    low, high = max(0, count - parameters.max_noise), count + parameters.max_noise
    return [t for t in range(low, high + 1) if t == 0 or t > parameters.small]


def _row(count: int, parameters: Parameters, lam: float) -> Row:
    targets = _support(count, parameters)
    offsets = np.array(targets, dtype=float) - count
    if len(targets) == 1:
        probabilities = [1.0]
    elif count <= targets[0]:  # nothing below: no spread keeps the mean, so the noise only adds (a small bias)
        probabilities = [float(p) for p in _weights(offsets, 0.0, lam)]
    else:
        probabilities = _centred(offsets, lam)
    return Row(count, tuple(targets), tuple(probabilities), tuple(_key_edges(probabilities)))


def _weights(offsets: np.ndarray, a: float, lam: float) -> np.ndarray:
    exponent = a * offsets - lam * offsets**2
    weights = np.exp(exponent - exponent.max())
    return weights / weights.sum()


def _centred(offsets: np.ndarray, lam: float) -> list[float]:
    """Probabilities over the offsets with mean zero: bisection on the tilt a (the mean rises with a)."""
    low, high = -50.0, 50.0
    for _ in range(200):
        a = (low + high) / 2
        if float(_weights(offsets, a, lam) @ offsets) < 0:
            low = a
        else:
            high = a
    return [float(p) for p in _weights(offsets, (low + high) / 2, lam)]


def _lambda_for(variance: float, max_noise: int) -> float:
    """λ of the discrete normal on -D..D with the given variance (bisection; the variance falls as λ rises)."""
    offsets = np.arange(-max_noise, max_noise + 1, dtype=float)
    most = float(np.mean(offsets**2))  # λ = 0: uniform, the largest variance this shape reaches
    if not 0 < variance < most:
        raise ValueError(f"variance must lie between 0 and {most:.3f} for a largest noise of {max_noise}")
    low, high = 0.0, 50.0
    for _ in range(200):
        lam = (low + high) / 2
        if float(_weights(offsets, 0.0, lam) @ offsets**2) > variance:
            low = lam
        else:
            high = lam
    return (low + high) / 2


def _key_edges(probabilities: list[float]) -> list[int]:
    """Cut 0..256 into one stretch of keys per target, as near to its probability as whole keys allow."""
    edges = [round(KEYS * c) for c in np.cumsum(probabilities)]
    edges[-1] = KEYS
    return edges


def write_csv(table: PTable) -> str:
    """The ptable as CSV: one line per true count and shown count (the last count stands for all larger)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in table.rows:
        start = 0
        for target, p, end in zip(row.targets, row.probabilities, row.key_to, strict=True):
            writer.writerow([row.count, target, f"{p:.6f}", start, end])
            start = end
    return out.getvalue()


class PTableError(ValueError):
    """The ptable file cannot be used; the message says why."""


def read_csv(text: str) -> PTable:
    """A ptable from its CSV; refused unless every row covers the 256 keys in order without a gap.
    Its parameters are read off the rows: the largest noise, the shown counts that never occur, and
    the variance of the last row."""
    by_count: dict[int, list[tuple[int, float, int, int]]] = {}
    for line in csv.DictReader(io.StringIO(text)):
        try:
            item = (int(line["target"]), float(line["probability"]), int(line["key_from"]), int(line["key_to"]))
            by_count.setdefault(int(line["count"]), []).append(item)
        except (KeyError, TypeError, ValueError) as error:
            raise PTableError(f"ptable: unreadable line {line}") from error
    if sorted(by_count) != list(range(len(by_count))) or not by_count:
        raise PTableError("ptable: the counts must run from 0 without a gap")
    rows = tuple(_row_from(count, items) for count, items in sorted(by_count.items()))
    return PTable(_parameters_of(rows), rows)


def _parameters_of(rows: tuple[Row, ...]) -> Parameters:
    shown = {t for row in rows for t, w in zip(row.targets, _widths(row), strict=True) if w}
    small = 0
    while small + 1 not in shown and small + 1 < rows[-1].count:
        small += 1
    noise = max(abs(t - row.count) for row in rows for t, w in zip(row.targets, _widths(row), strict=True) if w)
    return Parameters(max_noise=noise, variance=round(expected_and_variance(rows[-1])[1], 3), small=small)


def _widths(row: Row) -> list[int]:
    return list(np.diff([0, *row.key_to]))


def _row_from(count: int, items: list[tuple[int, float, int, int]]) -> Row:
    start = 0
    for _target, _p, key_from, key_to in items:
        if key_from != start or key_to < key_from:
            raise PTableError(f"ptable: the keys of count {count} must follow on without a gap")
        start = key_to
    if start != KEYS:
        raise PTableError(f"ptable: the keys of count {count} must end at {KEYS}")
    targets = tuple(t for t, _p, _f, _e in items)
    return Row(count, targets, tuple(p for _t, p, _f, _e in items), tuple(e for _t, _p, _f, e in items))


def expected_and_variance(row: Row) -> tuple[float, float]:
    """The mean and variance of the shown count that the 256 keys give (what the table really does)."""
    widths = np.array(_widths(row)) / KEYS
    targets = np.array(row.targets, dtype=float)
    mean = float(widths @ targets)
    return mean, float(widths @ (targets - mean) ** 2)
