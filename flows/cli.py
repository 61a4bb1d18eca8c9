"""The `docingest` command line: `run` (the Prefect flow), `extract` (one file, no Prefect), and readers of an output.

Start-up is kept short on purpose: this module imports only the standard library at the top;
each command imports what it needs, and only `run` imports Prefect. Arguments are checked
before anything slow starts, and every user error is one line on stderr with exit code 2.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flows.prefect_server import TemporaryServer

EXIT_FAILED = 1  # the command ran and found a problem (a quarantined document, a failed check)
EXIT_USAGE = 2  # a bad argument, found before anything started
EXIT_LOCKED = 3  # another run holds the output directory
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT
EXIT_CODES = ("Exit codes: 0 the run finished (bad documents are quarantine entries, not failures); 1 the run failed; "
              "2 a bad argument, found before Prefect starts; 3 another run is writing to --out; 130 Ctrl-C "
              "(what was written is kept; the same command resumes).")
STDIN = "-"
PREFECT_START_TIMEOUT = "180"  # seconds: ephemeral Prefect needed 12-27 s on 2 busy cores; its default (20 s) is too short
RUN_SETTINGS = ("inputs", "out", "include", "exclude", "batch_size", "detector", "language_override", "max_bytes", "ocr",
                "runner", "respect_robots", "allow_private_hosts", "fetch_timeout", "host_rate", "compress",
                "shard_records", "near_dup_threshold", "related_threshold", "quiet", "json", "local")


class UsageError(Exception):
    """A bad argument or setting: reported as one line, exit code 2, before Prefect or any model starts."""


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:  # named by the command they were given to, with that command's nearest option
        command = parser.commands.get(getattr(args, "command", None), parser)
        options = [o for action in command._actions for o in action.option_strings]
        command.error(f"unrecognized arguments: {' '.join(extra)}{_did_you_mean(extra[0].split('=')[0], options)}")
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.func(args)
    except UsageError as exc:
        say(f"{args.command}: {exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        say("interrupted; what was written is kept, and the same command resumes the run")
        return EXIT_INTERRUPTED
    except Terminated as exc:
        import signal

        say(f"stopped by {signal.Signals(exc.signum).name}; what was written is kept, and the same command resumes the run")
        return 128 + exc.signum  # as shells report a process ended by that signal


def say(message: str) -> None:
    print(f"docingest: {message}", file=sys.stderr)


class _Version(argparse.Action):
    """--version, reading the installed version only when asked (keeps --help fast)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, help="print docingest's version and exit")

    def __call__(self, parser, namespace, values, option_string=None):
        from output.record import pipeline_version

        print(f"docingest {pipeline_version()}")
        parser.exit()


class _Parser(argparse.ArgumentParser):
    """argparse's errors as one line (the usage is one `--help` away)."""

    def error(self, message: str):
        invalid = re.search(r"invalid choice: '?([^' ]*)'? \(choose from (.*)\)", message)
        if invalid:
            message += _did_you_mean(invalid.group(1), re.findall(r"[\w-]+", invalid.group(2)))
        self.exit(EXIT_USAGE, f"docingest: {self.prog.removeprefix('docingest').strip() or 'error'}: {message} (see {self.prog} --help)\n")


def _did_you_mean(typed: str, known: list[str]) -> str:
    """A typo's nearest known name, as argparse before Python 3.14 does not suggest one."""
    import difflib

    close = difflib.get_close_matches(typed, known, n=1, cutoff=0.6)
    return f"; did you mean {close[0]}?" if close else ""


def _positive(kind):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text} must be above 0")
        return value

    parse.__name__ = kind.__name__
    return parse


