"""Stages by name, checked for order; custom stages plug in like built-in ones."""

from __future__ import annotations

import pytest

import newstrace
from newstrace.config import Options
from newstrace.errors import PipelineError
from newstrace.pipeline import Pipeline, Work, register_factory, stage
from newstrace.stages import DEFAULT_STAGES


def test_default_pipeline_is_in_a_valid_order() -> None:
    pipeline = Pipeline(DEFAULT_STAGES, Options())
    assert pipeline.names == list(DEFAULT_STAGES)
    for row in pipeline.describe():
        assert set(row) == {"name", "reads", "adds"}


def test_unknown_stage_is_named() -> None:
    with pytest.raises(PipelineError, match="no_such_stage"):
        Pipeline(["decode", "no_such_stage"], Options())


def test_a_stage_reading_what_nothing_adds_is_refused() -> None:
    with pytest.raises(PipelineError, match="reads blocks"):
        Pipeline(["decode", "clean_text"], Options())


def test_a_stage_registered_twice_is_refused() -> None:
    with pytest.raises(PipelineError, match="twice"):
        register_factory("decode", lambda options: None)  # type: ignore[arg-type,return-value]


def test_custom_stage_runs_in_its_place() -> None:
    @stage("test_shout_title", reads=("metadata.title",), adds=("metadata.title",))
    def shout(work: Work) -> None:
        if work.dossier.metadata.title:
            work.dossier.metadata.title = work.dossier.metadata.title.upper()

    names = list(DEFAULT_STAGES)
    names.insert(names.index("title") + 1, "test_shout_title")
    options = Options(stages=tuple(names))
    text = "Quiet title\n\nQuiet title\n\nA body paragraph with a sentence. And another one here."
    assert newstrace.analyze(text, content_type="text", options=options).metadata.title == "QUIET TITLE"


def test_the_architecture_doc_lists_the_default_stages_in_order() -> None:
    import re
    from pathlib import Path
    doc = (Path(__file__).parent.parent / "docs" / "architecture.md").read_text("utf-8")
    listed = doc.split("The default stages, in order:", 1)[1].split("(`DEFAULT_STAGES`", 1)[0]
    assert re.findall(r"`(\w+)`", listed) == list(DEFAULT_STAGES)


