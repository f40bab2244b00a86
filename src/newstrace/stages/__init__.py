"""The built-in stages. Importing this package registers them all.

DEFAULT_STAGES is the analysis pipeline, in order; `newstrace stages` prints what
each reads and adds. Each stage is the module of its name (stages/NAME.py); what stages
share lives in the helper layer (`newstrace.text`, `newstrace.nlp`), never in another
stage. Later capabilities add stages here, not code elsewhere.
"""

from __future__ import annotations

from . import (  # noqa: F401  (imported to register the stages)
    actors,
    assemble_text,
    attribution,
    authors,
    boilerplate,
    clean_text,
    decode,
    descriptors,
    entities,
    events,
    group_sources,
    hints,
    html_metadata,
    identify,
    language,
    line_metadata,
    nlp,
    outlets,
    places,
    publisher,
    quantities,
    quotes,
    read_html,
    read_plain,
    read_text,
    references,
    source_chain,
    times,
    title,
    variants,
)

DEFAULT_STAGES: tuple[str, ...] = (
    "decode",          # bytes -> text; content type settled; bad input refused
    "hints",           # the caller's url and date, which win over the page's
    "read_plain",      # plain: text is the input, exactly
    "read_text",       # scraped text: lines -> blocks
    "html_metadata",   # HTML: metadata from the markup (JSON-LD, meta tags)
    "read_html",       # HTML: main text through trafilatura -> blocks
    "clean_text",      # each line's kind: promo, tags, navigation, metadata...
    "title",           # the title once, its repeats, the subtitle
    "boilerplate",     # scraped whole pages: furniture by look beside the prose (jusText)
    "line_metadata",   # date, place, author, counts from metadata lines
    "publisher",       # the outlet that published the page
    "authors",         # authors as people: no "By", no role, no outlet, no placeholder
    "assemble_text",   # title + subtitle + body paragraphs -> text
    "language",        # ISO 639-1 of the text
    "nlp",             # the spaCy parse (batched through nlp.pipe)
    "entities",        # people, organisations, places: mentions grouped, labels made consistent
    "times",           # dates and times, resolved against the publication date
    "quantities",      # amounts, money, percentages, counts and ages, with their units
    "descriptors",     # roles and titles the text gives them ("Kremlin spokesman")
    "variants",        # one person spelt two ways -> one entity and a warning
    "outlets",         # news outlets named in the text are organisations ("Kan reported")
    "references",      # "the 79-year-old commander" -> the one person with that role
    "places",          # places on the map: missed toponyms, demonyms, resolution, metonymy
    "quotes",          # who said what: direct, partial and reported speech, speakers resolved
    "attribution",     # each claim's source (named, outlet, anonymous, document) and certainty
    "source_chain",    # publisher -> the outlets it relays, in order
    "actors",          # actor codes (country, sector); police, protesters... as AGENT entities
    "group_sources",   # "police said": the quote's speaker and the claim's source are that agent
    "events",          # PLOVER events: who did what to whom, where, when, how sure, on whose word
    "identify",        # a stable id
)
