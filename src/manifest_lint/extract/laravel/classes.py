"""A lazily built index of the app's PHP classes: where each lives, what it extends, what it declares.

Controllers, console commands and their app parent classes are looked up through composer's
PSR-4 map; each file is parsed once through the shared `SourceSet`, and each class is read once
per run however many routes or commands point at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from manifest_lint.extract.laravel.names import Names, names_of
from manifest_lint.parsing import ParsedFile, node_line, node_text

if TYPE_CHECKING:
    import tree_sitter

    from manifest_lint.discover import Composer
    from manifest_lint.extract.laravel.controllers import ActionTarget, ResolvedAction
    from manifest_lint.model import Diagnostic
    from manifest_lint.parsing import SourceSet

MAX_ANCESTORS = 64


@dataclass(frozen=True, slots=True)
class Method:
    name: str
    visibility: str
    abstract: bool
    line: int
    body: tree_sitter.Node | None
    static: bool = False


@dataclass(frozen=True, slots=True)
class Property:
    name: str
    line: int
    value: tree_sitter.Node | None


@dataclass(frozen=True, slots=True)
class Attribute:
    name: str
    line: int
    node: tree_sitter.Node


@dataclass(frozen=True, slots=True)
class TraitAlias:
    """`use T { method as [visibility] [alias]; }`: a trait method renamed or re-scoped in the class."""

    method: str
    visibility: str | None
    alias: str | None


@dataclass(frozen=True, slots=True)
class ClassInfo:
    """One class declaration; `parent` is the fully qualified name `extends` resolves to.

    `traits` are the fully qualified names of the traits its body `use`s: their methods are the
    class's own too (controllers take actions such as `login()` from auth traits).
    """

    fqcn: str
    file: str
    line: int
    kind: str
    abstract: bool
    parent: str | None
    methods: dict[str, Method]
    properties: dict[str, Property]
    attributes: tuple[Attribute, ...]
    names: Names
    traits: tuple[str, ...] = ()
    trait_aliases: tuple[TraitAlias, ...] = ()
    constants: dict[str, tree_sitter.Node] = field(default_factory=dict)


def file_scope(parsed: ParsedFile) -> Names:
    """The namespace and imports of a file, resolved the way the route side resolves them."""
    return names_of(parsed.root)


_CLASS_NODES = {
    "class_declaration": "class",
    "trait_declaration": "trait",
    "interface_declaration": "interface",
}


def classes_of(sources: SourceSet, parsed: ParsedFile) -> tuple[ClassInfo, ...]:
    """`read_classes` once per file and run: the route step reads controllers for their middleware,
    then actions, pages and commands read the same classes again."""
    table = sources.memo("laravel-classes")
    found: tuple[ClassInfo, ...] | None = table.get(parsed.rel)
    if found is None:
        found = table[parsed.rel] = read_classes(parsed)
    return found


def read_classes(parsed: ParsedFile) -> tuple[ClassInfo, ...]:
    """Every class-like declaration at the top level of a file (or inside a namespace block)."""
    scope = file_scope(parsed)
    found: list[ClassInfo] = []
    containers = [parsed.root]
    containers += [
        body
        for node in parsed.root.named_children
        if node.type == "namespace_definition" and (body := node.child_by_field_name("body")) is not None
    ]
    for container in containers:
        for node in container.named_children:
            kind = _CLASS_NODES.get(node.type)
            if kind is None:
                continue
            name = node.child_by_field_name("name")
            if name is None:
                continue
            found.append(_class_info(parsed.rel, node, kind, name, scope))
    return tuple(found)


def _class_info(
    rel: str, node: tree_sitter.Node, kind: str, name: tree_sitter.Node, scope: Names
) -> ClassInfo:
    short = node_text(name)
    fqcn = f"{scope.namespace}\\{short}" if scope.namespace else short
    abstract = any(child.type == "abstract_modifier" for child in node.children)
    parent: str | None = None
    for child in node.named_children:
        if child.type == "base_clause":
            names = [c for c in child.named_children if c.type in ("name", "qualified_name")]
            if names:
                parent = scope.resolve(node_text(names[0]))
    methods: dict[str, Method] = {}
    properties: dict[str, Property] = {}
    attributes: list[Attribute] = []
    traits: list[str] = []
    aliases: list[TraitAlias] = []
    constants: dict[str, tree_sitter.Node] = {}
    attribute_list = node.child_by_field_name("attributes")
    if attribute_list is not None:
        for group in attribute_list.named_children:
            for attribute in group.named_children:
                if attribute.type == "attribute" and attribute.named_child_count:
                    raw = node_text(attribute.named_children[0])
                    attributes.append(Attribute(scope.resolve(raw), node_line(attribute), attribute))
    body = node.child_by_field_name("body")
    for member in body.named_children if body is not None else ():
        if member.type == "method_declaration":
            method = _method(member)
            if method is not None:
                methods.setdefault(method.name.lower(), method)
        elif member.type == "use_declaration":
            _trait_use(member, scope, traits, aliases)
        elif member.type == "const_declaration":
            for element in member.named_children:
                parts = element.named_children if element.type == "const_element" else []
                if len(parts) == 2 and parts[0].type == "name":
                    constants.setdefault(node_text(parts[0]), parts[1])
        elif member.type == "property_declaration":
            for element in member.named_children:
                if element.type != "property_element":
                    continue
                variable = element.child_by_field_name("name")
                if variable is None:
                    continue
                prop = node_text(variable).lstrip("$")
                properties.setdefault(
                    prop, Property(prop, node_line(element), element.child_by_field_name("default_value"))
                )
    return ClassInfo(
        fqcn=fqcn,
        file=rel,
        line=node_line(name),
        kind=kind,
        abstract=abstract,
        parent=parent,
        methods=methods,
        properties=properties,
        attributes=tuple(attributes),
        names=scope,
        traits=tuple(traits),
        trait_aliases=tuple(aliases),
        constants=constants,
    )


def _trait_use(node: tree_sitter.Node, scope: Names, traits: list[str], aliases: list[TraitAlias]) -> None:
    """One `use A, B { x as y; }` statement of a class body."""
    for child in node.named_children:
        if child.type in ("name", "qualified_name"):
            traits.append(scope.resolve(node_text(child)))
        elif child.type == "use_list":
            for clause in child.named_children:
                if clause.type != "use_as_clause" or not clause.named_children:
                    continue
                parts = clause.named_children
                method = node_text(parts[0]).rsplit("::", 1)[-1]
                visibility = next(
                    (node_text(p).lower() for p in parts[1:] if p.type == "visibility_modifier"), None
                )
                alias = next((node_text(p) for p in parts[1:] if p.type == "name"), None)
                aliases.append(TraitAlias(method, visibility, alias))


def _method(node: tree_sitter.Node) -> Method | None:
    name = node.child_by_field_name("name")
    if name is None:
        return None
    visibility = "public"
    abstract = False
    static = False
    for child in node.children:
        if child.type == "visibility_modifier":
            visibility = node_text(child).lower()
        elif child.type == "abstract_modifier":
            abstract = True
        elif child.type == "static_modifier":
            static = True
    return Method(
        node_text(name), visibility, abstract, node_line(node), node.child_by_field_name("body"), static
    )


@dataclass(frozen=True, slots=True)
class Lookup:
    """Why a class could not be found (`reason`) or the class itself."""

    info: ClassInfo | None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Members:
    """A class's callable methods by lower-case name, each with the class or trait declaring it."""

    methods: dict[str, tuple[Method, ClassInfo]]
    unread: tuple[str, ...]


