"""Static folding of PHP expressions: literals, concatenation, known variables and a few pure functions.

What cannot be known without running PHP becomes `Unknown` (with the source text and line), so callers
can still report the surface and say exactly what was not resolved.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from manifest_lint.extract.laravel.names import Names
from manifest_lint.parsing import node_line, node_text

if TYPE_CHECKING:
    import tree_sitter


@dataclass(frozen=True, slots=True)
class Unknown:
    """A value that static folding cannot know; `text` is the source, `line` where it is."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class ClassRef:
    """`X::class`: the fully qualified name, resolved textually."""

    name: str


@dataclass(frozen=True, slots=True)
class Closure:
    """A closure or arrow function, kept as its node so the interpreter can run its body."""

    node: tree_sitter.Node
    file: FileScope


@dataclass(frozen=True, slots=True)
class RouterRef:
    """The router itself (`$router` in a group file, `app('router')`, the `Route` facade)."""


@dataclass(frozen=True, slots=True)
class PhpArray:
    """An ordered PHP array; keys are `int` or `str` as PHP normalises them."""

    items: tuple[tuple[int | str, Value], ...]

    def get(self, key: int | str, default: Value = None) -> Value:
        for item_key, value in self.items:
            if item_key == key:
                return value
        return default

    def has(self, key: int | str) -> bool:
        return any(item_key == key for item_key, _ in self.items)

    def values(self) -> list[Value]:
        return [value for _, value in self.items]

    def is_list(self) -> bool:
        return all(key == index for index, (key, _) in enumerate(self.items))


Value = str | int | float | bool | None | ClassRef | Closure | PhpArray | RouterRef | Unknown


_INT_KEY = re.compile(r"-?(?:0|[1-9][0-9]*)")
_INT_KEY_START = frozenset("-0123456789")


def php_array(items: list[tuple[int | str | None, Value]]) -> PhpArray:
    """Build an array the way PHP does: `None` key = next integer index, numeric strings become ints."""
    result: dict[int | str, Value] = {}
    next_index = 0
    for key, value in items:
        if key is None:
            key = next_index
        elif isinstance(key, str) and key[:1] in _INT_KEY_START and _INT_KEY.fullmatch(key):
            key = int(key)
        if isinstance(key, int) and key >= next_index:
            next_index = key + 1
        result[key] = value
    return PhpArray(tuple(result.items()))


class ConfigLookup(Protocol):
    def __call__(self, key: str) -> tuple[bool, Value]: ...


@dataclass
class FileScope:
    """What folding needs to know about the file an expression is in."""

    rel: str
    directory: str
    names: Names
    constants: dict[str, Value] = field(default_factory=dict)
    root: str = ""
    current_class: str = ""


MISSING = Unknown("<missing>", 0)


# What literal-only folding reads: written-out strings, numbers, booleans, null and `.` between them.
LITERAL_NODES = frozenset(
    {
        "string",
        "encapsed_string",
        "heredoc",
        "nowdoc",
        "heredoc_body",
        "nowdoc_body",
        "binary_expression",
        "parenthesized_expression",
        "integer",
        "boolean",
        "null",
        "class_constant_access_expression",
    }
)


