"""Group the demo labs in one programme, so the side-by-side comparison has two places to show."""
from sqlalchemy import select

from labapp.extensions import db
from labapp.programmes import service
from labapp.programmes.models import Programme

DEMO_PROGRAMME = {
    "name": "Fair care in two places",
    "description": "A city and a coastal town asking the same question in their own way: who misses out on care, "
                   "and what small change would help them first.",
}


def add_programmes_demo(labs: list, creator) -> Programme:
    """Create the demo programme holding the demo labs, in order, unless it exists; return it."""
    programme = db.session.scalar(select(Programme).where(Programme.name == DEMO_PROGRAMME["name"]))
    if programme is None:
        programme = service.create_programme(name=DEMO_PROGRAMME["name"], description=DEMO_PROGRAMME["description"],
                                             creator=creator, lab=labs[0])
    for lab in labs[1:]:
        service.add_lab(programme, lab)
    return programme
