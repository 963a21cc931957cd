"""Each coverage rule fires on its case and stays quiet on the clean case (hand-built manifests)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from builders import artisan, axum, clap, config, laravel, legacy_manifest, page, plan_from, target_manifest

from manifest_lint.check import evaluate

if TYPE_CHECKING:
    from pathlib import Path

    from manifest_lint.model import CheckResult, Manifest, Surface
    from manifest_lint.plan import Plan


def run(
    tmp_path: Path, legacy: tuple[Surface, ...], target: tuple[Surface, ...], plan: Plan, **cfg: object
) -> CheckResult:
    manifests: tuple[Manifest, Manifest] = (
        legacy_manifest(tmp_path, *legacy),
        target_manifest(tmp_path, *target),
    )
    return evaluate(config(tmp_path, **cfg), manifests[0], (manifests[1],), plan)


def rules_of(result: CheckResult) -> list[str]:
    return [f.rule for f in result.findings]


CLEAN_PLAN = """## Auth
- `GET api/me` -> OA-1
- `POST api/chats/{conversationId}` -> OA-2
- `command ops:create-api-token` -> OA-3
"""


def clean(tmp_path: Path, **cfg: object) -> CheckResult:
    return run(
        tmp_path,
        (
            laravel("GET", "/api/me", middleware=("api", "auth:sanctum")),
            laravel("POST", "/api/chats/{conversationId}"),
            artisan("ops:create-api-token"),
        ),
        (
            axum("GET", "/api/me", middleware=("require_session",)),
            axum("POST", "/api/chats/{id}"),
            clap("ops create-api-token", binary="ops-cli"),
        ),
        plan_from(CLEAN_PLAN),
        **cfg,
    )


def test_clean_case_has_no_findings_and_full_progress(tmp_path: Path) -> None:
    result = clean(tmp_path)
    assert result.findings == ()
    assert result.scoreboard is not None
    assert (result.scoreboard.total.owned, result.scoreboard.total.ported) == (3, 3)


def test_uncovered_surface(tmp_path: Path) -> None:
    result = run(tmp_path, (laravel("GET", "/api/me"), artisan("ops:x"), page("Lonely")), (), plan_from(""))
    found = [(f.rule, f.surface) for f in result.findings]
    assert ("uncovered-surface", "GET /api/me") in found
    assert ("uncovered-surface", "command ops:x") in found
    assert ("uncovered-surface", "page Lonely") in found


def test_page_rendered_by_an_owned_route_is_covered(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        (laravel("GET", "/about", page="About"), page("About")),
        (axum("GET", "/about"),),
        plan_from("- `GET /about` -> OA-1\n"),
    )
    assert "uncovered-surface" not in rules_of(result)


def test_ignore_page_dirs(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        (page("Partials/Nav"),),
        (),
        plan_from(""),
        ignore_page_dirs=("resources/js/Pages/Partials",),
    )
    assert result.findings == ()


def test_orphaned_plan_entry(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        (laravel("GET", "/api/me"),),
        (),
        plan_from("- `GET api/me` -> OA-1\n- `GET api/gone` -> OA-2\n"),
    )
    orphaned = [f for f in result.findings if f.rule == "orphaned-plan-entry"]
    assert [(f.file, f.line, f.surface, f.issues) for f in orphaned] == [
        ("plan.md", 2, "GET /api/gone", ("OA-2",))
    ]


def test_unported_surface_is_info(tmp_path: Path) -> None:
    result = run(tmp_path, (laravel("GET", "/api/me"),), (), plan_from("- `GET api/me` -> OA-1\n"))
    assert [(f.rule, f.severity) for f in result.findings] == [("unported-surface", "info")]


def test_retired_surface_is_not_unported(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        (laravel("GET", "/api/old"),),
        (),
        plan_from("- `GET api/old` -> retired (v2 replaces it)\n"),
    )
    assert result.findings == ()
    assert result.scoreboard is not None and result.scoreboard.total.retired == 1


def test_retired_still_served_by_target(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        (laravel("GET", "/api/old"),),
        (axum("GET", "/api/old", line=7),),
        plan_from("- `GET api/old` -> retired (v2 replaces it)\n"),
    )
    [hit] = [f for f in result.findings if f.rule == "retired-still-served"]
    assert (hit.file, hit.line) == ("service/src/main.rs", 7)
    assert "v2 replaces it" in hit.message


def test_retired_still_served_by_legacy_after_cutover(tmp_path: Path) -> None:
    plan = plan_from("- `GET api/old` -> deprecated: dead\n")
    quiet = run(tmp_path, (laravel("GET", "/api/old"),), (), plan)
    assert "retired-still-served" not in rules_of(quiet)
    loud = run(tmp_path, (laravel("GET", "/api/old"),), (), plan, retired_served_by="legacy")
    assert [f.file for f in loud.findings if f.rule == "retired-still-served"] == ["legacy/routes/api.php"]


def test_orphaned_target_surface_and_allowlist(tmp_path: Path) -> None:
    result = run(tmp_path, (), (axum("GET", "/health"), axum("GET", "/metrics")), plan_from(""))
    assert [f.surface for f in result.findings if f.rule == "orphaned-target-surface"] == [
        "GET /health",
        "GET /metrics",
    ]
    allowed = run(
        tmp_path,
        (),
        (axum("GET", "/health"), axum("GET", "/metrics")),
        plan_from(""),
        allow=("GET /health", "/met*"),
    )
    assert allowed.findings == ()


def test_planned_target_route_is_not_orphaned(tmp_path: Path) -> None:
    result = run(tmp_path, (), (axum("GET", "/api/new"),), plan_from("- `GET api/new` -> OA-9\n"))
    assert "orphaned-target-surface" not in rules_of(result)


def test_target_head_next_to_legacy_get_is_the_implied_head(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        (laravel("GET", "/api/me"),),
        (axum("GET", "/api/me"), axum("HEAD", "/api/me")),
        plan_from("- `GET api/me` -> OA-1\n"),
    )
    assert result.findings == ()


def test_auth_drift_lost_guard(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        (laravel("GET", "/api/me", middleware=("auth:sanctum",), line=4),),
        (axum("GET", "/api/me"),),
        plan_from("- `GET api/me` -> OA-1\n"),
    )
    [hit] = [f for f in result.findings if f.rule == "auth-drift"]
    assert (hit.file, hit.line, hit.issues) == ("legacy/routes/api.php", 4, ("OA-1",))
    assert "auth:sanctum" in hit.message


def test_auth_drift_gained_guard(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        (laravel("GET", "/api/shouts"),),
        (axum("GET", "/api/shouts", middleware=("require_session",)),),
        plan_from("- `GET api/shouts` -> OA-1\n"),
    )
    [hit] = [f for f in result.findings if f.rule == "auth-drift"]
    assert "adds guard `require_session`" in hit.message


def test_auth_drift_is_per_method(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        (laravel("GET", "/api/shouts"), laravel("POST", "/api/shouts", middleware=("auth",))),
        (axum("GET", "/api/shouts"), axum("POST", "/api/shouts", middleware=("require_session",))),
        plan_from("- `GET api/shouts` -> OA-1\n- `POST api/shouts` -> OA-1\n"),
    )
    assert result.findings == ()


def test_auth_table_from_config_replaces_defaults(tmp_path: Path) -> None:
    legacy = (laravel("GET", "/admin", middleware=("admin",)),)
    target = (axum("GET", "/admin", middleware=("only_admins",)),)
    plan = plan_from("- `GET /admin` -> OA-1\n")
    assert "auth-drift" in rules_of(run(tmp_path, legacy, target, plan))
    custom = run(tmp_path, legacy, target, plan, auth=(("admin", ("only_*",)),))
    assert custom.findings == ()


def test_method_drift(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        (laravel("PUT", "/api/profile"),),
        (axum("PATCH", "/api/profile", line=9),),
        plan_from("- `PUT api/profile` -> OA-1\n"),
    )
    [hit] = [f for f in result.findings if f.rule == "method-drift"]
    assert (hit.file, hit.line) == ("service/src/main.rs", 9)
    assert "orphaned-target-surface" not in rules_of(result)


def test_catch_all_only_is_not_ported(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        (laravel("GET", "/settings/profile"),),
        (axum("GET", "/{*path}"),),
        plan_from("- `GET /settings/profile` -> OA-50\n"),
    )
    assert rules_of(result) == ["catch-all-only"]
    assert result.scoreboard is not None and result.scoreboard.total.remaining == 1


def test_any_method_on_target_matches(tmp_path: Path) -> None:
    result = run(
        tmp_path, (laravel("POST", "/hook"),), (axum("ANY", "/hook"),), plan_from("- `POST /hook` -> OA-1\n")
    )
    assert result.findings == ()


def test_optional_parameter_needs_every_form(tmp_path: Path) -> None:
    legacy = (laravel("GET", "/posts/{id?}"),)
    plan = plan_from("- `GET /posts/{id?}` -> OA-1\n")
    partial = run(tmp_path, legacy, (axum("GET", "/posts/{id}"),), plan)
    [hit] = [f for f in partial.findings if f.rule == "unported-surface"]
    assert "/posts" in hit.message
    full = run(tmp_path, legacy, (axum("GET", "/posts"), axum("GET", "/posts/{id}")), plan)
    assert full.findings == ()


def test_path_map_applies_before_matching(tmp_path: Path) -> None:
    legacy = (laravel("GET", "/api/me"),)
    plan = plan_from("- `GET api/me` -> OA-1\n")
    unmapped = run(tmp_path, legacy, (axum("GET", "/v2/me"),), plan)
    assert "unported-surface" in rules_of(unmapped)
    mapped = run(tmp_path, legacy, (axum("GET", "/v2/me"),), plan, path_map=(("/api", "/v2"),))
    assert mapped.findings == ()


def test_command_matching_fallbacks(tmp_path: Path) -> None:
    plan = plan_from("- `command ops:rotate-keys` -> OA-1\n")
    joined_name = run(
        tmp_path, (artisan("ops:rotate-keys"),), (clap("ops-rotate-keys", binary="tool"),), plan
    )
    assert joined_name.findings == ()
    mapped = run(
        tmp_path,
        (artisan("ops:rotate-keys"),),
        (clap("keys rotate", binary="tool"),),
        plan,
        command_map=(("ops:rotate-keys", "keys rotate"),),
    )
    assert mapped.findings == ()
    missing = run(tmp_path, (artisan("ops:rotate-keys"),), (clap("keys rotate", binary="tool"),), plan)
    assert rules_of(missing) == ["unported-surface"]


def test_extractor_diagnostics_are_findings_rebased_to_the_repo(tmp_path: Path) -> None:
    from manifest_lint.model import Diagnostic

    legacy = legacy_manifest(
        tmp_path, diagnostics=(Diagnostic("unresolved-construct", "dynamic path", "routes/web.php", 3),)
    )
    result = evaluate(config(tmp_path), legacy, (), plan_from(""))
    assert [(f.code, f.file, f.line, f.severity) for f in result.findings] == [
        ("ML002", "legacy/routes/web.php", 3, "warning")
    ]


def test_select_ignore_and_severity(tmp_path: Path) -> None:
    legacy = (laravel("GET", "/api/me"),)
    plan = plan_from("- `GET api/me` -> OA-1\n- `GET api/gone` -> OA-1\n")
    assert rules_of(run(tmp_path, legacy, (), plan, ignore=("ML202",))) == ["unported-surface"]
    assert rules_of(run(tmp_path, legacy, (), plan, select=("ML2",), ignore=("ML203",))) == [
        "orphaned-plan-entry"
    ]
    raised = run(tmp_path, legacy, (), plan, severity=(("ML203", "error"),))
    assert [f.severity for f in raised.findings if f.rule == "unported-surface"] == ["error"]
    per_path = run(tmp_path, legacy, (), plan, per_path_ignores=(("plan.md", ("ML202",)),))
    assert "orphaned-plan-entry" not in rules_of(per_path)


def test_plan_param_owns_legacy_wildcard_written_without_its_constraint(tmp_path: Path) -> None:
    from manifest_lint.model import Route

    wildcard = Route(
        stack="laravel",
        file="routes/web.php",
        line=3,
        method="GET",
        uri="/storage/{path}",
        canonical_uri="/storage/{*}",
    )
    result = run(
        tmp_path, (wildcard,), (), plan_from("- `GET /storage/{path}` -> retired (object storage)\n")
    )
    assert result.findings == ()


def test_page_of_an_uncovered_route_is_reported_once_through_the_route(tmp_path: Path) -> None:
    result = run(tmp_path, (laravel("GET", "/about", page="About"), page("About")), (), plan_from(""))
    assert [(f.rule, f.surface) for f in result.findings] == [("uncovered-surface", "GET /about")]


def test_auth_drift_checks_every_guard_key_a_legacy_middleware_matches(tmp_path: Path) -> None:
    legacy = (laravel("GET", "/admin", middleware=("can:admin",)),)
    target = (axum("GET", "/admin", middleware=("require_admin",)),)
    plan = plan_from("- `GET /admin` -> OA-1\n")
    one_key = run(tmp_path, legacy, target, plan, auth=(("can:admin", ("require_admin",)),))
    assert one_key.findings == ()
    two_keys = run(
        tmp_path, legacy, target, plan, auth=(("can:admin", ("require_admin",)), ("can:*", ("*authorize*",)))
    )
    [hit] = two_keys.findings
    assert "auth table key `can:*`" in hit.message


def test_ignore_page_dirs_also_silences_orphaned_page_and_takes_repo_paths(tmp_path: Path) -> None:
    from manifest_lint.model import Diagnostic

    partial = page("Partials/Nav")
    legacy = legacy_manifest(
        tmp_path,
        partial,
        diagnostics=(Diagnostic("orphaned-page", "not rendered", "resources/js/Pages/Partials/Nav.vue", 1),),
    )
    cfg = config(tmp_path, ignore_page_dirs=("legacy/resources/js/Pages/Partials/",))
    assert evaluate(cfg, legacy, (), plan_from("")).findings == ()
    loud = evaluate(config(tmp_path), legacy, (), plan_from(""))
    assert sorted(f.rule for f in loud.findings) == ["orphaned-page", "uncovered-surface"]


def test_table_glob_entry_owns_matching_tables_and_unresolved_target_paths_are_not_orphans(
    tmp_path: Path,
) -> None:
    from manifest_lint.model import Route, Table

    tables = (
        Table(stack="laravel", file="database/migrations/a.php", line=1, name="agent_conversations"),
        Table(stack="laravel", file="database/migrations/b.php", line=1, name="users"),
    )
    unknown = Route(
        stack="rust",
        file="src/main.rs",
        line=5,
        method="POST",
        uri="{?}",
        canonical_uri="{?}",
        status="unresolved",
    )
    plan = plan_from("- Chat: `agent_conversation*` -> OA-21\n- Auth: `users`, `sessions` -> OA-8\n")
    result = run(tmp_path, tables, (unknown,), plan)
    assert [(f.rule, f.surface) for f in result.findings] == [("orphaned-plan-entry", "table sessions")]
