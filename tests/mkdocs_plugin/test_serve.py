"""`handbook serve`: live preview that reloads on YAML edits and survives broken files."""

from __future__ import annotations

import http.client
import os
import shutil
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

import generator
from tests.helpers.preview_server import NOTICE, PAGE, fetch, run_new, serving, wait_for


@pytest.fixture
def server(handbook_copy: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    with serving(handbook_copy, tmp_path) as started:
        yield started


def test_stopping_the_preview_removes_its_temporary_site(handbook_copy: Path, tmp_path: Path) -> None:
    with serving(handbook_copy, tmp_path) as (_, log):
        assert [p.name for p in (tmp_path / "tmp").iterdir()], "the preview builds into the temporary folder"
    assert not [p.name for p in (tmp_path / "tmp").iterdir()], log.read_text(encoding="utf-8")


def test_edit_reloads_and_broken_yaml_keeps_the_last_good_pages(server: tuple[str, Path], handbook_copy: Path) -> None:
    url, log = server
    source = handbook_copy / "procedures" / "testing" / "valid-base.yaml"
    original = source.read_text(encoding="utf-8")

    source.write_text(original.replace("title: 吧台服务", "title: 吧台服务（修订）", 1), encoding="utf-8")
    assert wait_for(lambda: "吧台服务（修订）" in fetch(url)), log.read_text(encoding="utf-8")

    source.write_text(original + "title: [unclosed\n", encoding="utf-8")
    assert wait_for(lambda: "procedures/testing/valid-base.yaml:" in log.read_text(encoding="utf-8"))
    assert wait_for(lambda: "serving the last good version" in log.read_text(encoding="utf-8"))
    assert wait_for(lambda: "吧台服务（修订）" in fetch(url), 10), log.read_text(encoding="utf-8")
    assert "Traceback" not in log.read_text(encoding="utf-8")

    source.write_text(original.replace("title: 吧台服务", "title: 吧台服务（再修订）", 1), encoding="utf-8")
    assert wait_for(lambda: "吧台服务（再修订）" in fetch(url)), log.read_text(encoding="utf-8")


def test_editing_handbook_yaml_refreshes_role_names_on_the_pages(server: tuple[str, Path], handbook_copy: Path) -> None:
    url, log = server
    settings = handbook_copy / "procedures" / "handbook.yaml"
    original = settings.read_text(encoding="utf-8")
    assert "吧台服务员" in fetch(url)
    settings.write_text(original.replace("name: 吧台服务员", "name: 吧台值班员", 1), encoding="utf-8")
    assert wait_for(lambda: "吧台值班员" in fetch(url)), log.read_text(encoding="utf-8")
    assert "吧台服务员" not in fetch(url)


def test_editing_a_template_during_the_preview_shows_on_the_next_rebuild(handbook_copy: Path, tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(Path(generator.__file__).parent, package / "generator")
    template = package / "generator" / "templates" / "procedure.md.j2"
    with serving(handbook_copy, tmp_path, package=package) as (url, log):
        assert "edited-template-marker" not in fetch(url)
        template.write_text(template.read_text(encoding="utf-8") + "\nedited-template-marker\n", encoding="utf-8")
        assert wait_for(lambda: "edited-template-marker" in fetch(url)), log.read_text(encoding="utf-8")


def test_serve_binds_loopback_by_default() -> None:
    from generator.cli.main import build_parser

    args = build_parser().parse_args(["serve"])
    assert args.address.startswith("127.0.0.1:")


@pytest.mark.parametrize("address", ["0.0.0.0:8000", "192.168.1.5:8000", "[::]:8000", "example.org:8000"])
def test_serve_refuses_an_address_others_can_reach(
    address: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.cli.main import main
    from generator.mkdocs_plugin import engine

    started: list[str] = []
    monkeypatch.setattr(engine, "serve_with_mkdocs", lambda config, bound: started.append(bound))
    assert main(["serve", "--address", address]) == 2
    assert started == []
    assert "not a loopback address" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "bound"),
    [
        (["serve"], "127.0.0.1:8000"),
        (["serve", "--address", "localhost:9000"], "localhost:9000"),
        (["serve", "--address", "[::1]:9000"], "[::1]:9000"),
        (["serve", "--address", "127.0.0.2:9000"], "127.0.0.2:9000"),
        (["serve", "--address", "0.0.0.0:8000", "--allow-remote"], "0.0.0.0:8000"),
    ],
)
def test_serve_binds_loopback_or_an_explicitly_allowed_address(
    argv: list[str], bound: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.cli.main import main
    from generator.mkdocs_plugin import engine

    started: list[str] = []
    monkeypatch.setattr(engine, "serve_with_mkdocs", lambda config, address: started.append(address))
    assert main(argv) == 0
    assert started == [bound]


def test_the_preview_keeps_answering_and_shows_placeholders_and_errors_on_every_page(
    server: tuple[str, Path], handbook_copy: Path
) -> None:
    url, log = server
    new_page = url.replace("valid-base.html", "visitor-badges.html")
    run_new(handbook_copy)  # placeholders: warnings, which once froze the preview in strict mode
    assert wait_for(lambda: "访客证管理流程" in fetch(new_page)), log.read_text(encoding="utf-8")
    assert wait_for(lambda: "visitor-badges.yaml:" in fetch(url)), "the notice lists the placeholders"
    assert NOTICE in fetch(new_page)

    source = handbook_copy / "procedures" / "testing" / "valid-base.yaml"
    original = source.read_text(encoding="utf-8")
    source.write_text(original.replace("\ntitle:", "\n title:", 1), encoding="utf-8")  # one space too many
    assert wait_for(lambda: "valid-base.yaml:" in fetch(url) and "错误" in fetch(url)), log.read_text(encoding="utf-8")
    assert "吧台服务" in fetch(url), "the last good page stays under the notice"

    source.write_text(original.replace("title: 吧台服务", "title: 吧台服务（修订）", 1), encoding="utf-8")
    scaffold = handbook_copy / "procedures" / "testing" / "visitor-badges.yaml"
    scaffold.unlink()
    assert wait_for(lambda: "吧台服务（修订）" in fetch(url) and NOTICE not in fetch(url)), log.read_text(
        encoding="utf-8"
    )
    assert "Traceback" not in log.read_text(encoding="utf-8")


def test_a_preview_started_on_broken_files_still_answers_and_says_why(handbook_copy: Path, tmp_path: Path) -> None:
    source = handbook_copy / "procedures" / "testing" / "valid-base.yaml"
    original = source.read_text(encoding="utf-8")
    source.write_text(original + "title: [unclosed\n", encoding="utf-8")
    # Until the file is fixed every page is the stand-in, notice included; PAGE itself is missing then.
    with serving(handbook_copy, tmp_path, ready="") as (url, log):
        home = url.replace(PAGE, "index.html")
        assert wait_for(lambda: "valid-base.yaml:" in fetch(home)), log.read_text(encoding="utf-8")
        assert "还没有可以显示的正确版本" in fetch(home) and "上一次正确的版本" not in fetch(home)
        assert "no good version yet" in log.read_text(encoding="utf-8")
        source.write_text(original, encoding="utf-8")
        assert wait_for(lambda: "吧台服务" in fetch(url)), log.read_text(encoding="utf-8")
        assert NOTICE not in fetch(home)


def test_a_preview_started_on_broken_files_answers_though_a_page_links_to_a_missing_one(
    handbook_copy: Path, tmp_path: Path
) -> None:
    # mkdocs.yml says strict: true; the stand-in site lacks the generated pages docs/ links to.
    (handbook_copy / "docs" / "about.md").write_text("# 关于\n\n见[表单](forms.md)。\n", encoding="utf-8")
    source = handbook_copy / "procedures" / "testing" / "valid-base.yaml"
    source.write_text(source.read_text(encoding="utf-8") + "title: [unclosed\n", encoding="utf-8")
    with serving(handbook_copy, tmp_path, ready="") as (url, log):
        home = url.replace(PAGE, "index.html")
        assert wait_for(lambda: "valid-base.yaml:" in fetch(home)), log.read_text(encoding="utf-8")
        assert "Aborted" not in log.read_text(encoding="utf-8")


def _status(url: str, raw_path: str) -> int:
    """The status the preview answers a request for ``raw_path``, sent as it is."""
    address = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname or "127.0.0.1", address.port, timeout=10)
    try:
        connection.putrequest("GET", raw_path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


MALFORMED = [
    "/index.html%00.css",
    "/%00",
    "/testing/%00/valid-base.html",
    "/testing/valid-base.html%00",
    "/%0d%0aSet-Cookie:x=1",
    "/%1b[2J.html",
    "/%ff%fe%c0%ae.html",
    "/" + "a" * 5000 + ".html",
    "/" + "/".join(["sub"] * 2000),
    "/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
]


def test_malformed_addresses_are_answered_with_400_or_404_never_500(server: tuple[str, Path]) -> None:
    url, log = server
    answers = {path[:40]: _status(url, path) for path in MALFORMED}
    assert all(status in (400, 404) for status in answers.values()), answers
    assert answers["/index.html%00.css"] == 400
    assert "吧台服务" in fetch(url)  # still serving
    text = log.read_text(encoding="utf-8")
    assert "Traceback" not in text and "500" not in text, text


@pytest.mark.usefixtures("english_messages")  # the log is read for the English wording
def test_a_fifo_or_a_link_loop_appearing_during_the_preview_does_not_hang_it(
    server: tuple[str, Path], handbook_copy: Path
) -> None:
    url, log = server
    testing = handbook_copy / "procedures" / "testing"
    os.mkfifo(testing / "pipe.yaml")
    (testing / "loop.yaml").symlink_to("loop.yaml")
    assert wait_for(lambda: "procedures/testing/pipe.yaml:1:1: error: a named pipe" in log.read_text("utf-8"))
    assert wait_for(lambda: "procedures/testing/loop.yaml:1:1: error: symbolic link loop" in log.read_text("utf-8"))
    assert wait_for(lambda: "吧台服务" in fetch(url), 10), log.read_text(encoding="utf-8")
    (testing / "pipe.yaml").unlink()
    (testing / "loop.yaml").unlink()
    source = testing / "valid-base.yaml"
    source.write_text(source.read_text("utf-8").replace("title: 吧台服务", "title: 吧台服务（恢复）", 1), "utf-8")
    assert wait_for(lambda: "吧台服务（恢复）" in fetch(url)), log.read_text(encoding="utf-8")
    assert "Traceback" not in log.read_text(encoding="utf-8")
