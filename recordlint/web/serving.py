"""Starting the server: the checks before listening, and uvicorn with quiet logs."""

from __future__ import annotations

import ipaddress
import logging
import socket
import sys

from recordlint.config import Config
from recordlint.errors import RecordlintError
from recordlint.web.app import ServeSettings, create_app
from recordlint.web.guard import TOKEN_PATTERN


class ServeError(RecordlintError, RuntimeError):
    """The server cannot start as asked; the message says why in one line."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_exposure(host: str, token: str | None) -> None:
    """Off this machine, a page of children's records needs a token (and TLS in front)."""
    if not is_loopback(host) and not token:
        raise ServeError(
            f"--host {host} lets other machines reach the page: give an access token with "
            "--token or RECORDLINT_SERVE_TOKEN (and put a TLS proxy in front; see the README)"
        )
    if token is not None and not TOKEN_PATTERN.fullmatch(token):
        raise ServeError(
            "the access token must be at least 16 characters of letters, digits and - . _ ~ "
            '(it goes in a link and a cookie); make one with: python -c "import secrets; '
            'print(secrets.token_urlsafe(32))"'
        )


def run_server(
    host: str,
    port: int,
    token: str | None,
    config: Config,
    *,
    max_upload_mb: int = 20,
    https: bool = False,
) -> None:
    import uvicorn

    check_exposure(host, token)
    try:
        listener = socket.create_server((host, port), family=_family(host), reuse_port=False)
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    settings = ServeSettings(config=config, token=token, max_upload_mb=max_upload_mb, https=https)
    app = create_app(settings)
    logging.basicConfig(level=logging.INFO, format="recordlint serve: %(message)s")
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    print(f"recordlint serve: open {address} (Ctrl-C to stop)", file=sys.stderr, flush=True)
    # no access log: a request line can carry a token, and the page is about children
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", access_log=False, server_header=False)
    )
    server.run(sockets=[listener])


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET
