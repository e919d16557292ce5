"""The agenda: add, edit, remove and reorder items with plain forms; times must be real times."""
from tests.helpers import html_text

from .helpers import get_workshop


def _agenda(app, workshop):
    return [(item.starts, item.title) for item in get_workshop(app, workshop.id).agenda]


def _add(client, lab, workshop, starts, title):
    return client.post_form(f"/labs/{lab.id}/workshops/{workshop.id}/agenda/add",
                            {"new-starts": starts, "new-title": title})


def _item_ids(app, workshop):
    return [item.id for item in get_workshop(app, workshop.id).agenda]


def test_items_are_added_at_the_end_and_shown_in_order(app, facilitator_client, make_workshop):
    client, lab, _ = facilitator_client
    workshop = make_workshop(lab)
    assert "The agenda is empty." in html_text(client.get(f"/labs/{lab.id}/workshops/{workshop.id}/agenda"))
    for starts, title in [("10:00", "Welcome"), ("10:30", "Data cards"), ("", "Lunch together")]:
        assert _add(client, lab, workshop, starts, title).status_code == 302
    assert _agenda(app, workshop) == [("10:00", "Welcome"), ("10:30", "Data cards"), ("", "Lunch together")]
    page = html_text(client.get(f"/labs/{lab.id}/workshops/{workshop.id}/"))
    assert page.index("Welcome") < page.index("Data cards") < page.index("Lunch together")


def test_invalid_time_is_refused_and_typed_values_kept(app, facilitator_client, make_workshop):
    client, lab, _ = facilitator_client
    workshop = make_workshop(lab)
    for bad in ("25:00", "10:75", "half ten"):
        response = _add(client, lab, workshop, bad, "Welcome")
        page = html_text(response)
        assert response.status_code == 200
        assert "Enter a time on the 24-hour clock" in page
        assert f'value="{bad}"' in page and 'value="Welcome"' in page
    page = html_text(_add(client, lab, workshop, "11:00", ""))
    assert "Enter what happens at this point." in page and 'value="11:00"' in page
    assert _agenda(app, workshop) == []


def test_an_item_is_edited_and_a_bad_edit_keeps_the_other_items(app, facilitator_client, make_workshop):
    client, lab, _ = facilitator_client
    workshop = make_workshop(lab)
    _add(client, lab, workshop, "10:00", "Welcome")
    _add(client, lab, workshop, "10:30", "Data cards")
    first, second = _item_ids(app, workshop)
    url = f"/labs/{lab.id}/workshops/{workshop.id}/agenda/{second}"
    assert client.post_form(url, {f"item{second}-starts": "10:45", f"item{second}-title": "Pick the cards"}
                            ).status_code == 302
    assert _agenda(app, workshop) == [("10:00", "Welcome"), ("10:45", "Pick the cards")]
    response = client.post_form(url, {f"item{second}-starts": "99:99", f"item{second}-title": "Typed title"})
    page = html_text(response)
    assert "Enter a time on the 24-hour clock" in page
    assert 'value="99:99"' in page and 'value="Typed title"' in page
    assert 'value="Welcome"' in page, "the other items still show their saved values"
    assert _agenda(app, workshop) == [("10:00", "Welcome"), ("10:45", "Pick the cards")]


def test_items_move_up_and_down_and_stay_put_at_the_ends(app, facilitator_client, make_workshop):
    client, lab, _ = facilitator_client
    workshop = make_workshop(lab)
    for title in ("A", "B", "C"):
        _add(client, lab, workshop, "", title)
    a, b, c = _item_ids(app, workshop)

    def move(item_id, step):
        return client.post_form(f"/labs/{lab.id}/workshops/{workshop.id}/agenda/{item_id}/move", {"step": step})

    assert move(c, "up").status_code == 302
    assert [t for _, t in _agenda(app, workshop)] == ["A", "C", "B"]
    move(a, "down")
    assert [t for _, t in _agenda(app, workshop)] == ["C", "A", "B"]
    move(c, "up")
    move(b, "down")
    assert [t for _, t in _agenda(app, workshop)] == ["C", "A", "B"]
    assert [item.position for item in get_workshop(app, workshop.id).agenda] == [0, 1, 2]


def test_an_item_is_removed_and_the_rest_close_up(app, facilitator_client, make_workshop):
    client, lab, _ = facilitator_client
    workshop = make_workshop(lab)
    for title in ("A", "B", "C"):
        _add(client, lab, workshop, "", title)
    _a, b, _c = _item_ids(app, workshop)
    response = client.post_form(f"/labs/{lab.id}/workshops/{workshop.id}/agenda/{b}/remove")
    assert response.status_code == 302
    agenda = get_workshop(app, workshop.id).agenda
    assert [(item.title, item.position) for item in agenda] == [("A", 0), ("C", 1)]


def test_agenda_changes_need_a_post_with_the_form_token(app, facilitator_client, make_workshop):
    client, lab, _ = facilitator_client
    workshop = make_workshop(lab)
    _add(client, lab, workshop, "", "A")
    _add(client, lab, workshop, "", "B")
    a, _b = _item_ids(app, workshop)
    assert client.get(f"/labs/{lab.id}/workshops/{workshop.id}/agenda/{a}/remove").status_code == 405
    client.post(f"/labs/{lab.id}/workshops/{workshop.id}/agenda/{a}/move", data={"step": "down"})
    client.post(f"/labs/{lab.id}/workshops/{workshop.id}/agenda/{a}/remove")
    assert [t for _, t in _agenda(app, workshop)] == ["A", "B"]
