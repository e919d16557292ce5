"""Labs: a place's lab, its stages, its members and their roles, and invitations."""
