"""The public API is pinned: a change to it is a decision, not an accident."""

import newstrace


def test_exported_members() -> None:
    assert sorted(newstrace.__all__) == sorted([
        "SCHEMA", "Dossier", "InputError", "NewstraceError", "Options", "Span",
        "analyze", "analyze_many", "cluster_stories", "__version__",
    ])
    for name in newstrace.__all__:
        assert hasattr(newstrace, name)
