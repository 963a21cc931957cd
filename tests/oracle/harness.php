<?php
/*
 * Differential oracle: boots only Debian's Laravel 8.83 Router and prints the routes an app registers.
 *
 * Usage:
 *   php harness.php APP_ROOT [--env NAME] [--mode files|bootstrap] [--resolve-aliases]
 *   php harness.php --batch APP_ROOT... [--env NAME] [--mode ...] [--resolve-aliases]
 *
 * Single root: a JSON array of {method, uri, name, action, middleware, domain} on stdout.
 * Batch: one JSON line per root, {"root": R, "routes": [...]} or {"root": R, "error": "..."}; a fresh
 * container and Router per root. Lines are flushed as they go, so a fatal error only loses the current root.
 *
 * Exit codes: 0 ok, 2 bad usage, 3 the router (or the app's PHP) rejected the app.
 * Never touches the network and needs no composer: only /usr/share/php autoloaders.
 */

namespace {

ini_set('display_errors', 'stderr');

// These helpers are declared at compile time, before the framework's helpers.php files load, so ours win.

function app($abstract = null, array $parameters = [])
{
    $app = \Illuminate\Container\Container::getInstance();

    return $abstract === null ? $app : $app->make($abstract, $parameters);
}

function env($key, $default = null)
{
    if ($key === 'APP_ENV') {
        return \OracleState::$env;
    }

    return $default instanceof \Closure ? $default() : $default;
}

function config($key = null, $default = null)
{
    $config = \OracleState::$config;
    if ($key === null) {
        return $config;
    }
    if (is_array($key)) {
        $config->set($key);

        return null;
    }

    return $config->get($key, $default);
}

function base_path($path = '')
{
    return app()->basePath($path);
}

function app_path($path = '')
{
    return app()->path($path);
}

function config_path($path = '')
{
    return app()->configPath($path);
}

function database_path($path = '')
{
    return app()->databasePath($path);
}

function resource_path($path = '')
{
    return app()->resourcePath($path);
}

function storage_path($path = '')
{
    return app()->storagePath($path);
}

function public_path($path = '')
{
    return app()->publicPath($path);
}

function lang_path($path = '')
{
    return app()->langPath($path);
}

function __($key = null, $replace = [], $locale = null)
{
    return $key;
}

function trans($key = null, $replace = [], $locale = null)
{
    return $key;
}

function oracle_join($base, $path)
{
    return $path === '' || $path === null ? $base : $base.DIRECTORY_SEPARATOR.ltrim($path, '/\\');
}

/** Mutable per-root state shared by the helpers above and the autoloader fallback. */
final class OracleState
{
    public static $env = 'production';
    public static $config;
    public static $root = '';
    public static $psr4 = [];
    public static $warnings = [];
}

foreach (['Container', 'Events', 'Config', 'Routing', 'Auth', 'Session', 'Cookie', 'View'] as $component) {
    require_once '/usr/share/php/Illuminate/'.$component.'/autoload.php';
}

}

namespace Illuminate\Foundation {

/** Stands in for the real Application: a Container with the environment and path methods route files call. */
class Application extends \Illuminate\Container\Container
{
    protected $basePath;

    public function __construct($basePath = null)
    {
        $this->basePath = $basePath === null ? \OracleState::$root : rtrim($basePath, '/\\');
    }

    public static function configure(?string $basePath = null)
    {
        return new Configuration\OracleApplicationBuilder(\Illuminate\Container\Container::getInstance());
    }

    public function version()
    {
        return '8.83.26-oracle';
    }

    public function environment(...$environments)
    {
        if (count($environments) > 0) {
            $patterns = is_array($environments[0]) ? $environments[0] : $environments;

            return \Illuminate\Support\Str::is($patterns, \OracleState::$env);
        }

        return \OracleState::$env;
    }

    public function isLocal()
    {
        return \OracleState::$env === 'local';
    }

    public function isProduction()
    {
        return \OracleState::$env === 'production';
    }

    public function runningUnitTests()
    {
        return \OracleState::$env === 'testing';
    }

