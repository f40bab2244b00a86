"""Generate static/world.json: the country outlines the web page's map draws.

The outlines come from the `countryinfo` package (Natural Earth's small-scale polygons,
one GeoJSON per country), so nothing is downloaded: rounded to 0.01 degree and thinned
with Douglas-Peucker, they make a file of about 150 KB that is committed to the
repository. countryinfo has no polygon for a few countries whose neighbours surround them
(Hungary, Serbia and Montenegro among them): for those in FILL, the gap their neighbours'
borders enclose (all but a narrow stretch of coast) is filled in and named after the
countries whose capitals it holds. Myanmar, whose gap opens wide on the sea, and small
islands stay empty.

    .venv/bin/python -m tools.build_world            # writes static/world.json
    .venv/bin/python -m tools.build_world --check    # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable

OUT = Path(__file__).resolve().parent.parent / "src" / "newstrace" / "web" / "static" / "world.json"
PRECISION = 2            # decimal places kept (0.01 degree is about 1 km)
TOLERANCE = 0.06         # Douglas-Peucker tolerance in degrees
MIN_AREA = 0.02          # rings smaller than this (square degrees) are dropped
MAX_GAP_AREA = 120.0     # a gap larger than this is a sea or a landmass, not a country
MOUTH = 1.5              # a gap may open on the sea through a stretch of coast this wide
NEAR = 12.0              # degrees around a capital searched for that stretch
# Countries with no polygon in countryinfo whose neighbours' borders outline them (an
# island's capital would find a stretch of sea instead).
FILL = {"HU": "Hungary", "RS": "Serbia", "ME": "Montenegro", "XK": "Kosovo"}

Point = tuple[float, float]
Ring = list[Point]


def _countries() -> Iterable[dict[str, Any]]:
    import countryinfo

    folder = Path(countryinfo.__file__).resolve().parent / "data"
    for path in sorted(folder.glob("*.json")):
        yield json.loads(path.read_text(encoding="utf-8"))


def _iso2(country: dict[str, Any]) -> str | None:
    iso = country.get("ISO")
    code = iso.get("alpha2") if isinstance(iso, dict) else None
    return code.upper() if isinstance(code, str) and len(code) == 2 else None


def _polygons(geometry: dict[str, Any]) -> list[list[Ring]]:
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        return []
    return [[[(float(x), float(y)) for x, y, *_ in ring] for ring in polygon] for polygon in polygons]


def signed_area(ring: Ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1])) / 2


def contains(ring: Ring, point: Point) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _loops(rings: list[Ring]) -> list[Ring]:
    """The outlines of the land the countries cover together: the borders only one
    country uses, walked clockwise (outer coasts) or counter-clockwise (gaps inside)."""
    edges: Counter[tuple[Point, Point]] = Counter()
    for ring in rings:
        ring = ring[:-1] if ring[0] == ring[-1] else ring
        if signed_area(ring) > 0:          # every outline clockwise
            ring = ring[::-1]
        for a, b in zip(ring, ring[1:] + ring[:1]):
            if a != b:
                edges[(a, b)] += 1
    following: dict[Point, list[Point]] = defaultdict(list)
    for (a, b), count in edges.items():
        if not edges.get((b, a)):        # a border two countries share cancels out
            following[a].extend([b] * count)
    loops: list[Ring] = []
    for start in list(following):
        while following[start]:
            loop, current = [start], following[start].pop()
            while current != start and following[current] and len(loop) < 100_000:
                loop.append(current)
                current = following[current].pop()
            if current == start and len(loop) > 2:
                loops.append(loop)
    return loops


def _gap_around(loops: list[Ring], capital: Point) -> Ring | None:
    """The smallest gap in the land holding `capital`: a counter-clockwise loop, or the
    stretch of a coast between two points at most MOUTH degrees apart that runs inland
    around it."""
    best: Ring | None = None
    for loop in loops:
        if signed_area(loop) > 0 and contains(loop, capital):
            if abs(signed_area(loop)) <= MAX_GAP_AREA and (best is None or abs(signed_area(loop)) < abs(signed_area(best))):
                best = loop
            continue
        near = [i for i, p in enumerate(loop) if math.dist(p, capital) < NEAR]
        for a in near:
            for b in near:
                if b <= a + 2 or math.dist(loop[a], loop[b]) > MOUTH:
                    continue
                for piece in (loop[a:b + 1], loop[b:] + loop[:a + 1]):
                    area = abs(signed_area(piece))
                    if area <= MAX_GAP_AREA and contains(piece, capital) and (
                            best is None or area < abs(signed_area(best))):
                        best = piece
    return best


def _douglas_peucker(points: Ring, tolerance: float) -> Ring:
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            d = (abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm) if norm else math.hypot(x - x1, y - y1)
            if d > worst:
                worst, index = d, i
        if worst > tolerance and index > 0:
            keep[index] = True
            stack.extend(((first, index), (index, last)))
    return [p for p, k in zip(points, keep) if k]


def simplify(ring: Ring) -> Ring | None:
    rounded: Ring = []
    for x, y in ring:
        point = (round(x, PRECISION), round(y, PRECISION))
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    if len(rounded) > 1 and rounded[0] == rounded[-1]:
        rounded.pop()
    if len(rounded) < 3 or abs(signed_area(rounded)) < MIN_AREA:
        return None
    # Split the ring at its first point and at the point farthest from it, so that
    # Douglas-Peucker keeps a closed shape.
    far = max(range(len(rounded)), key=lambda i: math.dist(rounded[0], rounded[i]))
    first = _douglas_peucker(rounded[: far + 1], TOLERANCE)
    second = _douglas_peucker(rounded[far:] + rounded[:1], TOLERANCE)
    thinned = first[:-1] + second[:-1]
    return thinned if len(thinned) >= 3 else None


def build() -> dict[str, Any]:
    features: list[dict[str, Any]] = []
    all_rings: list[Ring] = []
    missing: list[tuple[str, str, Point]] = []
    for country in _countries():
        code = _iso2(country)
        name = country.get("name") or code
        geo = country.get("geoJSON") or {}
        geometries = [f["geometry"] for f in geo.get("features", []) if f.get("geometry")]
        if not geometries:
            capital = country.get("capital_latlng")
            if code in FILL and isinstance(capital, list) and len(capital) == 2:
                missing.append((code, str(name), (float(capital[1]), float(capital[0]))))
            continue
        polygons = [p for g in geometries for p in _polygons(g)]
        all_rings.extend(ring for polygon in polygons for ring in polygon[:1])
        features.append(_feature(code, str(name), polygons))
    loops = _loops(all_rings)
    gaps: list[Ring] = []
    for code, name, capital in missing:
        covered = any(contains(ring, capital) for ring in all_rings + gaps)
        gap = None if covered else _gap_around(loops, capital)
        if gap:
            gaps.append(gap)
    features = _merge(features)
    filled: list[dict[str, Any]] = []
    for i, gap in enumerate(gaps):
        # A gap found later may hold an earlier one: it is named after the rest, and
        # drawn first, so that the earlier one stays on top.
        inside = sorted({(code, name) for code, name, capital in missing if contains(gap, capital)
                         and not any(contains(g, capital) for g in gaps[:i])})
        names = ", ".join(name for _, name in inside)
        filled.insert(0, _feature("+".join(code for code, _ in inside), names, [[gap]]))
    features += filled
    return {"type": "FeatureCollection",
            "source": "countryinfo (Natural Earth), simplified by tools.build_world",
            "features": features}


def _merge(features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One feature per country code, in code order (a few countries have two files)."""
    by_code: dict[str, dict[str, Any]] = {}
    for feature in features:
        if not feature["geometry"]["coordinates"]:
            continue
        kept = by_code.setdefault(feature["id"], feature)
        if kept is not feature:
            for polygon in feature["geometry"]["coordinates"]:
                if polygon not in kept["geometry"]["coordinates"]:
                    kept["geometry"]["coordinates"].append(polygon)
    return [by_code[code] for code in sorted(by_code)]


def _feature(code: str | None, name: str, polygons: list[list[Ring]]) -> dict[str, Any]:
    out = []
    for polygon in polygons:
        rings = [simplify(ring) for ring in polygon]
        if rings and rings[0]:
            out.append([[list(p) for p in ring] for ring in rings if ring])
    return {"type": "Feature", "id": code or name,
            "properties": {"name": name, "iso2": code},
            "geometry": {"type": "MultiPolygon", "coordinates": out}}


def render() -> str:
    return json.dumps(build(), ensure_ascii=False, separators=(",", ":")) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date: run python -m tools.build_world", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.encode()) // 1024} KB, {text.count('\"Feature\"')} countries)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
