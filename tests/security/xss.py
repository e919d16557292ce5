"""A corpus of XSS payloads and a lab with one in every free-text field people type.

Each payload would set `window.__xss` or open a dialog if the app ever let it run as markup. The lab is built
through the areas' services (tests/reports/conftest.py build_report_lab plus the areas that lab leaves out),
then every String/Text column of every row is overwritten with a payload, so a column added later is filled
without touching this file. `unfilled_columns()` names the columns still without a payload: a model nobody
builds here yet. Columns people do not type (codes, hashes, states, choices) are listed in NOT_TYPED.
"""
from datetime import date, time, timedelta

import sqlalchemy as sa

from labapp.challenge import service as challenge_service
from labapp.datacards import service as cards_service
from labapp.datacards.models import Card, CardTranslation, Deck
from labapp.extensions import db
from labapp.journeys import rounds
from labapp.labs.models import Lab, Membership
from labapp.practice import service as practice_service
from labapp.programmes import service as programmes_service
from labapp.prototypes import community
from labapp.prototypes.models import Cycle, Measure, Prototype
from labapp.accounts.models import User
from labapp.challenge.models import PanelSession, Proposal
from labapp.journeys.models import Host, Visit
from labapp.systemmap import service as map_service
from labapp.workshops import service as workshop_service
from labapp.workshops.models import Workshop
from tests.reports.conftest import build_report_lab

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    "<svg onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "[click me](javascript:window.__xss=1)",
    '<a href="javascript:window.__xss=1">open</a>',
    "</textarea><script>alert(1)</script>",
    "</title><svg/onload=alert(1)>",
    "<template><img src=x onerror=alert(1)></template><style>*{background:url(javascript:alert(1))}</style>",
    "<iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe>",
    "<details open ontoggle=alert(1)>x</details>",
    "\u202e<input autofocus onfocus=alert(1)>\u202c",
    "{{7*7}}${alert(1)}`;alert(1);//",
    "![x](x\" onerror=\"alert(1))",
    "A" * 3000 + "<body onload=alert(1)>",
]
# Card bodies are Markdown: links and images that try to smuggle a script past the cleaner.
MARKDOWN = [
    "[click me](javascript:window.__xss=1) and [again](JaVaScRiPt:alert(1)) and <javascript:alert(1)>",
    "![x](x\" onerror=\"alert(1)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[a](&#106;avascript:alert(1)) <a href='javascript:alert(1)'>b</a> [c](  javascript:alert(1))",
    "*x*<script>window.__xss=1</script>**y** [z](vbscript:msgbox(1)) [ok](https://example.org/\"onmouseover=alert(1))",
]
SHORT = ["<svg/onload=alert()>", "<b>x</b>'\"<", "\"><i>x"]
# Text a spreadsheet would read as a formula, for the CSV exports (no commas or bars, so chart figures still parse).
FORMULAS = ['=HYPERLINK("http://example.invalid";"open")', "+1+1", "-1+1", "@SUM(1+1)", "\t=1+1", "\r=1+1",
            '=DDE("cmd";"/C calc";"A0")']

