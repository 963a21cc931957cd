"""clap subcommands from derive types and builder chains (tests/fixtures/rust/clap-ops)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from manifest_lint.extract.rust.cargo import read_workspace
from manifest_lint.extract.rust.casing import convert_case, heck_words
from manifest_lint.extract.rust.clap import extract_commands
from manifest_lint.extract.rust.crate import load_package
from manifest_lint.model import Command, CommandParam, Diagnostic
from manifest_lint.parsing import SourceSet

FIXTURE = Path(__file__).parents[2] / "fixtures" / "rust" / "clap-ops"


def _extract(root: Path) -> tuple[dict[tuple[str, str], Command], tuple[Diagnostic, ...]]:
    sources = SourceSet(root)
    workspace = read_workspace(root, sources)
    (package,) = workspace.packages
    commands, diagnostics = extract_commands(package, load_package(sources, package, workspace))
    by_key = {(c.binary or "", c.name): c for c in commands}
    assert len(by_key) == len(commands), "a command was listed twice"
    return by_key, diagnostics


@pytest.fixture(scope="module")
def extracted() -> tuple[dict[tuple[str, str], Command], tuple[Diagnostic, ...]]:
    return _extract(FIXTURE)


@pytest.mark.parametrize(
    ("ident", "kebab"),
    [
        ("RotateKeys", "rotate-keys"),
        ("DBMigrate", "db-migrate"),
        ("XMLHttpRequest", "xml-http-request"),
        ("V2Sync", "v2-sync"),
        ("Sync2Db", "sync2-db"),
        ("L402Invoices", "l402-invoices"),
        ("IPv6Check", "i-pv6-check"),
        ("ABC", "abc"),
        ("A", "a"),
        ("HTTPServer2", "http-server2"),
        ("already_snake", "already-snake"),
        ("Foo__Bar", "foo-bar"),
        ("r#Type", "type"),
    ],
)
def test_heck_kebab_case_table(ident: str, kebab: str) -> None:
    assert convert_case(ident, "kebab-case") == kebab


@pytest.mark.parametrize(
    ("casing", "expected"),
    [
        ("snake_case", "xml_http_request"),
        ("SCREAMING_SNAKE_CASE", "XML_HTTP_REQUEST"),
        ("camelCase", "xmlHttpRequest"),
        ("PascalCase", "XmlHttpRequest"),
        ("lower", "xmlhttprequest"),
        ("UPPER", "XMLHTTPREQUEST"),
        ("verbatim", "XMLHttpRequest"),
        ("Title Case", None),
    ],
)
def test_rename_all_casings(casing: str, expected: str | None) -> None:
    assert convert_case("XMLHttpRequest", casing) == expected


def test_derive_names_explicit_kebab_nested_flatten_and_hidden(
    extracted: tuple[dict[tuple[str, str], Command], tuple[Diagnostic, ...]],
) -> None:
    commands, _ = extracted
    assert sorted(name for binary, name in commands if binary == "ops") == [
        "*",
        "db computed",
        "db migrate",
        "db seed",
        "dev-only",
        "i-pv6-backfill",
        "ops:create-api-token",
        "rotate-keys",
        "xml_export",
    ]
    hidden = commands[("ops", "i-pv6-backfill")]
    assert (hidden.hidden, hidden.aliases) == (True, ("bf", "fill", "back"))
    assert commands[("ops", "dev-only")].condition == 'cfg(feature = "dev")'
    assert commands[("ops", "*")].status == "partial"
    assert commands[("ops", "db computed")].status == "unresolved"


def test_newtype_variant_takes_args_struct_doc_and_fields(
    extracted: tuple[dict[tuple[str, str], Command], tuple[Diagnostic, ...]],
) -> None:
    commands, _ = extracted
    assert commands[("ops", "ops:create-api-token")] == Command(
        stack="rust",
        file="src/cli/mod.rs",
        line=18,
        name="ops:create-api-token",
        description="Issue a token for an operator",
        arguments=(CommandParam(name="email", required=True, description="Account email"),),
        options=(
            CommandParam(name="days", default="30"),
            CommandParam(name="scope"),
            CommandParam(name="tags", array=True),
        ),
        binary="ops",
    )


def test_struct_variant_doc_summary_flags_and_short(
    extracted: tuple[dict[tuple[str, str], Command], tuple[Diagnostic, ...]],
) -> None:
    commands, _ = extracted
    rotate = commands[("ops", "rotate-keys")]
    assert rotate.description == "Rotate the signing keys"
    assert rotate.options == (
        CommandParam(name="dry-run", accepts_value=False, default=False),
        CommandParam(name="key-id", default="primary", shortcut="k"),
    )
    assert commands[("ops", "db migrate")].description == "Run pending migrations..."
    assert commands[("ops", "db seed")].options == (
        CommandParam(name="force", accepts_value=False, default=False),
    )


def test_builder_chains_helpers_constants_and_arrays(
    extracted: tuple[dict[tuple[str, str], Command], tuple[Diagnostic, ...]],
) -> None:
    commands, _ = extracted
    assert sorted(name for binary, name in commands if binary == "admin") == [
        "a",
        "db migrate",
        "search:reindex",
        "x1",
    ]
    migrate = commands[("admin", "db migrate")]
    assert (migrate.description, migrate.aliases, migrate.line) == ("Run migrations", ("m",), 9)
    reindex = commands[("admin", "search:reindex")]
    assert reindex.arguments == (CommandParam(name="index", required=True),)
    assert reindex.options == (CommandParam(name="full", accepts_value=False, default=False, shortcut="f"),)
    assert commands[("admin", "a")].hidden is True


def test_unresolved_name_is_reported_and_test_modules_ignored(
    extracted: tuple[dict[tuple[str, str], Command], tuple[Diagnostic, ...]],
) -> None:
    commands, diagnostics = extracted
    assert ("ops", "not-a-command") not in commands
    assert {(d.rule, d.file, d.line) for d in diagnostics} == {("unresolved-construct", "src/cli/db.rs", 8)}


# ---- hypothesis: generated derive enums round-trip to the names heck gives

_WORDS = st.sampled_from(
    ["Rotate", "Keys", "DB", "Migrate", "Xml", "HTTP", "V2", "Sync", "Io", "Api", "Token"]
)
_IDENTS = st.lists(_WORDS, min_size=1, max_size=3).map("".join)


@st.composite
def _cli(draw: st.DrawFn) -> tuple[str, set[str]]:
    idents = draw(st.lists(_IDENTS, min_size=1, max_size=5, unique=True))
    casing = draw(st.sampled_from(["kebab-case", "snake_case", "lower", "UPPER", "camelCase", "verbatim"]))
    nested = draw(st.lists(_IDENTS, min_size=1, max_size=3, unique=True))
    renamed = draw(st.booleans())
    expected: set[str] = set()
    variants: list[str] = []
    for index, ident in enumerate(idents):
        if renamed and index == 0:
            variants.append(f'    #[command(name = "ns:{ident.lower()}")]\n    {ident},')
            expected.add(f"ns:{ident.lower()}")
        else:
            variants.append(f"    {ident},")
            expected.add(str(convert_case(ident, casing)))
    variants.append("    #[command(subcommand)]\n    Group(Inner),")
    group = convert_case("Group", casing)
    expected.update(f"{group} {convert_case(ident, 'kebab-case')}" for ident in nested)
    source = (
        "use clap::{Parser, Subcommand};\n"
        "#[derive(Parser)]\nstruct Cli {\n    #[command(subcommand)]\n    cmd: Cmd,\n}\n"
        f'#[derive(Subcommand)]\n#[command(rename_all = "{casing}")]\nenum Cmd {{\n'
        + "\n".join(variants)
        + "\n}\n#[derive(Subcommand)]\nenum Inner {\n"
        + "\n".join(f"    {ident}," for ident in nested)
        + "\n}\nfn main() { let _ = Cli::parse(); }\n"
    )
    return source, expected


@settings(max_examples=40, deadline=None)
@given(_cli())
def test_generated_derive_enums_round_trip(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[str, set[str]]
) -> None:
    source, expected = case
    root = tmp_path_factory.mktemp("clap")
    (root / "src").mkdir()
    (root / "src" / "main.rs").write_text(source)
    (root / "Cargo.toml").write_text('[package]\nname = "gen"\nversion = "0.1.0"\n')
    commands, diagnostics = _extract(root)
    assert {name for _, name in commands} == expected
    assert {binary for binary, _ in commands} == {"gen"}
    assert diagnostics == ()


def test_heck_words_splits_on_non_alphanumerics() -> None:
    assert heck_words("foo-bar baz9Qux") == ["foo", "bar", "baz9", "Qux"]


def test_parser_derived_types_used_as_subcommands_are_not_also_top_level() -> None:
    """`#[derive(Parser)]` on a nested enum/struct (common in real CLIs) must not duplicate its children at the top."""
    by_key, diagnostics = _extract(Path(__file__).parents[2] / "fixtures" / "rust" / "clap-nested-parser")
    assert sorted((name, c.description, c.file, c.line) for (_, name), c in by_key.items()) == [
        ("ingest csv", "From a CSV file", "src/ingest.rs", 6),
        ("ingest json-lines", "From JSON lines", "src/ingest.rs", 8),
        ("plugin", "Manage plugins", "src/main.rs", 19),
        ("plugin add", "Add a plugin", "src/plugin.rs", 12),
    ]
    assert diagnostics == ()
