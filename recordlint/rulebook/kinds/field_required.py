"""Kind `field_required`: a value must be recorded for the child, in a field or in a note.

DEM001 (ethnicity), DEM002 (language, and the interpreter question) and DEM003 (religion) are
this kind: one field or several, a code list that says which values are answers, gaps and
refusals, and the concept a note's sentence must mention to record the value in words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from recordlint.codelists import Classified, CodeList, ValueClass, codelist, generic_codelist
from recordlint.model import (
    Case,
    Evidence,
    Severity,
    Skip,
    Violation,
    not_evaluated,
)
from recordlint.rulebook.kinds.registry import kind
from recordlint.rulebook.rule import RuleDefinitionError


@dataclass(frozen=True)
class _Judged:
    """A field's values across every source, classified."""

    field_names: tuple[str, ...]
    values: tuple[tuple[str, str, str, Classified], ...]  # (field, value, where, class)
    absent_in: tuple[str, ...]  # sources that have no column for any of the fields

    def of_class(self, *classes: ValueClass) -> list[tuple[str, str, str, Classified]]:
        return [v for v in self.values if v[3].value_class in classes]

    @property
    def recorded(self) -> list[tuple[str, str, str, Classified]]:
        return self.of_class(ValueClass.RECORDED, ValueClass.INFERRED)

    @property
    def declined(self) -> list[tuple[str, str, str, Classified]]:
        return self.of_class(ValueClass.DECLINED)

    def gap_evidence(self) -> tuple[Evidence, ...]:
        shown = [
            Evidence(source=where, field=name, value=value) for name, value, where, _ in self.values
        ]
        shown += [
            Evidence(source=path, field=self.field_names[0], value=None) for path in self.absent_in
        ]
        return tuple(shown)

    def gap_detail(self) -> str:
        texts = sorted({f"'{value}'" for _, value, _, c in self.values if value.strip()})
        if texts:
            return "only " + ", ".join(texts) + " (not known)"
        if self.values:
            return "blank in every source"
        return "no field or note records it"


def _judge(case: Case, field_names: tuple[str, ...], codes: CodeList) -> _Judged:
    values = tuple(
        (name, item.value, str(item.source), codes.classify(item.value))
        for name in field_names
        for item in case.values(name)
    )
    absent = tuple(
        source.path
        for source in case.sources
        if not any(source.can_carry(name) for name in field_names)
    )
    return _Judged(field_names, values, absent)


