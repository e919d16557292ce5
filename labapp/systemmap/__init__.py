"""The system map: the actors of a local health system and the ties between them."""
