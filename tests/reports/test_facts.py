"""The report's facts: figures against the lab built in the test, one language at a time, and the fingerprint."""
import json
from datetime import timedelta

from sqlalchemy import event

from labapp.datacards import picks
from labapp.datacards.models import Card, PickSession
from labapp.extensions import db
from labapp.journeys import service as journeys_service
from labapp.journeys.models import Visit
from labapp.labs.models import Lab, Membership
from labapp.prototypes import measures
from labapp.prototypes.models import Measure
from labapp.reports import facts

from .conftest import PAST


def _snapshot(app, lab, locale="en"):
    with app.app_context():
        return facts.snapshot(db.session.get(Lab, lab.id), locale)


def test_participation_counts_members_roles_invitations_and_attendance(app, report_lab):
    data = _snapshot(app, report_lab.lab)["participation"]
    assert data["members"] == 7  # Fran (no sector) and six others
    sectors = {row["code"]: (row["count"], row["share"]) for row in data["sectors"]}
    assert sectors["community"] == (3, 43) and sectors["nhs"] == (2, 29) and sectors["vcse"] == (1, 14)
    assert sectors["unknown"] == (1, 14)
    assert (data["residents"], data["resident_share"], data["resident_target"]) == (3, 43, 50)
    roles = {row["code"]: row["count"] for row in data["roles"]}
    assert roles["participant"] == 4 and roles["facilitator"] == 1 and roles["panel_member"] == 1
    assert data["invitations"] == {"sent": 3, "accepted": 1, "withdrawn": 0, "accepted_share": 33}
    outreach = {row["code"]: row["count"] for row in data["outreach"]}
    assert outreach["invited"] == 1 and outreach["accepted"] == 1 and data["outreach_total"] == 2
    [workshop] = data["workshops"]
    assert workshop["title"] == "Observe at the Mill" and workshop["kind"] == "observe"
    assert workshop["by_sector"]["community"] == 2 and workshop["by_sector"]["nhs"] == 1
    assert workshop["by_sector"]["unknown"] == 1 and workshop["total"] == 4
    assert workshop["date"] == PAST.isoformat()


def test_cards_rank_the_most_picked_with_residents_apart_and_in_the_language(app, report_lab):
    data = _snapshot(app, report_lab.lab)["cards"]
    [session] = data["sessions"]
    assert session["title"] == "Observe picks" and session["workshop"] == "Observe at the Mill"
    assert (session["pickers"], session["picks"]) == (3, 5)
    first = session["top"][0]
    assert (first["code"], first["count"], first["residents"], first["professionals"]) == ("A1", 3, 2, 1)
    assert [row["code"] for row in session["top"]] == ["A1", "A2", "B1"]
    [theme] = session["themes"]
    assert theme["name"] == "Getting in the door" and [c["code"] for c in theme["cards"]] == ["A1", "A2"]
    assert data["top"][0]["code"] == "A1" and data["picks"] == 5
    urdu = _snapshot(app, report_lab.lab, "ur")["cards"]
    assert urdu["top"][0]["headline"] == "غریب گلیوں میں کم ملاقاتیں"
    assert urdu["top"][1]["headline"] == "Interpreters are hard to book"  # no translation: the original


def test_journeys_count_visits_and_share_only_shared_debriefs_without_names(app, report_lab):
    data = _snapshot(app, report_lab.lab)["journeys"]
    assert (data["offered"], data["held"], data["cancelled"], data["places"]) == (1, 1, 1, 2)
    assert (data["confirmed"], data["full"], data["debriefs_shared"]) == (2, 1, 1)
    visit = data["visits"][0]
    assert visit["host"] == "Moor Lane Surgery" and visit["visitors"] == 2
    assert visit["debriefs"] == [{"saw": "A queue out of the door", "felt": "Sad for the people",
                                  "thought": "Open the phones earlier"}]
    assert visit["host_reflection"] == "Visitors asked good questions about the rota."
    text = json.dumps(data, ensure_ascii=False)
    assert "SECRET PRIVATE" not in text and "Rae" not in text and "Nia" not in text
    assert _snapshot(app, report_lab.lab, "ur")["journeys"]["visits"][0]["title"] == "مور لین میں ایک صبح"


