"""Write synthetic but realistic Laravel 11 + axum 0.7 projects of N routes per side, with a plan.

Why synthetic: the benchmark must scale to 50k routes and be reproducible on any machine, and we
may not commit anyone's real app. The shapes come from the customer's app and the constructs the
extractors must handle (nested groups in both forms, resources, `Controller@method` strings,
closures, Inertia pages, closure and class commands; constants, nested and merged routers,
`route_layer`/`layer`, handlers across modules, `main.rs` serve → lib builder).

Output (one directory per size, deterministic for a given seed):

    bench/work/n<N>/.manifest-lint.toml
    bench/work/n<N>/legacy/    Laravel 11 app (bootstrap/app.php withRouting)
    bench/work/n<N>/service/   axum 0.7 crate (bin + lib)
    bench/work/n<N>/docs/parity-plan.md
    bench/work/n<N>/expected.json   route counts per side, for the runner's sanity check

Usage: python bench/generate.py [--sizes 100,1000] [--out bench/work] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SIZES = (100, 1_000, 10_000, 50_000)
# Bumped whenever the generated code changes, so bench/run.py regenerates stale projects.
GENERATOR_VERSION = 2
DOMAINS_PER_ROUTE_FILE = 12
HERE = Path(__file__).resolve().parent
WORDS = (
    "account",
    "billing",
    "catalog",
    "delivery",
    "event",
    "feed",
    "gateway",
    "invoice",
    "journal",
    "ledger",
    "member",
    "notice",
    "order",
    "payout",
    "quota",
    "report",
    "session",
    "ticket",
    "upload",
    "voucher",
    "wallet",
)


@dataclass(frozen=True, slots=True)
class LRoute:
    """One Laravel route as the router lists it: method + URI in Laravel syntax, plus its domain."""

    method: str
    uri: str
    domain: int


def studly(name: str) -> str:
    return "".join(part.capitalize() for part in name.replace("-", "_").split("_"))


def domain_name(index: int, rng: random.Random) -> str:
    return f"{rng.choice(WORDS)}_{index:05d}"


# --------------------------------------------------------------------------------------------
# Laravel side
# --------------------------------------------------------------------------------------------


def laravel_domain_routes(slug: str, index: int) -> list[LRoute]:
    """The routes `laravel_domain_block` registers, in Laravel's own listing (one per method)."""
    base = f"api/{slug}"
    item = f"{base}/items/{{item}}"
    uris: list[tuple[str, str]] = [
        ("GET", base),
        ("POST", base),
        ("GET", item),
        ("PUT", item),
        ("DELETE", item),
        ("GET", f"{item}/notes"),
        ("POST", f"{item}/notes"),
        ("GET", f"{base}/widgets"),
        ("POST", f"{base}/widgets"),
        ("GET", f"{base}/widgets/{{widget}}"),
        ("PUT", f"{base}/widgets/{{widget}}"),
        ("PATCH", f"{base}/widgets/{{widget}}"),
        ("DELETE", f"{base}/widgets/{{widget}}"),
        ("GET", f"{base}/reports"),
        ("GET", f"{base}/reports/{{report}}"),
        ("GET", f"{base}/export"),
        ("GET", f"{base}/search"),
        ("POST", f"{base}/search"),
        ("GET", f"{base}/ping"),
        ("POST", f"{base}/sync"),
        ("GET", f"{base}/settings/{{section?}}"),
        ("GET", slug.replace("_", "-")),
        ("GET", f"{slug.replace('_', '-')}/{{id}}"),
    ]
    return [LRoute(method, uri, index) for method, uri in uris]


