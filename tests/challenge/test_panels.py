"""Panels: only members score; scoring is blind in every page, JSON, CSV and PDF until submit or reveal."""
import json
import re

from labapp.challenge.models import PanelSession, Score, Submission
from labapp.extensions import db
from tests.helpers import html_text

from .conftest import pdf_text, score_as

SECRET = "Pat thinks the money runs out in March"


def _panel_url(lab, panel_id, route=""):
    return f"/labs/{lab.id}/panels/{panel_id}/{route}"


def _results(lab, panel_id, ids, suffix="results"):
    return f"/labs/{lab.id}/panels/{panel_id}/proposals/{ids['proposal']}/{suffix}"


def test_only_panel_members_score(app, challenge_lab, panel_ids):
    lab, ids, people = challenge_lab["lab"], challenge_lab["ids"], challenge_lab["people"]
    client = app.test_client()
    for who in ("rita", "fran", "lee"):
        client.login_as(people[who])
        assert client.get(_results(lab, panel_ids, ids, "score")).status_code == 403, who
        assert client.post_form(_results(lab, panel_ids, ids, "score"), {"rating_1": "3"}).status_code == 403, who
    client.login_as(people["cara"])
    assert client.get(_results(lab, panel_ids, ids, "score")).status_code == 200
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Score.id))) == 0


def test_a_member_saves_then_submits_and_submitting_needs_every_factor(app, challenge_lab, panel_ids):
    lab, ids = challenge_lab["lab"], challenge_lab["ids"]
    client = app.test_client()
    client.login_as(challenge_lab["people"]["cara"])
    url = _results(lab, panel_ids, ids, "score")
    assert client.post_form(url, {"rating_1": "2", "comment_1": "Not sure who pays", "save": "1"}).status_code == 302
    response = client.post_form(url, {"rating_1": "2", "submit": "1"})
    assert response.status_code == 200 and "can" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Submission.id))) == 0
    data = {f"rating_{f}": "3" for f in range(1, 13)} | {"rating_12": "0", "submit": "1"}
    assert client.post_form(url, data).status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Submission.id))) == 1
        ratings = {s.factor: s.rating for s in db.session.scalars(db.select(Score))}
        assert ratings[1] == 3 and ratings[12] == 0


def test_scores_stay_blind_everywhere_until_submit_or_reveal(app, challenge_lab, panel_ids):
    lab, ids, people = challenge_lab["lab"], challenge_lab["ids"], challenge_lab["people"]
    score_as(app, panel_ids, ids["proposal"], ids["pat"], {f: 1 for f in range(1, 13)}, comment=SECRET)
    client = app.test_client()
    pdf_url = f"/labs/{lab.id}/proposals/{ids['proposal']}.pdf"
    # Cara (member, not submitted), Rita (not on the panel), Fran (facilitator, before reveal) see nothing of Pat's.
    for who in ("cara", "rita", "fran"):
        client.login_as(people[who])
        for url in (_results(lab, panel_ids, ids), _panel_url(lab, panel_ids), f"/labs/{lab.id}/proposals/{ids['proposal']}/"):
            page = client.get(url).get_data(as_text=True)
            assert SECRET not in page and "Not met</td>" not in page, (who, url)
            assert "Disagree" not in page
        data = client.get(_results(lab, panel_ids, ids, "results.json")).get_json()
        assert data["all_members"] is False and data["factors"] == []
        assert all(s["member"] != ids["pat"] for s in data["scores"])
        assert SECRET not in json.dumps(data)
        pdf = client.get(pdf_url)
        assert pdf.status_code == 200 and "most at risk" not in pdf_text(pdf.data) and SECRET not in pdf_text(pdf.data)
    client.login_as(people["fran"])
    assert client.get(_panel_url(lab, panel_ids, "scores.csv")).status_code == 403

    # Cara submits: now she sees the panel's results, including Pat's comment and the disagreement.
    score_as(app, panel_ids, ids["proposal"], ids["cara"], {f: 4 for f in range(1, 13)})
    client.login_as(people["cara"])
    page = client.get(_results(lab, panel_ids, ids)).get_data(as_text=True)
    assert SECRET in page and "Disagree: 3 levels apart" in page
    assert client.get(_results(lab, panel_ids, ids, "results.json")).get_json()["all_members"] is True
    # Rita and Fran still do not, and the PDF waits for the reveal even for Cara.
    assert "most at risk" not in pdf_text(client.get(pdf_url).data)
    client.login_as(people["rita"])
    assert SECRET not in client.get(_results(lab, panel_ids, ids)).get_data(as_text=True)

    # The facilitator reveals: everyone in the lab sees the results, the CSV and the PDF results.
    client.login_as(people["fran"])
    assert client.post_form(_panel_url(lab, panel_ids, "reveal")).status_code == 302
    page = client.get(_results(lab, panel_ids, ids)).get_data(as_text=True)
    assert SECRET in page and "Disagree" in page
    heat = client.get(_panel_url(lab, panel_ids)).get_data(as_text=True)
    assert "Between Partly met and Mostly met" in heat and "Members disagree" in heat
    csv_text = client.get(_panel_url(lab, panel_ids, "scores.csv")).get_data(as_text=True)
    assert "Pat Panel" in csv_text and "Cara Community" in csv_text and SECRET in csv_text
    text = pdf_text(client.get(pdf_url).data)
    assert "most at risk" in text and "Disagree" in text


