"""The comparison's tests, vectorised over the themes of one comparison. Pure numpy and scipy.

Every test compares a theme's *share* of the signals in a sample (this period, this area) with its share
in a reference (the same months of earlier years, the rest of the municipality, or a typical theme), so
more members logging more signals does not read as more problems.

- ``two_sample``: the exact conditional test for two shares. Given the theme's signals in both samples
  together (s), its signals in this sample are hypergeometric under equal shares; we use the binomial
  with the same mean and variance, on counts divided by ``dispersion × (T − s) / (T − 1)`` (T: all
  signals in both samples). Dividing counts by an overdispersion factor is the first-order Rao–Scott
  correction; the second factor matches the hypergeometric variance. With no overdispersion and a small
  share it is the classic exact test for two Poisson rates.
- ``one_sample_less``: the theme's count against a share given from outside, on counts divided by the
  dispersion.
- ``dispersion``: Pearson's χ² over the themes divided by its degrees of freedom (one per theme),
  never below 1: a quasi-binomial dispersion estimated across the comparison's themes.
- ``benjamini_hochberg``: p-values adjusted for the false discovery rate over the themes.

Tail probabilities of the (scaled) binomial use the regularized incomplete beta function, which is
defined for counts that are not whole numbers: P(X ≤ k) = I_{1−π}(s − k, k + 1), P(X ≥ k) = I_π(k, s − k + 1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

TINY = 1e-12


@dataclass(frozen=True)
class Tested:
    """One test per theme: its p-value (NaN where nothing can be tested), the expected count in the
    sample under the reference share, and the smallest p-value the test could give ("less" tests only:
    the p-value of zero signals; above the FDR level the expected count is too small to tell)."""

    p: np.ndarray
    expected: np.ndarray
    least_p: np.ndarray
    dispersion: float


def _array(values) -> np.ndarray:
    return np.asarray(values, dtype=float)


def _lower_tail(k: np.ndarray, s: np.ndarray, pi: np.ndarray) -> np.ndarray:
    """P(X ≤ k) for X ~ Binomial(s, pi), continuous in k and s."""
    inside = (k < s - TINY) & (s > TINY)
    a = np.where(inside, s - k, 1.0)
    return np.where(inside, special.betainc(a, k + 1.0, np.clip(1.0 - pi, 0.0, 1.0)), 1.0)


def _upper_tail(k: np.ndarray, s: np.ndarray, pi: np.ndarray) -> np.ndarray:
    """P(X ≥ k) for X ~ Binomial(s, pi), continuous in k and s."""
    inside = k > TINY
    a = np.where(inside, k, 1.0)
    b = np.where(inside, np.maximum(s - k, 0.0) + 1.0, 1.0)
    return np.where(inside, special.betainc(a, b, np.clip(pi, 0.0, 1.0)), 1.0)


def moments(x, n, x_ref, n_ref):
    """Expected count, hypergeometric variance, pooled count and sample fraction under equal shares."""
    total = n + n_ref
    s = x + x_ref
    with np.errstate(divide="ignore", invalid="ignore"):
        pi = np.where(total > 0, n / total, 0.0)
        finite = np.where(total > 1, (total - s) / (total - 1), 0.0)
    expected = s * pi
    variance = s * pi * (1 - pi) * np.clip(finite, 0.0, None)
    return expected, variance, s, pi, np.clip(finite, 0.0, None)


def dispersion(observed, expected, variance) -> float:
    """Pearson's χ² per degree of freedom over the themes that can vary, never below 1."""
    observed, expected, variance = _array(observed), _array(expected), _array(variance)
    usable = variance > TINY
    if not usable.any():
        return 1.0
    chi2 = ((observed[usable] - expected[usable]) ** 2 / variance[usable]).sum()
    return max(1.0, float(chi2 / usable.sum()))


def two_sample(x, n, x_ref, n_ref, *, alternative: str, phi: float | None = None) -> Tested:
    """Per theme: is its share in the sample (x of n) different from (``two-sided``), or lower than
    (``less``), its share in the reference (x_ref of n_ref)? ``phi`` is estimated across the themes
    when not given."""
    x, x_ref = _array(x), _array(x_ref)
    n, n_ref = np.broadcast_to(_array(n), x.shape), np.broadcast_to(_array(n_ref), x.shape)
    expected, variance, s, pi, finite = moments(x, n, x_ref, n_ref)
    phi = dispersion(x, expected, variance) if phi is None else phi
    testable = (n > 0) & (n_ref > 0) & (variance > TINY)
    scale = np.maximum(phi * finite, TINY)
    k, size = x / scale, s / scale
    lower = _lower_tail(k, size, pi)
    p = lower if alternative == "less" else np.minimum(1.0, 2 * np.minimum(lower, _upper_tail(k, size, pi)))
    least = _least_p_two_sample(x_ref, n, n_ref, phi)
    with np.errstate(divide="ignore", invalid="ignore"):
        reference_expected = np.where(n_ref > 0, n * x_ref / n_ref, np.nan)
    return Tested(np.where(testable, p, np.nan), reference_expected, least, phi)


def _least_p_two_sample(x_ref, n, n_ref, phi: float) -> np.ndarray:
    """The p-value of zero signals in the sample: (1 − π)^(s'), s' the reference's scaled count."""
    total = n + n_ref
    with np.errstate(divide="ignore", invalid="ignore"):
        pi = np.where(total > 0, n / total, 0.0)
        finite = np.where(total > 1, (total - x_ref) / (total - 1), 1.0)
    scale = np.maximum(phi * np.clip(finite, 0.0, None), TINY)
    return np.where(n > 0, (1 - pi) ** (x_ref / scale), 1.0)


def one_sample_less(x, n, share, *, phi: float) -> Tested:
    """Per theme: is its share (x of n) lower than a share given from outside?"""
    x = _array(x)
    n, share = np.broadcast_to(_array(n), x.shape), np.broadcast_to(_array(share), x.shape)
    k, size = x / phi, n / phi
    testable = (n > 0) & (share > 0) & (share < 1)
    p = _lower_tail(k, size, share)
    least = np.where(testable, (1 - share) ** size, 1.0)
    return Tested(np.where(testable, p, np.nan), n * share, least, phi)


def benjamini_hochberg(p) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (the false discovery rate at which each would be rejected);
    NaN stays NaN and does not count as a test."""
    p = _array(p)
    adjusted = np.full(p.shape, np.nan)
    tested = ~np.isnan(p)
    m = int(tested.sum())
    if not m:
        return adjusted
    values = p[tested]
    order = np.argsort(values)
    scaled = values[order] * m / np.arange(1, m + 1)
    monotone = np.minimum.accumulate(scaled[::-1])[::-1]
    result = np.empty(m)
    result[order] = np.minimum(monotone, 1.0)
    adjusted[tested] = result
    return adjusted