def test_prototypes_carry_cycles_measures_values_and_verdict(app, report_lab):
    [warm, quiet] = _snapshot(app, report_lab.lab)["prototypes"]
    assert warm["title"] == "Warm homes" and warm["status"] == "adopted"  # the panel embedded it
    assert (warm["team"], warm["cycles"], warm["cycles_done"]) == (1, 2, 1)
    assert warm["last_decision"] == "adapt" and warm["last_learned"] == "Letters work better than calls"
    assert warm["overdue_weeks"] >= 1  # ten weeks in, only one cycle done
    assert warm["propositions"] == [{"number": 1, "text": "One"}]
    [measure] = warm["measures"]
    assert [v["value"] for v in measure["values"]] == [3, 4, 3, 5, 4, 3, 8, 9, 10, 9, 11, 12]
    assert measure["judged"] and measure["signal"] and measure["centre"] == 6.5
    assert "median" in measure["verdict"]
    assert quiet["measures"] == [] and quiet["cycles"] == 0


def test_panel_results_appear_only_for_revealed_panels(app, report_lab):
    [warm, quiet] = _snapshot(app, report_lab.lab)["panels"]
    assert warm["decision"] == "embed" and warm["conditions"] == "Report back in six months"
    assert warm["actions"] == [{"what": "Agree the budget", "owner": "The ICS", "due_on": None}]
    [panel] = warm["panels"]
    assert panel["open"] and panel["title"] == "June panel"
    factor6 = next(f for f in panel["factors"] if f["factor"] == 6)
    assert factor6["median"] == 1.5 and factor6["rated"] == 2
    assert [r["factor"] for r in panel["at_risk"]] == [6]
    [blind] = quiet["panels"]
    assert blind == {"title": "Blind panel", "held_on": None, "open": False}


def test_snapshot_is_json_and_fingerprint_is_stable(app, report_lab):
    first = _snapshot(app, report_lab.lab)
    json.dumps(first)
    assert facts.fingerprint(first) == facts.fingerprint(_snapshot(app, report_lab.lab))
    assert facts.fingerprint(first) != facts.fingerprint(_snapshot(app, report_lab.lab, "ur"))
    # A private debrief and a renamed person are not part of the lab's learning.
    with app.app_context():
        visit = db.session.get(Visit, report_lab.ids["visit"])
        journeys_service.save_debrief(visit, report_lab.ids["nia"], saw="changed", felt="", thought="",
                                      shared=False)
        db.session.get(Membership, report_lab.ids["rae"]).user.name = "Someone New"
        db.session.commit()
    assert facts.fingerprint(_snapshot(app, report_lab.lab)) == facts.fingerprint(first)


def test_fingerprint_changes_with_a_new_pick(app, report_lab):
    before = facts.fingerprint(_snapshot(app, report_lab.lab))
    with app.app_context():
        session = db.session.get(PickSession, report_lab.ids["session"])
        picks.pick(session, db.session.get(Membership, report_lab.ids["ros"]),
                   db.session.get(Card, report_lab.ids["cards"]["B1"]))
        db.session.commit()
    assert facts.fingerprint(_snapshot(app, report_lab.lab)) != before


def test_fingerprint_changes_with_a_new_value(app, report_lab):
    before = facts.fingerprint(_snapshot(app, report_lab.lab))
    with app.app_context():
        measures.set_value(db.session.get(Measure, report_lab.ids["measure"]), PAST + timedelta(days=1), value=13)
        db.session.commit()
    assert facts.fingerprint(_snapshot(app, report_lab.lab)) != before


def test_queries_do_not_grow_with_the_lab(app, report_lab, make_user, add_member):
    def count_queries():
        with app.app_context():
            seen = []
            listener = lambda *args: seen.append(1)  # noqa: E731
            event.listen(db.engine, "before_cursor_execute", listener)
            try:
                facts.snapshot(db.session.get(Lab, report_lab.lab.id), "en")
            finally:
                event.remove(db.engine, "before_cursor_execute", listener)
            return len(seen)

    before = count_queries()
    for n in range(3):
        add_member(report_lab.lab, make_user(name=f"Extra {n}"), "participant", sector="nhs")
    with app.app_context():
        lab = db.session.get(Lab, report_lab.lab.id)
        from labapp.prototypes import service as prototypes_service

        for n in range(3):
            prototype = prototypes_service.create_prototype(lab, name=f"More {n}")
            measure = measures.create_measure(prototype, name="Count", kind="count")
            measures.set_value(measure, PAST, value=n)
            prototypes_service.start_cycle(prototype, None)
        db.session.commit()
    assert count_queries() == before
