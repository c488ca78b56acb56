"""The HTML pages (case list, case page, intake) and the small JSON calls behind them.

Pages are rendered on the server with jinja2 (autoescaping; our own templates,
no expert-supplied template text). The ``/ui/*`` calls return HTML fragments for
the advice panel, an explanation, or the next intake question.
"""

from __future__ import annotations

import time
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field

from pvrules.serve import advice_view
from pvrules.serve.api import folder, require_csrf, service
from pvrules.serve.security import csrf_token

router = APIRouter(include_in_schema=False)
Lang = Literal["nl", "en"]

UI = {
    "nl": {"cases": "Casussen", "examples": "Voorbeelden (alleen lezen)", "new": "Nieuwe casus",
           "intake": "Nieuwe casus met vragen", "save": "Opslaan", "whatif": "Wat als",
           "whatif_on": "Wat als: wijzigingen worden niet opgeslagen. Zet uit om terug te gaan.",
           "unknown": "onbekend", "add": "toevoegen", "remove": "verwijderen",
           "read_only": "Voorbeeld: alleen lezen. Sla een kopie op met de intake of in de map.",
           "download": "Rapport", "why": "waarom", "why_not": "waarom niet",
           "kern": "Kernboodschap", "key": "Belangrijkste aanbevelingen",
           "other": "Overige aanbevelingen", "against": "Afgeraden",
           "options": "Opties naast elkaar", "first": "Eerst uitzoeken",
           "changes": "Wat is er veranderd", "new_items": "Nieuw", "gone": "Vervallen",
           "changed": "Veranderd", "no_changes": "Geen verandering in het advies.",
           "advised": "aanbevolen", "not_advised": "niet aanbevolen", "meta": "Casus",
           "facts": "Feiten van de casus", "empty": "Nog geen casussen in deze map.",
           "why_ask": "Waarom vragen we dit?", "dont_know": "Weet ik niet", "next": "Volgende",
           "stop": "Stoppen en bekijken", "start": "Begin", "title": "Titel van de casus",
           "question": "Vraag die het advies moet beantwoorden", "file": "Bestandsnaam",
           "done": "Klaar: de overige vragen veranderen het advies niet meer.",
           "stopped": "Gestopt: de casus kan later worden aangevuld.",
           "smallest": "Kleinste verandering", "api": "API", "route": "Route",
           "certainty": "zekerheid", "source": "bron", "add_named": "Toevoegen",
           "none_of": "Geen / weet ik niet", "name": "Naam"},
    "en": {"cases": "Cases", "examples": "Examples (read only)", "new": "New case",
           "intake": "New case by questions", "save": "Save", "whatif": "What if",
           "whatif_on": "What if: changes are not saved. Switch off to go back.",
           "unknown": "unknown", "add": "add", "remove": "remove",
           "read_only": "Example: read only. Save a copy through the intake or in the folder.",
           "download": "Report", "why": "why", "why_not": "why not",
           "kern": "Key message", "key": "Key recommendations",
           "other": "Other recommendations", "against": "Advised against",
           "options": "Options side by side", "first": "Find out first",
           "changes": "What changed", "new_items": "New", "gone": "Gone",
           "changed": "Changed", "no_changes": "No change in the advice.",
           "advised": "advised", "not_advised": "not advised", "meta": "Case",
           "facts": "Facts of the case", "empty": "No cases in this folder yet.",
           "why_ask": "Why do we ask this?", "dont_know": "Don't know", "next": "Next",
           "stop": "Stop and review", "start": "Start", "title": "Title of the case",
           "question": "Question the advice must answer", "file": "File name",
           "done": "Done: the remaining questions would not change the advice.",
           "stopped": "Stopped: the case can be completed later.",
           "smallest": "Smallest change", "api": "API", "route": "Route",
           "certainty": "certainty", "source": "source", "add_named": "Add",
           "none_of": "None / don't know", "name": "Name"},
}


def templates() -> Any:
    """The jinja2 environment of the pages (autoescaping, strict undefined)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("pvrules.serve", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["valtext"] = lambda v: ("true" if v else "false") if isinstance(v, bool) \
        else ("" if v is None else str(v))
    return env


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang") or request.app.state.config.lang
    return lang if lang in UI else "nl"


def render(request: Request, template: str, lang: str, **context: Any) -> str:
    """A template rendered with the shared context (texts, CSRF token, language)."""
    env = request.app.state.templates
    text: str = env.get_template(template).render(
        t=UI[lang], lang=lang, csrf=csrf_token(request.app.state.secret), **context)
    return text


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> str:
    """The case list: the folder's cases and the shipped examples."""
    from pvrules.pipeline import example_names

    lang = _lang(request)
    return render(request, "index.html.j2", lang, cases=folder(request).names(),
                  examples=example_names(), folder=str(folder(request).root))


@router.get("/case/{name}", response_class=HTMLResponse)
def case_page(name: str, request: Request) -> str:
    """The case page: the form from the vocabulary, the advice beside it."""
    import json

    from pvrules.errors import PvrulesError
    from pvrules.serve.errorbody import error_body
    from pvrules.serve.form import case_form

    lang = _lang(request)
    found = folder(request).read(name)
    svc = service(request)
    form = case_form(svc.kb.vocab, found.data, lang)
    panel = ""
    problems: list[Any] = []
    try:
        panel, _sig = _panel(request, found.data, lang, None)[:2]
    except PvrulesError as err:
        problems = error_body(err)["problems"]
    data_json = json.dumps(found.data, ensure_ascii=False).replace("</", "<\\/")
    return render(request, "case.html.j2", lang, name=name, found=found, form=form,
                  panel=panel, problems=json.dumps(problems).replace("</", "<\\/"),
                  data_json=data_json)


