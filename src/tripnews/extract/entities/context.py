"""Rules that read the whole article: short forms of organizations, names inside
capitals headlines, relatives, one type for one name, and the layouts of sports and
market reports (standings, scores, line-ups)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

# Runs of capitalised words: "Leif-Eric Easley", "Kim Jong-un", "U.S.", "Sea of Japan",
# "Osama bin Laden". Each word is bounded, a run is at most twelve words, and a word's own
# hyphens take only lower-case parts ("Jong-un"), so "Kim-Kim-Kim..." splits one way only
# and the pattern stays linear on hostile input.
from tripnews.extract.entities.runs import is_function_word
from tripnews.extract.entities.vocab import (
    INITIAL,
    Candidate,
    caps_lookup,
    demonym_words,
    gazetteer_entry,
    given_name_set,
    is_known_place,
    is_non_entity,
    is_region,
    known_org_names,
    org_word_set,
    starts_title,
    surname_of,
)
from tripnews.lexicon import (
    GazetteerEntry,
    minor_place_names,
)
from tripnews.rules import WordFinder, load_words

_ACRONYM_AFTER = re.compile(r"^\s?\(\s?(?P<acronym>[A-Z][A-Z&.]{1,7})\s?\)")


_INITIALS_SKIP = frozenset(["of", "for", "the", "and", "in", "on", "de", "&"])


def _may_stand_alone(word: str) -> bool:
    """A company's first word that names it alone: not a common word, a title, a place, a
    nationality or a given name ("General Motors", "American Express", "Philip Morris")."""
    return (
        len(word) > 2
        and word[1:].islower()
        and not is_non_entity(word)
        and not is_function_word(word)
        and not is_known_place(word)
        and word not in demonym_words()
        and word not in given_name_set()
        and word not in org_word_set()
        and not starts_title([word])
    )


def read_short_org_names(text: str, cands: list[Candidate]) -> None:
    """An organization named in full lends its type to its short forms anywhere in the
    article: the name without its corporate ending, and its acronym, whether given in
    brackets ("Kurdistan Democratic Party ( KDP )") or made of its initials ("OSCE")."""
    short_names: set[str] = set()
    for cand in cands:
        if cand.kind != "org":
            continue
        words = cand.text.split()
        while len(words) > 1 and words[-1] in load_words("corporate_endings"):
            words = words[:-1]
        if len(words) < len(cand.text.split()):
            short_names.add(" ".join(words))
            if len(words) > 1 and _may_stand_alone(words[0]):
                short_names.add(words[0])  # "Halvard Mining Corp" -> "Halvard"
        # (a bracket opens at most a space after the name: no match to try without one)
        bracketed = (
            _ACRONYM_AFTER.match(text[cand.end : cand.end + 14])
            if "(" in text[cand.end : cand.end + 2]
            else None
        )
        if bracketed and not is_known_place(bracketed["acronym"]):  # "( U.S. )": a nationality
            short_names.add(bracketed["acronym"])
        initials = "".join(w[0] for w in words if w not in _INITIALS_SKIP and w[0].isupper())
        if len(initials) >= 3:
            short_names.add(initials)
    for cand in cands:
        if cand.kind != "org" and cand.role is None and cand.text in short_names:
            cand.kind = "org"


# A name in a line of capitals is at most this many words: "BOSNIA AND HERZEGOVINA" is lost.
CAPS_NAME_MAX_WORDS = 4


_WORD_SPAN = re.compile(r"\S+")


def split_capitals(cands: list[Candidate]) -> list[Candidate]:
    """A headline in capitals is one run of capitalised words ("CHINA TELLS JAPAN TO
    FACE PAST"); the names in it are the places and organizations the gazetteer and the
    lists know and the names the article's body types ("KOLVENAAR" after a body's
    "Kolvenaar", "HENSEL" after "Dirk Hensel"), longest first."""
    if not any(c.in_caps and c.kind is None for c in cands):
        return cands
    body: dict[str, tuple[str, str]] = {}  # case-folded name -> (kind, the body's spelling)
    for cand in cands:
        if cand.in_caps or cand.kind is None:
            continue
        body.setdefault(cand.text.casefold(), (cand.kind, cand.text))
        if cand.kind == "person" and " " in cand.text:
            surname = cand.text.split()[-1]
            body.setdefault(surname.casefold(), ("person", surname))
    out: list[Candidate] = []
    for cand in cands:
        names = (
            list(_names_in_capitals(cand, body))
            if cand.in_caps and cand.kind is None and " " in cand.text
            else None
        )
        out.extend(names or (cand,))
    return out


def _names_in_capitals(cand: Candidate, body: dict[str, tuple[str, str]]) -> Iterator[Candidate]:
    words = [(m.start(), m.end()) for m in _WORD_SPAN.finditer(cand.text)]
    i = 0
    while i < len(words):
        for size in range(min(CAPS_NAME_MAX_WORDS, len(words) - i), 0, -1):
            start, end = words[i][0], words[i + size - 1][1]
            phrase = cand.text[start:end]
            found = _name_in_capitals(phrase, body)
            if found is not None:
                kind, spelling = found
                yield Candidate(cand.start + start, cand.start + end, spelling, kind, None, True)
                i += size
                break
        else:
            i += 1


def _name_in_capitals(phrase: str, body: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """The kind and spelling of a phrase written in capitals, or None."""
    known = body.get(phrase.casefold())
    if known is not None:
        return known
    plain = caps_lookup(phrase)
    if is_non_entity(plain):
        return None
    if is_known_place(plain):
        return "place", phrase
    if plain in known_org_names():
        return "org", phrase
    return None


def read_relatives(cands: list[Candidate]) -> None:
    """A full name with no type of its own whose surname is a person's the article names
    is a person too, a relative or a namesake: "Dzhokhar Tsarnaev" beside "Tamerlan
    Tsarnaev"."""
    surnames = _people_words(cands)
    if not surnames:
        return
    for cand in cands:
        if cand.kind is not None or " " not in cand.text:
            continue  # (a name of one word is no relative's: no split needed)
        words = cand.text.split()
        if (
            2 <= len(words) <= 3
            and words[-1] in surnames
            and all(w[:1].isupper() and w[1:].islower() for w in words)
            and not any(is_non_entity(w) for w in words[:-1])
        ):
            cand.kind = "person"


