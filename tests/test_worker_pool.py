"""The extraction pool's workers start warm whoever starts the pool: the CLI, a deployment's flow, a script."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# In a fresh interpreter (no fork server yet, as in a Prefect worker running the flow): does a pool
# worker hold the warm-up module before its first document?
ASK_A_WORKER = """
from flows.process import _get_pool
print(_get_pool(1).schedule(eval, args=("'flows.prewarm' in __import__('sys').modules",)).result(timeout=120))
"""


def test_pool_workers_fork_from_a_warm_server():
    done = subprocess.run([sys.executable, "-c", ASK_A_WORKER], cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split()[-1] == "True"
