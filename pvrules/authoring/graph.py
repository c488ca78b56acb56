"""``pvrules rules graph``: facts → rules → derived facts → recommendations.

Output is Mermaid (``flowchart LR``) or Graphviz DOT, for the whole base or
one rule's neighbourhood: the facts it reads, the rules that derive those
facts, what it derives or recommends, and the rules that read what it derives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pvrules.compile.ir import CompiledRule, Derive, Recommend
from pvrules.errors import NameNotFoundError, Problem
from pvrules.kb import KnowledgeBase
from pvrules.suggest import did_you_mean


@dataclass
class Graph:
    """Nodes (id → (kind, label)) and edges (source, target, label, dashed)."""

    nodes: dict[str, tuple[str, str]] = field(default_factory=dict)
    edges: set[tuple[str, str, str, bool]] = field(default_factory=set)


def _nid(kind: str, name: str) -> str:
    return f"{kind}_{re.sub(r'[^A-Za-z0-9_]', '_', name)}"


def _add_rule(graph: Graph, rule: CompiledRule, kb: KnowledgeBase) -> None:
    rid = _nid("r", rule.id)
    graph.nodes[rid] = ("rule", rule.id)
    for _entity, fact in sorted(rule.reads):
        derived = kb.vocab.facts[fact].origin == "derived"
        fid = _nid("d" if derived else "f", fact)
        graph.nodes[fid] = ("derived" if derived else "input", fact)
        graph.edges.add((fid, rid, "", False))
    for concl in rule.conclusions:
        if isinstance(concl, Derive):
            fid = _nid("d", concl.fact)
            graph.nodes[fid] = ("derived", concl.fact)
            graph.edges.add((rid, fid, "derives", False))
        elif isinstance(concl, Recommend):
            iid = _nid("i", concl.item)
            graph.nodes[iid] = ("item", concl.item)
            graph.edges.add((rid, iid, "advises against" if concl.against else "recommends",
                             concl.against))


def build_graph(kb: KnowledgeBase, rule_id: str | None = None) -> Graph:
    """The graph of every rule, or of ``rule_id`` and its neighbours.

    Raises:
        NameNotFoundError: ``rule_id`` is not a rule of the base.
    """
    graph = Graph()
    if rule_id is None:
        for rule in kb.rules:
            _add_rule(graph, rule, kb)
        return graph
    ids = [r.id for r in kb.rules]
    if rule_id not in ids:
        raise NameNotFoundError(f"no rule '{rule_id}'", [Problem(
            "unknown-rule", f"unknown rule '{rule_id}'", "--rule",
            suggestion=did_you_mean(rule_id, ids))])
    center = kb.rule(rule_id)
    reads = {f for _e, f in center.reads}
    writes = {f for _e, f in center.writes}
    for rule in kb.rules:
        own_writes = {f for _e, f in rule.writes}
        own_reads = {f for _e, f in rule.reads}
        if rule is center or own_writes & reads or own_reads & writes:
            _add_rule(graph, rule, kb)
    if len(kb.rules) > 1:
        keep = {_nid("r", rule_id)}
        keep |= {s for s, t, _l, _d in graph.edges if t == _nid("r", rule_id)}
        keep |= {t for s, t, _l, _d in graph.edges if s == _nid("r", rule_id)}
        keep |= {s for s, t, _l, _d in graph.edges if t in keep and s.startswith("r_")}
        keep |= {t for s, t, _l, _d in graph.edges if s in keep and t.startswith("r_")}
        graph.edges = {e for e in graph.edges if e[0] in keep and e[1] in keep}
        graph.nodes = {k: v for k, v in graph.nodes.items() if k in keep}
    return graph


_MERMAID = {"input": ("([", "])"), "derived": ("{{", "}}"), "rule": ("[", "]"),
            "item": ("[/", "/]")}
_DOT = {"input": "ellipse", "derived": "hexagon", "rule": "box", "item": "parallelogram"}


def _sorted_edges(graph: Graph) -> Iterable[tuple[str, str, str, bool]]:
    return sorted(graph.edges)


def to_mermaid(graph: Graph) -> str:
    """The graph as a Mermaid flowchart."""
    lines = ["flowchart LR"]
    for nid, (kind, label) in sorted(graph.nodes.items()):
        left, right = _MERMAID[kind]
        lines.append(f'  {nid}{left}"{label}"{right}')
    for src, dst, label, dashed in _sorted_edges(graph):
        arrow = "-.->" if dashed else "-->"
        lines.append(f"  {src} {arrow}{'|' + label + '|' if label else ''} {dst}")
    return "\n".join(lines) + "\n"


def to_dot(graph: Graph) -> str:
    """The graph in Graphviz DOT."""
    lines = ["digraph rules {", "  rankdir=LR;"]
    for nid, (kind, label) in sorted(graph.nodes.items()):
        lines.append(f'  {nid} [label="{label}", shape={_DOT[kind]}];')
    for src, dst, label, dashed in _sorted_edges(graph):
        attrs = [f'label="{label}"'] if label else []
        if dashed:
            attrs.append("style=dashed")
        lines.append(f"  {src} -> {dst}" + (f" [{', '.join(attrs)}]" if attrs else "") + ";")
    lines.append("}")
    return "\n".join(lines) + "\n"