def type_alike(text: str, cands: list[Candidate], sports: bool) -> None:
    """A name read as an organization once is one at every occurrence in the article, in
    any case ("AJAX" in the headline, "Ajax" below): an occurrence with no type of its own
    takes it, and in a sports report so does a place or a person read only from the
    gazetteer or a given name, since there a city or a club's name names the team
    throughout. A venue ("at Leeds") and a titled person stay what they are."""
    places = {c.text for c in cands if c.kind == "place"}
    # a bare name read as a person's where a cue says so ("Dole said") is theirs where
    # no cue does ("Dole blasts Clinton" opening a headline)
    people = {c.text for c in cands if c.kind == "person" and " " not in c.text}
    for cand in cands:
        if cand.kind is None and cand.text in places and cand.text in minor_place_names():
            cand.kind = "place"  # "in Doboj" once: every "Doboj" is the town
        elif cand.kind is None and cand.text in people:
            cand.kind, cand.cued = "person", True
    orgs = {c.text.casefold() for c in cands if c.kind == "org"}
    if not orgs:
        return
    named = _people_words(cands)
    for cand in cands:
        if cand.kind == "org" or cand.role is not None or cand.text.casefold() not in orgs:
            continue
        if cand.text in named:
            continue
        if cand.kind is None:
            cand.kind = "org"
        elif sports:
            entry = gazetteer_entry(cand.text)
            if entry is not None and entry.kind in _NOT_TEAMS:
                continue
            if _PLAYER_OR_VENUE_BEFORE.search(text, max(0, cand.start - 16), cand.start):
                continue
            cand.kind = "org"


# A text with this many sports words or scores reads as a sports report.
SPORTS_EVIDENCE = 4


