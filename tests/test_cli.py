"""The command line as a new user meets it: every mistake is one line on stderr with a clear exit
code and no traceback, found before Prefect starts; extract reads files, stdin, URLs and WARCs."""
from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.cli import EXIT_INTERRUPTED, EXIT_LOCKED, EXIT_USAGE, apply_config, check_run_arguments, main
from output.writer import RunWriter
from tests.warc_fixtures import ROOT, gzip_members, sample_crawl

TEXT = "Water Levels Rise\n\nThe river rose by two metres overnight and the old bridge was closed to traffic.\n"


def _cli(capsys, *argv):
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's own checks (types, choices) exit from inside
        code = exc.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("docingest: ")
    return lines[0]


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "river.txt").write_text(TEXT)
    return folder


@pytest.mark.parametrize("argv, says", [
    (["run", "{tmp}/missing.txt", "--out", "{tmp}/out"], "missing.txt: no such file"),
    (["run", "@{tmp}/nolist.txt", "--out", "{tmp}/out"], "list file"),
    (["run", "@{tmp}/empty.txt", "--out", "{tmp}/out"], "lists no inputs"),
    (["run", "{tmp}/in", "--out", "{tmp}/out", "--detector", "nosuch"], "unknown language detector 'nosuch'"),
    (["run", "{tmp}/in", "--out", "{tmp}/out", "--runner", "threads"], "--runner 'threads'"),
    (["run", "{tmp}/in", "--out", "{tmp}/out", "--language-override", "Dari!"], "not a language code"),
    (["run", "{tmp}/in", "--out", "{tmp}/in/river.txt"], "is a file, not a directory"),
    (["run", "{tmp}/in", "--out", "{tmp}/empty.txt/sub"], "empty.txt/sub: cannot write there (Not a directory)"),
    (["run", "{tmp}/in", "--out", "{tmp}/in/out"], "would read its own output as documents; put --out elsewhere or add --exclude 'out/*'"),
    (["run", "{tmp}/in", "--out", "{tmp}/in/"], "is the input directory"),
    (["run", "{tmp}/in", "--include", "*.pdf", "--out", "{tmp}/out"], "holds no matching files"),
    (["run", "{tmp}/in"], "--out DIR is required"),
    (["run", "--out", "{tmp}/out"], "no INPUT given"),
    (["run", "{tmp}/in", "--out", "{tmp}/out", "--batch-size", "0"], "must be above 0"),
    (["run", "{tmp}/in", "--out", "{tmp}/out", "--compress", "rar"], "invalid choice"),
    (["extract", "{tmp}/missing.html"], "missing.html: no such file"),
    (["extract", "{tmp}/in"], "is a directory"),
    (["extract", "{tmp}/in/river.txt", "--detector", "nosuch"], "unknown language detector"),
    (["cat", "{tmp}/nowhere"], "no such directory"),
    (["stats", "{tmp}/nowhere"], "no such directory"),
    (["verify", "{tmp}/nowhere"], "no such directory"),
    (["cat", "{tmp}/in"], "holds no docingest output"),
    (["stat", "{tmp}/in"], "invalid choice: 'stat'"),
    (["run", "{tmp}/in", "--outt", "{tmp}/out"], "docingest: run: unrecognized arguments: --outt"),
    (["stats", "{tmp}/in"], "holds no docingest output"),
])
def test_a_bad_argument_is_one_line_and_exit_2(tmp_path, docs, capsys, argv, says):
    (tmp_path / "empty.txt").write_text("# nothing yet\n\n")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    code, _out, err = _cli(capsys, *argv)
    assert code == EXIT_USAGE
    assert says in _one_line(err)


@pytest.mark.parametrize("argv, suggestion", [
    (["stat", "out"], "; did you mean stats?"),
    (["run", "in", "--outt", "out"], "; did you mean --out?"),
    (["extract", "page.html", "--no-orc"], "; did you mean --no-ocr?"),
    (["cat", "out", "--kind", "artcle"], "; did you mean article?"),
    (["show", "out"], None),  # nothing near: no guess
])
def test_a_typo_names_the_nearest_command_option_or_value(capsys, argv, suggestion):
    code, _out, err = _cli(capsys, *argv)
    line = _one_line(err)
    assert code == EXIT_USAGE
    assert suggestion in line if suggestion else "did you mean" not in line