@dataclass
class Folder:
    """Folds expressions of one project: `config()` reads its config files, `env()` gives defaults.

    `literal_only` folds nothing but literals and their concatenation (no variables, constants,
    calls or config): what pages, commands and migrations accept as a name."""

    root: str
    config: ConfigLookup | None = None
    max_depth: int = 100
    literal_only: bool = False

    def fold(
        self, node: tree_sitter.Node | None, scope: FileScope, variables: dict[str, Value], depth: int = 0
    ) -> Value:
        if node is None:
            return None
        if depth > self.max_depth:
            return Unknown(node_text(node), node_line(node))
        kind = node.type
        if self.literal_only and kind not in LITERAL_NODES:
            return Unknown(node_text(node), node_line(node))
        handler = _HANDLERS.get(kind)
        if handler is not None:
            return handler(self, node, scope, variables, depth)
        return Unknown(node_text(node), node_line(node))

    def fold_text(
        self, node: tree_sitter.Node, scope: FileScope, variables: dict[str, Value], placeholder: str
    ) -> str:
        """A string with each part that cannot be folded replaced by `placeholder` (for partial routes)."""
        value = self.fold(node, scope, variables)
        text = as_string(value)
        if text is not None:
            return text
        parts: list[tree_sitter.Node] = []
        if node.type == "binary_expression":
            parts = concat_operands(node)
        elif node.type == "encapsed_string":
            out: list[str] = []
            for child in node.children:
                if child.type in ('"', "{", "}"):
                    continue
                if child.type == "string_content":
                    out.append(node_text(child))
                elif child.is_named:
                    folded = as_string(self.fold(child, scope, variables))
                    out.append(folded if folded is not None else placeholder)
            return "".join(out)
        else:
            return placeholder
        texts = []
        for part in parts:
            folded = as_string(self.fold(part, scope, variables))
            texts.append(folded if folded is not None else placeholder)
        return "".join(texts)

    def fold_args(
        self, arguments: tree_sitter.Node | None, scope: FileScope, variables: dict[str, Value]
    ) -> tuple[list[Value], dict[str, Value]]:
        """Positional and named arguments of a call."""
        positional: list[Value] = []
        named: dict[str, Value] = {}
        if arguments is None:
            return positional, named
        fold = self.fold
        for argument in arguments.named_children:
            if argument.type != "argument":
                continue
            if argument.child_count == 1:
                # The usual positional argument: one expression, no name, no spread.
                only = argument.children[0]
                if only.is_named:
                    positional.append(fold(only, scope, variables))
                    continue
            name = argument.child_by_field_name("name")
            value_node = argument.named_children[-1] if argument.named_children else None
            if value_node is not None and name is not None and value_node.id == name.id:
                value_node = None
            value = self.fold(value_node, scope, variables)
            if name is not None:
                named[node_text(name)] = value
            elif any(child.type == "..." for child in argument.children):
                positional.append(Unknown(node_text(argument), node_line(argument)))
            else:
                positional.append(value)
        return positional, named


def _string(
    folder: Folder, node: tree_sitter.Node, scope: FileScope, variables: dict[str, Value], depth: int
) -> Value:
    text = node_text(node)
    if text[:1] in ("b", "B"):
        text = text[1:]
    body = text[1:-1]
    return _SINGLE_QUOTED_ESCAPE.sub(r"\1", body) if "\\" in body else body


_SINGLE_QUOTED_ESCAPE = re.compile(r"\\([\\'])")


_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "v": "\v",
    "e": "\x1b",
    "f": "\f",
    "\\": "\\",
    "$": "$",
    '"': '"',
    "0": "\0",
}


def _encapsed(
    folder: Folder, node: tree_sitter.Node, scope: FileScope, variables: dict[str, Value], depth: int
) -> Value:
    parts: list[str] = []
    for child in node.children:
        kind = child.type
        if kind in ('"', "{", "}", "`", "heredoc_start", "heredoc_end", "<<<"):
            continue
        if kind == "string_content" or kind == "string_value":
            parts.append(node_text(child))
        elif kind == "escape_sequence":
            raw = node_text(child)
            parts.append(_ESCAPES.get(raw[1:], raw))
        elif kind == "heredoc_body" or kind == "nowdoc_body":
            inner = _encapsed(folder, child, scope, variables, depth + 1)
            if not isinstance(inner, str):
                return inner
            parts.append(inner)
        elif child.is_named:
            value = folder.fold(child, scope, variables, depth + 1)
            text = _to_string(value)
            if text is None:
                return Unknown(node_text(node), node_line(node))
            parts.append(text)
    return "".join(parts)


def _heredoc(
    folder: Folder, node: tree_sitter.Node, scope: FileScope, variables: dict[str, Value], depth: int
) -> Value:
    body = next((c for c in node.children if c.type in ("heredoc_body", "nowdoc_body")), None)
    if body is None:
        return ""
    if node.type == "nowdoc":
        return _strip_heredoc_indent(node_text(body))  # nowdoc: raw text, no escapes
    value = _encapsed(folder, body, scope, variables, depth)
    return _strip_heredoc_indent(value) if isinstance(value, str) else value


def _strip_heredoc_indent(body: str) -> str:
    """Heredoc bodies as PHP 7.3+ reads them: the closing marker's indentation removed from each line."""
    lines = body.split("\n")
    while lines and lines[0] == "":
        lines.pop(0)
    while lines and lines[-1].strip() == "":
        lines.pop()
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents) if indents else 0
    return "\n".join(line[cut:] for line in lines)


def _to_string(value: Value) -> str | None:
    """PHP string conversion for the scalar values folding knows; None when it is not a string."""
    if isinstance(value, bool):
        return "1" if value else ""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value).removesuffix(".0") if value == int(value) else repr(value)
    if isinstance(value, ClassRef):
        return value.name  # `X::class` is a plain string in PHP: `'can:create,'.X::class` folds
    return None