def laravel_domain_block(slug: str) -> str:
    """Route registrations of one domain: every group form and registration API we care about."""
    cls = studly(slug)
    return f"""
Route::prefix('{slug}')->name('{slug}.')->middleware(['auth:sanctum', 'verified'])->group(function () {{
    Route::get('/', [{cls}Controller::class, 'index'])->name('index');
    Route::post('/', [{cls}Controller::class, 'store'])->name('store')->middleware('throttle:30,1');

    Route::group([
        'prefix' => 'items/{{item}}', 'as' => 'items.', 'middleware' => 'can:view,item',
    ], function () {{
        Route::get('/', [{cls}Controller::class, 'show'])->name('show');
        Route::put('/', [{cls}Controller::class, 'update'])->name('update');
        Route::delete('/', [{cls}Controller::class, 'destroy'])->name('destroy');
        Route::controller({cls}NoteController::class)->prefix('notes')->name('notes.')->group(function () {{
            Route::get('/', 'index')->name('index');
            Route::post('/', 'store')->name('store');
        }});
    }});

    Route::apiResource('widgets', {cls}WidgetController::class);
    Route::resource('reports', {cls}ReportController::class)->only(['index', 'show']);
    Route::get('export', 'App\\Http\\Controllers\\Api\\{cls}Controller@export')->name('export');
    Route::match(['get', 'post'], 'search', [{cls}Controller::class, 'search'])->name('search');
    Route::get('ping', function () {{
        return response()->json(['ok' => true]);
    }})->withoutMiddleware('verified');
    Route::post('sync', {cls}SyncController::class)->name('sync');
    Route::get('settings/{{section?}}', [{cls}Controller::class, 'settings'])->name('settings');
}});
"""


def laravel_web_block(slug: str) -> str:
    """Inertia pages as closures (not the `Route::inertia` macro, which the Laravel 8 oracle lacks)."""
    page = studly(slug)
    url = slug.replace("_", "-")
    return (
        f"Route::get('{url}', fn () => Inertia::render('{page}/Index'))->name('{slug}.page');\n"
        f"Route::get('{url}/{{id}}', fn (string $id) => Inertia::render('{page}/Show', ['id' => $id]))"
        f"->name('{slug}.page.show');\n"
    )


def controller_source(slug: str, suffix: str, methods: tuple[str, ...]) -> str:
    cls = f"{studly(slug)}{suffix}"
    body = "\n".join(
        f"    public function {name}(Request $request)\n    {{\n"
        f"        return response()->json(['{slug}' => '{name}']);\n    }}\n"
        for name in methods
    )
    return (
        "<?php\n\nnamespace App\\Http\\Controllers\\Api;\n\nuse App\\Http\\Controllers\\Controller;\n"
        f"use Illuminate\\Http\\Request;\n\nclass {cls} extends Controller\n{{\n{body}}}\n"
    )


def command_source(slug: str) -> str:
    cls = f"{studly(slug)}Sync"
    return f"""<?php

namespace App\\Console\\Commands;

use Illuminate\\Console\\Command;

class {cls} extends Command
{{
    protected $signature = '{slug}:sync {{id : The record}} {{--force : Skip checks}} {{--batch=100}}';

    protected $description = 'Synchronise {slug} records';

    public function handle(): int
    {{
        return self::SUCCESS;
    }}
}}
"""


