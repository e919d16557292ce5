"""Read labapp's configuration from the environment."""
import os
import secrets
from pathlib import Path

DEFAULT_LANGUAGES = "en,ur,bn,pa,ar,pl"
DEFAULT_STATEMENT_TIMEOUT = 30  # seconds one SQL statement may run on PostgreSQL (LABAPP_STATEMENT_TIMEOUT)


def _secret_key(instance_path: Path) -> str:
    """Return SECRET_KEY from the environment, or one kept in the instance folder."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return key_file.read_text().strip()


def _database_url(instance_path: Path) -> str:
    """Return DATABASE_URL, normalised for SQLAlchemy, or the SQLite file in the instance folder."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        instance_path.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{instance_path / 'labapp.sqlite'}"
    return normalise_database_url(url)


def normalise_database_url(url: str) -> str:
    """Point postgres:// and postgresql:// URLs at the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def engine_options(database_uri: str, statement_timeout: int) -> dict:
    """Return SQLAlchemy's engine options: test each pooled connection before use, and on PostgreSQL stop any
    single SQL statement after `statement_timeout` seconds (0: never), so that a stuck query ends in the
    friendly "out of reach" page instead of holding a worker thread and a connection for ever."""
    options: dict = {"pool_pre_ping": True}
    if database_uri.startswith("postgresql") and statement_timeout > 0:
        options["connect_args"] = {"options": f"-c statement_timeout={statement_timeout * 1000}"}
    return options


def trusted_proxies(value: str) -> int:
    """Read how many reverse proxies in front of the app to trust: a number, or yes/true for one."""
    value = (value or "").strip().lower()
    if value in ("true", "yes", "on"):
        return 1
    return int(value) if value.isdigit() else 0


def from_environment(instance_path: str) -> dict:
    """Build the configuration mapping from environment variables."""
    path = Path(instance_path)
    env = os.environ.get
    languages = [code.strip() for code in env("LABAPP_LANGUAGES", DEFAULT_LANGUAGES).split(",") if code.strip()]
    return {
        "SECRET_KEY": _secret_key(path),
        "SQLALCHEMY_DATABASE_URI": _database_url(path),
        "RATELIMIT_STORAGE_URI": env("REDIS_URL") or "memory://",
        "LABAPP_LANGUAGES": languages,
        "MAIL_SERVER": env("SMTP_HOST", ""),
        "MAIL_PORT": int(env("SMTP_PORT", "587")),
        "MAIL_USERNAME": env("SMTP_USERNAME", ""),
        "MAIL_PASSWORD": env("SMTP_PASSWORD", ""),
        "MAIL_USE_TLS": env("SMTP_STARTTLS", "1") not in ("0", "false", "no"),
        "MAIL_FROM": env("SMTP_FROM", "labapp@localhost"),
        "LABAPP_PROXY_FIX": trusted_proxies(env("LABAPP_PROXY_FIX", "0")),
        "LABAPP_TIMEZONE": env("LABAPP_TIMEZONE", "Europe/London"),
        "LABAPP_LOG_FORMAT": env("LABAPP_LOG_FORMAT", "json"),
        "LABAPP_LOG_LEVEL": env("LABAPP_LOG_LEVEL", "INFO"),
        # Background jobs: threads per web process (0 leaves every job to `flask jobs work`), and how long a
        # running job may go without a heartbeat before it is queued again.
        "LABAPP_JOB_THREADS": int(env("LABAPP_JOB_THREADS", "2")),
        "LABAPP_JOB_STALE_SECONDS": int(env("LABAPP_JOB_STALE_SECONDS", "600")),
        "LABAPP_REPORT_RATE_LIMIT": env("LABAPP_REPORT_RATE_LIMIT", "10 per hour"),
        "LABAPP_JOIN_RATE_LIMIT": env("LABAPP_JOIN_RATE_LIMIT", "1000 per hour"),
        "LABAPP_STATEMENT_TIMEOUT": int(env("LABAPP_STATEMENT_TIMEOUT", str(DEFAULT_STATEMENT_TIMEOUT))),
    }