def as_string(value: Value) -> str | None:
    """A value usable as a string (ClassRef gives its name), else None."""
    if type(value) is str:
        return value
    if isinstance(value, ClassRef):
        return value.name
    if isinstance(value, PhpArray | Closure | RouterRef | Unknown):
        return None
    return _to_string(value)


def _integer(
    folder: Folder, node: tree_sitter.Node, scope: FileScope, variables: dict[str, Value], depth: int
) -> Value:
    text = node_text(node).replace("_", "")
    try:
        return int(text, 0) if not re.fullmatch(r"0[0-7]+", text) else int(text, 8)
    except ValueError:
        return Unknown(text, node_line(node))


def _float(
    folder: Folder, node: tree_sitter.Node, scope: FileScope, variables: dict[str, Value], depth: int
) -> Value:
    try:
        return float(node_text(node).replace("_", ""))
    except ValueError:
        return Unknown(node_text(node), node_line(node))


def _boolean(
    folder: Folder, node: tree_sitter.Node, scope: FileScope, variables: dict[str, Value], depth: int
) -> Value:
    return node_text(node).lower() == "true"


def _null(
    folder: Folder, node: tree_sitter.Node, scope: FileScope, variables: dict[str, Value], depth: int
) -> Value:
    return None


def _paren(
    folder: Folder, node: tree_sitter.Node, scope: FileScope, variables: dict[str, Value], depth: int
) -> Value:
    inner = node.named_children[0] if node.named_children else None
    return folder.fold(inner, scope, variables, depth + 1)


def _variable(
    folder: Folder, node: tree_sitter.Node, scope: FileScope, variables: dict[str, Value], depth: int
) -> Value:
    name = node_text(node).lstrip("$")
    if name in variables:
        return variables[name]
    return Unknown(node_text(node), node_line(node))


def _name(
    folder: Folder, node: tree_sitter.Node, scope: FileScope, variables: dict[str, Value], depth: int
) -> Value:
    text = node_text(node)
    upper = text.upper()
    if upper == "__DIR__":
        return scope.directory
    if upper == "__FILE__":
        return posixpath.join(folder.root, scope.rel)
    if upper in ("TRUE", "FALSE"):
        return upper == "TRUE"
    if upper == "NULL":
        return None
    if text == "PHP_EOL":
        return "\n"
    if text == "DIRECTORY_SEPARATOR":
        return "/"
    if text in scope.constants:
        return scope.constants[text]
    return Unknown(text, node_line(node))


def _class_constant(
    folder: Folder, node: tree_sitter.Node, scope: FileScope, variables: dict[str, Value], depth: int
) -> Value:
    children = node.named_children
    if len(children) != 2:
        return Unknown(node_text(node), node_line(node))
    cls, member = node_text(children[0]), node_text(children[1])
    if member.lower() == "class":
        if children[0].type not in ("name", "qualified_name", "relative_scope"):
            return Unknown(node_text(node), node_line(node))
        return ClassRef(scope.names.resolve(cls))
    for key in (f"{cls}::{member}", f"{scope.names.resolve(cls)}::{member}"):
        if key in scope.constants:
            return scope.constants[key]
    return Unknown(node_text(node), node_line(node))


def _array(
    folder: Folder, node: tree_sitter.Node, scope: FileScope, variables: dict[str, Value], depth: int
) -> Value:
    items: list[tuple[int | str | None, Value]] = []
    keyed = False
    for element in node.named_children:
        if element.type != "array_element_initializer":
            continue
        if element.child_count == 1:
            # A plain value (`[C::class, 'index']`): no key, no spread.
            only = element.children[0]
            if only.is_named:
                items.append((None, folder.fold(only, scope, variables, depth + 1)))
                continue
        has_key = False
        for child in element.children:
            if child.is_named:
                continue
            kind = child.type
            if kind == "...":
                return Unknown(node_text(node), node_line(node))
            if kind == "=>":
                has_key = True
        parts = element.named_children
        if has_key and len(parts) == 2:
            key = folder.fold(parts[0], scope, variables, depth + 1)
            if isinstance(key, bool):
                key = int(key)
            if not isinstance(key, int | str):
                return Unknown(node_text(node), node_line(node))
            items.append((key, folder.fold(parts[1], scope, variables, depth + 1)))
            keyed = True
        elif parts:
            items.append((None, folder.fold(parts[-1], scope, variables, depth + 1)))
    if not keyed:
        # A list literal: PHP numbers it 0..n-1, nothing to normalise.
        return PhpArray(tuple((index, value) for index, (_, value) in enumerate(items)))
    return php_array(items)


