"""Background jobs: long work (a report's PDF) done outside the request, with all state in the database."""