def _share(text: str) -> float:
    value = _positive(float)(text)
    if value > 1:
        raise argparse.ArgumentTypeError(f"{text} must be between 0 and 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="docingest", description="Turn HTML pages, forum threads, PDFs, WARCs and text dumps into clean, language-tagged JSONL.")
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    parser.commands = sub.choices  # name -> its parser, to name the command an unknown option was given to

    run = sub.add_parser("run", help="ingest files, directories, globs, @lists, WARCs, zip/tar archives or URLs into an output directory (Prefect flow)",
                         description="Run the `ingest` Prefect flow. Uses PREFECT_API_URL when set, else Prefect's ephemeral mode. "
                                     "Rerunning into the same --out writes only new or changed documents. " + EXIT_CODES)
    run.add_argument("inputs", nargs="*", metavar="INPUT", help="file, directory, glob, @list.txt (one input a line), WARC, .gz/.zst/.bz2 file, or http(s) URL: "
                     "a page, or an RSS/Atom feed or sitemap whose linked pages are fetched; .zip/.tar archives are opened, a record per file")
    run.add_argument("--config", metavar="FILE", help="TOML file with `inputs`, `out` and any option below (same names, _ for -); "
                     "command-line values win, relative paths are read from the file's directory")
    run.add_argument("--out", metavar="DIR", help="output directory (created if missing)")
    run.add_argument("--include", action="append", metavar="GLOB", help="only files matching this glob (repeatable)")
    run.add_argument("--exclude", action="append", metavar="GLOB", help="skip files matching this glob (repeatable)")
    run.add_argument("--batch-size", type=_positive(int), metavar="N", help="documents per Prefect task run (default 64)")
    run.add_argument("--detector", help="language detector (default: the measured best; 'langdetect' selectable)")
    run.add_argument("--language-override", metavar="LANG",
                     help="relabel detected languages on purpose: a variety relabels only its parent language "
                          "(prs: text detected as Persian becomes Dari, other languages stay); any other code replaces every label")
    run.add_argument("--no-ocr", dest="ocr", action="store_false", default=None,
                     help="do not OCR PDF pages without a text layer (faster; such pages are flagged needs_ocr)")
    run.add_argument("--max-bytes", type=_positive(int), metavar="N", help="quarantine documents larger than this, also after decompression (default 64 MiB)")
    run.add_argument("--runner", help="where batches run: local (threads, default), dask (a local Dask cluster) or dask=tcp://HOST:8786")
    run.add_argument("--local", action="store_true", default=None,
                     help="use Prefect's ephemeral mode even when PREFECT_API_URL names a server")
    run.add_argument("--no-robots", dest="respect_robots", action="store_false", default=None,
                     help="ignore robots.txt (only for sites you own or may crawl); for one URL write 'URL no-robots'")
    run.add_argument("--allow-private-hosts", action="store_true", default=None,
                     help="let URLs reach loopback, private and link-local addresses (refused by default)")
    run.add_argument("--fetch-timeout", type=_positive(float), metavar="SECONDS", help="seconds per HTTP request (default 20)")
    run.add_argument("--host-rate", type=_positive(float), metavar="PER_SECOND", help="HTTP requests per second per host (default 2)")
    run.add_argument("--compress", choices=["gz", "zst"], help="compress record shards (default: plain .jsonl)")
    run.add_argument("--shard-records", type=_positive(int), metavar="N", help="at most this many records per shard file (default 50000; each batch task writes its own shards, so a shard never holds more than one --batch-size)")
    run.add_argument("--near-dup-threshold", type=_share, metavar="SHARE", help="Jaccard similarity that links near-duplicates (default 0.8)")
    run.add_argument("--related-threshold", type=_share, metavar="SHARE", help="content-word similarity that links retold stories (default 0.23)")
    run.add_argument("--quiet", action="store_true", default=None, help="no progress bar or summary table (--json still prints its JSON)")
    run.add_argument("--json", action="store_true", default=None,
                     help="print the run's summary as one JSON object on stdout instead of the table (counts, files, manifest)")
    run.set_defaults(func=cmd_run, settings={a.dest: a for a in run._actions})  # --config values are checked as flags are

    ext = sub.add_parser("extract", help="print the record for one file, URL or stdin (-) as JSON (no Prefect, no output directory)",
                         description="Print the record of one document as JSON on stdout, without Prefect and without an output "
                                     "directory. Exit 0 with a record, 1 when the document was quarantined (its reason on stderr), "
                                     "2 on a bad argument.")
    ext.add_argument("file", metavar="FILE", help="path of the document, an http(s) URL, or - to read stdin; a WARC prints one record per line")
    ext.add_argument("--detector", help="language detector (default: the measured best; 'langdetect' selectable)")
    ext.add_argument("--language-override", metavar="LANG", help="relabel detected languages on purpose (see run --help)")
    ext.add_argument("--no-ocr", dest="ocr", action="store_false", default=None, help="do not OCR PDF pages without a text layer")
    ext.add_argument("--no-robots", dest="respect_robots", action="store_false", default=None, help="for a URL: ignore robots.txt")
    ext.add_argument("--allow-private-hosts", action="store_true", default=None, help="for a URL: allow loopback and private addresses")
    ext.set_defaults(func=cmd_extract)

    ver = sub.add_parser("verify", help="check an output directory: every input accounted for, no duplicates, valid lines",
                         description="Exit 0 when every check passes, 1 when any fails (each failure is printed).")
    ver.add_argument("out_dir", metavar="DIR", help="output directory of earlier runs")
    ver.set_defaults(func=cmd_verify)

    cat = sub.add_parser("cat", help="stream the records of an output directory as JSONL on stdout (all shards, any compression)",
                         description="Stream every record of an output directory, oldest run first, as one JSON object a line "
                                     "(all shards, any compression); fields in docs/schema.md.")
    cat.add_argument("out_dir", metavar="DIR", help="output directory of earlier runs")
    cat.add_argument("--lang", help="only records in this language (e.g. fa)")
    cat.add_argument("--kind", choices=["article", "forum_thread", "document"], help="only records of this kind")
    cat.add_argument("--quarantine", action="store_true",
                     help="stream the quarantine entries instead (uri, error, reason, message: why an input gave no record)")
    cat.set_defaults(func=cmd_cat)

    stats = sub.add_parser("stats", help="counts by kind, language, publisher, month, quarantine reason and duplicates",
                           description="Count the records of an output directory by kind, language, publisher, month, "
                                       "quarantine reason and duplicates, over every run written there.")
    stats.add_argument("out_dir", metavar="DIR", help="output directory of earlier runs")
    stats.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report with charts")
    stats.add_argument("--json", action="store_true", help="print the counts as JSON instead of tables")
    stats.set_defaults(func=cmd_stats)
    return parser


# -- readers of an output directory -------------------------------------------------------------

def require_output(out_dir: str) -> None:
    """One line instead of an empty answer: a missing directory is a usage error, an empty one a failure."""
    from output.reader import INDEX_FILE, MANIFEST_PREFIX, QUARANTINE_PREFIX, RECORDS_PREFIX

    if not os.path.isdir(out_dir):
        raise UsageError(f"{out_dir}: no such directory")
    names = os.listdir(out_dir)
    if not any(n == INDEX_FILE or n.startswith((RECORDS_PREFIX, QUARANTINE_PREFIX, MANIFEST_PREFIX)) for n in names):
        raise UsageError(f"{out_dir} holds no docingest output (no run has finished there)")


def cmd_cat(args) -> int:
    import orjson

    from output.reader import iter_quarantine, iter_records

    require_output(args.out_dir)
    if args.quarantine and (args.lang or args.kind):
        raise UsageError("--lang and --kind select records; quarantine entries have neither")
    lines = iter_quarantine(args.out_dir) if args.quarantine else iter_records(args.out_dir, lang=args.lang, kind=args.kind)
    out = sys.stdout.buffer
    try:
        for record in lines:
            out.write(orjson.dumps(record) + b"\n")
        out.flush()
    except BrokenPipeError:  # `docingest cat OUT | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def cmd_stats(args) -> int:
    import orjson
    from rich.console import Console
    from rich.table import Table

    from output.stats import collect

    require_output(args.out_dir)
    stats = collect(args.out_dir)
    if args.html:
        from output.report import write_report

        write_report(stats, args.html, title=f"docingest: {args.out_dir}")
    if args.json:
        sys.stdout.buffer.write(orjson.dumps(stats.as_dict(), option=orjson.OPT_INDENT_2) + b"\n")
        return 0
    console = Console()
    for group, rows in _grouped(stats.rows()).items():
        table = Table(title=group, show_header=False)
        for row in rows:
            table.add_row(str(row["value"]), str(row["count"]))
        console.print(table)
    if args.html:
        console.print(f"report: {args.html}")
    return 0


def _grouped(rows: list[dict]) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["group"], []).append(row)
    return groups


