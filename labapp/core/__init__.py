"""Pages that belong to no lab: home, health check, language, errors."""
