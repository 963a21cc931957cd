use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};

use crate::app::AppState;

pub async fn require_session(State(_state): State<AppState>, request: Request, next: Next) -> Response {
    next.run(request).await
}

pub async fn require_admin(State(_state): State<AppState>, request: Request, next: Next) -> Response {
    next.run(request).await
}
