"""Who said it, from the words around a quote: a speech verb before or after it, its
sentence's main subject, an "according to", a label ("Blinken:"), a transcript's
speaker, or the speaker of the passage it continues."""

from __future__ import annotations

import re

from tripnews.extract._spans import rows_within
from tripnews.extract.quotes.common import (
    ACCORDING,
    ADVERBS,
    CLAUSE_END,
    CUE_WINDOW,
    MAX_PHRASE_WORDS,
    MIN_WORDS,
    NO_CUE,
    Index,
    NoCue,
    QuoteSpan,
    Said,
    Speaker,
    Unnamed,
    pronoun_table,
    verb_first_phrase,
)
from tripnews.extract.quotes.speakers import (
    antecedent,
    clean_name,
    describe,
    full_name,
    head_length,
    honorific_fit,
    is_plural_description,
    looks_like_subject,
    name_in,
    name_shaped,
    non_names,
    resolved,
    trailing_name,
)


def attribute(text: str, span: QuoteSpan, index: Index, carried: Said = None) -> Said | NoCue:
    """The speaker of one quote, trying the attribution rules strongest first; ``carried``
    is the speaker of the quote before in the same paragraph."""
    # a quoted transcript names its speaker first: '"PENCE: Well, look, ...'
    label = _TRANSCRIPT_SPEAKER.match(text, span.start, span.end)
    if label:
        return _phrase(text, span.start, label.end(1), index, span)
    para_start, para_end = _paragraph_around(text, span.open_mark)
    floor = max(para_start, span.open_mark - CUE_WINDOW)
    # A quote that ends its sentence ('... but added "the vote comes first."') is
    # said by the sentence it closes; the next sentence's cue is another speaker's.
    ends_sentence = span.close_mark is not None and text[span.close_mark - 1] in ".!?"
    if ends_sentence:
        found = _cue_before(text, floor, span, index)
        if isinstance(found, NoCue):
            found = _sentence_cue(text, span, para_start, index)
        if not isinstance(found, NoCue):
            return found
    if span.close_mark is not None:
        found = _cue_after(text, span.close_mark + 1, para_end, index, span)
        if not isinstance(found, NoCue):
            return found
    # (a quote that ends its sentence has had both answers already, and no cue: each rule
    # gives the same answer to the same question, so it is not asked twice)
    found = NO_CUE if ends_sentence else _cue_before(text, floor, span, index)
    if not isinstance(found, NoCue):
        return found
    speaker_label = _TRANSCRIPT_SPEAKER.match(text, para_start, para_end)
    if speaker_label:
        return _phrase(text, para_start, speaker_label.end(1), index, span)
    found = _label_before(text, para_start, span.open_mark, index, span)
    if not isinstance(found, NoCue):
        return found
    found = NO_CUE if ends_sentence else _sentence_cue(text, span, para_start, index)
    if not isinstance(found, NoCue):
        return found
    if carried is not None and span.words > MIN_WORDS:
        return carried  # '“...,” said Kim, a fellow at X. “...”': the passage goes on
    return _cue_in_paragraph(text, span, para_start, para_end, index)


def _sentence_cue(text: str, span: QuoteSpan, para_start: int, index: Index) -> Said | NoCue:
    """'Ines Calder said her deputy was ready because “...”': a quote inside what a
    speech verb of its sentence reports is said by that verb's subject, however far
    before the quote the verb stands."""
    if index.coref is None:
        return NO_CUE
    start = max(para_start, index.coref.sentence_start(span.open_mark))
    for verb_start, _verb_end in index.verbs_within(start, span.open_mark):
        if index.is_quoted(verb_start):
            continue
        if _PARTICIPLE.search(text, max(start, verb_start - 3), _verb_end):
            found: Said | NoCue = _main_subject(text, verb_start, index) or NO_CUE
        else:
            clause = index.clause_start(text, start, span.open_mark, verb_start)
            found = _phrase_before(text, clause, verb_start, index, span)
            if not isinstance(found, str | tuple):
                found = _main_subject(text, verb_start, index) or found
        if not isinstance(found, NoCue):
            return found
    return NO_CUE


