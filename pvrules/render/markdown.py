"""Render an advice as Markdown (and the shared jinja2 environment for reports)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pvrules.explain.advice import Advice, Step


@lru_cache(maxsize=4)
def template_env(template_dir: str | None = None) -> Any:
    """The jinja2 environment for reports: package templates, optionally overridden."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined

    loaders: list[Any] = []
    if template_dir:
        loaders.append(FileSystemLoader(template_dir))
    loaders.append(PackageLoader("pvrules.render", "templates"))
    return Environment(loader=ChoiceLoader(loaders), undefined=StrictUndefined,
                       autoescape=False, keep_trailing_newline=True, trim_blocks=False)


def format_step(step: Step, lang: str, verbose: bool = False,
                refs: dict[str, int] | None = None, diagnosed: frozenset[str] = frozenset()
                ) -> str:
    """One numbered reasoning step as Markdown.

    Args:
        step: the step.
        lang: ``nl`` or ``en``.
        verbose: show rule and source ids.
        refs: source id → its number in the list of sources.
        diagnosed: rules whose steps the diagnosis already shows in full; here they get
            one line that refers to it.
    """
    uses = ""
    if step.uses_steps:
        nums = ", ".join(str(n) for n in step.uses_steps)
        uses = f" ({'volgt uit stap' if lang == 'nl' else 'follows from step'} {nums})"
    head = f"{step.number}. **{step.title}**"
    if step.focus:
        head += f" — {step.focus}"
    if step.rule_id in diagnosed and not verbose:
        see = "zie de diagnose" if lang == "nl" else "see the diagnosis"
        return f"{head}{uses} ({see})\n"
    if verbose:
        head += f" `[{step.rule_id}]`"
    facts = "; ".join(f"{f.label}{' (' + f.entity + ')' if f.entity else ''}: {f.value}"
                      for f in step.facts)
    lines = [head + uses, f"   {step.text}"]
    if facts:
        lines.append(f"   *{'Feiten' if lang == 'nl' else 'Facts'}:* {facts}")
    cited = ", ".join(step.sources) if verbose or refs is None else \
        ", ".join(str(refs[s]) for s in step.sources if s in refs)
    lines.append(f"   *{'Conclusie' if lang == 'nl' else 'Conclusion'}:* {step.conclusion} "
                 f"[{cited}]")
    return "\n".join(lines) + "\n"


def render_markdown(advice: Advice, *, verbose: bool = False,
                    item_labels: dict[str, str] | None = None,
                    template_dir: str | None = None, options: Any = None) -> str:
    """The advice as Markdown text.

    Args:
        advice: the advice.
        verbose: show rule ids in the reasoning.
        item_labels: item id → label, for "preferred over" lines.
        template_dir: a folder of templates that override the built-in ones.
        options: :class:`pvrules.explain.options.Options`, shown as "Opties voor het
            bestuur" when given.
    """
    refs = {src.id: n for n, src in enumerate(advice.sources, start=1)}
    diagnosed = frozenset(st.rule_id for c in advice.corners for st in c.reasoning)
    env = template_env(template_dir).overlay()
    labels = item_labels or {}
    env.filters["item_label"] = lambda item: labels.get(item, item)
    template = env.get_template("advice.md.j2")
    text: str = template.render(a=advice, lang=advice.lang, o=options, verbose=verbose,
                                nl=advice.lang == "nl",
                                step=lambda s: format_step(s, advice.lang, verbose, refs),
                                rstep=lambda s: format_step(s, advice.lang, verbose, refs,
                                                            diagnosed))
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.rstrip() + "\n"
