"""Serve learning journeys."""
from flask import Blueprint

from . import models  # noqa: F401

bp = Blueprint("journeys", __name__)
