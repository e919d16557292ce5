"""Every free-text column of every model holds an XSS payload in the lab the XSS tests use."""
from labapp.extensions import db
from labapp.labs.models import Lab
from tests.security.xss import build_xss_lab, typed_columns, unfilled_columns


def test_every_free_text_column_holds_a_payload(app, make_user, make_lab, add_member):
    built = build_xss_lab(app, make_user, make_lab, add_member)
    with app.app_context():
        assert len(typed_columns()) > 90
        assert unfilled_columns() == [], "build these models in tests/security/xss.py or list the column in NOT_TYPED"
        lab = db.session.get(Lab, built.lab.id)
        assert " #" in lab.name and " #" in lab.question
