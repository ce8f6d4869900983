import json

from jsonschema import Draft202012Validator

from roadmap import vocabulary
from roadmap.demo import demo_plan
from roadmap.exchange import interchange
from roadmap.threats import Threat
from roadmap.vocabulary import DependencyType, Pillar, StakeholderKind


def test_the_schema_is_a_valid_json_schema():
    Draft202012Validator.check_schema(interchange.schema())


def test_an_exported_document_validates_against_the_schema():
    doc = interchange.to_document(demo_plan("GHA", "Demo"))
    Draft202012Validator(interchange.schema()).validate(json.loads(json.dumps(doc)))


def test_schema_vocabularies_match_the_domain():
    props = interchange.schema()["properties"]
    deliverable = props["deliverables"]["items"]["properties"]
    defs = interchange.schema()["$defs"]
    assert defs["pillar"]["enum"] == [p.value for p in Pillar]
    assert deliverable["threats"]["items"]["enum"] == [t.value for t in Threat]
    assert props["stakeholders"]["items"]["properties"]["kind"]["enum"] == [k.value for k in StakeholderKind]
    assert [t for t in props["dependencies"]["items"]["properties"]["type"]["enum"] if t] == [
        t.value for t in DependencyType
    ]


def test_schema_limits_match_the_database_limits():
    props = interchange.schema()["properties"]
    deliverable = props["deliverables"]["items"]["properties"]
    defs = interchange.schema()["$defs"]
    assert defs["title"]["maxLength"] == vocabulary.TITLE_MAX
    assert deliverable["duration_weeks"]["maximum"] == vocabulary.DURATION_MAX_WEEKS
    assert deliverable["description"]["maxLength"] == vocabulary.DESCRIPTION_MAX
    assert deliverable["objective"]["maxLength"] == vocabulary.OBJECTIVE_MAX
    assert deliverable["cost"]["properties"]["source"]["maxLength"] == vocabulary.SOURCE_MAX
    assert deliverable["cost"]["properties"]["amount"]["maximum"] == vocabulary.COST_AMOUNT_MAX
    assert props["dependencies"]["items"]["properties"]["lag_weeks"]["maximum"] == vocabulary.LAG_MAX_WEEKS
    assert defs["key"]["pattern"] == vocabulary.KEY_PATTERN