    public function runningInConsole()
    {
        return true;
    }

    public function routesAreCached()
    {
        return false;
    }

    public function configurationIsCached()
    {
        return false;
    }

    public function isDownForMaintenance()
    {
        return false;
    }

    public function getLocale()
    {
        return 'en';
    }

    public function basePath($path = '')
    {
        return \oracle_join($this->basePath, $path);
    }

    public function path($path = '')
    {
        return \oracle_join($this->basePath.DIRECTORY_SEPARATOR.'app', $path);
    }

    public function configPath($path = '')
    {
        return \oracle_join($this->basePath.DIRECTORY_SEPARATOR.'config', $path);
    }

    public function databasePath($path = '')
    {
        return \oracle_join($this->basePath.DIRECTORY_SEPARATOR.'database', $path);
    }

    public function resourcePath($path = '')
    {
        return \oracle_join($this->basePath.DIRECTORY_SEPARATOR.'resources', $path);
    }

    public function storagePath($path = '')
    {
        return \oracle_join($this->basePath.DIRECTORY_SEPARATOR.'storage', $path);
    }

    public function publicPath($path = '')
    {
        return \oracle_join($this->basePath.DIRECTORY_SEPARATOR.'public', $path);
    }

    public function langPath($path = '')
    {
        return \oracle_join($this->basePath.DIRECTORY_SEPARATOR.'lang', $path);
    }

    public function bootstrapPath($path = '')
    {
        return \oracle_join($this->basePath.DIRECTORY_SEPARATOR.'bootstrap', $path);
    }

    public function environmentPath()
    {
        return $this->basePath;
    }

    public function booting($callback)
    {
    }

    public function booted($callback)
    {
    }
}

}

namespace OracleRouting {

/**
 * Laravel 10+ keys the collection by all methods (`GET|HEAD|POST` . domain . uri); 8.83 keys by the last
 * method only, so `get('t')` and `match(['get','post'],'t')` would collide here but not in the apps we model.
 */
class RouteCollection extends \Illuminate\Routing\RouteCollection
{
    protected function addToCollections($route)
    {
        $methods = $route->methods();
        $domainAndUri = $route->getDomain().$route->uri();

        foreach ($methods as $method) {
            $this->routes[$method][$domainAndUri] = $route;
        }

        $this->allRoutes[implode('|', $methods).$domainAndUri] = $route;
    }
}

}

namespace Illuminate\Foundation\Configuration {

/** Records withRouting() arguments from bootstrap/app.php; every other builder call is accepted and ignored. */
class OracleApplicationBuilder
{
    public static $routing = null;

    protected $app;

    public function __construct($app)
    {
        $this->app = $app;
    }

    public function withRouting(?\Closure $using = null,
        array|string|null $web = null,
        array|string|null $api = null,
        ?string $commands = null,
        ?string $channels = null,
        ?string $pages = null,
        ?string $health = null,
        string $apiPrefix = 'api',
        ?callable $then = null)
    {
        static::$routing = compact('using', 'web', 'api', 'commands', 'channels', 'pages', 'health', 'apiPrefix', 'then');

        return $this;
    }

    public function withMiddleware(?callable $callback = null)
    {
        return $this;
    }

    public function withExceptions(?callable $using = null)
    {
        return $this;
    }

    public function withProviders(array $providers = [], bool $withBootstrapProviders = true)
    {
        return $this;
    }

    public function withCommands(array $commands = [])
    {
        return $this;
    }

    public function withEvents(array|bool $discover = [])
    {
        return $this;
    }

    public function withBroadcasting(string $channels = '', array $attributes = [])
    {
        return $this;
    }

    public function withSchedule(?callable $callback = null)
    {
        return $this;
    }

    public function create()
    {
        return $this->app;
    }

    public function __call($method, $parameters)
    {
        return $this;
    }
}

}