class PanelRequest(BaseModel):
    """The form's case and the previous advice's signature."""

    model_config = ConfigDict(extra="forbid")
    case: dict[str, Any]
    lang: Lang = "nl"
    before: dict[str, list[str]] | None = Field(None, max_length=2000)


def _panel(request: Request, case: dict[str, Any], lang: str,
           before: dict[str, list[str]] | None) -> tuple[str, dict[str, list[str]], Any]:
    shown = advice_view.view(service(request).panel_data(case, lang), lang)
    changes = advice_view.changes(before, shown["signature"])
    html = render(request, "panel.html.j2", lang, v=shown, changes=changes,
                  compared=before is not None)
    return html, shown["signature"], changes


@router.post("/ui/panel")
def panel(body: PanelRequest, request: Request) -> dict[str, Any]:
    """The advice panel for the form's case (or the CLI's messages, placed by ``loc``)."""
    from pvrules.errors import PvrulesError
    from pvrules.serve.errorbody import error_body

    start, cpu = time.perf_counter(), time.thread_time()
    try:
        html, signature, changes = _panel(request, body.case, body.lang, body.before)
    except PvrulesError as err:
        return {"problems": error_body(err)["problems"], "error": err.message,
                **_timing(start, cpu)}
    return {"html": html, "signature": signature, "changes": changes, "problems": [],
            **_timing(start, cpu)}


def _timing(start: float, cpu: float) -> dict[str, float]:
    """``ms``: time at the server since ``start``; ``cpu_ms``: CPU time of this request."""
    return {"ms": round((time.perf_counter() - start) * 1000, 2),
            "cpu_ms": round((time.thread_time() - cpu) * 1000, 2)}


class ExplainUiRequest(BaseModel):
    """A click on a recommendation (why) or an option not advised (why not)."""

    model_config = ConfigDict(extra="forbid")
    case: dict[str, Any]
    name: str = Field(max_length=200)
    kind: Literal["why", "why_not"] = "why"
    lang: Lang = "nl"


@router.post("/ui/explain")
def explain(body: ExplainUiRequest, request: Request) -> dict[str, Any]:
    """``pvrules explain`` (and for why-not also ``whatif``) as the CLI's text."""
    svc = service(request)
    if body.kind == "why":
        return {"kind": "why", "text": svc.explain(body.case, body.name, fmt="text",
                                                    lang=body.lang)}
    text = svc.explain(body.case, why_not_item=body.name, fmt="text", lang=body.lang)
    change = svc.whatif(body.case, body.name, fmt="text", lang=body.lang)
    return {"kind": "why_not", "text": text, "whatif": change}


class IntakeRequest(BaseModel):
    """One step of the intake: the case so far and the answer just given."""

    model_config = ConfigDict(extra="forbid")
    case: dict[str, Any] | None = None
    title: str = Field("", max_length=300)
    question: str = Field("", max_length=2000)
    skipped: list[str] = Field(default_factory=list, max_length=2000)
    slot: str | None = Field(None, max_length=300)
    value: Any = None
    stop: bool = False
    lang: Lang = "nl"


@router.get("/intake", response_class=HTMLResponse)
def intake_page(request: Request) -> str:
    """The guided intake."""
    return render(request, "intake.html.j2", _lang(request))


@router.post("/ui/intake")
def intake_step(body: IntakeRequest, request: Request) -> dict[str, Any]:
    """Apply an answer and give the next question, or the advice when nothing is left."""
    from pvrules.serve.intake import Intake, answer, new_case

    lang = body.lang
    case = body.case or new_case(body.title, body.question)
    skipped = list(body.skipped)
    if body.slot is not None:
        if body.value is None or (isinstance(body.value, str) and not body.value.strip()):
            skipped.append(body.slot)
        else:
            case = answer(case, service(request).kb.vocab, body.slot, body.value)
    question = None if body.stop else Intake(service(request), lang).next(case, skipped)
    if question is not None:
        html = render(request, "question.html.j2", lang, q=question)
        return {"case": case, "skipped": skipped, "done": False, "slot": question.slot,
                "html": html}
    panel_html = _panel(request, case, lang, None)[0]
    html = render(request, "intake_done.html.j2", lang, stopped=body.stop, panel=panel_html,
                  case_id=case.get("casus", {}).get("id", "casus"))
    return {"case": case, "skipped": skipped, "done": True, "html": html}


class IntakeSave(BaseModel):
    """Save the intake's case as a new file."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(max_length=130)
    case: dict[str, Any]


@router.post("/ui/intake/save")
def intake_save(body: IntakeSave, request: Request) -> dict[str, Any]:
    """Write the intake's case as a new case file in the folder."""
    require_csrf(request)
    name = body.name if body.name.endswith((".yaml", ".yml", ".json")) else f"{body.name}.yaml"
    service(request).load(body.case, name)
    saved = folder(request).save(name, body.case, None)
    return {"name": saved.name, "url": f"/case/{saved.name}"}


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> RedirectResponse:
    """The icon (a static file)."""
    return RedirectResponse("/static/favicon.svg")
