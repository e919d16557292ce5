"""The invitation pipeline: who the design team invites, to what, and how the room balances."""
