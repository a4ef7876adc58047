"""The XML statutory returns: one reader for `.xml`, choosing the return by its root element.

A council exports the Children in Need census (`<Message>`) and the SSDA903 return of
looked-after children (`<EXPSSDA903>`) as XML; each is parsed once, safely (no entities, no
DTDs), and handed to its own reader. Both are checked as their validators would check them:
text stranded between elements (a tag lost in an edit) and a date that is not one, or is after
the day of the run, are one-line problems naming the child and the element, like a note's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException

from recordlint.readers.base import ReaderOptions, ReadOutcome, register

#: a return's reader: (root element, file as shown, outcome) -> None
ReturnReader = Callable[[Element, str, ReadOutcome], None]

#: root element (without namespace) -> its return's reader; filled by `returns_root`
_BY_ROOT: dict[str, ReturnReader] = {}


def returns_root(root: str) -> Callable[[ReturnReader], ReturnReader]:
    """Register the reader of the return whose XML root element is `root`."""

    def decorate(reader: ReturnReader) -> ReturnReader:
        _BY_ROOT[root] = reader
        return reader

    return decorate


@register("xml", ".xml")
def read_statutory_xml(path: Path, fmt: str, options: ReaderOptions) -> ReadOutcome:
    outcome = ReadOutcome()
    shown = str(path)
    root = _parse(path, shown, outcome)
    if root is None:
        return outcome
    reader = _BY_ROOT.get(local_name(root))
    if reader is None:
        known = " or ".join(f"<{name}>" for name in sorted(_BY_ROOT))
        outcome.problem(
            shown,
            f"not a statutory return recordlint reads (root element <{local_name(root)}>, "
            f"expected {known})",
        )
        return outcome
    reader(root, shown, outcome)
    return outcome


def _parse(path: Path, shown: str, outcome: ReadOutcome) -> Element | None:
    try:
        return SafeElementTree.parse(str(path)).getroot()
    except ParseError as exc:
        line = exc.position[0] if exc.position else None
        outcome.problem(shown, f"malformed XML ({getattr(exc, 'msg', exc)})", line=line)
    except DefusedXmlException:
        outcome.problem(shown, "XML uses entities or DTDs, which recordlint refuses to expand")
    except OSError as exc:
        outcome.problem(shown, f"cannot read file ({exc.strerror or exc})")
    return None


def local_name(element: Element) -> str:
    """An element's tag without its namespace ("{urn:...}Message" -> "Message")."""
    return element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""


def text_of(element: Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def leaves(element: Element) -> Iterator[Element]:
    """The elements under `element` that hold a value (no child elements), in document order."""
    for inner in element.iter():
        if inner is not element and len(inner) == 0:
            yield inner


def stray_text(element: Element) -> Iterator[str]:
    """A description of each piece of text stranded between elements under `element` (text
    inside an element that has child elements, or after an element's closing tag)."""
    for inner in element.iter():
        if len(inner) and (inner.text or "").strip():
            yield f"stray text {_short(inner.text)!r} in <{local_name(inner)}>"
        if inner is not element and (inner.tail or "").strip():
            yield f"stray text {_short(inner.tail)!r} after <{local_name(inner)}>"


def check_child(
    child: Element,
    number: int,
    shown: str,
    outcome: ReadOutcome,
    date_problem: Callable[[str, str], str | None],
) -> None:
    """Say each stray text and each wrong date (`date_problem(element name, value)`) of one
    child, naming the child by its place in the file (its id may be what is wrong)."""
    for stray in stray_text(child):
        outcome.problem(shown, f"child {number}: {stray}")
    for element in leaves(child):
        if wrong := date_problem(local_name(element), text_of(element)):
            outcome.problem(shown, f"child {number}: {wrong}")


def _short(text: str | None) -> str:
    words = " ".join((text or "").split())
    return words if len(words) <= 40 else words[:37] + "..."