def _field_list(spec: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = spec.get(key)
    names = (value,) if isinstance(value, str) else tuple(value or ())
    if not names or not all(isinstance(n, str) for n in names):
        raise RuleDefinitionError(f"{where}: {key!r} must name a field or a list of fields")
    return names


@kind(
    "field_required",
    keys={"fields", "codelist", "label", "notes", "also_require"},
    required={"fields", "label"},
)
def field_required(spec: Mapping[str, Any], where: str) -> Callable[..., Any]:
    """A value must be recorded for the child, in a structured field of any source or in a note.

    Keys: `fields` (one field, or several any of which will do), `codelist` (optional: a file in
    rules/vocab naming codes, labels, not-known values and the words that state a value in a
    note), `label` (how the advice names it), `notes` (`topic`: the concept a sentence must
    mention, affirmed and actual, beside a value of the code list, to record it in a note), and
    optionally `also_require` (`field`, `codelist`, `label`, `notes`: {`topic`, `raised_by`}):
    a second answer needed when the first is not English or a `raised_by` concept is mentioned,
    such as "interpreter need, when the language is not English or 'limited English' is written".
    A value the family did not give (ENB, "believed to be Muslim") is reported as info.
    Options: `report-declined` (report a recorded refusal as info too).
    Not evaluated when no source for the case could carry the field and there are no notes.
    """
    field_names = _field_list(spec, "fields", where)
    codes = _load_codelist(spec["codelist"], where) if "codelist" in spec else generic_codelist()
    label = str(spec["label"])
    topic = _notes_key(spec, "topic", where)
    also = spec.get("also_require")
    if also is not None:
        unknown = set(also) - {"field", "codelist", "label", "notes"}
        if unknown:
            raise RuleDefinitionError(
                f"{where}: also_require takes field, codelist, label and notes, "
                f"not {sorted(unknown)[0]!r}"
            )
        also_fields = _field_list(also, "field", where)
        also_codes = _load_codelist(also.get("codelist", ""), where)
        also_label = str(also.get("label", also_fields[0]))
        also_topic = _notes_key(also, "topic", where)
        raised_by = _notes_key(also, "raised_by", where)

    def check(case: Case, options: Mapping[str, Any], text: Any) -> list[Violation] | Skip:
        if not case.has_notes and not any(case.carries(name) for name in field_names):
            return not_evaluated(f"no input for this case has a field for {label}, or notes")
        judged = _judge(case, field_names, codes)
        stated = _stated_in_notes(text, topic, codes) if topic and case.has_notes else _NONE
        if judged.of_class(ValueClass.RECORDED) or stated.recorded:
            if also is None:
                return []
            return _second_answer(case, text, judged, stated)
        if judged.of_class(ValueClass.INFERRED) or stated.inferred:
            return [_inferred(judged, stated)]
        if judged.declined or stated.declined:
            if not options.get("report-declined"):
                return []
            if judged.declined:
                name, value, place, _ = judged.declined[0]
                shown, evidence = value, Evidence(source=place, field=name, value=value)
            else:
                shown, evidence = stated.declined[0].sentence.text, stated.declined[0].evidence()
            return [
                Violation(
                    evidence=(evidence,),
                    message=f"The {label} was declined ({shown!r}): re-ask at the next assessment.",
                    severity=Severity.INFO,
                )
            ]
        evidence = judged.gap_evidence() + tuple(m.evidence() for m in stated.gaps)
        if not evidence:  # a free-form document with nothing on it: point at the document
            evidence = tuple(Evidence(source=source.path) for source in case.sources)
        detail = judged.gap_detail()
        if stated.gaps:
            quoted = stated.gaps[0].sentence.text
            detail += f"; a note says it is not known or still to be asked ({quoted!r})"
        if also is not None and raised_by and case.has_notes:
            # "Mum has limited English" with no language recorded: the interpreter question too
            barrier = text.mentions(raised_by, experiencer=None)
            if barrier:
                evidence += (barrier[0].evidence(),)
                detail += (
                    f"; a note says {barrier[0].sentence.text!r} and the {also_label} is not "
                    "recorded either"
                )
        return [Violation(evidence=evidence, details={"label": label, "detail": detail})]

    def _inferred(judged: _Judged, stated: _Stated) -> Violation:
        if judged.of_class(ValueClass.INFERRED):
            name, value, place, _ = judged.of_class(ValueClass.INFERRED)[0]
            evidence: tuple[Evidence, ...] = (Evidence(source=place, field=name, value=value),)
            shown = value
        else:
            mention = stated.inferred[0]
            evidence, shown = (mention.evidence(),), mention.sentence.text
        return Violation(
            evidence=evidence,
            message=(
                f"The child's {label} is recorded as {shown!r}, which is a practitioner's "
                "inference, not what the child or family said: ask them and record their answer."
            ),
            severity=Severity.INFO,
        )

    def _second_answer(case: Case, text: Any, judged: _Judged, stated: _Stated) -> list[Violation]:
        """The interpreter question: needed when the language is not English or notes show
        someone may not understand English, and answered by a field or a note."""
        reasons = [
            Evidence(source=place, field=name, value=value)
            for name, value, place, c in judged.of_class(ValueClass.RECORDED)
            if not codes.is_english(value)
        ]
        reasons += [
            m.evidence()
            for m, values in stated.recorded
            if not all(codes.is_english(v) for v in values)
        ]
        if raised_by and case.has_notes:
            reasons += [m.evidence() for m in text.mentions(raised_by, experiencer=None)]
        if not reasons:
            return []
        second = _judge(case, also_fields, also_codes)
        if second.recorded or second.declined:
            return []
        if (
            also_topic
            and case.has_notes
            and text.mentions(
                also_topic, negated=None, hypothetical=None, uncertain=False, experiencer=None
            )
        ):
            return []
        why = reasons[0]
        if why.field is not None:
            detail = f"{label} is {why.value!r}"
        else:
            detail = f"a note says {why.quote!r}"
        return [
            Violation(
                evidence=(why, *second.gap_evidence()),
                details={"label": also_label, "detail": detail},
            )
        ]

    return check


@dataclass(frozen=True)
class _Stated:
    """What the notes say about a field: sentences that record a value, that guess one, and
    that say it is not known or still to be asked."""

    recorded: tuple[tuple[Any, tuple[str, ...]], ...] = ()
    inferred: tuple[Any, ...] = ()
    gaps: tuple[Any, ...] = ()
    declined: tuple[Any, ...] = ()


_NONE = _Stated()


def _stated_in_notes(text: Any, topic: str, codes: CodeList) -> _Stated:
    recorded, inferred, gaps, declined = [], [], [], []
    for mention in text.mentions(topic, negated=None, hypothetical=None):
        sentence = mention.sentence
        spans = codes.value_spans(sentence.text)
        values = tuple(value for _, _, value in spans)
        context = mention.context
        negation = context.trigger_for("negated")
        if negation is not None and any(
            start < negation.end - sentence.start and negation.start - sentence.start < end
            for start, end, _ in spans
        ):
            # the "negation" is the answer: "Religion: None", "not religious"
            recorded.append((mention, values))
            continue
        if any(v.lower().startswith(("no ", "not ")) for v in values):
            recorded.append((mention, values))
            continue
        if codes.declined_in(sentence.text) and not context.hypothetical:
            declined.append(mention)  # "Mum declined to say her religion": asked, and a record
            continue
        if context.negated or context.hypothetical or not values:
            if context.negated or context.hypothetical:
                gaps.append(mention)
            continue
        if context.uncertain or codes.guessed_in(sentence.text):
            inferred.append(mention)
        else:
            recorded.append((mention, values))
    return _Stated(tuple(recorded), tuple(inferred), tuple(gaps), tuple(declined))


def _notes_key(spec: Mapping[str, Any], key: str, where: str) -> str | None:
    notes = spec.get("notes")
    if notes is None:
        return None
    if not isinstance(notes, Mapping) or not set(notes) <= {"topic", "raised_by"}:
        raise RuleDefinitionError(f"{where}: 'notes' takes 'topic' (and 'raised_by')")
    value = notes.get(key)
    if value is not None and not isinstance(value, str):
        raise RuleDefinitionError(f"{where}: notes.{key} must name a concept")
    return value


def _load_codelist(name: str, where: str) -> CodeList:
    try:
        return codelist(str(name))
    except FileNotFoundError as exc:
        raise RuleDefinitionError(f"{where}: {exc}") from None
