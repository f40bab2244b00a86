"""Reading inputs, every kind, in one place.

- `paths`: the files a path names (a file, a directory walked without its hidden
  entries, `-` for stdin), read whole with the size limit and gzip inflated: what
  `newstrace analyze` reads.
- `records`: what a path holds, as records (an article each) or read errors in their
  place, by name and by first bytes: pages and text, JSON, JSONL (`jsonl`), WARC and WET
  (`warc`), RSS, Atom and RDF feeds (`feeds`), gzipped or not, streamed where a file may
  be large (`streams`): what `newstrace ingest` reads.
- `units`: inputs split into units of work for `newstrace batch`: local paths through
  `records`, URLs listed and read through fsspec (s3://, gs://, http://), Parquet.

`analyze`, `ingest` and `batch` read through this package and nothing else.
"""

from .base import ReadError, Record
from .paths import STDIN, Source, is_hidden, iter_paths, read_source, read_sources
from .records import content_hash, iter_records, relative_name

__all__ = ["STDIN", "ReadError", "Record", "Source", "content_hash", "is_hidden", "iter_paths",
           "iter_records", "read_source", "read_sources", "relative_name"]
