"""The record schema's validator read back from the byte-code cache behaves as fastjsonschema.compile's."""
from __future__ import annotations

import fastjsonschema
import pytest

from output import compiled_schema

SCHEMA = {"$id": "https://example.test/thing.json", "type": "object", "required": ["id"],
          "properties": {"id": {"type": "string", "pattern": "^[a-f0-9]{4}$"}, "n": {"type": "integer", "default": 3}}}
GOOD, BAD = {"id": "ab12"}, {"id": "nope"}


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(compiled_schema.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def _same_as_fastjsonschema(check) -> None:
    reference = fastjsonschema.compile(SCHEMA, use_default=False)
    assert check(dict(GOOD)) == reference(dict(GOOD)) == GOOD  # use_default=False: no "n" added
    for validate in (check, reference):
        with pytest.raises(fastjsonschema.JsonSchemaValueException, match="must match pattern"):
            validate(BAD)


def test_compiled_once_then_read_from_the_cache(cache):
    _same_as_fastjsonschema(compiled_schema.validator(SCHEMA, use_default=False))
    files = list(cache.glob("schema-*.pyc"))
    assert len(files) == 1
    _same_as_fastjsonschema(compiled_schema.validator(SCHEMA, use_default=False))
    assert list(cache.glob("*")) == files  # read back, no second file, no temporary left behind


def test_other_options_or_schema_get_their_own_file(cache):
    compiled_schema.validator(SCHEMA, use_default=False)
    with_default = compiled_schema.validator(SCHEMA)
    assert with_default({"id": "ab12"}) == {"id": "ab12", "n": 3}
    compiled_schema.validator({**SCHEMA, "required": []}, use_default=False)
    assert len(list(cache.glob("schema-*.pyc"))) == 3


def test_a_damaged_cache_file_is_compiled_again(cache):
    compiled_schema.validator(SCHEMA, use_default=False)
    (damaged,) = cache.glob("schema-*.pyc")
    damaged.write_bytes(b"\xe3 not byte-code")
    _same_as_fastjsonschema(compiled_schema.validator(SCHEMA, use_default=False))
    assert damaged.read_bytes() != b"\xe3 not byte-code"


def test_an_unwritable_cache_still_validates(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(compiled_schema.CACHE_ENV, str(blocker / "cache"))  # a directory cannot be made here
    _same_as_fastjsonschema(compiled_schema.validator(SCHEMA, use_default=False))