def test_scores_change_until_the_panel_closes(app, challenge_lab, panel_ids):
    lab, ids, people = challenge_lab["lab"], challenge_lab["ids"], challenge_lab["people"]
    client = app.test_client()
    client.login_as(people["pat"])
    url = _results(lab, panel_ids, ids, "score")
    data = {f"rating_{f}": "2" for f in range(1, 13)} | {"submit": "1"}
    assert client.post_form(url, data).status_code == 302
    assert client.post_form(url, data | {"rating_3": "4"}).status_code == 302
    client.login_as(people["fran"])
    client.post_form(_panel_url(lab, panel_ids, "close"))
    client.login_as(people["pat"])
    client.post_form(url, data | {"rating_3": "1"})
    with app.app_context():
        assert db.session.get(PanelSession, panel_ids).closed
        score = db.session.scalar(db.select(Score).where(Score.factor == 3))
        assert score.rating == 4


def test_only_facilitators_run_the_panel_and_other_labs_get_404(app, challenge_lab, panel_ids):
    lab, other_lab, ids, people = challenge_lab["lab"], challenge_lab["other_lab"], challenge_lab["ids"], challenge_lab["people"]
    client = app.test_client()
    client.login_as(people["pat"])
    for change in ("reveal", "close", "reopen"):
        assert client.post_form(_panel_url(lab, panel_ids, change)).status_code == 403
    assert client.get(f"/labs/{lab.id}/panels/new").status_code == 403
    assert client.get(f"/labs/{other_lab.id}/panels/{panel_ids}/").status_code == 404
    # A proposal the panel does not review (another lab's) is 404 in this panel.
    other = {"proposal": ids["other_proposal"]}
    assert client.get(_results(lab, panel_ids, other, "score")).status_code == 404
    assert client.get(_results(lab, panel_ids, other)).status_code == 404


def test_facilitator_sets_up_a_panel_with_only_submitted_proposals(app, challenge_lab, panel_ids):
    lab, ids, people = challenge_lab["lab"], challenge_lab["ids"], challenge_lab["people"]
    client = app.test_client()
    client.login_as(people["fran"])
    page = client.get(f"/labs/{lab.id}/panels/new").get_data(as_text=True)
    assert "Warm homes" in page
    response = client.post_form(f"/labs/{lab.id}/panels/new", {
        "title": "July panel", "held_on": "2027-07-01", "members": [str(ids["pat"]), str(ids["cara"])],
        "proposals": [str(ids["proposal"])]})
    assert response.status_code == 302
    with app.app_context():
        panel = db.session.scalar(db.select(PanelSession).where(PanelSession.title == "July panel"))
        assert {m.membership_id for m in panel.members} == {ids["pat"], ids["cara"]}
        assert [i.proposal_id for i in panel.items] == [ids["proposal"]]
    response = client.post_form(f"/labs/{lab.id}/panels/new", {"title": "", "held_on": "tomorrow"})
    text = response.get_data(as_text=True)
    assert "Give the session a name." in text and "Enter a date" in text