# "3-1", "429-7": one to three digits, a hyphen, one to three digits, and no date, decimal
# or longer figure ("1996-08-22", "2.5-3"). Matched from its hyphen, which the engine finds
# at C speed (from every digit it cost ten times as much): the look-behinds read the one to
# three digits before it, with no digit, point, slash or hyphen before them.
_SCORE_FIGURES_BEFORE = "|".join(rf"(?<=(?<![\d./-])\d{{{n}}}-)" for n in (1, 2, 3))


_SCORE = re.compile(rf"-(?<=\d-)(?:{_SCORE_FIGURES_BEFORE})\d{{1,3}}(?![\d/-])")


# Where a team stands: before a result verb or a team role, after "beat" or "v"; a place
# name also before a score ("DENVER 68 61 .527", "Essex 311-6").
_RESULT_AFTER = re.compile(
    r"^(?:\s\(\s?[A-Z][\w. ]{1,20}\)\s?)?"
    r"(?:\s(?:beat|beats|defeated|drew|rallied|edged|routed|thrashed|AT)\b"
    r"|\s(?:captain|coach|manager|striker|goalkeeper|pitcher|batsman|bowler|skipper)\b"
    r"|\s?['’]s\s(?:win|victory|defeat|innings|captain|coach|manager|bowlers|batsmen)\b"
    # a place taking a plural verb is a team ("Essex are", "Marseille were")
    r"|\s(?:are|were|have)\s(?!been\b|to\b)"
    # "the Lyon soccer team", "Leeds side"
    r"|\s(?:(?:soccer|football|cricket|rugby|basketball|hockey|baseball)\s)?"
    r"(?:team|club|side|squad)\b)"
)


_RESULT_BEFORE = re.compile(
    r"\b(?:beat|beating|defeated|v|vs\.?|against|lost to|drew with|win over|victory over"
    r"|(?:play|plays|played|playing|signed|signs) for|joined)\s$"
)


_SCORE_AFTER = re.compile(r"^\s\d{1,3}(?![\d,.]\d|\d)(?!-\d\d-)")


_NOT_TEAMS = ("country", "continent", "water")


# "R. Okafor 3-41" is a player; "in Chicago", "at Leeds" a venue.
_PLAYER_OR_VENUE_BEFORE = re.compile(r"\b[A-Z]\.\s?$|\b(?:in|at|from|to|of)\s$")


def is_sports_report(text: str) -> bool:
    head = text[:3000]
    # lower-cased, so capitalised headlines count too (cheaper than case-blind matching)
    words = len(_sports_words().spans(head.lower()))
    evidence = words + len(_SCORE.findall(head))
    if evidence >= SPORTS_EVIDENCE:
        return True
    # a results list pairs sides by scores ("Vannes 1 Brest 1") without a hyphen,
    # under a heading with a word of sport or two (looked for only then: it costs)
    if evidence < SPORTS_EVIDENCE // 2:
        return False
    return evidence + len(_PAIRED_SCORES.findall(head)) >= SPORTS_EVIDENCE


_PAIRED_SCORES = re.compile(
    r"(?m)^[A-Z][\w.' -]{1,30}\s\d{1,3}\s,?\s?[A-Z][\w.' -]{1,30}\s\d{1,3}\b"
)


@cache
def _sports_words() -> WordFinder:
    return WordFinder(load_words("sports_words"))