def _closure(
    folder: Folder, node: tree_sitter.Node, scope: FileScope, variables: dict[str, Value], depth: int
) -> Value:
    return Closure(node, scope)


def _unary(
    folder: Folder, node: tree_sitter.Node, scope: FileScope, variables: dict[str, Value], depth: int
) -> Value:
    operator = node.children[0].type if node.children else ""
    operand = folder.fold(
        node.named_children[-1] if node.named_children else None, scope, variables, depth + 1
    )
    if operator == "!":
        truth = truthy(operand)
        return Unknown(node_text(node), node_line(node)) if truth is None else not truth
    if operator == "-" and isinstance(operand, int | float) and not isinstance(operand, bool):
        return -operand
    if operator == "+" and isinstance(operand, int | float):
        return operand
    return Unknown(node_text(node), node_line(node))


def truthy(value: Value) -> bool | None:
    """PHP truthiness of a folded value, None when unknown."""
    if isinstance(value, Unknown | RouterRef):
        return None
    if isinstance(value, Closure | ClassRef):
        return True
    if isinstance(value, PhpArray):
        return bool(value.items)
    if isinstance(value, str):
        return value not in ("", "0")
    return bool(value)


def _binary(
    folder: Folder, node: tree_sitter.Node, scope: FileScope, variables: dict[str, Value], depth: int
) -> Value:
    # Concatenation chains are left-deep: fold them iteratively so a long chain cannot exhaust the stack.
    operator = node.child_by_field_name("operator")
    op = node_text(operator) if operator is not None else ""
    if op == ".":
        parts: list[str] = []
        for operand in concat_operands(node):
            text = _to_string(folder.fold(operand, scope, variables, depth + 1))
            if text is None:
                return Unknown(node_text(node), node_line(node))
            parts.append(text)
        return "".join(parts)
    if folder.literal_only:
        return Unknown(node_text(node), node_line(node))
    left = folder.fold(node.child_by_field_name("left"), scope, variables, depth + 1)
    if op == "??":
        if isinstance(left, Unknown):
            return left
        return (
            left
            if left is not None
            else folder.fold(node.child_by_field_name("right"), scope, variables, depth + 1)
        )
    right = folder.fold(node.child_by_field_name("right"), scope, variables, depth + 1)
    if op in ("&&", "and", "||", "or"):
        lt, rt = truthy(left), truthy(right)
        if op in ("&&", "and"):
            if lt is False or rt is False:
                return False
            return True if lt and rt else Unknown(node_text(node), node_line(node))
        if lt or rt:
            return True
        return False if lt is False and rt is False else Unknown(node_text(node), node_line(node))
    if isinstance(left, Unknown) or isinstance(right, Unknown):
        return Unknown(node_text(node), node_line(node))
    if op in ("===", "!=="):
        same = type(left) is type(right) and left == right
        return same if op == "===" else not same
    if (
        op in ("==", "!=")
        and isinstance(left, str | int | float | bool | None)
        and isinstance(right, str | int | float | bool | None)
    ):
        equal = left == right
        return equal if op == "==" else not equal
    return Unknown(node_text(node), node_line(node))


def _ternary(
    folder: Folder, node: tree_sitter.Node, scope: FileScope, variables: dict[str, Value], depth: int
) -> Value:
    condition = folder.fold(node.child_by_field_name("condition"), scope, variables, depth + 1)
    truth = truthy(condition)
    if truth is None:
        return Unknown(node_text(node), node_line(node))
    body = node.child_by_field_name("body")
    if truth:
        return condition if body is None else folder.fold(body, scope, variables, depth + 1)
    return folder.fold(node.child_by_field_name("alternative"), scope, variables, depth + 1)


def _cast(
    folder: Folder, node: tree_sitter.Node, scope: FileScope, variables: dict[str, Value], depth: int
) -> Value:
    value = folder.fold(node.child_by_field_name("value"), scope, variables, depth + 1)
    type_node = node.child_by_field_name("type")
    kind = node_text(type_node).strip().lower() if type_node is not None else ""
    if kind == "string":
        text = as_string(value)
        return text if text is not None else Unknown(node_text(node), node_line(node))
    if kind == "array":
        if isinstance(value, PhpArray):
            return value
        if isinstance(value, Unknown):
            return value
        return php_array([]) if value is None else php_array([(None, value)])
    return value


