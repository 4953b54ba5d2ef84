"""Trip legs: who went where, and when.

>>> from tripnews.extract.entities import find_entities
>>> text = "Antony Blinken and Lloyd Austin arrived in Tokyo on Monday."
>>> found = find_entities(text)
>>> [(leg.travellers, leg.place) for leg in extract_trip(text, found.people, found.places, ())]
[(('Antony Blinken', 'Lloyd Austin'), 'Tokyo')]

A leg is a sentence where a travel or meeting phrase ("arrive in", "head to",
"visit", "travel to", "meet ... in", "talks in", data/travel_cues.txt) is followed
directly by a place the entity extractor found; a place further on ("talks about
Taiwan") is a topic, not a destination. The travellers are the people named in
the sentence before the phrase, or, for "they", "the pair", "both", "he", the
people of the sentence before. The date is the sentence's day-precise date
mention (null when the tagger could not resolve it). A leg told with "will",
"is to", "plans to", "is scheduled to" is marked planned.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from tripnews.extract._spans import rows_within
from tripnews.extract.coref import Coref
from tripnews.model import DateMention, Person, Place, Span, TripLeg
from tripnews.rules import load_list, load_words
from tripnews.segment import sentences

# Place kinds a journey goes to; a continent is a destination only in a headline.
_DESTINATIONS = ("city", "country", "state", "region", "other", "water")
_PLANNED = re.compile(
    r"\b(?:will|would|shall|'ll|is|are|was|were) (?:\w+ )?(?:to|be)\b|\b(?:will|plans? to"
    r"|planned to|scheduled|expected to|set to|due to|going to|intends? to|next week|later this"
    r"|ahead of)\b",
    re.IGNORECASE,
)
_GROUP = re.compile(
    r"\b(?:they|the pair|the two(?: \w+)?|both(?: men| women)?|the (?:secretaries|officials|"
    r"leaders|ministers|delegation))\b",
    re.IGNORECASE,
)
_SINGLE = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
_DAY_GRANULARITIES = ("day", "time")
# The place must start within this many characters of the phrase's end.
_PLACE_GAP = 4


@cache
def _cues() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + _cue_alternatives() + r")\s")


def _cue_alternatives() -> str:
    return "|".join(f"(?:{cue})" for cue in load_list("travel_cues"))


@cache
def _cues_after_non_word() -> re.Pattern[str] | None:
    """The cues behind the non-word character before them, when every cue opens with a
    letter (else None). A pattern that opens with a set of characters lets the engine skip
    in C to where a cue may start; one that opens with ``\\b`` is tried at every position
    (on the sentences with a place, that was a third of the trip stage). The look-ahead
    for the cues' first letters spares trying them all before every other word."""
    letters = [_opening_letters(cue) for cue in load_list("travel_cues")]
    if not all(letters):
        return None
    first = "".join(sorted(set("".join(filter(None, letters)))))
    return re.compile(rf"\W(?=[{first}])(?:" + _cue_alternatives() + r")\s")


# What opens a cue: a letter, or a group of words each opening with one ("(?:visits?|trips?)"),
# none of them optional.
_CUE_OPENING = re.compile(
    r"[a-z](?![?*{])|\(\?:[a-z](?![?*{])[\w?]*(?:\|[a-z](?![?*{])[\w?]*)*\)(?![?*{])"
)
_BRANCH_LETTER = re.compile(r"(?:^|\(\?:|\|)([a-z])")


def _opening_letters(cue: str) -> str | None:
    """The letters every match of the cue pattern opens with ("vt" for "(?:visits?|trips?)
    to"), or None when the pattern does not show them plainly: a branch ("|") of its own
    outside a group, an optional or escaped opening."""
    bare = re.sub(r"\\.|\[(?:\\.|[^\]])*\]", "", cue)  # escapes and sets hold no group
    while (inner := re.sub(r"\([^()]*\)", "", bare)) != bare:
        bare = inner  # groups removed from the innermost out
    opening = _CUE_OPENING.match(cue)
    if "|" in bare or opening is None:
        return None
    return "".join(_BRANCH_LETTER.findall(opening.group(0)))


