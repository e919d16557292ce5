"""Prototype pages render for the team and for readers, and the main flows work end to end."""
from labapp.extensions import db
from labapp.prototypes.models import Cycle, Measure, Prototype, PrototypeMember


def test_a_team_member_sees_the_prototype_with_its_timeline_and_charts(app, client, team_lab, make_cycle,
                                                                        make_measure):
    pid = team_lab["ids"]["prototype"]
    make_cycle(pid, plan_objective="Ask at reception")
    make_measure(pid, [3, 4, 5, 4, 6, 7, 8, 9, 9, 10, 11], name="Referrals a week", goal=10)
    client.login_as(team_lab["people"]["mo"])
    page = client.get(f"/labs/{team_lab['lab'].id}/prototypes/{pid}/").get_data(as_text=True)
    assert "Warm homes" in page and "Ask at reception" in page
    assert "<svg " in page and "ns0:" not in page
    assert "Start cycle 2" in page
    assert 'class="chart run-chart"' in page and "Referrals a week" in page
    assert "A run of" in page or "crosses the median" in page
    index = client.get(f"/labs/{team_lab['lab'].id}/prototypes/").get_data(as_text=True)
    assert "Warm homes" in index and "Lead: Lee Lead" in index
