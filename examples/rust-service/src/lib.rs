pub mod app;
pub mod auth;
pub mod config;
pub mod http;
pub mod routes;