def _subscript(
    folder: Folder, node: tree_sitter.Node, scope: FileScope, variables: dict[str, Value], depth: int
) -> Value:
    children = node.named_children
    if len(children) != 2:
        return Unknown(node_text(node), node_line(node))
    base = folder.fold(children[0], scope, variables, depth + 1)
    key = folder.fold(children[1], scope, variables, depth + 1)
    if isinstance(base, PhpArray) and isinstance(key, int | str) and base.has(key):
        return base.get(key)
    return Unknown(node_text(node), node_line(node))


def _call(
    folder: Folder, node: tree_sitter.Node, scope: FileScope, variables: dict[str, Value], depth: int
) -> Value:
    function = node.child_by_field_name("function")
    if function is None or function.type not in ("name", "qualified_name"):
        return Unknown(node_text(node), node_line(node))
    name = node_text(function).lstrip("\\").lower()
    args, named = folder.fold_args(node.child_by_field_name("arguments"), scope, variables)
    if name == "app" and len(args) == 1 and args[0] == "router":
        return RouterRef()
    result = call_function(folder, name, args, named)
    if isinstance(result, Unknown):
        return Unknown(node_text(node), node_line(node))
    return result


def _string_args(args: list[Value]) -> list[str] | None:
    texts = [as_string(arg) for arg in args]
    return None if any(text is None for text in texts) else [text for text in texts if text is not None]


def _php_trim_chars(chars: str) -> str:
    # PHP's `a..z` ranges in the character list.
    return re.sub(
        r"(.)\.\.(.)", lambda m: "".join(chr(c) for c in range(ord(m.group(1)), ord(m.group(2)) + 1)), chars
    )


def call_function(folder: Folder, name: str, args: list[Value], named: dict[str, Value]) -> Value:
    """The pure functions (and Laravel helpers) folding knows; Unknown for the rest."""
    unknown = Unknown(name, 0)
    if name in ("config",) and args:
        key = as_string(args[0])
        default = args[1] if len(args) > 1 else named.get("default")
        if key is None or folder.config is None:
            return default if key is not None else unknown
        found, value = folder.config(key)
        return value if found else default
    if name == "env" and args:
        return args[1] if len(args) > 1 else named.get("default")
    paths = {
        "base_path": "",
        "app_path": "app",
        "config_path": "config",
        "resource_path": "resources",
        "storage_path": "storage",
        "database_path": "database",
        "public_path": "public",
    }
    if name in paths:
        given = _string_args(args[:1]) if args else [""]
        if given is None:
            return unknown
        base = posixpath.join(folder.root, paths[name]) if paths[name] else folder.root
        return base + ("/" + given[0].lstrip("/") if given[0] else "")
    texts = _string_args(args)
    if name == "dirname" and texts:
        path = texts[0]
        levels = args[1] if len(args) > 1 and isinstance(args[1], int) else 1
        for _ in range(max(levels, 1)):
            path = posixpath.dirname(path)
        return path
    if name in ("ltrim", "rtrim", "trim", "chop") and texts:
        chars = _php_trim_chars(texts[1]) if len(texts) > 1 else " \t\n\r\0\x0b"
        if name == "ltrim":
            return texts[0].lstrip(chars)
        if name in ("rtrim", "chop"):
            return texts[0].rstrip(chars)
        return texts[0].strip(chars)
    if name == "substr" and args and isinstance(args[0], str) and len(args) >= 2 and isinstance(args[1], int):
        text, start = args[0], args[1]
        length = args[2] if len(args) > 2 else None
        if length is not None and not isinstance(length, int):
            return unknown
        if start < 0:
            start = max(len(text) + start, 0)
        if start > len(text):
            return ""
        rest = text[start:]
        if length is None:
            return rest
        return rest[:length] if length >= 0 else rest[: max(len(rest) + length, 0)]
    if name in ("str_starts_with", "str_ends_with", "str_contains") and texts and len(texts) == 2:
        if name == "str_starts_with":
            return texts[0].startswith(texts[1])
        if name == "str_ends_with":
            return texts[0].endswith(texts[1])
        return texts[1] in texts[0]
    if name in ("strtolower", "strtoupper", "ucfirst", "lcfirst") and texts:
        text = texts[0]
        return {
            "strtolower": text.lower(),
            "strtoupper": text.upper(),
            "ucfirst": text[:1].upper() + text[1:],
            "lcfirst": text[:1].lower() + text[1:],
        }[name]
    if name == "sprintf" and texts:
        return _sprintf(texts[0], texts[1:])
    if name in ("implode", "join") and len(args) == 2:
        glue, pieces = args
        if isinstance(glue, PhpArray):
            glue, pieces = pieces, glue
        glue_text = as_string(glue)
        if glue_text is None or not isinstance(pieces, PhpArray):
            return unknown
        piece_texts = _string_args(pieces.values())
        return unknown if piece_texts is None else glue_text.join(piece_texts)
    if name == "str_replace" and len(args) == 3 and texts is not None:
        return texts[2].replace(texts[0], texts[1])
    if name == "explode" and texts and len(texts) == 2 and texts[0]:
        # config files split env lists: 'middleware' => explode(',', env('API_MIDDLEWARE', 'api'))
        return php_array([(None, piece) for piece in texts[1].split(texts[0])])
    return unknown