def write_laravel(root: Path, slugs: list[str]) -> int:
    """Write the app; returns how many route files it has."""
    (root / "artisan").write_text("#!/usr/bin/env php\n<?php\n// bench app: never run\n")
    composer = {
        "name": "bench/legacy",
        "require": {"php": "^8.2", "laravel/framework": "^11.0", "inertiajs/inertia-laravel": "^1.0"},
        "autoload": {"psr-4": {"App\\": "app/"}},
    }
    (root / "composer.json").write_text(json.dumps(composer, indent=4) + "\n")
    (root / "bootstrap").mkdir()
    (root / "bootstrap" / "app.php").write_text(
        """<?php

use Illuminate\\Foundation\\Application;
use Illuminate\\Foundation\\Configuration\\Exceptions;
use Illuminate\\Foundation\\Configuration\\Middleware;
use Illuminate\\Support\\Facades\\Route;

return Application::configure(basePath: dirname(__DIR__))
    ->withRouting(
        web: __DIR__.'/../routes/web.php',
        api: __DIR__.'/../routes/api.php',
        commands: __DIR__.'/../routes/console.php',
        health: '/up',
        then: function () {
            Route::middleware(['web', 'auth', 'admin'])
                ->prefix('admin')
                ->name('admin.')
                ->group(base_path('routes/admin.php'));
        },
    )
    ->withMiddleware(function (Middleware $middleware) {
        $middleware->alias(['admin' => \\App\\Http\\Middleware\\EnsureAdmin::class]);
    })
    ->withExceptions(function (Exceptions $exceptions) {
        //
    })->create();
"""
    )
    routes = root / "routes"
    (routes / "api").mkdir(parents=True)
    chunks = [slugs[i : i + DOMAINS_PER_ROUTE_FILE] for i in range(0, len(slugs), DOMAINS_PER_ROUTE_FILE)]
    requires = []
    for number, chunk in enumerate(chunks):
        uses = "".join(
            f"use App\\Http\\Controllers\\Api\\{studly(s)}{suffix};\n"
            for s in chunk
            for suffix in (
                "Controller",
                "NoteController",
                "WidgetController",
                "ReportController",
                "SyncController",
            )
        )
        body = "".join(laravel_domain_block(s) for s in chunk)
        (routes / "api" / f"part{number:04d}.php").write_text(
            f"<?php\n\nuse Illuminate\\Support\\Facades\\Route;\n{uses}{body}"
        )
        requires.append(f"require __DIR__.'/api/part{number:04d}.php';\n")
    (routes / "api.php").write_text(
        "<?php\n\nuse Illuminate\\Support\\Facades\\Route;\n\n"
        "Route::get('/user', fn () => request()->user())->middleware('auth:sanctum');\n\n" + "".join(requires)
    )
    web = "".join(laravel_web_block(s) for s in slugs)
    (routes / "web.php").write_text(
        "<?php\n\nuse Illuminate\\Support\\Facades\\Route;\nuse Inertia\\Inertia;\n\n"
        "Route::get('/', fn () => Inertia::render('Welcome'))->name('home');\n\n"
        "Route::middleware(['auth'])->group(function () {\n" + web + "});\n"
    )
    (routes / "admin.php").write_text(
        "<?php\n\nuse Illuminate\\Support\\Facades\\Route;\n\n"
        "Route::get('/', fn () => Inertia\\Inertia::render('Admin/Dashboard'))->name('dashboard');\n"
    )
    console = "".join(
        f"Artisan::command('{s}:prune {{--days=30}}', function () {{\n"
        f"    $this->info('pruned');\n}})->purpose('Prune old {s} records');\n\n"
        for s in slugs
    )
    (routes / "console.php").write_text(
        "<?php\n\nuse Illuminate\\Support\\Facades\\Artisan;\n\n"
        "Artisan::command('inspire', function () {\n    $this->comment('ok');\n})"
        "->purpose('Display an inspiring quote');\n\n" + console
    )
    controllers = root / "app" / "Http" / "Controllers" / "Api"
    controllers.mkdir(parents=True)
    (root / "app" / "Http" / "Controllers" / "Controller.php").write_text(
        "<?php\n\nnamespace App\\Http\\Controllers;\n\nabstract class Controller\n{\n}\n"
    )
    (root / "app" / "Http" / "Middleware").mkdir()
    (root / "app" / "Http" / "Middleware" / "EnsureAdmin.php").write_text(
        "<?php\n\nnamespace App\\Http\\Middleware;\n\nclass EnsureAdmin\n{\n}\n"
    )
    commands = root / "app" / "Console" / "Commands"
    commands.mkdir(parents=True)
    pages = root / "resources" / "js" / "Pages"
    (pages / "Admin").mkdir(parents=True)
    (pages / "Welcome.tsx").write_text("export default function Welcome() { return null; }\n")
    (pages / "Admin" / "Dashboard.tsx").write_text("export default function Dashboard() { return null; }\n")
    resource = ("index", "store", "show", "update", "destroy")
    for slug in slugs:
        controller_files = {
            "Controller": ("index", "store", "show", "update", "destroy", "export", "search", "settings"),
            "NoteController": ("index", "store"),
            "WidgetController": resource,
            "ReportController": ("index", "show"),
            "SyncController": ("__invoke",),
        }
        for suffix, methods in controller_files.items():
            (controllers / f"{studly(slug)}{suffix}.php").write_text(controller_source(slug, suffix, methods))
        (commands / f"{studly(slug)}Sync.php").write_text(command_source(slug))
        page_dir = pages / studly(slug)
        page_dir.mkdir()
        for page in ("Index", "Show"):
            (page_dir / f"{page}.tsx").write_text(f"export default function {page}() {{ return null; }}\n")
    return len(chunks) + 4


