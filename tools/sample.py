"""A made-up news corpus in every input format `newstrace batch` reads, for tests,
benchmarks and a first run on a laptop:

    python -m tools.sample DIR [--articles 200] [--bad]

Articles are generated from templates (invented people, real places), so that the same
call always gives the same corpus: short wire stories with a dateline, a direct quote,
reported speech, a date, a number and an event, as scraped text, HTML pages or clean
text, published on a few days (some undated). They are spread over `wire.jsonl`,
`wire-2.jsonl.gz`, `crawl.warc.gz` and `archive.parquet` (the last needs pyarrow).
With `bad`, bad records are mixed in: a line that is not JSON, an empty text, a text
that is not a string, binary bytes and a script-only page (no text).
"""

from __future__ import annotations

import gzip
import html
import io
import json
import random
from pathlib import Path
from typing import Any

PEOPLE = [
    ("Ana Costa", "mayor"), ("Tomas Berg", "finance minister"), ("Leila Haddad", "union leader"),
    ("Kenji Mori", "port director"), ("Grace Okafor", "health minister"),
    ("Pieter Vandamme", "transport commissioner"), ("Sofia Ricci", "council spokeswoman"),
    ("Daniel Weissmann", "opposition leader"), ("Amara Nwosu", "trade envoy"),
    ("Lucas Moreau", "police chief"), ("Ingrid Solberg", "energy minister"),
    ("Rafael Quintero", "governor"),
]
PLACES = [
    ("Lisbon", "Portugal"), ("Nairobi", "Kenya"), ("Hamburg", "Germany"), ("Osaka", "Japan"),
    ("Lima", "Peru"), ("Montreal", "Canada"), ("Cairo", "Egypt"), ("Warsaw", "Poland"),
    ("Jakarta", "Indonesia"), ("Bergen", "Norway"), ("Valencia", "Spain"), ("Accra", "Ghana"),
]
ORGS = ["the Harbour Workers Union", "the National Rail Company", "the Coastal Water Board",
        "the Regional Development Bank", "the City Council", "the Ministry of Health",
        "the Farmers Cooperative", "the Grid Operators Association"]
AGENCIES = ["Reuters", "AFP", "AP", "Xinhua"]
OUTLETS = ["The Daily Ledger", "Harbour Post", "Evening Courier", "The Metro Standard"]
DAYS = ["2024-03-04", "2024-03-05", "2024-03-06", "2024-03-07"]
MONTHS = ["March"]

STORIES: list[dict[str, Any]] = [
    {"title": "{org_t} signs deal to rebuild {city} harbour",
     "lead": "{org_t} signed an agreement with the government of {country} on {weekday} to "
             "rebuild the harbour of {city}, a project worth {amount} million euros.",
     "quote": "This deal protects {jobs} jobs and the future of our port",
     "report": "the work would begin at the end of {month}"},
    {"title": "Workers strike at {city} rail depots",
     "lead": "About {jobs} rail workers went on strike in {city} on {weekday}, demanding higher "
             "pay from {org}.",
     "quote": "We will not return until the company makes a serious offer",
     "report": "talks with the management could resume next week"},
    {"title": "Floods force {jobs} families from their homes near {city}",
     "lead": "Heavy rain flooded villages outside {city} on {weekday}, and {org} said it had "
             "moved {jobs} families to shelters.",
     "quote": "The water rose faster than anyone expected",
     "report": "{amount} million euros in emergency aid had been released"},
    {"title": "{city} council approves budget after long debate",
     "lead": "The council of {city} approved a budget of {amount} million euros on {weekday}, "
             "after the opposition walked out of the chamber.",
     "quote": "This budget cuts the services people rely on",
     "report": "the vote was expected to be challenged in court"},
    {"title": "{country} and its neighbours resume talks on water sharing",
     "lead": "Officials from {country} met their neighbours' envoys in {city} on {weekday} to "
             "resume talks on sharing the river's water.",
     "quote": "We came here to listen, and we are ready to compromise",
     "report": "a first agreement could be signed within {small} weeks"},
    {"title": "Protesters march in {city} against fuel price rise",
     "lead": "Thousands of people marched through {city} on {weekday} to protest against a "
             "rise of {small} percent in fuel prices announced by {org}.",
     "quote": "Families cannot pay more to get to work",
     "report": "police had arrested {small} people near the ministry"},
    {"title": "New tram line opens in {city}",
     "lead": "{org_t} opened a tram line of {small} kilometres in {city} on {weekday}, linking "
             "the old town to the airport.",
     "quote": "The line will carry {jobs} passengers a day",
     "report": "the line cost {amount} million euros, more than planned"},
    {"title": "{country} appoints new envoy to trade talks",
     "lead": "The government of {country} named a new envoy to the trade talks in {city} on "
             "{weekday}, after the last round ended without a deal.",
     "quote": "Our priority is to open markets for our farmers",
     "report": "the talks would resume in {month}"},
]
WEEKDAYS = {"2024-03-04": "Monday", "2024-03-05": "Tuesday", "2024-03-06": "Wednesday",
            "2024-03-07": "Thursday"}


