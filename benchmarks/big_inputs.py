"""Big legitimate inputs against the per-document time limit: seconds and peak memory, each in a fresh process.

A user's 20 MB text file or a page of 200,000 paragraphs is not an attack, and losing it to the
per-document timeout (Options.doc_timeout) loses real text. Each input is made here from a fixed
seed (no data files), then read by `extract_document` in a fresh Python process, so the peak RSS is
that one document's (plus the imports'), and beside it raw `trafilatura.extract` on the HTML ones in
its own fresh process. Times depend on the machine: read the ratios, and the margin to the limit.

    .venv/bin/python -m benchmarks.big_inputs [--mb 20] [--only plain_text,br_lines] [--no-peer]

Runs of 2026-12-07, 2 cores shared with five other jobs (load 5-7: read the seconds as an upper bound;
peak MB hardly depends on load). Sixth session start -> end of the seventh (each child now reads its input
from a file as `docingest extract FILE` does); trafilatura from the sixth session's run:

    input          docingest s        peak MB              trafilatura s, MB   records
    plain_text     123.1 ->  66.2     503 -> 353           -                   same
    br_lines        34.4 ->  26.0     714 -> 297-302       20.2, 909           same
    paragraphs     108.4 ->  59.0     623 -> 285-294       578.1, 933          same
    persian_text   198.8 ->  72.1     913 -> 329           -                   same
    comments (20 MB, 56,000 comments)
                    66.4 ->  52.5     829 -> 491-507       -                   same
    comments (8 MB)  12.8 (14.0 CPU s) -> 12.5 CPU s, 354 -> 219-227 MB; trafilatura 6.5 s, 338 MB

Eighth session, run of 2026-12-08 01:05 UTC (load 3-5), code as committed in 325d5d5 (the seconds are upper bounds):

    input          docingest s   peak MB (seventh -> eighth)
    plain_text         35.2      353
    br_lines           14.0      297-302 -> 257
    paragraphs         29.9      285-294 -> 269
    persian_text       27.5      329
    comments           33.6      491-507 -> 479
    table              37.2      978 -> 842   (new: was read as 255,000 forum posts in 175 s wall)
    text_node           5.5      458 -> 158   (new: one <pre> of the whole size)
    then (01:55 UTC, after proxies of cut-out parts are let go last to first, see html_article.let_go):
    table              44.2      768
    tag_cloud          10.5      486          (new: before, 60,000 pruned tag links alone took 129 s)

What holds the memory now: libxml2's own tree (a 20 MB page of 56,000 classed comments is 250-310 MB of C
nodes and attributes before any of ours; 280,000 <p>s ~140 MB), the bytes and the decoded string (freed before
the article walk unless a forum engine re-reads it), and ~40 MB of imports. This session: the heap is handed
back after the parse (extractors/memory.py), language blocks are sliced when read, the forum detector keeps
attribute values with positions instead of lxml strings holding their elements, and an engine re-parses the
page only when its post selector matches. What still holds the English text inputs over half the 60 s limit:
a language guess per paragraph (fasttext, ~100 us each, the record's blocks need it) and
normalizers.boilerplate.grade_line per line, both linear. The comment page lost its first 65 s to libxml2:
`//*[@class]` merges one node set per parent in time quadratic in the result; the same elements asked for as
`/descendant::*[@class]` come in 0.03 s (html_dates.other_text_sections).
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = 7  # fixed, so every run reads the same bytes
_ENGLISH = (
    "the of and to in that is was for on with as by at from this have are not but had his they were which "
    "an be their one all has been would there more when who will no out up said what its about than into "
    "them can only other new some could time these two may then first any like now my such make over our "
    "even most after also did many before must through back years where much your way well down should "
    "because each just those people how too little state good very world still own see men work long here "
    "government city report market council water school family company minister week court house morning"
).split()
_PERSIAN = (
    "و در به از که این را با است برای آن یک خود تا کرد بر هم نیز گفت شده شود دارد می‌شود بود کند سال "
    "ایران دولت مجلس وزیر شهر کشور مردم روز هفته گزارش بازار آب مدرسه خانواده شرکت دادگاه خانه صبح کار "
    "جهان خوب بسیار هنوز اما پس پیش باید همه چند دیگر جدید اول دو سه زمان"
).split()


def _sentence(rng: random.Random, words: list[str], stop: str) -> str:
    """8-18 words, one of them a number or a year as ordinary prose has ("in 2019", "12 percent")."""
    chosen = [rng.choice(words) for _ in range(rng.randint(8, 18))]
    chosen.insert(rng.randint(1, len(chosen)), str(rng.choice((rng.randint(2, 99), rng.randint(1950, 2030)))))
    return " ".join(chosen).capitalize() + stop


def _paragraph(rng: random.Random, words: list[str], stop: str = ".") -> str:
    return " ".join(_sentence(rng, words, stop) for _ in range(rng.randint(1, 2)))


def _fill(size: int, make) -> list[str]:
    """Paragraphs from `make()` until their UTF-8 size reaches `size` bytes."""
    out, total = [], 0
    while total < size:
        out.append(make())
        total += len(out[-1].encode()) + 2
    return out


def plain_text(size: int) -> bytes:
    """Ordinary English paragraphs, blank-line separated (a long report saved as .txt)."""
    rng = random.Random(SEED)
    return ("Annual Report\n\n" + "\n\n".join(_fill(size, lambda: _paragraph(rng, _ENGLISH)))).encode()


def persian_text(size: int) -> bytes:
    """The same in Persian: two bytes a letter, and the Arabic-script repairs on every line."""
    rng = random.Random(SEED)
    return ("گزارش سالانه\n\n" + "\n\n".join(_fill(size, lambda: _paragraph(rng, _PERSIAN, ".")))).encode()


def _page(title: str, body: str) -> bytes:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>".encode()


def br_lines(size: int) -> bytes:
    """One <p> holding every line, separated by <br>: a log or a poem pasted into one paragraph."""
    rng = random.Random(SEED)
    return _page("Annual Report", "<p>" + "<br>\n".join(_fill(size, lambda: _sentence(rng, _ENGLISH, "."))) + "</p>")


def paragraphs(size: int) -> bytes:
    """A page of many <p>s: a book chapter or a long report as one HTML page."""
    rng = random.Random(SEED)
    return _page("Annual Report", "".join(f"<p>{p}</p>\n" for p in _fill(size, lambda: _sentence(rng, _ENGLISH, "."))))


def comments(size: int) -> bytes:
    """An article under a reader comment section as news sites print one: each comment an <li> with its
    author's link, a <time>, its paragraphs and a reply link, every one classed."""
    rng = random.Random(SEED)
    body = "".join(f"<p>{_paragraph(rng, _ENGLISH)}</p>" for _ in range(40))
    count = iter(range(1 << 30))

    def comment() -> str:
        i, day = next(count), rng.randint(1, 28)
        return (f"<li class='comment' id='comment-{i}'><div class='comment-author'><a href='/u/{i}'>reader{i}</a></div>"
                f"<time datetime='2024-03-{day:02d}'>March {day}, 2024</time><div class='comment-body'><p>"
                f"{_paragraph(rng, _ENGLISH)}</p></div><a class='reply' href='#comment-{i}'>Reply</a></li>\n")
    thread = "".join(_fill(size, comment))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Annual Report</title></head><body><article>"
            f"<h1>Annual Report</h1><p class='byline'>By Jane Doe</p>{body}</article><section id='comments'>"
            f"<ol class='comment-list'>{thread}</ol></section></body></html>").encode()