def test_an_output_inside_an_input_directory_is_fine_once_excluded(docs):
    args = _parsed(["run", str(docs), "--out", str(docs / "out" / "news"), "--exclude", "out/*"])
    assert check_run_arguments(args) == 1 and (docs / "out" / "news").is_dir()


def test_a_mistyped_input_leaves_no_output_directory_behind(tmp_path, capsys):
    code, _out, _err = _cli(capsys, "run", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out"))
    assert code == EXIT_USAGE and not (tmp_path / "out").exists()


def test_cat_quarantine_streams_why_inputs_gave_no_record(tmp_path, capsys):
    with RunWriter(tmp_path) as writer:
        writer.write_quarantine(uri="/in/scan.png", error="UnsupportedFormat", reason="unsupported_format",
                                message="binary data (png), not HTML, PDF or text")
    code, out, _err = _cli(capsys, "cat", str(tmp_path), "--quarantine")
    assert code == 0
    assert [(q["uri"], q["reason"]) for q in map(json.loads, out.splitlines())] == [("/in/scan.png", "unsupported_format")]
    code, _out, err = _cli(capsys, "cat", str(tmp_path), "--quarantine", "--lang", "fa")
    assert code == EXIT_USAGE and "quarantine entries have neither" in _one_line(err)


def test_argument_errors_come_before_prefect_is_imported(tmp_path):
    code = ("import sys; from flows.cli import main; "
            f"code = main(['run', {str(tmp_path / 'missing')!r}, '--out', {str(tmp_path / 'out')!r}]); "
            "print(code, 'prefect' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.split() == ["2", "False"], proc.stderr


@pytest.mark.parametrize("argv", [["--help"], ["run", "--help"], ["extract", "--help"], ["stat", "x"]])
def test_help_and_typos_import_nothing_heavy(argv):
    """`docingest --help` and a typo answer at once: the pipeline, Prefect and rich load only for a command's work."""
    code = ("import sys, contextlib, io; from flows.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
            f"    try: main({argv!r})\n"
            "    except SystemExit: pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'prefect', 'rich', 'orjson', 'extractors', 'normalizers', 'output', 'httpx'}))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.stdout.strip() == "[]", proc.stdout + proc.stderr


def test_version_and_help(capsys):
    code, out, _err = _cli(capsys, "--version")
    assert code == 0 and out.startswith("docingest ")
    code, help_text, _err = _cli(capsys, "run", "--help")
    assert code == 0
    assert "--config FILE" in help_text and "--local" in help_text and "--no-ocr" in help_text
    assert "text detected as Persian becomes Dari" in " ".join(help_text.split())
    assert "3 another run is writing to --out; 130 Ctrl-C" in " ".join(help_text.split())


@pytest.mark.parametrize("command", ["run", "extract", "verify", "cat", "stats"])
def test_every_command_s_help_says_what_it_does_before_its_options(capsys, command):
    code, help_text, _err = _cli(capsys, command, "--help")
    usage, description = help_text.split("\n\n")[:2]
    assert code == 0 and usage.startswith(f"usage: docingest {command}")
    assert not description.lstrip().startswith(("positional arguments", "options")), "no description"


def test_extract_reads_stdin():
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "extract", "-"], input=TEXT.encode(),
                          capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    record = json.loads(proc.stdout)
    assert record["source"]["uri"] == "stdin" and record["title"] == "Water Levels Rise"


def test_extract_a_url_says_what_went_wrong_about_the_url(capsys):
    code, _out, err = _cli(capsys, "extract", "http://127.0.0.1:9/page")
    assert code == 1
    line = _one_line(err)
    assert line.startswith("docingest: http://127.0.0.1:9/page: blocked_url:") and os.getcwd() not in line


def test_extract_a_warc_prints_one_record_per_capture(tmp_path, capsys):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip_members(sample_crawl()))
    code, out, err = _cli(capsys, "extract", str(path))
    assert code == 0 and not err
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["kind"] for r in records] == ["article", "forum_thread"]
    assert records[0]["source"]["container"]["target_uri"] == records[0]["source"]["uri"]


