"""Named points where a test can stop a run: killed, out of disk space, or hung.

Crash recovery is only proven if the kill lands where it hurts (between a shard's fsync and its
rename, between the rename and the state commit...). A timer cannot aim that well; a failpoint
can. Set `DOCINGEST_FAILPOINT=name:when[:action]` in the environment of the run under test:
`when` is the hit count that fires (3 = the third time the point is passed) or `@text`, firing
when the point's key (a document's uri) contains `text`; `action` is `kill` (SIGKILL to this
process, the default), `enospc` (the write fails as on a full disk) or `hang` (sleep for an hour).
Unset, each point costs one comparison.
"""
from __future__ import annotations

import errno
import os
import signal
import time

ENV = "DOCINGEST_FAILPOINT"
ACTIONS = ("kill", "enospc", "hang")


def _parse(spec: str | None) -> tuple[str, str, str] | None:
    """(name, when, action) from the environment's spec.

    >>> _parse("shard_rename:2")
    ('shard_rename', '2', 'kill')
    >>> _parse("extract:@doc7.txt:hang")
    ('extract', '@doc7.txt', 'hang')
    """
    if not spec:
        return None
    name, when, action = (spec.split(":") + ["kill"])[:3]
    if action not in ACTIONS or not (when.isdigit() or when.startswith("@")):
        raise ValueError(f"{ENV}={spec!r}: expected name:count[:{'|'.join(ACTIONS)}] or name:@text[:action]")
    return name, when, action


_armed = _parse(os.environ.get(ENV))
_hits = 0


def armed(name: str) -> bool:
    """Whether this point may fire in this process (lets a writer split a line only under test)."""
    return _armed is not None and _armed[0] == name


def hit(name: str, key: str = "") -> None:
    """Pass the point `name`; fires when the environment says so."""
    global _hits
    if _armed is None or _armed[0] != name:
        return
    _hits += 1
    when = _armed[1]
    if (when.startswith("@") and when[1:] in key) or (when.isdigit() and _hits == int(when)):
        _fire(name, _armed[2])


def _fire(name: str, action: str) -> None:
    if action == "enospc":
        raise OSError(errno.ENOSPC, f"No space left on device (failpoint {name})")
    if action == "hang":
        time.sleep(3600)
        return
    os.kill(os.getpid(), signal.SIGKILL)
