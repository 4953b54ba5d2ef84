"""Every vocabulary file in ``src/tripnews/data`` is well formed: no duplicate entries, the
declared number of columns on every row, keys that map to one value only, and aliases that
point at a place the gazetteer knows. A file nobody declared here fails the test, so a new
file gets its checks when it is added."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

import pytest

DATA = Path(str(resources.files("tripnews").joinpath("data")))

# Columns of each table, as its header comment names them.
TABLE_COLUMNS = {
    "agencies.tsv": 2,
    "boilerplate.tsv": 2,
    "credit_words.tsv": 2,
    "byline_leads.tsv": 2,
    "empty_pages.tsv": 2,
    "function_words.tsv": 2,
    "meta_names.tsv": 2,
    "gazetteer.tsv": 6,
    "header_date_labels.tsv": 2,
    "holidays.tsv": 4,
    "minor_places.tsv": 4,
    "month_names.tsv": 3,
    "place_aliases.tsv": 2,
    "place_readings.tsv": 5,
    "place_words.tsv": 2,
    "places_extra.tsv": 5,
    "pronouns.tsv": 3,
    "removed_kinds.tsv": 2,
    "script_date_keys.tsv": 2,
    "timezones.tsv": 2,
    "weekday_names.tsv": 3,
}
# Tables whose first column is a key: one row per key, or a reader could not tell which wins.
KEYED_TABLES = {
    "agencies.tsv",
    "holidays.tsv",
    "month_names.tsv",
    "place_aliases.tsv",
    "timezones.tsv",
    "pronouns.tsv",
    "weekday_names.tsv",
}
# Word lists read case-blind (a lower-cased lookup or a case-insensitive pattern): an entry
# in capitals would be a second spelling of one word, or one no lookup can reach.
LOWER_CASE_LISTS = {
    "author_placeholders.txt",
    "byline_ends.txt",
    "byline_marks.txt",
    "consent_words.txt",
    "date_label_particles.txt",
    "date_labels.txt",
    "date_marks.txt",
    "date_props.txt",
    "furniture_words.txt",
    "not_byline_words.txt",
    "member_labels.txt",
}
JSON_FILES = {"record.schema.json", "world_countries.json"}
# Files that are no vocabulary: the report's stylesheet.
OTHER_FILES = {"report.css"}


def _rows(path: Path) -> list[str]:
    return [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def _files(suffix: str) -> list[Path]:
    return sorted(p for p in DATA.iterdir() if p.name.endswith(suffix))


def test_every_data_file_is_declared() -> None:
    for path in DATA.iterdir():
        if path.name.startswith((".", "__")):
            continue
        assert (
            path.suffix == ".txt" or path.name in TABLE_COLUMNS.keys() | JSON_FILES | OTHER_FILES
        ), f"{path.name}: declare its checks in tests/test_data_integrity.py"


@pytest.mark.parametrize("path", _files(".txt"), ids=lambda p: p.name)
def test_word_list_has_no_duplicates_or_stray_space(path: Path) -> None:
    rows = _rows(path)
    assert rows, f"{path.name} is empty"
    stray = [row for row in rows if row != row.strip()]
    assert not stray, f"{path.name}: entries with surrounding space {stray[:5]}"
    twice = [entry for entry, n in Counter(rows).items() if n > 1]
    assert not twice, f"{path.name}: entries listed twice {twice[:5]}"


@pytest.mark.parametrize("name", sorted(LOWER_CASE_LISTS))
def test_case_blind_lists_are_lower_case(name: str) -> None:
    upper = [row for row in _rows(DATA / name) if row != row.lower()]
    assert not upper, f"{name}: entries not in lower case {upper[:5]}"


@pytest.mark.parametrize("name", sorted(TABLE_COLUMNS))
def test_table_rows_have_declared_columns(name: str) -> None:
    rows = _rows(DATA / name)
    assert rows, f"{name} is empty"
    wrong = [row for row in rows if len(row.split("\t")) != TABLE_COLUMNS[name]]
    want = TABLE_COLUMNS[name]
    assert not wrong, f"{name}: {len(wrong)} rows without {want} columns: {wrong[:3]}"
    twice = [row for row, n in Counter(rows).items() if n > 1]
    assert not twice, f"{name}: rows listed twice {twice[:3]}"


@pytest.mark.parametrize("name", sorted(KEYED_TABLES))
def test_keys_map_to_one_value(name: str) -> None:
    values: dict[str, set[str]] = defaultdict(set)
    for row in _rows(DATA / name):
        key, *rest = row.split("\t")
        values[key].add("\t".join(rest))
    conflicting = {key: sorted(v) for key, v in values.items() if len(v) > 1}
    assert not conflicting, f"{name}: keys with more than one value {conflicting}"


def test_place_aliases_name_known_places() -> None:
    known = {row.split("\t")[0] for row in _rows(DATA / "gazetteer.tsv")}
    known |= {row.split("\t")[0] for row in _rows(DATA / "places_extra.tsv")}
    unknown = [row for row in _rows(DATA / "place_aliases.tsv") if row.split("\t")[1] not in known]
    assert not unknown, f"aliases of places neither table holds: {unknown}"


def test_numeric_columns_are_numbers() -> None:
    for name, columns in (("gazetteer.tsv", (3, 4)), ("places_extra.tsv", (3, 4))):
        for row in _rows(DATA / name):
            cells = row.split("\t")
            for column in columns:
                if cells[column]:
                    assert -180.0 <= float(cells[column]) <= 180.0, f"{name}: {row}"
    for row in _rows(DATA / "timezones.tsv"):
        assert re.fullmatch(r"[+-]\d\d:\d\d", row.split("\t")[1]), row


@pytest.mark.parametrize(
    ("name", "last", "forms"),
    [
        ("month_names.tsv", 12, {"en", "en-short", "other"}),
        ("weekday_names.tsv", 7, {"en", "en-short"}),
    ],
)
def test_calendar_names(name: str, last: int, forms: set[str]) -> None:
    """Numbers in range, a known form, lower case (readers lower-case what they look up),
    and one English name for every number: the names running text spells out."""
    english: Counter[int] = Counter()
    for row in _rows(DATA / name):
        word, number, form = row.split("\t")
        assert 1 <= int(number) <= last and form in forms, row
        assert word == word.lower(), row
        english[int(number)] += form == "en"
    assert sorted(english.elements()) == list(range(1, last + 1)), name


def test_boilerplate_patterns_compile() -> None:
    for row in _rows(DATA / "boilerplate.tsv"):
        re.compile(row.split("\t")[1])


@pytest.mark.parametrize("name", sorted(JSON_FILES))
def test_json_files_parse(name: str) -> None:
    assert json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["date_marks.txt", "work_types.txt"])
def test_wildcards_stand_at_a_word_end(name: str) -> None:
    """A "*" stands for a run of letters before or after a word, nowhere else."""
    for row in _rows(DATA / name):
        assert "*" not in row.strip("*") and row.strip("*"), row


def test_script_date_keys_pass_the_readers_substring_test() -> None:
    """The reader skips scripts holding neither "ublish" nor "reated": a key without its
    kind's substring would never be read."""
    rows = [row.split("\t") for row in _rows(DATA / "script_date_keys.tsv")]
    for kind, key in rows:
        assert kind in ("published", "created"), key
        assert ("ublish" if kind == "published" else "reated") in key, key
    keys = Counter(key for _, key in rows)
    assert not [key for key, n in keys.items() if n > 1], "a key of two kinds"


