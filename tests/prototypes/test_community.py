"""The community of practice (feed, replies, weekly digest), the coach's view and the PDSA log PDF."""
from datetime import date, datetime, timedelta

from labapp.extensions import db
from labapp.prototypes.models import Cycle, Post


def test_members_post_and_reply_and_the_feed_is_paginated(app, client, team_lab, make_cycle):
    lab_id = team_lab["lab"].id
    cycle_id = make_cycle(team_lab["ids"]["prototype"])
    client.login_as(team_lab["people"]["mo"])
    page = client.get(f"/labs/{lab_id}/community/?cycle={cycle_id}").get_data(as_text=True)
    assert f'<option selected value="{cycle_id}">Warm homes – cycle 1</option>' in page
    response = client.post_form(f"/labs/{lab_id}/community/", {"body": "Asking twice doubled referrals.",
                                                               "cycle_id": str(cycle_id)})
    assert response.status_code == 302
    with app.app_context():
        post = db.session.scalar(db.select(Post))
        assert (post.cycle_id, post.prototype_id) == (cycle_id, team_lab["ids"]["prototype"])
        post_id = post.id
    empty = client.post_form(f"/labs/{lab_id}/community/", {"body": "  "})
    assert empty.status_code == 400 and "Write something to post." in empty.get_data(as_text=True)

    rita = app.test_client()
    rita.login_as(team_lab["people"]["rita"])
    assert "Warm homes – cycle 1" not in rita.get(f"/labs/{lab_id}/community/").get_data(as_text=True)
    assert rita.post_form(f"/labs/{lab_id}/community/{post_id}/replies", {"body": "Which words did you use?"}
                          ).status_code == 302
    feed = rita.get(f"/labs/{lab_id}/community/").get_data(as_text=True)
    assert "Asking twice doubled referrals." in feed and "Which words did you use?" in feed

    with app.app_context():
        for n in range(25):
            db.session.add(Post(lab_id=lab_id, body=f"note {n}", created_at=datetime(2025, 1, 1) + timedelta(hours=n)))
        db.session.commit()
    first = rita.get(f"/labs/{lab_id}/community/").get_data(as_text=True)
    assert "Page 1 of 2" in first and "Asking twice" in first and "note 0<" not in first
    second = rita.get(f"/labs/{lab_id}/community/?page=2").get_data(as_text=True)
    assert "note 0<" in second


def test_the_weekly_digest_gathers_posts_and_learning_of_that_week(app, client, team_lab, make_cycle):
    lab_id = team_lab["lab"].id
    make_cycle(team_lab["ids"]["prototype"], study_learned="People trust their GP's receptionist",
                          act_decision="adapt", act_next="Try a leaflet in Urdu")
    old_cycle = make_cycle(team_lab["ids"]["prototype"], study_learned="An older lesson")
    with app.app_context():
        db.session.get(Cycle, old_cycle).updated_at = datetime(2027, 3, 10, 12)
        db.session.add(Post(lab_id=lab_id, body="This week's post", created_at=datetime.now()))
        db.session.add(Post(lab_id=lab_id, body="Last month's post", created_at=datetime(2027, 3, 10, 12)))
        db.session.commit()
    client.login_as(team_lab["people"]["rita"])
    year, week = date.today().isocalendar()[:2]
    page = client.get(f"/labs/{lab_id}/community/digest/{year}/{week}").get_data(as_text=True)
    assert "People trust their GP&#39;s receptionist" in page and "Try a leaflet in Urdu" in page
    assert "This week&#39;s post" in page
    assert "An older lesson" not in page and "Last month&#39;s post" not in page
    then = client.get(f"/labs/{lab_id}/community/digest/2027/10").get_data(as_text=True)
    assert "An older lesson" in then and "Last month&#39;s post" in then
    assert f"/labs/{lab_id}/community/digest/2027/9" in then and f"/labs/{lab_id}/community/digest/2027/11" in then
    assert client.get(f"/labs/{lab_id}/community/digest/2027/60").status_code == 404
    assert client.get(f"/labs/{lab_id}/community/digest/").status_code == 200


