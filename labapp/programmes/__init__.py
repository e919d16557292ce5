"""Programmes: labs run in several places grouped, and their learning compared side by side."""
