from __future__ import annotations

from manifest_lint.extract.laravel.commands import extract_commands
from manifest_lint.model import Command, CommandParam

from .helpers import FIXTURES, index_for

ROOT = FIXTURES / "commands"


def extracted() -> tuple[dict[str, Command], list[tuple[str, str, int, str]]]:
    sources, index = index_for(ROOT)
    commands, diagnostics = extract_commands(sources, index)
    by_name = {c.name: c for c in commands}
    assert len(by_name) == len(commands)
    return by_name, sorted((d.rule, d.file, d.line, d.message) for d in diagnostics)


def test_every_command_is_listed() -> None:
    commands, _ = extracted()
    assert sorted(commands) == [
        "<computed at routes/console.php:20>",
        "App\\Console\\Commands\\Ops\\Computed",
        "Laravel\\Sanctum\\Console\\Commands\\PruneExpired",
        "backup:custom",
        "broken:sig",
        "inspire",
        "internal:secret",
        "legacy:run",
        "mail:send",
        "ops:ping",
        "ops:rotate-keys",
        "ops:unbalanced",
        "report:send",
        "support:registered",
        "threads:prune",
    ]


def test_closure_commands_with_purpose_describe_and_schedule_chain() -> None:
    commands, _ = extracted()
    assert commands["inspire"] == Command(
        stack="laravel",
        file="routes/console.php",
        line=7,
        name="inspire",
        description="Display an inspiring quote",
    )
    mail = commands["mail:send"]
    assert (mail.file, mail.line, mail.description) == ("routes/console.php", 11, "Send a marketing email")
    assert mail.arguments == (CommandParam(name="user", required=True),)
    assert mail.options == (CommandParam(name="queue", default="default"),)
    assert commands["ops:ping"].file == "routes/ops-console.php"


def test_signature_property_wins_over_attribute() -> None:
    commands, _ = extracted()
    report = commands["report:send"]
    assert report.description == "Send the monthly report"
    assert report.hidden is False
    assert report.aliases == ("report:mail",)
    assert report.arguments == (CommandParam(name="recipient", required=True, array=True, default=()),)
    assert report.line == 9


def test_as_command_name_aliases_and_hidden() -> None:
    commands, _ = extracted()
    prune = commands["threads:prune"]
    assert prune.aliases == ("threads:clean", "prune")
    assert prune.hidden is True
    assert prune.description == "Delete threads older than the retention window"
    secret = commands["internal:secret"]
    assert secret.hidden is True
    assert secret.description is None  # `$description = ''` is set, so the attribute's is not used


def test_name_property_and_inherited_description() -> None:
    commands, diagnostics = extracted()
    legacy = commands["legacy:run"]
    assert (legacy.description, legacy.status) == ("Old-style command", "partial")
    assert any(
        rule == "unresolved-construct" and "getArguments" in message for rule, _f, _l, message in diagnostics
    )
    rotate = commands["ops:rotate-keys"]
    assert rotate.description == "An operator command"
    assert rotate.options == (CommandParam(name="dry-run", accepts_value=False, default=False),)


def test_invalid_signatures_keep_the_command() -> None:
    commands, diagnostics = extracted()
    invalid = [(f, line, m) for rule, f, line, m in diagnostics if rule == "invalid-command-signature"]
    assert invalid == [
        (
            "app/Console/Commands/Ops/Computed.php",
            7,
            "App\\Console\\Commands\\Ops\\Computed::$signature is computed (\"self::PREFIX . ':computed'\")",
        ),
        (
            "app/Console/Commands/Ops/Unbalanced.php",
            7,
            "App\\Console\\Commands\\Ops\\Unbalanced: unbalanced braces: Artisan ignores the text '{user'",
        ),
        (
            "routes/console.php",
            15,
            "command broken:sig: unbalanced braces: Artisan ignores the text '{--force'",
        ),
        (
            "routes/console.php",
            20,
            "closure command signature '\"report:{$period}\"' inside a loop is computed; name unknown",
        ),
    ]
    assert commands["broken:sig"].arguments == (CommandParam(name="user", required=True),)
    assert commands["App\\Console\\Commands\\Ops\\Computed"].status == "unresolved"
    assert commands["ops:unbalanced"].arguments == ()


def test_discovery_rules() -> None:
    commands, diagnostics = extracted()
    assert "symfony:only" not in commands and "wrong:namespace" not in commands
    unmounted = [(f, m) for rule, f, _l, m in diagnostics if rule == "unmounted-surface"]
    assert unmounted == [
        (
            "app/Console/Commands/SymfonyOnly.php",
            "App\\Console\\Commands\\SymfonyOnly extends Symfony\\Component\\Console\\Command\\Command, "
            "not Illuminate\\Console\\Command; not discovered",
        )
    ]
    unresolved = {f: m for rule, f, _l, m in diagnostics if rule == "unresolved-construct"}
    assert (
        "does not declare App\\Console\\Commands\\WrongNamespace"
        in unresolved["app/Console/Commands/WrongNamespace.php"]
    )
    assert (
        "Spatie\\Backup\\Commands\\BaseCommand is outside the app"
        in unresolved["app/Console/Commands/VendorBased.php"]
    )
    assert commands["backup:custom"].status == "partial"
    assert unresolved["bootstrap/app.php"] == "command path '$extraCommands' is computed; not followed"


def test_explicitly_registered_classes() -> None:
    commands, diagnostics = extracted()
    registered = commands["support:registered"]
    assert (registered.file, registered.description) == (
        "app/Support/RegisteredCommand.php",
        "Registered explicitly through withCommands()",
    )
    vendor = commands["Laravel\\Sanctum\\Console\\Commands\\PruneExpired"]
    assert (vendor.status, vendor.file, vendor.line) == ("unresolved", "bootstrap/app.php", 13)
    assert [d for d in diagnostics if d[1] == "bootstrap/app.php" and d[2] == 13] == [
        (
            "unresolved-construct",
            "bootstrap/app.php",
            13,
            "command class Laravel\\Sanctum\\Console\\Commands\\PruneExpired "
            "is outside the app's PSR-4 roots; not listed by name",
        )
    ]


def test_laravel_10_kernel_commands_load_require_and_explicit_list() -> None:
    sources, index = index_for(FIXTURES / "kernel-l10")
    commands, diagnostics = extract_commands(sources, index)
    assert diagnostics == ()
    assert sorted((c.name, c.file, c.line, c.description) for c in commands) == [
        ("app:cleanup", "app/Console/Commands/Cleanup.php", 7, "Remove stale uploads"),
        ("inspire", "routes/console.php", 5, "Display an inspiring quote"),
        ("kernel:hello", "app/Console/Kernel.php", 24, "Say hello from the kernel"),
        ("users:import", "app/Legacy/ImportUsers.php", 7, None),
    ]
