import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap.exchange import interchange
from roadmap.exchange.interchange import FormatError, read_bytes, read_document, to_document
from roadmap.vocabulary import DependencyType, Pillar
from tests.factories import small_document


def encode(doc) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def test_reads_a_complete_document():
    plan = read_document(small_document())
    assert plan.country == "KEN" and plan.start_date == date(2027, 1, 4)
    assert [d.key for d in plan.deliverables] == ["O1", "L1", "T1", "M1"]
    t1 = plan.deliverable("T1")
    assert t1.partners == ("MOICT", "NGO") and t1.percent_complete == 25
    assert plan.deliverable("M1").is_milestone
    ss = plan.dependencies[1]
    assert (ss.predecessor, ss.successor, ss.type, ss.lag_weeks) == ("L1", "T1", DependencyType.START_TO_START, 4)
    assert plan.dependencies[0].type == DependencyType.FINISH_TO_START and plan.dependencies[0].lag_weeks == 0


def test_defaults_apply_to_omitted_optional_fields():
    doc = {
        "format": "cop-roadmap/1",
        "country": "FJI",
        "title": "Minimal",
        "start_date": "2027-01-04",
        "deliverables": [{"key": "A", "pillar": "legal", "title": "A", "duration_weeks": 1}],
    }
    plan = read_document(doc)
    assert plan.language == "en" and plan.status == "draft" and plan.dependencies == ()
    assert plan.deliverables[0].priority == "medium" and plan.deliverables[0].status == "not_started"


def test_export_import_export_is_identical():
    first = to_document(read_document(small_document()))
    second = to_document(read_bytes(interchange.dumps(read_document(first)).encode()))
    assert first == second


def test_export_lists_every_field_so_scripts_see_one_shape():
    doc = to_document(read_document(small_document()))
    assert set(doc["deliverables"][3]) == set(interchange.schema()["properties"]["deliverables"]["items"]["properties"])
    assert doc["deliverables"][3]["lead"] is None


@pytest.mark.parametrize(
    "text",
    [
        "خارطة طريق حماية الأطفال على الإنترنت",
        "儿童在线保护国家路线图",
        "Защита детей в интернете",
        "<script>alert('x')</script> & \"quotes\"",
        "emoji 🧒🏽🔒 and ZWJ 👩‍👧",
        "right-to-left mark \u200f and combining e\u0301",
        "  leading and trailing spaces  ",
    ],
)
def test_text_is_kept_byte_for_byte(text):
    doc = small_document(title=text)
    doc["deliverables"][0]["description"] = text
    doc["stakeholders"][0]["name"] = text
    out = json.loads(interchange.dumps(read_bytes(encode(doc))))
    assert out["title"] == text
    assert out["deliverables"][0]["description"] == text
    assert out["stakeholders"][0]["name"] == text


def test_a_utf8_byte_order_mark_is_accepted():
    plan = read_bytes(b"\xef\xbb\xbf" + encode(small_document()))
    assert plan.title == "Kenya COP roadmap"


def _with(mutate):
    doc = small_document()
    mutate(doc)
    return encode(doc)


def _set(path, value):
    def mutate(doc):
        node = doc
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value

    return mutate


def _drop(path):
    def mutate(doc):
        node = doc
        for part in path[:-1]:
            node = node[part]
        del node[path[-1]]

    return mutate


def _add_link(**link):
    return lambda doc: doc["dependencies"].append(link)


