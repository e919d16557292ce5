"""A community member scores a proposal in Urdu on a phone; the facilitator reveals and sees the disagreement."""
import pytest

from labapp.accounts.models import User
from labapp.challenge.models import Score, Submission
from labapp.extensions import db
from tests.browser.conftest import screenshot, sign_in
from tests.challenge.conftest import challenge_lab, panel_ids, score_as  # noqa: F401 - fixtures used below

pytestmark = pytest.mark.browser


def test_a_community_member_scores_in_urdu_and_the_facilitator_sees_the_disagreement(
        app, live_server, phone, challenge_lab, panel_ids):  # noqa: F811
    lab, ids, people = challenge_lab["lab"], challenge_lab["ids"], challenge_lab["people"]
    # Pat has already scored every factor "not met".
    score_as(app, panel_ids, ids["proposal"], ids["pat"], {f: 1 for f in range(1, 13)}, comment="Who pays?")
    with app.app_context():
        db.session.get(User, people["cara"].id).locale = "ur"
        db.session.commit()
    panel_url = f"{live_server}/labs/{lab.id}/panels/{panel_ids}"

    page = phone
    sign_in(page, live_server, people["cara"].email)
    page.goto(f"{panel_url}/")
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ur"
    # Blind: before she scores, the heat map and Pat's comment are nowhere on the panel page.
    assert page.locator(".heat-map").count() == 0 and "Who pays?" not in page.content()
    page.locator(f"a[href$='/proposals/{ids['proposal']}/score']").click()
    page.wait_for_url("**/score")
    assert page.locator(".factor").count() == 12
    # Choices come in the order not met, partly, mostly, fully, can't judge: -3 is "fully met", -4 "can't judge".
    for factor in range(1, 12):
        page.locator(f"#rating_{factor}-3").check()
    page.locator("#rating_12-4").check()
    page.fill("#comment_2", "ہمارے محلے کے لوگ شروع سے شامل تھے")
    screenshot(page, "challenge-score-urdu-phone")
    page.locator("button[name=submit]").click()
    page.wait_for_url("**/results")
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Submission.id))) == 2
        cara = {s.factor: s.rating for s in db.session.scalars(db.select(Score).where(Score.membership_id == ids["cara"]))}
        assert cara[1] == 4 and cara[12] == 0

    # The facilitator reveals everyone's scores and sees where the panel disagrees.
    page.context.clear_cookies()
    sign_in(page, live_server, people["fran"].email)
    page.goto(f"{panel_url}/")
    assert page.locator(".heat-map").count() == 0
    page.once("dialog", lambda dialog: dialog.accept())  # "Show every member's scores ...?"
    page.locator("form[action$='/reveal'] button").click()
    page.wait_for_selector(".heat-map")
    assert page.locator(".heat-map .disagree").count() == 11  # factor 12: Cara could not judge
    page.goto(f"{panel_url}/proposals/{ids['proposal']}/results")
    assert page.locator(".row-disagree").count() == 11
    assert "ہمارے محلے کے لوگ شروع سے شامل تھے" in page.content() and "Who pays?" in page.content()
    assert page.locator(".factor-chart").count() == 1
    screenshot(page, "challenge-results-phone")
