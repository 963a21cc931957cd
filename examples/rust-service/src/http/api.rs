//! The JSON API, nested under /api by the app builder.

use axum::{
    routing::{delete, get},
    Router,
};

use super::super::app::AppState;
use crate::routes::{
    ROUTE_CHAT, ROUTE_CHATS, ROUTE_CHAT_MESSAGES, ROUTE_ME, ROUTE_SHOUTS, ROUTE_TOKEN, ROUTE_TOKENS,
};

/// Routes that need a session; the caller adds the session layer.
pub fn router() -> Router<AppState> {
    let router = Router::<AppState>::new().route(ROUTE_ME, get(me));
    let router = add_chat_routes(router);
    router
        .route(ROUTE_TOKENS, get(tokens::index).post(tokens::store))
        .route(ROUTE_TOKEN, delete(tokens::destroy))
}

/// Routes anyone may call.
pub fn public_router() -> Router<AppState> {
    Router::new().route(ROUTE_SHOUTS, get(shouts))
}

fn add_chat_routes(router: Router<AppState>) -> Router<AppState> {
    router
        .route(ROUTE_CHATS, get(chats::index).post(chats::store))
        .route(ROUTE_CHAT, get(chats::show))
        .route(ROUTE_CHAT_MESSAGES, get(chats::messages))
}

pub async fn me() {}
pub async fn shouts() {}

pub mod tokens {
    pub async fn index() {}
    pub async fn store() {}
    pub async fn destroy() {}
}

pub mod chats {
    pub async fn index() {}
    pub async fn store() {}
    pub async fn show() {}
    pub async fn messages() {}

    /// Whether any message is unread: an iterator `any`, not a route.
    pub fn has_unread(flags: &[bool]) -> bool {
        flags.iter().any(|f| *f)
    }
}
