"""Development and data-building tools, kept out of the installed package: they are for
tests, benchmarks and maintainers, not for users of newstrace.

    hostile.py       the generated corpus of hostile inputs (tests/inputs/test_hostile.py, test_fuzz.py)
    sample.py        a made-up news corpus in every input format `batch` reads
    build_world.py   writes the web page's world map (src/newstrace/web/static/world.json)

Run them from the repository's root: `.venv/bin/python -m tools.sample DIR`.
"""
