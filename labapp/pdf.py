"""Turn a template into a PDF with WeasyPrint; the only way labapp makes PDFs."""
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import Response, current_app, render_template
from flask_babel import force_locale, get_locale
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from labapp.i18n import babel_locale, is_enabled, text_direction

# A base URL that cannot exist on any network: only the app's static files resolve under it.
PDF_BASE_URL = "https://labapp.invalid/"


class StaticOnlyFetcher(URLFetcher):
    """Serve the app's own static files to WeasyPrint and refuse every other URL."""

    def __init__(self, static_folder: str, static_url_path: str):
        super().__init__(allowed_protocols=["https"], allow_redirects=False)
        self.static_root = Path(static_folder).resolve()
        self.prefix = PDF_BASE_URL.rstrip("/") + static_url_path.rstrip("/") + "/"

    def fetch(self, url, headers=None):
        """Return a static file's bytes, or raise ValueError for anything else."""
        if not url.startswith(self.prefix):
            raise ValueError(f"refused URL outside the app's static files: {url[:80]}")
        relative = unquote(urlsplit(url).path)[len(urlsplit(self.prefix).path):]
        path = (self.static_root / relative).resolve()
        if not path.is_file() or not path.is_relative_to(self.static_root):
            raise ValueError(f"no such static file: {relative[:80]}")
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime_type})


def render_pdf(template: str, *, locale: str, **context) -> bytes:
    """Render the template in the given language and return the PDF's bytes."""
    with force_locale(babel_locale(locale)):
        html = render_template(template, pdf_locale=locale, pdf_dir=text_direction(locale), **context)
    fetcher = StaticOnlyFetcher(current_app.static_folder, current_app.static_url_path)
    return HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=fetcher).write_pdf()


def requested_locale(lang: str | None) -> str:
    """Return the asked-for language when it is offered, else the reader's own."""
    return lang if is_enabled(lang) else get_locale().language


def pdf_response(pdf: bytes, filename: str) -> Response:
    """Answer with a PDF that opens in the browser and saves under a readable name."""
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
