"""Loading: path expansion, kind sniffing, decoding, JSON/JSONL records."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tripnews.errors import InputError
from tripnews.load import decode, read_inputs, record_to_raw, sniff_kind
from tripnews.model import RawInput


def _items(*paths: str):
    return list(read_inputs(paths))


@pytest.mark.parametrize(
    ("text", "suffix", "kind"),
    [
        ("Plain words.\n", ".txt", "text"),
        ("Plain words.\n", "", "text"),
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "", "html"),
        ("<div><p>hello</p></div>", "", "html"),
        ("anything", ".html", "html"),
        ('{"text": "a"}', "", "json"),
        ('[{"text": "a"}]', ".txt", "json"),
        ('{"text": "a"}\n{"text": "b"}\n', "", "jsonl"),
        ('{"text": "a"}\n{"text": "b"}\n', ".json", "jsonl"),
        ("<3 is a heart, not a tag", "", "text"),
    ],
)
def test_sniff_kind(text, suffix, kind):
    assert sniff_kind(text, suffix) == kind


def test_utf8_bom_and_crlf():
    text, warnings = decode("\ufeffLine one\r\nLine two\rend".encode(), "x")
    assert text == "Line one\nLine two\nend"
    assert warnings == ()


def test_utf16_with_bom():
    text, warnings = decode("Café in Paris\n".encode("utf-16"), "x")
    assert text == "Café in Paris\n"
    assert warnings == ()


def test_windows_1252_is_decoded_with_a_warning():
    data = "The minister’s café reopened in São Paulo on Monday, officials said.\n" * 3
    text, warnings = decode(data.encode("cp1252"), "old.txt")
    assert "café" in text and "São Paulo" in text
    assert warnings and warnings[0].startswith("old.txt: not UTF-8")


@pytest.mark.parametrize("data", [b"%PDF-1.4 ...", b"\x1f\x8b\x08\x00rest", b"ab\x00cd"])
def test_binary_is_refused(data):
    with pytest.raises(InputError, match="binary"):
        decode(data, "blob")


@given(st.binary(max_size=2000))
def test_decode_never_crashes(data):
    try:
        text, _ = decode(data, "fuzz")
    except InputError:
        return
    assert "\r" not in text


def test_directory_walk_is_sorted_recursive_and_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second story.", encoding="utf-8")
    (tmp_path / "1.txt").write_text("First story.", encoding="utf-8")
    (tmp_path / ".secret.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text("Hidden.", encoding="utf-8")
    sources = [i.source for i in _items(str(tmp_path))]
    assert sources == [str(tmp_path / "1.txt"), str(tmp_path / "b" / "2.txt")]


def test_symlink_loop_is_walked_once(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "story.txt").write_text("A story.", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "a" / "loop")
    items = _items(str(tmp_path))
    assert [i.source for i in items] == [str(tmp_path / "a" / "story.txt")]


def test_glob_pattern(tmp_path):
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text("Words here.", encoding="utf-8")
    items = _items(str(tmp_path / "x*.txt"))
    assert [os.path.basename(i.source) for i in items] == ["x1.txt", "x2.txt"]
    (missing,) = _items(str(tmp_path / "z*.txt"))
    assert isinstance(missing, InputError) and "no file matches" in missing.reason


def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (item,) = _items(str(fifo))
    assert isinstance(item, InputError) and item.reason == "not a regular file"


def test_size_limit(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 100, encoding="utf-8")
    (item,) = list(read_inputs([str(tmp_path / "big.txt")], max_bytes=100))
    assert isinstance(item, InputError) and "--max-bytes" in item.reason


def test_json_array_and_fields(tmp_path):
    records = [
        {"maintext": "Body one.", "title": "One", "date_publish": "2021-03-14 09:34:00"},
        {"html": "<html><body><p>Body two.</p></body></html>", "url": "https://x.test/2"},
        {"title": "no text"},
        ["not", "an", "object"],
    ]
    (tmp_path / "r.json").write_text(json.dumps(records), encoding="utf-8")
    one, two, three, four = _items(str(tmp_path / "r.json"))
    assert isinstance(one, RawInput) and one.text == "Body one."
    assert one.meta == {"title": "One", "date": "2021-03-14 09:34:00"}
    assert one.source.endswith("r.json:1")
    assert isinstance(two, RawInput) and two.html and two.meta["url"] == "https://x.test/2"
    assert isinstance(three, InputError) and "no article text" in three.reason
    assert isinstance(four, InputError) and "not an object" in four.reason


def test_record_with_wrong_types():
    item = record_to_raw({"text": 42, "content": ["x"]}, "r.json")
    assert isinstance(item, InputError)
