"""Commands that extend a concrete framework command to override it (found on a real panel app:
`SeedCommand`, `KeyGenerateCommand` and `UpCommand` subclasses with only a new `handle()`)."""

from __future__ import annotations

from .helpers import diagnostics, manifest

OVERRIDES = "App\\Console\\Commands\\Overrides\\"


def test_an_override_keeps_the_framework_name_and_says_its_parameters_are_unknown() -> None:
    found = manifest("command-overrides")
    commands = {(c.name, c.status, c.file) for c in found.of_kind("command")}  # type: ignore[attr-defined]
    assert commands == {
        ("db:seed", "partial", "app/Console/Commands/Overrides/GuardedSeed.php"),
        ("key:generate", "partial", "app/Console/Commands/Overrides/CarefulKey.php"),
        (OVERRIDES + "ProbeQueue", "unresolved", "app/Console/Commands/Overrides/ProbeQueue.php"),
        ("App\\Console\\Commands\\Nameless", "unresolved", "app/Console/Commands/Nameless.php"),
        ("fleet:status", "resolved", "app/Console/Commands/FleetStatus.php"),
    }
    assert diagnostics(found, "unresolved-construct") == [
        (
            "app/Console/Commands/Overrides/CarefulKey.php",
            7,
            f"{OVERRIDES}CarefulKey keeps the name 'key:generate' and the parameters of "
            "Illuminate\\Foundation\\Console\\KeyGenerateCommand, which is outside the app; "
            "its arguments and options are not listed",
        ),
        (
            "app/Console/Commands/Overrides/GuardedSeed.php",
            7,
            f"{OVERRIDES}GuardedSeed keeps the name 'db:seed' and the parameters of "
            "Illuminate\\Database\\Console\\Seeds\\SeedCommand, which is outside the app; "
            "its arguments and options are not listed",
        ),
        (
            "app/Console/Commands/Overrides/ProbeQueue.php",
            7,
            f"cannot tell whether {OVERRIDES}ProbeQueue is an Artisan command: "
            "its parent Vendorly\\Queue\\ProbeCommand is outside the app",
        ),
    ]


def test_only_a_command_with_no_name_anywhere_has_an_invalid_signature() -> None:
    found = manifest("command-overrides")
    assert diagnostics(found, "invalid-command-signature") == [
        (
            "app/Console/Commands/Nameless.php",
            7,
            "App\\Console\\Commands\\Nameless has no literal $signature, $name or #[AsCommand] name",
        )
    ]


def test_a_signature_naming_its_own_class_constant_is_read() -> None:
    """A form builder's scheduler command builds an option default from `self::MODE_CHECK`."""
    found = manifest("command-overrides")
    status = next(c for c in found.of_kind("command") if c.name == "fleet:status")  # type: ignore[attr-defined]
    assert [(o.name, o.default, o.description) for o in status.options] == [
        ("mode", "quick", "How thorough the check is")
    ]
    assert status.description == "Report the state of every aircraft."
