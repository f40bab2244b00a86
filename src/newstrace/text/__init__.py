"""Helpers that stages share for reading a page's text: its lines and blocks, metadata
lines and their dates, HTML selectors, the line model, site names, decoding. No module
here is a stage, and no stage imports another stage: what two stages both need lives
here (or in `newstrace.nlp`, for what works on the parse).
"""
