"""Builds extractors._stext, the compiled reader of MuPDF's structured text (docs/pdf.md, "Compiled reader").

Everything else about the package is in pyproject.toml. The C source reads MuPDF's structs with the
headers the pymupdf wheel ships (pymupdf/mupdf-devel/include), so the build needs the same pymupdf as
the run ([build-system] requires pins it; extractors/pdf_stext.py checks the version at import). The
extension is optional: where it cannot be built, installing still works and PDFs are read by the
Python reader (one warning in the log).
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools import Extension, setup


def mupdf_include() -> list[str]:
    """pymupdf's MuPDF headers, found without importing pymupdf (which takes most of a second)."""
    spec = importlib.util.find_spec("pymupdf")
    if spec is None or not spec.submodule_search_locations:
        return []
    include = Path(next(iter(spec.submodule_search_locations))) / "mupdf-devel" / "include"
    return [str(include)] if include.is_dir() else []


setup(
    ext_modules=[
        Extension(
            "extractors._stext",
            sources=["extractors/_stext.c"],
            include_dirs=mupdf_include(),
            extra_compile_args=["-O2", "-ffp-contract=off"],  # no fused multiply-add: floats as MuPDF and Python compute them
            optional=True,
        )
    ]
)
