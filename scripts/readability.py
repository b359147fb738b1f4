"""Print readability figures for every English page; exit 1 if a sentence is over 25 words.

.venv/bin/python scripts/readability.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from safetysite.contacts import load_contacts
from safetysite.readability import LIMIT, measure

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    contacts = load_contacts(ROOT / "data" / "contacts.yml")
    print(f"{'page':28} {'sentences':>9} {'mean':>5} {'longest':>7} {'ease':>6} {'grade':>6}")
    failed = 0
    for page in sorted((ROOT / "docs").rglob("*.md")):
        report = measure(page.read_text(encoding="utf-8"), contacts)
        print(
            f"{page.name:28} {len(report.sentences):9} {report.mean:5.1f} {report.longest:7} "
            f"{report.flesch_reading_ease:6.1f} {report.flesch_kincaid_grade:6.1f}"
        )
        for sentence in report.too_long():
            print(f"  over {LIMIT} words ({len(sentence.split())}): {sentence}")
            failed += 1
    print("ease: Flesch reading ease (higher is easier; 80+ suits a reading age of about 9)")
    print("grade: Flesch-Kincaid grade level (4 is a reading age of about 9)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
