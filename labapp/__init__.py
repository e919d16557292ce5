"""labapp: run Innovation and Change Labs."""
from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    """Create the app: read config (or take it for tests), wire extensions and blueprints."""
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    from . import config as config_module

    if config is None:
        app.config.update(config_module.from_environment(app.instance_path))
    else:
        app.config.update(config)
    app.config.setdefault("LABAPP_LANGUAGES", config_module.DEFAULT_LANGUAGES.split(","))
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(ROOT / "translations"))
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    # Say it for every app: Flask-Limiter's shared extension would otherwise keep an earlier app's choice.
    app.config.setdefault("RATELIMIT_ENABLED", True)
    app.config.setdefault("LABAPP_STATEMENT_TIMEOUT", config_module.DEFAULT_STATEMENT_TIMEOUT)
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", config_module.engine_options(
        app.config["SQLALCHEMY_DATABASE_URI"], app.config["LABAPP_STATEMENT_TIMEOUT"]))

    from . import cli, i18n, logs, security, templating
    from .accounts import views as accounts_views
    from .challenge import views as challenge_views
    from .core import views as core_views
    from .datacards import deck_io_views as _datacards_io_views  # noqa: F401 - register printing, CSV and copy
    from .datacards import pick_views as _datacards_pick_views  # noqa: F401 - register the pick sessions' routes
    from .datacards import views as datacards_views
    from .extensions import babel, csrf, db, limiter, login_manager, migrate
    from .jobs import cli as jobs_cli
    from .datacards import cli as datacards_cli
    from .journeys import views as journeys_views
    from .labs import views as labs_views
    from .outreach import views as outreach_views
    from .practice import views as practice_views
    from .programmes import views as programmes_views
    from .prototypes import views as prototypes_views
    from .reports import views as reports_views
    from .systemmap import map_views as _systemmap_map_views  # noqa: F401 - register the map's routes
    from .systemmap import views as systemmap_views
    from .workshops import views as workshops_views

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    login_manager.init_app(app)
    accounts_views.init_login(login_manager)
    logs.init_logging(app)
    security.init_security(app)
    templating.init_templating(app)

    app.register_blueprint(core_views.bp)
    app.register_blueprint(accounts_views.bp)
    app.register_blueprint(labs_views.bp)
    app.register_blueprint(outreach_views.bp)
    app.register_blueprint(workshops_views.bp)
    app.register_blueprint(systemmap_views.bp)
    app.register_blueprint(datacards_views.bp)
    app.register_blueprint(journeys_views.bp)
    app.register_blueprint(prototypes_views.bp)
    app.register_blueprint(challenge_views.bp)
    app.register_blueprint(practice_views.bp)
    app.register_blueprint(programmes_views.bp)
    app.register_blueprint(reports_views.bp)
    cli.register(app)
    jobs_cli.register(app)
    datacards_cli.register(app)
    proxies = int(app.config.get("LABAPP_PROXY_FIX") or 0)
    if proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Outermost, so the cookie middleware sees the scheme the proxy reported. Only the last `proxies`
        # entries of each X-Forwarded-* header are believed: those our own proxies wrote.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    return app
