use axum::response::Redirect;

pub async fn show_login() {}
pub async fn login() -> Redirect {
    let conversation_id = 7;
    Redirect::temporary(&format!("/chats/{conversation_id}"))
}
pub async fn logout() {}
