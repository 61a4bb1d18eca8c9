"""`docingest stats --html`: one self-contained HTML file with charts of an output's Stats.

Charts are inline SVG drawn here: no scripts and no network, so the file opens anywhere,
can be mailed around, and renders the same in a headless browser.
"""
from __future__ import annotations

from datetime import date, timedelta
from html import escape
from pathlib import Path

from output.stats import Stats

TOP = 15  # rows per table or bar chart: the long tail is summed into "other"
PALETTE = ("#3b6ea5", "#e07b39", "#5a9e6f", "#b8505c", "#8a6bb1", "#c9a227", "#4aa3a2", "#7f7f7f")

_CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1000px; color: #222; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
.cards { display: flex; flex-wrap: wrap; gap: .75rem; }
.card { background: #f3f5f8; border-radius: 8px; padding: .6rem 1rem; min-width: 7rem; }
.card b { display: block; font-size: 1.6rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 1.5rem; }
table { border-collapse: collapse; width: 100%; } td { padding: .15rem .5rem; border-bottom: 1px solid #eee; }
td:last-child { text-align: right; font-variant-numeric: tabular-nums; }
svg text { font: 12px system-ui, sans-serif; fill: #333; }
"""


def _top(counts: dict[str, int]) -> list[tuple[str, int]]:
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(items) > TOP:
        items = items[:TOP - 1] + [("other", sum(v for _, v in items[TOP - 1:]))]
    return items


def _bar_chart(counts: dict[str, int]) -> str:
    """Horizontal bars, one per value, longest first."""
    items = _top(counts)
    if not items:
        return "<p>none</p>"
    top, row, label_w, bar_w = max(v for _, v in items), 24, 110, 300
    bars = []
    for i, (label, value) in enumerate(items):
        y, w = i * row, max(1, round(bar_w * value / top))
        bars.append(f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end">{escape(label)}</text>'
                    f'<rect x="{label_w}" y="{y + 4}" width="{w}" height="{row - 8}" rx="3" fill="{PALETTE[i % len(PALETTE)]}"/>'
                    f'<text x="{label_w + w + 6}" y="{y + 16}">{value}</text>')
    return (f'<svg role="img" width="{label_w + bar_w + 60}" height="{row * len(items)}" '
            f'xmlns="http://www.w3.org/2000/svg">{"".join(bars)}</svg>')


def _timeline(days: dict[str, int]) -> str:
    """Documents per publication day as columns, oldest left; every day in the range gets a slot."""
    if not days:
        return "<p>no record has a publication date</p>"
    first, last = date.fromisoformat(min(days)), date.fromisoformat(max(days))
    span = [(first + timedelta(n)).isoformat() for n in range((last - first).days + 1)]
    width, height, top = 900, 160, max(days.values())
    step = width / len(span)
    cols = "".join(
        f'<rect x="{i * step:.1f}" y="{height - height * days[d] / top:.1f}" width="{max(step - 1, 1):.1f}" '
        f'height="{height * days[d] / top:.1f}" fill="{PALETTE[0]}"><title>{d}: {days[d]}</title></rect>'
        for i, d in enumerate(span) if d in days)
    axis = (f'<text x="0" y="{height + 16}">{span[0]}</text>'
            f'<text x="{width}" y="{height + 16}" text-anchor="end">{span[-1]}</text>'
            f'<text x="{width / 2}" y="{height + 16}" text-anchor="middle">highest: {top} per day</text>')
    return f'<svg role="img" width="{width}" height="{height + 22}" xmlns="http://www.w3.org/2000/svg">{cols}{axis}</svg>'


def _table(counts: dict[str, int]) -> str:
    rows = "".join(f"<tr><td>{escape(k)}</td><td>{v}</td></tr>" for k, v in _top(counts))
    return f"<table>{rows}</table>" if rows else "<p>none</p>"


def render(stats: Stats, title: str = "docingest corpus") -> str:
    cards = "".join(f'<div class="card"><b>{v}</b>{k.replace("_", " ")}</div>' for k, v in stats.totals().items())
    by = stats.by
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title><style>{_CSS}</style></head>
<body><h1>{escape(title)}</h1>
<div class="cards">{cards}</div>
<div class="grid">
<section><h2>Languages</h2>{_bar_chart(by["language"])}</section>
<section><h2>Kinds</h2>{_bar_chart(by["kind"])}</section>
</div>
<h2>Documents per day (publication date)</h2>{_timeline(by["day"])}
<div class="grid">
<section><h2>Publishers</h2>{_table(by["publisher"])}</section>
<section><h2>Months</h2>{_table(by["month"])}</section>
<section><h2>Quarantine reasons</h2>{_table(by["quarantine"])}</section>
</div>
</body></html>
"""


def write_report(stats: Stats, path: str | Path, title: str = "docingest corpus") -> Path:
    path = Path(path)
    path.write_text(render(stats, title), encoding="utf-8")
    return path
