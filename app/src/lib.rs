//! The Rampart web app: Leptos, rendered in the browser.
//!
//! 1. [`app::App`] loads the course manifest and the learner's progress, and
//!    provides both through context.
//! 2. Routed pages (`pages/`) fetch one lesson at a time from the bundle.
//! 3. Exercise components (`components/`) hold the learner's answer in a
//!    [`state::answer::Answer`], grade it with `rampart-grade`, and record the
//!    verdict in [`state::progress::Progress`], which is saved to localStorage.
//!
//! Logic lives in `state/` (plain types with native tests); components read
//! signals and call those types' methods.

pub mod app;
pub mod browser;
pub mod components;
pub mod grading;
pub mod lms;
pub mod pages;
pub mod site;
pub mod state;

/// Mounts the app on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
