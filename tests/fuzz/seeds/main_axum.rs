use axum::{
    middleware,
    routing::{any, delete, get, patch, post},
    Router,
};
use tower_http::trace::TraceLayer;

mod paths {
    pub const API_ME: &str = "/api/me";
    pub const API_TOKENS: &str = "/api/tokens";
    pub const CHATS: &str = concat!("/api", "/chats");
}

use paths::{API_ME, API_TOKENS as TOKENS};

async fn me() -> &'static str {
    "me"
}

async fn require_auth(request: axum::extract::Request, next: middleware::Next) -> axum::response::Response {
    next.run(request).await
}

fn chats() -> Router {
    Router::new()
        .route("/", get(me).post(me))
        .route("/:conversation_id", get(me).delete(me))
        .route("/:conversation_id/runs/:run_id/events", get(me))
}

fn protected() -> Router {
    Router::new()
        .route(API_ME, get(me))
        .route(TOKENS, get(me).post(me))
        .route("/api/tokens/:id", delete(me).patch(me))
        .nest(paths::CHATS, chats())
        .route_layer(middleware::from_fn(require_auth))
}

pub fn build_router(admin: Option<Router>) -> Router {
    let public = Router::new()
        .route("/healthz", get(me))
        .route("/api/auth/email", post(me))
        .route("/webhooks/*rest", any(me));
    let mut app = Router::new().merge(public).merge(protected());
    if let Some(admin) = admin {
        app = app.nest("/admin", admin);
    }
    #[cfg(feature = "debug")]
    let app = app.route("/debug", get(me));
    app.fallback(me).layer(TraceLayer::new_for_http())
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, build_router(None)).await.unwrap();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_route() {
        let _ = Router::<()>::new().route("/test-only", get(me));
        let methods = ["GET", "POST"];
        assert!(methods.iter().any(|m| *m == "GET"));
    }
}
