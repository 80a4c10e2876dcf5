"""Drawing a round's sample. Pure: ids in, ids out.

The sample can be explained afterwards: with the round's seed and the ids of the signals that matched
its filters when it was made, sorted, ``draw`` gives the same signals in the same order again.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Sequence

SEED_BITS = 62  # fits the database's signed 64-bit integer


def new_seed() -> int:
    return secrets.randbits(SEED_BITS)


def draw(ids: Sequence[int], size: int, seed: int) -> list[int]:
    """`size` of the ids, at random but fixed by the seed, in the order the members will see them."""
    return random.Random(seed).sample(sorted(ids), size)


def letters(count: int, seed: int) -> list[str]:
    """A letter per member (A, B, ...) in an order fixed by the seed but not by name, so a letter does
    not tell who it is."""
    names = [chr(ord("A") + i) for i in range(count)]
    random.Random(seed + 1).shuffle(names)
    return names
