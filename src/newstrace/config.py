"""Settings: one options object, built from defaults < file < environment < arguments.

The file is TOML: `newstrace.toml` in the working directory, or the path in
`NEWSTRACE_CONFIG`, with the settings under an `[analyze]` table. Environment
variables are the setting's name in capitals after `NEWSTRACE_`
(`NEWSTRACE_MAX_INPUT_BYTES=5000000`). Arguments (CLI flags, keyword arguments)
win over everything. docs/configuration.md lists every setting.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError

ENV_PREFIX = "NEWSTRACE_"
CONFIG_ENV = "NEWSTRACE_CONFIG"
DEFAULT_CONFIG_FILE = "newstrace.toml"
DATE_ORDERS = ("auto", "DMY", "MDY", "YMD")


@dataclass(frozen=True, slots=True)
class Options:
    """Everything that changes what `analyze` does. Immutable: use `replace()`."""

    # Inputs over this size are refused before they are read: a page is rarely
    # over 2 MB, and a 50 MB "article" is a mistake that would stall a batch.
    max_input_bytes: int = 20_000_000
    # Longest text (in characters, after extraction) handed to the NLP model.
    max_text_chars: int = 150_000
    # Streamed gzip (JSONL, WARC) past max_input_bytes inflated that inflates more than
    # this many times is refused as a gzip bomb (text inflates 3 to 15 times).
    max_gzip_ratio: int = 200
    # Order of day and month in numeric dates such as 06/11/2023. "auto" reads
    # it from an unambiguous date on the same page, else takes day-month.
    date_order: str = "auto"
    detect_language: bool = True
    # Keep tables in the main text of HTML pages.
    include_tables: bool = True
    # The spaCy model package; the vendored copy is the fallback.
    spacy_model: str = "en_core_web_md"
    batch_size: int = 16
    # Stage names, in order; empty means the default pipeline.
    stages: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.max_input_bytes <= 0:
            raise ConfigError("max_input_bytes must be a positive number of bytes")
        if self.max_text_chars <= 0:
            raise ConfigError("max_text_chars must be a positive number of characters")
        if self.max_gzip_ratio <= 1:
            raise ConfigError("max_gzip_ratio must be more than 1 (inflated bytes per gzip byte)")
        if self.date_order not in DATE_ORDERS:
            raise ConfigError(
                f"date_order must be one of {', '.join(DATE_ORDERS)}, not {self.date_order!r}"
            )
        if self.batch_size <= 0:
            raise ConfigError("batch_size must be at least 1")

    @classmethod
    def load(
        cls,
        path: str | Path | None = None,
        environ: Mapping[str, str] | None = None,
        **overrides: Any,
    ) -> "Options":
        """Defaults, then the config file, then the environment, then `overrides`."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        values.update(_from_file(_config_path(path, environ)))
        values.update(_from_env(environ))
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.from_mapping(values)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> "Options":
        known = known_fields(cls, values)
        converted = {name: _convert(name, known[name].type, v) for name, v in values.items()}
        return cls(**converted)

    def replace(self, **changes: Any) -> "Options":
        return replace(self, **changes)


def known_fields(cls: Any, values: Mapping[str, Any], what: str = "setting") -> dict[str, Any]:
    """The dataclass's fields by name; a `ConfigError` naming any of `values` it lacks."""
    known = {f.name: f for f in fields(cls)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ConfigError(f"unknown {what}(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return known


def _config_path(path: str | Path | None, environ: Mapping[str, str]) -> Path | None:
    if path is not None:
        return Path(path)
    if environ.get(CONFIG_ENV):
        return Path(environ[CONFIG_ENV])
    default = Path(DEFAULT_CONFIG_FILE)
    return default if default.is_file() else None


def _from_file(path: Path | None, table: str = "analyze") -> dict[str, Any]:
    if path is None:
        return {}
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist; create it or unset {CONFIG_ENV}")
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}")
    section = data.get(table, {})
    if not isinstance(section, dict):
        raise ConfigError(f"config file {path}: [{table}] must be a table of settings")
    return section


def config_table(table: str, path: str | Path | None = None,
                 environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """One table of the config file (`newstrace.toml`, or `path`, or $NEWSTRACE_CONFIG):
    `[follow]` is read by `newstrace.follow` this way."""
    environ = os.environ if environ is None else environ
    return _from_file(_config_path(path, environ), table)


def _from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    names = {f.name for f in fields(Options)}
    found = {}
    for key, value in environ.items():
        if key.startswith(ENV_PREFIX) and key != CONFIG_ENV:
            name = key[len(ENV_PREFIX):].lower()
            if name in names:
                found[name] = value
    return found


def _convert(name: str, annotation: Any, value: Any) -> Any:
    """Environment values arrive as strings; the file's are typed already."""
    kind = str(annotation)
    try:
        if kind == "bool":
            if isinstance(value, str):
                return value.strip().lower() in ("1", "true", "yes", "on")
            return bool(value)
        if kind == "int":
            return int(value)
        if kind.startswith("tuple"):
            if isinstance(value, str):
                return tuple(part.strip() for part in value.split(",") if part.strip())
            return tuple(value)
        return str(value) if kind == "str" else value
    except (TypeError, ValueError):
        raise ConfigError(f"setting {name} must be {kind}, got {value!r}")
