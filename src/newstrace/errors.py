"""Every exception newstrace raises on purpose, in one tree.

    NewstraceError                  base class: catch this to catch them all
    ├── ConfigError                 a setting has a wrong name, type or value
    ├── PipelineError               stages are missing, unknown or in an order that cannot work
    ├── ModelNotFoundError          the spaCy model package is not installed
    ├── InputError                  one input cannot be analysed; carries `source`
    │   ├── InputNotFoundError      the path does not exist or is not readable
    │   ├── EmptyInputError         nothing but whitespace
    │   ├── InputTooLargeError      over `max_input_bytes`
    │   ├── BinaryInputError        an image, archive, PDF or other non-text bytes
    │   ├── DecodeError             bytes in no charset we can identify
    │   ├── NoContentError          a page with no main text to extract
    │   └── AnalysisError           a stage failed on this input (a bug: report it)
    ├── StoreError                  the corpus store cannot be opened, read or written
    ├── EvaluationError             evaluation data is missing or malformed
    ├── ScaleUnavailableError       Ray, pyarrow or fsspec is not installed (also an ImportError)
    ├── FetchError                  a remote input could not be fetched (a rerun tries again)
    │   └── RobotsError             the site's robots.txt disallows it
    └── ApiError                    an error the REST API answers on purpose: status, code

One exception of the server stays in web/app.py: `BodyTooLarge`, which must be
Starlette's HTTPException, since FastAPI lets only that kind through while it reads a
body. A record a reader cannot read is not raised but yielded, as a value
(`inputs.ReadError`), so that the batch goes on.

Messages say what went wrong *and* what to do about it, because the CLI prints
them as they are, one line per bad input.
"""

from __future__ import annotations

__all__ = [
    "AnalysisError",
    "ApiError",
    "BinaryInputError",
    "ConfigError",
    "DecodeError",
    "EmptyInputError",
    "EvaluationError",
    "FetchError",
    "InputError",
    "InputNotFoundError",
    "InputTooLargeError",
    "ModelNotFoundError",
    "NewstraceError",
    "NoContentError",
    "PipelineError",
    "RobotsError",
    "ScaleUnavailableError",
    "StoreError",
]


class NewstraceError(Exception):
    """Base class of every error newstrace raises on purpose."""


class ConfigError(NewstraceError):
    """A setting has an unknown name, a wrong type or a value out of range."""


class PipelineError(NewstraceError):
    """The stage list cannot run: an unknown stage, or a stage reads what nothing adds."""


class ModelNotFoundError(NewstraceError):
    """No spaCy English model is installed."""


class InputError(NewstraceError):
    """One input cannot be analysed. `source` names it (a path, a URL or "<input>")."""

    def __init__(self, message: str, source: str | None = None) -> None:
        self.source = source
        super().__init__(message)

    def __str__(self) -> str:
        message = super().__str__()
        return f"{self.source}: {message}" if self.source else message


class InputNotFoundError(InputError):
    """The path does not exist, is not a file, or cannot be read."""


class EmptyInputError(InputError):
    """The input holds nothing but whitespace."""


class InputTooLargeError(InputError):
    """The input is larger than the configured `max_input_bytes`."""


class BinaryInputError(InputError):
    """The input is binary data (an image, an archive, a PDF...), not text or HTML."""


class DecodeError(InputError):
    """The bytes are in no character encoding we can identify."""


class NoContentError(InputError):
    """The page was read but holds no main text (a login wall, an index page, an empty shell)."""


class AnalysisError(InputError):
    """A stage failed unexpectedly on this input. The batch goes on; the cause is kept
    (`__cause__`) so that the bug can be reported with the input that shows it."""


class StoreError(NewstraceError):
    """The corpus store cannot be opened, read or written (a bad path or URL, a server
    down, a full disk): the message names the store, never its password."""


class EvaluationError(NewstraceError):
    """Evaluation data is missing or not in the documented format."""


class ScaleUnavailableError(NewstraceError, ImportError):
    """Ray, pyarrow or fsspec is not installed; the message says how to install them."""


class FetchError(NewstraceError):
    """A remote input could not be fetched. `permanent` when fetching it again will not
    help (a 404, a page too large, an address refused); `retry_after`, in seconds, when
    the server said when to come back; `status`, the HTTP status the server answered."""

    def __init__(self, message: str, *, permanent: bool = False,
                 retry_after: float | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.retry_after = retry_after
        self.status = status


class RobotsError(FetchError):
    """The site's robots.txt disallows fetching this URL (or cannot be read)."""

    def __init__(self, message: str, permanent: bool = True) -> None:
        super().__init__(message, permanent=permanent)


class ApiError(NewstraceError):
    """An error the REST API answers on purpose, in its JSON envelope: the HTTP status,
    a stable code (not_found, bad_input ...), the message, and headers to send."""

    def __init__(self, status: int, code: str, message: str,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers
