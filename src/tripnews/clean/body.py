"""Rules over the body's lines: page furniture, related-headline blocks, captions and
credits, contributor lines, footers and subheadings, and the guard that never lets them
take the whole article."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tripnews.clean.text import (
    CAPTION_DATE,
    CAPTION_MAX_WORDS,
    CREDIT,
    CREDIT_TAIL_CHARS,
    FOOTER_MAX_WORDS,
    NEAR_DUPLICATE,
    QUOTE_OPEN,
    SUBHEADING_MAX_WORDS,
    TABLE_ROW,
    TEASER_MAX_WORDS,
    Line,
    boilerplate_patterns,
    count_words,
    ends_sentence,
    is_table_row,
    related_heading,
    starts_like_a_name,
    word_list,
)
from tripnews.rules import load_groups, words_pattern


def join_broken_sentences(lines: list[Line]) -> list[Line]:
    """Rejoin a paragraph broken mid-sentence: a line ending in a comma, the next in lower case."""
    out: list[Line] = []
    for line in lines:
        if out and out[-1].text.endswith(",") and line.text[:1].islower():
            out[-1].text = f"{out[-1].text} {line.text}"
        else:
            out.append(line)
    return out


def mark_furniture(lines: Sequence[Line]) -> None:
    pattern, kinds = boilerplate_patterns()
    for line in lines:
        if len(line.text) > 240:
            continue  # furniture is short; long lines are prose
        if match := pattern.fullmatch(line.text):
            line.kind = kinds[(match.lastindex or 1) - 1]


def mark_related_blocks(lines: Sequence[Line]) -> None:
    """A related-headlines heading and the short teasers after it go, up to prose again."""
    heading = related_heading()
    for index, line in enumerate(lines):
        if (
            line.kind is not None
            or len(line.text) > 60
            or not heading.fullmatch(line.text.rstrip(":"))
        ):
            continue
        following = lines[index + 1 : index + 7]
        if not following or not all(_is_teaser(f.text) for f in following[:3]):
            continue
        # Teaser blocks are mostly headlines, which do not end like sentences;
        # article paragraphs after a "Read more" link almost always do.
        if sum(not ends_sentence(f.text) for f in following) * 2 < len(following):
            continue
        line.kind = "related-links"
        for after in lines[index + 1 :]:
            if not _is_teaser(after.text):
                break
            after.kind = "related-links"


def _is_teaser(text: str) -> bool:
    return count_words(text, TEASER_MAX_WORDS + 1) <= TEASER_MAX_WORDS and not text.startswith(
        QUOTE_OPEN
    )


def _word_set(text: str) -> set[str]:
    lowered = text.lower()
    if not lowered.isascii():
        return set(word_list(lowered))
    # The words split in C rather than found one by one: no word reaches past a character
    # that is neither a letter, a digit nor an apostrophe, so each run of those is read
    # alone, and one without an apostrophe is a single word.
    runs = lowered.encode("ascii").translate(_ASCII_WORD_RUNS).decode("ascii").split()
    if "'" not in lowered:
        return set(runs)
    words: set[str] = set()
    for run in runs:
        if "'" in run:
            words.update(word_list(run))  # "it's", "rock'n'roll", "'tis": the regex's call
        else:
            words.add(run)
    return words


# letters, digits and the apostrophe kept, every other byte a space (the text is ASCII)
_ASCII_WORD_RUNS = bytes(
    code if chr(code).isalnum() or chr(code) == "'" else ord(" ") for code in range(256)
)


def _similar(wa: set[str], wb: set[str]) -> float:
    """Word overlap of two lines' word sets (``_word_set``) of similar length (a heading
    is not its paragraph's twin)."""
    if not wa or not wb or min(len(wa), len(wb)) < NEAR_DUPLICATE * max(len(wa), len(wb)):
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def mark_captions(lines: Sequence[Line]) -> None:
    """Photo captions: credited lines, lines printed twice, lines ending with the photo's date."""
    # each line's word set, made once though a line is compared with both its neighbours
    word_sets: dict[int, set[str]] = {}

    def word_set(at: int) -> set[str]:
        if at not in word_sets:
            word_sets[at] = _word_set(lines[at].text)
        return word_sets[at]

    for index, line in enumerate(lines):
        if line.kind is not None:
            continue
        text = line.text
        if text.startswith(QUOTE_OPEN):
            continue  # a quotation is article text, even when repeated
        words = count_words(text, CAPTION_MAX_WORDS * 2 + 1)
        short = words <= CAPTION_MAX_WORDS * 2
        # A paragraph too long for a caption can only end in an agency's sign-off: look
        # for a credit in its tail alone.
        credit = (
            CREDIT.search(text, 0 if short else max(0, len(text) - CREDIT_TAIL_CHARS))
            if _may_hold_credit(text)
            else None
        )
        if credit and _is_sign_off(text, credit):
            continue  # "... officials. (ANI)": the agency signing off the story
        if credit and short:
            credit_only = len(word_list(CREDIT.sub("", text))) <= 1
            line.kind = "credit" if credit_only else "caption"
            _mark_caption_before(lines, index)
            continue
        if words <= CAPTION_MAX_WORDS and CAPTION_DATE.search(text):
            line.kind = "caption"
            continue
        nxt = lines[index + 1] if index + 1 < len(lines) else None
        if (
            nxt is not None
            and short
            and not is_table_row(text)  # "Fulham 3 2 1 0" above "Everton 3 2 1 0": rows
            and not nxt.text.startswith(QUOTE_OPEN)
            and _similar(word_set(index), word_set(index + 1)) >= NEAR_DUPLICATE
        ):
            line.kind = "caption"
            nxt.kind = "duplicate" if text == nxt.text else "caption"


