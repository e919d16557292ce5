"""A person who is not in a lab gets 404 from every one of its pages and forms, read from the URL map.

This is the first line of the authorisation matrix: another lab's page answers as if it did not exist, for
GET and for POST with a valid CSRF token, whatever the ids further along the address.
"""
from werkzeug.routing import AnyConverter, IntegerConverter


def _url(rule, lab_id: int) -> str:
    values = {}
    for name, converter in rule._converters.items():
        if name == "lab_id":
            values[name] = lab_id
        elif isinstance(converter, IntegerConverter):
            values[name] = 1
        elif isinstance(converter, AnyConverter):
            values[name] = sorted(converter.items)[0]
        else:
            values[name] = "sample"
    return rule.build(values, append_unknown=False)[1]


def _lab_rules(app):
    return [rule for rule in app.url_map.iter_rules() if "lab_id" in rule.arguments]


def test_every_lab_page_and_form_is_a_404_for_a_member_of_another_lab(app, client, make_user, make_lab):
    owner, outsider = make_user(name="Owner"), make_user(name="Outsider")
    lab = make_lab(creator=owner)
    make_lab(creator=outsider, name="Another Lab", place="Elsewhere")
    client.login_as(outsider)
    token = client.csrf_token()
    rules = _lab_rules(app)
    assert len(rules) > 100
    answered = []
    for rule in rules:
        url = _url(rule, lab.id)
        if "GET" in rule.methods:
            status = client.get(url).status_code
            if status != 404:
                answered.append(("GET", rule.rule, status))
        if "POST" in rule.methods:
            status = client.post(url, data={"csrf_token": token}).status_code
            if status != 404:
                answered.append(("POST", rule.rule, status))
    assert answered == []


def test_signed_out_people_are_sent_to_sign_in_from_every_lab_page(app, make_user, make_lab):
    lab = make_lab(creator=make_user())
    client = app.test_client()
    leaks = []
    for rule in _lab_rules(app):
        if "GET" not in rule.methods:
            continue
        response = client.get(_url(rule, lab.id))
        if response.status_code not in (302, 401, 404) or (
                response.status_code == 302 and not response.headers["Location"].startswith("/login")):
            leaks.append((rule.rule, response.status_code))
    assert leaks == []
