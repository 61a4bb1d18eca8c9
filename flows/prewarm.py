"""Importing this module runs one small page through a worker's whole path, so a process forked after it starts warm.

`docingest run` has multiprocessing's fork server import it (flows.cli.start_worker_server) while
Prefect's server starts: the extraction workers forked from it then share the imported modules (the
worker entry point and pool included), the loaded language model, the compiled schema, the date
parsers' locale patterns and the duplicate sketch's tables, instead of each paying ~1 s of CPU for
them on its first document (and again after every recycle). It must never raise: the fork server
stops on an import that fails with anything but ImportError.
"""
from __future__ import annotations

# A page that takes the common path: HTML, a dated headline, body paragraphs, language detection.
_PAGE = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bridge reopens - Example News</title>
<meta property="og:type" content="article"></head><body><article><h1>Bridge reopens after repairs</h1>
<p class="byline">By A. Writer</p><time datetime="2024-03-04T08:15:00Z">4 March 2024</time>
<p>The old bridge over the river reopened on Monday after three months of repairs to its piers.</p>
<p>Traffic was light in the morning, and the council said buses would return to the route next week.</p>
</article></body></html>"""


def warm() -> None:
    try:
        import pebble.pool.process  # noqa: F401  (the pool's worker loop runs in the forked workers)

        from extractors.pipeline import extract_document
        from flows import process  # noqa: F401  (the workers' entry point, process_for_writer)
        from output.dedup import fingerprint

        fingerprint(extract_document(_PAGE, "https://example.org/prewarm"))
    except Exception:  # a warm-up only; the real document will report whatever this hit
        pass


warm()
