//! `stripe-portal`: command-line tools for Stripe's customer portal. See `stripe-portal --help`.

fn main() -> std::process::ExitCode {
    stripe_billing_portal::cli::main()
}