def test_a_coach_sees_their_teams_at_a_glance(app, client, team_lab, make_cycle, make_measure):
    pid = team_lab["ids"]["prototype"]
    make_cycle(pid, plan_objective="Week one", act_decision="adopt")
    make_cycle(pid, plan_objective="Week two")
    make_measure(pid, [1, 2, 1, 2, 1, 2, 1, 2, 9, 9, 9, 9, 9, 9, 9, 9, 9], name="Signalling measure", baseline_points=8)
    make_measure(pid, [1, 2], name="Quiet measure")
    client.login_as(team_lab["people"]["cat"])
    page = client.get(f"/labs/{team_lab['lab'].id}/prototypes/mine").get_data(as_text=True)
    assert "The teams I coach" in page and "Warm homes" in page
    assert "Cycle 2" in page
    assert "1 week" in page  # week 2 is over without an Act decision
    assert "Signalling measure" in page and "Quiet measure" not in page
    rita = app.test_client()
    rita.login_as(team_lab["people"]["rita"])
    mine = rita.get(f"/labs/{team_lab['lab'].id}/prototypes/mine").get_data(as_text=True)
    assert "The teams I coach" not in mine and "You are not in a prototype team yet." in mine


def test_the_pdsa_log_prints_in_english_and_right_to_left(app, client, team_lab, make_cycle, make_measure):
    pid = team_lab["ids"]["prototype"]
    make_cycle(pid, plan_objective="Ask at reception", study_learned="It works")
    make_measure(pid, [3, 4, 5, 6, 5, 4, 6, 7, 8, 9, 9], name="Referrals a week")
    client.login_as(team_lab["people"]["rita"])
    for lang in ("en", "ur"):
        response = client.get(f"/labs/{team_lab['lab'].id}/prototypes/{pid}/log.pdf?lang={lang}")
        assert response.status_code == 200 and response.data.startswith(b"%PDF")
    html = _log_html(app, team_lab, pid, "ur")
    assert '<html lang="ur" dir="rtl">' in html
    assert "Ask at reception" in html and "Referrals a week" in html and 'class="chart run-chart"' in html
    assert "Lee Lead" in html and "Cat Coach" in html


def _log_html(app, team_lab, pid, locale):
    from flask import render_template
    from flask_babel import force_locale

    from labapp.i18n import babel_locale, text_direction
    from labapp.prototypes import service
    from labapp.prototypes.chart import run_chart
    from labapp.prototypes.models import Prototype

    with app.test_request_context(), app.app_context(), force_locale(babel_locale(locale)):
        prototype = db.session.get(Prototype, pid)
        charts = {m.id: run_chart(m, prototype.cycles) for m in prototype.measures}
        return render_template("prototypes/pdf/log.html", pdf_locale=locale, pdf_dir=text_direction(locale),
                               lab=_lab(pid),
                               prototype=prototype, team=service.team_by_role(prototype), charts=charts,
                               now=date.today(), **_globals())


def _lab(pid):
    from labapp.labs.models import Lab
    from labapp.prototypes.models import Prototype

    return db.session.get(Lab, db.session.get(Prototype, pid).lab_id)


def _globals():
    from labapp.prototypes.views import _helpers

    return _helpers()


def test_a_member_who_leaves_the_lab_leaves_the_team_and_their_posts_stay_without_a_name(app, client, team_lab):
    from labapp.prototypes.models import PrototypeMember

    ids = team_lab["ids"]
    with app.app_context():
        db.session.add(Post(lab_id=team_lab["lab"].id, author_id=ids["mo"], body="Leaflets in the waiting room worked."))
        db.session.commit()
    client.login_as(team_lab["people"]["fran"])
    assert client.post_form(f"/labs/{team_lab['lab'].id}/members/{ids['mo']}/remove").status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(PrototypeMember)
                                 .where(PrototypeMember.membership_id == ids["mo"])) == 0
        post = db.session.scalar(db.select(Post).where(Post.body == "Leaflets in the waiting room worked."))
        assert post is not None and post.author_id is None