# "Pollsters agree - Carl Bialik: “...”", "More from Jones: “...”", "Pew Research: “...”":
# a name and a colon introduce the quote with no verb at all.
_LABEL = re.compile(r"(?:^|[.!?]\s+|\s[—–-]\s*|\bfrom\s+)([^.!?:;—–\n]{2,60}?):\s*$")


def _label_before(
    text: str, start: int, colon_end: int, index: Index, span: QuoteSpan
) -> Said | NoCue:
    """The name of a label line just before ``colon_end``, when it names someone."""
    floor = max(start, colon_end - 80)
    if not text[floor:colon_end].rstrip().endswith(":"):
        return NO_CUE  # no colon ends the stretch: the pattern cannot match (checked in C)
    label = _LABEL.search(text, floor, colon_end)
    if label is None:
        return NO_CUE
    found = _phrase(text, label.start(1), label.end(1), index, span)
    return found if isinstance(found, str | tuple) else NO_CUE


def passage_speaker(
    text: str, span: QuoteSpan, previous: QuoteSpan | None, previous_speaker: Said, index: Index
) -> Said | NoCue:
    """A paragraph that is nothing but a quote goes on with the passage before it: the
    paragraph before ends with a colon ("Cruz continued:", "the following statement:")
    and its last clause says who, or that paragraph quoted someone and this one goes on."""
    para_start, para_end = _paragraph_around(text, span.open_mark)
    after = text[span.close_mark + 1 : para_end] if span.close_mark is not None else ""
    if text[para_start : span.open_mark].strip() or after.strip(" .,;”\"’'"):
        return NO_CUE
    prev_end = len(text[:para_start].rstrip())
    if prev_end == 0:
        return NO_CUE
    prev_start, _ = _paragraph_around(text, prev_end - 1)
    if text[prev_end - 1] == ":":
        colon = prev_end - 1
        floor = max(prev_start, colon - CUE_WINDOW)
        intro = QuoteSpan(colon, colon, colon, None)
        found = _cue_before(text, floor, intro, index)
        if isinstance(found, NoCue):
            found = _label_before(text, prev_start, prev_end, index, intro)
        if isinstance(found, NoCue):
            found = _main_subject(text, colon, index) or NO_CUE
        return found
    if previous is not None and previous.open_mark >= prev_start and previous_speaker:
        return previous_speaker
    if previous is not None and previous.open_mark >= prev_start:
        return NO_CUE
    # "Valastro praised Christie's record. / “We need someone who ...”": the narration
    # paragraph's last sentence introduces the speaker as its subject.
    return _main_subject(text, prev_end, index) or NO_CUE


# "PENCE: Well, ..." in an interview transcript.
_TRANSCRIPT_SPEAKER = re.compile(r"([A-Z][A-Z.’' -]{1,40}[A-Z]):\s")


# What stands between a quote and a cue after it, and the dash of a byline ("― Padilla").
_CUE_LEAD = re.compile(r"\s*[,—–―-]?\s*")


_DASH = re.compile("[—–―-]")


def _cue_after(text: str, at: int, para_end: int, index: Index, span: QuoteSpan) -> Said | NoCue:
    """', said Kim' / ', according to Kim' / ', Kim said' / ', he told reporters'."""
    lead = _CUE_LEAD.match(text, at, para_end)  # in place: no copy of the paragraph's rest
    at = lead.end() if lead else at
    window_end = min(para_end, at + CUE_WINDOW)
    if lead and _DASH.search(lead.group(0)) and text[at : at + 1].isupper():
        return _verb_first(text, at, para_end, index, span)  # '“...” ― Pamela Padilla'
    verbs = index.verbs_within(at, window_end)
    if text.startswith("according to", at):
        return _according_to(text, at + len("according to "), para_end, index, span)
    else:
        opening_end = verbs[0][1] if verbs and verbs[0][0] == at else None
    if opening_end is not None and text[opening_end : opening_end + 1].isspace():
        return _verb_first(text, opening_end + 1, para_end, index, span)
    if not verbs:
        return NO_CUE
    return _phrase_before(text, at, verbs[0][0], index, span)