def _cues_in(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """What ``_cues().finditer(text, start, end)`` finds, found faster: a cue starts where
    the search resumes or right after a non-word character (it opens with a letter)."""
    cues, after_non_word = _cues(), _cues_after_non_word()
    if after_non_word is None:
        yield from cues.finditer(text, start, end)
        return
    pos = start
    while True:
        cue = cues.match(text, pos, end)
        if cue is None:
            before = after_non_word.search(text, pos, end)
            if before is None:
                return
            # the same cue, one character on: \b holds there, as a non-word character
            # stands before a letter
            cue = cues.match(text, before.start() + 1, end)
            if cue is None:
                return  # cannot happen (see above); bail out rather than loop
        yield cue
        pos = cue.end()


def extract_trip(
    text: str,
    people: tuple[Person, ...],
    places: tuple[Place, ...],
    dates: tuple[DateMention, ...],
) -> tuple[TripLeg, ...]:
    """Return the legs of any journey ``text`` describes, in text order."""
    person_at = sorted((m.start, m.end, p.name) for p in people for m in p.mentions)
    place_at = sorted(
        (m.start, m.end, p.name) for p in places if p.kind in _DESTINATIONS for m in p.mentions
    )
    if not place_at:
        return ()  # nowhere to go
    where = {p.name: (p.kind, p.country) for p in places}
    legs: list[TripLeg] = []
    previous_people: list[str] = []
    accompanied = "accompanied by" in text  # rare: its rule runs only where it can apply
    group: tuple[str, ...] = ()
    spans = sentences(text)
    # each sentence's mentions, each mention looked up once
    people_of = _rows_by_span(person_at, spans, 0)
    places_of = _rows_by_span(place_at, spans, 1)
    for at, sentence in enumerate(spans):
        if at in places_of:
            # "the pair", "they": the last travellers, else the people of the sentence before.
            context = _Context(list(group) or previous_people, group, where, people)
            for leg in _legs_in(text, sentence, person_at, place_at, dates, context):
                if leg not in legs:
                    legs.append(leg)
            if accompanied:
                legs = _accompanied(text, sentence, person_at, place_at, people, legs)
            group = _usual_party(legs)  # only legs change it: found once per such sentence
        if at in people_of:
            previous_people = list(dict.fromkeys(name for _s, _e, name in people_of[at]))
    return tuple(_merged(legs, where))


_ACCOMPANIED = re.compile(r"\baccompanied by\s")


def _accompanied(
    text: str,
    sentence: Span,
    person_at: Sequence[tuple[int, int, str]],
    place_at: Sequence[tuple[int, int, str]],
    people: Sequence[Person],
    legs: list[TripLeg],
) -> list[TripLeg]:
    """The person after "accompanied by" joins the legs to the places the sentence names:
    "In Japan, the Secretary of Defence will be accompanied by Blinken"."""
    cue = _ACCOMPANIED.search(text, sentence.start, sentence.end)
    if cue is None:
        return legs
    after = rows_within(person_at, cue.end(), sentence.end)
    companions = [name for start, _e, name in after if start == cue.end()]
    here = {name for _s, _e, name in rows_within(place_at, sentence.start, sentence.end)}
    if not companions or not here:
        return legs
    subject = _ROLE_SUBJECT.sub("", text[sentence.start : cue.start()])
    holder = Coref(text, people).role_holder(subject)  # built only where someone accompanies
    out = []
    for leg in legs:
        if leg.place in here:
            extra = [n for n in (holder, companions[0]) if n and n not in leg.travellers]
            leg = dataclasses.replace(leg, travellers=leg.travellers + tuple(extra))
        out.append(leg)
    return out


# What stands around a role phrase in a subject: "In both Japan and Korea, the ... will be".
_ROLE_SUBJECT = re.compile(r"^.*,\s*|\s+(?:will|would|is|was|has|had)\b.*$")


def _merged(legs: Sequence[TripLeg], where: dict[str, tuple[str, str | None]]) -> list[TripLeg]:
    """One visit is one leg: the same place told twice, or a country where the article
    also names one city of it ("Tokyo" and "Japan"), keeps the city, both sentences as
    evidence, the first stated date, and is planned only when every telling says so."""
    cities: dict[str, list[str]] = {}
    for leg in legs:
        kind, country = where.get(leg.place, ("other", None))
        if kind == "city" and country and leg.place not in cities.get(country, []):
            cities.setdefault(country, []).append(leg.place)
    out: dict[str, TripLeg] = {}
    for leg in legs:
        kind, country = where.get(leg.place, ("other", None))
        place = leg.place
        if kind == "country" and country and len(cities.get(country, [])) == 1:
            place = cities[country][0]
        first = out.get(place)
        if first is None:
            out[place] = leg if place == leg.place else dataclasses.replace(leg, place=place)
            continue
        evidence = first.evidence
        if leg.evidence not in evidence:
            evidence = f"{evidence} {leg.evidence}"
        out[place] = TripLeg(
            tuple(dict.fromkeys(first.travellers + leg.travellers)),
            place,
            first.date or leg.date,
            evidence,
            first.planned and leg.planned,
        )
    return list(out.values())


def _usual_party(legs: Sequence[TripLeg]) -> tuple[str, ...]:
    """The group that travels most often so far (the latest among equals)."""
    parties = [leg.travellers for leg in legs if len(leg.travellers) > 1]
    if not parties:
        return ()
    counts = Counter(parties)
    return max(reversed(parties), key=lambda p: counts[p])


def _rows_by_span(
    table: Sequence[tuple[int, int, str]], spans: Sequence[Span], reach: int
) -> dict[int, list[tuple[int, int, str]]]:
    """``rows_within(table, span.start, span.end + reach)`` of each span that has any, by
    the span's index: each row is looked up once instead of the table twice per sentence
    (sentences are in text order, and the next starts past the space after one's end)."""
    starts = [span.start for span in spans]
    out: dict[int, list[tuple[int, int, str]]] = {}
    for row in table:
        at = bisect.bisect_right(starts, row[0]) - 1
        if at >= 0 and row[0] < spans[at].end + reach and row[1] <= spans[at].end + reach:
            out.setdefault(at, []).append(row)
    return out


def _legs_in(
    text: str,
    sentence: Span,
    person_at: Sequence[tuple[int, int, str]],
    place_at: Sequence[tuple[int, int, str]],
    dates: Sequence[DateMention],
    context: _Context,
) -> list[TripLeg]:
    body = text[sentence.start : sentence.end]
    if body.lstrip().startswith(("“", '"')):
        return []  # a quotation speaks of plans in someone's words, not the article's
    legs: list[TripLeg] = []
    for cue in _cues_in(text, sentence.start, sentence.end):
        places = _destinations(text, cue.end(), sentence.end, place_at, context.where)
        if not places:
            continue
        travellers = _travellers(text, sentence.start, cue.start(), person_at, context.people)
        if not travellers and _NOUN_VISIT.match(cue.group(0)):
            # "the visits are scheduled for this week to Japan": the party travelling so
            # far in the article, never whoever the sentence before named
            travellers = context.party
        if not travellers:
            travellers = _role_holder(text[sentence.start : cue.start()], context.roster)
        if not travellers:
            continue
        planned = bool(_PLANNED.search(text[sentence.start : cue.start()])) or _scheduled(
            cue.group(0), dates, sentence
        )
        previous: DateMention | None = None
        for place, place_start in places:
            mention = _date_in(text, dates, sentence, cue.start(), place_start)
            # "to Japan and South Korea starting on Monday": one date after a list of
            # places starts the trip at the first; the later days are not stated.
            shared = mention is not None and mention is previous
            date = mention.value[:10] if mention is not None and mention.value else None
            legs.append(TripLeg(travellers, place, None if shared else date, body.strip(), planned))
            previous = mention
    return legs


# Between two destinations of one phrase: "Japan and South Korea", "Tokyo on Monday and
# then Seoul", "Tokyo, then to Seoul".
_NEXT_PLACE_GAP = re.compile(
    r"(?:\s(?:on|in)\s[\w]+(?:\s[\w]+){0,2})?\s*(?:,|and|,\s*and|then|before|after)"
    r"(?:\s(?:then|on))?(?:\sto)?\s*"
)


# News tells a scheduled trip in the present with its day: "Blinken and Austin arrive in
# Tokyo on Monday". A past form is not this.
_PAST_CUE = re.compile(r"^\w+ed\b|^(?:went|flew|came|left|met|was|were|made)\b", re.IGNORECASE)


def _scheduled(cue: str, dates: Sequence[DateMention], sentence: Span) -> bool:
    """A present-tense cue with a weekday or a date in the sentence speaks of a plan."""
    if _PAST_CUE.match(cue) or not cue[:1].isalpha():
        return False
    return any(
        sentence.start <= d.start < sentence.end and d.granularity in _DAY_GRANULARITIES
        for d in dates
    )


# Between a verb and its list of places: "visiting three nations - India, Japan and ...".
_LIST_INTRO = re.compile(
    r"\s*(?:(?:\w+\s+){0,2}(?:nations|countries|cities|capitals|states|stops)\s*)?[-–—:]?\s*"
)


_COMMA = re.compile(r",\s*")


def _destinations(
    text: str,
    at: int,
    limit: int,
    place_at: Sequence[tuple[int, int, str]],
    where: dict[str, tuple[str, str | None]],
) -> list[tuple[str, int]]:
    """Places right after the phrase: "Tokyo", "Japan and South Korea", not "Anchorage, Alaska"'s
    second half (a place that only locates the one before it)."""
    found: list[tuple[str, int]] = []
    pos = at
    for start, end, name in rows_within(place_at, at, limit + 1):
        if start < pos or start >= limit:
            continue
        gap = text[pos:start]
        if found and _COMMA.fullmatch(gap) and _locates(where, name, found[-1][0]):
            continue  # "Anchorage, Alaska": Alaska says where Anchorage is
        if not found and len(gap) > _PLACE_GAP and not _LIST_INTRO.fullmatch(gap):
            break
        if found and not _NEXT_PLACE_GAP.fullmatch(gap):
            break
        if name not in [f[0] for f in found]:
            found.append((name, start))
        pos = end
    return found


def _locates(where: dict[str, tuple[str, str | None]], outer: str, inner: str) -> bool:
    """Whether ", B" after A says where A is: B is a larger place holding A (the country of
    a city, a state or region); "India, Japan" is a list."""
    outer_kind, outer_country = where.get(outer, ("other", None))
    inner_kind, inner_country = where.get(inner, ("other", None))
    if outer_kind == "country":
        return inner_kind != "country" and inner_country == outer_country
    return outer_kind in ("state", "region", "other") and inner_kind in ("city", "other")


@dataclass(frozen=True, slots=True)
class _Context:
    """What a sentence's legs may borrow from the article before it."""

    people: list[str]  # the usual party, else the people of the sentence before
    party: tuple[str, ...]  # the group that has travelled most so far
    where: dict[str, tuple[str, str | None]]  # place name -> (kind, country)
    roster: Sequence[Person] = ()  # the article's people, for a role named as a subject


# "the Secretary of Defence will travel": a capitalised role as the subject.
_ROLE_PHRASE = re.compile(r"\b[Tt]he ((?:[A-Z][\w-]*\s)*[A-Z][\w-]*(?:\sof\s[A-Z][\w-]*)?)\b")


def _role_holder(subject: str, roster: Sequence[Person]) -> tuple[str, ...]:
    """The one person of the article who holds the role the subject names, or nobody."""
    role = _ROLE_PHRASE.search(subject)
    if role is None or not roster:
        return ()
    holder = Coref(subject, roster).role_holder(role.group(1))
    return (holder,) if holder else ()


# "visits ... to": the noun, which names no traveller of its own.
_NOUN_VISIT = re.compile(r"(?i)(?:visits?|trips?)\b.*\bto\s$")


@cache
def _not_travellers() -> frozenset[str]:
    """Last words of names that are places or bodies, not people ("... Airport")."""
    return load_words("org_words") | load_words("facility_words")


_HOST = re.compile(r"\b(?:with|between|against|about|on)\b")


def _travellers(
    text: str,
    start: int,
    cue_at: int,
    person_at: Sequence[tuple[int, int, str]],
    previous_people: list[str],
) -> tuple[str, ...]:
    """People named before the phrase in the sentence, else those a pronoun points back to."""
    subject = text[start:cue_at]
    # Hosts come after "with"/"between": "Blinken and Austin will hold talks with Motegi".
    host = _HOST.search(subject)
    end = start + host.start() if host else cue_at
    named = [
        name
        for _s, e, name in rows_within(person_at, start, end)
        if not _attributive(text, e) and name.split()[-1] not in _not_travellers()
    ]
    if named:
        return tuple(dict.fromkeys(named))
    if _GROUP.search(subject) and len(previous_people) >= 2:
        return tuple(previous_people[:2])
    if _SINGLE.search(subject) and previous_people:
        return (previous_people[0],)
    return ()


# A name used as a modifier travels nowhere: "Biden’s adviser", "the Kim Jong-un regime".
_ATTRIBUTIVE = re.compile(
    r"(?:[’']s?\b|\s(?:regime|administration|government|campaign|policy|team|era|family|"
    r"doctrine|aides?|camp|officials|review|summits?|presidency)\b)"
)


def _attributive(text: str, end: int) -> bool:
    return bool(_ATTRIBUTIVE.match(text, end))


def _date_in(
    text: str, dates: Sequence[DateMention], sentence: Span, cue_at: int, place_at: int
) -> DateMention | None:
    """The day-precise date nearest after the place, else one before it in the same clause."""
    first = bisect.bisect_left(dates, sentence.start, key=lambda d: d.start)
    last = bisect.bisect_left(dates, sentence.end, key=lambda d: d.start)
    days = [d for d in dates[first:last] if d.granularity in _DAY_GRANULARITIES]
    after = [d for d in days if d.start >= place_at]
    # "talks on Saturday, ... ahead of his visit to China": Saturday is not the visit's day.
    before = [d for d in days if d.end <= cue_at and "," not in text[d.end : cue_at]]
    return after[0] if after else (before[-1] if before else None)
