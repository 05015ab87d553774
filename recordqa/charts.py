"""Small inline SVG charts for the printable reports: no JavaScript, no external files.

Every label is escaped; colours are SVG presentation attributes (no `style` attributes, so a
strict Content-Security-Policy that allows only the page's one style block still applies).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

INK = "#1f2933"
MUTED = "#7b8794"
GRID = "#d9dee3"
DARK = "#2456a6"
LIGHT = "#9cb8e4"
GRADE_COLOURS = {
    "outstanding": "#1b7f3b",
    "good": "#5aa469",
    "requires_improvement": "#e0a100",
    "inadequate": "#c0392b",
}


def _short(label: str, n: int = 44) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"


def _open(width: int, height: int, label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">'
        f"<title>{escape(label)}</title>"
    )


def bars(
    rows: Sequence[tuple[str, float | None, str]],
    *,
    label: str,
    maximum: float = 1.0,
    percent: bool = True,
    colours: Sequence[str] | None = None,
) -> str:
    """A horizontal bar chart: one (label, value, value text) a row; None draws no bar."""
    left, bar_w, right, row_h = 290, 340, 120, 22
    width = left + bar_w + right
    height = row_h * len(rows) + 24
    parts = [_open(width, height, label)]
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = left + tick * bar_w
        parts.append(f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 18}" stroke="{GRID}" stroke-width="1"/>')
        at = tick * maximum
        tick_text = f"{tick * 100:.0f}%" if percent else (f"{at:.0f}" if at.is_integer() else f"{at:.1f}")
        parts.append(
            f'<text x="{x:.1f}" y="{height - 5}" font-size="10" fill="{MUTED}" text-anchor="middle">{tick_text}</text>'
        )
    for i, (name, value, text) in enumerate(rows):
        y = 4 + i * row_h
        parts.append(f"<g><title>{escape(name)}: {escape(text)}</title>")
        parts.append(
            f'<text x="{left - 6}" y="{y + 15}" font-size="12" fill="{INK}" text-anchor="end">{escape(_short(name))}</text>'
        )
        if value is not None and maximum > 0:
            w = max(0.0, min(1.0, value / maximum)) * bar_w
            colour = colours[i] if colours else DARK
            parts.append(f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row_h - 7}" fill="{escape(colour)}"/>')
        parts.append(f'<text x="{left + bar_w + 6}" y="{y + 15}" font-size="12" fill="{INK}">{escape(text)}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def paired_bars(rows: Sequence[tuple[str, float | None, float | None]], *, label: str, names: tuple[str, str]) -> str:
    """Two rates (0..1) a row, drawn as a dark and a light bar: e.g. a worker beside their team."""
    left, bar_w, right, row_h = 290, 320, 100, 30
    width = left + bar_w + right
    height = row_h * len(rows) + 44
    parts = [_open(width, height, label)]
    # legend
    parts.append(f'<rect x="{left}" y="4" width="12" height="10" fill="{DARK}"/>')
    parts.append(f'<text x="{left + 16}" y="13" font-size="11" fill="{INK}">{escape(_short(names[0], 24))}</text>')
    parts.append(f'<rect x="{left + 170}" y="4" width="12" height="10" fill="{LIGHT}"/>')
    parts.append(f'<text x="{left + 186}" y="13" font-size="11" fill="{INK}">{escape(_short(names[1], 24))}</text>')
    top = 22
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = left + tick * bar_w
        parts.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - 18}" stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{height - 5}" font-size="10" fill="{MUTED}" text-anchor="middle">{tick * 100:.0f}%</text>'
        )
    for i, (name, a, b) in enumerate(rows):
        y = top + i * row_h
        a_text = "–" if a is None else f"{100 * a:.0f}%"
        b_text = "–" if b is None else f"{100 * b:.0f}%"
        parts.append(f"<g><title>{escape(name)}: {escape(names[0])} {a_text}, {escape(names[1])} {b_text}</title>")
        parts.append(
            f'<text x="{left - 6}" y="{y + 17}" font-size="12" fill="{INK}" text-anchor="end">{escape(_short(name))}</text>'
        )
        if a is not None:
            parts.append(f'<rect x="{left}" y="{y + 3}" width="{a * bar_w:.1f}" height="11" fill="{DARK}"/>')
        if b is not None:
            parts.append(f'<rect x="{left}" y="{y + 15}" width="{b * bar_w:.1f}" height="11" fill="{LIGHT}"/>')
        parts.append(
            f'<text x="{left + bar_w + 6}" y="{y + 17}" font-size="11" fill="{INK}">{a_text} / {b_text}</text>'
        )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def lines(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None], str]],
    *,
    label: str,
    maximum: float = 100.0,
    unit: str = "",
) -> str:
    """A line chart over `labels` (e.g. months): one (name, values, colour) a series; None is a gap."""
    left, right, top, bottom = 44, 36, 24, 46
    plot_w = max(420, min(680, 60 * len(labels)))
    plot_h = 180
    width, height = left + plot_w + right, top + plot_h + bottom
    n = len(labels)
    parts = [_open(width, height, label)]

    def x_at(i: int) -> float:
        return left + (plot_w / 2 if n == 1 else i * plot_w / (n - 1))

    def y_at(v: float) -> float:
        return top + plot_h - max(0.0, min(1.0, v / maximum)) * plot_h

    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = y_at(tick * maximum)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(
            f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="10" fill="{MUTED}" text-anchor="end">'
            f"{tick * maximum:g}{escape(unit)}</text>"
        )
    step = max(1, n // 12)
    for i, name in enumerate(labels):
        if i % step == 0 or i == n - 1:
            parts.append(
                f'<text x="{x_at(i):.1f}" y="{top + plot_h + 16}" font-size="10" fill="{INK}" '
                f'text-anchor="middle">{escape(name)}</text>'
            )
    for k, (name, values, colour) in enumerate(series):
        points = [(x_at(i), y_at(v), v, labels[i]) for i, v in enumerate(values) if v is not None]
        run: list[str] = []
        for i, v in enumerate(values):
            if v is None:
                if len(run) > 1:
                    parts.append(
                        f'<polyline points="{" ".join(run)}" fill="none" stroke="{escape(colour)}" stroke-width="2"/>'
                    )
                run = []
            else:
                run.append(f"{x_at(i):.1f},{y_at(v):.1f}")
        if len(run) > 1:
            parts.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="{escape(colour)}" stroke-width="2"/>')
        for x, y, v, at in points:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{escape(colour)}">'
                f"<title>{escape(name)}, {escape(at)}: {v:.1f}{escape(unit)}</title></circle>"
            )
        lx = left + k * 170
        parts.append(f'<rect x="{lx}" y="{height - 14}" width="12" height="10" fill="{escape(colour)}"/>')
        parts.append(
            f'<text x="{lx + 16}" y="{height - 5}" font-size="11" fill="{INK}">{escape(_short(name, 24))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
