"""Route-file interpretation on small apps written per test: conditions, folding, loops, groups."""

from __future__ import annotations

from typing import TYPE_CHECKING

from manifest_lint.extract import ExtractOptions, extract

if TYPE_CHECKING:
    from pathlib import Path

    from manifest_lint.model import Manifest, Route


def _app(tmp_path: Path, web: str, files: dict[str, str] | None = None) -> Path:
    (tmp_path / "routes").mkdir()
    (tmp_path / "artisan").write_text("")
    (tmp_path / "routes" / "web.php").write_text("<?php\nuse Illuminate\\Support\\Facades\\Route;\n" + web)
    for rel, text in (files or {}).items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def _routes(manifest: Manifest) -> dict[str, Route]:
    return {f"{r.method} {r.uri}": r for r in manifest.routes}


def test_conditions_else_if_and_early_return(tmp_path: Path) -> None:
    web = """
if (App::environment('local')) {
    Route::get('a', fn () => 1);
} elseif (config('features.beta')) {
    Route::get('b', fn () => 1);
} else {
    Route::get('c', fn () => 1);
}
if (class_exists(\\Laravel\\Telescope\\Telescope::class) && app()->isLocal()) {
    Route::get('d', fn () => 1);
}
if (! app()->environment(['local', 'testing'])) {
    return;
}
Route::get('e', fn () => 1);
"""
    routes = _routes(extract(_app(tmp_path, web)))
    assert routes["GET /a"].condition == "environment in [local]"
    assert routes["GET /b"].condition == "not (environment in [local]) and config(features.beta)"
    assert routes["GET /c"].condition == "not (environment in [local]) and not (config(features.beta))"
    assert (
        routes["GET /d"].condition == "class_exists(Laravel\\Telescope\\Telescope) and environment in [local]"
    )
    assert routes["GET /e"].condition == "environment in [local, testing]"


def test_env_decides_early_return(tmp_path: Path) -> None:
    web = (
        "if (! app()->isLocal()) { return; }\nRoute::get('dev', fn () => 1);\nRoute::get('x', fn () => 1);\n"
    )
    root = _app(tmp_path, web)
    assert not extract(root, ExtractOptions(env="production")).routes
    local = _routes(extract(root, ExtractOptions(env="local")))
    assert sorted(local) == ["GET /dev", "GET /x"]
    assert local["GET /dev"].condition is None


def test_folding_functions_constants_and_loops(tmp_path: Path) -> None:
    web = """
class Paths { const BASE = 'base'; }
$v = 'v1';
Route::get(ltrim('/a', '/') . rtrim('b//', '/'), fn () => 1);
Route::get(substr('xxhello', 2) . '/' . strtoupper('q'), fn () => 1);
Route::get(implode('/', ['i', 'j']) . "/{$v}/" . Paths::BASE, fn () => 1);
Route::get(str_starts_with('abc', 'a') ? 'yes' : 'no', fn () => 1);
Route::get(sprintf('%s-%s', 'p', $v), fn () => 1);
Route::get(<<<TXT
here/$v
TXT, fn () => 1);
foreach (['x' => 'one', 'y' => 'two'] as $key => $value) {
    Route::get("loop/$key/$value", fn () => 1)->name("loop.$key");
}
foreach ($runtime as $item) {
    Route::get("dyn/$item", fn () => 1);
}
"""
    manifest = extract(_app(tmp_path, web))
    routes = _routes(manifest)
    expected = {"/ab", "/hello/Q", "/i/j/v1/base", "/yes", "/p-v1", "/here/v1", "/loop/x/one", "/loop/y/two"}
    assert expected <= {r.uri for r in manifest.routes}
    assert routes["GET /loop/y/two"].name == "loop.y"
    assert routes["GET /dyn/<unresolved>"].status == "partial"
    unresolved = [d.line for d in manifest.diagnostics if d.rule == "unresolved-construct" and d.line > 1]
    assert unresolved == [17, 18]