BAD_INPUTS = [
    (
        "date far in the future",
        _with(_set(["start_date"], "9999-12-20")),
        "start_date: 9999-12-20 is outside the years",
    ),
    ("not_before far in the past", _with(_set(["deliverables", 0, "not_before"], "0001-01-01")), "outside the years"),
    (
        "huge indicator",
        b'{"format": "cop-roadmap/1", "country": "KEN", "title": "t", "start_date": "2027-01-04", '
        b'"deliverables": [{"key": "A", "pillar": "legal", "title": "t", "duration_weeks": 1, '
        b'"indicators": [{"name": "n", "baseline": 1e400}]}]}',
        "baseline: 1E+400 is above the maximum",
    ),
    ("key with a line break", _with(_set(["deliverables", 0, "key"], "O0\n")), "must not contain a line break"),
    (
        "measurement on an impossible date",
        _with(_set(["deliverables", 0, "indicators", 0, "measurements"], [{"date": "2027-02-30", "value": 1}])),
        "measurements[0].date",
    ),
    (
        "measurement without a value",
        _with(_set(["deliverables", 0, "indicators", 0, "measurements"], [{"date": "2027-02-01"}])),
        'missing required field "value"',
    ),
    ("country with a line break", _with(_set(["country"], "KEN\n")), 'country: "KEN\\n" must not contain a line break'),
    ("JSON nested too deeply", b"[" * 100_000, "nested too deeply"),
    ("integer of 5000 digits", b'{"n": ' + b"9" * 5000 + b"}", "not valid JSON"),
    ("not JSON", b"{this is not json", "not valid JSON"),
    ("empty file", b"", "the file is empty"),
    ("only whitespace", b"  \n ", "the file is empty"),
    ("not UTF-8", b'{"title": "\xff"}', "not UTF-8"),
    ("top level list", b"[]", "expected a JSON object"),
    ("NaN", b'{"format": "cop-roadmap/1", "x": NaN}', "NaN"),
    ("wrong format tag", _with(_set(["format"], "cop-roadmap/2")), 'format: expected "cop-roadmap/1"'),
    ("missing format", _with(_drop(["format"])), 'missing required field "format"'),
    ("missing title", _with(_drop(["title"])), 'missing required field "title"'),
    (
        "missing deliverable key",
        _with(_drop(["deliverables", 1, "key"])),
        'deliverables[1]: missing required field "key"',
    ),
    ("missing duration", _with(_drop(["deliverables", 0, "duration_weeks"])), '"duration_weeks"'),
    ("unknown top field", _with(_set(["titel"], "x")), 'unknown field "titel"'),
    (
        "unknown deliverable field",
        _with(_set(["deliverables", 2, "pilar"], "legal")),
        'deliverables[2] (key "T1"): unknown field "pilar"',
    ),
    ("unknown cost field", _with(_set(["deliverables", 0, "cost", "amout"], 5)), 'cost: unknown field "amout"'),
    (
        "unknown pillar",
        _with(_set(["deliverables", 1, "pillar"], "lgeal")),
        'deliverables[1] (key "L1").pillar: unknown value "lgeal"',
    ),
    ("unknown country", _with(_set(["country"], "XYZ")), 'country: unknown ISO 3166-1 alpha-3 code "XYZ"'),
    ("lower-case country", _with(_set(["country"], "ken")), 'country: "ken" is not a three-letter upper-case code'),
    (
        "unknown dependency type",
        _with(_set(["dependencies", 0, "type"], "start_to_finish")),
        'dependencies[0] (O1 → L1).type: unknown value "start_to_finish"',
    ),
    (
        "unknown threat",
        _with(_set(["deliverables", 1, "threats"], ["csam", "zombies"])),
        'threats[1]: unknown value "zombies"',
    ),
    (
        "unknown stakeholder kind",
        _with(_set(["stakeholders", 0, "kind"], "ministry")),
        'kind: unknown value "ministry"',
    ),
    (
        "unknown currency",
        _with(_set(["deliverables", 0, "cost", "currency"], "XXY")),
        'unknown ISO 4217 currency code "XXY"',
    ),
    ("bad date", _with(_set(["start_date"], "2027-02-30")), 'start_date: "2027-02-30" is not a valid date'),
    (
        "date in another form",
        _with(_set(["deliverables", 1, "due_by"], "31/12/2027")),
        'due_by: "31/12/2027" is not a date in the form YYYY-MM-DD',
    ),
    (
        "negative duration",
        _with(_set(["deliverables", 0, "duration_weeks"], -3)),
        "duration_weeks: -3 is below the minimum of 0",
    ),
    (
        "non-numeric duration",
        _with(_set(["deliverables", 0, "duration_weeks"], "six")),
        'duration_weeks: expected a whole number, got "six"',
    ),
    (
        "fractional duration",
        _with(_set(["deliverables", 0, "duration_weeks"], 2.5)),
        "duration_weeks: expected a whole number, got 2.5",
    ),
    (
        "boolean duration",
        _with(_set(["deliverables", 0, "duration_weeks"], True)),
        "duration_weeks: expected a whole number, got true",
    ),
    ("absurd duration", _with(_set(["deliverables", 0, "duration_weeks"], 100000)), "is above the maximum of 520"),
    (
        "absurd lag",
        _with(_set(["dependencies", 0, "lag_weeks"], 10000)),
        "dependencies[0] (O1 → L1).lag_weeks: 10000 is above the maximum of 520",
    ),
    ("absurd negative lag", _with(_set(["dependencies", 0, "lag_weeks"], -10000)), "is below the minimum of -520"),
    (
        "percent over 100",
        _with(_set(["deliverables", 2, "percent_complete"], 150)),
        "percent_complete: 150 is above the maximum of 100",
    ),
    ("maturity 0", _with(_set(["assessments", 0, "maturity"], 0)), "maturity: 0 is below the minimum of 1"),
    ("title over 200", _with(_set(["title"], "x" * 201)), "title: 201 characters is too long (at most 200)"),
    (
        "deliverable title over 200",
        _with(_set(["deliverables", 0, "title"], "é" * 201)),
        "title: 201 characters is too long",
    ),
    ("empty title", _with(_set(["title"], "")), "title: must not be empty"),
    (
        "duplicate deliverable key",
        _with(_set(["deliverables", 3, "key"], "O1")),
        'deliverables[3]: duplicate deliverable key "O1" (first used at deliverables[0])',
    ),
    (
        "duplicate stakeholder key",
        _with(_set(["stakeholders", 2, "key"], "MOICT")),
        'duplicate stakeholder key "MOICT"',
    ),
    (
        "duplicate dependency",
        _with(_add_link(**{"from": "O1", "to": "L1", "type": "start_to_start"})),
        "dependencies[3] (O1 → L1): duplicate dependency (already given at dependencies[0])",
    ),
    (
        "dependency on a missing key",
        _with(_add_link(**{"from": "O1", "to": "X9"})),
        'dependencies[3] (O1 → X9).to: no deliverable has the key "X9"',
    ),
    (
        "dependency from a missing key",
        _with(_add_link(**{"from": "Q0", "to": "O1"})),
        'dependencies[3] (Q0 → O1).from: no deliverable has the key "Q0"',
    ),
    (
        "self dependency",
        _with(_add_link(**{"from": "L1", "to": "L1"})),
        'dependencies[3] (L1 → L1): a deliverable cannot depend on itself ("L1")',
    ),
    (
        "lead naming no stakeholder",
        _with(_set(["deliverables", 1, "lead"], "MOJ")),
        'deliverables[1] (key "L1").lead: no stakeholder has the key "MOJ"',
    ),
    (
        "partner naming no stakeholder",
        _with(_set(["deliverables", 2, "partners"], ["NGO", "UNICEF"])),
        'partners[1]: no stakeholder has the key "UNICEF"',
    ),
    (
        "partner listed twice",
        _with(_set(["deliverables", 2, "partners"], ["NGO", "NGO"])),
        "partners: an entry is listed twice",
    ),
    ("loop of two", _with(_add_link(**{"from": "L1", "to": "O1"})), "dependency loop: L1 → O1 → L1"),
    ("loop of three", _with(_add_link(**{"from": "M1", "to": "L1"})), "dependency loop: L1 → T1 → M1 → L1"),
    ("bad key characters", _with(_set(["deliverables", 0, "key"], "O 1")), "is not a valid key"),
    ("field given twice", b'{"format": "cop-roadmap/1", "title": "a", "title": "b"}', 'field "title" appears twice'),
    (
        "NUL in text",
        _with(_set(["deliverables", 0, "description"], "a\x00b")),
        "deliverables[0].description: text contains a NUL character",
    ),
    (
        "lone surrogate",
        b'{"format": "cop-roadmap/1", "country": "KEN", "title": "\\ud800", '
        b'"start_date": "2027-01-04", "deliverables": []}',
        "unpaired surrogate",
    ),
    ("amount without currency", _with(_set(["deliverables", 0, "cost"], {"amount": 5})), "an amount needs a currency"),
    (
        "amount with fractions of a cent",
        _with(_set(["deliverables", 0, "cost"], {"amount": 5.555, "currency": "USD"})),
        "more than two decimal places",
    ),
    (
        "negative amount",
        _with(_set(["deliverables", 0, "cost"], {"amount": -5, "currency": "USD"})),
        "below the minimum of 0",
    ),
    (
        "finish before start",
        _with(_set(["deliverables", 2, "actual_finish"], "2027-02-01")),
        "actual_finish: 2027-02-01 is before actual_start 2027-03-01",
    ),
    (
        "pillar assessed twice",
        _with(_set(["assessments"], [{"pillar": "legal", "maturity": 1}, {"pillar": "legal", "maturity": 2}])),
        'pillar "legal" is assessed twice',
    ),
]