def table(size: int) -> bytes:
    """A data table of dated rows: a price list or a log exported as one HTML page (its rows repeat and carry
    dates as posts do)."""
    rng = random.Random(SEED)
    count = iter(range(1 << 30))

    def row() -> str:
        i = next(count)
        return (f"<tr><td>{i}</td><td>{rng.choice(_ENGLISH).capitalize()} {rng.randint(1, 99999)}</td>"
                f"<td>{rng.randint(1, 9999)}.{rng.randint(0, 99):02d}</td><td>2024-03-{rng.randint(1, 28):02d}</td></tr>")
    return _page("Price list", "<table>" + "\n\n".join(_fill(size, row)) + "</table>")


def text_node(size: int) -> bytes:
    """One <pre> holding every paragraph: a plain-text file served as a page, one text node of the whole size."""
    rng = random.Random(SEED)
    return _page("Annual Report", "<pre>" + "\n\n".join(_fill(size, lambda: _sentence(rng, _ENGLISH, "."))) + "</pre>")


def tag_cloud(size: int) -> bytes:
    """An article beside a sidebar of tag links and a picker of every tag (a blog's tag cloud, a shop's filter):
    chrome the article path cuts out, tens of thousands of elements at once."""
    rng = random.Random(SEED)
    body = "".join(f"<p>{_paragraph(rng, _ENGLISH)}</p>" for _ in range(20))
    count = iter(range(1 << 30))

    def tag() -> str:
        i = next(count)
        return f"<li><a href='/tag/{i}'>{rng.choice(_ENGLISH)} {i}</a></li><option value='{i}'>{i}</option>"
    tags = "".join(_fill(size // 2, tag))  # printed twice: as links and as options
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Annual Report</title></head><body><article>"
            f"<h1>Annual Report</h1>{body}</article><aside class='sidebar'><ul>{tags}</ul><select>{tags}</select></aside>"
            "</body></html>").encode()


INPUTS = {  # name: (maker, file name, has an HTML peer)
    "plain_text": (plain_text, "big.txt", False),
    "br_lines": (br_lines, "big.html", True),
    "paragraphs": (paragraphs, "big.html", True),
    "persian_text": (persian_text, "big.txt", False),
    "comments": (comments, "big.html", True),
    "table": (table, "big.html", True),
    "text_node": (text_node, "big.html", True),
    "tag_cloud": (tag_cloud, "big.html", True),
}


def measure(name: str, path: Path, reader: str) -> dict:
    """Read one input file in this process, as `docingest extract FILE` would; the caller runs it in a fresh one
    (made here, the input's million Python strings would leave the process tens of MB larger before it starts)."""
    file_name = INPUTS[name][1]
    data = path.read_bytes()
    start = time.perf_counter()
    outcome = "ok"
    if reader == "docingest":
        from extractors.pipeline import extract_document
        from output.errors import IngestError

        try:
            record = extract_document(data, f"file:///{file_name}")
            outcome = f"ok {len(record['text'])} chars"
        except IngestError as err:
            outcome = type(err).__name__
    else:
        import trafilatura

        outcome = f"ok {len(trafilatura.extract(data.decode()) or '')} chars"
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB
    return {"bytes": len(data), "seconds": seconds, "peak_mb": peak_mb, "outcome": outcome}


def _fresh(name: str, path: Path, reader: str) -> dict:
    cmd = [sys.executable, "-m", "benchmarks.big_inputs", "--child", name, "--path", str(path), "--reader", reader]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20, help="size of each input in MB (20: what took over a minute, the per-document limit, before this round)")
    parser.add_argument("--only", default=",".join(INPUTS), help="comma-separated input names")
    parser.add_argument("--no-peer", action="store_true", help="skip trafilatura")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--reader", default="docingest", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.path, args.reader)))
        return
    size = int(args.mb * 1_000_000)
    print(f"{'input':<13} {'MB':>5} {'docingest s':>11} {'peak MB':>7} {'trafilatura s':>13} {'peak MB':>7} {'ratio':>6}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.only.split(","):
            path = Path(tmp) / INPUTS[name][1]
            path.write_bytes(INPUTS[name][0](size))
            _report(name, path, args.no_peer)


def _report(name: str, path: Path, no_peer: bool) -> None:
    ours = _fresh(name, path, "docingest")
    peer = _fresh(name, path, "trafilatura") if INPUTS[name][2] and not no_peer else None
    peer_cols = f"{peer['seconds']:>13.1f} {peer['peak_mb']:>7.0f} {ours['seconds'] / max(peer['seconds'], 1e-3):>6.1f}" if peer else f"{'-':>13} {'-':>7} {'-':>6}"
    print(f"{name:<13} {ours['bytes'] / 1e6:>5.1f} {ours['seconds']:>11.1f} {ours['peak_mb']:>7.0f} {peer_cols}  {ours['outcome']}", flush=True)

if __name__ == "__main__":
    main()