# (table, column): why nobody types free text there.
NOT_TYPED = {
    **{("users", c): "sign-in data, not shown as text" for c in ("email", "password_hash", "locale", "session_token")},
    ("invitations", "email"): "validated email", ("invitations", "role"): "role code",
    ("invitations", "token_hash"): "hash",
    ("journey_hosts", "contact_email"): "validated email", ("journey_hosts", "link_token_hash"): "hash",
    ("journey_calendar_feeds", "token_hash"): "hash",
    ("card_charts", "key"): "hash", ("card_charts", "svg"): "drawn by the app from the card's figures (escaped by ElementTree)",
    ("drawn_charts", "key"): "hash", ("drawn_charts", "svg"): "drawn by the app from stored figures (escaped by ElementTree)",
    ("outreach", "email"): "validated email", ("outreach", "interpreter_language"): "choice",
    ("labs", "join_code"): "generated code",
    ("lab_sectors", "code"): "code", ("lab_stages", "code"): "code",
    ("memberships", "sector"): "choice", ("membership_roles", "role"): "choice",
    ("workshops", "checkin_code"): "generated code", ("agenda_items", "starts"): "HH:MM, validated",
    ("cards", "code"): "validated code", ("cards", "chart_kind"): "choice",
    ("card_translations", "language"): "choice", ("decks", "language"): "choice",
    ("deck_categories", "letter"): "one or two letters, validated",
    ("pick_sessions", "code"): "generated code", ("pick_sessions", "state"): "state",
    ("journey_visit_translations", "locale"): "choice",
    ("challenge_options", "code"): "preset code", ("challenge_equality", "group"): "choice",
    ("challenge_proposals", "decision"): "choice", ("pdsa_cycles", "act_decision"): "choice",
    ("prototype_measures", "direction"): "choice",
    ("jobs", "*"): "written by the app, not by people",
}
CHOICE_NAMES = {"kind", "status", "state", "sector", "level", "role", "effect", "stage"}
# JSON columns that hold typed text: (model, attribute, how to fill).
JSON_TEXT = {"cards.chart_rows": "labels", "actors.tags": "list"}


def typed(table: str, column) -> bool:
    """Tell whether people type free text into this column."""
    if not isinstance(column.type, (sa.String, sa.Text)) or column.primary_key:
        return False
    return not ((table, column.key) in NOT_TYPED or (table, "*") in NOT_TYPED or column.key in CHOICE_NAMES)


def typed_columns() -> list[tuple]:
    """Return (mapper, column) for every free-text column of every model."""
    found = [(mapper, column) for mapper in db.Model.registry.mappers for column in mapper.columns
             if typed(mapper.local_table.name, column)]
    return sorted(found, key=lambda pair: (pair[0].local_table.name, pair[1].key))  # the same payloads every run


def payload_for(n: int, length: int | None, payloads=PAYLOADS) -> str:
    """Return the n-th payload, unique by a suffix, that fits the column."""
    suffix = f" #{n}"
    for k in range(len(payloads)):
        text = payloads[(n + k) % len(payloads)] + suffix
        if length is None or len(text) <= length:
            return text
    return SHORT[n % len(SHORT)][:length]


def fill_text(payloads=PAYLOADS) -> int:
    """Overwrite every free-text column of every row with a payload; return how many values were set."""
    n = 0
    for mapper, column in typed_columns():
        attr = mapper.get_property_by_column(column).key
        for row in db.session.scalars(sa.select(mapper.class_)):
            setattr(row, attr, payload_for(n, getattr(column.type, "length", None), payloads))
            n += 1
    for card in db.session.scalars(sa.select(Card)):
        card.chart_kind = card.chart_kind or "bar"
        card.chart_rows = [[payload_for(n + i, 60, payloads), 10 * (i + 1)] for i in range(3)]
    from labapp.systemmap.models import Actor
    for actor in db.session.scalars(sa.select(Actor)):
        actor.tags = [payload_for(n, 60, payloads)]
    db.session.flush()
    return n


def unfilled_columns() -> list[str]:
    """Name every free-text column that holds no payload in any row."""
    missing = []
    for mapper, column in typed_columns():
        found = db.session.scalar(sa.select(sa.func.count()).select_from(mapper.local_table)
                                  .where(sa.or_(column.like("%#%"), column.like("%<%"))))
        if not found:
            missing.append(f"{mapper.local_table.name}.{column.key}")
    return sorted(missing)