def test_config_values_and_defaults(tmp_path: Path) -> None:
    config = "<?php\nreturn ['admin' => ['path' => env('ADMIN_PATH', 'backoffice')], 'off' => false];\n"
    web = "Route::prefix(config('app.admin.path'))->group(fn () => Route::get('x', fn () => 1));\n"
    web += "Route::get(config('app.missing', 'fallback'), fn () => 1);\n"
    manifest = extract(_app(tmp_path, web, {"config/app.php": config}))
    assert {r.uri for r in manifest.routes} == {"/backoffice/x", "/fallback"}
    assert "config/app.php" in manifest.inputs


def test_group_array_of_files_and_closures(tmp_path: Path) -> None:
    web = "Route::group(['prefix' => 'g', 'as' => 'g.'], [base_path('routes/one.php'), fn () => Route::get('c', fn () => 1)->name('c')]);\n"
    one = "<?php\n$router->get('one', fn () => 1)->name('one');\n"
    manifest = extract(_app(tmp_path, web, {"routes/one.php": one}))
    assert sorted((r.uri, r.name) for r in manifest.routes) == [("/g/c", "g.c"), ("/g/one", "g.one")]


def test_registrar_terminal_view_is_invalid(tmp_path: Path) -> None:
    web = "Route::middleware('auth')->view('welcome', 'welcome');\nRoute::get('ok', fn () => 1);\n"
    manifest = extract(_app(tmp_path, web))
    assert [r.uri for r in manifest.routes] == ["/ok"]
    assert [(d.rule, d.line) for d in manifest.diagnostics if d.rule == "invalid-registration"] == [
        ("invalid-registration", 3)
    ]


def test_routes_hidden_in_unrun_code_are_reported(tmp_path: Path) -> None:
    web = "collect(['a', 'b'])->each(fn ($x) => Route::get($x, fn () => 1));\nwhile (true) { Route::post('w', fn () => 1); }\n"
    manifest = extract(_app(tmp_path, web))
    found = sorted(
        (d.line, d.message.split("`")[1])
        for d in manifest.diagnostics
        if d.rule == "unresolved-construct" and d.line > 1
    )
    assert found == [(3, "Route::get($x, fn () => 1)"), (4, "Route::post('w', fn () => 1)")]


def test_global_resource_verbs_and_parameters_from_a_provider(tmp_path: Path) -> None:
    provider = """<?php
namespace App\\Providers;
use Illuminate\\Support\\Facades\\Route;
class AppServiceProvider extends \\Illuminate\\Support\\ServiceProvider {
    public function boot(): void {
        Route::resourceVerbs(['create' => 'crear', 'edit' => 'editar']);
        Route::resourceParameters(['people' => 'human']);
    }
}
"""
    web = "Route::resource('people', 'P')->only(['create', 'edit']);\n"
    web += "Route::singularResourceParameters(false);\nRoute::resource('photos', 'Ph')->only('show');\n"
    manifest = extract(_app(tmp_path, web, {"app/Providers/AppServiceProvider.php": provider}))
    assert [r.uri for r in manifest.routes] == ["/people/crear", "/people/{human}/editar", "/photos/{photos}"]


def test_route_macros_are_inlined_with_this_as_the_router(tmp_path: Path) -> None:
    web = """Route::macro('health', function (string $path = 'healthz') {
    return $this->get($path, fn () => 'ok')->name('health.' . $path);
});
Route::macro('crud', fn ($name, $controller) => $this->resource($name, $controller)->only(['index']));
Route::health();
Route::health('ready')->middleware('x');
Route::prefix('admin')->group(fn () => Route::crud('users', 'UserController'));
"""
    manifest = extract(_app(tmp_path, web))
    assert sorted((r.uri, r.name, r.action) for r in manifest.routes) == [
        ("/admin/users", "users.index", "UserController@index"),
        ("/healthz", "health.healthz", "Closure"),
        ("/ready", "health.ready", "Closure"),
    ]
    chained = [d for d in manifest.diagnostics if "chained after the route macro" in d.message]
    assert [(d.line, d.message.split("`")[1]) for d in chained] == [(8, "->middleware()")]
