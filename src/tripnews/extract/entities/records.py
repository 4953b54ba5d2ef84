"""Candidates to records: people linked across the article (a surname to the full
name it continues), places with their gazetteer entries and the dateline's place, and
organizations, each with its mentions."""

from __future__ import annotations

import re
from functools import cache
from operator import attrgetter

# Runs of capitalised words: "Leif-Eric Easley", "Kim Jong-un", "U.S.", "Sea of Japan",
# "Osama bin Laden". Each word is bounded, a run is at most twelve words, and a word's own
# hyphens take only lower-case parts ("Jong-un"), so "Kim-Kim-Kim..." splits one way only
# and the pattern stays linear on hostile input.
from tripnews.extract.entities.vocab import (
    NEVER_ALIASES,
    RUN,
    SPEECH_AFTER,
    SPEECH_WINDOW,
    Candidate,
    Entity,
    gazetteer_entry,
    given_name_set,
    is_known_place,
    known_surnames,
    place_shape,
    speech_before,
)
from tripnews.lexicon import (
    GazetteerEntry,
    coordinate,
    minor_place,
    name_key,
)
from tripnews.model import Dateline, Mention, Organization, Person, Place
from tripnews.rules import load_table


class _People(list[Entity]):
    """The article's people, with those of two or more words filed under their first and
    last words, so a short form finds its candidates at once however many people there
    are (a list of thousands of names must not make linking quadratic)."""

    def __init__(self) -> None:
        super().__init__()
        self._by_word: dict[str, list[Entity]] = {}

    def append(self, entity: Entity) -> None:
        super().append(entity)
        if " " in entity.name:
            for word in dict.fromkeys((entity.given, entity.surname)):
                self._by_word.setdefault(word, []).append(entity)

    def fitting(self, word: str) -> list[Entity]:
        """People of two or more words whose first or last word is ``word``."""
        return self._by_word.get(word, [])


def link_people(text: str, cands: list[Candidate]) -> _People:
    people = _People()
    by_key: dict[str, Entity] = {}

    def entity_named(name: str) -> Entity:
        """The person of that name (spellings folded), added on first mention."""
        key = name_key(name)
        entity = by_key.get(key)
        if entity is None:
            entity = by_key[key] = Entity(name, "person")
            people.append(entity)
        return entity

    pending_short: list[Candidate] = []
    for cand in cands:
        if len(cand.text.split()) >= 2:
            entity = entity_named(cand.text)
            entity.mentions.append(make_mention(text, cand.start, cand.end, cand.role, entity))
        else:
            pending_short.append(cand)
    for cand in pending_short:
        target = _person_for(cand.text, people, cand.start)
        if target is None:
            if (
                cand.role is None
                and not cand.cued
                and not _has_cue(text, cand)
                and cand.text not in known_surnames()
            ):
                continue
            target = entity_named(cand.text)
        target.mentions.append(make_mention(text, cand.start, cand.end, cand.role, target))
    return people


def _has_cue(text: str, cand: Candidate) -> bool:
    after = text[cand.end : cand.end + SPEECH_WINDOW]
    before = text[max(0, cand.start - 20) : cand.start]
    return bool(SPEECH_AFTER.match(after) or speech_before(before))


def _person_for(word: str, people: _People, pos: int | None = None) -> Entity | None:
    """The one person a bare ``word`` names: by surname, else by the first word of the name
    ("Park" for Park Jin); None when none or several fit. People introduced before ``pos``
    are asked first, so "Kim" after "Patricia Kim" is hers even if "Kim Jong-un" comes
    later; a headline's "Biden" still finds the Joe Biden of the body."""
    named = people.fitting(word)
    if not named:
        return None
    if pos is not None:
        earlier = [p for p in named if p.first < pos]
        if _fits(word, earlier):
            return _one_person_for(word, earlier, pos)
    return _one_person_for(word, named, pos)


def _fits(word: str, people: list[Entity]) -> list[Entity]:
    return [p for p in people if word in (p.given, p.surname)]