def test_meta_names_give_one_known_field_each() -> None:
    """Each <meta> name gives one field, and is lower case: the reader lower-cases names."""
    fields: dict[str, set[str]] = defaultdict(set)
    for row in _rows(DATA / "meta_names.tsv"):
        field, name = row.split("\t")
        assert field in {"published", "date", "modified", "author"}, row
        assert name == name.lower(), row
        fields[name].add(field)
    assert not {name: f for name, f in fields.items() if len(f) > 1}


def test_removed_kinds_rows_stand_together_in_lower_case() -> None:
    """The reader tries kinds in file order, each with all its words: a kind's rows split by
    another kind's would be tried out of their place. Words are found in lower-cased marks."""
    kinds: list[str] = []
    for row in _rows(DATA / "removed_kinds.tsv"):
        kind, word = row.split("\t")
        assert word == word.lower(), row
        if not kinds or kinds[-1] != kind:
            assert kind not in kinds, f"rows of {kind} split: {row}"
            kinds.append(kind)


@pytest.mark.parametrize(
    ("name", "slots"),
    [
        ("byline_leads.tsv", {"verb", "by"}),
        ("credit_words.tsv", {"qualifier", "job", "line-job"}),
        ("header_date_labels.tsv", {"before", "label", "after"}),
    ],
)
def test_slotted_word_tables(name: str, slots: set[str]) -> None:
    """Each word stands in a slot its reader builds a pattern for, in lower case (the
    patterns are case-blind)."""
    for row in _rows(DATA / name):
        slot, word = row.split("\t")
        assert slot in slots and word == word.lower(), row
