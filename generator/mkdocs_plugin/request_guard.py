"""The live preview answers a malformed address with 400 or 404, never with a 500 and a traceback.

MkDocs' LiveReloadServer opens the file an address names; an address holding a NUL byte
(``/index.html%00.css``) makes ``open`` raise ValueError, which the server logs as an internal
error with its traceback. The guard turns such addresses away before they reach the file system
and treats any error in finding the file as "not found".
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.handbook")

StartResponse = Callable[..., Any]
Handler = Callable[[dict[str, Any], StartResponse], Iterable[bytes] | None]
BAD_REQUEST = "400 Bad Request"


def malformed(path_info: str) -> bool:
    """Whether a request path (as WSGI gives it, Latin-1) names no file any site could hold."""
    try:
        path = path_info.encode("latin-1").decode("utf-8", "ignore")
    except UnicodeError:
        return True
    return any(ord(char) < 0x20 or ord(char) == 0x7F for char in path)


def _guarded(serve: Handler) -> Handler:
    def serve_request(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes] | None:
        if malformed(str(environ.get("PATH_INFO", ""))):
            start_response(BAD_REQUEST, [("Content-Type", "text/plain; charset=utf-8")])
            return [BAD_REQUEST.encode()]
        try:
            return serve(environ, start_response)
        except (ValueError, OSError, UnicodeError) as exc:
            log.debug("preview: no file for %r (%s)", environ.get("PATH_INFO"), exc)
            return None  # the server answers 404 Not Found

    return serve_request


def guard_requests(server: LiveReloadServer) -> LiveReloadServer:
    """``server`` with its request handling wrapped by the guard (once, however often MkDocs asks)."""
    serve = server._serve_request
    if not getattr(serve, "handbook_guarded", False):
        guarded = _guarded(serve)
        guarded.handbook_guarded = True  # type: ignore[attr-defined]
        setattr(server, "_serve_request", guarded)  # noqa: B010  # a method of the instance, replaced
    return server