def test_extract_a_gzipped_page(tmp_path, capsys):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress((ROOT / "samples" / "article.html").read_bytes()))
    code, out, _err = _cli(capsys, "extract", str(path))
    assert code == 0 and json.loads(out)["source"]["uri"] == str(path)


def test_run_refuses_a_locked_directory_before_prefect_starts(docs, tmp_path, capsys):
    out = tmp_path / "out"
    with RunWriter(out):
        code, _out, err = _cli(capsys, "run", str(docs), "--out", str(out))
    assert code == EXIT_LOCKED and "another docingest run is writing to" in _one_line(err)


def test_unreachable_prefect_server_names_both_ways_out(docs, tmp_path):
    env = {**os.environ, "PREFECT_API_URL": "http://127.0.0.1:9/api"}
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "run", str(docs), "--out", str(tmp_path / "out")],
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == EXIT_USAGE
    line = _one_line(proc.stderr)
    assert "does not answer" in line and "--local" in line and "prefect config unset PREFECT_API_URL" in line


def _parsed(argv):
    from flows.cli import build_parser

    return build_parser().parse_args(argv)


def test_config_file_supplies_inputs_and_options_relative_to_itself(tmp_path, docs):
    config = tmp_path / "conf" / "news.toml"
    config.parent.mkdir()
    config.write_text('inputs = ["../in", "https://example.org/feed.xml"]\nout = "../out"\n'
                      'language-override = "prs"\nbatch_size = 8\n')
    args = _parsed(["run", "--config", str(config), "--batch-size", "4"])
    apply_config(args)
    assert args.inputs == [str(config.parent / "../in"), "https://example.org/feed.xml"]
    assert args.out == str(config.parent / "../out") and args.language_override == "prs"
    assert args.batch_size == 4  # the command line wins
    assert check_run_arguments(args) == 2  # the documents the progress bar announces while Prefect starts


def test_config_file_mistakes_are_usage_errors(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('inputs = ["x"]\nworkers = 3\n')
    code, _out, err = _cli(capsys, "run", "--config", str(bad))
    assert code == EXIT_USAGE and "unknown setting 'workers'" in _one_line(err)
    bad.write_text("inputs = [")
    code, _out, err = _cli(capsys, "run", "--config", str(bad))
    assert code == EXIT_USAGE and str(bad) in _one_line(err)
    code, _out, err = _cli(capsys, "run", "--config", str(tmp_path / "none.toml"))
    assert code == EXIT_USAGE and "no such file" in _one_line(err)
    for setting, says in (("batch_size = 0", "must be above 0"), ('compress = "rar"', "must be one of gz, zst"),
                          ('quiet = "yes"', "must be true or false"), ('include = "*.html"', "list of strings")):
        bad.write_text(f'inputs = ["x"]\n{setting}\n')
        code, _out, err = _cli(capsys, "run", "--config", str(bad))
        assert code == EXIT_USAGE and says in _one_line(err), setting


@pytest.fixture
def api_env(prefect_harness):
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}


