"""Workshops: the lab's events, the support they offer, check-in and attendance."""
