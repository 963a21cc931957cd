pub async fn healthz() -> &'static str {
    "ok"
}
pub async fn feed() {}
pub async fn profile() {}
pub async fn update_profile() {}
pub async fn shell() {}
pub async fn admin() {}

/// Left over from the old web UI; no route uses it any more.
pub async fn legacy_landing() {}
