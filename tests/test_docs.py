"""Documentation that cannot fall behind: every command, option and setting is documented."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
import typer

from newstrace.cli import app
from newstrace.config import Options

DOCS = Path(__file__).resolve().parent.parent / "docs"


def walk(command: Any, path: tuple[str, ...] = ()):
    yield path, command
    # typer vendors its own click: test for the group's shape, not click's class.
    for name, sub in getattr(command, "commands", {}).items():
        yield from walk(sub, path + (name,))


def test_every_command_and_option_is_in_cli_md() -> None:
    text = (DOCS / "cli.md").read_text()
    for path, command in walk(typer.main.get_command(app)):
        if not path or hasattr(command, "commands"):
            continue
        assert f"`newstrace {' '.join(path)}" in text, f"newstrace {' '.join(path)} is undocumented"
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert f"`{opt}`" in text, f"{opt} of newstrace {' '.join(path)} is undocumented"


def test_every_setting_is_in_configuration_md() -> None:
    text = (DOCS / "configuration.md").read_text()
    for field in fields(Options):
        assert f"`{field.name}`" in text, f"setting {field.name} is undocumented"


def test_every_follow_setting_is_in_configuration_md() -> None:
    from newstrace.follow import FollowSettings

    text = (DOCS / "configuration.md").read_text()
    follow = text.split("`[follow]`", 1)[1]
    for field in fields(FollowSettings):
        assert f"| `{field.name}` |" in follow, f"follow setting {field.name} is undocumented"


def test_readme_starts_with_the_two_commands() -> None:
    readme = (DOCS.parent / "README.md").read_text().splitlines()
    block = "\n".join(readme[:6])
    assert "./setup.sh" in block and "pytest" in block


def test_the_readme_shows_the_seeds_briefing_as_analyze_prints_it() -> None:
    """The README's seed briefing is what `analyze SEED --format text` prints, piped, now
    (regenerate it with scripts/readme_briefing.py)."""
    import importlib.util

    from typer.testing import CliRunner

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("readme_briefing", root / "scripts" / "readme_briefing.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not module.SEED.exists():
        pytest.skip(f"the seed article is not here ({module.SEED})")
    shown = module.readme_block((root / "README.md").read_text(encoding="utf-8"))
    printed = CliRunner(env={"COLUMNS": "80", "TERM": "dumb"}).invoke(
        app, ["analyze", str(module.SEED), "--format", "text"]).stdout.rstrip("\n")
    assert shown == printed, "the README's seed briefing is stale: run scripts/readme_briefing.py"
    assert "source chain  BLITZ ← Trud ← Bloomberg" in shown