def _sprintf(template: str, values: list[str]) -> Value:
    out: list[str] = []
    index = 0
    pos = 0
    for match in re.finditer(r"%(?:(\d+)\$)?([-+ 0]*\d*(?:\.\d+)?)([sdu%])", template):
        out.append(template[pos : match.start()])
        pos = match.end()
        if match.group(3) == "%":
            out.append("%")
            continue
        if match.group(1):
            slot = int(match.group(1)) - 1
        else:
            slot = index
            index += 1
        if slot >= len(values) or match.group(2):
            return Unknown(template, 0)
        out.append(values[slot])
    out.append(template[pos:])
    return "".join(out)


def _member_access(
    folder: Folder, node: tree_sitter.Node, scope: FileScope, variables: dict[str, Value], depth: int
) -> Value:
    obj = node.child_by_field_name("object")
    name = node.child_by_field_name("name")
    if obj is not None and name is not None and node_text(obj) == "$this":
        key = f"$this->{node_text(name)}"
        if key in scope.constants:
            return scope.constants[key]
    return Unknown(node_text(node), node_line(node))


_HANDLERS = {
    "member_access_expression": _member_access,
    "string": _string,
    "encapsed_string": _encapsed,
    "heredoc": _heredoc,
    "nowdoc": _heredoc,
    "integer": _integer,
    "float": _float,
    "boolean": _boolean,
    "null": _null,
    "parenthesized_expression": _paren,
    "variable_name": _variable,
    "name": _name,
    "qualified_name": _name,
    "class_constant_access_expression": _class_constant,
    "array_creation_expression": _array,
    "anonymous_function": _closure,
    "arrow_function": _closure,
    "anonymous_function_creation_expression": _closure,
    "unary_op_expression": _unary,
    "binary_expression": _binary,
    "conditional_expression": _ternary,
    "cast_expression": _cast,
    "subscript_expression": _subscript,
    "function_call_expression": _call,
}


_LITERALS = Folder(root="", literal_only=True)
_NO_SCOPE = FileScope(rel="", directory="", names=Names())


def literal_scalar(
    node: tree_sitter.Node, constants: dict[str, Value] | None = None
) -> tuple[bool, str | int | bool | None]:
    """(known, value) of a written-out string, integer, boolean or null, or a `.` concatenation of
    strings; (False, None) for anything computed. The one string decoder pages, commands and
    migrations share with route folding. `constants` (`{"self::X": value}`) are the class
    constants an expression may name."""
    scope = _NO_SCOPE if not constants else FileScope("", "", Names(), dict(constants))
    value = _LITERALS.fold(node, scope, {})
    if value is None or isinstance(value, str | int | bool):
        return True, value
    return False, None


def concat_operands(node: tree_sitter.Node) -> list[tree_sitter.Node]:
    """The operands of a left-nested `a . b . c` chain in source order, iteratively (no recursion
    on a long concatenation); a non-`.` operator ends the chain and stays one operand."""
    operands: list[tree_sitter.Node] = []
    current: tree_sitter.Node | None = node
    while current is not None and current.type == "binary_expression":
        operator = current.child_by_field_name("operator")
        if operator is None or node_text(operator) != ".":
            break
        right = current.child_by_field_name("right")
        if right is not None:
            operands.append(right)
        current = current.child_by_field_name("left")
    if current is not None:
        operands.append(current)
    operands.reverse()
    return operands