def keep_some_prose(lines: Sequence[Line]) -> None:
    """Never lose the whole article to a caption rule: a text that is nothing but a
    repeated line is an article said twice; a text whose only prose the header rule took
    by shape (a cut-off lead, "... Rancho Mirage, Calif,") keeps that prose."""
    if any(line.kind is None for line in lines):
        return
    for line in lines:
        if line.kind in ("caption", "duplicate") and ends_sentence(line.text):
            line.kind = None
            return
    for line in lines:
        if line.role == "guessed" and count_words(line.text, PROSE_MIN_WORDS) >= PROSE_MIN_WORDS:
            line.kind, line.role = None, "body"


# A line the header rule took by its shape alone is given back, when nothing else is left,
# if it has at least this many words: a sentence's worth, not a kicker or a photo label.
PROSE_MIN_WORDS = 8


def _is_sign_off(text: str, credit: re.Match[str]) -> bool:
    before = text[: credit.start()].rstrip()
    if not credit.group().startswith("("):
        return False  # "Picture: PA" credits a photo wherever it stands
    return credit.end() == len(text) and before.endswith((".", "!", "?", '"', "”"))


# Letters that match an ASCII one of the credit pattern's names case-blind in a regex but
# not after ``str.lower`` ("İ" lowers to two characters, "ſ" and "ı" stay as they are).
_ODD_CASE_LETTERS = "ıİſK"


def _may_hold_credit(text: str) -> bool:
    """A cheap test before the credit pattern, true of every line it matches: each form
    holds a colon, a bracket or one of a few names."""
    if ":" in text or "[" in text or ")" in text:
        return True
    lowered = text.lower()
    return (
        "getty images" in lowered
        or "shutterstock" in lowered
        or "file photo" in lowered
        or (not text.isascii() and any(letter in text for letter in _ODD_CASE_LETTERS))
    )


def _mark_caption_before(lines: Sequence[Line], index: int) -> None:
    """The unpunctuated line just above a credit is the caption it credits."""
    if index == 0:
        return
    before = lines[index - 1]
    if (
        before.kind is None
        and not ends_sentence(before.text)
        and count_words(before.text, CAPTION_MAX_WORDS + 1) <= CAPTION_MAX_WORDS
        and index - 1 > 0  # never the very first line: that is the headline
        and not is_table_row(before.text)
    ):
        before.kind = "caption"


