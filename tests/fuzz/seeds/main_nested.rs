use axum::{routing::get, Router};

const V1: &str = "/v1";

async fn handler() {}

fn v1_routes() -> Router {
    let users = Router::new().route("/", get(handler)).route("/:id", get(handler).put(handler));
    let items = Router::new().route("/{id}", get(handler));
    Router::new().nest("/users", users).nest("/items", items).merge(Router::new().route("/status", get(handler)))
}

fn app() -> Router {
    Router::new()
        .nest(V1, v1_routes())
        .nest_service("/assets", tower_http::services::ServeDir::new("assets"))
        .route("/*path", get(handler))
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await.unwrap();
    axum::serve(listener, app()).await.unwrap();
}
