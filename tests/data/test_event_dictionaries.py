"""The field's dictionaries as newstrace reads them: the conversion script on samples of
PETRARCH2's formats, the converted data's integrity, and CAMEO patterns on the parse."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from newstrace.nlp.agents import code_of_text, sector_of_words, table
from newstrace.nlp.cameo import code_verb, dictionary, plover_of
from newstrace.nlp.model import load_model
from newstrace.nlp.plover import TYPES, verb_forms

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "convert_petrarch.py"


@pytest.fixture(scope="module")
def convert():
    spec = importlib.util.spec_from_file_location("convert_petrarch", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module   # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


VERBS = """# a sample in PETRARCH2's format, written for this test
&MILITARY
+ARMY
+TROOP

####### VERB PATTERNS #######

---  EXPEL   [174]  ---
EXPEL {EXPELS EXPELLED EXPELLING }
BANISH  [174]
+KICK_OUT {+KICKS_OUT +KICKED_OUT }
- * DIPLOMAT                                       [161]         # EXPEL
- * &MILITARY (FROM $)                             [1661]        # EXPEL
- WILL NOT * DIPLOMAT                              [124]         # EXPEL
- * {UN INSPECTORS}                                [1662]        # EXPEL
- * (FROM &UNKNOWN)                                [166]         # EXPEL

