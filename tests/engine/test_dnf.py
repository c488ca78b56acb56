"""The one disjunctive normal form (compile/dnf.py): logical for lint, demoting for durable."""

from __future__ import annotations

from pvrules.compile.dnf import Conjunct, Group, dnf, residual_leaf
from pvrules.compile.ir import CASE, And, Cmp, Const, Exists, ForAll, Has, Known, Or, Ref

LOW = Cmp(Ref(CASE, "draagvlak"), "le", 0)
HIGH = Cmp(Ref(CASE, "capaciteit"), "ge", 2)
UNKNOWN = Known(Ref(CASE, "draagvlak"), known=False)
UNKNOWN_OR_LOW = Or((UNKNOWN, LOW))


def test_constants_and_leaves() -> None:
    assert dnf(Const(True)) == [Conjunct()]
    assert dnf(Const(False)) == []
    assert dnf(LOW) == [Conjunct(leaves=[LOW])]


def test_any_inside_all_multiplies_out() -> None:
    node = And((Or((LOW, HIGH)), Or((UNKNOWN, HIGH))))
    assert [c.leaves for c in dnf(node)] == [[LOW, UNKNOWN], [LOW, HIGH], [HIGH, UNKNOWN],
                                             [HIGH, HIGH]]


def test_unknown_or_at_least_is_split_for_lint_and_kept_whole_for_durable() -> None:
    node = And((HIGH, UNKNOWN_OR_LOW))
    assert [c.leaves for c in dnf(node)] == [[HIGH, UNKNOWN], [HIGH, LOW]]
    [one] = dnf(node, demote=True)
    assert one.leaves == [HIGH]
    assert one.residual == [UNKNOWN_OR_LOW]


def test_existential_with_an_unmatchable_test_becomes_a_residual_group_for_durable() -> None:
    lacks = Has(Ref("p", "thema"), "zorg", negated=True)
    node = Exists("p", "partner", And((Cmp(Ref("p", "vertrouwen"), "eq", 0), lacks)))
    [logical] = dnf(node)
    assert logical.exist_vars == {"p": "partner"}
    assert len(logical.leaves) == 2
    [demoted] = dnf(node, demote=True)
    assert demoted.leaves == []
    assert demoted.exist_vars == {}
    [group] = demoted.residual
    assert isinstance(group, Group)
    assert (group.var, group.entity) == ("p", "partner")


def test_beyond_the_limit_the_widest_any_stays_residual() -> None:
    wide = Or(tuple(Cmp(Ref(CASE, "inwoners"), "eq", n) for n in range(5)))
    narrow = Or((LOW, HIGH))
    node = And((wide, narrow))
    assert len(dnf(node)) == 10
    conjuncts = dnf(node, limit=4)
    assert [c.residual for c in conjuncts] == [[wide], [wide]]
    assert [c.leaves for c in conjuncts] == [[LOW], [HIGH]]


def test_every_stays_residual() -> None:
    node = ForAll("o", "opgave", Known(Ref("o", "schaal")))
    assert dnf(node) == [Conjunct(residual=[node])]


def test_residual_leaves_are_what_durable_cannot_match() -> None:
    assert residual_leaf(UNKNOWN)
    assert residual_leaf(Has(Ref(CASE, "thema"), "zorg", negated=True))
    assert not residual_leaf(Known(Ref(CASE, "draagvlak")))
    assert not residual_leaf(LOW)
