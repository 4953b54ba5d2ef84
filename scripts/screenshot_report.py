"""Render the seeds' HTML report and save a screenshot of it for the README.

    python scripts/screenshot_report.py                 # -> docs/report.png
    python scripts/screenshot_report.py --html report.html --output shot.png

Runs ``tripnews digest seeds/ --format html`` (with the seeds' reference date),
then Debian's headless Chromium (``apt-get install chromium``) with networking
off, and writes a PNG of the top of the page: the map and the timeline.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS_REFERENCE_DATE = "2021-03-14"  # the seeds' week: weekdays resolve against it
WINDOW = "1280,1500"  # wide enough for the map, tall enough for the timeline
BROWSER_SECONDS = 120


def find_chromium() -> str:
    """Return the Chromium executable, or exit with a hint on how to get it."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("chromium not found: apt-get install chromium")


def render_seeds(page: Path) -> None:
    """Write the seeds' digest as HTML to ``page`` through the CLI."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tripnews",
            "digest",
            str(ROOT / "seeds"),
            "--reference-date",
            SEEDS_REFERENCE_DATE,
            "--format",
            "html",
            "-o",
            str(page),
            "--quiet",
        ],
        check=True,
    )


def screenshot(page: Path, output: Path) -> None:
    """Save a PNG of ``page`` as headless Chromium draws it, with no network use."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                find_chromium(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                f"--window-size={WINDOW}",
                f"--screenshot={output.resolve()}",
                page.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=BROWSER_SECONDS,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--html", type=Path, help="an existing report (default: render the seeds)")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "report.png")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        page = args.html or Path(work) / "report.html"
        if args.html is None:
            render_seeds(page)
        screenshot(page, args.output)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