def _one_person_for(word: str, people: list[Entity], pos: int | None = None) -> Entity | None:
    surname = [p for p in people if p.surname == word]
    fits = _fits(word, people)
    if len(surname) == 1 and len(fits) == 1:
        return surname[0]
    if len(surname) > 1 and len(fits) == len(surname) and pos is not None:
        # two people share a surname ("Tamerlan Tsarnaev", "Dzhokhar Tsarnaev"): the bare
        # surname is the one named in full most recently before it, never both
        return _last_named_before(surname, pos)
    if surname:
        return None  # a surname and a first word ("Sung Kim", "Kim Jong Un"): force neither
    return fits[0] if len(fits) == 1 else None


def _last_named_before(people: list[Entity], pos: int) -> Entity | None:
    latest: dict[int, Entity] = {}
    for person in people:
        full = [m.start for m in person.mentions if m.start < pos and " " in m.text]
        if full:
            latest[max(full)] = person
    return latest[max(latest)] if latest else None


def make_mention(text: str, start: int, end: int, role: str | None, entity: Entity) -> Mention:
    if role and role not in entity.roles:
        entity.roles.append(role)
    if start < entity.first:
        entity.first = start
    return Mention(text[start:end], start, end)


def people_records(people: list[Entity]) -> tuple[Person, ...]:
    out = []
    for entity in people:
        mentions = tuple(sorted(entity.mentions, key=attrgetter("start")))
        roles = (
            tuple(_clean_role(r) for r in entity.roles if not _is_honorific(r))
            if entity.roles
            else ()
        )
        out.append(Person(entity.name, tuple(dict.fromkeys(roles)), len(mentions), mentions))
    return tuple(sorted(out, key=lambda p: p.mentions[0].start))


def _is_honorific(role: str) -> bool:
    return role.rstrip(".").lower() in ("mr", "mrs", "ms", "miss", "dr", "sir", "dame")


def _clean_role(role: str) -> str:
    return role.strip(" ,")


def place_records(
    text: str, cands: list[Candidate], town: GazetteerEntry | None = None
) -> tuple[Place, ...]:
    grouped: dict[tuple[str, str | None], tuple[GazetteerEntry, list[Mention]]] = {}
    for cand in cands:
        entry = gazetteer_entry(cand.text) or minor_place(cand.text)
        if entry is None and town is not None and cand.text == town.name:
            entry = town
        if entry is None and cand.cued:
            entry = GazetteerEntry(cand.text, "other", None, None, None)  # a ground, say
        if entry is None:
            after = text[cand.end : cand.end + SPEECH_WINDOW]
            kind = place_shape(cand.text.split(), after)
            if kind is None:
                continue
            entry = GazetteerEntry(cand.text, kind, None, None, None)  # known by its shape
        entry = _reading_in_context(text, cand, entry)
        grouped.setdefault((entry.name, entry.country), (entry, []))[1].append(
            Mention(text[cand.start : cand.end], cand.start, cand.end)
        )
    places = [
        Place(e.name, e.kind, e.country, e.lat, e.lon, len(ms), tuple(ms))
        for e, ms in grouped.values()
    ]
    return tuple(sorted(places, key=lambda p: p.mentions[0].start))


def dateline_town(dateline: Dateline | None) -> GazetteerEntry | None:
    """The dateline's place when the gazetteer does not know it: a small town, or a place
    known only from the dateline, with the country written beside it."""
    if dateline is None or not dateline.place or gazetteer_entry(dateline.place):
        return None
    country = None
    for match in RUN.finditer(dateline.text):
        entry = gazetteer_entry(match.group())
        if entry is not None and entry.kind == "country":
            country = entry.country
    town = minor_place(dateline.place)
    if town is not None and (country is None or town.country == country):
        return GazetteerEntry(dateline.place, "city", town.country, town.lat, town.lon)
    return GazetteerEntry(dateline.place, "other", country, None, None)


