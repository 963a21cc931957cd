"""Hand-built `CheckResult` values shared by the reporter tests (no extraction involved)."""

from __future__ import annotations

from manifest_lint.model import CheckResult, Finding, Manifest, Page, Route, Scoreboard, ScoreRow

HOSTILE = (
    '::error file=x::pwned\r\n::warning::also 100% "quoted" <script>alert(1)</script> '
    "`tick` a|b, c: d @here 路由 é"
)
HOSTILE_PATH = "routes/we b,x:y%z#q?é.php"


def hostile_result() -> CheckResult:
    findings = (
        Finding(
            "ML201", "uncovered-surface", "error", HOSTILE, HOSTILE_PATH, 7, "GET /a::b/<script>", ("#12",)
        ),
        Finding("ML202", "orphaned-plan-entry", "warning", "plain warning", "plan/map.toml", 3, "GET /gone"),
        Finding(
            "ML203", "unported-surface", "info", "line\nbreak\x1b[31m\x00ctrl", "app/Http/K.php", 0, None
        ),
    )
    row = ScoreRow("auth <b>|", "Auth & `login`", owned=4, ported=1, retired=1, remaining=2)
    board = Scoreboard(
        total=ScoreRow("total", None, owned=10, ported=3, retired=1, remaining=6),
        domains=(row, ScoreRow("billing", None, owned=6, ported=2, retired=0, remaining=4)),
        issues=(ScoreRow("#12", "Port <auth>", owned=4, ported=1, retired=1, remaining=2),),
    )
    manifest = Manifest(
        stack="laravel",
        root=".",
        framework="laravel",
        surfaces=(
            Route(
                stack="laravel",
                file=HOSTILE_PATH,
                line=7,
                method="GET",
                uri="/a::b/<script>x</script>",
                canonical_uri="/a::b/<script>x</script>",
                name="n\"q'",
            ),
            Page(stack="laravel", file="resources/js/Pages/Home.vue", line=1, component="Home"),
        ),
        diagnostics=(),
    )
    return CheckResult(findings=findings, scoreboard=board, manifests=(manifest,))


def many_result(errors: int, warnings: int, infos: int) -> CheckResult:
    findings: list[Finding] = []
    for level, n in (("error", errors), ("warning", warnings), ("info", infos)):
        for i in range(n):
            findings.append(
                Finding(
                    "ML201",
                    "uncovered-surface",
                    level,
                    f"{level} {i}",
                    "routes/web.php",
                    i + 1,
                    f"GET /{level}/{i}",
                )
            )  # type: ignore[arg-type]
    return CheckResult(findings=tuple(findings), scoreboard=None)
