"""The `docingest` command line: `run` (the Prefect flow), `extract` (one file, no Prefect), and readers of an output."""
from __future__ import annotations

import argparse
import os
import sys

import orjson


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    return args.func(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="docingest", description="Turn HTML pages, forum threads, PDFs and text dumps into clean, language-tagged JSONL.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="ingest files, directories, globs, @lists or URLs into an output directory (Prefect flow)",
                         description="Run the `ingest` Prefect flow. Uses PREFECT_API_URL when set, else Prefect's ephemeral mode.")
    run.add_argument("inputs", nargs="+", metavar="INPUT", help="file, directory, glob, @list.txt or http(s) URL")
    run.add_argument("--out", required=True, help="output directory (created if missing)")
    run.add_argument("--include", action="append", help="only files matching this glob (repeatable)")
    run.add_argument("--exclude", action="append", help="skip files matching this glob (repeatable)")
    run.add_argument("--batch-size", type=int, default=64, help="documents per Prefect task run (default 64)")
    run.add_argument("--detector", help="language detector (default: the measured best; 'langdetect' selectable)")
    run.add_argument("--language-override", help="tag every document with this language on purpose (e.g. prs for a Kabul site)")
    run.add_argument("--max-bytes", type=int, help="quarantine documents larger than this (default 64 MiB)")
    run.add_argument("--runner", default="local", help="where batches run: local (threads), dask (a local Dask cluster) or dask=tcp://HOST:8786")
    run.add_argument("--no-robots", dest="respect_robots", action="store_false", default=None,
                     help="ignore robots.txt (only for sites you own or may crawl); for one URL write 'URL no-robots'")
    run.add_argument("--allow-private-hosts", action="store_true", default=None,
                     help="let URLs reach loopback, private and link-local addresses (refused by default)")
    run.add_argument("--fetch-timeout", type=float, help="seconds per HTTP request (default 20)")
    run.add_argument("--host-rate", type=float, help="HTTP requests per second per host (default 2)")
    run.add_argument("--compress", choices=["gz", "zst"], help="compress record shards (default: plain .jsonl)")
    run.add_argument("--shard-records", type=int, help="records per shard file (default 50000)")
    run.add_argument("--near-dup-threshold", type=float, help="Jaccard similarity that links near-duplicates (default 0.8)")
    run.add_argument("--related-threshold", type=float, help="content-word similarity that links retold stories (default 0.23)")
    run.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    run.set_defaults(func=cmd_run)

    ext = sub.add_parser("extract", help="print the record for one file as JSON (no Prefect, no output directory)")
    ext.add_argument("file", help="path of the document")
    ext.add_argument("--detector", help="language detector")
    ext.add_argument("--language-override", help="tag the document with this language on purpose")
    ext.set_defaults(func=cmd_extract)

    ver = sub.add_parser("verify", help="check an output directory: every input accounted for, no duplicates, valid lines",
                         description="Exit 0 when every check passes, 1 when any fails (each failure is printed).")
    ver.add_argument("out_dir", help="output directory of earlier runs")
    ver.set_defaults(func=cmd_verify)

    cat = sub.add_parser("cat", help="stream the records of an output directory as JSONL on stdout (all shards, any compression)")
    cat.add_argument("out_dir", help="output directory of earlier runs")
    cat.add_argument("--lang", help="only records in this language (e.g. fa)")
    cat.add_argument("--kind", choices=["article", "forum_thread", "document"], help="only records of this kind")
    cat.set_defaults(func=cmd_cat)

    stats = sub.add_parser("stats", help="counts by kind, language, publisher, month, quarantine reason and duplicates")
    stats.add_argument("out_dir", help="output directory of earlier runs")
    stats.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report with charts")
    stats.add_argument("--json", action="store_true", help="print the counts as JSON instead of tables")
    stats.set_defaults(func=cmd_stats)
    return parser


def cmd_cat(args) -> int:
    from output.reader import iter_records

    out = sys.stdout.buffer
    try:
        for record in iter_records(args.out_dir, lang=args.lang, kind=args.kind):
            out.write(orjson.dumps(record) + b"\n")
        out.flush()
    except BrokenPipeError:  # `docingest cat OUT | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def cmd_stats(args) -> int:
    from rich.console import Console
    from rich.table import Table

    from output.stats import collect

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

    report = verify(args.out_dir)
    for problem in report.problems:
        print(f"FAIL {problem}")
    status = "ok" if report.ok else f"{len(report.problems)} problem(s)"
    print(f"verify {args.out_dir}: {report.runs} runs, {report.records} records, {report.quarantined} quarantined, "
          f"{report.inputs_checked} inputs checked: {status}")
    return 0 if report.ok else 1


def _options(args) -> dict:
    opts = {}
    for name in ("detector", "language_override", "max_bytes", "respect_robots", "allow_private_hosts", "fetch_timeout", "host_rate"):
        value = getattr(args, name, None)
        if value is not None:
            opts[name] = value
    return opts


def _writer_options(args) -> dict:
    names = ("compress", "shard_records", "near_dup_threshold", "related_threshold")
    return {name: getattr(args, name) for name in names if getattr(args, name) is not None}


def cmd_extract(args) -> int:
    from extractors.pipeline import Options
    from flows.process import process_source
    from flows.sources import Source

    path = os.path.abspath(args.file)
    outcome = process_source(Source(path, path), Options(**_options(args)))
    if "record" in outcome:
        sys.stdout.buffer.write(orjson.dumps(outcome["record"], option=orjson.OPT_INDENT_2) + b"\n")
        return 0
    q = outcome["quarantine"]
    print(f"docingest: {args.file}: {q['reason']}: {q['message']}", file=sys.stderr)
    return 1


def cmd_run(args) -> int:
    # Ephemeral Prefect starts a local server on first use; 12-27 s were measured on 2 cores.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no network for telemetry here
    if args.quiet:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from flows import ingest as ingest_module
    from output.writer import OutputLocked

    console = Console(stderr=True, quiet=args.quiet)
    progress = Progress(TextColumn("[bold]ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=console, transient=True, disable=args.quiet)
    task_id = progress.add_task("ingest", total=None)

    def on_progress(done: int, total: int) -> None:
        progress.update(task_id, completed=done, total=total)

    ingest_module.progress_hook = on_progress
    try:
        with progress:
            summary = ingest_module.ingest(
                inputs=args.inputs, out=args.out, options=_options(args), batch_size=args.batch_size,
                include=args.include, exclude=args.exclude, runner=args.runner, writer_options=_writer_options(args),
            )
    except OutputLocked as exc:
        console.print(f"[red]docingest: {exc}")
        return 3
    finally:
        ingest_module.progress_hook = None
    print_summary(console, summary)
    return 0


def print_summary(console, summary: dict) -> None:
    from rich.table import Table

    table = Table(title=f"docingest run {summary['run_id']} → {summary['out_dir']}", show_header=False)
    table.add_row("records written", str(summary["records"]))
    table.add_row("skipped (already in output)", str(summary["skipped"]))
    table.add_row("quarantined", str(summary["quarantined"]))
    for key, title in (("by_kind", "kinds"), ("by_language", "languages"), ("quarantine_reasons", "quarantine reasons")):
        if summary[key]:
            table.add_row(title, ", ".join(f"{k} {v}" for k, v in sorted(summary[key].items())))
    table.add_row("files", ", ".join(f["file"] for f in summary["files"]) or "-")
    table.add_row("manifest", summary["manifest"] or "-")
    table.add_row("seconds", f"{summary['seconds']:.1f}")
    console.print(table)


if __name__ == "__main__":
    sys.exit(main())