def mark_footer(lines: Sequence[Line]) -> None:
    body = [line for line in lines if line.kind is None]
    for line in reversed(body[1:]):
        if (
            ends_sentence(line.text)
            or count_words(line.text, FOOTER_MAX_WORDS + 1) > FOOTER_MAX_WORDS
        ):
            return
        if TABLE_ROW.search(line.text) or is_table_row(line.text):
            return  # results, scorers, standings: data at the end of a story, not a footer
        if line.text.startswith(QUOTE_OPEN):
            return
        line.kind = "footer"


def mark_headings(lines: Sequence[Line]) -> None:
    """A short unpunctuated line between body paragraphs is a subheading: kept, but known."""
    body = [line for line in lines if line.kind is None]
    for index, line in enumerate(body):
        if index == 0 or index == len(body) - 1:
            continue
        # the cheap tests first: most lines are paragraphs ending a sentence, never counted
        if (
            not ends_sentence(line.text)
            and not line.text.endswith(",")
            and starts_like_a_name(line.text)
            and not line.text.startswith(QUOTE_OPEN)
            and 1 <= count_words(line.text, SUBHEADING_MAX_WORDS + 1) <= SUBHEADING_MAX_WORDS
        ):
            line.role = "heading"


_CREDIT_WORDS = load_groups("credit_words")
_QUALIFIER = words_pattern(_CREDIT_WORDS["qualifier"])
_JOBS = words_pattern(_CREDIT_WORDS["job"] + _CREDIT_WORDS["line-job"])


# "Jane Roe contributed to this report.", "Reporting by Jane Roe; Editing by Tom Poe",
# "(Additional reporting by ...)", "Compiled by ...": who made the story, not what it says.
# The credit's words are data/credit_words.tsv.
_CONTRIBUTORS = re.compile(
    r"^.{0,200}?\b(?:contributed|contributing)\s(?:reporting\s)?(?:to|for)\s(?:this|the)"
    r"\s(?:report|story|article)\.?\)?$"
    rf"|^\(?(?:(?:{_QUALIFIER})\s)?(?:{_JOBS})"
    r"\s(?:by|from)\s[^()]{2,300}\)?\.?$",
    re.IGNORECASE,
)


# The same credits in brackets closing the last paragraph.
_CONTRIBUTORS_TAIL = re.compile(
    rf"\s*\((?:(?:{_QUALIFIER})\s)?(?:{words_pattern(_CREDIT_WORDS['job'])})"
    r"\sby\s[^()]{2,300}\)$",
    re.IGNORECASE,
)


# What a credit line may open with (after a bracket): a plain test before the pattern.
_CREDIT_LEADS = tuple(word for words in _CREDIT_WORDS.values() for word in words)


def _may_credit(text: str) -> bool:
    """A cheap test before the credit pattern: most lines are not credits."""
    return "contribut" in text or text[:12].lower().lstrip("(").startswith(_CREDIT_LEADS)


# A credit line is short: a long line mentioning a report is the story.
CREDIT_MAX_WORDS = 40


def mark_contributors(lines: list[Line]) -> None:
    """Contributor and desk credits go as credits ("Reporting by Jane Roe; Editing by Tom
    Poe"), so their names are never read as people of the story."""
    for line in lines:
        if line.kind is not None:
            continue
        if (
            _may_credit(line.text)
            and _CONTRIBUTORS.match(line.text)
            and count_words(line.text, CREDIT_MAX_WORDS + 1) <= CREDIT_MAX_WORDS
        ):
            line.kind = "credit"
    index = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].kind is None), None)
    if index is None:
        return
    last = lines[index]
    if (
        last.text.endswith((")", ")\n"))  # the pattern's end, before a scan of the line
        and (tail := _CONTRIBUTORS_TAIL.search(last.text))
        and tail.start() > 0
    ):
        last.text = last.text[: tail.start()]
        lines.insert(index + 1, Line(tail.group().strip(), kind="credit"))
