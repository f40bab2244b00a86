"""The analysis pipeline: an ordered list of small named stages.

A stage is registered under a name with what it `reads` and what it `adds`
(names of `Work` attributes, dotted for the dossier's fields: "metadata.title").
`Pipeline` builds stages by name, checks before running anything that each
stage's reads are added by an earlier stage, and runs them over one `Work` or a
batch. A stage may batch (`pipe`), as the NLP model does; the others are mapped.

Adding a capability means registering a stage and naming it in
`DEFAULT_STAGES` (stages/__init__.py), never editing another stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Protocol

from .config import Options
from .dossier import Dossier, InputInfo, Metadata
from .errors import AnalysisError, InputError, PipelineError

if TYPE_CHECKING:
    from spacy.tokens import Doc

# What a Work holds before any stage runs.
INITIAL = frozenset({"content", "options", "source", "input", "hints"})


@dataclass(slots=True)
class Hints:
    """What the caller already knows about the article; it wins over extraction."""

    url: str | None = None
    published: str | None = None


@dataclass(slots=True)
class Work:
    """One article on its way through the pipeline: the input, what stages hand over to
    later stages, the dossier."""

    content: str | bytes
    options: Options
    input: InputInfo
    hints: Hints = field(default_factory=Hints)
    source: str = "<input>"
    raw: str = ""                      # decoded input
    blocks: list[Any] = field(default_factory=list)
    dossier: Dossier = field(default_factory=lambda: Dossier("", InputInfo(), Metadata(), ""))
    doc: Doc | None = None             # the spaCy Doc over dossier.text, once parsed
    error: InputError | None = None
    # Hand-overs between stages that are not the dossier's: named in the stages' `reads`
    # and `adds` like every other field, so that `Pipeline.check` sees them.
    markup_published: str | None = None       # html_metadata: the markup's own date
    aside_names: set[str] = field(default_factory=set)     # html_metadata: names in asides only
    site_candidates: list[tuple[str, str]] = field(default_factory=list)   # (where, name) of the site
    publisher_candidates: list[tuple[str, str]] = field(default_factory=list)  # title: a title's suffix
    declared_language: str | None = None      # html_metadata, read_html: the page's own language
    language_confidence: float = 1.0          # language: how sure the detector is
    origin_notes: list[tuple[str, str]] = field(default_factory=list)   # clean_text: (relation, outlet)
    wire_agency: str | None = None            # line_metadata: a wire credit line's agency
    speech_acts: list[Any] = field(default_factory=list)    # quotes: every act of speech found

    def release(self) -> None:
        """Drop what only the stages need (the parse, the blocks, the hand-overs),
        keeping the dossier and the error: what a worker process sends back."""
        self.doc, self.blocks, self.speech_acts, self.aside_names = None, [], [], set()
        self.site_candidates, self.publisher_candidates, self.origin_notes = [], [], []


class Stage(Protocol):
    # Read-only members, so that frozen dataclasses (FunctionStage) match.
    @property
    def name(self) -> str: ...

    @property
    def reads(self) -> tuple[str, ...]: ...

    @property
    def adds(self) -> tuple[str, ...]: ...

    def __call__(self, work: Work) -> None: ...

    def pipe(self, works: list[Work]) -> None: ...


@dataclass(frozen=True, slots=True)
class FunctionStage:
    """A stage made from a plain function of one Work."""

    name: str
    reads: tuple[str, ...]
    adds: tuple[str, ...]
    func: Callable[[Work], None]

    def __call__(self, work: Work) -> None:
        self.func(work)

    def pipe(self, works: list[Work]) -> None:
        for work in works:
            run_guarded(self, work)


StageFactory = Callable[[Options], Stage]
_REGISTRY: dict[str, StageFactory] = {}


StageFunction = Callable[[Work], None]


def stage(name: str, *, reads: Iterable[str] = (),
          adds: Iterable[str] = ()) -> Callable[[StageFunction], StageFunction]:
    """Register a function of one `Work` as a stage."""

    def decorate(func: StageFunction) -> StageFunction:
        made = FunctionStage(name, tuple(reads), tuple(adds), func)
        register_factory(name, lambda options: made)
        return func

    return decorate


def register_factory(name: str, factory: StageFactory) -> None:
    """Register a stage that needs building (it loads a model, say) under `name`."""
    if name in _REGISTRY:
        raise PipelineError(f"a stage named {name!r} is registered twice; rename one")
    _REGISTRY[name] = factory


def registered() -> list[str]:
    return sorted(_REGISTRY)


def run_guarded(stage_: Stage, work: Work) -> None:
    """Run one stage on one work; a failure marks that work failed, never the batch."""
    if work.error is not None:
        return
    try:
        stage_(work)
    except InputError as exc:
        exc.source = exc.source or work.source
        work.error = exc
    except (RecursionError, MemoryError, ValueError, TypeError, KeyError, IndexError,
            AttributeError, AssertionError, UnicodeError) as exc:
        error = AnalysisError(
            f"stage {stage_.name!r} failed ({type(exc).__name__}: {exc}); this is a bug, "
            "please report it with this input", work.source)
        error.__cause__ = exc
        work.error = error


class Pipeline:
    """Stages by name, checked for order, run over one work or a batch."""

    def __init__(self, names: Iterable[str], options: Options) -> None:
        names = list(names)
        unknown = [n for n in names if n not in _REGISTRY]
        if unknown:
            raise PipelineError(
                f"unknown stage(s) {', '.join(unknown)}; registered: {', '.join(registered())}"
            )
        self.stages: list[Stage] = [_REGISTRY[n](options) for n in names]
        self.check()

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def check(self) -> None:
        """Fail early if a stage names something that is neither a field of `Work` nor
        of the dossier, or reads something no earlier stage adds."""
        available = set(INITIAL)
        for s in self.stages:
            unknown = [n for n in (*s.reads, *s.adds) if n.split(".")[0] not in FIELDS]
            if unknown:
                raise PipelineError(
                    f"stage {s.name!r} names {', '.join(unknown)}, which is no field of Work "
                    "or of the dossier; hand-overs between stages are declared fields of Work")
            missing = [r for r in s.reads if not _provided(r, available)]
            if missing:
                raise PipelineError(
                    f"stage {s.name!r} reads {', '.join(missing)}, which no earlier stage adds; "
                    f"put a stage that adds it before {s.name!r}"
                )
            available.update(s.adds)

    def describe(self) -> list[dict[str, Any]]:
        return [{"name": s.name, "reads": list(s.reads), "adds": list(s.adds)} for s in self.stages]

    def run(self, work: Work) -> Work:
        for s in self.stages:
            run_guarded(s, work)
        return work

    def pipe(self, works: Iterable[Work], batch_size: int = 16) -> Iterator[Work]:
        """Run the stages batch by batch, so batching stages see `batch_size` works."""
        batch: list[Work] = []
        for work in works:
            batch.append(work)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Work]) -> list[Work]:
        for s in self.stages:
            s.pipe(batch)
        return batch


# What a stage may read or add: a field of Work ("blocks", "speech_acts") or of the
# dossier ("text", "metadata.title").
FIELDS = frozenset({f.name for f in dataclass_fields(Work)} | {f.name for f in dataclass_fields(Dossier)})


def _provided(name: str, available: set[str]) -> bool:
    """'metadata.title' is provided by 'metadata.title' or by a parent such as 'metadata'."""
    parts = name.split(".")
    return any(".".join(parts[:i]) in available for i in range(1, len(parts) + 1))