---  PONDER   [---]  ---
PONDER
- * (OVER {PEACE PLAN})                            [036:036]     # PONDER
"""

AGENTS = """!PERSON! = MAN, MEN
POLICE {} [~COP]
POLICE!PERSON! [~COP]
HUMAN_RIGHTS_GROUP [~HRI]
REBEL [~REB]
REBEL [~CRM]
"""


def test_the_verb_dictionary_is_read_as_blocks_verbs_and_patterns(convert, tmp_path: Path) -> None:
    path = tmp_path / "CAMEO.2.0.txt"
    path.write_text(VERBS)
    data = convert.read_verbs(path)
    assert data["synsets"]["military"] == ["armies", "army", "troop", "troops"]
    verbs = data["verbs"]
    assert verbs["expel"]["code"] == "174" and verbs["expel"]["own"] is True
    assert verbs["banish"]["code"] == "174" and verbs["banish"]["block"] == "EXPEL"
    assert verbs["kick out"]["after"] == ["out"] and "kicked" in verbs["kick out"]["forms"]
    assert verbs["ponder"]["code"] is None
    patterns = data["patterns"]["EXPEL"]
    assert {"subject": [], "object": [["diplomat", "diplomats"]], "preps": [], "cameo": "161"} in patterns
    assert {"subject": [], "object": [["&military"]], "preps": [["from", []]], "cameo": "1661"} in patterns
    # modality is read from the parse, so "WILL NOT *" patterns are left out; a pattern
    # naming an unknown set is dropped, as PETRARCH drops it
    assert not any(p["cameo"] in ("124", "166") for p in patterns)
    assert data["patterns"]["PONDER"][0]["preps"] == [["over", ["peace plan", "peace plans"]]]
    assert data["patterns"]["PONDER"][0]["cameo"] == "036"


def test_the_agents_dictionary_expands_substitutions_and_keeps_the_first_code(convert, tmp_path: Path) -> None:
    path = tmp_path / "Phoenix.agents.txt"
    path.write_text(AGENTS)
    rows = dict(convert.read_agents(path))
    assert rows["police"] == "COP" and "polices" not in rows       # "{}": no plural
    assert rows["policeman"] == "COP" and rows["policemen"] == "COP"
    assert rows["human rights groups"] == "HRI"
    assert rows["rebel"] == "REB"                                  # first code wins


def test_the_plover_table_is_read_with_modes(convert, tmp_path: Path) -> None:
    path = tmp_path / "CAMEO2PLOVER-2021.txt"
    path.write_text("# header\n17: COERCE\n173: COERCE, arrest, legal # Arrest\n"
                    "0841: RETREAT, release,   legal # Return persons\n")
    assert convert.read_plover(path) == [("17", "COERCE", ""), ("173", "COERCE", "arrest"),
                                         ("0841", "RETREAT", "release")]


def test_the_converted_data_holds_together() -> None:
    d = dictionary()
    assert len(d.verbs) > 1500 and sum(map(len, d.patterns.values())) > 3500
    kinds = {kind for kind, _ in d.plover.values() if kind}
    assert kinds <= set(TYPES)
    for verbs in d.verbs.values():
        for verb in verbs:
            assert verb.block in d.patterns or verb.cameo or verb.block
    sectors = set(table().values())
    assert all(len(s) % 3 == 0 and s.isupper() for s in sectors)


@pytest.mark.parametrize("code,expected", [
    ("173", ("COERCE", "arrest")),     # its own line
    ("1734", ("COERCE", "arrest")),    # a sub-code takes its parent's
    ("057", ("AGREE", None)),          # ours: a signed accord is AGREE (the contract)
    ("163", ("SANCTION", "discontinue")),  # ours: the manual codes sanctions as SANCTION
    ("0213", ("REQUEST", None)),       # ours: an appeal is a request
    ("010", None),                     # statements: PLOVER drops them
])
def test_cameo_codes_map_to_plover(code: str, expected) -> None:
    assert plover_of(code) == expected


@pytest.mark.parametrize("sentence,verb,kind", [
    ("Lithuania cut ties with Belarus.", "cut", "SANCTION"),
    ("Hungary expelled two Russian diplomats.", "expelled", "SANCTION"),
    ("The opposition called for a ceasefire.", "called", "REQUEST"),
])
def test_patterns_read_off_the_parse(sentence: str, verb: str, kind: str) -> None:
    doc = load_model()(sentence)
    token = next(t for t in doc if t.text == verb)
    coding = code_verb(token, verb_forms(token))
    assert coding is not None and coding.type == kind


@pytest.mark.parametrize("words,sector", [
    (["riot", "police"], "COP"), (["interior", "minister"], "GOV"),
    (["human", "rights", "group"], "HRI"), (["Sen."], "LEG"), (["naval", "base"], None),
])
def test_agent_phrases(words: list[str], sector: str | None) -> None:
    found = sector_of_words(words)
    assert (found[1] if found else None) == sector


def test_codes_of_titles_and_names() -> None:
    assert (code_of_text("U.S. Defense Secretary").country, code_of_text("U.S. Defense Secretary").sector) == ("USA", "GOVMIL")
    assert code_of_text("Kremlin spokesman") is None     # a spokesman speaks for someone
    assert code_of_text("Reuters") is None


def test_the_committed_data_says_where_it_comes_from() -> None:
    folder = Path(__file__).resolve().parents[2] / "src" / "newstrace" / "data" / "events"
    source = json.loads((folder / "cameo_verbs.json").read_text())["_source"]
    assert source["repository"] == "openeventdata/petrarch2" and len(source["commit"]) == 40
    licence = (folder / "LICENCE.md").read_text()
    assert "MIT" in licence and "CC BY-SA 4.0" in licence
    assert "named_actors.tsv" in licence
    for name in ("agents.tsv", "cameo2plover.tsv", "named_actors.tsv"):
        assert "commit" in (folder / name).read_text().split("\n", 5)[2]


ACTORS = """# a sample in the Phoenix actors format, written for this test
######   An organisation  #######
THE_UNITED_NATIONS_ [IGOUNO]
UN_ [IGOUNO]
NATO_
+NORTH_ATLANTIC_TREATY_ORGANIZATION_
\t[IGOWSTNAT]# a comment
FORMER_CHIEF_OF_STAFF_
\t[IGOWSTNAT 580101-621231]
CURRENT_CHIEF_
\t[KORGOVBUS 2004017-20061201]
\t[IGOUNO >20070101]
REVOLUTIONARY_ARMY_(ERG)_ [COLREB] # kkl
"""


def test_the_actor_dictionaries_keep_names_with_their_current_code(convert, tmp_path: Path) -> None:
    path = tmp_path / "actors.txt"
    path.write_text(ACTORS, encoding="latin-1")
    rows = dict(convert.read_actors(path))
    assert rows["the united nations"] == "IGOUNO" and rows["un"] == "IGOUNO"
    assert rows["nato"] == rows["north atlantic treaty organization"] == "IGOWSTNAT"
    assert "former chief of staff" not in rows          # every code of the past
    assert rows["current chief"] == "IGOUNO"            # the open-ended one
    assert rows["revolutionary army"] == "COLREB"       # the acronym in brackets dropped


def test_cameo_codes_as_country_and_sector() -> None:
    from newstrace.nlp.agents import cameo_code
    assert (cameo_code("AFGREB").country, cameo_code("AFGREB").sector) == ("AFG", "REB")
    assert (cameo_code("IGOUNO").country, cameo_code("IGOUNO").sector) == (None, "IGOUNO")
    assert (cameo_code("WAFREB").country, cameo_code("WAFREB").sector) == (None, "REB")


def test_long_cameo_codes_fit_the_store() -> None:
    from newstrace.nlp.agents import cameo_code, named_actors
    longest = max(named_actors().values(), key=len)
    assert len(longest) > 12   # the dictionaries hold some
    assert len(cameo_code(longest).sector or "") <= 12