def test_a_leaving_member_takes_their_seat_and_scores(app, challenge_lab, panel_ids):
    from labapp.challenge.panels import release_member
    from labapp.labs.models import Membership

    ids = challenge_lab["ids"]
    score_as(app, panel_ids, ids["proposal"], ids["pat"], {1: 2})
    with app.app_context():
        release_member(db.session.get(Membership, ids["pat"]))
        db.session.commit()
        assert db.session.scalar(db.select(db.func.count(Score.id)).where(Score.membership_id == ids["pat"])) == 0
        assert ids["pat"] not in {m.membership_id for m in db.session.get(PanelSession, panel_ids).members}


def test_a_member_taken_off_the_panel_no_longer_counts(app, challenge_lab, panel_ids):
    from labapp.challenge import panels
    from labapp.challenge.models import Proposal
    from labapp.labs.models import Membership

    ids = challenge_lab["ids"]
    score_as(app, panel_ids, ids["proposal"], ids["pat"], {f: 1 for f in range(1, 13)})
    score_as(app, panel_ids, ids["proposal"], ids["cara"], {f: 4 for f in range(1, 13)})
    with app.app_context():
        panel = db.session.get(PanelSession, panel_ids)
        proposal = db.session.get(Proposal, ids["proposal"])
        cara = db.session.get(Membership, ids["cara"])
        summary = panels.proposal_results(panels.visible_scores(panel, proposal, cara))
        assert summary["factors"][0].disagreement
        panels.set_members(panel, [db.session.get(Membership, ids[k]) for k in ("cara", "sam")])
        db.session.commit()
        summary = panels.proposal_results(panels.visible_scores(panel, proposal, cara))
        assert summary["factors"][0].counts[1] == 0 and summary["factors"][0].median == 4.0


def test_the_panel_page_shows_each_proposal_as_far_as_the_person_has_submitted(app, challenge_lab, panel_ids):
    from datetime import date

    from labapp.challenge import panels, service
    from labapp.challenge.models import Proposal
    from labapp.labs.models import Lab, Membership
    from labapp.prototypes import service as prototypes_service

    lab, ids, people = challenge_lab["lab"], challenge_lab["ids"], challenge_lab["people"]
    with app.app_context():
        lee, sam = db.session.get(Membership, ids["lee"]), db.session.get(Membership, ids["sam"])
        second = prototypes_service.create_prototype(db.session.get(Lab, lab.id), lead=lee, name="Talking cafés")
        prototypes_service.set_team_role(second, sam, "sponsor")
        db.session.flush()
        proposal = service.start_proposal(second)
        service.sign(proposal, lee, "lead", date(2027, 6, 1))
        service.sign(proposal, sam, "sponsor", date(2027, 6, 2))
        panel = db.session.get(PanelSession, panel_ids)
        panels.set_proposals(panel, [db.session.get(Proposal, i) for i in (ids["proposal"], proposal.id)])
        db.session.commit()
        second_id = proposal.id
    # Warm homes: Pat and Cara submit; Talking cafés: only Pat, who finds every factor not met.
    score_as(app, panel_ids, ids["proposal"], ids["pat"], {f: 1 for f in range(1, 13)})
    score_as(app, panel_ids, ids["proposal"], ids["cara"], {f: 4 for f in range(1, 13)})
    score_as(app, panel_ids, second_id, ids["pat"], {f: 1 for f in range(1, 13)})
    client = app.test_client()
    client.login_as(people["cara"])
    page = client.get(_panel_url(lab, panel_ids)).get_data(as_text=True)
    assert "Talking cafés" in page and "Warm homes" in page
    assert "2 of 3 members have submitted their scores." in page
    assert "1 of 3 members have submitted their scores." in page
    assert "Change my scores" in page and "Score this proposal" in page
    # Cara sees Warm homes in the heat map, but not Pat's scores for Talking cafés.
    assert "Between Partly met and Mostly met" in page
    assert page.count("Hidden until you submit or the facilitator reveals") == 12
    assert "Not met</td>" not in page
    # Pat has submitted both: he sees both columns.
    client.login_as(people["pat"])
    page = client.get(_panel_url(lab, panel_ids)).get_data(as_text=True)
    assert "Hidden until you submit" not in page and "Not met</td>" in page
    # Rita, not on the panel, sees no scores until the reveal.
    client.login_as(people["rita"])
    page = client.get(_panel_url(lab, panel_ids)).get_data(as_text=True)
    assert "All proposals and the 12 factors" not in page and "Not met</td>" not in page


