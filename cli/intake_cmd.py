"""``pvrules intake``: build a case file by answering questions in the terminal."""

from __future__ import annotations

import click

from pvrules.cli.common import guarded, kb_options, lang_option

TEXTS = {
    "nl": {"title": "Titel van de casus", "question": "Vraag die het advies moet beantwoorden",
           "keys": "  0. weet ik niet    ?. waarom vragen we dit?    s. stoppen",
           "done": "Klaar: de overige vragen veranderen het advies niet meer.",
           "bad": "Kies een nummer uit de lijst, 0, ? of s.", "wrote": "geschreven:",
           "name_keys": "  naam: toevoegen   0: geen / weet ik niet   ?. waarom   s. stoppen"},
    "en": {"title": "Title of the case", "question": "Question the advice must answer",
           "keys": "  0. don't know    ?. why do we ask this?    s. stop",
           "done": "Done: the remaining questions would not change the advice.",
           "bad": "Choose a number from the list, 0, ? or s.", "wrote": "wrote",
           "name_keys": "  name: add    0: none / don't know    ?. why    s. stop"},
}


@click.command("intake")
@click.argument("output", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@lang_option
@kb_options
@guarded
def intake(output: str, force: bool, lang: str, rules_dirs: tuple[str, ...],
           knowledge_dirs: tuple[str, ...], engine: str, no_builtin: bool) -> None:
    """Ask the questions that change the advice most, one at a time, and save OUTPUT.

    Each question can answer "waarom vragen we dit?" (type ?). The intake stops
    when the remaining questions would change nothing; OUTPUT is a valid case
    file (YAML) to complete by hand or on the page of ``pvrules serve``.
    """
    from pvrules.render.output import check_target, write_atomic
    from pvrules.serve.casefiles import render_text
    from pvrules.serve.intake import Intake, new_case
    from pvrules.serve.intake import answer as put_answer
    from pvrules.serve.service import Service

    t = TEXTS[lang]
    check_target(output, force)
    service = Service.create(rules_dirs, knowledge_dirs, engine, not no_builtin)
    case = new_case(click.prompt(t["title"]),
                    click.prompt(t["question"], default="", show_default=False))
    skipped: list[str] = []
    asker = Intake(service, lang)
    while (q := asker.next(case, skipped)) is not None:
        where = f" ({q.entity_name})" if q.entity_name else ""
        click.echo(f"\n{q.field.question or q.field.label}{where}")
        if q.field.widget == "name":  # a new entity: its name, or nothing to skip
            click.echo(t["name_keys"])
            name = click.prompt(">", default="", show_default=False).strip()
            if name == "?":
                click.echo(q.why)
                name = click.prompt(">", default="", show_default=False).strip()
            if name.lower() == "s":
                break
            if name and name != "0":
                put_answer(case, service.kb.vocab, q.slot, name)
            else:
                skipped.append(q.slot)
            continue
        for i, (_id, label) in enumerate(q.field.options, 1):
            click.echo(f"  {i}. {label}")
        click.echo(t["keys"])
        answer = click.prompt(">", default="0", show_default=False).strip().lower()
        if answer == "?":
            click.echo(q.why)
            answer = click.prompt(">", default="0", show_default=False).strip().lower()
        if answer == "s":
            break
        if answer in ("0", "", "?"):
            skipped.append(q.slot)
            continue
        ids = [o for o, _ in q.field.options]
        labels = {label.lower(): o for o, label in q.field.options}
        chosen = ids[int(answer) - 1] if answer.isdigit() and 0 < int(answer) <= len(ids) \
            else labels.get(answer, answer if answer in ids else None)
        if chosen is None:
            click.echo(t["bad"])
            continue
        put_answer(case, service.kb.vocab, q.slot,
                   {"true": True, "false": False}.get(chosen, chosen))
    else:
        click.echo(t["done"])
    service.load(case, output)
    write_atomic(output, render_text(output, None, case), force)
    service.close()
    click.echo(f"{t['wrote']} {output}", err=True)
