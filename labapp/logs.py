"""Log one structured line per request, with a request id, and keep personal data out of the logs.

Every request gets an id: the proxy's ``X-Request-ID`` when it sends a well-formed one, or a new one. The id is
sent back in the response and added to every log record made while the request runs, so that one person's
trouble can be followed through the logs of several workers. The access line names the route's pattern
(``/labs/<int:lab_id>/journeys/<int:visit_id>``), never the path itself: paths can hold secret links (a host's
link, a calendar feed, an invitation) and query strings can hold what people typed.
"""
import json
import logging
import re
import sys
import time
import uuid

from flask import Flask, g, has_request_context, request

REQUEST_ID_HEADER = "X-Request-ID"
_WELL_FORMED_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")
_FIELDS = ("request_id", "method", "route", "endpoint", "lab_id", "status", "duration_ms")


class RequestIdFilter(logging.Filter):
    """Add the current request's id to a log record (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = g.get("request_id") if has_request_context() else None
        return True


class JsonFormatter(logging.Formatter):
    """Write each record as one line of JSON."""

    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in _FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                data[field] = value
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """Write each record as a readable line that still carries the request id."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")


def _request_id() -> str:
    offered = request.headers.get(REQUEST_ID_HEADER, "")
    return offered if _WELL_FORMED_ID.match(offered) else uuid.uuid4().hex


def _start_request() -> None:
    g.request_id = _request_id()
    g.request_started = time.perf_counter()


def _finish_request(response):
    response.headers[REQUEST_ID_HEADER] = g.get("request_id", "")
    started = g.get("request_started")
    rule = request.url_rule
    view_args = request.view_args or {}
    logging.getLogger("labapp.access").info(
        "%s %s %s", request.method, rule.rule if rule else "(no route)", response.status_code,
        extra={
            "request_id": g.get("request_id"),
            "method": request.method,
            "route": rule.rule if rule else None,
            "endpoint": request.endpoint,
            "lab_id": view_args.get("lab_id"),
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
        },
    )
    return response


def init_logging(app: Flask) -> None:
    """Send the app's logs to standard error in the configured format and give every request an id."""
    from flask.logging import default_handler

    logger = logging.getLogger("labapp")
    logger.removeHandler(default_handler)
    handler = next((h for h in logger.handlers if getattr(h, "labapp_handler", False)), None)
    if handler is None:
        handler = logging.StreamHandler(sys.stderr)
        handler.labapp_handler = True
        handler.addFilter(RequestIdFilter())
        logger.addHandler(handler)
    json_format = app.config.get("LABAPP_LOG_FORMAT", "json") != "text"
    handler.setFormatter(JsonFormatter() if json_format else TextFormatter())
    logger.setLevel(app.config.get("LABAPP_LOG_LEVEL", "INFO"))
    app.before_request(_start_request)
    app.after_request(_finish_request)
