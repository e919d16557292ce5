"""The demo command."""
from labapp.extensions import db
from labapp.labs.constants import ROLES
from labapp.labs.models import Lab


def test_demo_creates_two_labs_once_and_prints_logins(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo", "--password", "a demo password"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(args=["demo", "--password", "a demo password"])
    assert second.exit_code == 0
    with app.app_context():
        labs = db.session.scalars(db.select(Lab).order_by(Lab.id)).all()
        assert len(labs) == 2
        assert len({lab.place for lab in labs}) == 2
        roles_in_first = set().union(*(m.roles for m in labs[0].memberships))
        assert roles_in_first == set(ROLES)
        from labapp.outreach.models import Outreach
        from labapp.systemmap.models import Actor, Tie
        from labapp.workshops.models import Workshop

        for model, expected in ((Actor, 12), (Tie, 9), (Workshop, 3), (Outreach, 7)):
            assert db.session.scalar(db.select(db.func.count(model.id))) == expected, model.__name__
    assert "/labs/" in first.output and "/join/" in first.output
    assert "facilitator@demo.example.org" in first.output
    client = app.test_client()
    assert client.post_form("/login", {"email": "panel@demo.example.org", "password": "a demo password"}).status_code == 302
