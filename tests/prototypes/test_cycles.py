"""PDSA cycles: numbering and links, states, the timeline, saving, autosave and concurrent edits."""
import threading
from datetime import date, timedelta

import pytest

from labapp.extensions import db
from labapp.prototypes import service
from labapp.prototypes.models import Cycle, Prototype


def _base(team_lab):
    return f"/labs/{team_lab['lab'].id}/prototypes/{team_lab['ids']['prototype']}"


def test_cycles_are_numbered_and_linked_to_the_one_before(app, client, team_lab):
    client.login_as(team_lab["people"]["mo"])
    for _ in range(3):
        response = client.post_form(_base(team_lab) + "/cycles/new")
        assert response.status_code == 302 and response.headers["Location"].endswith("/edit")
    with app.app_context():
        cycles = db.session.scalars(db.select(Cycle).order_by(Cycle.number)).all()
        assert [c.number for c in cycles] == [1, 2, 3]
        assert [c.previous_id for c in cycles] == [None, cycles[0].id, cycles[1].id]
        service.delete_cycle(cycles[1])
        db.session.commit()
        assert db.session.get(Cycle, cycles[2].id).previous_id == cycles[0].id


def test_the_state_follows_what_is_written(app, team_lab, make_cycle):
    cycle_id = make_cycle(team_lab["ids"]["prototype"])
    with app.app_context():
        cycle = db.session.get(Cycle, cycle_id)
        assert cycle.state == "planned"
        cycle.do_what_happened = "We asked 12 people"
        assert cycle.state == "doing"
        cycle.study_learned = "Half had never heard of the service"
        assert cycle.state == "studied"
        cycle.act_decision = "adapt"
        assert cycle.state == "done"


def test_the_timeline_shows_six_weeks_with_states_and_overdue_weeks(app, team_lab, make_cycle):
    pid = team_lab["ids"]["prototype"]  # started two weeks ago: weeks 1 and 2 are over, week 3 is this week
    make_cycle(pid, plan_objective="a", act_decision="adopt")
    make_cycle(pid, plan_objective="b", do_what_happened="c")
    with app.app_context():
        prototype = db.session.get(Prototype, pid)
        weeks = service.timeline(prototype, date.today())
        assert len(weeks) == 6
        assert [w.state for w in weeks] == ["done", "doing", "missing", "missing", "missing", "missing"]
        assert [w.overdue for w in weeks] == [False, True, False, False, False, False]
        assert [w.current for w in weeks] == [False, False, True, False, False, False]
        # A week later, week 3 is over with no cycle logged: overdue too.
        later = service.timeline(prototype, date.today() + timedelta(weeks=1))
        assert [w.number for w in later if w.overdue] == [2, 3]
        # The last day of a week is not yet overdue; the next week's first day is.
        week2_start = prototype.week_starts(2)
        assert not service.timeline(prototype, week2_start + timedelta(days=6))[1].overdue
        assert service.timeline(prototype, week2_start + timedelta(days=7))[1].overdue


def test_the_save_button_works_without_javascript(app, client, team_lab, make_cycle):
    cycle_id = make_cycle(team_lab["ids"]["prototype"])
    client.login_as(team_lab["people"]["lee"])
    url = _base(team_lab) + f"/cycles/{cycle_id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert 'name="version" type="hidden" value="1"' in page and "js-autosave" in page
    response = client.post_form(url, {"version": "1", "plan_objective": "Ask at reception",
                                      "study_learned": "People said yes", "act_decision": "adopt"})
    assert response.status_code == 302
    with app.app_context():
        cycle = db.session.get(Cycle, cycle_id)
        assert (cycle.plan_objective, cycle.state, cycle.version) == ("Ask at reception", "done", 2)
    assert "Ask at reception" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_autosave_saves_a_draft_and_returns_the_new_version(app, client, team_lab, make_cycle):
    cycle_id = make_cycle(team_lab["ids"]["prototype"])
    client.login_as(team_lab["people"]["mo"])
    url = _base(team_lab) + f"/cycles/{cycle_id}/autosave"
    first = client.post_form(url, {"version": "1", "plan_objective": "Half a sen"})
    assert first.status_code == 200 and first.json["status"] == "saved" and first.json["version"] == 2
    second = client.post_form(url, {"version": "2", "plan_objective": "Half a sentence, then all of it"})
    assert second.json["version"] == 3 and second.json["state"] == "planned"
    with app.app_context():
        assert db.session.get(Cycle, cycle_id).plan_objective == "Half a sentence, then all of it"


def test_a_stale_autosave_is_refused_and_nothing_is_overwritten(app, team_lab, make_cycle):
    cycle_id = make_cycle(team_lab["ids"]["prototype"])
    lee, mo = app.test_client(), app.test_client()
    lee.login_as(team_lab["people"]["lee"])
    mo.login_as(team_lab["people"]["mo"])
    url = _base(team_lab) + f"/cycles/{cycle_id}/autosave"
    assert lee.post_form(url, {"version": "1", "do_what_happened": "Lee's account"}).json["version"] == 2
    refused = mo.post_form(url, {"version": "1", "do_what_happened": "Mo's account"})
    assert refused.status_code == 409 and refused.json["status"] == "conflict" and refused.json["version"] == 2
    assert "Press Save to compare" in refused.json["message"]
    with app.app_context():
        assert db.session.get(Cycle, cycle_id).do_what_happened == "Lee's account"