def test_run_with_relative_inputs_verifies_from_anywhere(tmp_path, api_env):
    work = tmp_path / "work"
    (work / "in").mkdir(parents=True)
    (work / "in" / "river.txt").write_text(TEXT)
    (work / "in" / "crawl.warc.gz").write_bytes(gzip_members(sample_crawl()))
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "run", "in", "--out", "out", "--quiet", "--json"], cwd=work,
                          env={**api_env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    summary = json.loads(proc.stdout)  # --json: the summary alone on stdout, for scripts
    assert (summary["records"], summary["not_documents"], summary["out_dir"]) == (3, 8, "out")
    manifest = json.loads(next((work / "out").glob("manifest-*.json")).read_text())
    assert manifest["inputs"] == [str(work / "in")]
    assert manifest["counts"]["records"] == 3 and manifest["counts"]["not_documents"] == 8
    (work / "in" / "later.txt").write_text(TEXT.replace("river", "lake"))  # the watched directory grows
    check = subprocess.run([sys.executable, "-m", "flows.cli", "verify", str(work / "out")], cwd=tmp_path,
                           env={**api_env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout
    assert "2 inputs checked: ok" in check.stdout


def test_ctrl_c_is_one_line_and_the_run_resumes(tmp_path, api_env):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(1500):  # small batches of many documents: still running when Ctrl-C comes
        (folder / f"doc{i:04d}.txt").write_text(f"Report {i}\n\nThe council of district {i} met about road {i}.\n")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "flows.cli", "run", str(folder), "--out", str(out)]
    err_path = tmp_path / "stderr"
    with open(err_path, "wb") as err:
        proc = subprocess.Popen([*cmd, "--batch-size", "2"], env=api_env, stdout=subprocess.DEVNULL, stderr=err,
                                start_new_session=True)
        deadline = time.monotonic() + 300
        while b"documents from" not in err_path.read_bytes() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        assert proc.poll() is None, "the run ended before it could be interrupted"
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal does: the whole foreground process group
        proc.wait(timeout=300)
    stderr = err_path.read_text()
    assert proc.returncode == EXIT_INTERRUPTED, stderr[-2000:]
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1] == "docingest: interrupted; what was written is kept, and the same command resumes the run"
    again = subprocess.run([*cmd, "--quiet"], env=api_env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-2000:]
    done = subprocess.run([sys.executable, "-m", "flows.cli", "verify", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_no_ocr_reaches_the_pipeline_options(tmp_path):
    from flows.cli import _options

    assert _options(_parsed(["run", "x", "--out", "o", "--no-ocr"]))["ocr"] is False
    assert "ocr" not in _options(_parsed(["run", "x", "--out", "o"]))  # the pipeline's default decides


def test_readme_scheduling_ends_with_the_undo_and_gitignore_covers_what_it_creates():
    readme = (ROOT / "README.md").read_text()
    schedule = readme.split("## Run it on a schedule", 1)[1].split("\n## ", 1)[0]
    last_block = schedule.rsplit("```bash", 1)[1]
    assert "prefect config set PREFECT_API_URL" in schedule and "prefect config unset PREFECT_API_URL" in last_block
    ignored = (ROOT / ".gitignore").read_text().split()
    assert {"sources.txt", "out/"} <= set(ignored)


@pytest.mark.slow
@pytest.mark.parametrize("configured, flags", [(None, []), ("http://127.0.0.1:9/api", ["--local"])])
def test_run_without_a_server_starts_a_temporary_one_and_stops_it(tmp_path, docs, prefect_home, configured, flags):
    """No PREFECT_API_URL, or --local whatever it names: docingest starts Prefect's server itself
    (flows.prefect_server) and stops it at exit."""
    home = prefect_home
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", PYTHONPATH=str(ROOT))
    if configured:
        env["PREFECT_API_URL"] = configured
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "run", str(docs), "--out", str(tmp_path / "out"), *flags],
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr and "View at" not in proc.stderr  # the temporary server serves no UI
    assert json.loads(next((tmp_path / "out").glob("manifest-*.json")).read_text())["counts"]["records"] == 1
    assert not _ours(home), "the temporary server outlived the run"


def test_pointed_at_a_temporary_server_then_back():
    from prefect.settings import PREFECT_API_URL

    from flows.prefect_server import pointed_at

    before = (os.environ.get("PREFECT_API_URL"), PREFECT_API_URL.value())
    with pointed_at("http://127.0.0.1:9/api"):
        assert os.environ["PREFECT_API_URL"] == PREFECT_API_URL.value() == "http://127.0.0.1:9/api"
    assert (os.environ.get("PREFECT_API_URL"), PREFECT_API_URL.value()) == before


def test_the_summary_gives_the_whole_wait_not_only_the_flow_s():
    """The first batches may be extracted while Prefect boots, so the flow's own seconds can be near zero:
    the table says what the user waited."""
    from rich.console import Console

    from flows.cli import print_summary

    console = Console(record=True, width=200)
    summary = {"run_id": "r", "out_dir": "out", "records": 15, "skipped": 0, "quarantined": 1, "by_kind": {},
               "by_language": {}, "quarantine_reasons": {}, "files": [], "manifest": "manifest-r.json", "seconds": 0.1}
    print_summary(console, summary, 12.34)
    assert "12.3 (Prefect's start included; the flow itself 0.1)" in console.export_text()


def test_the_summary_accounts_for_every_input_and_cuts_no_file_name():
    from rich.console import Console

    from flows.cli import print_summary

    console = Console(record=True, width=80)
    shard = "records-20261207T133345.064314Z-712004-00000.jsonl"
    summary = {"run_id": "r", "out_dir": "out", "records": 1, "updates": 1, "skipped": 2, "duplicates": 3, "quarantined": 4,
               "by_kind": {}, "by_language": {}, "quarantine_reasons": {"blocked_url": 4}, "files": [{"file": shard}],
               "manifest": "manifest-r.json", "seconds": 0.1}
    print_summary(console, summary, 1.0)
    text = console.export_text()
    assert "…" not in text and shard in "".join(line.strip("│ ") for line in text.splitlines())
    for row in ("of them updates", "skipped: unchanged", "skipped: duplicate text", "docingest cat out --quarantine"):
        assert row in text, row


# -- the temporary server, launched before Prefect is imported ------------------------------------

@pytest.fixture
def answering_server():
    """Something answering HTTP on loopback, as a configured Prefect server would (any answer counts)."""
    import http.server
    import threading

    class Health(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api"
    server.shutdown()


def test_a_server_configured_for_prefect_wins_and_the_temporary_one_stops_at_once(answering_server):
    """Prefect's settings loader decides after the speculative launch: a configured server (here through
    the settings, as a profile or prefect.toml would set it) stops ours before the flow starts."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.cli import choose_prefect_api
    from flows.prefect_server import TemporaryServer

    server = TemporaryServer()
    with temporary_settings(updates={PREFECT_API_URL: answering_server}):
        assert choose_prefect_api(server, local=False) is None
    assert server.process.poll() is not None  # stopped and reaped: no orphan left to exit later
    local = TemporaryServer()
    try:
        with temporary_settings(updates={PREFECT_API_URL: answering_server}):
            assert choose_prefect_api(local, local=True) is local  # --local: ours whatever is configured
        with temporary_settings(restore_defaults={PREFECT_API_URL}):
            assert choose_prefect_api(local, local=False) is local  # nothing configured: Prefect's ephemeral mode
    finally:
        local.stop()


def test_an_unreachable_configured_server_still_stops_the_temporary_one():
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.cli import UsageError, choose_prefect_api
    from flows.prefect_server import TemporaryServer

    server = TemporaryServer()
    with temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:9/api"}), pytest.raises(UsageError, match="does not answer"):
        choose_prefect_api(server, local=False)
    assert server.process.poll() is not None


def _ours(home):
    """Processes started with this Prefect home: docingest, its fork server and workers, its temporary server."""
    import psutil

    def started_here(p):
        try:
            return p.environ().get("PREFECT_HOME") == str(home)
        except psutil.Error:
            return False

    return [p for p in psutil.process_iter() if started_here(p) and p.status() != psutil.STATUS_ZOMBIE]


@pytest.fixture
def prefect_home(tmp_path):
    """A Prefect home for one run; whatever the run left running with it is killed afterwards, so a failing
    test leaves no server behind (the tests assert there is nothing to kill)."""
    home = tmp_path / "prefect-home"
    yield home
    for process in _ours(home):
        process.kill()


@pytest.mark.slow
def test_a_server_named_in_the_prefect_profile_runs_the_flow_and_no_temporary_server_is_left(tmp_path, docs, api_env, prefect_home):
    """PREFECT_API_URL only in the profile (not the environment): the speculative server starts, Prefect's
    loader finds the profile's server, ours stops; the flow runs there."""
    from prefect.client.orchestration import get_client

    home = prefect_home
    home.mkdir()
    (home / "profiles.toml").write_text(f'active = "remote"\n\n[profiles.remote]\nPREFECT_API_URL = "{api_env["PREFECT_API_URL"]}"\n')
    env = {k: v for k, v in api_env.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(home), PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "run", str(docs), "--out", str(tmp_path / "out"), "--quiet"],
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    run_id = json.loads(next((tmp_path / "out").glob("manifest-*.json")).read_text())["run_id"]
    with get_client(sync_client=True) as client:
        assert any(run.parameters.get("run_id") == run_id for run in client.read_flow_runs())
    assert not _ours(home), "the speculative server outlived the run"


@pytest.mark.slow
@pytest.mark.parametrize("signum, to_group, code, says", [
    (signal.SIGINT, True, EXIT_INTERRUPTED, "interrupted"),  # Ctrl-C: the terminal signals the foreground group
    (signal.SIGTERM, False, 128 + signal.SIGTERM, "stopped by SIGTERM"),  # a scheduler's time limit: docingest alone
])
def test_stopped_while_the_temporary_server_boots_is_one_line_and_leaves_no_process(tmp_path, docs, prefect_home, signum, to_group,
                                                                                  code, says):
    """The earliest stop: the server is launched, Prefect not yet imported (the server has a session of its own,
    so only docingest can stop it)."""
    import psutil

    home = prefect_home
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "run", str(docs), "--out", str(tmp_path / "out")],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if any("uvicorn" in " ".join(p.cmdline()) for p in psutil.Process(proc.pid).children()):
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before its server could be seen"
    (os.killpg if to_group else os.kill)(proc.pid, signum)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == code, stderr[-2000:]
    assert _one_line(stderr.decode()) == f"docingest: {says}; what was written is kept, and the same command resumes the run"
    assert not _ours(home), "processes outlived the run"


@pytest.mark.slow
def test_a_temporary_server_that_fails_to_start_fails_the_run_and_leaves_no_process(tmp_path, docs, prefect_home):
    home = prefect_home
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", PYTHONPATH=str(ROOT),
               PREFECT_API_DATABASE_CONNECTION_URL=f"sqlite+aiosqlite:///{tmp_path / 'no-such-dir' / 'prefect.db'}")
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "run", str(docs), "--out", str(tmp_path / "out")],
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1, proc.stderr[-2000:]
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("docingest: run failed: ServerFailed: Prefect's temporary server stopped")
    log = Path(last.rsplit("its log: ", 1)[1])  # the server's own error is in its log, not on the terminal
    assert "Traceback" in log.read_text() and "Traceback" not in proc.stderr
    log.unlink()
    assert not _ours(home), "processes outlived the run"


