"""People: sign-in, joining a lab, and each person's own settings."""
