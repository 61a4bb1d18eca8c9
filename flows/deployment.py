"""Entry point of the deployments in prefect.yaml (`flows/deployment.py:ingest`).

Prefect loads an entry point from its file path, as a module named after the file. Loaded so,
flows/ingest.py would become a module `ingest` that a Dask worker cannot import, and the flow's
tasks could not be unpickled on a real cluster. Importing the flow here by its package name keeps
every pickled reference importable wherever docingest is installed (tests/test_cluster.py).
"""
from flows.ingest import ingest

__all__ = ["ingest"]