@pytest.mark.parametrize(("data", "expected"), [(d, e) for _, d, e in BAD_INPUTS], ids=[n for n, _, _ in BAD_INPUTS])
def test_bad_input_gets_one_line_naming_problem_and_place(data, expected):
    with pytest.raises(FormatError) as err:
        read_bytes(data)
    message = str(err.value)
    assert expected in message
    assert "\n" not in message


def test_a_file_over_20_mb_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.truncate(interchange.MAX_BYTES + 1)
    with pytest.raises(FormatError, match="at most 20 MB"):
        interchange.read_file(big)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(FormatError, match="no such file"):
        interchange.read_file(tmp_path / "nope.json")


# ---------------------------------------------------------------- property: any valid plan round-trips

KEYS = st.text("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", min_size=1, max_size=6)
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


@st.composite
def documents(draw):
    keys = draw(st.lists(KEYS, min_size=0, max_size=12, unique=True))
    stakeholders = draw(st.lists(KEYS, max_size=4, unique=True))
    deliverables = []
    for key in keys:
        deliverables.append(
            {
                "key": key,
                "pillar": draw(st.sampled_from([p.value for p in Pillar])),
                "title": draw(TEXT.filter(bool)),
                "duration_weeks": draw(st.integers(0, 520)),
                "description": draw(st.none() | TEXT),
                "lead": draw(st.none() | st.sampled_from(stakeholders)) if stakeholders else None,
                "not_before": draw(st.none() | st.dates(date(2020, 1, 1), date(2040, 1, 1)).map(str)),
                "cost": draw(
                    st.none()
                    | st.builds(
                        lambda c: {"amount": c / 100, "currency": "EUR", "source": None}, st.integers(0, 10**12)
                    )
                ),
                "indicators": [
                    {
                        "name": "n",
                        "unit": None,
                        "baseline": draw(st.none() | st.floats(-1e9, 1e9)),
                        "target": 1,
                        "actual": None,
                    }
                ],
            }
        )
    # Links only go forward in list order, so the graph is always acyclic.
    pairs = draw(st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), max_size=20))
    links, seen = [], set()
    for a, b in pairs:
        if a < b < len(keys) and (a, b) not in seen:
            seen.add((a, b))
            links.append(
                {
                    "from": keys[a],
                    "to": keys[b],
                    "type": draw(st.sampled_from([t.value for t in DependencyType])),
                    "lag_weeks": draw(st.integers(-520, 520)),
                }
            )
    return {
        "format": "cop-roadmap/1",
        "country": "BRA",
        "title": draw(TEXT.filter(bool)),
        "start_date": "2027-01-04",
        "stakeholders": [{"key": s, "name": s, "kind": "academia"} for s in stakeholders],
        "deliverables": deliverables,
        "dependencies": links,
    }


@settings(max_examples=60, deadline=None)
@given(documents())
def test_any_valid_document_round_trips(doc):
    once = to_document(read_bytes(encode(doc)))
    twice = to_document(read_bytes(interchange.dumps(read_document(once)).encode()))
    assert once == twice
    assert [d["key"] for d in once["deliverables"]] == [d["key"] for d in doc["deliverables"]]
