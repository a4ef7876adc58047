"""`recordlint evaluate -f html`: one self-contained page of the figures and disagreements.

Built on the HTML report's templates, so it has the same escaping (every value from a record
is text) and the same Content-Security-Policy (no script but the tables' own sorting code).
"""

from __future__ import annotations

from typing import Any

from recordlint.reporters.html_report import SORT_SCRIPT, _environment, _script_hash


def evaluation_page(data: dict[str, Any]) -> str:
    """The page for `data`, the evaluation as `render.as_dict` gives it."""
    template = _environment().get_template("evaluation.html.j2")
    return template.render(data=data, script=SORT_SCRIPT, script_hash=_script_hash())
