//! Every path the service answers, in one place (the OpenAPI contract uses the same constants).

pub const ROUTE_HEALTHZ: &str = "/healthz";
pub const ROUTE_LOGIN: &str = "/login";
pub const ROUTE_LOGOUT: &str = "/logout";
pub const ROUTE_FEED: &str = "/feed";
pub const ROUTE_SETTINGS_PROFILE: &str = "/settings/profile";
pub const ROUTE_ADMIN: &str = "/admin";

pub const ROUTE_ME: &str = "/me";
pub const ROUTE_TOKENS: &str = "/tokens";
pub const ROUTE_TOKEN: &str = "/tokens/:token_id";
pub const ROUTE_CHATS: &str = "/chats";
pub const ROUTE_CHAT: &str = "/chats/:conversation_id";
pub const ROUTE_CHAT_MESSAGES: &str =
    "/chats/:conversation_id/messages";
pub const ROUTE_SHOUTS: &str = "/shouts";

/// Who owns which path during the migration; a table, not a router.
pub const OWNERSHIP: &[(&str, &str)] = &[("GET", ROUTE_ME), ("GET", ROUTE_FEED)];
