"""Artisan commands: closure commands in the commands route file and class commands (spec §7).

Where commands come from is read from `bootstrap/app.php` (`withRouting(commands:)`,
`withCommands([...])`) or, for Laravel 10, `App\\Console\\Kernel` (`$commands`, `load()`,
`require`). Class metadata follows `Illuminate\\Console\\Command::__construct` exactly: a
`$signature` wins, then `$name`, then `#[AsCommand]`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from manifest_lint.catalog import data_text
from manifest_lint.discover import walk_files
from manifest_lint.extract.laravel.classes import file_scope
from manifest_lint.extract.laravel.literals import (
    argument,
    call_arguments,
    call_name,
    literal_value,
    path_value,
    string_value,
)
from manifest_lint.extract.laravel.signature import parse_signature
from manifest_lint.extract.laravel.values import literal_scalar
from manifest_lint.model import Command, CommandParam, Diagnostic, ResolveStatus
from manifest_lint.parsing import ParsedFile, node_line, node_text

if TYPE_CHECKING:
    import tree_sitter

    from manifest_lint.extract.laravel.classes import ClassIndex, ClassInfo
    from manifest_lint.extract.laravel.names import Names
    from manifest_lint.extract.laravel.values import Value
    from manifest_lint.parsing import SourceSet

_ARTISAN = ("artisan", "illuminate\\support\\facades\\artisan")
_AS_COMMAND = "symfony\\component\\console\\attribute\\ascommand"
_LOOPS = {"foreach_statement", "for_statement", "while_statement", "do_statement"}


@cache
def _command_parents() -> tuple[frozenset[str], frozenset[str]]:
    raw = tomllib.loads(data_text("laravel/command-parents.toml"))
    return (
        frozenset(name.lower() for name in [*raw.get("laravel", []), *raw.get("named", {})]),
        frozenset(name.lower() for name in raw.get("plain", [])),
    )


@cache
def _named_parents() -> dict[str, str]:
    """Framework commands apps extend to override (`SeedCommand` is `db:seed`): the name they pass on."""
    raw = tomllib.loads(data_text("laravel/command-parents.toml"))
    return {str(cls).lower(): str(name) for cls, name in raw.get("named", {}).items()}


@dataclass
class CommandSources:
    """Where an app registers commands: closure files, discovery directories, explicit classes."""

    files: list[tuple[str, str, int]] = field(default_factory=list)
    directories: list[str] = field(default_factory=list)
    classes: list[tuple[str, str, int]] = field(default_factory=list)
    kernel: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def command_sources(sources: SourceSet) -> CommandSources:
    """Read bootstrap/app.php (Laravel 11+) and app/Console/Kernel.php (Laravel 10) for registrations."""
    found = CommandSources()
    kernel = "app/Console/Kernel.php"
    if sources.exists(kernel):
        found.kernel = kernel
        _read_kernel(sources, kernel, found)
    else:
        found.directories.append("app/Console/Commands")
    bootstrap = "bootstrap/app.php"
    if sources.exists(bootstrap):
        parsed = sources.parse(bootstrap, "php")
        if isinstance(parsed, ParsedFile):
            _read_bootstrap(parsed, found)
    if (
        not found.files
        and not sources.exists(bootstrap)
        and found.kernel is None
        and sources.exists("routes/console.php")
    ):
        found.files.append(("routes/console.php", "routes/console.php", 1))
    return found


def _read_bootstrap(parsed: ParsedFile, found: CommandSources) -> None:
    scope = file_scope(parsed)
    for call in _calls(parsed.root, "member_call_expression"):
        name = call_name(call)
        if name == "withRouting":
            target = argument(call, 99, "commands")
            if target is not None:
                _add_path(target, parsed.rel, found, as_file=True)
        elif name == "withCommands":
            value = argument(call, 0, "commands")
            if value is not None:
                _read_command_list(value, parsed.rel, scope, found)


def _read_kernel(sources: SourceSet, rel: str, found: CommandSources) -> None:
    parsed = sources.parse(rel, "php")
    if not isinstance(parsed, ParsedFile):
        found.diagnostics.extend(parsed)
        return
    scope = file_scope(parsed)
    for node in _calls(parsed.root, "property_element"):
        name = node.child_by_field_name("name")
        value = node.child_by_field_name("default_value")
        if name is not None and node_text(name) == "$commands" and value is not None:
            _read_command_list(value, rel, scope, found)
    for call in _calls(parsed.root, "member_call_expression"):
        target = call.child_by_field_name("object")
        if call_name(call) == "load" and target is not None and node_text(target) == "$this":
            positional, _ = call_arguments(call)
            for value in positional:
                _add_path(value, rel, found, as_file=False)
    for node in _calls(
        parsed.root,
        "include_expression",
        "require_expression",
        "include_once_expression",
        "require_once_expression",
    ):
        if node.named_child_count:
            _add_path(node.named_children[0], rel, found, as_file=True)
    found.files.append((rel, rel, 1))


def _read_command_list(value: tree_sitter.Node, rel: str, scope: Names, found: CommandSources) -> None:
    if value.type != "array_creation_expression":
        found.diagnostics.append(
            Diagnostic(
                "unresolved-construct",
                f"command list {node_text(value)[:60]!r} is computed; its commands are not listed",
                rel,
                node_line(value),
            )
        )
        return
    for element in value.named_children:
        item = element.named_children[-1] if element.named_child_count else None
        if item is None:
            continue
        if item.type == "class_constant_access_expression" and node_text(item).lower().endswith("::class"):
            found.classes.append((scope.resolve(node_text(item)[: -len("::class")]), rel, node_line(item)))
        else:
            _add_path(item, rel, found, as_file=None)


def _add_path(node: tree_sitter.Node, rel: str, found: CommandSources, *, as_file: bool | None) -> None:
    path = path_value(node, rel)
    line = node_line(node)
    if path is None:
        found.diagnostics.append(
            Diagnostic(
                "unresolved-construct",
                f"command path {node_text(node)[:60]!r} is computed; not followed",
                rel,
                line,
            )
        )
        return
    if as_file is True or (as_file is None and path.endswith(".php")):
        found.files.append((path, rel, line))
    else:
        found.directories.append(path)


def _calls(root: tree_sitter.Node, *types: str) -> list[tree_sitter.Node]:
    found: list[tree_sitter.Node] = []
    stack = [root]
    while stack:
        current = stack.pop()
        if current.type in types:
            found.append(current)
        stack.extend(reversed(current.named_children))
    return found


def closure_commands(
    sources: SourceSet, rel: str, referrer: str, line: int
) -> tuple[list[Command], list[Diagnostic]]:
    """`Artisan::command('sig', fn)->purpose('…')` calls in one file (and `$this->command` in a Kernel)."""
    parsed = sources.parse(rel, "php", line=line, referrer=referrer)
    if isinstance(parsed, tuple):
        return [], list(parsed)
    diagnostics = list(sources.diagnostics_for(rel))
    scope = file_scope(parsed)
    commands: list[Command] = []
    for call in _calls(parsed.root, "scoped_call_expression", "member_call_expression"):
        if call_name(call) != "command":
            continue
        if call.type == "scoped_call_expression":
            target = call.child_by_field_name("scope")
            if target is None or scope.resolve(node_text(target)).lower() not in _ARTISAN:
                continue
        else:
            target = call.child_by_field_name("object")
            if target is None or node_text(target) != "$this" or rel != "app/Console/Kernel.php":
                continue
        command, problems = _closure_command(call, rel)
        commands.append(command)
        diagnostics.extend(problems)
    return commands, diagnostics


def _closure_command(call: tree_sitter.Node, rel: str) -> tuple[Command, list[Diagnostic]]:
    line = node_line(call)
    problems: list[Diagnostic] = []
    raw = argument(call, 0, "signature")
    signature = string_value(raw)
    description: str | None = None
    parent = call.parent
    while (
        parent is not None
        and parent.type == "member_call_expression"
        and parent.child_by_field_name("object") is not None
    ):
        if call_name(parent) in ("purpose", "describe"):
            value = argument(parent, 0, "description")
            description = string_value(value)
            if description is None and value is not None:
                problems.append(
                    Diagnostic(
                        "unresolved-construct",
                        f"command description {node_text(value)[:60]!r} is computed",
                        rel,
                        node_line(parent),
                    )
                )
        parent = parent.parent
    if signature is None:
        loop = _inside_loop(call)
        why = " inside a loop" if loop else ""
        text = node_text(raw)[:60] if raw is not None else "(missing)"
        problems.append(
            Diagnostic(
                "invalid-command-signature",
                f"closure command signature {text!r}{why} is computed; name unknown",
                rel,
                line,
            )
        )
        return Command(
            stack="laravel",
            file=rel,
            line=line,
            name=f"<computed at {rel}:{line}>",
            description=description,
            status="unresolved",
        ), problems
    parsed = parse_signature(signature)
    for problem in parsed.problems:
        problems.append(
            Diagnostic("invalid-command-signature", f"command {parsed.name or '?'}: {problem}", rel, line)
        )
    return (
        Command(
            stack="laravel",
            file=rel,
            line=line,
            name=parsed.name or f"<empty at {rel}:{line}>",
            description=description or None,
            arguments=parsed.arguments,
            options=parsed.options,
            status="resolved" if parsed.name else "unresolved",
        ),
        problems,
    )


def _inside_loop(node: tree_sitter.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.type in _LOOPS:
            return True
        parent = parent.parent
    return False


def class_command(
    index: ClassIndex, fqcn: str, *, registered: bool, referrer: tuple[str, int] | None = None
) -> tuple[Command | None, list[Diagnostic]]:
    """The command a class defines; `registered` is True when listed explicitly (not discovered)."""
    found = index.lookup(fqcn)
    problems: list[Diagnostic] = []
    if found.info is None:
        if referrer is not None:
            problems.append(
                Diagnostic(
                    "unresolved-construct", f"command class {found.reason}; not listed by name", *referrer
                )
            )
            return Command(
                stack="laravel", file=referrer[0], line=referrer[1], name=fqcn, status="unresolved"
            ), problems
        return None, problems
    info = found.info
    if info.kind != "class" or info.abstract:
        return None, problems
    laravel, plain = _command_parents()
    chain, external, problem = index.ancestors(fqcn)
    status: ResolveStatus = "resolved"
    if external is None or external.lower() not in laravel:
        if external is not None and external.lower() in plain:
            problems.append(
                Diagnostic(
                    "unmounted-surface",
                    f"{fqcn} extends {external}, not Illuminate\\Console\\Command; not discovered",
                    info.file,
                    info.line,
                )
            )
            if not registered:
                return None, problems
        elif not registered and external is None and problem is None:
            return None, problems  # a plain helper class in the commands directory
        else:
            why = problem or (
                f"its parent {external} is outside the app" if external else "it extends no command class"
            )
            problems.append(
                Diagnostic(
                    "unresolved-construct",
                    f"cannot tell whether {fqcn} is an Artisan command: {why}",
                    info.file,
                    info.line,
                )
            )
            status = "partial"
    return _class_metadata(info, chain, status, problems, external)


def _class_metadata(
    info: ClassInfo,
    chain: list[ClassInfo],
    status: ResolveStatus,
    problems: list[Diagnostic],
    external: str | None = None,
) -> tuple[Command, list[Diagnostic]]:
    """Name, parameters and flags from the app classes of the chain; `external` is the first parent
    outside the app, which may pass on its own name when the app class declares none."""

    def prop(name: str) -> tuple[bool, object, int]:
        for owner in chain:
            found = owner.properties.get(name)
            if found is not None and found.value is not None:
                known, value = literal_value(found.value)
                if not known:
                    known, value = literal_scalar(found.value, _class_constants(owner))
                if not known:
                    problems.append(
                        Diagnostic(
                            "invalid-command-signature"
                            if name in ("signature", "name")
                            else "unresolved-construct",
                            f"{info.fqcn}::${name} is computed ({node_text(found.value)[:60]!r})",
                            owner.file,
                            found.line,
                        )
                    )
                    return True, None, found.line
                return True, value, found.line
        return False, None, info.line

    has_signature, signature, signature_line = prop("signature")
    has_name, name_value, _ = prop("name")
    has_description, description_value, _ = prop("description")
    _, hidden_value, _ = prop("hidden")
    has_aliases, aliases_value, _ = prop("aliases")
    attribute = _as_command(info)
    name: str | None = None
    arguments: tuple[CommandParam, ...] = ()
    options: tuple[CommandParam, ...] = ()
    hidden = hidden_value is True
    aliases: tuple[str, ...] = ()
    if has_signature and signature is not None:
        if isinstance(signature, str):
            parsed = parse_signature(signature)
            name, arguments, options = parsed.name, parsed.arguments, parsed.options
            for problem in parsed.problems:
                problems.append(
                    Diagnostic(
                        "invalid-command-signature", f"{info.fqcn}: {problem}", info.file, signature_line
                    )
                )
        else:
            problems.append(
                Diagnostic(
                    "invalid-command-signature",
                    f"{info.fqcn}::$signature is not a string",
                    info.file,
                    signature_line,
                )
            )
    elif has_signature:
        pass  # computed: reported by prop()
    elif has_name and isinstance(name_value, str):
        name = name_value
        if "getarguments" in info.methods or "getoptions" in info.methods:
            status = "partial"
            problems.append(
                Diagnostic(
                    "unresolved-construct",
                    f"{info.fqcn} defines its parameters in getArguments()/getOptions(); they are not listed",
                    info.file,
                    info.line,
                )
            )
    elif attribute is not None:
        packed = attribute.get("name")
        if isinstance(packed, str):
            pieces = packed.split("|")
            extra = attribute.get("aliases")
            if isinstance(extra, tuple):
                pieces += [a for a in extra if isinstance(a, str)]
            if attribute.get("hidden") is True and pieces[0] != "":
                pieces.insert(0, "")
            if pieces[0] == "":
                hidden = True
                pieces.pop(0)
            name = pieces[0] if pieces else None
            aliases = tuple(pieces[1:])
    description: str | None = None
    if has_description:
        description = description_value if isinstance(description_value, str) else None
    elif attribute is not None and isinstance(attribute.get("description"), str):
        description = str(attribute["description"])
    if has_aliases and isinstance(aliases_value, tuple):
        aliases = tuple(a for a in aliases_value if isinstance(a, str))
    inherited = _named_parents().get(external.lower()) if external is not None else None
    if name is None and inherited is not None:
        name = inherited
        status = "partial"
        problems.append(
            Diagnostic(
                "unresolved-construct",
                f"{info.fqcn} keeps the name {inherited!r} and the parameters of {external}, "
                "which is outside the app; its arguments and options are not listed",
                info.file,
                info.line,
            )
        )
    laravel, _plain = _command_parents()
    if name is None:
        inherits_unknown = external is not None and external.lower() not in laravel
        if not inherits_unknown and not any(d.rule == "invalid-command-signature" for d in problems):
            problems.append(
                Diagnostic(
                    "invalid-command-signature",
                    f"{info.fqcn} has no literal $signature, $name or #[AsCommand] name",
                    info.file,
                    info.line,
                )
            )
        return Command(
            stack="laravel",
            file=info.file,
            line=info.line,
            name=info.fqcn,
            description=description or None,
            hidden=hidden,
            status="unresolved",
        ), problems
    return (
        Command(
            stack="laravel",
            file=info.file,
            line=info.line,
            name=name,
            description=description or None,
            hidden=hidden,
            aliases=aliases,
            arguments=arguments,
            options=options,
            status=status,
        ),
        problems,
    )


def _class_constants(info: ClassInfo) -> dict[str, Value]:
    """`self::X` / `static::X` for the class's literal constants (signatures name them, e.g.
    `'app:status {--mode=' . self::MODE_CHECK . '}'`)."""
    constants: dict[str, Value] = {}
    for name, node in info.constants.items():
        known, value = literal_scalar(node)
        if known:
            constants[f"self::{name}"] = value
            constants[f"static::{name}"] = value
    return constants


def _as_command(info: ClassInfo) -> dict[str, object] | None:
    """The literal arguments of the class's own `#[AsCommand]` (attributes are not inherited)."""
    for attribute in info.attributes:
        if attribute.name.lower() != _AS_COMMAND and attribute.name.lower() != "ascommand":
            continue
        values: dict[str, object] = {}
        for position, key in enumerate(("name", "description", "aliases", "hidden")):
            node = argument(attribute.node, position, key)
            if node is not None:
                known, value = literal_value(node)
                if known:
                    values[key] = value
        return values
    return None