def test_a_stale_save_keeps_the_typed_text_and_shows_the_other_version(app, team_lab, make_cycle):
    cycle_id = make_cycle(team_lab["ids"]["prototype"])
    lee, mo = app.test_client(), app.test_client()
    lee.login_as(team_lab["people"]["lee"])
    mo.login_as(team_lab["people"]["mo"])
    url = _base(team_lab) + f"/cycles/{cycle_id}/edit"
    assert lee.post_form(url, {"version": "1", "do_what_happened": "Lee's account"}).status_code == 302
    response = mo.post_form(url, {"version": "1", "do_what_happened": "Mo's account"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Not saved: someone else saved first" in page
    assert "Mo&#39;s account</textarea>" in page  # the typed text is kept in the form
    assert "Lee&#39;s account" in page             # and the other version is shown
    assert 'name="version" type="hidden" value="2"' in page
    # Having seen it, saving again is a deliberate choice and goes through.
    assert mo.post_form(url, {"version": "2", "do_what_happened": "Both accounts"}).status_code == 302
    with app.app_context():
        assert db.session.get(Cycle, cycle_id).do_what_happened == "Both accounts"


def test_a_bad_autosave_is_refused_with_json(app, client, team_lab, make_cycle):
    cycle_id = make_cycle(team_lab["ids"]["prototype"])
    client.login_as(team_lab["people"]["mo"])
    response = client.post_form(_base(team_lab) + f"/cycles/{cycle_id}/autosave", {"version": "x"})
    assert response.status_code == 400 and response.json["status"] == "invalid"
    no_token = client.post(_base(team_lab) + f"/cycles/{cycle_id}/autosave", data={"version": "1"})
    assert no_token.status_code == 400


def _run_together(app, jobs):
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        with app.app_context():
            barrier.wait()
            try:
                results[index] = job()
                db.session.commit()
            except Exception as error:  # noqa: BLE001 - the test inspects what happened
                db.session.rollback()
                results[index] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_concurrent_saves_of_one_version_let_exactly_one_win(app, database, team_lab, make_cycle):
    if database["backend"] != "postgresql":
        pytest.skip("real concurrent transactions need PostgreSQL")
    cycle_id = make_cycle(team_lab["ids"]["prototype"])

    def save(text):
        def job():
            cycle = db.session.get(Cycle, cycle_id)
            return service.save_cycle(cycle, 1, {"study_learned": text}, None)
        return job

    for _ in range(3):
        with app.app_context():
            db.session.execute(db.update(Cycle).where(Cycle.id == cycle_id).values(version=1))
            db.session.commit()
        results = _run_together(app, [save(f"writer {i}") for i in range(4)])
        winners = [r for r in results if isinstance(r, int)]
        losers = [r for r in results if isinstance(r, service.StaleCycle)]
        assert len(winners) == 1 and len(losers) == 3, results
        with app.app_context():
            saved = db.session.get(Cycle, cycle_id)
            assert saved.version == 2 and saved.study_learned == f"writer {results.index(winners[0])}"


def test_concurrent_cycle_starts_get_distinct_numbers(app, database, team_lab):
    if database["backend"] != "postgresql":
        pytest.skip("real concurrent transactions need PostgreSQL")
    pid = team_lab["ids"]["prototype"]

    def start():
        return service.start_cycle(db.session.get(Prototype, pid), None).number

    results = _run_together(app, [start for _ in range(4)])
    assert sorted(results) == [1, 2, 3, 4], results


def test_deleting_a_cycle_or_prototype_keeps_posts_but_unlinks_them(app, client, team_lab, make_cycle):
    from labapp.prototypes.models import Post

    pid = team_lab["ids"]["prototype"]
    first, second = make_cycle(pid), make_cycle(pid)
    with app.app_context():
        db.session.add_all([Post(lab_id=team_lab["lab"].id, body="about one", prototype_id=pid, cycle_id=first),
                            Post(lab_id=team_lab["lab"].id, body="about two", prototype_id=pid, cycle_id=second)])
        db.session.commit()
    client.login_as(team_lab["people"]["lee"])
    assert client.post_form(_base(team_lab) + f"/cycles/{first}/delete").status_code == 302
    with app.app_context():
        assert [(p.body, p.cycle_id) for p in db.session.scalars(db.select(Post).order_by(Post.id))] == [
            ("about one", None), ("about two", second)]
    assert client.post_form(_base(team_lab) + "/delete").status_code == 302
    with app.app_context():
        assert [(p.prototype_id, p.cycle_id) for p in db.session.scalars(db.select(Post))] == [(None, None)] * 2
    assert "about two" in client.get(f"/labs/{team_lab['lab'].id}/community/").get_data(as_text=True)


def test_a_member_who_leaves_the_lab_drops_out_of_the_team_pages(app, client, team_lab):
    from labapp.labs import service as labs_service
    from labapp.labs.models import Membership

    with app.app_context():
        labs_service.remove_member(db.session.get(Membership, team_lab["ids"]["mo"]))
        db.session.commit()
    client.login_as(team_lab["people"]["lee"])
    for path in ("/", "/team", "/log.pdf"):
        assert client.get(_base(team_lab) + path).status_code == 200, path
    assert "Mo Member" not in client.get(_base(team_lab) + "/team").get_data(as_text=True)
