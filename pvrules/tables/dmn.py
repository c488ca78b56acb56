"""Read DMN 1.1 to 1.5 XML files into a :class:`~pvrules.tables.model.DecisionModel`.

Supported: ``decision`` elements holding a ``decisionTable`` or a
``literalExpression``, ``inputData``, and ``informationRequirement`` /
``requiredDecision`` links between decisions. Files as saved by the Camunda,
Trisotech and KIE (Drools) modelers work; their extension elements and
diagram information are ignored. Other boxed expressions (contexts,
invocations, relations...) are refused with a clear message.

The XML is parsed by :mod:`pvrules.tables.xmlsafe`, which refuses DTDs and
entities.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from pvrules.tables.checks import check_table
from pvrules.tables.feel import FeelError, parse_expression, parse_unary_tests
from pvrules.tables.feel_ast import Expression, Literal, UnaryTests
from pvrules.tables.model import (
    Aggregation,
    Decision,
    DecisionModel,
    DecisionTable,
    HitPolicy,
    InputClause,
    InputData,
    OutputClause,
    TableRule,
    parse_aggregation,
    parse_hit_policy,
    referenced_names,
)
from pvrules.tables.problems import table_error, where
from pvrules.tables.xmlsafe import XmlDocument, local_name, namespace, parse_xml_bytes

DMN_NAMESPACES: dict[str, str] = {
    "http://www.omg.org/spec/DMN/20151101/dmn.xsd": "1.1",
    "http://www.omg.org/spec/DMN/20180521/MODEL/": "1.2",
    "https://www.omg.org/spec/DMN/20191111/MODEL/": "1.3",
    "https://www.omg.org/spec/DMN/20211108/MODEL/": "1.4",
    "https://www.omg.org/spec/DMN/20230324/MODEL/": "1.5",
}
"""Namespace of each supported DMN version."""

FEEL_LANGUAGES = frozenset(
    {
        "http://www.omg.org/spec/FEEL/20140401",
        "http://www.omg.org/spec/DMN/20180521/FEEL/",
        "https://www.omg.org/spec/DMN/20191111/FEEL/",
        "https://www.omg.org/spec/DMN/20211108/FEEL/",
        "https://www.omg.org/spec/DMN/20230324/FEEL/",
        "feel",
    }
)
"""``expressionLanguage`` values read as FEEL."""

UNSUPPORTED_EXPRESSIONS = (
    "context",
    "invocation",
    "relation",
    "list",
    "functionDefinition",
    "conditional",
    "filter",
    "for",
    "some",
    "every",
)


class _Reader:
    """Reads one parsed DMN document."""

    def __init__(self, document: XmlDocument) -> None:
        self.doc = document
        self.file = document.file
        self.ns = namespace(document.root.tag)
        self.language = document.root.get("expressionLanguage")

    # -- helpers -------------------------------------------------------
    def children(self, element: ET.Element, name: str) -> list[ET.Element]:
        return [c for c in element if c.tag == f"{{{self.ns}}}{name}"]

    def child(self, element: ET.Element, name: str) -> ET.Element | None:
        found = self.children(element, name)
        return found[0] if found else None

    def text_of(self, element: ET.Element | None) -> str | None:
        """The ``<text>`` child of an entry element, stripped ('' when empty)."""
        if element is None:
            return None
        text = self.child(element, "text")
        if text is None:
            return ""
        return (text.text or "").strip()

    def line(self, element: ET.Element | None) -> int | None:
        return self.doc.line(element) if element is not None else None

    def check_language(self, element: ET.Element, loc: str | None) -> None:
        language = element.get("expressionLanguage")
        if language and language.strip().lower().rstrip("/") not in {
            lang.lower().rstrip("/") for lang in FEEL_LANGUAGES
        }:
            raise table_error(
                "table-feel",
                f"expression language {language!r} is not supported; only FEEL is",
                file=self.file,
                line=self.line(element),
                loc=loc,
            )

    def tests(
        self, element: ET.Element | None, what: str, loc: str | None, rule_id: str | None = None
    ) -> UnaryTests:
        text = self.text_of(element) or ""
        if element is not None:
            self.check_language(element, loc)
        try:
            return parse_unary_tests(text)
        except FeelError as exc:
            raise self.feel_error(exc, what, element, loc, rule_id) from None

    def expression(
        self,
        element: ET.Element | None,
        what: str,
        loc: str | None,
        rule_id: str | None = None,
        *,
        empty_is_null: bool = True,
    ) -> Expression:
        text = self.text_of(element) or ""
        if element is not None:
            self.check_language(element, loc)
        if not text and empty_is_null:
            return Expression("", Literal(None))
        try:
            return parse_expression(text)
        except FeelError as exc:
            raise self.feel_error(exc, what, element, loc, rule_id) from None

    def feel_error(
        self,
        exc: FeelError,
        what: str,
        element: ET.Element | None,
        loc: str | None,
        rule_id: str | None,
    ) -> Exception:
        return table_error(
            "table-feel",
            f"cannot read the {what} {exc.text!r}: {exc.reason}",
            file=self.file,
            line=self.line(element),
            loc=loc,
            rule_id=rule_id,
            suggestion="only S-FEEL is supported: -, literals, < <= > >= = !=, "
            "ranges [a..b], lists a, b and not(...)",
        )

    # -- model ---------------------------------------------------------
    def model(self) -> DecisionModel:
        root = self.doc.root
        if local_name(root.tag) != "definitions" or self.ns not in DMN_NAMESPACES:
            found = (
                f"<{local_name(root.tag)}> in namespace {self.ns!r}"
                if self.ns
                else (f"<{local_name(root.tag)}> without a namespace")
            )
            raise table_error(
                "table-namespace",
                f"not a DMN file: expected <definitions> in a DMN 1.1-1.5 namespace, found {found}",
                file=self.file,
                line=self.line(root),
                allowed=tuple(DMN_NAMESPACES),
            )
        ids: dict[str, str] = {}
        elements = self.children(root, "decision")
        for element in elements:
            name = element.get("name") or element.get("id")
            if not name:
                raise table_error(
                    "table-structure",
                    "a <decision> has neither a name nor an id",
                    file=self.file,
                    line=self.line(element),
                )
            if element.get("id"):
                ids[element.get("id", "")] = name
        inputs = tuple(
            InputData(
                name=e.get("name") or e.get("id") or "",
                id=e.get("id"),
                type_ref=self._variable_type(e),
            )
            for e in self.children(root, "inputData")
        )
        input_ids = {i.id for i in inputs if i.id}
        decisions = [self.decision(e, ids, input_ids) for e in elements]
        names = {d.name for d in decisions}
        seen: set[str] = set()
        for element, decision in zip(elements, decisions, strict=True):
            if decision.name in seen:
                raise table_error(
                    "table-structure",
                    f"two decisions are named '{decision.name}'",
                    file=self.file,
                    line=self.line(element),
                )
            seen.add(decision.name)
        linked = []
        for decision in decisions:
            implicit = [n for n in referenced_names(decision) if n in names and n != decision.name]
            requires = tuple(dict.fromkeys(decision.requires + tuple(implicit)))
            linked.append(
                Decision(
                    name=decision.name,
                    table=decision.table,
                    expression=decision.expression,
                    requires=requires,
                    id=decision.id,
                    type_ref=decision.type_ref,
                    line=decision.line,
                )
            )
        model = DecisionModel(tuple(linked), inputs, root.get("name"), self.file)
        model.evaluation_order()
        return model

    def _variable_type(self, element: ET.Element) -> str | None:
        variable = self.child(element, "variable")
        return variable.get("typeRef") if variable is not None else None

    def decision(self, element: ET.Element, ids: dict[str, str], input_ids: set[str]) -> Decision:
        name = element.get("name") or element.get("id") or ""
        loc = where(name, kind="decision")
        requires: list[str] = []
        for requirement in self.children(element, "informationRequirement"):
            for link in self.children(requirement, "requiredDecision"):
                target = (link.get("href") or "").split("#", 1)[-1]
                if target not in ids:
                    raise table_error(
                        "table-reference",
                        f"required decision '#{target}' is not in this file",
                        file=self.file,
                        line=self.line(link),
                        loc=loc,
                    )
                requires.append(ids[target])
            for link in self.children(requirement, "requiredInput"):
                target = (link.get("href") or "").split("#", 1)[-1]
                if input_ids and target not in input_ids:
                    raise table_error(
                        "table-reference",
                        f"required input '#{target}' is not in this file",
                        file=self.file,
                        line=self.line(link),
                        loc=loc,
                    )
        table_element = self.child(element, "decisionTable")
        literal_element = self.child(element, "literalExpression")
        table = None
        expression = None
        if table_element is not None:
            table = self.table(table_element, name, element.get("id"))
        elif literal_element is not None:
            expression = self.expression(
                literal_element, "literal expression", loc, empty_is_null=False
            )
        if table is not None or expression is not None:
            return Decision(
                name,
                table=table,
                expression=expression,
                requires=tuple(requires),
                id=element.get("id"),
                type_ref=self._variable_type(element),
                line=self.line(element),
            )
        for kind in UNSUPPORTED_EXPRESSIONS:
            found = self.child(element, kind)
            if found is not None:
                raise table_error(
                    "table-unsupported",
                    f"a <{kind}> decision is not supported; only decision tables and "
                    "literal expressions are",
                    file=self.file,
                    line=self.line(found),
                    loc=loc,
                )
        raise table_error(
            "table-structure",
            "the decision has no decision table or literal expression",
            file=self.file,
            line=self.line(element),
            loc=loc,
        )

    # -- tables --------------------------------------------------------
    def table(self, element: ET.Element, name: str, decision_id: str | None) -> DecisionTable:
        loc = where(name, kind="decision")
        policy, aggregation = self.hit_policy(element, loc)
        inputs = tuple(
            self.input_clause(e, name, i)
            for i, e in enumerate(self.children(element, "input"), start=1)
        )
        outputs = tuple(
            self.output_clause(e, name, i)
            for i, e in enumerate(self.children(element, "output"), start=1)
        )
        rules = tuple(
            self.rule(e, index, name, inputs, outputs)
            for index, e in enumerate(self.children(element, "rule"), start=1)
        )
        table = DecisionTable(
            name=name,
            hit_policy=policy,
            aggregation=aggregation,
            inputs=inputs,
            outputs=outputs,
            rules=rules,
            id=element.get("id") or decision_id,
            file=self.file,
            line=self.line(element),
        )
        check_table(table, kind="decision")
        return table

    def hit_policy(
        self, element: ET.Element, loc: str | None
    ) -> tuple[HitPolicy, Aggregation | None]:
        text = element.get("hitPolicy") or "UNIQUE"
        try:
            policy, aggregation = parse_hit_policy(text)
        except ValueError:
            raise table_error(
                "table-hit-policy",
                f"unknown hit policy {text!r}",
                file=self.file,
                line=self.line(element),
                loc=loc,
                allowed=tuple(p.dmn_name for p in HitPolicy),
            ) from None
        attribute = element.get("aggregation")
        if attribute:
            if policy is not HitPolicy.COLLECT:
                raise table_error(
                    "table-aggregation",
                    f"aggregation {attribute} is only allowed with hit policy COLLECT, "
                    f"not {policy.dmn_name}",
                    file=self.file,
                    line=self.line(element),
                    loc=loc,
                )
            try:
                aggregation = parse_aggregation(attribute)
            except ValueError:
                raise table_error(
                    "table-aggregation",
                    f"unknown aggregation {attribute!r}",
                    file=self.file,
                    line=self.line(element),
                    loc=loc,
                    allowed=tuple(Aggregation.__members__),
                ) from None
        return policy, aggregation

    def input_clause(self, element: ET.Element, table: str, position: int) -> InputClause:
        label = element.get("label")
        column = label or f"input {position}"
        loc = where(table, column=column, kind="decision")
        expression_element = self.child(element, "inputExpression")
        if expression_element is None or not self.text_of(expression_element):
            raise table_error(
                "table-structure",
                f"input column {position} has no input expression",
                file=self.file,
                line=self.line(element),
                loc=loc,
            )
        expression = self.expression(expression_element, "input expression", loc)
        values_element = self.child(element, "inputValues")
        allowed = None
        if values_element is not None and self.text_of(values_element):
            allowed = self.tests(values_element, "input values", loc)
        return InputClause(
            expression=expression,
            label=label,
            type_ref=expression_element.get("typeRef"),
            allowed_values=allowed,
            id=element.get("id"),
            line=self.line(element),
        )

    def output_clause(self, element: ET.Element, table: str, position: int) -> OutputClause:
        name = element.get("name")
        label = element.get("label")
        loc = where(table, column=name or label or f"output {position}", kind="decision")
        values_element = self.child(element, "outputValues")
        allowed = None
        if values_element is not None and self.text_of(values_element):
            allowed = self.tests(values_element, "output values", loc)
        default_element = self.child(element, "defaultOutputEntry")
        default = None
        if default_element is not None and self.text_of(default_element):
            default = self.expression(default_element, "default output", loc)
        return OutputClause(
            name=name,
            label=label,
            type_ref=element.get("typeRef"),
            allowed_values=allowed,
            default=default,
            id=element.get("id"),
            line=self.line(element),
        )

    def rule(
        self,
        element: ET.Element,
        index: int,
        table: str,
        inputs: tuple[InputClause, ...],
        outputs: tuple[OutputClause, ...],
    ) -> TableRule:
        rule_id = element.get("id")
        input_entries = self.children(element, "inputEntry")
        output_entries = self.children(element, "outputEntry")
        if len(input_entries) != len(inputs) or len(output_entries) != len(outputs):
            raise table_error(
                "table-columns",
                f"the rule has {len(input_entries)} input and {len(output_entries)} output "
                f"entries, but the table has {len(inputs)} inputs and {len(outputs)} outputs",
                file=self.file,
                line=self.line(element),
                loc=where(table, index, kind="decision"),
                rule_id=rule_id,
            )
        tests = tuple(
            self.tests(
                entry, "input entry", where(table, index, clause.title, kind="decision"), rule_id
            )
            for entry, clause in zip(input_entries, inputs, strict=True)
        )
        results = tuple(
            self.expression(
                entry, "output entry", where(table, index, clause.title, kind="decision"), rule_id
            )
            for entry, clause in zip(output_entries, outputs, strict=True)
        )
        annotation = None
        description = self.child(element, "description")
        if description is not None and description.text:
            annotation = description.text.strip()
        notes = [self.text_of(a) for a in self.children(element, "annotationEntry")]
        if annotation is None and any(notes):
            annotation = "; ".join(n for n in notes if n)
        return TableRule(
            index=index,
            inputs=tests,
            outputs=results,
            id=rule_id,
            annotation=annotation,
            line=self.line(element),
        )


def parse_dmn(data: bytes, file: str) -> DecisionModel:
    """Parse DMN XML bytes.

    Args:
        data: the XML document.
        file: the file name used in messages.

    Returns:
        The decision model.

    Raises:
        TableError: for unsafe or malformed XML, an unknown namespace,
            unsupported FEEL or an invalid table; the error names the file,
            line, decision, rule and column.
    """
    return _Reader(parse_xml_bytes(data, file)).model()


def read_dmn(path: str | Path) -> DecisionModel:
    """Read a ``.dmn`` file; see :func:`parse_dmn`.

    Raises:
        TableError: ``table-file`` when the file cannot be read, and the
            errors of :func:`parse_dmn`.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise table_error(
            "table-file", f"cannot read the file: {exc.strerror or exc}", file=str(path)
        ) from None
    return parse_dmn(data, str(path))