def read_teams(text: str, cands: list[Candidate]) -> None:
    """In a sports report, a name where a team stands is a team: "Hampshire beat
    Sussex", "DENVER 68 61 .527", "Hanwha 5 Kiwoom 3". Nations stay places, the
    convention of news taggers; a name after an initial ("R. Okafor 3-41") is a player,
    and an unknown name before a score may be a player too, unless its line pairs two
    sides ("Hanwha 5 Kiwoom 3"). A club's name ("Werder Bremen", "Crystal Palace") and a
    standings row ("Tromvik 3 2 1 0 9 4 7") make a team even of a name read as a person's."""
    named = _people_words(cands)
    for cand in cands:
        if cand.kind not in (None, "place", "person") or cand.role is not None:
            continue
        if " " not in cand.text and cand.text in named:
            continue  # "Mickelson 's victory" after "Phil Mickelson": the player
        entry = gazetteer_entry(cand.text)
        if entry is not None and entry.kind in _NOT_TEAMS:
            continue
        before = text[max(0, cand.start - 16) : cand.start]
        if _PLAYER_OR_VENUE_BEFORE.search(before):
            continue
        if _nation_after(text, cand.end):
            continue  # "Ana Ruiz ( Spain )": an athlete and her nation
        if (cand.kind != "person" or " " not in cand.text) and _nation_before(text, cand.start):
            cand.kind = "org"  # "2. Ana Ruiz ( Spain ) Kestrel 38:30.1": her team or make
            continue
        if _is_club_name(cand.text.split(), entry) or _heads_standings_row(text, cand):
            cand.kind = "org"
            continue
        after = text[cand.end : cand.end + 40]
        if cand.kind == "person":
            # "Sampras beat Agassi": players stand where teams do, except where a line
            # pairs two sides by their scores or a side is followed by its scorers
            if (_SCORE_AFTER.match(after) and _pairs_two_sides(text, cand)) or (
                _SCORE_THEN_SCORERS.match(after)
            ):
                cand.kind = "org"
        elif _stands_as_team(text, cand, before, after, known_place=entry is not None):
            cand.kind = "org"


# A cricket scorecard's dismissals ("c Croft b Mullally", "lbw b Akram", "st Latif") and
# a scorer's minute ("Klinsmann 15th", "Zieger 24th and 90th") mark players.
_DISMISSAL_BEFORE = re.compile(r"(?:^|\s)(?:c|b|st|c &|lbw b|run out \()\s$")


_MINUTE_AFTER = re.compile(r"\s\d{1,3}(?:st|nd|rd|th)\b")


# "At Trent Bridge :", "at Old Trafford ,": where a match is played, before a colon or
# a comma that ends the phrase.
_VENUE_BEFORE = re.compile(r"(?:^|\s)[Aa]t\s(?:[Tt]he\s)?$")


_VENUE_AFTER = re.compile(r"\s?[:,;.]")


def read_players(text: str, cands: list[Candidate]) -> None:
    """In a sports report, a name in a scorecard's dismissal or before a scorer's minute
    is a player, whatever the gazetteer says of it ("b Cork", "Vannes 15th" is no club);
    an unknown name after "at" closing its phrase is the ground ("At Trent Bridge :")."""
    for cand in cands:
        if cand.kind not in (None, "place") or cand.role is not None or is_region(cand.text):
            continue
        before = text[max(0, cand.start - 12) : cand.start]
        if _DISMISSAL_BEFORE.search(before) or _MINUTE_AFTER.match(text, cand.end):
            cand.kind, cand.cued = "person", True
        elif (
            cand.kind is None
            and _VENUE_BEFORE.search(before)
            and _VENUE_AFTER.match(text, cand.end)
        ):
            cand.kind, cand.cued = "place", True  # "At Trent Bridge :": the ground


def _people_words(cands: list[Candidate]) -> frozenset[str]:
    """The surnames of the people an article names in full, whose bare surname stays theirs."""
    return frozenset(
        surname_of(c.text.split()) for c in cands if c.kind == "person" and " " in c.text
    )


def _is_club_name(words: list[str], entry: GazetteerEntry | None) -> bool:
    """ "Manchester United", "Real Madrid", "Werder Bremen": two to four words, not a place
    themselves, holding a word of club names or ending in a city after a word that is no
    given name ("Bayern Munich", but not "Paul London")."""
    if not 2 <= len(words) <= 4 or entry is not None:
        return False
    if any(word in _club_words() for word in words):
        return True
    # "Houston Astros", "St. Louis Cardinals": a city or state, then the team's plural name
    for cut in range(len(words) - 1, 0, -1):
        if is_known_place(" ".join(words[:cut])) and all(
            w[:1].isupper() and w[1:].islower() for w in words[cut:]
        ):
            return words[-1].endswith("s") and not is_known_place(" ".join(words[cut:]))
    last = gazetteer_entry(words[-1])
    return (
        last is not None
        and last.kind == "city"
        and words[0] not in given_name_set()
        and not INITIAL.fullmatch(words[0])  # "J. Crawley": a player
        and not any(w.lower() in _CLUB_NAME_BREAKS for w in words)  # "BOSTON AT CHICAGO"
        and not is_known_place(" ".join(words[:-1]))
        and not starts_title(words)
    )


