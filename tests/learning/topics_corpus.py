"""Small fixed texts with planted topics, for the topics tests: each text holds six of its topic's
eight words, among Dutch words that say nothing (stop words), a guard tag and a number."""

from __future__ import annotations

import random

PLANTED = {
    "vervoer": [
        "buurtbus",
        "halte",
        "regiotaxi",
        "chauffeur",
        "dienstregeling",
        "opstapje",
        "rolstoelbus",
        "vervoerspas",
    ],
    "geld": [
        "energierekening",
        "schulden",
        "toeslag",
        "aanmaning",
        "voedselbank",
        "budget",
        "huurachterstand",
        "deurwaarder",
    ],
    "school": ["school", "leerkracht", "klas", "huiswerk", "pesten", "juf", "schoolplein", "rapport"],
    "groen": ["park", "bomen", "speeltuin", "bankjes", "grasveld", "zwerfafval", "vijver", "bloemperk"],
}
FILLER = [
    "de",
    "het",
    "een",
    "en",
    "is",
    "was",
    "bij",
    "met",
    "voor",
    "vertelde",
    "bewoner",
    "zegt",
    "dat",
    "er",
    "ook",
]


def planted_texts(topics=tuple(PLANTED), per_topic: int = 15, seed: int = 1) -> list[tuple[str, str]]:
    """(topic, text) pairs, in a fixed order."""
    rng = random.Random(seed)
    texts = []
    for topic in topics:
        for _n in range(per_topic):
            words = rng.sample(PLANTED[topic], 6) + rng.sample(FILLER, 5)
            rng.shuffle(words)
            texts.append((topic, " ".join(words).capitalize() + ". [NAAM] woont op nummer 12."))
    return texts
