"""The signals side of the comparison, for all themes at once: counts in the window, their shares, the
two tests and the false-discovery correction. Pure and vectorised (numpy), so the page stays fast.

Two tests per theme, each corrected with Benjamini–Hochberg over all themes of the comparison:

- **change**: is the theme's share of the signals in the period different from its share in the same
  months of the earlier years? (two-sided, ``inference.two_sample``)
- **below**: is the theme's share lower than in the wider area? For a district, the rest of the
  municipality (``two_sample``, one-sided). For the municipality there is no wider area; the reference
  is a typical theme: the median share of the themes of its kind (main themes with aspects, or the
  others) that have signals (``one_sample_less``).

The overdispersion of each two-sample test is estimated over the themes as tagged (a main theme's family
repeats its aspects' deviations, so it would count them twice) and applied to all.

Printed numbers come from perturbed counts (``Rule.perturb`` with each count's sum of record keys over
the same rows); the tests use the exact counts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from monitoring.analysis.disclosure import Rule
from monitoring.analysis.exposure import Window, window_sums
from monitoring.analysis.inference import benjamini_hochberg, dispersion, moments, one_sample_less, two_sample


def signal_figures(
    rows: pd.DataFrame, monthly: pd.DataFrame, window: Window, *, rule: Rule, reference: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per theme of ``rows`` (index theme, column ``family``): counts, shares, expected counts and tests.

    ``monthly`` holds the area's counts per theme, year and month (theme 0: every signal once);
    ``reference`` the same for the municipality when the area is one of its districts."""
    sums = window_sums(monthly, window, rows.index)
    f = {column: values[:-1] for column, values in sums.items()}
    f["family"] = rows["family"].to_numpy(dtype=bool)
    total, total_key = sums["signals"][-1], sums["key_sum"][-1]
    earlier_total, earlier_key = sums["earlier"][-1], sums["earlier_key_sum"][-1]
    size = len(rows)
    f["total"], f["total_key"] = np.full(size, total), np.full(size, total_key)
    f["earlier_total"] = np.full(size, earlier_total)
    f["shown"] = _perturbed(rule, f["signals"], f["key_sum"])
    f["earlier_shown"] = _perturbed(rule, f["earlier"], f["earlier_key_sum"])
    f["total_shown"] = np.full(size, rule.perturb(int(total), int(total_key)))
    f["earlier_total_shown"] = np.full(size, rule.perturb(int(earlier_total), int(earlier_key)))
    _change(f)
    if reference is not None:
        _below_wider_area(f, window_sums(reference, window, rows.index), rule)
    else:
        _below_typical_theme(f)
    f["change_adjusted"] = benjamini_hochberg(f["change_p"])
    f["below_adjusted"] = benjamini_hochberg(f["below_p"])
    return pd.DataFrame(f, index=rows.index)


def _perturbed(rule: Rule, counts: np.ndarray, key_sums: np.ndarray) -> np.ndarray:
    return np.array([rule.perturb(int(n), int(k)) for n, k in zip(counts, key_sums, strict=True)], dtype=np.int64)


def _ratio(numerator, denominator) -> np.ndarray:
    numerator, denominator = np.asarray(numerator, dtype=float), np.asarray(denominator, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, numerator / denominator, np.nan)


def _dispersion(f: dict, x_ref, n_ref) -> float:
    own = ~f["family"]
    if not own.any():
        own = np.ones(len(own), dtype=bool)
    n_ref = np.broadcast_to(np.asarray(n_ref, dtype=float), own.shape)[own]
    x = f["signals"][own]
    expected, variance, *_rest = moments(x, f["total"][own], np.asarray(x_ref, dtype=float)[own], n_ref)
    return dispersion(x, expected, variance)


def _change(f: dict) -> None:
    """The share in the period against the share in the same months of the earlier years."""
    size = len(f["signals"])
    if size and f["earlier_total"][0] > 0:
        phi = _dispersion(f, f["earlier"], f["earlier_total"])
        earlier, earlier_total = f["earlier"], f["earlier_total"]
        tested = two_sample(f["signals"], f["total"], earlier, earlier_total, alternative="two-sided", phi=phi)
        f["change_p"], f["change_dispersion"] = tested.p, np.full(size, phi)
    else:
        f["change_p"], f["change_dispersion"] = np.full(size, np.nan), np.full(size, np.nan)
    f["share"] = _ratio(f["signals"], f["total"])
    f["earlier_share"] = _ratio(f["earlier"], f["earlier_total"])
    f["trend_expected"] = f["total"] * f["earlier_share"]
    f["shown_share"] = _ratio(f["shown"], f["total_shown"])
    f["earlier_shown_share"] = _ratio(f["earlier_shown"], f["earlier_total_shown"])
    f["trend_expected_shown"] = f["total_shown"] * f["earlier_shown_share"]


def _below_wider_area(f: dict, wider: dict, rule: Rule) -> None:
    """A district against the rest of its municipality; the printed expectation uses the municipality's
    own (printed) share, so it gives away nothing the municipality's page does not show."""
    whole, whole_total = wider["signals"][:-1], int(wider["signals"][-1])
    rest = np.maximum(whole - f["signals"], 0)
    rest_total = max(whole_total - int(f["total"][0]), 0) if len(rest) else 0
    phi = _dispersion(f, rest, rest_total)
    tested = two_sample(f["signals"], f["total"], rest, rest_total, alternative="less", phi=phi)
    shown_whole = _perturbed(rule, whole, wider["key_sum"][:-1])
    shown_whole_total = rule.perturb(whole_total, int(wider["key_sum"][-1]))
    f["reference_share"] = _ratio(shown_whole, np.full(len(rest), shown_whole_total))
    f["expected"], f["expected_shown"] = tested.expected, f["total_shown"] * f["reference_share"]
    f["below_p"], f["least_p"], f["below_dispersion"] = tested.p, tested.least_p, np.full(len(rest), phi)


def _below_typical_theme(f: dict) -> None:
    """The municipality against a typical theme of the same kind: the median share of those with signals."""
    size = len(f["signals"])
    exact, shown = np.full(size, np.nan), np.full(size, np.nan)
    for family in (True, False):
        kind = f["family"] == family
        raised = kind & (f["signals"] > 0)
        if raised.any():
            exact[kind] = np.median(f["share"][raised])
            shown[kind] = np.median(np.nan_to_num(f["shown_share"][raised]))
    estimated = f["change_dispersion"][0] if size else np.nan
    phi = 1.0 if np.isnan(estimated) else float(estimated)
    tested = one_sample_less(f["signals"], f["total"], np.nan_to_num(exact), phi=phi)
    f["reference_share"], f["expected"] = shown, f["total"] * exact
    f["expected_shown"] = f["total_shown"] * shown
    f["below_p"], f["least_p"], f["below_dispersion"] = tested.p, tested.least_p, np.full(size, phi)
