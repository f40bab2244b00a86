"""What every scorer shares: checking the data folder, fixed samples, P/R/F1."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence, TypeVar

from ..errors import EvaluationError

T = TypeVar("T")
R = TypeVar("R")


def require(data: str | Path, *names: str) -> Path:
    """The data folder, checked to hold `names`; a clear error says what is missing."""
    folder = Path(data)
    if not folder.is_dir():
        raise EvaluationError(f"evaluation data folder {folder} does not exist; "
                              "pass --data with the path of ../shared/eval/<task>")
    missing = [n for n in names if not (folder / n).exists()]
    if missing:
        raise EvaluationError(f"{folder} lacks {', '.join(missing)}; is it the right task's folder?")
    return folder


def sample(items: Sequence[T], limit: int | None) -> list[T]:
    """A fixed, evenly spread sample of `limit` items (all of them when None)."""
    if limit is None or limit >= len(items):
        return list(items)
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def two_folds(items: Sequence[T]) -> tuple[list[T], list[T]]:
    """The dev data in two halves for honest tuning: items at even positions (fold A,
    the half rules are tuned on) and at odd positions (fold B, only scored). Callers
    pass the items in a fixed order (the gold's ids), so the folds never change."""
    return list(items[0::2]), list(items[1::2])


@dataclass(slots=True)
class TableData:
    """A report's figures as a table: the CLI prints it, it knows nothing of the CLI."""

    title: str
    columns: list[str]
    rows: list[list[str]]


def fmt(value: float) -> str:
    return f"{value:.3f}"


@dataclass(slots=True)
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "PRF") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