_CLUB_NAME_BREAKS = frozenset(["at", "v", "vs", "vs.", "and", "of", "in", "beat", "to"])


@cache
def _club_words() -> frozenset[str]:
    return load_words("club_words")


# A standings row has at least this many columns of figures after the name (played,
# won, drawn, lost, for, against, points); a golfer's row has at most five.
STANDINGS_MIN_COLUMNS = 6


_STANDINGS_AFTER = re.compile(rf"(?:\s\d{{1,4}}(?![\d.:,-]\d)){{{STANDINGS_MIN_COLUMNS}}}")


_ROW_START = re.compile(r"(?:^|\n)(?:\d{1,3}[.)]?\s)?$")


def _heads_standings_row(text: str, cand: Candidate) -> bool:
    """The name opening a line of whole numbers in columns: "Tromvik 3 2 1 0 9 4 7"."""
    return bool(
        _ROW_START.search(text, max(0, cand.start - 5), cand.start)
        and _STANDINGS_AFTER.match(text, cand.end)
    )


def _stands_as_team(text: str, cand: Candidate, before: str, after: str, known_place: bool) -> bool:
    if _RESULT_AFTER.match(after):
        return True
    if _RESULT_BEFORE.search(before):
        return True
    if (
        _CLUB_IN_BRACKETS_BEFORE.search(before)
        and _CLOSING_BRACKET.match(after)
        and len(cand.text) > 2  # "( b )": a list's letter
        and cand.text not in given_name_set()
    ):
        return True  # "Anto Drobnjak ( Bastia )": a player's club (a nation stays a place)
    if _SCORE_THEN_SCORERS.match(after):
        return True  # "Guingamp 2 ( Wreh 15th ) Monaco 1": a side, its score, its scorers
    return bool(_SCORE_AFTER.match(after)) and (known_place or _pairs_two_sides(text, cand))


_NATION_IN_BRACKETS = re.compile(r"\s\(\s?(?P<nation>[A-Z][\w.' ]{1,24}?)\s?\)")


_BRACKETS_BEFORE = re.compile(r"\(\s?(?P<nation>[A-Z][\w.' ]{1,24}?)\s?\)\s$")


def _nation_before(text: str, start: int) -> bool:
    bracket = _BRACKETS_BEFORE.search(text, max(0, start - 30), start)
    return bracket is not None and is_known_place(bracket["nation"])


def _nation_after(text: str, end: int) -> bool:
    bracket = _NATION_IN_BRACKETS.match(text, end)
    return bracket is not None and is_known_place(bracket["nation"])


_CLUB_IN_BRACKETS_BEFORE = re.compile(r"[a-z]\s?\(\s?$")


_CLOSING_BRACKET = re.compile(r"\s?\)")


_SCORE_THEN_SCORERS = re.compile(r"\s\d{1,2}\s\(\s?[A-Z][\w.'-]+(?:\s[A-Z][\w.'-]+)*\s\d")


def _pairs_two_sides(text: str, cand: Candidate) -> bool:
    line_start = text.rfind("\n", 0, cand.start) + 1
    line_end = text.find("\n", cand.end)
    line = text[line_start : len(text) if line_end == -1 else line_end]
    return bool(_TWO_SIDES.match(line))


_TWO_SIDES = re.compile(r"^[A-Z][\w.' -]{1,30}\s\d{1,3}\s,?\s?[A-Z][\w.' -]{1,30}\s\d{1,3}\s?$")