@dataclass
class ClassIndex:
    """Classes by fully qualified name, read on first use and kept for the rest of the run."""

    sources: SourceSet
    composer: Composer
    _classes: dict[str, Lookup] = field(default_factory=dict)
    _files: dict[str, tuple[ClassInfo, ...]] = field(default_factory=dict)
    _members: dict[str, Members] = field(default_factory=dict)
    _ancestors: dict[str, tuple[list[ClassInfo], str | None, str | None]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    actions: dict[ActionTarget, tuple[ResolvedAction | None, str | None]] = field(default_factory=dict)

    def in_app(self, fqcn: str) -> bool:
        """Whether PSR-4 maps the class into the project (vendor classes are never read)."""
        return self.composer.class_file(fqcn) is not None

    def classes_in(self, rel: str) -> tuple[ClassInfo, ...]:
        """The classes a file declares, parsing it (once) if needed."""
        cached = self._files.get(rel)
        if cached is not None:
            return cached
        parsed = self.sources.parse(rel, "php")
        if isinstance(parsed, tuple):
            self.diagnostics.extend(parsed)
            self._files[rel] = ()
            return ()
        self.diagnostics.extend(self.sources.diagnostics_for(rel))
        classes = classes_of(self.sources, parsed)
        self._files[rel] = classes
        return classes

    def lookup(self, fqcn: str) -> Lookup:
        key = fqcn.lstrip("\\").lower()
        cached = self._classes.get(key)
        if cached is not None:
            return cached
        result = self._lookup(fqcn.lstrip("\\"))
        self._classes[key] = result
        return result

    def _lookup(self, fqcn: str) -> Lookup:
        rel = self.composer.class_file(fqcn)
        if rel is None:
            return Lookup(None, f"{fqcn} is outside the app's PSR-4 roots")
        if not self.sources.exists(rel):
            return Lookup(None, f"class {fqcn} not found: PSR-4 maps it to {rel}, which does not exist")
        for info in self.classes_in(rel):
            if info.fqcn.lower() == fqcn.lower():
                return Lookup(info)
        return Lookup(None, f"class {fqcn} not found: {rel} does not declare it")

    def ancestors(self, fqcn: str) -> tuple[list[ClassInfo], str | None, str | None]:
        """App classes from `fqcn` up its `extends` chain, then the first parent outside the app.

        Returns (app classes, external parent or None, problem or None); a cycle or a chain longer
        than `MAX_ANCESTORS` stops the walk and is returned as the problem. Memoised (callers only
        read the list): every route's action check walks its controller's chain.
        """
        known = self._ancestors.get(fqcn)
        if known is None:
            known = self._ancestors[fqcn] = self._walk_ancestors(fqcn)
        return known

    def _walk_ancestors(self, fqcn: str) -> tuple[list[ClassInfo], str | None, str | None]:
        chain: list[ClassInfo] = []
        seen: set[str] = set()
        current: str | None = fqcn
        while current is not None:
            if current.lower() in seen:
                return chain, None, f"class hierarchy of {fqcn} loops through {current}"
            if len(chain) >= MAX_ANCESTORS:
                return chain, None, f"class hierarchy of {fqcn} is deeper than {MAX_ANCESTORS}"
            seen.add(current.lower())
            if not self.in_app(current):
                return chain, current, None
            found = self.lookup(current)
            if found.info is None:
                return chain, None, found.reason
            chain.append(found.info)
            current = found.info.parent
        return chain, None, None

    def members(self, info: ClassInfo, depth: int = 0) -> Members:
        """Methods a class declares or takes from its traits (its own win), with the class or trait
        declaring each, and the traits whose methods cannot be read (outside the app, missing, or
        nested deeper than `MAX_ANCESTORS`)."""
        key = info.fqcn.lower()
        cached = self._members.get(key)
        if cached is not None:
            return cached
        methods = {name: (method, info) for name, method in info.methods.items()}
        unread: list[str] = []
        self._members[key] = Members(methods, ())  # a trait using itself sees only its own methods
        taken: dict[str, tuple[Method, ClassInfo]] = {}
        for trait in info.traits:
            found = self.lookup(trait) if self.in_app(trait) and depth < MAX_ANCESTORS else None
            if found is None or found.info is None:
                unread.append(trait)
                continue
            inner = self.members(found.info, depth + 1)
            unread.extend(inner.unread)
            for name, pair in inner.methods.items():
                taken.setdefault(name, pair)
        for rule in info.trait_aliases:
            source = taken.get(rule.method.lower())
            if source is None:
                continue
            method, owner = source
            renamed = replace(
                method, name=rule.alias or method.name, visibility=rule.visibility or method.visibility
            )
            taken[(rule.alias or rule.method).lower()] = (renamed, owner)
        for name, pair in taken.items():
            methods.setdefault(name, pair)
        result = Members(methods, tuple(dict.fromkeys(unread)))
        self._members[key] = result
        return result

    def find_method(self, fqcn: str, name: str) -> tuple[Method, ClassInfo] | None:
        """The method `fqcn` declares, takes from a trait or inherits from an app parent (PHP method
        names ignore case); the second item is the class or trait that declares it."""
        chain, _external, _problem = self.ancestors(fqcn)
        for info in chain:
            found = self.members(info).methods.get(name.lower())
            if found is not None:
                return found
        return None

    def find_property(self, fqcn: str, name: str) -> tuple[Property, ClassInfo] | None:
        chain, _external, _problem = self.ancestors(fqcn)
        for info in chain:
            prop = info.properties.get(name)
            if prop is not None:
                return prop, info
        return None
