"""A long-lived local process: the models load once, then `compare` and `sources` answer fast.

A small JSON API over the standard library's HTTP server, bound to localhost by default:

- `GET /health`: `{"status": "ok", "version": ...}`
- `POST /compare` with `{"premise", "hypothesis"}` or `{"pairs": [{"premise", "hypothesis"}]}`:
  the same JSON as `claimcheck compare`, one object per pair under `results`.
- `POST /sources` with `{"claim", "paths": [...], "limit"?}`: the same JSON as
  `claimcheck sources --json`.

Errors are JSON too: `{"error": message}` with 400 for a bad request, 404 for an unknown path,
422 for input claimcheck cannot read (the CLI's exit 2). The server reads files from the local
disk on request, so it is meant for one user on one machine: keep it on localhost.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from claimcheck import __version__
from claimcheck.api import Models, compare_pairs, find_sources
from claimcheck.config import Config
from claimcheck.errors import ClaimcheckError

MAX_BODY_BYTES = 10_000_000
DEFAULT_PORT = 8765


class BadRequest(Exception):
    """A request the API cannot take; its message is the answer."""


class NotFound(Exception):
    """No endpoint at this path."""


def warm_up(models: Models) -> None:
    """Load every model now, so the first question is answered at full speed: the embedder,
    the parser, and both cross-encoders (a pair with a negation asks the second opinion)."""
    from claimcheck.assertions import load_parser

    load_parser()
    models.embedder.encode(["The rebels entered the city on Sunday."])
    models.judge.predict([("The minister is not dead, his office said.",
                           "The minister has died.")])


def _pairs_of(body: dict[str, Any]) -> list[tuple[str, str]]:
    if "pairs" in body:
        items = body["pairs"]
        if not isinstance(items, list):
            raise BadRequest("'pairs' must be a list of {premise, hypothesis} objects")
    else:
        items = [body]
    pairs = []
    for n, item in enumerate(items):
        if not (isinstance(item, dict) and isinstance(item.get("premise"), str)
                and isinstance(item.get("hypothesis"), str)):
            raise BadRequest(f"pair {n}: expected an object with string 'premise' and "
                             f"'hypothesis'")
        pairs.append((item["premise"], item["hypothesis"]))
    return pairs


def answer(path: str, body: dict[str, Any], config: Config, models: Models,
           lock: threading.Lock) -> dict[str, Any]:
    """The JSON answer to one POST request (the library call behind each endpoint)."""
    if path == "/compare":
        pairs = _pairs_of(body)
        with lock:  # one model run at a time: the models are not made for threads
            results = compare_pairs(pairs, config, models)
        return {"results": [r.to_dict() for r in results]}
    if path == "/sources":
        claim, paths = body.get("claim"), body.get("paths")
        if not isinstance(claim, str) or not isinstance(paths, list) or not all(
                isinstance(p, str) for p in paths) or not paths:
            raise BadRequest("expected {\"claim\": str, \"paths\": [str, ...]}")
        limit = body.get("limit", 20)
        if not isinstance(limit, int) or limit < 1:
            raise BadRequest("'limit' must be a whole number of at least 1")
        with lock:
            result = find_sources(claim, [Path(p) for p in paths], config, models, limit=limit)
        return result.to_dict()
    raise NotFound(path)


def make_handler(config: Config, models: Models) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to these models."""
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        server_version = f"claimcheck/{__version__}"

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: the CLI says where it listens; requests are not logged

        def _send(self, status: HTTPStatus, data: dict[str, Any]) -> None:
            from claimcheck.report import dumps_json

            payload = (dumps_json(data) + "\n").encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_GET(self) -> None:
            if self.path == "/health":
                self._send(HTTPStatus.OK, {"status": "ok", "version": __version__})
            else:
                self._send(HTTPStatus.NOT_FOUND, {"error": f"no such endpoint: {self.path}"})

        def do_POST(self) -> None:
            self._respond(lambda body: answer(self.path, body, config, models, lock))

        def _respond(self, call: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
            try:
                length = int(self.headers.get("Content-Length") or 0)
                if length > MAX_BODY_BYTES:
                    raise BadRequest(f"request body over {MAX_BODY_BYTES} bytes")
                body = json.loads(self.rfile.read(length) or b"{}")
                if not isinstance(body, dict):
                    raise BadRequest("the request body must be a JSON object")
            except (BadRequest, ValueError) as exc:  # JSONDecodeError is a ValueError
                self._send(HTTPStatus.BAD_REQUEST, {"error": str(exc)})
                return
            try:
                self._send(HTTPStatus.OK, call(body))
            except BadRequest as exc:
                self._send(HTTPStatus.BAD_REQUEST, {"error": str(exc)})
            except NotFound:
                self._send(HTTPStatus.NOT_FOUND, {"error": f"no such endpoint: {self.path}"})
            except ClaimcheckError as exc:
                self._send(HTTPStatus.UNPROCESSABLE_ENTITY, {"error": str(exc)})
            except Exception as exc:  # a bug: answer, and keep serving
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR,
                           {"error": f"internal error: {type(exc).__name__}: {exc}"})

    return Handler


def make_server(config: Config, models: Models, host: str = "127.0.0.1",
                port: int = DEFAULT_PORT) -> ThreadingHTTPServer:
    """The HTTP server (not yet serving); port 0 picks a free port."""
    return ThreadingHTTPServer((host, port), make_handler(config, models))