def article(number: int) -> dict[str, Any]:
    """The `number`th article of the corpus: a JSONL-style record (url, a content field,
    published when the record gives it, content_type)."""
    rng = random.Random(number * 7919 + 17)
    story = STORIES[number % len(STORIES)]
    person, role = PEOPLE[rng.randrange(len(PEOPLE))]
    other, other_role = PEOPLE[(PEOPLE.index((person, role)) + 1 + rng.randrange(5)) % len(PEOPLE)]
    city, country = PLACES[rng.randrange(len(PLACES))]
    org = ORGS[rng.randrange(len(ORGS))]
    day = DAYS[rng.randrange(len(DAYS))]
    values = {"org": org, "org_t": org[0].upper() + org[1:], "city": city, "country": country,
              "weekday": WEEKDAYS[day], "amount": rng.randrange(3, 900),
              "jobs": rng.randrange(2, 90) * 100, "small": rng.randrange(2, 30),
              "month": MONTHS[0]}
    title = story["title"].format(**values)
    agency = AGENCIES[rng.randrange(len(AGENCIES))]
    surname = person.split()[-1]
    paragraphs = [
        f"{city.upper()} ({agency}) - " + story["lead"].format(**values),
        f"\u201c{story['quote'].format(**values)},\u201d said {person}, the {role}, "
        f"speaking to reporters in {city}.",
        f"According to {other}, the {other_role}, " + story["report"].format(**values) + ".",
        f"{surname} added that {org} would publish its figures on {number % 27 + 1} {MONTHS[0]}. "
        f"The {other_role} declined to comment on the cost.",
    ]
    if number % 3 == 0:
        paragraphs.append(f"Officials in {country} said the plan had been discussed for "
                          f"{values['small']} months.")
    style = ("text", "html", "plain")[number % 3]
    dated = number % 5 != 4                     # one in five gives no date anywhere
    url = f"https://news.example.org/{day.replace('-', '/')}/story-{number}"
    record: dict[str, Any] = {"url": url}
    if style == "html":
        stamp = f"{day}T{8 + number % 10:02d}:30"
        meta = f'<meta property="article:published_time" content="{stamp}">' if dated else ""
        body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
        outlet = OUTLETS[number % len(OUTLETS)]
        record["html"] = (
            f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{html.escape(title)} | "
            f"{outlet}</title>{meta}<meta property=\"og:site_name\" content=\"{outlet}\"></head>"
            f"<body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article>"
            f"<h1>{html.escape(title)}</h1>\n{body}</article><footer>Copyright {outlet}</footer>"
            "</body></html>")
    elif style == "text":
        line = f"By {PEOPLE[number % len(PEOPLE)][0]} | {WEEKDAYS[day]} {int(day[-2:])} March 2024"
        record["text"] = "\n\n".join([title, line if dated else "Share this article", *paragraphs,
                                      "Advertisement"])
        if dated and number % 2:
            record["published"] = day
    else:
        record["content"] = "\n\n".join(paragraphs)
        record["content_type"] = "plain"
        if dated:
            record["published"] = f"{day}T{9 + number % 9:02d}:00"
    return record