def test_the_temporary_server_writes_to_its_log_never_to_the_terminal(capfd, monkeypatch):
    """A server stopped under a Ctrl-C prints pages of tracebacks; what it prints goes to a log file, which is
    removed once the server has stopped as asked."""
    from flows.prefect_server import TemporaryServer

    monkeypatch.setenv("PREFECT_SERVER_LOGGING_LEVEL", "DEBUG")  # a server that has something to say
    server = TemporaryServer()
    server.wait(120)
    assert server.log.read_text().strip()
    server.stop()
    assert not server.log.exists()
    assert capfd.readouterr().err == ""


def test_run_summary_names_few_shards_one_a_line_and_many_in_one_line():
    """A shard per batch makes thousands of files on a large crawl: the summary counts them."""
    from flows.cli import _shards

    files = [{"file": f"records-R-{i:05d}.jsonl"} for i in range(27)]
    assert _shards(files) == "27 shards, records-R-00000.jsonl … records-R-00026.jsonl"
    assert _shards(files[:2]) == "records-R-00000.jsonl\nrecords-R-00001.jsonl"
    assert _shards([]) == "-"


def _fields(node: dict) -> set[str]:
    return set(node.get("properties", {}))


def test_every_field_the_schema_allows_is_explained_in_the_docs():
    """A new user reads docs/schema.md (and docs/wire.md for `delivery`), not the JSON Schema: each
    field a record may carry is named there, nested ones included."""
    import re

    schema = json.loads((ROOT / "output" / "record.schema.json").read_text())
    props = schema["properties"]
    named = set(re.findall(r"`([\w.]+)`", (ROOT / "docs" / "schema.md").read_text()))
    expected = _fields(schema) - {"source"}
    expected |= {f"source.{name}" for name in _fields(props["source"])}
    for nested in (props["source"]["properties"]["container"], schema["$defs"]["post"], props["pdf"], props["pipeline"],
                   props["near_duplicates"]["items"], props["related"]["items"], props["contributors"]["items"]):
        expected |= _fields(nested)
    assert not expected - named, f"docs/schema.md does not explain {sorted(expected - named)}"
    wire = set(re.findall(r"`(?:delivery)?\.?(\w+)`", (ROOT / "docs" / "wire.md").read_text()))
    assert not _fields(props["delivery"]) - wire, f"docs/wire.md does not explain {sorted(_fields(props['delivery']) - wire)}"
