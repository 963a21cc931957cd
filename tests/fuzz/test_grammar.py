"""Grammar-based generation: syntactically valid Laravel route files and axum router files.

Mutation finds crashes on broken input; generation reaches deep, valid combinations (groups in
groups in conditions, routers nested in merged routers) that mutation rarely builds. Beyond the
shared invariants, a valid file that registers routes must yield routes: nothing silently dropped.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from fuzz_support import run_case
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SHARE = 0.2  # of --fuzz-cases, per stack

segment = st.sampled_from(
    ["api", "users", "chats", "v1", "settings", "x-y", "a.b", "ünï", "{id}", "{slug?}", ""]
)
raw_path = st.lists(segment, min_size=0, max_size=4).map("/".join)

# ---------------------------------------------------------------- PHP


def php_string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


php_path = st.one_of(
    raw_path.map(php_string),
    st.tuples(raw_path, raw_path).map(lambda p: f"{php_string(p[0])} . {php_string('/' + p[1])}"),
    raw_path.map(lambda p: f"$prefix . {php_string('/' + p)}"),
    raw_path.map(lambda p: f'"{{$prefix}}/{p}"'.replace("{id}", "x")),
    st.just("config('app.path', 'cfg')"),
    st.just("$unknown"),
)
php_action = st.sampled_from(
    [
        "fn () => 'ok'",
        "function () { return view('x'); }",
        "[UserController::class, 'show']",
        "'UserController@index'",
        "'App\\Http\\Controllers\\Admin\\PanelController@index'",
        "InvokableController::class",
        "[$controller, 'dynamic']",
    ]
)
php_chain = st.lists(
    st.sampled_from(
        [
            "->name('n.')",
            "->middleware('auth')",
            "->middleware(['auth:sanctum', 'throttle:6,1'])",
            "->where('id', '[0-9]+')",
            "->withoutMiddleware('csrf')",
            "->whereNumber('id')",
        ]
    ),
    max_size=3,
).map("".join)
verb = st.sampled_from(["get", "post", "put", "patch", "delete", "options", "any"])

php_route = st.builds(lambda v, p, a, c: f"Route::{v}({p}, {a}){c};", verb, php_path, php_action, php_chain)
php_other = st.sampled_from(
    [
        "Route::resource('photos', PhotoController::class);",
        "Route::apiResource('posts', PostController::class)->only(['index', 'show']);",
        "Route::match(['get', 'post'], '/both', fn () => 1);",
        "Route::redirect('/from', '/to');",
        "Route::view('/welcome', 'welcome');",
        "Route::inertia('/page', 'Some/Page');",
        "Route::fallback(fn () => 404);",
        "Route::resources(['a' => AController::class, 'b' => BController::class]);",
        "$prefix = 'changed';",
        "require __DIR__ . '/extra.php';",
        "require __DIR__ . '/../../../../etc/passwd';",
        "require $dynamic;",
    ]
)


def php_block(children: st.SearchStrategy[list[str]]) -> st.SearchStrategy[str]:
    body = children.map(lambda lines: "\n".join(lines))
    return st.one_of(
        st.builds(
            lambda p, c, b: f"Route::prefix({p}){c}->group(function () {{\n{b}\n}});",
            php_path,
            php_chain,
            body,
        ),
        st.builds(
            lambda p, b: (
                f"Route::group(['prefix' => {p}, 'middleware' => 'web', 'as' => 'g.'], "
                f"function () {{\n{b}\n}});"
            ),
            php_path,
            body,
        ),
        st.builds(
            lambda b: f"Route::controller(UserController::class)->group(function () {{\n{b}\n}});", body
        ),
        st.builds(lambda b: f"if (app()->environment('local')) {{\n{b}\n}} else {{\n{b}\n}}", body),
        st.builds(lambda b: f"foreach (['a', 'b'] as $item) {{\n{b}\n}}", body),
        st.builds(
            lambda b: f"Route::middleware('auth')->group(function () use ($prefix) {{\n{b}\n}});", body
        ),
    )


php_statements = st.recursive(
    st.lists(st.one_of(php_route, php_other), min_size=1, max_size=4),
    lambda children: st.lists(st.one_of(php_route, php_other, php_block(children)), min_size=1, max_size=4),
    max_leaves=25,
)


def php_file(statements: list[str]) -> bytes:
    head = "<?php\n\nuse Illuminate\\Support\\Facades\\Route;\n\n$prefix = 'pre';\n\n"
    return (head + "\n".join(statements) + "\n").encode()


# ---------------------------------------------------------------- Rust


def rust_string(value: str) -> str:
    return '"/' + value.replace("{slug?}", ":slug").replace("\\", "").replace('"', "") + '"'


rust_path = st.one_of(
    raw_path.map(rust_string),
    st.sampled_from(
        ["PATH_A", "paths::PATH_B", 'concat!("/c", "/d")', "dynamic_path()", '&format!("/{}", x)']
    ),
)
method_router = st.lists(
    st.sampled_from(["get", "post", "put", "patch", "delete", "any"]), min_size=1, max_size=3
).map(lambda fs: f"{fs[0]}(handler)" + "".join(f".{f}(handler)" for f in fs[1:] if f != "any"))
rust_leaf = st.one_of(
    st.builds(lambda p, m: f".route({p}, {m})", rust_path, method_router),
    st.sampled_from(
        [
            ".layer(TraceLayer::new_for_http())",
            ".route_layer(middleware::from_fn(require_auth))",
            ".fallback(handler)",
            '.nest_service("/assets", ServeDir::new("assets"))',
            ".merge(other_router())",
            ".with_state(state.clone())",
            '.route("/hidden", my_routes!())',
        ]
    ),
)


def rust_router(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds(lambda p, r: f".nest({p}, Router::new(){r})", rust_path, children),
        st.builds(lambda r: f".merge(Router::new(){r})", children),
        st.builds(lambda r: f'.nest("/blk", {{ let inner = Router::new(){r}; inner }})', children),
    )


rust_chain = st.recursive(
    st.lists(rust_leaf, min_size=1, max_size=4).map("\n        ".join),
    lambda children: st.lists(st.one_of(rust_leaf, rust_router(children)), min_size=1, max_size=4).map(
        "\n        ".join
    ),
    max_leaves=25,
)


def rust_file(chain: str, conditional: bool) -> bytes:
    body = f"    let app = Router::new()\n        {chain};\n"
    if conditional:
        body += '    let app = if cfg!(feature = "x") { app.route("/cond", get(handler)) } else { app };\n'
    return (
        "use axum::{middleware, routing::{any, delete, get, patch, post, put}, Router};\n\n"
        'const PATH_A: &str = "/const-a";\n'
        'mod paths { pub const PATH_B: &str = "/const-b"; }\n\n'
        "async fn handler() {}\n\n"
        'fn other_router() -> Router { Router::new().route("/other", get(handler)) }\n\n'
        "fn app() -> Router {\n" + body + "    app\n}\n\n"
        "#[tokio::main]\nasync fn main() {\n"
        '    let listener = tokio::net::TcpListener::bind("0.0.0.0:1").await.unwrap();\n'
        "    axum::serve(listener, app()).await.unwrap();\n}\n"
    ).encode()


def common_settings(fuzz_cases: int) -> settings:
    return settings(
        max_examples=max(2, int(fuzz_cases * SHARE)),
        deadline=timedelta(seconds=10),
        derandomize=fuzz_cases <= 1000,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


def test_generated_laravel_route_files(fuzz_cases: int) -> None:
    @common_settings(fuzz_cases)
    @given(statements=php_statements)
    def case(statements: list[str]) -> None:
        data = php_file(statements)
        manifest, _rel = run_case("laravel", data)
        if "Route::get(" in data.decode() or "Route::post(" in data.decode():
            assert manifest.routes, data.decode()

    case()


@pytest.mark.parametrize("conditional", [False, True])
def test_generated_axum_router_files(fuzz_cases: int, conditional: bool) -> None:
    @common_settings(fuzz_cases // 2)
    @given(chain=rust_chain)
    def case(chain: str) -> None:
        data = rust_file(chain, conditional)
        manifest, _rel = run_case("rust", data)
        if "(handler)" in chain or conditional:
            assert manifest.routes, data.decode()

    case()
