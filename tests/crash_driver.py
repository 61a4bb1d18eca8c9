"""One ingestion run without Prefect (flows.run.write_run), for the crash tests to kill.

    python tests/crash_driver.py INPUT_DIR OUT_DIR CHECKPOINT_DOCS [DOC_TIMEOUT]

Without DOC_TIMEOUT documents are extracted in this process (quick to start; a kill then lands
in the writer's process for sure); with it they run in the worker pool under that time limit,
as in a real run. The failpoint to fire comes from DOCINGEST_FAILPOINT (output/failpoints.py).
Exit status 0 when the run finished, 4 when the output disk was full.
"""
from __future__ import annotations

import sys

from extractors.pipeline import Options
from flows.fetch_state import FetchState
from flows.process import process_for_writer
from flows.run import Deferred, local_submitter, write_run
from flows.sources import expand_inputs
from output.parts import stage
from output.writer import OutputFull, RunWriter, new_run_id


def in_process(options, run_id, out):
    return lambda batch: Deferred(lambda: stage([process_for_writer(s, options, run_id) for s in batch], out, run_id))


def main(source: str, out: str, every: int, doc_timeout: float | None = None) -> int:
    options = Options(workers=2, doc_timeout=doc_timeout or 60.0)
    sources, problems = expand_inputs([source], options=options)
    run_id = new_run_id()
    submit = local_submitter(options, run_id, out) if doc_timeout else in_process(options, run_id, out)
    try:
        with RunWriter(out, run_id, inputs=[source], sources=[s.uri for s in sources], checkpoint_docs=every) as writer, \
                FetchState(out) as seen:
            write_run(writer, seen, sources, problems, submit, batch_size=every)
    except OutputFull as exc:
        print(exc, file=sys.stderr)
        return 4
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(args[0], args[1], int(args[2]), float(args[3]) if len(args) > 3 else None))