def extract_commands(
    sources: SourceSet, index: ClassIndex
) -> tuple[tuple[Command, ...], tuple[Diagnostic, ...]]:
    """Every Artisan command the app defines (closure and class commands), with diagnostics."""
    registrations = command_sources(sources)
    commands: list[Command] = []
    diagnostics: list[Diagnostic] = list(registrations.diagnostics)
    for rel, referrer, line in dict.fromkeys(registrations.files):
        found, problems = closure_commands(sources, rel, referrer, line)
        commands.extend(found)
        diagnostics.extend(problems)
    seen: set[str] = set()
    for directory in dict.fromkeys(registrations.directories):
        for rel, _path in walk_files(sources.root, directory, (".php",)):
            fqcn = index.composer.class_for_file(rel)
            if fqcn is None or fqcn.lower() in seen:
                continue
            seen.add(fqcn.lower())
            command, problems = class_command(index, fqcn, registered=False)
            if command is None and index.lookup(fqcn).info is None and index.classes_in(rel):
                problems.append(
                    Diagnostic(
                        "unresolved-construct",
                        f"{rel} does not declare {fqcn} (discovery names classes by path); not registered",
                        rel,
                        1,
                    )
                )
            diagnostics.extend(problems)
            if command is not None:
                commands.append(command)
    for fqcn, rel, line in registrations.classes:
        if fqcn.lower() in seen:
            continue
        seen.add(fqcn.lower())
        command, problems = class_command(index, fqcn, registered=True, referrer=(rel, line))
        diagnostics.extend(problems)
        if command is not None:
            commands.append(command)
    return tuple(commands), tuple(diagnostics)