BAD_JSONL_LINES = [
    '{"url": "https://news.example.org/broken", "text": "no closing brace"',
    json.dumps({"url": "https://news.example.org/empty", "text": "   "}),
    json.dumps({"url": "https://news.example.org/number", "text": 12345}),
    json.dumps({"url": "https://news.example.org/binary",
                "content": "\x00\x01\x02\x03PK\x03\x04" * 40, "content_type": "auto"}),
    json.dumps({"url": "https://news.example.org/shell",
                "html": "<html><head></head><body><script>var a = 1;</script></body></html>"}),
]


def write_corpus(folder: str | Path, articles: int = 200, *, bad: bool = False,
                 parquet: bool = True, warc: bool = True, first: int = 0,
                 prefix: str = "") -> dict[str, Any]:
    """Write articles `first` to `first + articles - 1` under `folder` (file names begin
    with `prefix`); returns the files written and how many records and bad records each
    holds."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    records = [article(n) for n in range(first, first + articles)]
    shares = {f"{prefix}wire.jsonl": 0.35, f"{prefix}wire-2.jsonl.gz": 0.2,
              f"{prefix}crawl.warc.gz": 0.25 if warc else 0,
              f"{prefix}archive.parquet": 0.2 if parquet else 0}
    total = sum(shares.values())
    files: dict[str, list[dict[str, Any]]] = {}
    start = 0
    names = [n for n, s in shares.items() if s]
    for index, name in enumerate(names):
        last = index == len(names) - 1
        count = articles - start if last else round(articles * shares[name] / total)
        files[name] = records[start:start + count]
        start += count
    written: dict[str, Any] = {}
    for name, items in files.items():
        path = folder / name
        if name.endswith(".jsonl"):
            lines = [json.dumps(r, ensure_ascii=False) for r in items]
            if bad:
                lines[3:3] = BAD_JSONL_LINES
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        elif name.endswith(".jsonl.gz"):
            path.write_bytes(gzip.compress(
                ("\n".join(json.dumps(r, ensure_ascii=False) for r in items) + "\n").encode()))
        elif name.endswith(".warc.gz"):
            path.write_bytes(_warc(items))
        else:
            _parquet(path, items)
        written[name] = {"records": len(items),
                         "bad": len(BAD_JSONL_LINES) if bad and name.endswith("wire.jsonl") else 0}
    return written


def _warc(items: list[dict[str, Any]]) -> bytes:
    """A gzipped WARC file with an HTML response per article (text articles wrapped in a
    page), plus a request record and a non-HTML response the readers pass over."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for number, item in enumerate(items):
        page = (item.get("html") or _page(item.get("text") or item.get("content") or "")).encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        # with the length given, warcio digests the payload without a temporary file
        record = writer.create_warc_record(item["url"], "response", payload=io.BytesIO(page),
                                           length=len(page), http_headers=headers)
        writer.write_record(record)
        if number == 0:
            style = StatusAndHeaders("200 OK", [("Content-Type", "text/css")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                item["url"] + "/style.css", "response", payload=io.BytesIO(b"body{}"), length=6,
                http_headers=style))
    return buffer.getvalue()


def _page(text: str) -> str:
    title, _, rest = text.partition("\n\n")
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in rest.split("\n\n") if p.strip())
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{html.escape(title)}"
            f"</title></head><body><article><h1>{html.escape(title)}</h1>\n{body}</article>"
            "</body></html>")


def _parquet(path: Path, items: list[dict[str, Any]]) -> None:
    """Parquet with `published` as a timestamp column (as data lakes keep it)."""
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = []
    for item in items:
        published = item.get("published")
        rows.append({
            "url": item["url"], "html": item.get("html"),
            "text": item.get("text") or item.get("content"),
            "content_type": item.get("content_type"),
            "published": dt.datetime.fromisoformat(published) if published else None,
            "source": "archive",
        })
    schema = pa.schema([("url", pa.string()), ("html", pa.string()), ("text", pa.string()),
                        ("content_type", pa.string()), ("published", pa.timestamp("s")),
                        ("source", pa.string())])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--bad", action="store_true", help="mix in bad records")
    args = parser.parse_args()
    for name, counts in write_corpus(args.folder, args.articles, bad=args.bad).items():
        print(f"{args.folder}/{name}: {counts['records']} articles, {counts['bad']} bad records")


if __name__ == "__main__":
    main()
