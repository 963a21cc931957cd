"""clap subcommands of a package's binaries, from derive types and builder chains, never compiled.

The derive rules are clap_derive's (kebab-case through heck 0.5 unless `rename_all`, explicit
`name` verbatim, doc comments as `about`, `flatten`/`skip`/`external_subcommand`, nesting); the
builder side follows `Command::new(..)` chains from the `get_matches` call of each binary, through
helper fns. A command whose name cannot be computed is still listed, marked unresolved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from manifest_lint.extract.rust.attrs import (
    Arg,
    char_value,
    doc_summary,
    list_strings,
    preceding,
    split_args,
    string_value,
)
from manifest_lint.extract.rust.casing import convert_case
from manifest_lint.extract.rust.crate import Item, cfg_condition, path_segments
from manifest_lint.extract.rust.values import Evaluator
from manifest_lint.model import Command, CommandParam, Diagnostic, ResolveStatus
from manifest_lint.parsing import node_line, node_text

if TYPE_CHECKING:
    from tree_sitter import Node

    from manifest_lint.extract.rust.cargo import Binary, Package
    from manifest_lint.extract.rust.crate import Crate, CrateSet, Module

_CONTAINER_ATTRS = ("command", "clap", "structopt")
_FIELD_ATTRS = ("arg", "clap", "structopt", "command")
_PARSER_DERIVES = ("Parser", "StructOpt")
_CLAP_DERIVES = {"Parser", "StructOpt", "Subcommand", "Args"}
_PARSE_CALLS = ("parse", "try_parse", "parse_from", "try_parse_from", "from_args", "from_iter")
_MATCHES_CALLS = (
    "get_matches",
    "get_matches_from",
    "try_get_matches",
    "try_get_matches_from",
    "get_matches_mut",
)
_COMMAND_CTORS = (("Command", "new"), ("App", "new"), ("SubCommand", "with_name"))
_MAX_DEPTH = 32


@dataclass
class _Cmd:
    name: str
    file: str
    line: int
    description: str | None = None
    hidden: bool = False
    aliases: tuple[str, ...] = ()
    arguments: list[CommandParam] = field(default_factory=list)
    options: list[CommandParam] = field(default_factory=list)
    children: list[_Cmd] = field(default_factory=list)
    runnable: bool = True
    status: ResolveStatus = "resolved"
    condition: str | None = None
    notes: tuple[str, ...] = ()


def extract_commands(
    package: Package, crates: CrateSet
) -> tuple[tuple[Command, ...], tuple[Diagnostic, ...]]:
    """Every subcommand path of every binary of `package` (derive and builder).

    `crates` is the package's `load_package` set; its load diagnostics are the caller's to report.
    """
    commands: list[Command] = []
    diagnostics: list[Diagnostic] = []
    for binary in package.bins:
        reader = _Reader(package, binary, crates)
        tops = reader.binary_commands()
        diagnostics.extend(reader.diagnostics)
        diagnostics.extend(reader.evaluator.diagnostics)
        for top in tops:
            commands.extend(_flatten(top, binary.name))
    return tuple(commands), tuple(diagnostics)


def _flatten(top: _Cmd, binary: str) -> list[Command]:
    """Leaves, plus parents that run on their own (an optional subcommand field)."""
    found: list[Command] = []
    stack: list[tuple[list[_Cmd], tuple[str, ...]]] = [([top], ())]
    while stack:
        children, prefix = stack.pop()
        for child in children:
            path = (*prefix, child.name)
            if child.runnable or not child.children:
                found.append(
                    Command(
                        stack="rust",
                        file=child.file,
                        line=child.line,
                        condition=child.condition,
                        notes=child.notes,
                        name=" ".join(path),
                        description=child.description,
                        hidden=child.hidden,
                        aliases=child.aliases,
                        arguments=tuple(child.arguments),
                        options=tuple(child.options),
                        binary=binary,
                        status=child.status,
                    )
                )
            if child.children and len(path) < _MAX_DEPTH:
                stack.append((child.children, path))
    return found


def clap_args(node: Node, names: tuple[str, ...]) -> tuple[list[Arg], list[str]]:
    """The clap arguments of the attributes on `node` plus its doc-comment lines."""
    attributes, docs = preceding(node)
    found: list[Arg] = []
    for attribute in attributes:
        if attribute.name in names and attribute.path.split("::")[0] in (*names, "clap"):
            found.extend(split_args(attribute.args))
    return found, docs


def _derives(node: Node) -> set[str]:
    attributes, _ = preceding(node)
    found: set[str] = set()
    for attribute in attributes:
        if attribute.name == "derive" and attribute.args is not None:
            for arg in split_args(attribute.args):
                found.add((arg.key or arg.text.replace(" ", "")).rsplit("::", 1)[-1])
    return found


def _arg(args: list[Arg], key: str) -> Arg | None:
    return next((a for a in args if a.key == key), None)


def _ident(node: Node | None) -> str:
    text = node_text(node) if node is not None else ""
    return text[2:] if text.startswith("r#") else text


def _strip_wrapper(type_node: Node, wrappers: tuple[str, ...]) -> tuple[Node, bool]:
    """`Option<T>` → (T, True) when the outer type is one of `wrappers`."""
    if type_node.type == "generic_type":
        base = type_node.child_by_field_name("type")
        arguments = type_node.child_by_field_name("type_arguments")
        if base is not None and node_text(base).rsplit("::", 1)[-1] in wrappers and arguments is not None:
            inner = next((c for c in arguments.named_children), None)
            if inner is not None:
                return inner, True
    return type_node, False


class _Reader:
    def __init__(self, package: Package, binary: Binary, crates: CrateSet) -> None:
        self.package = package
        self.binary = binary
        self.crates = crates
        self.evaluator = Evaluator(crates)
        self.diagnostics: list[Diagnostic] = []
        self._expanding: set[int] = set()

    def note(self, message: str, file: str, line: int) -> None:
        self.diagnostics.append(Diagnostic("unresolved-construct", message, file, line))

    # ---- entry: which Parser types and builder chains belong to this binary

    def binary_commands(self) -> list[_Cmd]:
        own = bin_crate(self.crates, self.binary)
        if own is None:
            return []
        parsers: list[tuple[Item, Module]] = []
        for module in own.modules.values():
            for item in module.items.values():
                if item.kind in ("struct", "enum") and _derives(item.node) & set(_PARSER_DERIVES):
                    parsers.append((item, module))
        if not parsers:
            parsers = self._parsers_called(own.modules.values())
        parsers = self._outermost(parsers)
        tops: list[_Cmd] = []
        for item, module in parsers:
            tops.extend(self._parser(item, module))
        for module in own.modules.values():
            for call, fn_module in self._matches_receivers(module):
                built = self._builder(call, fn_module, 0)
                if built is not None:
                    tops.extend(built.children)
        return tops

    def _outermost(self, parsers: list[tuple[Item, Module]]) -> list[tuple[Item, Module]]:
        """Parser types that no other clap type holds: `#[derive(Parser)]` also sits on nested
        subcommand enums and args structs, which must not become top-level commands as well."""
        nested: set[tuple[str, str]] = set()
        for crate in self.crates.crates.values():
            for module in crate.modules.values():
                for item in module.items.values():
                    if item.kind not in ("struct", "enum") or not _derives(item.node) & _CLAP_DERIVES:
                        continue
                    body = item.node.child_by_field_name("body")
                    for node in (
                        _descendants(body, ("type_identifier", "scoped_type_identifier")) if body else []
                    ):
                        if node.parent is not None and node.parent.type == "scoped_type_identifier":
                            continue
                        target = self.crates.lookup_item(module, path_segments(node))
                        if target is not None and target is not item:
                            nested.add((target.crate, target.qualified))
        outer = [(item, module) for item, module in parsers if (item.crate, item.qualified) not in nested]
        return outer or parsers

    def _parsers_called(self, modules: object) -> list[tuple[Item, Module]]:
        """`Cli::parse()` in the bin with `Cli` defined in the lib."""
        found: dict[str, tuple[Item, Module]] = {}
        for module in modules:  # type: ignore[attr-defined]
            for node in _descendants(module.body, ("call_expression",)):
                function = node.child_by_field_name("function")
                if function is None or function.type != "scoped_identifier":
                    continue
                segments = path_segments(function)
                if len(segments) < 2 or segments[-1] not in _PARSE_CALLS:
                    continue
                item = self.crates.lookup_item(module, segments[:-1])
                if (
                    item is not None
                    and item.kind in ("struct", "enum")
                    and _derives(item.node) & set(_PARSER_DERIVES)
                ):
                    item_module = self.crates.module_of(item)
                    if item_module is not None:
                        found[item.qualified + item.crate] = (item, item_module)
        return list(found.values())

    # ---- derive API

    def _type_item(
        self, type_node: Node, module: Module, kinds: tuple[str, ...], why: str
    ) -> tuple[Item, Module] | None:
        inner, _ = _strip_wrapper(type_node, ("Option", "Box"))
        segments = path_segments(inner)
        item = self.crates.lookup_item(module, segments) if segments else None
        if item is None or item.kind not in kinds:
            self.note(
                f"clap: {why} type `{node_text(type_node)}` cannot be found in the crate",
                module.file,
                node_line(type_node),
            )
            return None
        item_module = self.crates.module_of(item)
        return (item, item_module) if item_module is not None else None

    def _parser(self, item: Item, module: Module) -> list[_Cmd]:
        if item.kind == "enum":
            return self._variants(item, module, 0)
        body = item.node.child_by_field_name("body")
        if body is None:
            return []
        holder = _Cmd(name="", file=module.file, line=item.line)
        self._fields(body, module, holder, 0)
        return holder.children

    def _variants(self, item: Item, module: Module, depth: int) -> list[_Cmd]:
        if depth > _MAX_DEPTH or id(item.node) in self._expanding:
            self.note(
                f"clap: subcommand nesting through `{item.name}` is too deep or cyclic",
                module.file,
                item.line,
            )
            return []
        self._expanding.add(id(item.node))
        try:
            return self._variants_of(item, module, depth)
        finally:
            self._expanding.discard(id(item.node))

    def _variants_of(self, item: Item, module: Module, depth: int) -> list[_Cmd]:
        container, _ = clap_args(item.node, _CONTAINER_ATTRS)
        casing_arg = _arg(container, "rename_all")
        casing = string_value(casing_arg.first) if casing_arg is not None else None
        body = item.node.child_by_field_name("body")
        found: list[_Cmd] = []
        for variant in body.named_children if body is not None else []:
            if variant.type != "enum_variant":
                continue
            args, docs = clap_args(variant, _CONTAINER_ATTRS)
            keys = {a.key for a in args}
            if "skip" in keys:
                continue
            ident = _ident(variant.child_by_field_name("name"))
            fields = variant.child_by_field_name("body")
            inner_type = None
            if fields is not None and fields.type == "ordered_field_declaration_list":
                inner_type = next(
                    (
                        c
                        for c in fields.named_children
                        if c.type not in ("attribute_item", "visibility_modifier")
                    ),
                    None,
                )
            line = node_line(variant)
            if "flatten" in keys and inner_type is not None:
                target = self._type_item(inner_type, module, ("enum",), "flattened")
                if target is not None:
                    found.extend(self._variants(target[0], target[1], depth + 1))
                continue
            command = _Cmd(name=ident, file=module.file, line=line, condition=cfg_condition(variant))
            if "external_subcommand" in keys:
                command.name = "*"
                command.status = "partial"
                command.notes = ("external-subcommand",)
                command.description = doc_summary(docs)
                found.append(command)
                continue
            self._name(command, args, ident, casing or "kebab-case", module)
            self._describe(command, args, docs)
            if "subcommand" in keys and inner_type is not None:
                target = self._type_item(inner_type, module, ("enum",), "subcommand")
                command.runnable = False
                if target is not None:
                    command.children = self._variants(target[0], target[1], depth + 1)
                else:
                    command.status = "partial"
            elif inner_type is not None:
                target = self._type_item(inner_type, module, ("struct", "enum"), "arguments")
                if target is None:
                    command.status = "partial"
                elif target[0].kind == "enum":
                    command.runnable = False
                    command.children = self._variants(target[0], target[1], depth + 1)
                else:
                    struct_args, struct_docs = clap_args(target[0].node, _CONTAINER_ATTRS)
                    if command.description is None:
                        self._describe(command, struct_args, struct_docs)
                    struct_body = target[0].node.child_by_field_name("body")
                    if struct_body is not None:
                        self._fields(struct_body, target[1], command, depth + 1)
            elif fields is not None and fields.type == "field_declaration_list":
                self._fields(fields, module, command, depth + 1)
            found.append(command)
        return found

    def _name(self, command: _Cmd, args: list[Arg], ident: str, casing: str, module: Module) -> None:
        explicit = _arg(args, "name")
        if explicit is None:
            converted = convert_case(ident, casing)
            if converted is None:
                self.note(
                    f"clap: unknown rename_all casing {casing!r}; kebab-case used", module.file, command.line
                )
                converted = convert_case(ident, "kebab-case") or ident
            command.name = converted
            return
        value = string_value(explicit.first) if len(explicit.value) == 1 else None
        if value is None and len(explicit.value) == 1 and explicit.first is not None:
            # A throwaway evaluator: the note below says what happened in clap's terms.
            computed = Evaluator(self.crates).string(explicit.first, module)
            value = computed.text if computed.complete else None
        if value is None:
            command.name = convert_case(ident, casing) or ident
            command.status = "unresolved"
            self.note(
                f"clap: subcommand name `{explicit.text}` is not a literal; listed under `{command.name}`",
                module.file,
                command.line,
            )
            return
        command.name = value

    def _describe(self, command: _Cmd, args: list[Arg], docs: list[str]) -> None:
        about = _arg(args, "about")
        if about is not None and about.value:
            command.description = string_value(about.first)
        elif not any(a.key == "verbatim_doc_comment" for a in args):
            command.description = doc_summary(docs)
        else:
            command.description = "\n".join(docs).strip() or None
        if command.description is None:
            long_about = _arg(args, "long_about")
            if long_about is not None and long_about.value:
                command.description = string_value(long_about.first)
        aliases: list[str] = []
        for key in ("alias", "aliases", "visible_alias", "visible_aliases"):
            for arg in args:
                if arg.key == key:
                    aliases.extend(v for v in list_strings(arg.value) if v is not None)
        command.aliases = tuple(aliases)
        hide = _arg(args, "hide")
        command.hidden = hide is not None and (not hide.value or hide.text == "true")

    def _fields(self, body: Node, module: Module, command: _Cmd, depth: int) -> None:
        if depth > _MAX_DEPTH:
            self.note("clap: argument structs nest too deeply; not followed", module.file, node_line(body))
            return
        for declaration in body.named_children:
            if declaration.type != "field_declaration":
                continue
            args, docs = clap_args(declaration, _FIELD_ATTRS)
            keys = {a.key for a in args}
            type_node = declaration.child_by_field_name("type")
            if "skip" in keys or type_node is None:
                continue
            if "subcommand" in keys:
                target = self._type_item(type_node, module, ("enum",), "subcommand")
                _, optional = _strip_wrapper(type_node, ("Option",))
                command.runnable = optional
                if target is not None:
                    command.children.extend(self._variants(target[0], target[1], depth + 1))
                else:
                    command.status = "partial"
                continue
            if "flatten" in keys:
                target = self._type_item(type_node, module, ("struct",), "flattened")
                if target is not None:
                    inner = target[0].node.child_by_field_name("body")
                    if inner is not None:
                        self._fields(inner, target[1], command, depth + 1)
                continue
            self._param(command, declaration, type_node, args, docs)

    def _param(
        self, command: _Cmd, declaration: Node, type_node: Node, args: list[Arg], docs: list[str]
    ) -> None:
        ident = _ident(declaration.child_by_field_name("name"))
        inner, optional = _strip_wrapper(type_node, ("Option",))
        _, is_vec = _strip_wrapper(inner, ("Vec",))
        is_bool = node_text(type_node) == "bool"
        long = _arg(args, "long")
        short = _arg(args, "short")
        long_name = None
        if long is not None:
            long_name = string_value(long.first) if long.value else convert_case(ident, "kebab-case")
        shortcut = None
        if short is not None:
            shortcut = (
                (char_value(short.first) if short.first is not None else None) if short.value else ident[:1]
            )
        default: str | bool | tuple[str, ...] | None = None
        for key in (
            "default_value",
            "default_value_t",
            "default_missing_value",
            "default_values",
            "default_values_t",
        ):
            found = _arg(args, key)
            if found is not None and found.value:
                values = list_strings(found.value)
                if (
                    key.startswith("default_values")
                    and len(found.value) == 1
                    and found.value[0].type == "token_tree"
                ):
                    default = tuple(v if v is not None else "?" for v in values)
                else:
                    literal = string_value(found.first) if len(found.value) == 1 else None
                    default = literal if literal is not None else found.text
                break
        help_arg = _arg(args, "help")
        description = (
            string_value(help_arg.first) if help_arg is not None and help_arg.value else doc_summary(docs)
        )
        required_arg = _arg(args, "required")
        has_default = default is not None
        if required_arg is not None:
            required = not required_arg.value or required_arg.text == "true"
        else:
            required = not (optional or is_vec or is_bool or has_default)
        if long is None and short is None:
            command.arguments.append(
                CommandParam(
                    name=ident,
                    required=required,
                    array=is_vec,
                    default=default if has_default else (() if is_vec else None),
                    description=description,
                )
            )
            return
        flag = is_bool and _arg(args, "action") is None
        command.options.append(
            CommandParam(
                name=long_name or shortcut or ident,
                required=required and not flag,
                array=is_vec,
                accepts_value=not flag,
                default=False if flag and not has_default else default,
                shortcut=shortcut,
                description=description,
            )
        )

    # ---- builder API

    def _matches_receivers(self, module: Module) -> list[tuple[Node, Module]]:
        found: list[tuple[Node, Module]] = []
        for node in _descendants(module.body, ("call_expression",)):
            function = node.child_by_field_name("function")
            if function is None or function.type != "field_expression":
                continue
            method = function.child_by_field_name("field")
            receiver = function.child_by_field_name("value")
            if method is not None and receiver is not None and node_text(method) in _MATCHES_CALLS:
                found.append((receiver, module))
        return found

    def _builder(self, node: Node, module: Module, depth: int) -> _Cmd | None:
        """The command a builder expression builds; None when it is not a clap builder at all."""
        if depth > _MAX_DEPTH:
            self.note("clap: builder helpers nest too deeply; not followed", module.file, node_line(node))
            return None
        calls: list[tuple[str, Node, Node]] = []
        current = node
        while True:
            if current.type in ("parenthesized_expression", "reference_expression"):
                inner = current.named_children[-1] if current.named_children else None
                if inner is None:
                    return None
                current = inner
                continue
            if current.type != "call_expression":
                break
            function = current.child_by_field_name("function")
            arguments = current.child_by_field_name("arguments")
            if function is None or arguments is None or function.type != "field_expression":
                break
            method = function.child_by_field_name("field")
            receiver = function.child_by_field_name("value")
            if method is None or receiver is None:
                return None
            calls.append((node_text(method), arguments, current))
            current = receiver
        command = self._builder_base(current, module, depth)
        if command is None:
            return None
        for method_name, call_arguments, call in reversed(calls):
            self._builder_call(command, method_name, call_arguments, call, module, depth)
        return command

    def _builder_base(self, node: Node, module: Module, depth: int) -> _Cmd | None:
        if node.type == "macro_invocation":
            macro = node.child_by_field_name("macro")
            if macro is not None and node_text(macro).rsplit("::", 1)[-1] in ("command", "app_from_crate"):
                return _Cmd(name=self.package.name, file=module.file, line=node_line(node))
            return None
        if node.type == "identifier":
            value = _let_value(node)
            return self._builder(value, module, depth + 1) if value is not None else None
        if node.type != "call_expression":
            return None
        function = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        if function is None or arguments is None:
            return None
        segments = path_segments(function) if function.type in ("identifier", "scoped_identifier") else ()
        if len(segments) >= 2 and tuple(segments[-2:]) in _COMMAND_CTORS:
            first = next(
                (c for c in arguments.named_children if c.type not in ("line_comment", "block_comment")), None
            )
            command = _Cmd(name="?", file=module.file, line=node_line(node))
            if first is None:
                command.status = "unresolved"
                self.note("clap: Command::new() without a name", module.file, command.line)
                return command
            computed = self.evaluator.string(first, module)
            command.name = computed.text
            if not computed.complete:
                command.status = "unresolved"
            return command
        item = self.crates.lookup_item(module, segments) if segments else None
        if item is not None and item.kind == "fn":
            returned = _return_type(item.node)
            item_module = self.crates.module_of(item)
            if item_module is None or returned.rsplit("::", 1)[-1] not in (
                "Command",
                "App",
                "Command<'static>",
            ):
                return None
            tail = _tail_expression(item.node)
            if tail is None:
                self.note(
                    f"clap: `{item.name}` returns a Command that cannot be followed", item.file, item.line
                )
                return _Cmd(name="?", file=item.file, line=item.line, status="unresolved")
            return self._builder(tail, item_module, depth + 1)
        return None

    def _builder_call(
        self, command: _Cmd, method: str, arguments: Node, call: Node, module: Module, depth: int
    ) -> None:
        values = [c for c in arguments.named_children if c.type not in ("line_comment", "block_comment")]
        first = values[0] if values else None
        if method == "name" and first is not None:
            value = self.evaluator.string(first, module)
            command.name = value.text
            command.status = "resolved" if value.complete else "unresolved"
        elif method in ("about", "long_about") and first is not None:
            text = string_value(first)
            if method == "about" or command.description is None:
                command.description = text
        elif method in ("alias", "visible_alias") and first is not None:
            alias = string_value(first)
            if alias is not None:
                command.aliases = (*command.aliases, alias)
        elif method in ("aliases", "visible_aliases") and first is not None:
            items = _array_elements(first) or []
            command.aliases = (
                *command.aliases,
                *(v for v in (string_value(i) for i in items) if v is not None),
            )
        elif method == "hide" and first is not None:
            command.hidden = node_text(first) == "true"
        elif method in ("subcommand_required", "arg_required_else_help") and first is not None:
            if node_text(first) == "true":
                command.runnable = False
        elif method == "subcommand" and first is not None:
            self._builder_child(command, first, module, depth)
        elif method == "subcommands" and first is not None:
            elements = _array_elements(first)
            if elements is None:
                self.note(
                    f"clap: subcommands `{_short(first)}` cannot be listed statically",
                    module.file,
                    node_line(call),
                )
                command.status = "partial"
            for element in elements or []:
                self._builder_child(command, element, module, depth)
        elif method == "arg" and first is not None:
            self._builder_arg(command, first)

    def _builder_child(self, command: _Cmd, node: Node, module: Module, depth: int) -> None:
        child = self._builder(node, module, depth + 1)
        if child is None:
            self.note(
                f"clap: subcommand `{_short(node)}` cannot be followed statically",
                module.file,
                node_line(node),
            )
            child = _Cmd(name="?", file=module.file, line=node_line(node), status="unresolved")
        command.children.append(child)

    def _builder_arg(self, command: _Cmd, node: Node) -> None:
        calls: dict[str, Node | None] = {}
        current = node
        while current.type == "call_expression":
            function = current.child_by_field_name("function")
            arguments = current.child_by_field_name("arguments")
            if function is None or arguments is None:
                return
            first = next(iter(arguments.named_children), None)
            if function.type == "field_expression":
                method = function.child_by_field_name("field")
                if method is not None:
                    calls.setdefault(node_text(method), first)
                current = function.child_by_field_name("value") or current
                if current is function:
                    return
                continue
            if node_text(function).rsplit("::", 1)[-1] in ("new", "with_name") and first is not None:
                calls["#id"] = first
            break
        ident = string_value(calls.get("#id"))
        if ident is None:
            return
        long_node, short_node = calls.get("long"), calls.get("short")
        help_node = calls.get("help")
        description = string_value(help_node) if help_node is not None else None
        action = node_text(calls["action"]) if calls.get("action") is not None else ""  # type: ignore[arg-type]
        default_node = calls.get("default_value")
        default = string_value(default_node) if default_node is not None else None
        required_node = calls.get("required")
        required = required_node is not None and node_text(required_node) == "true"
        if long_node is None and "long" not in calls and short_node is None and "short" not in calls:
            command.arguments.append(
                CommandParam(name=ident, required=required, default=default, description=description)
            )
            return
        flag = action.endswith(("SetTrue", "SetFalse", "Count"))
        command.options.append(
            CommandParam(
                name=string_value(long_node) or ident,
                required=required,
                accepts_value=not flag,
                default=False if flag else default,
                shortcut=char_value(short_node) if short_node is not None else None,
                description=description,
            )
        )


def bin_crate(crates: CrateSet, binary: Binary) -> Crate | None:
    """The crate `load_package` built for `binary`."""
    return next((c for c in crates.crates.values() if c.kind == "bin" and c.binary == binary.name), None)


def _descendants(root: Node, types: tuple[str, ...]) -> list[Node]:
    found: list[Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type in types:
            found.append(node)
        if node.type == "mod_item" and node is not root:
            continue
        stack.extend(reversed(node.named_children))
    return found


def _let_value(identifier: Node) -> Node | None:
    """The value of the nearest preceding `let name = value;` in an enclosing block."""
    name = node_text(identifier)
    block = identifier.parent
    while block is not None:
        if block.type == "block":
            for statement in block.named_children:
                if statement.start_byte >= identifier.start_byte:
                    break
                if statement.type == "let_declaration":
                    pattern = statement.child_by_field_name("pattern")
                    value = statement.child_by_field_name("value")
                    if (
                        pattern is not None
                        and value is not None
                        and node_text(pattern).removeprefix("mut ") == name
                    ):
                        return value
        if block.type in ("function_item", "closure_expression"):
            return None
        block = block.parent
    return None


def _return_type(function: Node) -> str:
    returned = function.child_by_field_name("return_type")
    return node_text(returned).replace(" ", "") if returned is not None else ""


def _tail_expression(function: Node) -> Node | None:
    body = function.child_by_field_name("body")
    if body is None:
        return None
    children = [c for c in body.named_children if c.type not in ("line_comment", "block_comment")]
    if not children:
        return None
    last = children[-1]
    if last.type == "expression_statement":
        inner = last.named_children[0] if last.named_children else None
        if inner is not None and inner.type == "return_expression":
            return inner.named_children[0] if inner.named_children else None
        return None
    if last.type == "return_expression":
        return last.named_children[0] if last.named_children else None
    return last


def _array_elements(node: Node) -> list[Node] | None:
    """Elements of `[a, b]` / `&[a, b]`; None for what cannot be split (`vec![..]` is a token tree)."""
    if node.type == "array_expression":
        return [c for c in node.named_children if c.type not in ("line_comment", "block_comment")]
    if node.type == "reference_expression" and node.named_children:
        return _array_elements(node.named_children[-1])
    return None


def _short(node: Node) -> str:
    text = " ".join(node_text(node).split())
    return text if len(text) <= 60 else text[:57] + "..."
