"""Phrases that single out one person without naming them (the soft kind HERKENBAAR).

"De enige Eritrese weduwe van boven de 80 in Abtswoude" or "de imam van de moskee in
Buitenhof" names nobody, yet anyone in the district knows who is meant. Each finding
carries a suggestion: a plainer phrase that keeps what the story needs ("een oudere
vrouw uit Abtswoude", "een medewerker van de moskee"). Soft: the member may keep the
phrase. Pure functions: no Django, no deduce.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from signals.guard.findings import Finding, Kind

_WOMEN = "vrouw|weduwe|moeder|dochter|oma|meisje|mevrouw|dame|bewoonster|inwoonster|buurvrouw|studente|moslima|zus"
_MEN = "man|weduwnaar|vader|zoon|opa|jongen|meneer|heer|buurman|broer"
_OTHERS = (
    "ouder|kind|bewoner|inwoner|student|leerling|scholier|jongere|oudere|bejaarde|mantelzorger|vluchteling"
    "|statushouder|asielzoeker|gezin|familie|alleenstaande|tiener|puber|ondernemer|winkelier|eigenaar"
    "|rolstoelgebruiker|persoon|moslim|christen|jood|transvrouw|transman"
)
_PERSON = rf"(?:{_WOMEN}|{_MEN}|{_OTHERS})"
_ORIGIN = (
    r"(?:Eritrese|Syrische|Somalische|Afghaanse|Iraanse|Irakese|Iraakse|Turkse|Marokkaanse|Surinaamse|Antilliaanse"
    r"|Arubaanse|Curaçaose|Poolse|Bulgaarse|Roemeense|Oekraïense|Russische|Chinese|Vietnamese|Indiase|Indonesische"
    r"|Molukse|Pakistaanse|Ethiopische|Soedanese|Jemenitische|Koerdische|Ghanese|Nigeriaanse|Kaapverdische"
    r"|Braziliaanse|Filipijnse|Thaise|Griekse|Italiaanse|Spaanse|Portugese|Duitse|Britse|Engelse|Amerikaanse"
    r"|Japanse|Koreaanse|Tibetaanse|Joodse|Hindoestaanse|Egyptische|Libische|Tunesische|Algerijnse|Armeense"
    r"|Georgische|Albanese|Bosnische|Servische|Kroatische|Hongaarse|Litouwse|Letse|Iraanse|Jezidische|Tamil)"
)
_ADJECTIVE = r"(?:[^\W\d_][\w'-]*\s+)"
_AGE = (
    r"(?P<age>\s*\(\d{2,3}\)|\s+van\s+(?:(?:boven|over|in)\s+de\s+|ver\s+over\s+de\s+|ruim\s+|bijna\s+|rond\s+de\s+)?"
    r"(?P<years>\d{2,3})(?:\s*(?:jaar|-?plus))?|,\s*(?P<years2>\d{2,3})\s+jaar,?)"
)
_PLACE = r"(?:\s+(?:in|uit)\s+(?:de\s+|het\s+)?(?P<place>(?-i:[A-Z])[\w'-]+(?:-(?-i:[A-Z])[\w'-]+)?))"

_ONLY_ONE_RE = re.compile(
    r"\b(?P<span>(?:de|het)\s+enige\s+(?:(?:(?:"
    + _ADJECTIVE
    + r"){0,3}?(?P<noun>"
    + _PERSON
    + r")\b|"
    + _ORIGIN
    + r"\b)"
    + _AGE
    + r"?"
    + _PLACE
    + r"?|die\b))",
    re.IGNORECASE,
)
_AS_ONLY_ONE_RE = re.compile(r"\b(?P<span>als\s+enige)\b", re.IGNORECASE)
_COMBINATION_RE = re.compile(
    r"\b(?P<span>(?i:een|de)\s+(?:" + _ADJECTIVE + r"){0,2}?" + _ORIGIN + r"\s+(?:" + _ADJECTIVE + r")?"
    r"(?P<noun>" + _PERSON + r")\b" + _AGE + _PLACE + r")"
)
_ROLES = {
    "huisarts": "een zorgverlener",
    "tandarts": "een zorgverlener",
    "apotheker": "een zorgverlener",
    "wijkagent": "een politiemedewerker",
    "wijkverpleegkundige": "een zorgverlener",
    "voorzitter": "een bestuurslid{org}",
    "penningmeester": "een bestuurslid{org}",
    "secretaris": "een bestuurslid{org}",
    "eigenaar": "een ondernemer",
    "eigenaresse": "een ondernemer",
}
_ROLE_WORDS = (
    "imam|dominee|pastoor|predikant|priester|rabbijn|pastor|directeur|directrice|rector|conciërge|juf|meester"
    "|coördinator|coordinator|beheerder|leider|leidster|trainer|coach|hoofd|kapper|" + "|".join(_ROLES)
)
_ORGANISATION = (
    r"(?:de|het)\s+[^\W\d_][\w'-]*(?:\s+(?:(?:van|de|der|den)\s+)*(?-i:[A-Z])[\w'-]*)*"  # de moskee, de Oude Kerk
    r"|(?:groep|klas)\s+\w+"  # groep 3
    r"|(?-i:[A-Z])(?!(?i:evrouw|eneer|ijnheer)\b)[\w'-]+"  # Tanthof, not "mevrouw"
)
_ROLE_RE = re.compile(
    r"\b(?P<span>de\s+(?P<role>" + _ROLE_WORDS + r")\s+van\s+(?P<org>" + _ORGANISATION + r")"
    r"(?:\s+(?:in|aan|op)\s+(?P<place>(?-i:[A-Z])[\w'-]+))?)",
    re.IGNORECASE,
)


def _gender_noun(noun: str) -> str:
    noun = noun.lower()
    if re.fullmatch(_WOMEN, noun):
        return "vrouw"
    if re.fullmatch(_MEN, noun):
        return "man"
    return "inwoner"


def _person_suggestion(m: re.Match) -> str:
    """ "Een oudere vrouw uit Abtswoude": the gender, old or young, and the district only."""
    years = m.group("years") or m.group("years2") or re.search(r"\d{2,3}", m.group("age") or "")
    age = int(years.group() if isinstance(years, re.Match) else years) if years else None
    words = ["een"]
    if age is not None and age >= 65:
        words.append("oudere")
    elif age is not None and age < 18:
        words.append("jonge")
    words.append(_gender_noun(m.group("noun") or ""))
    if m.group("place"):
        words += ["uit", m.group("place")]
    return " ".join(words)


def _role_suggestion(m: re.Match) -> str:
    role, org = m.group("role").lower(), m.group("org")
    organisation = f" van {org}" if org[:1].islower() and org.split()[0].lower() in ("de", "het") else ""
    return _ROLES.get(role, "een medewerker{org}").format(org=organisation)


def _finding(m: re.Match, suggestion: str) -> Finding:
    span = m.group("span")
    if span[:1].isupper():
        suggestion = suggestion[:1].upper() + suggestion[1:]
    return Finding(m.start("span"), m.end("span"), Kind.RECOGNISABLE, span, suggestion)


def find_recognisable(text: str) -> Iterator[Finding]:
    for m in _ONLY_ONE_RE.finditer(text):
        yield _finding(
            m, "een van de weinigen die" if m.group("span").lower().endswith("die") else _person_suggestion(m)
        )
    for m in _AS_ONLY_ONE_RE.finditer(text):
        yield _finding(m, "als een van de weinigen")
    for m in _COMBINATION_RE.finditer(text):
        yield _finding(m, _person_suggestion(m))
    for m in _ROLE_RE.finditer(text):
        yield _finding(m, _role_suggestion(m))
