"""The committed tune/validation lists are what the by-site rule gives, and no site straddles them."""
import pytest

from benchmarks import splits

pytestmark = pytest.mark.skipif(not splits.EVAL.is_dir(), reason="../shared/eval is not beside the checkout")


def test_committed_lists_match_the_rule():
    assert splits.main(["--check"]) == 0


@pytest.mark.parametrize("name", ["aeb-dev", "wcxb-dev", "wcxb-forum-dev", "forum-posts-dev"])
def test_no_site_on_both_sides(name):
    keys = splits.sets()[name]
    tune, validation = (splits.ids(name, part) for part in splits.PARTS)
    assert tune and validation and not tune & validation
    assert not {keys[i] for i in tune} & {keys[i] for i in validation}
    assert 0.2 < len(validation) / len(keys) < 0.4
