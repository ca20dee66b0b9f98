//! Records the compiler's version for the `X-Stripe-Client-User-Agent` header (`lang_version`).
//! The variable is an implementation detail: only `src/client/headers.rs` reads it, and it is
//! visible to this crate's compilation alone, never to dependents or in the public API.
fn main() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let version = std::process::Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .map(|text| text.trim().to_owned())
        .unwrap_or_default();
    println!("cargo:rustc-env=STRIPE_BILLING_PORTAL_RUSTC_VERSION={version}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=RUSTC");
}
