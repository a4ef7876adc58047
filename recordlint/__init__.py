"""recordlint: checks the quality of children's safeguarding case records.

The library entry point is `recordlint.lint(paths, config)`; the CLI is a thin layer over it.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("recordlint")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"

#: Version of the JSON report layout; bumped on any change a consumer could notice.
REPORT_SCHEMA_VERSION = 1


def lint(paths, config=None, **kwargs):
    """Read `paths`, run the selected rules per case; see `recordlint.engine.lint`."""
    from recordlint.engine import lint as _lint

    return _lint(paths, config, **kwargs)
