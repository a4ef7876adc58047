"""`recordlint serve` at the HTTP level: the page, its guards, and that nothing is kept.

The browser tests (tests/test_serve_browser.py) drive the same application in Chromium.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import re
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")
from click.testing import CliRunner
from starlette.testclient import TestClient

from recordlint.cli import main
from recordlint.web import ServeSettings, create_app
from recordlint.web.guard import UploadLimit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DOCX = FIXTURES / "documents" / "D2005_case_record.docx"
TEXT = FIXTURES / "documents" / "D2001_case_record.txt"
ORIGIN = "http://127.0.0.1:8000"
TOKEN = "a-long-random-token-for-tests"

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def app():
    return create_app()


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch) -> Path:
    """Where uploads wait during a request: must be empty again after every request."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def client_for(app) -> TestClient:
    return TestClient(app, base_url=ORIGIN)


def form_token(client: TestClient) -> str:
    page = client.get("/")
    assert page.status_code == 200
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def post(client: TestClient, files=(), notes: str = "", **extra):
    data = {"csrf_token": form_token(client), "notes": notes, **extra}
    return client.post("/check", data=data, files=list(files))


def upload(path: Path, name: str | None = None, body: bytes | None = None):
    return ("files", (name or path.name, body if body is not None else path.read_bytes()))


def test_the_form_is_labelled_and_loads_nothing_from_outside(app) -> None:
    page = client_for(app).get("/")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp  # no script at all
    assert "form-action 'self'" in csp and "frame-ancestors 'none'" in csp
    assert page.headers["cache-control"] == "no-store"
    assert '<label class="label" for="files">' in page.text
    assert '<label class="label" for="notes">' in page.text
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page.text)  # nothing external
    assert "<script" not in page.text
    cookie = page.headers["set-cookie"]
    assert "recordlint_csrf=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie


def test_a_word_document_gives_its_report_and_the_downloads(app, scratch: Path) -> None:
    page = post(client_for(app), [upload(DOCX)])
    assert page.status_code == 200
    assert "Case D2005" in page.text and "action-not-completed" in page.text
    assert re.search(r"<mark>[^<]+</mark>", page.text)  # the sentence's words highlighted
    assert "Checklist by audit recommendation" in page.text
    assert "What to record:" in page.text
    assert "D2005_case_record.docx" in page.text and str(scratch) not in page.text
    links = dict(re.findall(r'<a href="data:([^;]+)[^"]*base64,([^"]+)" download', page.text))
    markdown = base64.b64decode(links["text/markdown"]).decode()
    assert "## Case D2005" in markdown and "ACT001" in markdown
    assert "<h2>Case D2005</h2>" in base64.b64decode(links["text/html"]).decode()
    xlsx = base64.b64decode(links[next(k for k in links if "spreadsheet" in k)])
    assert xlsx[:2] == b"PK"
    assert list(scratch.iterdir()) == []


def test_pasted_notes_are_checked_as_a_case(app, scratch: Path) -> None:
    note = "Zara told me she has been cutting her arms. Plan: refer to CAMHS."
    page = post(client_for(app), notes=note)
    assert page.status_code == 200
    assert "Case pasted" in page.text
    assert "checked as one note written today" in page.text
    assert "cutting" in page.text
    assert list(scratch.iterdir()) == []


def test_a_file_that_cannot_be_read_is_named_and_the_rest_checked(app, scratch: Path) -> None:
    page = post(client_for(app), [upload(TEXT), upload(DOCX, "broken.docx", b"not a zip")])
    assert page.status_code == 200
    assert "broken.docx: not a Word document" in page.text
    assert "Case D2001" in page.text
    assert "Traceback" not in page.text
    assert list(scratch.iterdir()) == []


def test_a_malformed_upload_gets_a_clear_message(app, scratch: Path) -> None:
    client = client_for(app)
    token = form_token(client)
    body = (
        f'--Y\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
        "--Y\r\na part with no headers\r\n\r\nZara said...\r\n--Y--\r\n"
    )
    page = client.post(
        "/check", content=body, headers={"content-type": "multipart/form-data; boundary=Y"}
    )
    assert page.status_code == 400
    assert "The upload could not be read" in page.text
    assert "Traceback" not in page.text and "Zara" not in page.text
    assert post(client).status_code == 400  # nothing chosen, nothing pasted
    assert list(scratch.iterdir()) == []


def test_a_crash_shows_a_page_and_keeps_nothing(app, scratch: Path, monkeypatch, caplog) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("Zara Okafor's note could not be read")

    monkeypatch.setattr("recordlint.web.app.lint", broken)
    client = TestClient(app, base_url=ORIGIN, raise_server_exceptions=False)
    with caplog.at_level(logging.INFO, logger="recordlint.serve"):
        page = post(client, [upload(TEXT)])
    assert page.status_code == 500
    assert "Something went wrong" in page.text and "Traceback" not in page.text
    assert "Zara" not in page.text and "Zara" not in caplog.text
    assert list(scratch.iterdir()) == []


