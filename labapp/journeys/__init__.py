"""Learning journeys: hosts offer visits, participants sign up, visit and debrief."""
