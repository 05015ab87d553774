"""Short synthetic records for audit tests and the audit benchmark (all made up)."""

from __future__ import annotations

import json
from pathlib import Path

NAMES = ("Amy", "Kyle", "Zainab", "Oscar", "Lacey", "Jayden", "Maya", "Tom")
LINES = (
    'I saw {n} alone in the bedroom. {n} said "I like my new school".',
    "{n} was seen with Mum present. Mum is chaotic and the CIN plan is not working.",
    "Dad said it was rough handling. In my view the home was untidy because the sink was full.",
    "I spoke with {n} on their own in the garden. {n} told me about football.",
    "The TAF meeting discussed the plan. I will visit again on 3 June with the nurse.",
    "Home conditions were good. There was food in the fridge and clean bedding.",
)


def record(i: int) -> dict[str, object]:
    n = NAMES[i % len(NAMES)]
    text = f"Visit {i} to {n}. " + " ".join(LINES[(i + k) % len(LINES)].format(n=n) for k in range(2 + i % 3))
    return {
        "id": f"syn-{i:05d}",
        "text": text,
        "record_type": "visit" if i % 4 else "case_note",
        "metadata": {
            "worker": f"W{i % 7:02d}",
            "team": ("North", "South", "East")[i % 3],
            "event_date": f"2025-{1 + i % 12:02d}-{1 + i % 27:02d}",
            "recorded_date": f"2025-{1 + i % 12:02d}-{2 + i % 27:02d}",
            "case_id": f"C{i % 50}",
        },
    }


def write(path: Path, n: int) -> list[str]:
    """n records as JSON Lines; their ids."""
    rows = [record(i) for i in range(n)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return [str(r["id"]) for r in rows]
