"""The web application behind `recordlint serve` (Starlette, served by uvicorn).

Two pages: the form (choose or drop files, or paste notes) and the results (each case's report
as the HTML report shows it, with the problems that stopped a file being read, and downloads as
HTML, Markdown and Excel). The downloads are built in the same request and carried in the page
as data links, so nothing about a case is kept on the server once the page is sent.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from recordlint import __version__
from recordlint.checking import needs_text, prepare_rules
from recordlint.config import Config
from recordlint.engine import lint
from recordlint.reporters.html_report import TEMPLATES as REPORT_TEMPLATES
from recordlint.reporters.html_report import case_view, single_page
from recordlint.reporters.markdown import write_markdown
from recordlint.reporters.xlsx_report import workbook_bytes
from recordlint.results import LintRun
from recordlint.summary import summarise
from recordlint.web.guard import (
    CSRF_COOKIE,
    CSRF_FIELD,
    AccessToken,
    CatchAll,
    SecurityHeaders,
    UploadLimit,
    UploadTooLarge,
    csrf_ok,
    new_csrf_token,
    origin_ok,
)
from recordlint.web.uploads import (
    ACCEPTED,
    PASTED_NAME,
    pasted_document,
    relabel,
    request_folder,
    safe_name,
)

HERE = Path(__file__).parent
CRASH_TEXT = "Something went wrong checking the record. Nothing was kept."
LOG = logging.getLogger("recordlint.serve")
#: files one request may carry (each is a case document or an export)
MAX_FILES = 20


@dataclass(frozen=True)
class ServeSettings:
    """How the page runs. `token` is required off loopback (the CLI enforces it)."""

    config: Config = field(default_factory=Config)
    token: str | None = None
    max_upload_mb: int = 20
    #: behind a TLS-terminating proxy: cookies are marked Secure
    https: bool = False
    today: Callable[[], dt.date] = dt.date.today


def create_app(settings: ServeSettings | None = None) -> Callable:
    """The ASGI application: the pages, wrapped in the guards (see `guard`)."""
    settings = settings or ServeSettings()
    page = _Pages(settings)
    app = Starlette(
        routes=[
            Route("/", page.form, methods=["GET"]),
            Route("/check", page.check, methods=["POST"]),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ],
        exception_handlers={HTTPException: page.http_error, Exception: page.crash},
    )
    # outermost but for the headers: whatever escapes a page is answered here and never
    # re-raised to the server, whose error log would print the exception with its message
    app = CatchAll(app, page.crash_asgi)
    limit = settings.max_upload_mb * 1024 * 1024
    guarded = UploadLimit(app, limit, page.too_large)
    guarded = AccessToken(guarded, settings.token, page.refused, settings.https)
    return SecurityHeaders(guarded)


class _Pages:
    def __init__(self, settings: ServeSettings) -> None:
        self.settings = settings
        self.env = Environment(
            loader=ChoiceLoader(
                [FileSystemLoader(HERE / "templates"), FileSystemLoader(REPORT_TEMPLATES)]
            ),
            autoescape=select_autoescape(["html", "j2"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        # one check at a time: the pipeline is shared, and a check takes about a second
        self.lock = threading.Lock()
        rules, book = prepare_rules(settings.config)  # a bad config fails at start, not later
        if needs_text(rules):
            from recordlint.nlp.pipeline import get_pipeline

            get_pipeline(book.vocab_folders, settings.config.nlp_model)  # built before serving

    def render(self, name: str, status: int = 200, **values) -> HTMLResponse:
        html = self.env.get_template(name).render(version=__version__, **values)
        return HTMLResponse(html, status_code=status)

    def _form_page(self, request: Request, status: int = 200, **values) -> HTMLResponse:
        token = request.cookies.get(CSRF_COOKIE) or new_csrf_token()
        response = self.render(
            "form.html.j2",
            status=status,
            csrf_field=CSRF_FIELD,
            csrf_token=token,
            accepted=", ".join(ACCEPTED),
            max_upload_mb=self.settings.max_upload_mb,
            max_files=MAX_FILES,
            **values,
        )
        response.set_cookie(
            CSRF_COOKIE, token, httponly=True, samesite="strict", secure=self.settings.https
        )
        return response

    async def form(self, request: Request) -> Response:
        return self._form_page(request)

    async def check(self, request: Request) -> Response:
        """Check what was sent. Every failure becomes a page here, so no exception (which would
        carry a file name or a line of a note) reaches the server's own error log."""
        try:
            return await self._check(request)
        except UploadTooLarge:
            return self._too_large_page()
        except ClientDisconnect:
            LOG.info("the browser went away before its upload arrived")
            return Response(status_code=400)
        except HTTPException:
            raise  # a refusal with its own page (a malformed upload: `http_error`)
        except Exception as exc:
            LOG.error("internal error: %s", type(exc).__name__)  # never the message: it may quote
            return self.message(500, CRASH_TEXT)

    async def _check(self, request: Request) -> Response:
        headers = {k.lower(): v for k, v in request.headers.items()}
        if not origin_ok(headers):
            return self.message(403, "This form can only be sent from the recordlint page.")
        limit = self.settings.max_upload_mb * 1024 * 1024
        async with request.form(max_files=MAX_FILES, max_fields=10, max_part_size=limit) as form:
            if not csrf_ok(request.cookies.get(CSRF_COOKIE), _text(form.get(CSRF_FIELD))):
                return self.message(
                    403, "The page had expired. Open the recordlint page again and resend."
                )
            uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
            pasted = _text(form.get("notes")) or ""
            if not uploads and not pasted.strip():
                return self._form_page(
                    request, status=400, error="Choose a file to check, or paste notes."
                )
            started = time.perf_counter()
            with request_folder() as folder:
                taken = {PASTED_NAME} if pasted.strip() else set()  # the paste keeps its name
                for upload in uploads:
                    target = folder / safe_name(upload.filename or "upload", taken)
                    target.write_bytes(await upload.read())
                    target.chmod(0o600)
                dated_today = False
                if pasted.strip():
                    document, dated_today = pasted_document(pasted, self.settings.today())
                    (folder / PASTED_NAME).write_text(document, encoding="utf-8")
                run = relabel(await run_in_threadpool(self._lint, folder), folder)
        summary = summarise(run, None)
        # counts only: file names and case ids can identify a child
        LOG.info(
            "checked %d file(s): %d case(s), %d finding(s), %d problem(s) in %.1f s",
            len(run.files),
            summary.cases,
            summary.findings,
            len(run.problems),
            time.perf_counter() - started,
        )
        downloads, too_big = _downloads(run, summary)
        return self.render(
            "results.html.j2",
            summary=summary,
            views=[case_view(run, report, prefix=f"c{n}-") for n, report in enumerate(run.reports)],
            problems=[str(p) for p in run.problems],
            dated_today=dated_today,
            downloads=downloads,
            too_big=too_big,
        )

    def _lint(self, folder: Path) -> LintRun:
        with self.lock:
            return lint([folder], self.settings.config)

    def message(self, status: int, text: str) -> HTMLResponse:
        return self.render("message.html.j2", status=status, status_code=status, text=text)

    async def http_error(self, request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 400:
            # python-multipart's refusals (too many files, a malformed body) end here
            return self.message(400, f"The upload could not be read: {exc.detail}")
        texts = {404: "There is no such page.", 405: "That is not how this page is used."}
        return self.message(exc.status_code, texts.get(exc.status_code, str(exc.detail)))

    async def crash(self, request: Request, exc: Exception) -> Response:
        LOG.error("internal error: %s", type(exc).__name__)  # never the message: it may quote
        return self.message(500, CRASH_TEXT)

    def _too_large_page(self) -> HTMLResponse:
        text = (
            f"The upload is larger than {self.settings.max_upload_mb} MB, the most this page "
            "takes. Check fewer files at a time."
        )
        return self.message(413, text)

    async def too_large(self, scope, receive, send) -> None:
        await self._too_large_page()(scope, receive, send)

    async def crash_asgi(self, scope, receive, send) -> None:
        await self.message(500, CRASH_TEXT)(scope, receive, send)

    async def refused(self, scope, receive, send) -> None:
        text = (
            "This recordlint page needs its access token. Open it with the link the person who "
            "runs it gave you."
        )
        await self.message(401, text)(scope, receive, send)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


#: a download larger than this is not offered in the page (it is carried inside it)
MAX_DOWNLOAD_BYTES = 5 * 1024 * 1024


def _downloads(run: LintRun, summary) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(label, file name, data URL) for each download, built now so that nothing waits on the
    server; and the labels of those too large to carry in the page."""
    markdown = io.StringIO()
    write_markdown(run, summary, markdown)
    items = [
        ("HTML report", "recordlint-report.html", "text/html", single_page(run, summary)),
        ("Markdown checklist", "recordlint-checklist.md", "text/markdown", markdown.getvalue()),
        (
            "Excel workbook",
            "recordlint-report.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            workbook_bytes(run, summary),
        ),
    ]
    links, too_big = [], []
    for label, name, mime, body in items:
        data = body.encode("utf-8") if isinstance(body, str) else body
        if len(data) > MAX_DOWNLOAD_BYTES:
            too_big.append(label)
            continue
        charset = ";charset=utf-8" if isinstance(body, str) else ""
        url = f"data:{mime}{charset};base64,{base64.b64encode(data).decode()}"
        links.append((label, name, url))
    return links, too_big
