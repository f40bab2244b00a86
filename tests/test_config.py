"""Settings: defaults < file < environment < arguments, with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.config import Options
from newstrace.errors import ConfigError


def test_defaults() -> None:
    options = Options.load(environ={})
    assert options == Options()


def test_file_then_environment_then_arguments(tmp_path: Path) -> None:
    config = tmp_path / "newstrace.toml"
    config.write_text('[analyze]\nmax_input_bytes = 1000\ndate_order = "MDY"\nbatch_size = 4\n')
    env = {"NEWSTRACE_MAX_INPUT_BYTES": "2000", "NEWSTRACE_DETECT_LANGUAGE": "no"}
    options = Options.load(config, environ=env, batch_size=8)
    assert options.max_input_bytes == 2000      # environment over file
    assert options.date_order == "MDY"          # file over default
    assert options.batch_size == 8             # argument over file
    assert options.detect_language is False


def test_config_path_from_environment(tmp_path: Path) -> None:
    config = tmp_path / "other.toml"
    config.write_text("[analyze]\nmax_text_chars = 50\n")
    assert Options.load(environ={"NEWSTRACE_CONFIG": str(config)}).max_text_chars == 50


@pytest.mark.parametrize("content,message", [
    ("[analyze]\nno_such_setting = 1\n", "unknown setting"),
    ("[analyze]\nmax_input_bytes = -5\n", "positive"),
    ("[analyze]\ndate_order = 'DDD'\n", "date_order"),
    ("[analyze\n", "not valid TOML"),
    ("analyze = 3\n", "must be a table"),
])
def test_bad_config_files(tmp_path: Path, content: str, message: str) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(content)
    with pytest.raises(ConfigError, match=message):
        Options.load(config, environ={})


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        Options.load(tmp_path / "absent.toml", environ={})


def test_bad_environment_value() -> None:
    with pytest.raises(ConfigError, match="max_input_bytes must be int"):
        Options.load(environ={"NEWSTRACE_MAX_INPUT_BYTES": "lots"})


def test_stages_from_environment() -> None:
    options = Options.load(environ={"NEWSTRACE_STAGES": "decode, read_plain"})
    assert options.stages == ("decode", "read_plain")
