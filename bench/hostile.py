"""Hostile files: what one bad document costs an ingest (issue 13).

    python bench/hostile.py [--only NAME]

Each file is generated here (never committed), put in a knowledge folder
beside the three small documents of the tests, and indexed by `python
ingest.py` in a child process with the default limits (INGEST_MAX_TEXT_MB=2,
INGEST_MAX_SECONDS=120 to read). Prints, per file: what ingest did with it
(indexed, or skipped with the reason), the run's exit status, whether the
other three documents were indexed, its wall time and the child's peak
resident memory (``os.wait4``). Goals: peak RSS < 1 GB and < 150 s per
hostile file, the rest of the folder ingested, exit 1 with the file named.
One file is no attack: ``long-report.ar.txt``, every ARCD paragraph (read
from ``../shared/datasets/``, never copied) as one 100-page Arabic report,
must be indexed whatever its indexing takes.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bidi import get_display

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from answers import article_paragraphs  # noqa: E402

from tests.conftest import FIXTURE_DOCS, write_docs  # noqa: E402
from tests.docs import UNICODE_FONT, hostile_docx, odt_bytes, pdf_bytes  # noqa: E402


def _truncated(path: Path) -> None:
    import zipfile

    hostile_docx(path.with_suffix(".tmp"), paragraphs=200)
    source = zipfile.ZipFile(path.with_suffix(".tmp"))
    with zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(
                item, data[: len(data) // 2] if item.filename.endswith("document.xml") else data
            )
    path.with_suffix(".tmp").unlink()


def _html(path: Path) -> None:
    paragraph = (
        "<p>La région accompagne les coopératives de la filière {n} dans leurs projets.</p>\n"
    )
    body = "".join(paragraph.format(n=n) for n in range(60_000))  # ~5 MB
    path.write_text(f"<html lang='fr'><body><h1>Rapport</h1>{body}</body></html>", "utf-8")


def _long_report(path: Path) -> None:
    """A long report of real prose: ARCD's 465 Arabic paragraphs, one file."""
    paragraphs = [p for article in article_paragraphs("arcd.json") for p in article]
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def _odt_rows(path: Path) -> None:
    """An .odt whose one table holds two million rows: 0.6 MB on disk, 200 MB
    of XML once inflated, to be read row by row, never held whole."""
    import io
    import zipfile

    cell = b"<table:table-cell><text:p>ligne</text:p></table:table-cell>"
    row = b"<table:table-row>" + cell + b"</table:table-row>"
    table = (
        b'<table:table xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">'
        + row * 2_000_000
        + b"</table:table></office:text>"
    )
    template = zipfile.ZipFile(io.BytesIO(odt_bytes("Planning", [("Jour 1", "Accueil.")])))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in template.infolist():
            data = template.read(item)
            if item.filename == "content.xml":
                data = data.replace(b"</office:text>", table, 1)
            target.writestr(item, data)


FILES = {
    "bomb.docx": lambda p: hostile_docx(p, image_mb=1024, text="Programme de la visite."),
    "many-paragraphs.docx": lambda p: hostile_docx(p, paragraphs=50_000),
    "one-10mb-run.docx": lambda p: hostile_docx(p, run_mb=10),
    "million-rows.docx": lambda p: hostile_docx(p, rows=2_000_000),
    "truncated.docx": _truncated,
    "300-pages.pdf": lambda p: p.write_bytes(
        pdf_bytes(
            [
                f"Page {n}. La région soutient les coopératives et les artisans." * 8
                for n in range(300)
            ]
        )
    ),
    # Arabic drawn right to left, every line put back in reading order, and a
    # line of punctuation on every page (the runs' pattern must not backtrack).
    "300-pages-ar.pdf": lambda p: p.write_bytes(
        pdf_bytes(
            [
                f"صفحة {n}. تدعم الجهة التعاونيات والحرفيين في إطار البرنامج. " * 8
                + "\n"
                + "." * 2_000
                for n in range(300)
            ],
            font=UNICODE_FONT,
        )
    ),
    # Arabic a reader sees in order on the page (the layout path, not fpdf2's
    # backwards one): 300 pages read where their glyphs stand.
    "300-pages-ar-laid-out.pdf": lambda p: p.write_bytes(
        pdf_bytes(
            [
                get_display(
                    f"صفحة {n}. تدعم الجهة التعاونيات والحرفيين في إطار البرنامج. " * 8,
                    base_dir="R",
                )
                + "\n"
                + "." * 2_000
                for n in range(300)
            ],
            font=UNICODE_FONT,
        )
    ),
    "5mb.html": _html,
    "million-rows.odt": _odt_rows,
    "long-report.ar.txt": _long_report,
}


def _write(name: str, path: Path) -> None:
    FILES[name](path)


def run_one(name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        knowledge = write_docs(Path(tmp) / "knowledge", FIXTURE_DOCS)
        # Written by a process of its own: Linux counts the memory of the
        # process that forks the ingest in the ingest's peak (``ru_maxrss``
        # survives the fork and the exec), and a two-million-row file grows
        # this one by hundreds of megabytes.
        writer = multiprocessing.get_context("spawn").Process(
            target=_write, args=(name, knowledge / name)
        )
        writer.start()
        writer.join()
        size = (knowledge / name).stat().st_size
        env = {
            "PATH": os.environ["PATH"],
            "HF_HUB_OFFLINE": "1",
            "KNOWLEDGE_DIR": str(knowledge),
            "DATA_DIR": str(Path(tmp) / "data"),
        }
        started = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "ingest.py"],
            cwd=ROOT,
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        out, err = child.communicate()
        elapsed = time.monotonic() - started
        peak = _peak(child)
        failed = [line for line in err.splitlines() if line.startswith("FAILED")]
        summary = out.strip().splitlines()[-1] if out.strip() else "(no summary)"
        print(
            f"{name} ({size / 1e6:.1f} MB on disk): exit {child.returncode}, {elapsed:.1f} s, "
            f"peak RSS {peak:.0f} MB"
        )
        print(f"  {failed[0] if failed else 'indexed'}")
        print(f"  {summary}")


_PEAKS: dict[int, float] = {}


def _peak(child: subprocess.Popen) -> float:
    return _PEAKS.get(child.pid, float("nan"))


def _install_reaper() -> None:
    """Record each child's peak RSS as it is reaped (``Popen`` reaps with
    ``waitpid``, which drops the rusage: wrap it)."""

    def waitpid(pid: int, options: int):
        got_pid, status, usage = os.wait4(pid, options)
        if got_pid:
            _PEAKS[got_pid] = usage.ru_maxrss / 1024
        return got_pid, status

    os.waitpid = waitpid  # type: ignore[assignment]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(FILES))
    args = parser.parse_args()
    _install_reaper()
    for name in [args.only] if args.only else FILES:
        run_one(name)


if __name__ == "__main__":
    main()
