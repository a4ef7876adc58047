"""`recordlint serve`: a page where a practitioner checks a record without a terminal.

The page adds no logic of its own: uploads and pasted notes go through the same `lint` and the
same report renderers as `recordlint check`. What is here is the web side: the form, keeping
uploads for the length of one request only, and the guards a page holding children's records
needs (an access token off loopback, CSRF, an upload limit, a strict Content-Security-Policy,
no case content in logs).
"""

from recordlint.web.app import ServeSettings, create_app

__all__ = ["ServeSettings", "create_app"]