def cmd_verify(args) -> int:
    from flows.verify import verify

    require_output(args.out_dir)
    report = verify(args.out_dir)
    for problem in report.problems:
        print(f"FAIL {problem}")
    status = "ok" if report.ok else f"{len(report.problems)} problem(s)"
    print(f"verify {args.out_dir}: {report.runs} runs, {report.records} records, {report.quarantined} quarantined, "
          f"{report.inputs_checked} inputs checked: {status}")
    return 0 if report.ok else EXIT_FAILED


# -- extract: one document, no Prefect ----------------------------------------------------------

def _options(args) -> dict:
    opts = {}
    for name in ("detector", "language_override", "max_bytes", "ocr", "respect_robots", "allow_private_hosts", "fetch_timeout", "host_rate"):
        value = getattr(args, name, None)
        if value is not None:
            opts[name] = value
    return opts


def _writer_options(args) -> dict:
    names = ("compress", "shard_records", "near_dup_threshold", "related_threshold")
    return {name: getattr(args, name) for name in names if getattr(args, name) is not None}


def check_language_options(args) -> None:
    """An unknown detector or a malformed language code is a usage error, not a run of quarantined documents."""
    if args.language_override is not None and not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", args.language_override):
        raise UsageError(f"--language-override {args.language_override!r} is not a language code such as prs, fa or ps")
    if args.detector is not None:
        from normalizers.language import get_detector

        try:
            get_detector(args.detector)
        except ValueError as exc:
            raise UsageError(f"--detector: {exc}") from None


