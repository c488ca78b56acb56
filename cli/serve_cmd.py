"""``pvrules serve``: the web page and JSON API for the cases in a folder."""

from __future__ import annotations

import click

from pvrules.cli.common import guarded, kb_options, lang_option


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.argument("folder", required=False, default=".",
                type=click.Path(file_okay=False, exists=True))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback needs --token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to listen on.")
@click.option("--token", envvar="PVRULES_TOKEN", default=None, metavar="SECRET",
              help="A secret every request must carry (also PVRULES_TOKEN); required "
                   "off loopback.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Number of uvicorn worker processes (each compiles the knowledge base once).")
@click.option("--no-browser", is_flag=True, help="Do not open the page in a browser.")
@lang_option
@kb_options
@guarded
def serve(folder: str, host: str, port: int, token: str | None, workers: int,
          no_browser: bool, lang: str, rules_dirs: tuple[str, ...],
          knowledge_dirs: tuple[str, ...], engine: str, no_builtin: bool) -> None:
    """Serve the cases in FOLDER (default: here) as a web page, with a JSON API at /docs.

    The shipped examples are shown read-only beside the folder's cases. The
    page and the API give the same advice, explanations and reports as the
    command line; nothing leaves the machine.
    """
    import os
    import threading
    import webbrowser

    import uvicorn

    from pvrules.errors import InputError, Problem
    from pvrules.serve.app import ENV_CONFIG, ServeConfig
    from pvrules.serve.casefiles import CaseFolder

    loopback = is_loopback(host)
    if not loopback and not token:
        raise InputError(f"--host {host} makes the page reachable from other machines", [
            Problem("no-token", "a token is required when not listening on 127.0.0.1",
                    "--token", suggestion="add --token SECRET (or set PVRULES_TOKEN), and put "
                    "authentication in front for a team (docs/serving.md)")])
    if token is not None and len(token) < 8:
        raise InputError("the token is too short", [Problem(
            "bad-option", "use at least 8 characters", "--token")])
    root = CaseFolder.at(folder).root
    # without a token, a loopback server answers only to local host names (no DNS rebinding);
    # with one, the token already keeps other sites out and a proxy may keep its Host header.
    config = ServeConfig(folder=str(root), token=token, loopback_hosts=loopback and not token,
                         lang=lang,
                         rules_dirs=tuple(rules_dirs), knowledge_dirs=tuple(knowledge_dirs),
                         engine=engine, include_builtin=not no_builtin)
    os.environ[ENV_CONFIG] = config.to_env()
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    click.echo(f"pvrules serve: {url}  (cases in {root}; Ctrl+C stops)", err=True)
    if not no_browser:
        threading.Timer(1.5, webbrowser.open, [url]).start()
    uvicorn.run("pvrules.serve.app:app_from_env", factory=True, host=host, port=port,
                workers=workers, log_level="warning")
