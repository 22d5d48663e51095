"""The language of a text, and sentences confidently in another language.

Detection uses lingua (lingua-language-detector) in its low-accuracy mode (trigram models,
loaded in a quarter of a second), whose models ship inside the wheel:
nothing is downloaded when it runs. It is restricted to the languages of European and
East Asian letters and editions listed in `LANGUAGES`, which keeps it fast and avoids
confusing close languages no edition here uses. A sentence is marked ``foreign`` only
when it has at least `MIN_WORDS` words, lingua gives its language at least
`CONFIDENT` and the text's own language at most `UNLIKELY`: a name or a quoted word in
another language never is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

LANGUAGES = ("ENGLISH", "GERMAN", "FRENCH", "ITALIAN", "SPANISH", "PORTUGUESE", "DUTCH",
             "LATIN", "POLISH", "CZECH", "SWEDISH", "DANISH", "RUSSIAN", "GREEK", "HUNGARIAN",
             "KOREAN", "JAPANESE", "CHINESE")
MIN_WORDS = 5
SAMPLE = 2000  # characters of the text that decide its language
SENTENCE_SAMPLE = 240  # characters of a sentence that decide its language
CONFIDENT = 0.9
UNLIKELY = 0.05
_SENTENCE = re.compile(r"[^.!?…]+(?:[.!?…]+[\"'”’»)]*|$)")


@dataclass(frozen=True)
class Detected:
    tag: str
    name: str
    confidence: float | None  # None when given with --lang
    how: str


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder  # loaded only when detecting

    return LanguageDetectorBuilder.from_languages(
        *(getattr(Language, name) for name in LANGUAGES)).with_low_accuracy_mode().build()


def detect(text: str) -> Detected | None:
    """The language of ``text`` (its first 2,000 characters), or None when unknown."""
    sample = " ".join(text.split())[:SAMPLE]
    if len(sample.split()) < 3:
        return None
    values = _detector().compute_language_confidence_values(sample)
    if not values or values[0].value <= 0:
        return None
    best = values[0]
    tag = best.language.iso_code_639_1.name.lower()
    return Detected(tag, best.language.name.title(), round(best.value, 2),
                    f"detected by lingua (confidence {best.value:.2f})")


def given(tag: str) -> Detected:
    """The language named by a BCP 47 tag given on the command line."""
    return Detected(tag, language_name(tag), None, "given with --lang")


def language_name(tag: str) -> str:
    from lingua import IsoCode639_1, Language

    primary = tag.split("-")[0].upper()
    code = getattr(IsoCode639_1, primary, None)
    if code is None:
        return tag
    try:
        return Language.from_iso_code_639_1(code).name.title()
    except ValueError:
        return tag


def foreign_sentences(text: str, lang: str) -> list[tuple[str, str]]:
    """Sentences of ``text`` confidently in another language than ``lang``, with the tag
    of their language, in text order."""
    primary = lang.split("-")[0]
    found = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group().strip()
        if len(sentence.split()) < MIN_WORDS:
            continue
        values = _detector().compute_language_confidence_values(sentence[:SENTENCE_SAMPLE])
        if not values:
            continue
        best = values[0]
        tag = best.language.iso_code_639_1.name.lower()
        own = next((v.value for v in values
                    if v.language.iso_code_639_1.name.lower() == primary), 0.0)
        if tag != primary and best.value >= CONFIDENT and own <= UNLIKELY:
            found.append((sentence, tag))
    return found