# --------------------------------------------------------------------------------------------
# axum side
# --------------------------------------------------------------------------------------------


def rust_domain_module(slug: str, ported: set[tuple[str, str]], base: str) -> tuple[str, int]:
    """One domain's router module (nested under `/api/<slug>`); returns source and route count."""
    upper = slug.upper()
    item = f"{base}/items/{{item}}"
    count = 0

    def has(method: str, uri: str) -> bool:
        return (method, uri) in ported

    def chain(pairs: list[tuple[str, str, str]]) -> str:
        nonlocal count
        parts = [f"{fn}(h::{handler})" for method, fn, handler in pairs]
        count += len(parts)
        return ".".join(parts)

    def route(path: str, uri: str, pairs: list[tuple[str, str, str]]) -> str:
        kept = [p for p in pairs if has(p[0], uri)]
        return f"\n        .route({path}, {chain(kept)})" if kept else ""

    item_routes = route(
        '"/"', item, [("GET", "get", "show"), ("PUT", "put", "update"), ("DELETE", "delete", "destroy")]
    ) + route('"/notes"', f"{item}/notes", [("GET", "get", "notes_index"), ("POST", "post", "notes_store")])
    widget = f"{base}/widgets/{{widget}}"
    body = (
        route(f"paths::{upper}_ROOT", base, [("GET", "get", "index"), ("POST", "post", "store")])
        + route(
            f"paths::{upper}_WIDGETS",
            f"{base}/widgets",
            [("GET", "get", "widgets"), ("POST", "post", "widget_store")],
        )
        + route(
            '"/widgets/:widget"',
            widget,
            [
                ("GET", "get", "widget"),
                ("PUT", "put", "widget_update"),
                ("PATCH", "patch", "widget_update"),
                ("DELETE", "delete", "widget_destroy"),
            ],
        )
        + route('"/reports"', f"{base}/reports", [("GET", "get", "reports")])
        + route('"/reports/:report"', f"{base}/reports/{{report}}", [("GET", "get", "report")])
        + route(f"paths::{upper}_EXPORT", f"{base}/export", [("GET", "get", "export")])
        + route('"/search"', f"{base}/search", [("GET", "get", "search"), ("POST", "post", "search")])
        + route('"/sync"', f"{base}/sync", [("POST", "post", "sync")])
        + route('"/settings/:section"', f"{base}/settings/{{section?}}", [("GET", "get", "settings")])
    )
    ping = route('"/ping"', f"{base}/ping", [("GET", "get", "ping")])
    items = f"    let items = Router::new(){item_routes};\n" if item_routes else ""
    nest = '\n        .nest("/items/:item", items)' if item_routes else ""
    # axum panics on `route_layer` before any route, so a domain with nothing ported gets none.
    layer = "\n        .route_layer(middleware::from_fn(require_auth))" if body or nest else ""
    source = f"""//! Routes of the {slug} domain.

use axum::{{
    middleware,
    routing::{{delete, get, patch, post, put}},
    Router,
}};

use crate::auth::require_auth;
use crate::handlers::{slug} as h;
use crate::paths;
use crate::state::AppState;

pub fn router() -> Router<AppState> {{
{items}    Router::new(){body}{nest}{layer}{ping}
}}
"""
    return source, count