def _cue_before(text: str, floor: int, span: QuoteSpan, index: Index) -> Said | NoCue:
    """'Kim said:' / 'He told reporters, ' / 'Blinken and Austin writing ... said that they'."""
    window = text[floor : span.open_mark]
    coordinated = False
    for verb_start, verb_end in reversed(index.verbs_within(floor, span.open_mark)):
        between = text[verb_end : span.open_mark]
        if CLAUSE_END.search(between.rstrip(" ,:")) or (
            len(between.split()) > 8 and not coordinated
        ):
            break
        if _PARTICIPLE.search(text, max(floor, verb_start - 3), verb_end):
            # "Blackwell pointed to Cruz's record, noting that": a participle after a
            # comma shares the main clause's subject, the first person it names; after
            # another speech verb ("..., Spicer said, adding"), that verb's subject.
            if any(
                v[1] <= verb_start
                for v in index.verbs_within(_sentence_start(verb_start, index), verb_start)
            ):
                continue
            subject = _main_subject(text, verb_start, index)
            if subject:
                return subject
            continue
        clause = index.clause_start(text, floor, span.open_mark, verb_start)
        found = _phrase_before(text, clause, verb_start, index, span)
        if not isinstance(found, NoCue):
            return found
        # "Roberts said Friday that ... but said": a verb after "but" or "and" shares
        # the subject of the verb before it
        coordinated = bool(_COORDINATED.search(text, max(floor, verb_start - 5), verb_start))
    # the words first, in C: the pattern only where they stand
    according = list(ACCORDING.finditer(window)) if "ccording to" in window else []
    if according and len(window[according[-1].end() :].split()) <= 8:
        return _according_to(text, floor + according[-1].end(), span.open_mark, index, span)
    return NO_CUE


_COORDINATED = re.compile(r"\b(?:but|and)\s$")


_PARTICIPLE = re.compile(r",\s*\w+ing$")


def _sentence_start(offset: int, index: Index) -> int:
    if index.coref is None:
        return 0
    return index.coref.sentence_start(offset)


def _main_subject(text: str, verb_at: int, index: Index) -> Speaker:
    """The subject of the sentence holding the verb at ``verb_at``, in the part before it."""
    if index.coref is None:
        return None
    start = index.coref.sentence_start(verb_at)
    found = index.coref.subject(start, verb_at)
    orgs = rows_within(index.orgs, start, verb_at)
    org = next(
        (
            row
            for row in orgs
            if not index.is_quoted(row[0]) and index.coref.may_be_subject(start, row[0], row[1])
        ),
        None,
    )
    person_at = text.find(found[0].split()[-1], start, verb_at) if found else verb_at
    if org is not None and org[0] < person_at:
        return org[2]  # "The Port Workers Union issued a statement, saying"
    return resolved(text, found, index)


def _cue_in_paragraph(
    text: str, span: QuoteSpan, para_start: int, para_end: int, index: Index
) -> Said | NoCue:
    """A speech verb elsewhere in the paragraph, outside every quote, nearest first."""
    verbs = index.verbs_outside_quotes(para_start, para_end)
    unnamed: Said | NoCue = NO_CUE
    # nearest first (the earlier of two as near): the first verb naming someone wins
    for verb_start, verb_end in sorted(verbs, key=lambda v: (abs(v[0] - span.open_mark), v[0])):
        clause = index.clause_start(text, para_start, para_end, verb_start)
        who = _phrase_before(text, clause, verb_start, index, span)
        if isinstance(who, Unnamed) and isinstance(unnamed, NoCue):
            unnamed = who  # said by "a senior official", unless a name says it nearer
        if not isinstance(who, str | tuple):
            who = _verb_first(text, verb_end + 1, para_end, index, span, names_only=True)
        if isinstance(who, str | tuple):
            return who
    return unnamed


