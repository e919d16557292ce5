"""Helpers for workshop tests."""
from labapp.extensions import db
from labapp.workshops.models import Workshop


def get_workshop(app, workshop_id) -> Workshop | None:
    """Load a workshop fresh from the database, with its agenda read."""
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        if workshop is not None:
            workshop.agenda  # noqa: B018 - load it before the context closes
            db.session.expunge(workshop)
        return workshop
