"""The corpus: ingest, lineage, same-story clusters, exports."""
