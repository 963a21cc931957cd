#[derive(Clone)]
pub struct Config {
    pub bind_addr: String,
    pub admin_emails: Vec<String>,
}

impl Config {
    pub fn from_env() -> Self {
        Config {
            bind_addr: std::env::var("BIND_ADDR").unwrap_or_else(|_| "0.0.0.0:8080".to_string()),
            admin_emails: Vec::new(),
        }
    }
}