def with_dateline_places(places: tuple[Place, ...], dateline: Dateline | None) -> tuple[Place, ...]:
    """The dateline's place, and the country written beside it ("KVALSUND , Norway"), are
    places of the story even when the text never names them again: such a place joins the
    record with no mention in the text (count 0). A dateline place the gazetteer does not
    know is a small town's, or keeps its name, kind "other" and the country written beside
    it, if any."""
    if dateline is None or not dateline.place:
        return places
    have = {p.name for p in places}
    added: list[Place] = []
    for match in RUN.finditer(dateline.text):
        entry = gazetteer_entry(match.group())
        if entry is None:
            continue
        if entry.name not in have:
            have.add(entry.name)
            added.append(Place(entry.name, entry.kind, entry.country, entry.lat, entry.lon, 0, ()))
    town = dateline_town(dateline)
    if town is not None and town.name not in have:
        added.insert(0, Place(town.name, town.kind, town.country, town.lat, town.lon, 0, ()))
    return (*added, *places)


def alias_of(cand: Candidate, people: _People) -> Entity | None:
    """The person a bare word names, introduced by the article ("Blinken" after "Antony
    Blinken"), or None; a country or region names one only as the surname of a person
    whose given name is a given name ("Jordan" after "Michael Jordan"; never "Yemen" after
    a "Sunni Yemen" read as a person)."""
    person = _person_for(cand.text, people, cand.start)
    if person is None:
        return None
    entry = gazetteer_entry(cand.text)
    if entry is None or entry.kind not in NEVER_ALIASES:
        return person
    if person.surname == cand.text and _is_given_not_place(person.given):
        return person
    return None


def _is_given_not_place(word: str) -> bool:
    return word in given_name_set() and not is_known_place(word)


@cache
def _readings() -> dict[str, tuple[GazetteerEntry, ...]]:
    """Second readings of ambiguous names: Georgia the US state beside Georgia the country."""
    readings: dict[str, list[GazetteerEntry]] = {}
    for name, kind, country, lat, lon in load_table("place_readings"):
        entry = GazetteerEntry(name, kind, country, coordinate(lat), coordinate(lon))
        readings.setdefault(name, []).append(entry)
    return {name: tuple(entries) for name, entries in readings.items()}


_PLACE_BEFORE = re.compile(r"(?P<place>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2}),\s$")


_PLACE_AFTER = re.compile(r",\s(?P<place>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2})")


def _reading_in_context(text: str, cand: Candidate, entry: GazetteerEntry) -> GazetteerEntry:
    """The reading of an ambiguous name its own phrase supports, else the gazetteer's: a
    place written beside it ("Atlanta, Georgia", "Paris, Texas") or the word "state"
    after it ("Washington state"). The rest of the article is no evidence: a story set in
    Washington may well name Georgia the country."""
    alternatives = _readings().get(entry.name, ())
    if not alternatives:
        return entry  # most names have one reading: no phrase to read
    before = _PLACE_BEFORE.search(text[max(0, cand.start - 40) : cand.start])
    after = _PLACE_AFTER.match(text[cand.end : cand.end + 40])
    beside = [gazetteer_entry(m["place"].rstrip(".")) for m in (before, after) if m]
    after_state = text[cand.end : cand.end + 6] == " state"
    for alternative in alternatives:
        if any(e is not None and e.country == alternative.country for e in beside):
            return alternative
        if after_state and alternative.kind == "state":
            return alternative
    return entry


def org_records(text: str, cands: list[Candidate]) -> tuple[Organization, ...]:
    grouped: dict[str, list[Mention]] = {}
    names: dict[str, str] = {}
    for cand in cands:
        key = name_key(cand.text)
        names.setdefault(key, cand.text)
        grouped.setdefault(key, []).append(
            Mention(text[cand.start : cand.end], cand.start, cand.end)
        )
    orgs = [Organization(names[k], len(ms), tuple(ms)) for k, ms in grouped.items()]
    return tuple(sorted(orgs, key=lambda o: o.mentions[0].start))
