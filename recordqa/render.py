"""A result as text for a terminal: the record with findings marked in place, then a table."""

from __future__ import annotations

from .models import Finding, Result

COLOURS = {
    "child-voice": "32",
    "seen-alone": "36",
    "fact-opinion": "35",
    "jargon": "33",
    "minimising-language": "31",
    "respectful-language": "91",
    "readability": "34",
    "analysis": "96",
    "actions": "94",
}
STATUS = {"pass": "✓ pass", "warn": "! warn", "fail": "✗ fail", "not_applicable": "- n/a"}


def _problems(result: Result) -> list[Finding]:
    found = [f for c in result.checks for f in c.findings if f.severity != "info"]
    return sorted(found, key=lambda f: (f.start, -f.end))


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def mark_text(text: str, findings: list[Finding], colour: bool) -> str:
    """The text with each finding's span bracketed and numbered; overlaps keep the outer."""
    out: list[str] = []
    pos = 0
    n = 0
    for f in findings:
        n += 1
        if f.start < pos:
            continue
        out.append(text[pos : f.start])
        span = text[f.start : f.end]
        if colour:
            out.append(f"\x1b[4;{COLOURS.get(f.check, '37')}m{span}\x1b[0m\x1b[2m[{n}]\x1b[0m")
        else:
            out.append(f"[{span}]({n})")
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


def render_result(result: Result, text: str, name: str = "", colour: bool = False) -> str:
    findings = _problems(result)
    bold = (lambda s: f"\x1b[1m{s}\x1b[0m") if colour else (lambda s: s)
    lines = [bold(f"== {name or result.id or 'record'} ({result.record_type}, profile {result.profile})"), ""]
    lines.append(mark_text(text, findings, colour))
    lines.append("")
    for n, f in enumerate(findings, 1):
        ln, col = _line_col(text, f.start)
        lines.append(f"{n:>3}. {ln}:{col} {f.severity:<10} {f.code}: {f.message}")
        if f.suggestion:
            lines.append(f"       → {f.suggestion}")
        if f.standard:
            lines.append(f"       standard: {f.standard.authority}, {f.standard.source} line {f.standard.line}")
    lines.append("")
    lines.append(f"{'check':<22}{'status':<10}{'score':>6}  summary")
    for c in result.checks:
        lines.append(f"{c.id:<22}{STATUS[c.status]:<10}{c.score:>6.2f}  {c.summary}")
    lines.append("")
    lines.append(bold(f"score {result.score:.1f} / 100, grade: {result.grade.replace('_', ' ')}"))
    return "\n".join(lines)