def _ticked(page, membership_id):
    return re.search(rf'<input checked[^>]*name="members"[^>]*value="{membership_id}"', page) is not None


def _offered(page, membership_id):
    return re.search(rf'<input[^>]*name="members"[^>]*value="{membership_id}"', page) is not None


def test_the_panel_form_offers_reviewers_and_people_found_by_name_not_the_whole_lab(app, challenge_lab, monkeypatch):
    lab, ids = challenge_lab["lab"], challenge_lab["ids"]
    client = app.test_client()
    client.login_as(challenge_lab["people"]["fran"])
    page = html_text(client.get(f"/labs/{lab.id}/panels/new"))
    assert _offered(page, ids["sam"]) and _offered(page, ids["pat"]), "sponsors and panel members are listed"
    assert not _offered(page, ids["rita"]) and not _offered(page, ids["lee"]), "the rest of the lab is searched for"
    page = html_text(client.post_form(f"/labs/{lab.id}/panels/new", {
        "title": "July panel", "held_on": "2027-07-01", "members": [str(ids["pat"])], "q": "reader", "search": "1"}))
    assert 'value="July panel"' in page and 'value="reader"' in page and "There is a problem" not in page
    assert _ticked(page, ids["pat"]) and _offered(page, ids["rita"]) and not _ticked(page, ids["rita"])
    with app.app_context():
        assert db.session.scalar(db.select(PanelSession).where(PanelSession.title == "July panel")) is None
    monkeypatch.setattr("labapp.challenge.panel_views.REVIEWERS_SHOWN", 1)
    page = html_text(client.get(f"/labs/{lab.id}/panels/new"))
    assert _offered(page, ids["pat"]) and not _offered(page, ids["sam"])
    assert "Only the first 1 sponsors and panel members are listed. Search for the others by name." in page


def test_saving_with_another_search_keeps_the_chosen_members_and_refuses_other_labs(app, challenge_lab, panel_ids):
    from labapp.labs.models import Membership

    lab, ids = challenge_lab["lab"], challenge_lab["ids"]
    url = f"/labs/{lab.id}/panels/{panel_ids}/edit"
    client = app.test_client()
    client.login_as(challenge_lab["people"]["fran"])
    page = html_text(client.get(url))
    assert all(_ticked(page, ids[k]) for k in ("pat", "cara", "sam")), "the chosen members are listed, ticked"
    assert not _offered(page, ids["rita"])
    page = html_text(client.get(url + "?q=rita"))
    assert _offered(page, ids["rita"]) and _ticked(page, ids["cara"]), "a search does not hide who is chosen"
    # Cara is neither a sponsor nor a panel member, and the search is for Rita: Cara stays on the panel.
    chosen = [str(ids["pat"]), str(ids["cara"]), str(ids["rita"])]
    response = client.post_form(url, {"title": "June panel", "members": chosen, "q": "rita"})
    assert response.status_code == 302
    with app.app_context():
        assert {m.membership_id for m in db.session.get(PanelSession, panel_ids).members} == {
            ids["pat"], ids["cara"], ids["rita"]}
        outsider = db.session.scalar(db.select(Membership.id).where(
            Membership.lab_id == challenge_lab["other_lab"].id))
    page = html_text(client.post_form(url, {"title": "June panel", "members": [str(ids["pat"]), str(outsider)],
                                             "q": "fran"}))
    assert "Choose from the list." in page and not _offered(page, outsider)
    with app.app_context():
        assert outsider not in {m.membership_id for m in db.session.get(PanelSession, panel_ids).members}