def test_forms_from_elsewhere_are_refused(app) -> None:
    client = client_for(app)
    token = form_token(client)
    missing = client.post("/check", data={"notes": "x"})
    wrong = client.post("/check", data={"csrf_token": "guess", "notes": "x"})
    other_site = client.post(
        "/check", data={"csrf_token": token, "notes": "x"}, headers={"origin": "https://evil.test"}
    )
    cross = client.post(
        "/check", data={"csrf_token": token, "notes": "x"}, headers={"sec-fetch-site": "cross-site"}
    )
    assert [r.status_code for r in (missing, wrong, other_site, cross)] == [403] * 4
    proxied = client.post(  # behind a TLS proxy that rewrote Host and forwarded the original
        "/check",
        data={"csrf_token": token, "notes": "12/03/2024 Seen at home."},
        headers={
            "origin": "https://recordlint.example.internal",
            "x-forwarded-host": "recordlint.example.internal",
        },
    )
    assert proxied.status_code == 200


def test_the_token_is_checked_on_every_request() -> None:
    app = create_app(ServeSettings(token=TOKEN))
    client = client_for(app)
    assert client.get("/").status_code == 401
    assert client.get("/static/app.css").status_code == 401
    assert client.get("/?token=wrong-token-of-enough-length").status_code == 401
    assert "access token" in client.get("/").text
    opened = client.get(f"/?token={TOKEN}", follow_redirects=False)
    assert opened.status_code == 303 and opened.headers["location"] == "/"
    assert "HttpOnly" in opened.headers["set-cookie"]
    assert client.get("/").status_code == 200  # the cookie carries it from now on
    bearer = client_for(app).get("/", headers={"authorization": f"Bearer {TOKEN}"})
    assert bearer.status_code == 200


def test_an_upload_over_the_limit_is_refused_clearly(scratch: Path) -> None:
    client = client_for(create_app(ServeSettings(max_upload_mb=1)))
    page = post(client, [upload(TEXT, "big.txt", b"x" * (1024 * 1024 + 10))])
    assert page.status_code == 413
    assert "larger than 1 MB" in page.text
    assert list(scratch.iterdir()) == []


def test_a_body_without_a_length_is_counted_as_it_arrives() -> None:
    sent = []

    async def app(scope, receive, send):
        while (await receive()).get("more_body"):
            pass
        sent.append("read whole")

    async def too_large(scope, receive, send):
        sent.append(413)

    chunks = [{"type": "http.request", "body": b"x" * 600, "more_body": True}] * 3

    async def receive():
        return chunks.pop()

    guard = UploadLimit(app, limit=1000, too_large=too_large)
    asyncio.run(guard({"type": "http", "headers": []}, receive, None))
    assert sent == [413]


def test_serving_beyond_this_machine_needs_a_token() -> None:
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0"], env={})
    assert result.exit_code == 2
    assert result.output.strip().startswith("recordlint: --host 0.0.0.0 lets other machines")
    short = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--token", "short"])
    assert short.exit_code == 2 and "at least 16 characters" in short.output


def test_nothing_that_fails_reaches_the_server_log(app, scratch: Path, monkeypatch, caplog):
    """An exception's message can quote a file name or a note: the page answers, and nothing is
    re-raised to the server (whose error log would print it with a traceback)."""

    def broken(*args, **kwargs):
        raise RuntimeError("Zara Okafor's note could not be read")

    monkeypatch.setattr("recordlint.web.app._Pages._form_page", broken)
    client = TestClient(app, base_url=ORIGIN)  # raises if anything escapes the application
    with caplog.at_level(logging.DEBUG):
        page = client.get("/")
    assert page.status_code == 500 and "Something went wrong" in page.text
    assert "Zara" not in caplog.text and "Traceback" not in caplog.text
    assert list(scratch.iterdir()) == []


def test_upload_names_are_kept_apart_and_short_enough(app, scratch: Path) -> None:
    note = "Case ID: P999\n\n12/03/2024 Home visit\nSeen alone."
    both = post(client_for(app), [upload(TEXT, "pasted-notes.txt")], notes=note)
    assert "Case D2001" in both.text and "Case P999" in both.text  # neither replaced the other
    long_name = "\U00020000" * 70 + ".txt"  # 280 bytes in UTF-8: over a file system's 255
    page = post(client_for(app), [upload(TEXT, long_name)])
    assert page.status_code == 200 and "Case D2001" in page.text
    assert list(scratch.iterdir()) == []


def test_a_streamed_upload_over_the_limit_gets_the_size_message(scratch: Path) -> None:
    client = client_for(create_app(ServeSettings(max_upload_mb=1)))
    token = form_token(client)
    head = (
        f'--Y\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
        '--Y\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n\r\n'
    ).encode()
    chunks = iter([head, *[b"x" * 65536] * 20, b"\r\n--Y--\r\n"])  # no Content-Length
    page = client.post(
        "/check", content=chunks, headers={"content-type": "multipart/form-data; boundary=Y"}
    )
    assert page.status_code == 413 and "larger than 1 MB" in page.text
    assert list(scratch.iterdir()) == []


def test_the_token_cookie_survives_a_link_from_elsewhere() -> None:
    client = client_for(create_app(ServeSettings(token=TOKEN)))
    cookie = client.get(f"/?token={TOKEN}", follow_redirects=False).headers["set-cookie"]
    assert "SameSite=Lax" in cookie  # Strict would be dropped on the redirect after a link
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--token", "a" * 16 + "+;"])
    assert result.exit_code == 2 and "letters, digits and - . _ ~" in result.output
