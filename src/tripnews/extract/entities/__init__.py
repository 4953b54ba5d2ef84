"""People, places and organizations, each linked to one canonical entry per article.

>>> found = find_entities("Mr Blinken met Antony Blinken's hosts in Tokyo. Blinken left.")
>>> [(p.name, p.count) for p in found.people], [p.name for p in found.places]
([('Antony Blinken', 3)], ['Tokyo'])

How it works, in one pass over capitalised token runs:
1. a candidate is a run of capitalised words (with hyphens, initials and name
   particles), split off its leading title ("Secretary of State") and its
   possessive;
2. it is classed by evidence, strongest first: a person's title or a
   speech verb, an organization's suffix or a known organization, the
   gazetteer, a known given name;
3. short forms are linked to the full name the article introduced ("Blinken"
   -> "Antony Blinken"); a short form that fits two people is left alone.
Rules bail out rather than guess: an unknown capitalised word with no cue is
no entity at all.
"""

from __future__ import annotations

# Runs of capitalised words: "Leif-Eric Easley", "Kim Jong-un", "U.S.", "Sea of Japan",
# "Osama bin Laden". Each word is bounded, a run is at most twelve words, and a word's own
# hyphens take only lower-case parts ("Jong-un"), so "Kim-Kim-Kim..." splits one way only
# and the pattern stays linear on hostile input.
from tripnews.extract.entities.context import (
    is_sports_report,
    read_players,
    read_relatives,
    read_short_org_names,
    read_teams,
    split_capitals,
    type_alike,
)
from tripnews.extract.entities.records import (
    alias_of,
    dateline_town,
    link_people,
    make_mention,
    org_records,
    people_records,
    place_records,
    with_dateline_places,
)
from tripnews.extract.entities.runs import find_candidates
from tripnews.extract.entities.vocab import Candidate
from tripnews.model import Dateline, Entities, Span


def find_entities(
    text: str, headings: tuple[Span, ...] = (), dateline: Dateline | None = None
) -> Entities:
    """Return the people, places and organizations ``text`` names, in order of first mention;
    the places of the ``dateline`` (cut from ``text`` by the cleaner) come first."""
    every = find_candidates(text)
    town = dateline_town(dateline)
    if town is not None:
        for cand in every:
            if cand.text == town.name and cand.role is None and cand.kind != "org":
                cand.kind = "place"  # "TAIBE , Israel": every "Taibe" below is the town
    every = split_capitals(every)
    sports = is_sports_report(text)
    if sports:
        read_players(text, every)
        read_teams(text, every)
    read_short_org_names(text, every)
    every = split_capitals(every)  # again, with the teams and short names now typed
    type_alike(text, every, sports)
    read_relatives(every)
    candidates = [c for c in every if c.kind is not None]
    people = link_people(text, [c for c in candidates if c.kind == "person"])
    # A single word classed by the gazetteer, or by nothing, may be the surname of a
    # person the article named: "Blinken and Austin wrote".
    places: list[Candidate] = []
    for cand in every:
        short = " " not in cand.text
        person = alias_of(cand, people) if cand.kind in ("place", None) and short else None
        if person is not None:
            person.mentions.append(make_mention(text, cand.start, cand.end, cand.role, person))
        elif cand.kind == "place":
            places.append(cand)
    people_out = people_records(people)
    return Entities(
        people=people_out,
        places=with_dateline_places(place_records(text, places, town), dateline),
        organizations=org_records(text, [c for c in candidates if c.kind == "org"]),
    )
