"""Development and data-building tools, kept out of the installed package: they are for
tests, benchmarks and maintainers, not for users of newstrace.

    hostile.py       the generated corpus of hostile inputs (tests/inputs/test_hostile.py, test_fuzz.py)
    sample.py        a made-up news corpus in every input format `batch` reads
    build_world.py   writes the web page's world map (src/newstrace/web/static/world.json)
    snapshot.py      everything made of a fixed set of real inputs, to compare two versions
                     of the code byte for byte (a refactoring changes nothing)
    code_figures.py  the code's shape: long modules, `Any`, imports among stages, pools

Run them from the repository's root: `.venv/bin/python -m tools.sample DIR`.
"""
