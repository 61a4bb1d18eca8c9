"""Extractors: bytes of one input kind to a draft record."""
import sys

# pymupdf 2 imports its optional ONNX layout model (pymupdf.layout) on every import, ~2 s of
# start-up per process; our PDF reading order is our own, so keep that model from loading.
sys.modules.setdefault("pymupdf.layout", None)