def test_the_architecture_doc_names_every_module_and_folder_of_the_package() -> None:
    """docs/architecture.md's tree names each top-level module and each folder of the
    package (data's and store's sub-folders in their lines), and nothing that is gone."""
    import re
    from pathlib import Path

    root = Path(__file__).parent.parent
    package = root / "src" / "newstrace"
    doc = (root / "docs" / "architecture.md").read_text("utf-8")
    tree = doc.split("```\nsrc/newstrace/\n", 1)[1].split("```", 1)[0]
    named = set(re.findall(r"^  (\S+)", tree, flags=re.M))
    present = {p.name for p in package.glob("*.py")} | {
        p.name + "/" for p in package.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert named == present
    for folder in package.glob("*/*/"):
        if folder.is_dir() and folder.name not in ("__pycache__", "static", "versions"):
            assert f"{folder.name}/" in tree, f"{folder.parent.name}/{folder.name}/ is not in the tree"


def test_every_exception_class_of_the_package_is_in_errors() -> None:
    """One exceptions module: no module of the package defines an exception class of
    its own but the web's BodyTooLarge (it must be Starlette's HTTPException)."""
    import ast
    from pathlib import Path

    package = Path(__file__).parent.parent / "src" / "newstrace"
    elsewhere = []
    for path in package.rglob("*.py"):
        if path.name == "errors.py" and path.parent == package:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                if any(b.endswith(("Error", "Exception")) for b in bases) or node.name.endswith("Error") \
                        and bases & {"Exception", "ValueError", "RuntimeError"}:
                    elsewhere.append(f"{path.relative_to(package)}: {node.name}")
    assert elsewhere == ["web/app.py: BodyTooLarge"]


def test_development_tools_are_outside_the_package() -> None:
    """The hostile-input generator, the made-up corpus and the map builder are tools
    (tools/), not part of what `pip install newstrace` installs."""
    from pathlib import Path

    package = Path(__file__).parent.parent / "src" / "newstrace"
    for name in ("hostile.py", "scale/sample.py", "web/build_world.py"):
        assert not (package / name).exists(), name
    import tools.build_world
    import tools.hostile
    import tools.sample

    assert tools.hostile.CASES and callable(tools.sample.write_corpus)
    assert tools.build_world.OUT == package.resolve() / "web" / "static" / "world.json"
    import subprocess
    import sys

    check = subprocess.run([sys.executable, "-m", "tools.build_world", "--check"], capture_output=True,
                           text=True, timeout=300, cwd=package.parent.parent)
    assert check.returncode == 0, check.stderr           # the page's map is what the tool writes


def test_hand_overs_are_declared_fields_the_check_sees() -> None:
    """Issue 20: no `scratch` dictionary; every hand-over between stages is a field of
    Work that a default stage adds and a later one reads, and a stage naming something
    that is no field of Work or of the dossier is refused."""
    from dataclasses import fields
    from pathlib import Path

    from newstrace.api import get_pipeline
    from newstrace.pipeline import FIELDS, Pipeline, Work

    names = [f.name for f in fields(Work)]
    assert "scratch" not in names
    package = Path(__file__).parent.parent / "src" / "newstrace"
    assert not [p for p in package.rglob("*.py") if "scratch" in p.read_text("utf-8")]
    hand_overs = names[names.index("error") + 1:]
    assert "speech_acts" in hand_overs and "site_candidates" in hand_overs
    described = get_pipeline(Options()).describe()
    for field_name in hand_overs:
        adders = [i for i, s in enumerate(described) if field_name in s["adds"]]
        readers = [i for i, s in enumerate(described) if field_name in s["reads"]]
        assert adders and readers and min(adders) < min(readers), field_name

    @stage("test_reads_a_private_note", reads=("private_note",), adds=())
    def reads_a_note(work: Work) -> None:
        pass

    assert "private_note" not in FIELDS
    with pytest.raises(PipelineError, match="private_note.*no field of Work"):
        Pipeline([*DEFAULT_STAGES, "test_reads_a_private_note"], Options())


def test_one_module_per_stage_named_after_it_and_no_stage_imports_another() -> None:
    """Issue 20: stages/NAME.py holds the stage NAME and nothing else registers there;
    what two stages share lives in a helper layer (newstrace.text, newstrace.nlp), so no
    module of stages/ imports another, and nothing outside stages/ imports a stage's
    module (the package's __init__ gives the list, DEFAULT_STAGES)."""
    import ast
    from pathlib import Path

    from newstrace.pipeline import FunctionStage

    package = Path(__file__).parent.parent / "src" / "newstrace"
    modules = sorted(p.stem for p in (package / "stages").glob("*.py") if p.stem != "__init__")
    assert modules == sorted(DEFAULT_STAGES)
    for built in Pipeline(list(DEFAULT_STAGES), Options()).stages:
        where = built.func.__module__ if isinstance(built, FunctionStage) else type(built).__module__
        assert where == f"newstrace.stages.{built.name}", built.name
    arrows = []
    for path in package.rglob("*.py"):
        here = path.relative_to(package).with_suffix("").parts
        if here == ("stages", "__init__"):
            continue                  # the registry imports every stage
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            base = list(here[:len(here) - node.level]) if node.level else []
            target = base + (node.module.split(".") if node.module else [])
            if node.module is None or node.module.startswith("newstrace"):
                target = [*(t for t in target if t != "newstrace")]
            names = [target + [a.name] for a in node.names] if node.module is None else [target]
            for parts in names:
                if len(parts) >= 2 and parts[0] == "stages" and parts[1] in modules \
                        and here[:2] != ("stages", parts[1]):
                    arrows.append(f"{'/'.join(here)} -> stages/{parts[1]}")
    assert arrows == []


def test_one_reader_and_one_runner() -> None:
    """Issue 20: inputs are read in newstrace.inputs alone (the three readers of before
    are gone), and analysis goes over processes in newstrace.runner alone: the only
    process pool, under analyze_many, ingest, batch's local engine and Ray actors, and
    the evaluation scorers."""
    from pathlib import Path

    package = Path(__file__).parent.parent / "src" / "newstrace"
    for gone in ("inputs.py", "corpus/readers.py", "scale/sources.py", "web/queries.py"):
        assert not (package / gone).exists(), gone

    def modules_naming(*words: str) -> set[str]:
        return {str(p.relative_to(package)) for p in package.rglob("*.py")
                if any(w in p.read_text("utf-8") for w in words)}

    assert modules_naming("ProcessPoolExecutor", "multiprocessing") == {"runner.py"}
    readers = modules_naming("import warcio", "from warcio", "import feedparser", "iter_paths(",
                             "read_source(", "iter_records(")
    assert {r for r in readers if not r.startswith("inputs/")} == {"corpus/ingest.py"}   # it calls iter_records
    for caller in ("api.py", "corpus/ingest.py", "scale/analyzer.py"):
        assert "from ..runner import" in (package / caller).read_text("utf-8") \
            or "from .runner import" in (package / caller).read_text("utf-8"), caller


def test_code_figures_show_the_contract_kept() -> None:
    """tools/code_figures.py, which the refactoring notes quote, counts what the tests
    above hold: no imports among stages' modules, one module with a process pool."""
    from pathlib import Path

    from tools.code_figures import figures

    found = figures(Path(__file__).parent.parent)
    assert found["import arrows among stages/ modules"] == 0
    assert found["modules starting a process pool"] == ["runner.py"]
    assert isinstance(found["lines mentioning Any"], int) and found["lines mentioning Any"] > 0