def cmd_extract(args) -> int:
    from extractors.pipeline import Options
    from flows.process import process_source
    from flows.sources import Source, is_url, url_source

    check_language_options(args)
    name = args.file
    if name == STDIN:
        source = Source("stdin", "/dev/stdin")
    elif is_url(name):
        source = url_source(name)
    elif os.path.isdir(name):
        raise UsageError(f"{name} is a directory; `docingest run {name} --out DIR` reads directories")
    elif not os.path.isfile(name):
        raise UsageError(f"{name}: no such file")
    else:
        path = os.path.abspath(name)
        source = Source(path, path)
    outcome = process_source(source, Options(**_options(args)))
    outcomes = outcome.get("outcomes", [outcome])
    if "outcomes" not in outcome and "record" in outcome:  # one document: readable JSON
        _write_json(outcome["record"], indent=True)
        return 0
    for each in outcomes:  # a WARC or other container: one record per line (JSONL)
        if "record" in each:
            _write_json(each["record"], indent=False)
        else:
            q = each["quarantine"]
            label = name if q["uri"] == source.uri else q["uri"]
            say(f"{label}: {q['reason']}: {q['message']}")
    return 0 if any("record" in each for each in outcomes) else EXIT_FAILED


def _write_json(record: dict, indent: bool) -> None:
    import orjson

    sys.stdout.buffer.write(orjson.dumps(record, option=orjson.OPT_INDENT_2 if indent else 0) + b"\n")


# -- run: the Prefect flow ----------------------------------------------------------------------

