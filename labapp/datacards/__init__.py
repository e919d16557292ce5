"""Data-card decks: build, review, translate and print cards; pick them in a workshop and tally the room."""