def build_xss_lab(app, make_user, make_lab, add_member, payloads=PAYLOADS):
    """Build the report lab plus the areas it leaves out, then fill every text field with a payload."""
    built = build_report_lab(app, make_user, make_lab, add_member)
    ids = built.ids
    with app.test_request_context():
        lab = db.session.get(Lab, built.lab.id)
        fran = db.session.get(User, built.people["fran"].id)
        m = {key: db.session.get(Membership, ids[key]) for key in ("rae", "ned", "fran")}
        deck = db.session.scalar(sa.select(Deck).where(Deck.lab_id == lab.id))
        deck.description = "x"
        card = db.session.get(Card, ids["cards"]["A1"])
        cards_service.add_comment(card, m["rae"], "A comment")
        workshop = db.session.get(Workshop, ids["workshop"])
        workshop_service.add_agenda_item(workshop, "10:00", "Welcome")
        village = map_service.create_actor(lab, kind="organisation", name="Village hall", services="Tea",
                                           tags=["venue"], notes="Open late")
        surgery = map_service.create_actor(lab, kind="organisation", name="Surgery", notes="Busy")
        tie = map_service.add_tie(lab, source=village, target=surgery, kind="works_with", note="Monthly")
        prototype = db.session.get(Prototype, ids["prototype"])
        cycle = db.session.scalar(sa.select(Cycle).where(Cycle.prototype_id == prototype.id).order_by(Cycle.id))
        measure = db.session.get(Measure, ids["measure"])
        measure.definition = "x"
        for value in measure.values:
            value.note = "x"
        post = community.add_post(lab, m["ned"], "Week one went well", prototype=prototype, cycle=cycle)
        community.add_reply(post, m["rae"], "Well done")
        proposal = db.session.scalar(sa.select(Proposal).where(Proposal.prototype_id == prototype.id))
        challenge_service.update_proposal(proposal, hypothesis="h", change="c", impact_measures="i",
                                          process_measures="p", governance="g", sponsor_comments="s",
                                          equality={"age": ("negative", "Home visits")})
        challenge_service.add_resource(proposal, kind="money", state="new", needed="A van", why="Reach people")
        challenge_service.add_risk(proposal, description="Staff leave", likelihood=2, consequence=3,
                                   mitigation="Train two")
        challenge_service.set_options(lab, "scale", ["Our street", "Our town"])
        challenge_service.set_options(lab, "priority", ["Warmth"])
        review = practice_service.create_session(lab, title="Spring review", held_on=date.today() + timedelta(days=3),
                                                 starts=time(18, 0), place="Library", purpose="Look back")
        lesson = practice_service.add_lesson(review, m["fran"], text="Letters beat calls", kind="worked",
                                             prototype=prototype)
        round_ = rounds.create_round(lab, "Autumn visits", [ids["visit"]])
        programme = programmes_service.create_programme(name="West Yorkshire labs", description="Three towns",
                                                        creator=fran, lab=lab)
        host = db.session.scalar(sa.select(Host).where(Host.lab_id == lab.id))
        visit = db.session.get(Visit, ids["visit"])
        visit.address, visit.area, visit.access_notes, visit.other_language = "1 Moor Lane", "Moor", "Ramp", "Urdu"
        workshop.venue, workshop.access_notes = "Mill", "Lift"
        lab.proposition_2 = lab.proposition_3 = "x"
        fill_text(payloads)
        if payloads is PAYLOADS:
            for n, row in enumerate(db.session.scalars(sa.select(Card).order_by(Card.id)).all()
                                    + db.session.scalars(sa.select(CardTranslation)).all()):
                row.body = f"{MARKDOWN[n % len(MARKDOWN)]} #{n}"
        db.session.commit()
        ids.update(deck=deck.id, host=host.id, cycle=cycle.id, post=post.id, proposal=proposal.id,
                   panel=db.session.scalar(sa.select(PanelSession.id).where(PanelSession.lab_id == lab.id)
                                           .order_by(PanelSession.id)),
                   actor=village.id, tie=tie.id, review=review.id, lesson=lesson.id, round=round_.id,
                   programme=programme.id, card=card.id, outreach=_first_outreach(lab.id))
    return built


def _first_outreach(lab_id: int) -> int:
    from labapp.outreach.models import Outreach
    return db.session.scalar(sa.select(Outreach.id).where(Outreach.lab_id == lab_id).order_by(Outreach.id))
