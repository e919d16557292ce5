"""Fill a route's address from the world's objects, ask it, and name the answer: allowed, 403 or 404."""
from werkzeug.routing import AnyConverter

ALLOWED = "allowed"


def lab_rules(app):
    """Return every rule with a lab in its address, in a stable order."""
    return sorted((r for r in app.url_map.iter_rules() if "lab_id" in r.arguments and not
                   r.rule.startswith("/programmes/")), key=lambda r: (r.rule, r.endpoint))


def programme_rules(app):
    return sorted((r for r in app.url_map.iter_rules() if "programme_id" in r.arguments), key=lambda r: r.rule)


def fill(rule, lab_id: int, ids: dict) -> dict | None:
    """Return the rule's values from the ids (per blueprint first, then by name); None if one is missing."""
    blueprint = rule.endpoint.split(".")[0]
    values = {}
    for name, converter in rule._converters.items():
        if name == "lab_id" and blueprint != "programmes":
            values[name] = lab_id
        elif isinstance(converter, AnyConverter):
            values[name] = sorted(converter.items)[0]
        elif f"{blueprint}.{name}" in ids:
            values[name] = ids[f"{blueprint}.{name}"]
        elif name in ids:
            values[name] = ids[name]
        else:
            return None
    return values


def url(rule, values: dict) -> str:
    return rule.build(values, append_unknown=False)[1]


def answer(status: int) -> str:
    """Name a status: 2xx and 3xx are allowed, 403 and 404 as they are, anything else by its number.

    A 400 counts as allowed: the views check access first, then refuse the matrix's empty form (a view that
    validated before checking would show up as allowed for a role the matrix expects a 403 from).
    """
    if 200 <= status < 400 or status == 400:
        return ALLOWED
    return str(status)


def ask(client, method: str, address: str, token: str) -> str:
    if method == "GET":
        return answer(client.get(address).status_code)
    return answer(client.post(address, data={"csrf_token": token}).status_code)


def methods(rule) -> list[str]:
    return [m for m in ("GET", "POST") if m in rule.methods]
