"""Add `flask datacards prune-charts`: delete stored card charts no card shows any more."""
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
