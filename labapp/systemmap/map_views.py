"""Serve the map itself: the page, its JSON for Cytoscape, its SVG, the PDF, and the CSV files."""
from datetime import date

from flask import Response, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import login_required
from markupsafe import Markup

from labapp.csvfiles import csv_response
from labapp.extensions import db
from labapp.i18n import babel_locale
from labapp.labs.constants import LEVELS
from labapp.pdf import pdf_response, render_pdf, requested_locale

from . import csvfiles, service
from .access import load_map
from .constants import ACTOR_KINDS, TIE_KINDS, TIE_STRENGTHS
from .forms import UploadForm
from .layout import sector_colours
from .mapgraph import build_graph, graph_json, short, wrap
from .views import bp, list_filters, visible_kinds

MAX_UPLOAD = 5 * 1024 * 1024


ROW_LETTERS = "ABCDEFGHIJ"


def _svg(lab, graph, numbers=None) -> Markup:
    """Render the map's SVG; every user text in it is escaped by the template, so the result is safe markup."""
    title = _("System map: %(lab)s", lab=lab.name)
    description = _("%(actors)s actors and %(ties)s ties. Each column is a sector and each row a level.",
                    actors=len(graph.actors), ties=len(graph.ties))
    svg = render_template("systemmap/map.svg", lab=lab, graph=graph, short=short, wrap=wrap, numbers=numbers,
                          row_letters=ROW_LETTERS, title=title, description=description)
    return Markup(svg)  # noqa: S704 - rendered by an autoescaping template


@bp.route("/map")
@login_required
def map_page(lab_id):
    """Show the interactive map (with the SVG inside for no-JavaScript and print), its legend and gaps."""
    lab, membership, people = load_map(lab_id)
    filters = list_filters(lab, people, request.args)
    svg_args = {k: v for k, v in {"sector": filters["sector"], "level": filters["level"], "tag": filters["tag"],
                                   "q": filters["text"]}.items() if v}
    counts = service.sector_level_counts(lab, include_people=people)
    return render_template("systemmap/map.html", lab=lab, membership=membership, filters=filters, svg_args=svg_args,
                           sectors=lab.sectors, levels=LEVELS, kinds=visible_kinds(people),
                           tags=service.lab_tags(lab, include_people=people),
                           colours=sector_colours(lab.sectors), actor_count=sum(counts.values()),
                           gaps=service.gaps(lab, include_people=people), can_edit=people)


