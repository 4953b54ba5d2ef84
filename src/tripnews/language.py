"""The language an article is written in, as an ISO 639-1 code, or ``None`` when unsure.

>>> identify("The minister arrived in Tokyo on Monday for two days of talks. " * 4)
'en'
>>> identify("Tokyo") is None
True

Identification is CLD2's (the ``pycld2`` package, a compiled model shipped inside the
wheel: nothing is downloaded, and a 5 KB article costs about a tenth of a millisecond).
The English rules run unless this says, with confidence, that the text is in another
language; see ``is_english``.
"""

from __future__ import annotations

# Identification reads the start of the text only: a few thousand characters settle the
# language of any article, and the cost stays flat however long the article runs.
SAMPLE_CHARS = 2000
# Below this many bytes of words (CLD2 counts them, leaving out digits and punctuation) a
# text is a headline or a caption: "Biden visits Tokyo" reads as Danish to any model of
# character statistics, so a short text gets no language at all. (A CJK character is
# three bytes: two short sentences of Japanese are enough, as they are for the model.)
MIN_TEXT_BYTES = 200
# A results table or a list of clubs is mostly foreign names, and the model may call the
# whole report Polish or Dutch; yet its sentences are English. When English holds at least
# this percentage of the text, the article is English (a German report quoting one English
# sentence stays well below it).
ENGLISH_SHARE = 20

# Most articles are English prose, and English prose is a fifth or more made of its
# commonest function words ("the", "of", "and" ...), a share no other language's text
# reaches with them (German shares "in" and "was", Dutch "of" and "is", at a few percent).
# Such a text is English without asking the model, which costs several times more; a
# table of names, a short text or any other language still goes to the model. At least
# this many words are needed, so that a text the model would find too short stays so.
ENGLISH_MARKER_SHARE = 0.15
FAST_PATH_MIN_WORDS = 80
_ENGLISH_MARKERS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "that",
        "is",
        "was",
        "for",
        "on",
        "with",
        "said",
        "as",
        "by",
        "he",
        "it",
        "at",
        "from",
        "his",
        "has",
    ]
)

# CLD2 still speaks some codes ISO 639-1 has retired or never had; these are their
# current names. A language with no two-letter code keeps CLD2's three-letter one.
# (CLD2 also names script variants, "zh-Hant" and "sr-ME", which are the language.)
_CURRENT_CODES = {"iw": "he", "in": "id", "jw": "jv", "mo": "ro", "zh-Hant": "zh", "sr-ME": "sr"}


def identify(text: str) -> str | None:
    """The language of ``text`` (``"en"``, ``"de"``, ...), or ``None`` when the text is too
    short to tell or the model is not sure."""
    sample = text[:SAMPLE_CHARS]
    if len(sample) < MIN_TEXT_BYTES // 3:
        return None  # too short whatever its script: spare the call
    if looks_english(sample):
        return "en"
    import pycld2

    try:
        reliable, text_bytes, details = pycld2.detect(sample.encode("utf-8", "replace"))
    except pycld2.error:  # bytes CLD2 refuses (control characters it calls invalid)
        return None
    if text_bytes < MIN_TEXT_BYTES:
        return None
    if any(code == "en" and share >= ENGLISH_SHARE for _, code, share, _ in details):
        return "en"
    code: str = details[0][1]
    if not reliable or code == "un" or code.startswith("xx-"):
        return None  # not sure, or only the script is known ("xx-Cyrl"): no guess
    return _CURRENT_CODES.get(code, code)


def looks_english(sample: str) -> bool:
    """Whether ``sample`` is plainly English prose by its function words alone.

    >>> looks_english("The minister said on Monday that the talks in Tokyo were a start. " * 8)
    True
    >>> looks_english("Der Minister sagte am Montag, die Gespräche in Tokio seien ein Anfang. " * 8)
    False
    """
    words = sample.lower().split()
    if len(words) < FAST_PATH_MIN_WORDS:
        return False
    markers = sum(map(_ENGLISH_MARKERS.__contains__, words))  # counted in C, no generator
    return markers >= ENGLISH_MARKER_SHARE * len(words)


def is_english(language: str | None) -> bool:
    """Whether the English rules should read a text of this language: yes for English, and
    yes when the language is unknown, since a short English text (a brief, a caption, a
    wire snippet) must keep the facts it always had; only a known other language is
    spared rules that would read its capitalised nouns as names."""
    return language is None or language == "en"