def rust_handlers(slug: str) -> str:
    names = [
        "index",
        "store",
        "show",
        "update",
        "destroy",
        "notes_index",
        "notes_store",
        "widgets",
        "widget_store",
        "widget",
        "widget_update",
        "widget_destroy",
        "reports",
        "report",
        "export",
        "search",
        "sync",
        "settings",
        "ping",
        "status",
    ]
    return f"//! Handlers of the {slug} domain.\n\n" + "".join(
        f'pub async fn {name}() -> &\'static str {{\n    "{slug}:{name}"\n}}\n\n' for name in names
    )


def write_rust(root: Path, slugs: list[str], ported: set[tuple[str, str]]) -> int:
    """Write the crate; returns its route count (ported Laravel routes + Rust-only ones)."""
    (root / "Cargo.toml").write_text(
        '[package]\nname = "bench-service"\nversion = "0.1.0"\nedition = "2021"\n\n'
        '[dependencies]\naxum = "0.7"\ntokio = { version = "1", features = ["full"] }\n'
        'tower-http = { version = "0.5", features = ["trace"] }\n'
    )
    src = root / "src"
    (src / "routes").mkdir(parents=True)
    (src / "handlers").mkdir()
    (src / "main.rs").write_text(
        """use bench_service::{build_router, state::AppState};

#[tokio::main]
async fn main() {
    let state = AppState::default();
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await.unwrap();
    axum::serve(listener, build_router(state)).await.unwrap();
}
"""
    )
    (src / "lib.rs").write_text(
        """pub mod auth;
pub mod handlers;
pub mod paths;
pub mod routes;
pub mod state;

use axum::Router;
use tower_http::trace::TraceLayer;

pub fn build_router(state: state::AppState) -> Router {
    routes::router().layer(TraceLayer::new_for_http()).with_state(state)
}
"""
    )
    (src / "state.rs").write_text("#[derive(Clone, Default)]\npub struct AppState;\n")
    (src / "auth.rs").write_text(
        "use axum::{extract::Request, middleware::Next, response::Response};\n\n"
        "pub async fn require_auth(request: Request, next: Next) -> Response {\n"
        "    next.run(request).await\n}\n"
    )
    consts = "".join(
        f'pub const {s.upper()}_ROOT: &str = "/";\n'
        f'pub const {s.upper()}_WIDGETS: &str = "/widgets";\n'
        f'pub const {s.upper()}_EXPORT: &str = "/export";\n'
        for s in slugs
    )
    (src / "paths.rs").write_text("//! Route path constants, one block per domain.\n\n" + consts)
    total = 0
    mods = []
    nests = []
    for slug in slugs:
        base = f"api/{slug}"
        source, count = rust_domain_module(slug, ported, base)
        total += count
        (src / "routes" / f"{slug}.rs").write_text(source)
        (src / "handlers" / f"{slug}.rs").write_text(rust_handlers(slug))
        mods.append(f"pub mod {slug};\n")
        nests.append(f'        .nest("/api/{slug}", {slug}::router())\n')
    (src / "handlers" / "mod.rs").write_text("".join(mods))
    pages = "".join(
        f'        .route("/{s.replace("_", "-")}", get(spa))\n'
        f'        .route("/{s.replace("_", "-")}/:id", get(spa))\n'
        for s in slugs
        if ("GET", s.replace("_", "-")) in ported
    )
    total += sum(2 for s in slugs if ("GET", s.replace("_", "-")) in ported)
    status = "".join(f'        .route("/api/v2/{s}/status", get(handlers::{s}::status))\n' for s in slugs)
    total += len(slugs) + 2
    (src / "routes" / "mod.rs").write_text(
        "".join(mods)
        + """
use axum::{routing::get, Router};

use crate::handlers;
use crate::state::AppState;

async fn healthz() -> &'static str {
    "ok"
}

async fn spa() -> &'static str {
    "<html></html>"
}

fn pages() -> Router<AppState> {
    Router::new()
"""
        + pages
        + """}

fn v2() -> Router<AppState> {
    Router::new()
"""
        + status
        + """}

pub fn router() -> Router<AppState> {
    let api = Router::new()
"""
        + "".join(nests)
        + """        ;
    Router::new()
        .route("/healthz", get(healthz))
        .route("/", get(spa))
        .merge(pages())
        .merge(v2())
        .merge(api)
}
"""
    )
    return total