namespace {

use Illuminate\Config\Repository;
use Illuminate\Events\Dispatcher;
use Illuminate\Foundation\Application;
use Illuminate\Foundation\Configuration\OracleApplicationBuilder;
use Illuminate\Routing\PendingResourceRegistration;
use Illuminate\Routing\ResourceRegistrar;
use Illuminate\Routing\Route as RoutingRoute;
use Illuminate\Routing\Router;
use Illuminate\Support\Facades\Facade;
use Illuminate\Support\Facades\Route;

/** Raised for bad command-line usage (exit 2), as opposed to the app being rejected (exit 3). */
final class OracleUsageError extends \Exception
{
}

const ORACLE_DEFAULT_ALIASES = [
    'auth' => 'Illuminate\Auth\Middleware\Authenticate',
    'auth.basic' => 'Illuminate\Auth\Middleware\AuthenticateWithBasicAuth',
    'auth.session' => 'Illuminate\Session\Middleware\AuthenticateSession',
    'cache.headers' => 'Illuminate\Http\Middleware\SetCacheHeaders',
    'can' => 'Illuminate\Auth\Middleware\Authorize',
    'guest' => 'Illuminate\Auth\Middleware\RedirectIfAuthenticated',
    'password.confirm' => 'Illuminate\Auth\Middleware\RequirePassword',
    'precognitive' => 'Illuminate\Foundation\Http\Middleware\HandlePrecognitiveRequests',
    'signed' => 'Illuminate\Routing\Middleware\ValidateSignature',
    'throttle' => 'Illuminate\Routing\Middleware\ThrottleRequests',
    'verified' => 'Illuminate\Auth\Middleware\EnsureEmailIsVerified',
];

const ORACLE_PRIORITY = [
    'Illuminate\Foundation\Http\Middleware\HandlePrecognitiveRequests',
    'Illuminate\Cookie\Middleware\EncryptCookies',
    'Illuminate\Cookie\Middleware\AddQueuedCookiesToResponse',
    'Illuminate\Session\Middleware\StartSession',
    'Illuminate\View\Middleware\ShareErrorsFromSession',
    'Illuminate\Contracts\Auth\Middleware\AuthenticatesRequests',
    'Illuminate\Routing\Middleware\ThrottleRequests',
    'Illuminate\Routing\Middleware\ThrottleRequestsWithRedis',
    'Illuminate\Contracts\Session\Middleware\AuthenticatesSessions',
    'Illuminate\Routing\Middleware\SubstituteBindings',
    'Illuminate\Auth\Middleware\Authorize',
];

/** A namespaced, syntactically valid class name; anything else (bare names, `X@m`, `a:b`) is never stubbed. */
function oracle_valid_class_name(string $class): bool
{
    $segment = '[A-Za-z_\x80-\xff][A-Za-z0-9_\x80-\xff]*';

    return (bool) preg_match('/^'.$segment.'(\\\\'.$segment.')+$/', $class);
}

/** The app's own file for $class under a psr-4 prefix, if it declares a class with no parent, interface or trait. */
function oracle_simple_app_file(string $class): ?string
{
    foreach (OracleState::$psr4 as $prefix => $dirs) {
        if ($prefix === '' || strncmp($class, $prefix, strlen($prefix)) !== 0) {
            continue;
        }
        $relative = str_replace('\\', '/', substr($class, strlen($prefix))).'.php';
        foreach ((array) $dirs as $dir) {
            $file = OracleState::$root.'/'.trim($dir, '/').'/'.$relative;
            if (is_file($file) && oracle_is_standalone_declaration((string) file_get_contents($file))) {
                return $file;
            }
        }
    }

    return null;
}

function oracle_is_standalone_declaration(string $source): bool
{
    $inBody = false;
    foreach (token_get_all($source) as $token) {
        if (! is_array($token)) {
            if ($token === '{' && $inBody === false) {
                $inBody = null;
            }
            continue;
        }
        if (in_array($token[0], [T_EXTENDS, T_IMPLEMENTS], true)) {
            return false;
        }
        if (in_array($token[0], [T_CLASS, T_ENUM, T_TRAIT, T_INTERFACE], true)) {
            $inBody = true;
        }
        if ($token[0] === T_USE && $inBody !== false) {
            return false;
        }
    }

    return true;
}

/** Laravel's default facade aliases (AliasLoader), for route files that write `Route::` without an import. */
const ORACLE_FACADE_ALIASES = [
    'App' => 'Illuminate\Support\Facades\App',
    'Arr' => 'Illuminate\Support\Arr',
    'Config' => 'Illuminate\Support\Facades\Config',
    'Event' => 'Illuminate\Support\Facades\Event',
    'Route' => 'Illuminate\Support\Facades\Route',
    'Str' => 'Illuminate\Support\Str',
];

function oracle_autoload(string $class): void
{
    if (isset(ORACLE_FACADE_ALIASES[$class])) {
        class_alias(ORACLE_FACADE_ALIASES[$class], $class);

        return;
    }
    if (! oracle_valid_class_name($class)) {
        return;
    }
    $file = oracle_simple_app_file($class);
    if ($file !== null) {
        (static function () use ($file) {
            require_once $file;
        })();
        if (class_exists($class, false) || enum_exists($class, false) || interface_exists($class, false)) {
            return;
        }
    }
    $pos = strrpos($class, '\\');
    $namespace = substr($class, 0, $pos);
    $short = substr($class, $pos + 1);
    try {
        eval('namespace '.$namespace.'; class '.$short.' {'
            .' public function __invoke(...$a) { return null; }'
            .' public function __call($m, $a) { return null; }'
            .' public static function __callStatic($m, $a) { return null; } }');
    } catch (\ParseError $e) {
        return;
    }
}

function oracle_load_config(string $root): Repository
{
    $items = [];
    foreach (glob($root.'/config/*.php') ?: [] as $file) {
        try {
            $value = (static function () use ($file) {
                return require $file;
            })();
            if (is_array($value)) {
                $items[basename($file, '.php')] = $value;
            }
        } catch (\Throwable $e) {
            OracleState::$warnings[] = 'skipped '.$file.': '.$e->getMessage();
        }
    }
    $config = new Repository($items);
    $config->set('app.env', OracleState::$env);

    return $config;
}

function oracle_psr4(string $root): array
{
    $composer = $root.'/composer.json';
    if (is_file($composer)) {
        $data = json_decode((string) file_get_contents($composer), true);
        if (is_array($data) && isset($data['autoload']['psr-4']) && is_array($data['autoload']['psr-4'])) {
            return $data['autoload']['psr-4'];
        }
    }

    return ['App\\' => 'app/'];
}

/** A fresh container, dispatcher and Router for one app, with static router state reset. */
function oracle_boot(string $root, bool $resolveAliases): Router
{
    OracleState::$root = $root;
    OracleState::$psr4 = oracle_psr4($root);
    OracleApplicationBuilder::$routing = null;

    $app = new Application($root);
    Application::setInstance($app);
    $app->instance('app', $app);
    $app->instance(Application::class, $app);
    $app->instance(\Illuminate\Container\Container::class, $app);
    $app->instance('env', OracleState::$env);
    // A provisional repository so config files that call config() while loading see app.env.
    OracleState::$config = new Repository(['app' => ['env' => OracleState::$env]]);
    OracleState::$config = oracle_load_config($root);
    $app->instance('config', OracleState::$config);

    // Laravel 8 builds every controller to ask for its middleware; these two need HTTP services we lack.
    foreach ([\Illuminate\Routing\ViewController::class, \Illuminate\Routing\RedirectController::class] as $class) {
        $app->bind($class, static function () use ($class) {
            return (new \ReflectionClass($class))->newInstanceWithoutConstructor();
        });
    }

    $events = new Dispatcher($app);
    $app->instance('events', $events);
    $router = new Router($events, $app);
    $router->setRoutes(new \OracleRouting\RouteCollection());
    $app->instance('router', $router);
    $app->instance(Router::class, $router);
    $router->middlewarePriority = ORACLE_PRIORITY;
    if ($resolveAliases) {
        foreach (ORACLE_DEFAULT_ALIASES as $alias => $class) {
            $router->aliasMiddleware($alias, $class);
        }
    }

    Router::flushMacros();
    RoutingRoute::flushMacros();
    PendingResourceRegistration::flushMacros();
    ResourceRegistrar::verbs(['create' => 'create', 'edit' => 'edit']);
    ResourceRegistrar::setParameters([]);
    ResourceRegistrar::singularParameters(true);
    Facade::clearResolvedInstances();
    Facade::setFacadeApplication($app);

    return $router;
}

function oracle_load_files(string $root): void
{
    if (is_file($root.'/routes/api.php')) {
        Route::middleware('api')->prefix('api')->group($root.'/routes/api.php');
    }
    if (is_file($root.'/routes/web.php')) {
        Route::middleware('web')->group($root.'/routes/web.php');
    }
}

/** Mirrors Laravel 12's ApplicationBuilder::withRouting/buildRoutingCallback for the recorded arguments. */
function oracle_load_bootstrap(string $root, Application $app): void
{
    $file = $root.'/bootstrap/app.php';
    if (! is_file($file)) {
        throw new \RuntimeException('no bootstrap/app.php in '.$root);
    }
    (static function () use ($file) {
        return require $file;
    })();
    $r = OracleApplicationBuilder::$routing;
    if ($r === null) {
        return;
    }
    $web = $r['web'];
    $api = $r['api'];
    $health = $r['health'];
    $then = $r['then'];
    $using = $r['using'];
    if ($using === null && (is_string($web) || is_array($web) || is_string($api) || is_array($api)
        || is_string($r['pages']) || is_string($health)) || is_callable($then)) {
        $using = static function () use ($web, $api, $health, $then, $r, $app) {
            foreach (is_array($api) ? $api : ($api === null ? [] : [$api]) as $path) {
                if (! is_array($api) || realpath($path) !== false) {
                    Route::middleware('api')->prefix($r['apiPrefix'])->group($path);
                }
            }
            if (is_string($health)) {
                Route::get($health, static function () {
                    return 'up';
                });
            }
            foreach (is_array($web) ? $web : ($web === null ? [] : [$web]) as $path) {
                if (! is_array($web) || realpath($path) !== false) {
                    Route::middleware('web')->group($path);
                }
            }
            if (is_callable($then)) {
                $then($app);
            }
        };
    }
    if ($using !== null) {
        $app->call($using);
    }
}

function oracle_middleware_name($m): string
{
    return $m instanceof \Closure ? 'Closure' : (string) $m;
}

/** One record per route and method: HEAD dropped next to GET, OPTIONS dropped from all-verb routes. */
function oracle_export(Router $router): array
{
    $rows = [];
    $seq = 0;
    $allVerbs = Router::$verbs;
    foreach ($router->getRoutes()->getRoutes() as $route) {
        $methods = $route->methods();
        $hasGet = in_array('GET', $methods, true);
        $isAny = count(array_intersect($allVerbs, $methods)) === count($allVerbs);
        $middleware = array_map('oracle_middleware_name', array_values($router->gatherRouteMiddleware($route)));
        $uri = $route->uri();
        $uri = '/'.ltrim($uri, '/');
        foreach ($methods as $method) {
            if (($method === 'HEAD' && $hasGet) || ($method === 'OPTIONS' && $isAny)) {
                continue;
            }
            $rows[] = [
                'key' => $method.' '.$uri,
                'seq' => $seq++,
                'row' => [
                    'method' => $method,
                    'uri' => $uri,
                    'name' => $route->getName(),
                    'action' => ltrim($route->getActionName(), '\\'),
                    'middleware' => $middleware,
                    'domain' => $route->getDomain(),
                ],
            ];
        }
    }
    usort($rows, static function ($a, $b) {
        return strcmp($a['key'], $b['key']) ?: $a['seq'] <=> $b['seq'];
    });

    return array_map(static function ($r) {
        return $r['row'];
    }, $rows);
}

function oracle_routes_for(string $root, string $mode, bool $resolveAliases): array
{
    $router = oracle_boot($root, $resolveAliases);
    if ($mode === 'bootstrap') {
        oracle_load_bootstrap($root, app());
    } else {
        oracle_load_files($root);
    }
    gc_collect_cycles();

    return oracle_export($router);
}

function oracle_describe(\Throwable $e): string
{
    return get_class($e).': '.$e->getMessage().' at '.$e->getFile().':'.$e->getLine();
}

function oracle_json($value): string
{
    return json_encode($value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE
        | JSON_THROW_ON_ERROR);
}

function oracle_parse_args(array $argv): array
{
    $opts = ['roots' => [], 'env' => 'production', 'mode' => 'files', 'resolve' => false, 'batch' => false];
    $args = array_slice($argv, 1);
    while ($args) {
        $arg = array_shift($args);
        if ($arg === '--env' || $arg === '--mode') {
            if (! $args) {
                throw new OracleUsageError($arg.' needs a value');
            }
            $opts[substr($arg, 2)] = array_shift($args);
        } elseif (str_starts_with($arg, '--env=') || str_starts_with($arg, '--mode=')) {
            [$key, $value] = explode('=', substr($arg, 2), 2);
            $opts[$key] = $value;
        } elseif ($arg === '--resolve-aliases') {
            $opts['resolve'] = true;
        } elseif ($arg === '--batch') {
            $opts['batch'] = true;
        } elseif (str_starts_with($arg, '--')) {
            throw new OracleUsageError('unknown option '.$arg);
        } else {
            $opts['roots'][] = $arg;
        }
    }
    if (! in_array($opts['mode'], ['files', 'bootstrap'], true)) {
        throw new OracleUsageError('--mode must be files or bootstrap');
    }
    if (! $opts['roots'] || (! $opts['batch'] && count($opts['roots']) !== 1)) {
        throw new OracleUsageError('usage: harness.php [--batch] APP_ROOT... [--env NAME] [--mode files|bootstrap] [--resolve-aliases]');
    }
    foreach ($opts['roots'] as $root) {
        if (! is_dir($root)) {
            throw new OracleUsageError('not a directory: '.$root);
        }
    }

    return $opts;
}

function oracle_main(array $argv): int
{
    try {
        $opts = oracle_parse_args($argv);
    } catch (OracleUsageError $e) {
        fwrite(STDERR, $e->getMessage()."\n");

        return 2;
    }
    OracleState::$env = $opts['env'];

    set_error_handler(static function ($severity, $message, $file, $line) {
        if (! (error_reporting() & $severity) || in_array($severity, [E_DEPRECATED, E_USER_DEPRECATED], true)) {
            return false;
        }
        throw new \ErrorException($message, 0, $severity, $file, $line);
    });
    spl_autoload_register('oracle_autoload');

    $current = null;
    register_shutdown_function(static function () use (&$current, $opts) {
        $error = error_get_last();
        if ($current === null || $error === null || ! in_array($error['type'], [E_ERROR, E_PARSE, E_CORE_ERROR, E_COMPILE_ERROR], true)) {
            return;
        }
        $message = 'fatal: '.$error['message'].' at '.$error['file'].':'.$error['line'];
        if ($opts['batch']) {
            echo oracle_json(['root' => $current, 'error' => $message]), "\n";
        }
        fwrite(STDERR, $message."\n");
        exit(3);
    });

    $failed = false;
    foreach ($opts['roots'] as $root) {
        $current = $root;
        OracleState::$warnings = [];
        $real = realpath($root);
        try {
            $routes = oracle_routes_for($real, $opts['mode'], $opts['resolve']);
            $result = ['root' => $root, 'routes' => $routes];
        } catch (\Throwable $e) {
            $failed = true;
            $result = ['root' => $root, 'error' => oracle_describe($e)];
        }
        foreach (OracleState::$warnings as $warning) {
            fwrite(STDERR, 'warning: '.$warning."\n");
        }
        if ($opts['batch']) {
            echo oracle_json($result), "\n";
            flush();
        } elseif (isset($result['error'])) {
            fwrite(STDERR, $result['error']."\n");
        } else {
            echo oracle_json($result['routes']), "\n";
        }
    }
    $current = null;

    return $failed && ! $opts['batch'] ? 3 : 0;
}

exit(oracle_main($argv));

}
