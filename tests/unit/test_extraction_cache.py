from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

import manifest_lint.extract as extract_module
from manifest_lint.cache import (
    ExtractionCache,
    cache_document,
    cached_extract,
    document_to_manifest,
)
from manifest_lint.digests import entry_bytes
from manifest_lint.extract import ExtractOptions, extract
from manifest_lint.model import Command, CommandParam, Diagnostic, Manifest

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "integrations" / "mini"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "repo")
    return tmp_path / "repo"


class Counting:
    """Wraps the real extractor to count cold extractions."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, root: Path, options: ExtractOptions | None = None) -> Manifest:
        self.calls += 1
        return extract(root, options)


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> Counting:
    counter = Counting()
    monkeypatch.setattr(extract_module, "extract", counter)
    return counter


def _entries(store: ExtractionCache) -> list[Path]:
    return sorted(store.directory.glob("*.json"))


@pytest.mark.parametrize("part", ["legacy", "service"])
def test_the_cache_document_round_trips_to_an_equal_manifest(project: Path, part: str) -> None:
    manifest = extract(project / part, ExtractOptions())
    assert manifest.surfaces and manifest.inputs
    loaded = document_to_manifest(json.loads(entry_bytes(cache_document(manifest))))
    assert loaded == manifest.sorted()


def test_round_trip_keeps_command_params_and_raw_diagnostics() -> None:
    manifest = Manifest(
        stack="laravel",
        root="/x",
        framework=None,
        surfaces=(
            Command(
                stack="laravel",
                file="app/Console/Kernel.php",
                line=3,
                name="ops:rotate",
                arguments=(CommandParam(name="key", required=True, default=("a", "b")),),
                options=(CommandParam(name="force", accepts_value=False, default=False, shortcut="f"),),
                notes=("opaque-service",),
            ),
        ),
        diagnostics=(Diagnostic("unresolved-construct", "é <x>", "routes/web.php", 4, None),),
        inputs=("routes/web.php",),
    )
    assert document_to_manifest(json.loads(entry_bytes(cache_document(manifest)))) == manifest.sorted()


def test_unchanged_tree_is_answered_from_the_cache(project: Path, counting: Counting, tmp_path: Path) -> None:
    store = ExtractionCache(tmp_path / "cache")
    cold = cached_extract(project / "legacy", ExtractOptions(), store)
    warm = cached_extract(project / "legacy", ExtractOptions(), store)
    assert counting.calls == 1
    assert warm == cold
    assert (store.directory / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_a_hit_names_the_root_as_this_invocation_gave_it(
    project: Path, counting: Counting, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ExtractionCache(tmp_path / "cache")
    absolute = cached_extract(project / "legacy", ExtractOptions(), store)
    monkeypatch.chdir(project)
    relative = cached_extract(Path("legacy"), ExtractOptions(), store)
    assert counting.calls == 1
    assert (absolute.root, relative.root) == ((project / "legacy").as_posix(), "legacy")
    assert relative.surfaces == absolute.surfaces


def test_an_edited_input_invalidates(project: Path, counting: Counting, tmp_path: Path) -> None:
    store = ExtractionCache(tmp_path / "cache")
    cached_extract(project / "legacy", ExtractOptions(), store)
    routes = project / "legacy/routes/api.php"
    routes.write_text(
        routes.read_text() + "Route::post('/orders/{order}/refund', [OrderController::class, 'refund']);\n"
    )
    after = cached_extract(project / "legacy", ExtractOptions(), store)
    assert counting.calls == 2
    assert any(getattr(s, "uri", "") == "/api/orders/{order}/refund" for s in after.surfaces)
    cached_extract(project / "legacy", ExtractOptions(), store)
    assert counting.calls == 2  # and the rewritten entry serves the next run


@pytest.mark.parametrize("new_file", ["src/extra.rs", "src/handlers/mod.rs", "Cargo.lock"])
def test_a_new_file_invalidates(project: Path, counting: Counting, tmp_path: Path, new_file: str) -> None:
    store = ExtractionCache(tmp_path / "cache")
    cached_extract(project / "service", ExtractOptions(), store)
    (project / "service" / new_file).parent.mkdir(parents=True, exist_ok=True)
    (project / "service" / new_file).write_text("// new\n")
    cached_extract(project / "service", ExtractOptions(), store)
    assert counting.calls == 2


@pytest.mark.parametrize("manifest", ["legacy/composer.json", "service/Cargo.toml"])
def test_package_manifests_invalidate_though_discovery_reads_them_directly(
    project: Path, counting: Counting, tmp_path: Path, manifest: str
) -> None:
    store = ExtractionCache(tmp_path / "cache")
    root = project / manifest.split("/")[0]
    cached_extract(root, ExtractOptions(), store)
    cached_extract(root, ExtractOptions(), store)
    assert counting.calls == 1
    path = project / manifest
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    cached_extract(root, ExtractOptions(), store)
    assert counting.calls == 2


def test_pruned_directories_do_not_invalidate(project: Path, counting: Counting, tmp_path: Path) -> None:
    store = ExtractionCache(tmp_path / "cache")
    cached_extract(project / "service", ExtractOptions(), store)
    (project / "service/target/debug").mkdir(parents=True)
    (project / "service/target/debug/build.log").write_text("x")
    cached_extract(project / "service", ExtractOptions(), store)
    assert counting.calls == 1


def test_other_options_use_another_entry(project: Path, counting: Counting, tmp_path: Path) -> None:
    store = ExtractionCache(tmp_path / "cache")
    cached_extract(project / "legacy", ExtractOptions(), store)
    cached_extract(project / "legacy", ExtractOptions(env="production"), store)
    assert counting.calls == 2 and len(_entries(store)) == 2


def test_a_cache_inside_the_tree_does_not_invalidate_itself(project: Path, counting: Counting) -> None:
    store = ExtractionCache(project / "legacy" / "cache-here")
    cached_extract(project / "legacy", ExtractOptions(), store)
    cached_extract(project / "legacy", ExtractOptions(), store)
    assert counting.calls == 1


def _corruptions(entry: dict[str, object]) -> list[object]:
    manifest = entry["manifest"]
    assert isinstance(manifest, dict)
    route = dict(manifest["routes"][0])
    bad_line = {**manifest, "routes": [{**route, "line": "7"}]}
    bad_kind = {**manifest, "routes": [{**route, "kind": "page"}]}
    unknown_key = {**manifest, "routes": [{**route, "evil": 1}]}
    bad_method = {**manifest, "routes": [{**route, "method": None}]}
    bad_status = {**manifest, "routes": [{**route, "status": "pwned"}]}
    return [
        None,
        [],
        {**entry, "format": 99},
        {**entry, "inputs": "x"},
        {**entry, "inputs": {}},
        {**entry, "manifest": {**manifest, "routes": "x"}},
        {**entry, "manifest": bad_line},
        {**entry, "manifest": bad_kind},
        {**entry, "manifest": unknown_key},
        {**entry, "manifest": bad_method},
        {**entry, "manifest": bad_status},
        {**entry, "manifest": {k: v for k, v in manifest.items() if k != "stack"}},
    ]


def test_corrupt_entries_are_ignored_and_rewritten(project: Path, counting: Counting, tmp_path: Path) -> None:
    store = ExtractionCache(tmp_path / "cache")
    good = cached_extract(project / "legacy", ExtractOptions(), store)
    (path,) = _entries(store)
    pristine = path.read_bytes()
    entry = json.loads(pristine)
    broken: list[bytes] = [b"", b"\x00\xff not json", b'{"format": 1', pristine[: len(pristine) // 2]]
    broken += [json.dumps(c).encode() for c in _corruptions(entry)]
    for n, data in enumerate(broken, start=2):
        path.write_bytes(data)
        assert cached_extract(project / "legacy", ExtractOptions(), store) == good
        assert counting.calls == n, data[:80]
        assert json.loads(path.read_bytes()) == entry  # rewritten whole


def test_a_tampered_but_well_formed_entry_is_not_trusted(
    project: Path, counting: Counting, tmp_path: Path
) -> None:
    """An entry whose recorded input hashes do not match the files is stale, whatever it says."""
    store = ExtractionCache(tmp_path / "cache")
    good = cached_extract(project / "legacy", ExtractOptions(), store)
    (path,) = _entries(store)
    entry = json.loads(path.read_bytes())
    entry["manifest"]["routes"] = []
    first = next(iter(entry["inputs"]))
    entry["inputs"][first] = "0" * 64
    path.write_text(json.dumps(entry))
    assert cached_extract(project / "legacy", ExtractOptions(), store) == good
    assert counting.calls == 2


def test_concurrent_runs_share_one_valid_entry(project: Path, tmp_path: Path) -> None:
    store = ExtractionCache(tmp_path / "cache")
    results: list[Manifest] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(cached_extract(project / "service", ExtractOptions(), store))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == 6 and all(r == results[0] for r in results)
    assert [p.name for p in store.directory.iterdir() if p.name.startswith(".entry-")] == []
    (path,) = _entries(store)
    assert document_to_manifest(json.loads(path.read_bytes())["manifest"]) == results[0]


def test_an_unwritable_cache_directory_does_not_fail(project: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    manifest = cached_extract(project / "legacy", ExtractOptions(), ExtractionCache(blocker / "cache"))
    assert manifest.surfaces
