"""`claimcheck serve`: the local JSON API, answered by a real server on a free port (fake models,
real parser)."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimcheck.config import Config
from claimcheck.serve import make_server


@pytest.fixture
def server(fake_models) -> Iterator[str]:  # type: ignore[no-untyped-def]
    httpd = make_server(Config(use_cache=False), fake_models, "127.0.0.1", 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    host, port = httpd.server_address[:2]
    yield f"http://{host!s}:{port}"
    httpd.shutdown()
    httpd.server_close()


def _call(url: str, body: Any = None, raw: bytes | None = None) -> tuple[int, dict[str, Any]]:
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    request = urllib.request.Request(url, data=data, method="GET" if data is None else "POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_health(server: str) -> None:
    status, data = _call(server + "/health")
    assert status == 200 and data["status"] == "ok"


def test_compare_one_pair_and_several(server: str) -> None:
    status, data = _call(server + "/compare", {"premise": "The rebels took Brenn.",
                                               "hypothesis": "Brenn fell to the rebels."})
    assert status == 200
    [result] = data["results"]
    assert result["label"] in ("entailment", "neutral", "contradiction")
    assert set(result["scores"]) == {"entailment", "neutral", "contradiction"}
    status, data = _call(server + "/compare", {"pairs": [
        {"premise": "A", "hypothesis": "B"}, {"premise": "C", "hypothesis": "D"}]})
    assert status == 200 and len(data["results"]) == 2


def test_sources_answers_as_the_command(server: str, fixtures_dir: Path) -> None:
    status, data = _call(server + "/sources", {"claim": "The NLF captured Brenn on Wednesday.",
                                               "paths": [str(fixtures_dir)], "limit": 5})
    assert status == 200, data
    assert set(data) >= {"claim", "supporting", "refuting", "reporting", "content", "warnings"}
    assert data["claim"] == "The NLF captured Brenn on Wednesday."


@pytest.mark.parametrize(("path", "body", "raw", "status", "needle"), [
    ("/compare", None, b"{not json", 400, "Expecting"),
    ("/compare", {"premise": "only one side"}, None, 400, "'premise' and 'hypothesis'"),
    ("/compare", None, b"[1, 2]", 400, "JSON object"),
    ("/sources", {"claim": "X happened", "paths": []}, None, 400, "paths"),
    ("/sources", {"claim": "X happened", "paths": ["/no/such/drop"]}, None, 422,
     "no such file or folder"),
    ("/nowhere", {}, None, 404, "no such endpoint"),
])
def test_errors_are_json_with_a_status(server: str, path: str, body: Any, raw: bytes | None,
                                       status: int, needle: str) -> None:
    got, data = _call(server + path, body, raw)
    assert got == status
    assert needle in data["error"]
