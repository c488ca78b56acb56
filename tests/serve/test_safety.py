"""Token, CSRF, size limits, path confinement, host check."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from pvrules.serve.app import ServeConfig, create_app

from .conftest import case_json

TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="module")
def guarded(cases_dir: Path) -> Any:
    with TestClient(create_app(ServeConfig(folder=str(cases_dir), token=TOKEN))) as client:
        yield client


def test_a_request_without_the_token_is_refused(guarded: Any, cases_dir: Path) -> None:
    for method, url in (("get", "/"), ("get", "/api/cases"), ("get", "/docs"),
                        ("get", "/static/app.js")):
        got = getattr(guarded, method)(url)
        assert got.status_code == 401, url
        assert "token" in got.json()["error"]
    got = guarded.post("/api/advise", json={"case": case_json(cases_dir, "a2-2019")})
    assert got.status_code == 401
    got = guarded.get("/api/cases", headers={"Authorization": "Bearer wrong-token"})
    assert got.status_code == 401


def test_the_token_opens_the_page_and_the_api(guarded: Any, cases_dir: Path) -> None:
    got = guarded.get("/api/cases", headers={"Authorization": f"Bearer {TOKEN}"})
    assert got.status_code == 200
    assert "a2-2019.yaml" in got.json()["cases"]
    got = guarded.post("/api/advise", json={"case": case_json(cases_dir, "a2-2019")},
                       headers={"X-PVRules-Token": TOKEN})
    assert got.status_code == 200
    # a browser opens /?token=... once and gets a cookie
    login = guarded.get(f"/?token={TOKEN}", follow_redirects=False)
    assert login.status_code == 303 and login.headers["location"] == "/"
    assert "HttpOnly" in login.headers["set-cookie"]
    assert guarded.get("/").status_code == 200
    guarded.cookies.clear()


@pytest.mark.parametrize("name", [
    "../secret.yaml", "..%2Fsecret.yaml", "%2E%2E%2Fsecret.yaml", "a%2Fb.yaml",
    ".hidden.yaml", "x.txt", "%2Fetc%2Fpasswd", "..%5Csecret.yaml",
])
def test_path_traversal_is_refused(app_client: Any, cases_dir: Path, name: str) -> None:
    (cases_dir.parent / "secret.yaml").write_text("casus: {id: s, titel: geheim}\n")
    for url in (f"/api/cases/{name}", f"/case/{name}"):
        got = app_client.get(url)
        assert got.status_code in (400, 404), url
        assert "geheim" not in got.text


def test_a_symlink_out_of_the_folder_is_refused(app_client: Any, cases_dir: Path) -> None:
    outside = cases_dir.parent / "outside.yaml"
    outside.write_text("casus: {id: o, titel: buiten}\n")
    link = cases_dir / "link.yaml"
    if not link.exists():
        os.symlink(outside, link)
    got = app_client.get("/api/cases/link.yaml")
    assert got.status_code == 400
    assert "outside the folder" in got.json()["error"]
    assert "link.yaml" not in app_client.get("/api/cases").json()["cases"]


def test_writes_need_the_csrf_token_and_the_same_origin(app_client: Any,
                                                        cases_dir: Path) -> None:
    read = app_client.get("/api/cases/sterke-gemeente.yaml").json()
    body = {"case": read["case"], "version": read["version"]}
    assert app_client.put("/api/cases/sterke-gemeente.yaml", json=body).status_code == 403
    token = app_client.get("/api/csrf").json()["token"]
    evil = app_client.put("/api/cases/sterke-gemeente.yaml", json=body, headers={
        "X-CSRF-Token": token, "Origin": "http://evil.example"})
    assert evil.status_code == 403 and "cross-site" in evil.json()["error"]
    ok = app_client.put("/api/cases/sterke-gemeente.yaml", json=body,
                        headers={"X-CSRF-Token": token})
    assert ok.status_code == 200, ok.text


def test_large_requests_and_cases_are_refused(app_client: Any) -> None:
    big = {"case": {"casus": {"id": "x", "titel": "x"}, "feiten": {},
                    "opgaven": [{"id": f"o{i}"} for i in range(600)]}}
    got = app_client.post("/api/advise", json=big)
    assert got.status_code == 413 and "at most 500" in got.json()["problems"][0]["message"]
    huge = {"case": {"casus": {"id": "x", "titel": "x" * (3 * 1024 * 1024)}}}
    assert app_client.post("/api/advise", json=huge).status_code == 413


def test_loopback_server_answers_only_to_local_host_names(cases_dir: Path) -> None:
    app = create_app(ServeConfig(folder=str(cases_dir), loopback_hosts=True))
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        assert client.get("/api/csrf").status_code == 200
        assert client.get("/api/csrf", headers={"Host": "evil.example"}).status_code == 400
        assert client.get("/api/csrf", headers={"Host": "localhost:8765"}).status_code == 200


def test_serve_refuses_a_public_host_without_a_token(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pvrules.cli import main

    result = CliRunner(env={"PVRULES_TOKEN": None}).invoke(
        main, ["serve", str(tmp_path), "--host", "0.0.0.0", "--no-browser"])
    assert result.exit_code == 2
    assert "token" in result.output
