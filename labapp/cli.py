"""Add labapp's commands to the flask CLI: demo, import, charts and translate."""
import json
import os
import subprocess
import sys

import click
from flask import Flask, url_for

from . import ROOT

TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "messages.pot"


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)  # noqa: S603 - fixed command, no shell


def register(app: Flask) -> None:
    """Attach the commands to the app."""

    @app.cli.command("demo")
    @click.option("--password", default=None, help="Password for every demo login.")
    @click.option("--if-empty", is_flag=True, help="Only when the database has no labs but the demo's.")
    def demo(password, if_empty):
        """Create two demo labs (idempotent) and print their URLs and logins."""
        from .demo import DEFAULT_PASSWORD, create_demo, has_other_labs
        from .extensions import db

        if if_empty and has_other_labs():
            click.echo("The database already holds labs: no demo loaded.")
            return
        password = password or DEFAULT_PASSWORD
        results = create_demo(password)
        db.session.commit()
        base = os.environ.get("LABAPP_BASE_URL", "http://127.0.0.1:5000")
        with app.test_request_context(base_url=base):
            for lab, logins in results:
                click.echo(f"{lab.name} ({lab.place}): {url_for('labs.home', lab_id=lab.id, _external=True)}")
                click.echo(f"  join code {lab.join_code}: {url_for('accounts.join', code=lab.join_code, _external=True)}")
                for role, email in logins:
                    click.echo(f"  {role:<15} {email}")
        click.echo(f"Every demo login uses the password: {password}")

    @app.cli.command("import")
    @click.argument("file", type=click.File("r", encoding="utf-8"))
    def import_command(file):
        """Create a new lab from a labapp export file."""
        from .extensions import db
        from .labs.exchange import ImportProblem, import_lab

        try:
            lab = import_lab(json.load(file))
        except (ImportProblem, json.JSONDecodeError) as error:
            raise click.ClickException(str(error)) from error
        db.session.commit()
        click.echo(f"Imported as lab {lab.id}: {lab.name}")

    @app.cli.group("charts")
    def charts():
        """Look after stored charts (run charts, panel factor charts): a cache, never exported."""

    @charts.command("prune")
    @click.option("--days", default=90, show_default=True, type=click.IntRange(min=0),
                  help="Delete charts stored more than this many days ago (0: all of them).")
    def prune_charts(days):
        """Delete stored run and factor charts by age; pages draw again any they still show.

        Charts of old values or old drawing code are never shown again, so age is a safe test of disuse.
        Card charts have their own command: flask datacards prune-charts.
        """
        from .chartstore import prune_older_than
        from .extensions import db

        removed = prune_older_than(days)
        db.session.commit()
        click.echo(f"Deleted {removed} stored chart(s) older than {days} day(s).")

    @app.cli.group("translate")
    def translate():
        """Extract, update and compile the interface translations (wraps pybabel)."""

    @translate.command("extract")
    def extract():
        """Collect every marked string into translations/messages.pot."""
        _pybabel("extract", "-F", "babel.cfg", "-k", "_l", "-k", "N_", "--no-wrap", "--sort-by-file",
                 "--add-comments", "TRANSLATORS:", "-o", str(POT), ".")

    @translate.command("update")
    def update():
        """Extract, then merge the template into every language's .po file."""
        extract.callback()
        _pybabel("update", "-i", str(POT), "-d", str(TRANSLATIONS), "--no-wrap", "--ignore-obsolete",
                 "--no-fuzzy-matching")

    @translate.command("compile")
    def compile_command():
        """Compile every .po file into the .mo file the app reads."""
        _pybabel("compile", "-d", str(TRANSLATIONS))

    @translate.command("init")
    @click.argument("language")
    def init(language):
        """Start a new language's .po file from the template."""
        extract.callback()
        _pybabel("init", "-i", str(POT), "-d", str(TRANSLATIONS), "-l", language, "--no-wrap")