def apply_config(args) -> None:
    """Fill arguments not given on the command line from `--config FILE` (TOML); inputs add up."""
    if not args.config:
        return
    import tomllib

    try:
        with open(args.config, "rb") as fh:
            config = tomllib.load(fh)
    except FileNotFoundError:
        raise UsageError(f"--config {args.config}: no such file") from None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"--config {args.config}: {exc}") from None
    base = os.path.dirname(os.path.abspath(args.config))
    for key, value in config.items():
        name = key.replace("-", "_")
        if name not in RUN_SETTINGS:
            raise UsageError(f"--config {args.config}: unknown setting {key!r} (known: {', '.join(RUN_SETTINGS)})")
        if name in ("inputs", "include", "exclude"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise UsageError(f"--config {args.config}: {key} must be a list of strings")
            if name == "inputs":
                args.inputs = list(args.inputs) + [_beside(base, v) for v in value]
            elif getattr(args, name) is None:
                setattr(args, name, value)
        elif getattr(args, name) is None:
            value = _setting(args.settings[name], value, f"--config {args.config}: {key}")
            setattr(args, name, _beside(base, value) if name == "out" else value)


def _setting(action: argparse.Action, value, where: str):
    """A config value checked the way its flag is: switches take true/false, others their flag's type and choices."""
    if action.nargs == 0:  # --local, --quiet, --no-ocr...: the value the switch would set, or its opposite
        if not isinstance(value, bool):
            raise UsageError(f"{where} must be true or false")
        return value
    if isinstance(value, (list, dict, bool)):
        raise UsageError(f"{where} must be a {'number' if action.type else 'string'}")
    try:
        value = action.type(str(value)) if action.type else str(value)
    except (argparse.ArgumentTypeError, ValueError) as exc:
        raise UsageError(f"{where}: {exc}") from None
    if action.choices and value not in action.choices:
        raise UsageError(f"{where} must be one of {', '.join(action.choices)}")
    return value


def _beside(base: str, value: str) -> str:
    """A relative path (or @list) in a config file means a path next to that file; URLs stay as they are."""
    from flows.sources import is_url

    text = value.strip()
    if not text or is_url(text.split()[0]):
        return text
    at = "@" if text.startswith("@") else ""
    return at + os.path.join(base, text[len(at):])


def check_run_arguments(args) -> int:
    """Every input exists, every option makes sense; returns the number of local documents found."""
    import glob

    from flows.sources import expand_inputs, is_url

    if not args.inputs:
        raise UsageError("no INPUT given (name files, directories, globs, @lists or URLs, or `inputs` in --config)")
    if not args.out:
        raise UsageError("--out DIR is required (or `out` in --config)")
    if os.path.exists(args.out) and not os.path.isdir(args.out):
        raise UsageError(f"--out {args.out} is a file, not a directory")
    kind, _, address = (args.runner or "local").partition("=")
    if kind not in ("local", "dask") or (kind == "local" and address) or (args.runner or "").endswith("="):
        raise UsageError(f"--runner {args.runner!r}: use local, dask or dask=tcp://HOST:8786")
    check_language_options(args)
    found = 0
    for raw in args.inputs:
        text = raw.strip()
        if not text or is_url(text.split()[0]):
            found += bool(text)
        elif text.startswith("@"):
            found += _check_list(text[1:])
        else:
            if not os.path.exists(text) and not glob.glob(text, recursive=True):
                raise UsageError(f"{text}: no such file, directory or matching glob")
            sources, problems = expand_inputs([text], include=args.include, exclude=args.exclude)
            if problems and not sources:  # e.g. a directory holding no file that --include/--exclude let through
                raise UsageError(problems[0]["message"])
            found += len(sources)
            if os.path.isdir(text):
                check_out_not_read_back(text, args.out, args.exclude or [])
    check_writable(args.out)  # last: a mistyped input leaves no empty output directory behind
    return found


def check_out_not_read_back(folder: str, out: str, exclude: list[str]) -> None:
    """`docingest run . --out out` would read its own shards and manifests back as documents on the
    next run; refuse unless an --exclude keeps them out (matched as directories are: relative path)."""
    import fnmatch
    import shlex

    inside = os.path.relpath(os.path.realpath(out), os.path.realpath(folder))
    if inside == ".." or inside.startswith(".." + os.sep):
        return
    if inside == ".":
        raise UsageError(f"--out {out} is the input directory {folder} itself; put --out elsewhere")
    shard = os.path.join(inside, "records-RUN-00000.jsonl")
    if any(fnmatch.fnmatch(shard, pattern) for pattern in exclude):
        return
    raise UsageError(f"--out {out} is inside the input directory {folder}, so the next run would read its own output "
                     f"as documents; put --out elsewhere or add --exclude {shlex.quote(inside + '/*')}")


def check_writable(out: str) -> None:
    """Create the output directory and write into it now: a read-only disk or a path through a file is
    one line here, not a traceback from inside the flow after Prefect's start."""
    import tempfile

    try:
        os.makedirs(out, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        raise UsageError(f"--out {out}: cannot write there ({exc.strerror or exc})") from None


def _check_list(path: str) -> int:
    if not os.path.isfile(path):
        raise UsageError(f"list file {path} does not exist")
    with open(path, encoding="utf-8", errors="replace") as fh:
        entries = [line for line in map(str.strip, fh) if line and not line.startswith("#")]
    if not entries:
        raise UsageError(f"list file {path} lists no inputs (one path, glob or URL per line)")
    return len(entries)


def check_not_locked(out: str) -> None:
    """Refuse before Prefect starts when another run holds the directory (the writer checks again, for races)."""
    import fcntl

    from output.writer import LOCK_FILE

    path = os.path.join(out, LOCK_FILE)
    if not os.path.exists(path):
        return
    with open(path, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Locked(f"another docingest run is writing to {out}; wait for it to finish") from None
        fcntl.flock(fh, fcntl.LOCK_UN)


class Locked(Exception):
    """The output directory is held by another run: one line, exit code 3."""


def launch_temporary_server(local: bool) -> "TemporaryServer | None":
    """Launch Prefect's temporary server before anything imports Prefect (flows.prefect_server), so its
    boot overlaps docingest's own start; None when PREFECT_API_URL in the environment names a server
    (and --local is not given). --local names the server in the environment before Prefect reads its
    settings, so it wins over a PREFECT_API_URL in the profile."""
    if os.environ.get("PREFECT_API_URL") and not local:
        return None
    from flows.prefect_server import TemporaryServer, free_port

    port = free_port()
    if local:
        os.environ["PREFECT_API_URL"] = f"http://127.0.0.1:{port}/api"
    return TemporaryServer(port)


def choose_prefect_api(server: "TemporaryServer | None", local: bool) -> "TemporaryServer | None":
    """The temporary server when this run uses it, else None: Prefect's own settings loader decides,
    so a server configured anywhere Prefect looks (environment, profile, prefect.toml, .env) wins and
    the temporary one is stopped at once."""
    if local:
        return server
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    if not url:
        return server
    if server is not None:
        server.stop()
    check_prefect_api(url)
    return None


def check_prefect_api(url: str) -> None:
    """Make sure the configured server answers before the flow starts, and say how to fall back when it does not."""
    import httpx

    try:
        httpx.get(url.rstrip("/") + "/health", timeout=5)
    except httpx.HTTPError:  # any HTTP answer (even 401 from Prefect Cloud) means the server is there
        raise UsageError(f"the Prefect server at PREFECT_API_URL={url} does not answer; start it, run with --local, "
                         "or forget it with `prefect config unset PREFECT_API_URL`") from None


def start_worker_server() -> None:
    """Start multiprocessing's fork server (which forks the extraction workers) early and with Ctrl-C
    ignored, so the workers inherit that: the terminal's SIGINT reaches the whole process group, and a
    worker hit mid-import prints a traceback. docingest itself handles Ctrl-C and stops them."""
    import multiprocessing.forkserver
    import signal

    # The fork server imports the pipeline and runs one page while Prefect starts: workers fork warm.
    multiprocessing.get_context("forkserver").set_forkserver_preload(["flows.prewarm"])  # = flows.process.WARM_START
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)


def _interrupted(signum, frame):
    """Ctrl-C during a run: Prefect's crash report and tracebacks are silenced; main() says it in one line."""
    import logging

    logging.disable(logging.CRITICAL)
    raise KeyboardInterrupt


class Terminated(BaseException):
    """SIGTERM or SIGHUP during a run (a scheduler's time limit, a closed terminal); a BaseException so that
    no `except Exception` on the way (Prefect's engine, the flow) mistakes it for a failure and carries on."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminated(signum, frame):
    """Leave through the exit handlers, which stop the temporary server (in a session of its own, no signal
    to our process group reaches it) and the worker pool; the signal's default action would orphan them."""
    import logging

    logging.disable(logging.CRITICAL)
    raise Terminated(signum)


@contextmanager
def signals_held(*signums: int) -> Iterator[None]:
    """The first of these signals that arrives inside the block is delivered when the block ends, to the
    handler in force then. Around Prefect's import and the server's launch: an interrupt raised inside
    Prefect's import leaves its modules half-initialised (seen in 6 of 50 early Ctrl-Cs: the process
    killed by SIGINT after its one-line message, or the interrupt lost and the run going on), and one
    between the launch and its exit handler would orphan the server. The import takes about a second,
    so a Ctrl-C is never held longer."""
    import signal

    caught: list[int] = []
    previous = {signum: signal.signal(signum, lambda number, frame: caught.append(number)) for signum in signums}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if caught:
        signal.raise_signal(caught[0])


def cmd_run(args) -> int:
    started = time.monotonic()
    apply_config(args)
    found = check_run_arguments(args)
    try:
        check_not_locked(args.out)
    except Locked as exc:
        say(str(exc))
        return EXIT_LOCKED
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", PREFECT_START_TIMEOUT)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no network for telemetry here
    if args.quiet:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    import signal

    restore = {sig: signal.signal(sig, _terminated) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        with signals_held(signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            server = choose_prefect_api(launch_temporary_server(bool(args.local)), bool(args.local))
        start_worker_server()
        restore[signal.SIGINT] = signal.signal(signal.SIGINT, _interrupted)
        return _run_flow(args, found, server, started)
    finally:
        for sig, handler in restore.items():
            signal.signal(sig, handler)
        head_start = sys.modules.get("flows.head_start")  # not imported (and not begun) when stopped during the boot
        if head_start is not None:
            head_start.stop()  # after the flow, or a Ctrl-C while Prefect starts: no batch begins any more


def begin_head_start(args) -> tuple[str, int]:
    """Name the run and, on the local runner, start extracting its first batches while Prefect's server
    boots (flows.head_start: computed only, written by the flow). Returns the run id and batch size."""
    from extractors.pipeline import Options
    from flows import head_start
    from flows.run import DEFAULT_BATCH
    from output.writer import new_run_id

    run_id, batch_size = new_run_id(), args.batch_size or DEFAULT_BATCH
    if (args.runner or "local") == "local":
        head_start.start(args.inputs, args.out, Options(**_options(args)), run_id, batch_size, args.include, args.exclude)
    return run_id, batch_size


def _run_flow(args, found: int, server: "TemporaryServer | None", started: float) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    run_id, batch_size = begin_head_start(args)
    from prefect.settings import get_current_settings

    from flows import ingest as ingest_module
    from flows.prefect_server import pointed_at
    from output.writer import OutputLocked

    console = Console(stderr=True, quiet=bool(args.quiet))
    progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=console, transient=True, disable=bool(args.quiet))
    # The documents are counted before Prefect starts, so the bar says what is coming during its start.
    task_id = progress.add_task(f"{found} documents found; starting Prefect", total=found or None)

    def on_progress(done: int, total: int) -> None:
        progress.update(task_id, completed=done, total=total, description="ingesting")

    ingest_module.progress_hook = on_progress
    try:
        with progress:
            timeout = get_current_settings().server.ephemeral.startup_timeout_seconds
            with pointed_at(server.wait(timeout) if server is not None else None):
                summary = ingest_module.ingest(
                    inputs=args.inputs, out=args.out, options=_options(args), batch_size=batch_size,
                    include=args.include, exclude=args.exclude, runner=args.runner or "local", writer_options=_writer_options(args),
                    run_id=run_id,
                )
    except OutputLocked as exc:
        say(str(exc))
        return EXIT_LOCKED
    except Exception as exc:  # a bug, not a bad document: Prefect's log above holds the traceback
        say(f"run failed: {type(exc).__name__}: {exc}")
        return EXIT_FAILED
    finally:
        ingest_module.progress_hook = None
    if args.json:
        _write_json({**summary, "seconds_total": round(time.monotonic() - started, 3)}, indent=True)
    else:
        print_summary(console, summary, time.monotonic() - started)
    return 0


def print_summary(console, summary: dict, waited: float) -> None:
    """The run's outcome; `waited` is the command's whole time, since the manifest's seconds count only
    from the flow's start (the first batches may be extracted while Prefect boots)."""
    import shlex

    from rich.table import Table

    table = Table(title=f"docingest run {summary['run_id']} → {summary['out_dir']}", show_header=False)
    table.add_column()
    table.add_column(overflow="fold")  # file names are long and without spaces: folded whole, never cut with "…"
    table.add_row("records written", str(summary["records"]))
    if summary.get("updates"):
        table.add_row("  of them updates", f"{summary['updates']} (later versions of items already written)")
    table.add_row("skipped: unchanged", f"{summary['skipped']} (read in an earlier run, not changed since)")
    for key, title, meaning in (("duplicates", "skipped: duplicate text", "same text as a record already written"),
                                ("not_documents", "skipped: not documents", "archive entries that are no documents: WARC requests and redirects, directories, links")):
        if summary.get(key):  # each input lands in one row, so the rows add up to what was found
            table.add_row(title, f"{summary[key]} ({meaning})")
    table.add_row("quarantined", str(summary["quarantined"]))
    for key, title in (("by_kind", "kinds"), ("by_language", "languages"), ("quarantine_reasons", "quarantine reasons")):
        if summary[key]:
            table.add_row(title, ", ".join(f"{k} {v}" for k, v in sorted(summary[key].items())))
    if summary["quarantined"]:
        table.add_row("why quarantined", f"docingest cat {shlex.quote(summary['out_dir'])} --quarantine")
    table.add_row("files", _shards(summary["files"]))
    table.add_row("manifest", summary["manifest"] or "-")
    table.add_row("seconds", f"{waited:.1f} (Prefect's start included; the flow itself {summary['seconds']:.1f})")
    console.print(table)


def _shards(files: list[dict]) -> str:
    """The run's shards, one a line, or counted in a line: a shard per batch makes thousands on a large crawl."""
    if len(files) <= 3:
        return "\n".join(f["file"] for f in files) or "-"
    return f"{len(files)} shards, {files[0]['file']} … {files[-1]['file']}"


if __name__ == "__main__":
    sys.exit(main())