@bp.route("/map.json")
@login_required
def map_json(lab_id):
    """Return the map's actors (with positions) and ties for the interactive map."""
    lab, _membership, people = load_map(lab_id)
    response = jsonify(graph_json(lab, build_graph(lab, include_people=people)))
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/map.svg")
@login_required
def map_svg(lab_id):
    """Draw the map as SVG, with the same filters as the map page."""
    lab, _membership, people = load_map(lab_id)
    graph = build_graph(lab, include_people=people, **list_filters(lab, people, request.args))
    response = Response(_svg(lab, graph), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _balances(lab) -> list:
    """Return the room's balance for the whole lab (title None) and for each workshop, for the design team's print."""
    from labapp.outreach import service as outreach_service
    from labapp.workshops.models import Workshop

    workshops = db.session.scalars(db.select(Workshop).where(Workshop.lab_id == lab.id)
                                   .order_by(Workshop.starts_at, Workshop.id)).all()
    return [(None, outreach_service.balance(lab))] + [(w.title, outreach_service.balance(lab, w.id)) for w in workshops]


@bp.route("/system-map.pdf")
@login_required
def map_pdf(lab_id):
    """Print the map, its legend, its gaps and the actors by sector and level, in the asked-for language."""
    lab, _membership, people = load_map(lab_id)
    locale = requested_locale(request.args.get("lang"))
    graph = build_graph(lab, include_people=people)
    with force_locale(babel_locale(locale)):
        not_given = _("Not given")
    sector_order = {code: i for i, code in enumerate([*graph.sectors, None])}
    level_order = {code: i for i, code in enumerate([*LEVELS, None])}
    by_cell, numbers = {}, {}
    for actor in sorted(graph.actors, key=lambda a: (sector_order.get(a.sector, len(sector_order)),
                                                     level_order.get(a.level, len(level_order)),
                                                     a.name.casefold(), a.id)):
        numbers[actor.id] = len(numbers) + 1
        cell = (actor.sector if actor.sector in graph.sectors else None, actor.level if actor.level in LEVELS else None)
        by_cell.setdefault(cell, []).append((numbers[actor.id], actor.name))
    row_sectors = [*graph.sectors.items(), *([(None, not_given)] if any(s is None for s, _l in by_cell) else [])]
    column_levels = [*LEVELS.items(), *([(None, not_given)] if any(lv is None for _s, lv in by_cell) else [])]
    rows = [(ROW_LETTERS[i], LEVELS.get(band.code, not_given)) for i, band in enumerate(graph.layout.rows)]
    with force_locale(babel_locale(locale)):
        map_svg = _svg(lab, graph, numbers)
    balances = _balances(lab) if people else []
    pdf = render_pdf("systemmap/pdf/map.html", locale=locale, lab=lab, graph=graph, map_svg=map_svg, by_cell=by_cell, row_sectors=row_sectors,
                     column_levels=column_levels, rows=rows, levels=LEVELS, kinds=ACTOR_KINDS,
                     gaps=service.gaps(lab, include_people=people), now=date.today(), balances=balances)
    return pdf_response(pdf, f"lab-{lab.id}-system-map-{locale}.pdf")


@bp.route("/map/actors.csv")
@login_required
def actors_csv(lab_id):
    """Download the (visible) actors as CSV."""
    lab, _membership, people = load_map(lab_id)
    return csv_response(csvfiles.actors_csv(lab, include_people=people), f"lab-{lab.id}-actors.csv")


@bp.route("/map/ties.csv")
@login_required
def ties_csv(lab_id):
    """Download the (visible) ties as CSV."""
    lab, _membership, people = load_map(lab_id)
    return csv_response(csvfiles.ties_csv(lab, include_people=people), f"lab-{lab.id}-ties.csv")


@bp.route("/map/actors-template.csv")
@login_required
def actors_template(lab_id):
    """Download an empty actors CSV with example rows."""
    lab, _membership, _people = load_map(lab_id, edit=True)
    return csv_response(csvfiles.actors_template(lab), "actors-template.csv")


@bp.route("/map/ties-template.csv")
@login_required
def ties_template(lab_id):
    """Download an empty ties CSV with an example row."""
    load_map(lab_id, edit=True)
    return csv_response(csvfiles.ties_template(), "ties-template.csv")


@bp.route("/map/import", methods=["GET", "POST"])
@login_required
def import_csv(lab_id):
    """Import actors or ties from CSV: every row is checked, then all are added or none."""
    lab, membership, _people = load_map(lab_id, edit=True)
    what = request.args.get("what") if request.args.get("what") in ("actors", "ties") else None
    actors_form = UploadForm(prefix="actors")
    ties_form = UploadForm(prefix="ties")
    form = {"actors": actors_form, "ties": ties_form}.get(what)
    result = None
    if request.method == "POST" and form is not None and form.validate_on_submit():
        with form.file.data.stream as upload:
            data = upload.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            form.file.errors.append(_("The file is larger than 5 MB. Split it into smaller files."))
        else:
            result = (csvfiles.import_actors if what == "actors" else csvfiles.import_ties)(lab, data)
            if result.ok:
                db.session.commit()
                message = (_("%(count)s actors imported.", count=result.count) if what == "actors"
                           else _("%(count)s ties imported.", count=result.count))
                flash(message, "success")
                return redirect(url_for("systemmap.map_page", lab_id=lab.id))
            db.session.rollback()
    return render_template("systemmap/import.html", lab=lab, membership=membership, actors_form=actors_form,
                           ties_form=ties_form, what=what, result=result, sectors=lab.sectors, levels=LEVELS,
                           kinds=ACTOR_KINDS, tie_kinds=TIE_KINDS, strengths=TIE_STRENGTHS,
                           actor_columns=csvfiles.ACTOR_COLUMNS, tie_columns=csvfiles.TIE_COLUMNS,
                           max_rows=csvfiles.MAX_ROWS)
