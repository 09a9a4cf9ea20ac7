"""The live preview's notice of problems: every error and warning with its place, escaped, errors first."""

from __future__ import annotations

from generator.diagnostics import Diagnostic, Severity, Where
from generator.render.site.preview_problems import SHOWN, problems_notice, problems_only_site


def _diagnostic(severity: Severity, line: int, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(Where("procedures/testing/case.yaml", line, 3), severity, "code", message, hint)


def test_the_notice_lists_errors_before_warnings_with_file_line_column_and_hint() -> None:
    warning = _diagnostic(Severity.WARNING, 2, "placeholder left", "write the real title")
    error = _diagnostic(Severity.ERROR, 9, "bad indentation")
    html = problems_notice([warning, error], "zh")
    assert 'role="alert"' in html
    assert "2 个问题" in html
    assert html.index("procedures/testing/case.yaml:9:3") < html.index("procedures/testing/case.yaml:2:3")
    assert "bad indentation" in html and "write the real title" in html
    assert "错误" in html and "警告" in html


def test_the_notice_escapes_what_the_files_say() -> None:
    html = problems_notice([_diagnostic(Severity.ERROR, 1, "<script>alert(1)</script>")], "en")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_warnings_alone_say_the_pages_are_current() -> None:
    html = problems_notice([_diagnostic(Severity.WARNING, 2, "placeholder left")], "zh")
    assert "1 个警告" in html and "上一次正确的版本" not in html


def test_errors_before_any_good_version_do_not_promise_one() -> None:
    error = _diagnostic(Severity.ERROR, 9, "bad indentation")
    assert "上一次正确的版本" in problems_notice([error], "zh")
    first = problems_notice([error], "zh", shows_last_good=False)
    assert "还没有可以显示的正确版本" in first and "上一次正确的版本" not in first
    assert "no good version to show yet" in problems_notice([error], "en", shows_last_good=False)


def test_no_problems_no_notice_and_notices_alone_are_no_problems() -> None:
    assert problems_notice([], "zh") == ""
    assert problems_notice([_diagnostic(Severity.NOTICE, 1, "ignored file")], "zh") == ""


def test_a_long_list_is_cut_and_the_rest_counted() -> None:
    many = [_diagnostic(Severity.WARNING, line, f"warning {line}") for line in range(1, SHOWN + 8)]
    html = problems_notice(many, "en")
    assert html.count("<li ") == SHOWN
    assert "7 more not listed" in html


def test_the_stand_in_site_is_one_page() -> None:
    site = problems_only_site("en")
    assert list(site.files) == ["index.md"]
    assert "Preview not available yet" in site.files["index.md"]