# --------------------------------------------------------------------------------------------
# plan + config
# --------------------------------------------------------------------------------------------


def write_plan(path: Path, slugs: list[str], routes: list[LRoute], rng: random.Random) -> int:
    """The customer's markdown form; ~3% of routes left uncovered, a few stale and retired entries."""
    lines = ["# Bench parity plan", "", "## 6) Issue Backlog", ""]
    for number, slug in enumerate(slugs, start=1):
        lines.append(f"{number}. **OA-BENCH-{number:05d} - Port the {slug} domain**")
        lines.append(f"Description: Port every {slug} endpoint and page.")
        lines.append("")
    lines += ["## 7) Endpoint Coverage Map", ""]
    entries = 0
    current = -1
    for route in routes:
        if route.domain != current:
            current = route.domain
            lines += ["", f"### {slugs[current]}", ""]
        roll = rng.random()
        if roll < 0.03:
            continue
        owner = f"OA-BENCH-{route.domain + 1:05d}"
        if roll < 0.04:
            owner = "retired (superseded by the v2 API)"
        elif roll < 0.06:
            owner = f"{owner} and OA-BENCH-{(route.domain + 2) % len(slugs) + 1:05d}"
        lines.append(f"- `{route.method} {route.uri}` -> {owner}")
        entries += 1
        if roll > 0.995:
            lines.append(f"- `GET {route.uri}/legacy-stale` -> {owner}")
            entries += 1
    path.write_text("\n".join(lines) + "\n")
    return entries


def generate(out: Path, size: int, seed: int) -> dict[str, object]:
    """Write one project of about `size` routes per side into `out/n<size>`; returns its summary."""
    rng = random.Random(seed * 1_000_003 + size)
    per_domain = 23
    domains = max(1, round(size / per_domain))
    slugs = [domain_name(i, rng) for i in range(domains)]
    routes = [r for i, slug in enumerate(slugs) for r in laravel_domain_routes(slug, i)]
    # Every 10th domain is not ported; elsewhere ~8% of single routes are missing on the Rust side.
    ported = {
        (r.method, r.uri)
        for r in routes
        if r.domain % 10 != 9 and rng.random() > 0.08 and r.uri != f"api/{slugs[r.domain]}/ping"
    }
    ported |= {("GET", f"api/{s}/ping") for i, s in enumerate(slugs) if i % 10 != 9}
    target = out / f"n{size}"
    if target.exists():
        shutil.rmtree(target)
    (target / "legacy").mkdir(parents=True)
    (target / "service").mkdir()
    (target / "docs").mkdir()
    route_files = write_laravel(target / "legacy", slugs)
    rust_routes = write_rust(target / "service", slugs, ported)
    plan_entries = write_plan(target / "docs" / "parity-plan.md", slugs, routes, rng)
    (target / ".manifest-lint.toml").write_text(
        'legacy = "legacy"\ntarget = ["service"]\nplan = ["docs/parity-plan.md"]\n'
    )
    laravel_routes = (
        len(routes) + 3
    )  # + /user, the welcome page, the admin dashboard (+ /up from the catalog)
    summary: dict[str, object] = {
        "generator": GENERATOR_VERSION,
        "size": size,
        "seed": seed,
        "domains": domains,
        "laravel_routes": laravel_routes,
        "laravel_route_files": route_files,
        "rust_routes": rust_routes,
        "plan_entries": plan_entries,
        "commands": domains * 2 + 1,
        "pages": domains * 2 + 2,
    }
    (target / "expected.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES))
    parser.add_argument("--out", type=Path, default=HERE / "work")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        summary = generate(args.out, size, args.seed)
        print(json.dumps(summary, sort_keys=True))


if __name__ == "__main__":
    main()
