//! Builds the served router: public and protected routers merged, the API nested under /api.

use axum::{middleware::from_fn_with_state, routing::get, Router};
use tower::ServiceBuilder;
use tower_http::{cors::CorsLayer, trace::TraceLayer};

use crate::auth::{require_admin, require_session};
use crate::config::Config;
use crate::http::{api, pages, session};
use crate::routes::*;

#[derive(Clone)]
pub struct AppState {
    pub config: Config,
}

pub fn build(config: Config) -> Router {
    build_with_observability(AppState { config })
}

fn build_with_observability(state: AppState) -> Router {
    let public = Router::new()
        .route(ROUTE_HEALTHZ, get(pages::healthz))
        .route(ROUTE_LOGIN, get(session::show_login).post(session::login))
        .nest("/api", api::public_router());

    let admin = Router::new()
        .route(ROUTE_ADMIN, get(pages::admin))
        .route_layer(from_fn_with_state(state.clone(), require_admin));

    let protected = Router::new()
        .route(ROUTE_LOGOUT, axum::routing::post(session::logout))
        .route(ROUTE_FEED, get(pages::feed))
        .route(ROUTE_SETTINGS_PROFILE, get(pages::profile).patch(pages::update_profile))
        .nest("/api", api::router())
        .merge(admin)
        .route_layer(from_fn_with_state(state.clone(), require_session));

    let shell = Router::new()
        .route("/", get(pages::shell))
        .route("/*path", get(pages::shell));

    Router::new()
        .merge(public)
        .merge(protected)
        .merge(shell)
        .with_state(state)
        .layer(ServiceBuilder::new().layer(TraceLayer::new_for_http()).layer(CorsLayer::permissive()))
}

#[cfg(test)]
mod tests {
    use axum::{routing::post, Router};

    pub fn stub() -> Router {
        Router::new().route("/stub/login", post(|| async { "ok" }))
    }
}
