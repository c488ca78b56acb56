"""Read DMN TCK test-case files (``testCases.xsd``) and compare results.

A test-case file names its model (``modelName``) and holds ``testCase``
elements, each with ``inputNode`` values and ``resultNode`` expectations.
Values are typed with ``xsi:type`` (``xsd:decimal``, ``xsd:string``,
``xsd:boolean``, ``xsd:date``...), may be ``xsi:nil``, or are structures of
``component`` (a context) and ``list``/``item`` elements.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pvrules.tables.problems import table_error
from pvrules.tables.values import (
    FeelValue,
    ValueConversionError,
    feel_equal,
    kind,
    parse_decimal,
)
from pvrules.tables.xmlsafe import XmlDocument, local_name, parse_xml_file

TESTCASE_NAMESPACE = "http://www.omg.org/spec/DMN/20160719/testcase"
XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"

_NUMBER_TYPES = frozenset(
    {
        "decimal",
        "integer",
        "int",
        "long",
        "short",
        "double",
        "float",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    }
)


@dataclass(frozen=True)
class ResultNode:
    """An expected result.

    Attributes:
        name: the decision name.
        expected: the expected value.
        error_result: True when the evaluation is expected to fail.
        type: the node type attribute (``decision`` by default).
    """

    name: str
    expected: FeelValue
    error_result: bool = False
    type: str | None = None


@dataclass(frozen=True)
class TestCase:
    """One TCK test case.

    Attributes:
        id: the test case id.
        inputs: input values by input node name.
        results: the expected results.
        type: ``decision``, ``bkm`` or ``decisionService``.
        description: the description, if any.
        line: where the test case starts.
    """

    __test__ = False  # not a pytest test class

    id: str
    inputs: dict[str, FeelValue]
    results: tuple[ResultNode, ...]
    type: str = "decision"
    description: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class TestSuite:
    """A test-case file.

    Attributes:
        file: the test-case file.
        model_name: the model file name given in ``modelName``.
        cases: the test cases in file order.
        labels: the labels (for example ``Hit Policy: UNIQUE``).
    """

    __test__ = False

    file: Path
    model_name: str | None
    cases: tuple[TestCase, ...]
    labels: tuple[str, ...] = ()

    @property
    def model_path(self) -> Path | None:
        """The model file beside the test-case file, if ``modelName`` is given."""
        return self.file.parent / self.model_name if self.model_name else None


class _Reader:
    def __init__(self, document: XmlDocument) -> None:
        self.doc = document
        self.file = document.file

    def fail(self, message: str, element: ET.Element | None) -> Exception:
        line = self.doc.line(element) if element is not None else None
        return table_error(
            "table-tck", message, file=self.file, line=line, summary="invalid TCK test-case file"
        )

    def kids(self, element: ET.Element, name: str) -> list[ET.Element]:
        return [c for c in element if local_name(c.tag) == name]

    def kid(self, element: ET.Element, name: str) -> ET.Element | None:
        found = self.kids(element, name)
        return found[0] if found else None

    def suite(self, path: Path) -> TestSuite:
        root = self.doc.root
        if local_name(root.tag) != "testCases":
            raise self.fail(f"expected <testCases>, found <{local_name(root.tag)}>", root)
        model = self.kid(root, "modelName")
        labels = self.kid(root, "labels")
        cases = tuple(self.case(e) for e in self.kids(root, "testCase"))
        return TestSuite(
            file=path,
            model_name=(model.text or "").strip() if model is not None else None,
            cases=cases,
            labels=tuple((e.text or "").strip() for e in self.kids(labels, "label"))
            if labels is not None
            else (),
        )

    def case(self, element: ET.Element) -> TestCase:
        inputs: dict[str, FeelValue] = {}
        for node in self.kids(element, "inputNode"):
            name = node.get("name")
            if not name:
                raise self.fail("an <inputNode> has no name", node)
            inputs[name] = self.value(node)
        results = []
        for node in self.kids(element, "resultNode"):
            name = node.get("name")
            if not name:
                raise self.fail("a <resultNode> has no name", node)
            expected = self.kid(node, "expected")
            results.append(
                ResultNode(
                    name=name,
                    expected=self.value(expected) if expected is not None else None,
                    error_result=(node.get("errorResult") or "false").strip() == "true",
                    type=node.get("type"),
                )
            )
        description = self.kid(element, "description")
        return TestCase(
            id=element.get("id") or element.get("name") or str(len(results)),
            inputs=inputs,
            results=tuple(results),
            type=element.get("type") or "decision",
            description=(description.text or "").strip() if description is not None else None,
            line=self.doc.line(element),
        )

    def value(self, element: ET.Element) -> FeelValue:
        """Read a ``valueType`` element: value, components or list."""
        if _nil(element):
            return None
        components = self.kids(element, "component")
        if components:
            context: dict[str, FeelValue] = {}
            for component in components:
                name = component.get("name")
                if name is None:
                    raise self.fail("a <component> has no name", component)
                context[name] = self.value(component)
            return context
        listed = self.kid(element, "list")
        if listed is not None:
            if _nil(listed):
                return None
            return [self.value(item) for item in self.kids(listed, "item")]
        simple = self.kid(element, "value")
        if simple is None:
            return None
        return self.simple(simple)

    def simple(self, element: ET.Element) -> FeelValue:
        if _nil(element):
            return None
        text = element.text or ""
        xsi_type = element.get(f"{{{XSI_NAMESPACE}}}type", "")
        type_name = xsi_type.split(":", 1)[-1]
        try:
            if type_name in _NUMBER_TYPES:
                return parse_decimal(text.strip())
            if type_name == "boolean":
                if text.strip() not in ("true", "false", "1", "0"):
                    raise ValueConversionError(f"{text!r} is not a boolean")
                return text.strip() in ("true", "1")
            if type_name == "date":
                return date.fromisoformat(text.strip())
        except (ValueConversionError, ValueError) as exc:
            raise self.fail(f"bad {xsi_type} value: {exc}", element) from None
        if type_name in ("", "string", "anySimpleType"):
            return text
        raise self.fail(f"value type {xsi_type!r} is not supported", element)


def _nil(element: ET.Element) -> bool:
    return (element.get(f"{{{XSI_NAMESPACE}}}nil") or "").strip() == "true"


def read_test_suite(path: str | Path) -> TestSuite:
    """Read a TCK test-case XML file.

    Args:
        path: the ``*-test-01.xml`` file.

    Returns:
        The suite with its test cases.

    Raises:
        TableError: for unreadable, unsafe or invalid XML.
    """
    path = Path(path)
    return _Reader(parse_xml_file(path)).suite(path)


def values_equal(expected: FeelValue, actual: FeelValue) -> bool:
    """Compare an expected TCK value with a result, as the TCK defines it.

    Numbers compare by decimal value (``4`` equals ``4.0``), strings and
    booleans exactly, ``None`` only with ``None``, lists item by item in
    order, and contexts key by key. A boolean never equals a number.

    Args:
        expected: the value from the test-case file.
        actual: the evaluated value.

    Returns:
        True when they are equal.
    """
    if kind(expected) != kind(actual):
        return False
    if isinstance(expected, list) and isinstance(actual, list):
        return len(expected) == len(actual) and all(
            values_equal(e, a) for e, a in zip(expected, actual, strict=True)
        )
    if isinstance(expected, dict) and isinstance(actual, dict):
        return set(expected) == set(actual) and all(
            values_equal(expected[k], actual[k]) for k in expected
        )
    return feel_equal(expected, actual) is True