def _paragraph_around(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _verb_first(
    text: str, start: int, limit: int, index: Index, span: QuoteSpan, names_only: bool = False
) -> Said | NoCue:
    """The speaker named after the verb: 'said Patricia Kim, a fellow at ...'."""
    match = verb_first_phrase().match(text, start, limit)
    if match is None:
        return NO_CUE
    if names_only and not match.group(0)[:1].isupper():
        return NO_CUE
    return _phrase(text, match.start(), match.end(), index, span)


# "according to the Harbour Gazette", "according to Rui Matos of Harbour Watch": a source
# named in capitals, a publication as much as a person.
_SOURCE_RUN = re.compile(
    r"(?:the\s+)?((?:[A-Z][\w’'.-]*)(?:\s+(?:[A-Z][\w’'.-]*|&)){0,4})(?=\s+of\s|[\s,.;:]|$)"
)


def _according_to(text: str, start: int, limit: int, index: Index, span: QuoteSpan) -> Said | NoCue:
    """The source after "according to": a person or organization of the article, else
    the publication or name the capitals spell."""
    found = _verb_first(text, start, limit, index, span)
    if isinstance(found, str | tuple):
        return found
    run = _SOURCE_RUN.match(text, start, limit)
    if run is None or run.group(1) in non_names():
        return found
    return clean_name(run.group(1).rstrip(".’'"))


def _phrase_before(
    text: str, start: int, verb_at: int, index: Index, span: QuoteSpan
) -> Said | NoCue:
    words = text[start:verb_at].split()
    while words and words[-1].lower() in ADVERBS:
        words.pop()
    if not words:
        return NO_CUE
    if len(words) > MAX_PHRASE_WORDS:
        # "... after a long dispute over fares that Governor Ana Ruiz called": the subject is
        # the relative clause's, right before the verb.
        relative = list(re.finditer(r"\b(?:that|which|who|whom)\s", text[start:verb_at]))
        if not relative:
            return NO_CUE
        start += relative[-1].end()
        if len(text[start:verb_at].split()) > MAX_PHRASE_WORDS:
            return NO_CUE
    return _phrase(text, start, verb_at, index, span)


_AND = re.compile(r"\band\b|&")


def _phrase(text: str, start: int, end: int, index: Index, span: QuoteSpan) -> Said | NoCue:
    """Turn a speaker phrase into a canonical name, a pair, None, or "no speaker here"."""
    phrase = text[start:end].strip(" ,.;:—–―-")
    # the phrase lower-cased once, not word by word (no letter lower-cases to a space)
    every = phrase.split()
    words = [w for w, low in zip(every, phrase.lower().split(), strict=True) if low not in ADVERBS]
    words = words or every
    if not words:
        return NO_CUE
    lowered = " ".join(words).lower()
    pronoun = pronoun_table().get(lowered)
    if pronoun is not None:
        return antecedent(index, span.open_mark, *pronoun)
    if lowered in ("i", "you", "it", "this", "that", "which", "who"):
        return None if lowered in ("i", "you") else NO_CUE
    if is_plural_description(words):
        return antecedent(index, span.open_mark, "p", "-")
    # "In a piece in the Washington Post on Monday, Austin and Blinken said": the
    # subject is the last comma-separated part, when it names someone.
    last_comma = text.rfind(",", start, end)
    described: Unnamed | None = None
    if last_comma > start:
        subject = _phrase(text, last_comma + 1, end, index, span)
        if isinstance(subject, str | tuple):
            return subject
        if isinstance(subject, Unnamed):
            described = subject  # "To date, the official said": unless a name comes first
    # The head of "Trump campaign spokesman Jason Miller, who ..." is the last name
    # before the first comma; "Blinken and Austin" is both.
    head_end = start + head_length(text[start:end])
    people = index.people_in(start, head_end)
    if len(people) >= 2 and _AND.search(text[start:head_end]):
        return tuple(full_name(text, n, index) for n in people)
    if people:
        person = clean_name(people[-1])  # the article's name for the person, as in people[]
        return honorific_fit(text[start:head_end], clean_name(full_name(text, person, index)))
    org = index.org_in(start, head_end)
    if org is not None:
        return org
    name = name_in(text[start:head_end])
    if name is not None:
        name = clean_name(name)
        full = full_name(text, index.by_surname([name.split()[-1]]) or name, index)
        return full if name_shaped(full) else trailing_name(full)
    if described is not None:
        return described
    return describe(text, start, phrase) if looks_like_subject(phrase) else NO_CUE
