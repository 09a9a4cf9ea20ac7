"""A minimal Language Server Protocol client over stdio, enough to drive yaml-language-server in tests.

JSON-RPC messages are framed with a Content-Length header. A reader thread collects what the
server sends; requests the server makes of the client (configuration, capability registration,
progress) are answered so that the server never waits on us.
"""

from __future__ import annotations

import json
import queue
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

Message = dict[str, Any]
# Long enough for a cold Node start on a slow CI machine; only ever a guard against a hang.
WAIT_SECONDS = 60.0


class LspError(Exception):
    """The server answered with an error, died, or did not send what was awaited."""


def _read_message(stream: IO[bytes]) -> Message | None:
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value.strip())
    if length is None:
        raise LspError("message without Content-Length")
    message: Message = json.loads(stream.read(length).decode("utf-8"))
    return message


class LspClient:
    """One running language server process."""

    def __init__(self, command: Sequence[str], settings: Message) -> None:
        self.settings = settings
        # The server's stderr goes to a file, so a full pipe never blocks it; closed in close().
        self.log = tempfile.TemporaryFile()  # noqa: SIM115
        self.process = subprocess.Popen(list(command), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log)
        self.next_id = 0
        self.incoming: queue.Queue[Message | None] = queue.Queue()
        self.notifications: list[Message] = []
        self.write_lock = threading.Lock()
        self.reader = threading.Thread(target=self._read_loop, daemon=True)
        self.reader.start()

    # --- transport -------------------------------------------------------------------------------

    def _send(self, message: Message) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        assert self.process.stdin is not None
        with self.write_lock:
            self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.process.stdin.flush()

    def _read_loop(self) -> None:
        assert self.process.stdout is not None
        while True:
            message = _read_message(self.process.stdout)
            if message is None:
                self.incoming.put(None)
                return
            if "method" in message and "id" in message:
                self._answer(message)
            else:
                self.incoming.put(message)

    def _answer(self, request: Message) -> None:
        """Requests from the server: settings for each asked section, and plain acknowledgements."""
        result: Any = None
        if request["method"] == "workspace/configuration":
            result = [self.settings.get(item.get("section", ""), None) for item in request["params"]["items"]]
        self._send({"id": request["id"], "result": result})

    def _next(self) -> Message:
        try:
            message = self.incoming.get(timeout=WAIT_SECONDS)
        except queue.Empty:
            raise LspError(f"no message from the server within {WAIT_SECONDS:.0f} s") from None
        if message is None:
            self.log.seek(0)
            raise LspError(f"the server stopped: {self.log.read().decode('utf-8', 'replace')}")
        return message

    def _wait_for(self, wanted: Callable[[Message], bool]) -> Message:
        for kept in self.notifications:
            if wanted(kept):
                self.notifications.remove(kept)
                return kept
        while True:
            message = self._next()
            if wanted(message):
                return message
            if "method" in message:
                self.notifications.append(message)

    # --- protocol --------------------------------------------------------------------------------

    def request(self, method: str, params: Message) -> Any:
        self.next_id += 1
        request_id = self.next_id
        self._send({"id": request_id, "method": method, "params": params})
        reply = self._wait_for(lambda m: m.get("id") == request_id and "method" not in m)
        if "error" in reply:
            raise LspError(f"{method}: {reply['error']}")
        return reply.get("result")

    def notify(self, method: str, params: Message) -> None:
        self._send({"method": method, "params": params})

    def initialize(self, root: Path) -> Message:
        capabilities = {
            "workspace": {"configuration": True, "didChangeConfiguration": {"dynamicRegistration": True}},
            "textDocument": {
                "completion": {"completionItem": {"snippetSupport": True, "documentationFormat": ["markdown"]}},
                "publishDiagnostics": {"relatedInformation": True},
            },
        }
        result: Message = self.request(
            "initialize",
            {"processId": None, "rootUri": root.as_uri(), "capabilities": capabilities, "workspaceFolders": None},
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})
        return result

    def open(self, uri: str, text: str, version: int = 1) -> None:
        document = {"uri": uri, "languageId": "yaml", "version": version, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": document})

    def change(self, uri: str, text: str, version: int) -> None:
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )

    def diagnostics(self, uri: str, version: int | None = None) -> list[Message]:
        """The next diagnostics the server publishes for ``uri`` (for ``version``, when given)."""

        def wanted(message: Message) -> bool:
            if message.get("method") != "textDocument/publishDiagnostics":
                return False
            params = message["params"]
            return bool(params["uri"] == uri and (version is None or params.get("version") in (None, version)))

        found: list[Message] = self._wait_for(wanted)["params"]["diagnostics"]
        return found

    def completion(self, uri: str, line: int, character: int) -> list[Message]:
        result = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        items: list[Message] = result.get("items", []) if isinstance(result, dict) else (result or [])
        return items

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                self.request("shutdown", {})
                self.notify("exit", {})
                self.process.wait(timeout=WAIT_SECONDS)
        except (LspError, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            for stream in (self.process.stdin, self.process.stdout):
                if stream is not None:
                    stream.close()
            self.log.close()
