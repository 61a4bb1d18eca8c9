"""Reproducible installs: pyproject's ranges, constraints.txt's pins and the tested venv agree.

CI installs with `-c constraints.txt`, so the pins are what the suite ran against; these checks
keep pyproject honest about it: every range has an upper bound, its lower bound is the tested
minor release (not an older one nobody ran), and the pin falls inside it.
"""
from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
UNPINNED = {"readability-lxml"}  # a benchmark peer that pins chardet<6; constraints.txt says why it is left out


def _requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    return [Requirement(r) for r in [*project["dependencies"], *(r for group in extras.values() for r in group)]]


def _pins() -> dict[str, Version]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        name, sep, version = line.split("#", 1)[0].strip().partition("==")
        if sep:
            pins[canonicalize_name(name)] = Version(version)
    return pins


@pytest.mark.parametrize("req", _requirements(), ids=str)
def test_each_range_is_bounded_and_starts_at_the_tested_release(req):
    if canonicalize_name(req.name) in UNPINNED:
        pytest.skip(f"{req.name} is deliberately not pinned")
    pinned = _pins()[canonicalize_name(req.name)]
    assert req.specifier.contains(pinned), f"constraints.txt pins {req.name}=={pinned}, outside {req.specifier}"
    assert any(s.operator == "<" for s in req.specifier), f"{req} has no upper bound"
    lower = next(Version(s.version) for s in req.specifier if s.operator == ">=")
    assert lower.release[:2] == pinned.release[:2], f"{req}: lower bound {lower} was not tested (CI runs {pinned})"


def test_the_venv_runs_the_pinned_versions():
    """The suite runs against the pins: installs go through `-c constraints.txt` (README, scripts/test)."""
    pins = _pins()
    core = [canonicalize_name(r.name) for r in _requirements() if not r.marker and canonicalize_name(r.name) in pins]
    installed = {name: Version(metadata.version(name)) for name in core if _installed(name)}
    assert installed and all(installed[name] == pins[name] for name in installed), \
        {n: str(v) for n, v in installed.items() if v != pins[n]}


def _installed(name: str) -> bool:
    try:
        metadata.version(name)
        return True
    except metadata.PackageNotFoundError:
        return False


def test_readme_opens_with_the_two_set_up_commands_and_ci_runs_the_second():
    """A new user copies README's first block: one line installs and runs the samples, one runs the suite;
    CI must run that same command, so what the user runs is what was tested."""
    readme = (ROOT / "README.md").read_text()
    first_block = readme.split("```bash\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(first_block) == 2, first_block
    install, test = first_block
    assert install.startswith("python3 -m venv .venv && .venv/bin/pip install -c constraints.txt -e .")
    assert install.endswith(".venv/bin/docingest run samples/ --out out/")
    assert (ROOT / test.split()[0]).is_file() and test.split()[0] in (ROOT / ".ci" / "run").read_text()
