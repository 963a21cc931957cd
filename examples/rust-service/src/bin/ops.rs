//! Operator commands, named like the Artisan commands they replace.

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(name = "ops", about = "Operator tasks for the chat service")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    #[command(name = "ops:create-api-token")]
    CreateApiToken(CreateApiTokenArgs),
    #[command(name = "ops:test-login-link")]
    TestLoginLink(TestLoginLinkArgs),
}

#[derive(Args)]
struct CreateApiTokenArgs {
    email: String,
    #[arg(long, default_value = "api")]
    name: String,
    #[arg(long)]
    abilities: Option<String>,
}

#[derive(Args)]
struct TestLoginLinkArgs {
    email: String,
    #[arg(long, default_value_t = 30)]
    minutes: u32,
}

fn main() {
    match Cli::parse().command {
        Command::CreateApiToken(args) => println!("token for {}", args.email),
        Command::TestLoginLink(args) => println!("link for {} ({} min)", args.email, args.minutes),
    }
}
