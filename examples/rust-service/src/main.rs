//! The HTTP server binary: reads its config and serves the app built by the library.

use chat_service::{app, config::Config};

#[tokio::main]
async fn main() {
    let cfg = Config::from_env();
    let listener = tokio::net::TcpListener::bind(cfg.bind_addr.as_str()).await.unwrap();
    axum::serve(listener, app::build(cfg)).await.unwrap();
}
