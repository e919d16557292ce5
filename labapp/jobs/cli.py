"""Add `flask jobs work` for deployments that run jobs in a separate worker process."""
import click
from flask import Flask, current_app


def register(app: Flask) -> None:
    """Attach the jobs commands to the app."""

    @app.cli.group("jobs")
    def jobs():
        """Run background jobs."""

    @jobs.command("work")
    @click.option("--once", is_flag=True, help="Run the jobs waiting now, then stop.")
    @click.option("--poll", default=2.0, show_default=True, help="Seconds between looks at the queue.")
    def work(once, poll):
        """Claim and run queued jobs (set LABAPP_JOB_THREADS=0 on the web processes to leave all jobs here)."""
        from labapp.reports import document as _report_document  # noqa: F401 - register the report job kind
        from .runner import work as run_jobs

        ran = run_jobs(current_app._get_current_object(), once=once, poll_seconds=poll)
        click.echo(f"Ran {ran} job(s).")
