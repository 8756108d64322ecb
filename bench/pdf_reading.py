"""How much of a text a PDF gives back: paragraphs written as PDFs, read by the loader.

    python bench/pdf_reading.py [--half fit|check] [--lang ar|en]
                                [--writer fpdf2|fpdf2-shaped|libreoffice|chromium]

Each XQuAD paragraph of the half (``../shared/datasets/``, read-only) is
written as a PDF by one writer of ``bench/pdf_writers.py`` (each writes
Arabic in an order of its own), as an organiser's upload would be made, and
read back by ``bot.knowledge.loaders.load``. Prints the share of the paragraph's word
pairs found again (order matters: a word reversed, moved or cut counts as
lost), with the loader as it is and with pypdf's text alone, and the
loader's median time per PDF (one page each).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pdf_writers import WRITERS, write_pdfs  # noqa: E402

from bot.knowledge.loaders import load  # noqa: E402
from tests.docs import word_pairs  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--half", choices=("fit", "check"), default="fit")
    parser.add_argument("--lang", choices=("ar", "en"), default="ar")
    parser.add_argument("--writer", choices=WRITERS, default="fpdf2")
    args = parser.parse_args()
    from pypdf import PdfReader

    data = json.loads((args.datasets / "xquad-dev" / f"xquad.{args.lang}.json").read_text())
    parity = 0 if args.half == "fit" else 1
    paragraphs = {
        f"p{number:03d}-{i}": p["context"]
        for number, article in enumerate(data["data"])
        if number % 2 == parity
        for i, p in enumerate(article["paragraphs"])
    }
    found = {"loader": 0, "pypdf alone": 0}
    total, took = 0, []
    with tempfile.TemporaryDirectory() as tmp:
        write_pdfs(paragraphs, Path(tmp) / "pdf", args.writer)
        for key, text in paragraphs.items():
            path = Path(tmp) / "pdf" / f"{key}.pdf"
            expected = word_pairs(text)
            total += sum(expected.values())
            raw = " ".join(page.extract_text() for page in PdfReader(path).pages)
            found["pypdf alone"] += sum((word_pairs(raw) & expected).values())
            started = time.perf_counter()
            text = load(path).text
            took.append(time.perf_counter() - started)
            found["loader"] += sum((word_pairs(text) & expected).values())
    print(
        f"XQuAD {args.lang}, {args.half} half, {args.writer}: "
        f"{len(paragraphs)} paragraphs, {total} word pairs"
    )
    for name, hits in found.items():
        print(f"  {name}: {hits / total:.3f} of the word pairs read back")
    print(f"  loader: {1000 * statistics.median(took):.1f} ms per PDF (median)")


if __name__ == "__main__":
    main()
