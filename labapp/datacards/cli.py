"""Add `flask datacards draw-charts` (draw a deck's charts ahead of a workshop) and `prune-charts`."""
import click
from flask import Flask, current_app

from labapp.extensions import db


def register(app: Flask) -> None:
    """Attach the data-card commands to the app."""

    @app.cli.group("datacards")
    def datacards():
        """Look after data cards."""

    @datacards.command("prune-charts")
    def prune_charts():
        """Delete stored charts of old figures, headlines or drawing code (pages draw them again if needed)."""
        from labapp.i18n import babel_locale

        from .chartstore import prune

        removed = prune([babel_locale(code) for code in current_app.config["LABAPP_LANGUAGES"]])
        db.session.commit()
        click.echo(f"Deleted {removed} stored chart(s) no card shows.")

    @datacards.command("draw-charts")
    @click.option("--deck", "deck_ids", type=int, multiple=True, help="Only this deck (repeat for more).")
    def draw_charts(deck_ids):
        """Draw and store the decks' charts in every language, so no reader waits for them at a workshop."""
        from flask_babel import force_locale
        from sqlalchemy import select

        from labapp.i18n import babel_locale

        from . import service
        from .models import Deck

        query = select(Deck.id).order_by(Deck.id)
        if deck_ids:
            query = query.where(Deck.id.in_(deck_ids))
        for deck_id in db.session.scalars(query).all():
            for code in current_app.config["LABAPP_LANGUAGES"]:
                with current_app.test_request_context(), force_locale(babel_locale(code)):
                    service.card_views(db.session.get(Deck, deck_id).cards, code)
                    db.session.commit()
            click.echo(f"Deck {deck_id}: charts stored in {len(current_app.config['LABAPP_LANGUAGES'])} languages.")
