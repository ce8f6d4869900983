"""The MNR ratings travel through the API and the stored roadmap: read, replaced, imported, exported."""

from sqlalchemy import select

from models import db
from models.operations import Actor, import_plan
from models.operations.mnr.ratings import set_capability_ratings
from models.queries.loading import load_plan
from models.roadmap import CapabilityRating
from roadmap.exchange.interchange import read_document, to_document
from roadmap.plan import CapabilityRating as Rating
from tests.factories import small_document


def test_the_api_gives_and_takes_the_ratings(api, world):
    rid = world["kenya"]
    set_capability_ratings(Actor("Ada"), rid, [Rating(11, 2, "Helpline 116 in the capital only.")])
    got = api("GET", f"/roadmaps/{rid}")
    doc = got.get_json()
    assert doc["capabilities"] == [{"number": 11, "phase": 2, "evidence": "Helpline 116 in the capital only."}]
    doc["capabilities"] = [
        {"number": 11, "phase": 3, "evidence": "Helpline 116 nationwide."},
        {"number": 1, "phase": 1},
    ]
    saved = api("PUT", f"/roadmaps/{rid}", body=doc, headers={"If-Match": got.headers["ETag"]})
    assert saved.status_code == 200, saved.get_json()
    stored = db.session.execute(
        select(CapabilityRating.number, CapabilityRating.phase, CapabilityRating.evidence)
        .where(CapabilityRating.roadmap_id == rid)
        .order_by(CapabilityRating.number)
    ).all()
    assert [tuple(r) for r in stored] == [(1, 1, None), (11, 3, "Helpline 116 nationwide.")]
    bad = dict(doc, capabilities=[{"number": 30, "phase": 1}])
    refused = api("PUT", f"/roadmaps/{rid}", body=bad, headers={"If-Match": saved.headers["ETag"]})
    assert refused.status_code in (400, 422) and "capabilities" in refused.get_data(as_text=True)


def test_an_imported_file_keeps_its_ratings_through_export(ctx):
    doc = small_document()
    doc["capabilities"] = [{"number": 7, "phase": 1, "evidence": "No ICSE access yet."}, {"number": 20, "phase": 2}]
    rid = import_plan(read_document(doc), Actor("import"))
    exported = to_document(load_plan(rid))
    assert exported["capabilities"] == [
        {"number": 7, "phase": 1, "evidence": "No ICSE access yet."},
        {"number": 20, "phase": 2, "evidence": None},
    ]
