"""Broken and hostile files: one clear line each (or a correct record), never a traceback."""

from __future__ import annotations

import gzip
import json

import pytest

from tests.hostile.conftest import assert_clean_failure, tripnews

BODY = "Officials met in Berlin on Monday to discuss the budget, a spokesman said.\n"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        (
            "photo.jpg",
            b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)) * 4,
            "binary file (JPEG image)",
        ),
        ("doc.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF document)"),
        ("page.txt.gz", gzip.compress(BODY.encode()), "binary file (gzip archive)"),
        ("nul.txt", BODY.encode() + b"\x00\x00" + BODY.encode(), "NUL bytes"),
        ("empty.txt", b"", "file is empty"),
        ("spaces.txt", b"  \n\n\t \r\n", "only white space"),
    ],
)
def test_bad_file_is_reported_and_others_go_on(tmp_path, good, name, data, reason):
    (tmp_path / name).write_bytes(data)
    proc = tripnews("ingest", str(tmp_path / name), str(good), "-f", "jsonl")
    assert_clean_failure(proc, name, reason)
    assert len(proc.stdout.splitlines()) == 1


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("invalid-utf8.txt", BODY.encode() + b"\xff\xfe\xfa broken bytes " + BODY.encode()),
        ("utf16.txt", BODY.encode("utf-16")),
        ("latin1.txt", ("Caf\u00e9 owners in S\u00e3o Paulo " + BODY).encode("latin-1")),
        ("crlf.txt", BODY.replace("\n", "\r\n").encode()),
        ("lone-cr.txt", BODY.replace("\n", "\r").encode() * 2),
        ("no-newline.txt", BODY.strip().encode()),
    ],
)
def test_odd_encodings_give_a_record(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    proc = tripnews("ingest", str(tmp_path / name), "-f", "jsonl")
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert "Berlin" in record["text"]
    assert "\r" not in record["text"]


def test_latin1_is_named_in_a_warning(tmp_path):
    (tmp_path / "old.txt").write_bytes(("Caf\u00e9 in S\u00e3o Paulo. " + BODY).encode("cp1252"))
    proc = tripnews("ingest", str(tmp_path / "old.txt"), "-f", "jsonl")
    assert b"old.txt: not UTF-8" in proc.stderr
    assert "S\u00e3o Paulo" in json.loads(proc.stdout)["text"]


def test_huge_file_is_refused_by_size_and_max_bytes_raises_it(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse beyond the limit: no need to write 200 MB
        handle.write(BODY.encode())
        handle.truncate(200 * 1024 * 1024)
    proc = tripnews("ingest", str(big), "-f", "jsonl")
    assert_clean_failure(proc, "big.txt", "--max-bytes")
    small = tmp_path / "small.txt"
    small.write_text(BODY * 40, encoding="utf-8")
    proc = tripnews("ingest", str(small), "--max-bytes", "100", "-f", "jsonl")
    assert_clean_failure(proc, "small.txt", "--max-bytes")
    assert tripnews("ingest", str(small), "--max-bytes", "100000", "-f", "jsonl").returncode == 0


def test_one_long_line_finishes(tmp_path):
    line = (BODY.strip() + " ") * 20000  # ~1.5 MB without a single line break
    (tmp_path / "line.txt").write_text(line, encoding="utf-8")
    proc = tripnews("ingest", str(tmp_path / "line.txt"), "-f", "jsonl", timeout=240)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert json.loads(proc.stdout)["stats"]["words"] > 100000


def test_jsonl_streams_bad_lines_and_wrong_types(tmp_path):
    lines = [
        json.dumps({"text": BODY}),
        "{not json",
        json.dumps({"title": "no body"}),
        json.dumps({"text": 12}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"content": BODY, "date": "2021-03-14"}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = tripnews("ingest", str(tmp_path / "feed.jsonl"), "-f", "jsonl")
    err = proc.stderr.decode()
    assert proc.returncode == 1
    assert "feed.jsonl:2: malformed JSON" in err
    assert "feed.jsonl:3: JSON record has no article text" in err
    assert "feed.jsonl:4:" in err and "feed.jsonl:5:" in err
    sources = [json.loads(line)["source"] for line in proc.stdout.splitlines()]
    assert [s.rsplit(":", 1)[1] for s in sources] == ["1", "7"]


def test_jsonl_line_over_the_limit(tmp_path):
    record = json.dumps({"text": BODY * 100})
    (tmp_path / "f.jsonl").write_text(
        record + "\n" + json.dumps({"text": BODY}) + "\n", encoding="utf-8"
    )
    proc = tripnews("ingest", str(tmp_path / "f.jsonl"), "--max-bytes", "1000", "-f", "jsonl")
    assert_clean_failure(proc, "f.jsonl:1", "limit")
    assert len(proc.stdout.splitlines()) == 1


def test_a_50_mb_single_line_is_refused_by_the_size_limit(tmp_path, good):
    line = tmp_path / "line50.txt"
    with line.open("w", encoding="utf-8") as handle:  # 50 MB of words, no line break
        chunk = BODY.strip() + " "
        for _ in range(50 * 1024 * 1024 // len(chunk)):
            handle.write(chunk)
    proc = tripnews("ingest", str(line), str(good), "-f", "jsonl")
    assert_clean_failure(proc, "line50.txt", "--max-bytes")
    assert len(proc.stdout.splitlines()) == 1
