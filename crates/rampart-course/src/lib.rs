//! The course model, and the tools that turn content into a bundle.
//!
//! Pipeline (native, behind the `build` feature):
//! 1. [`load`] reads `course.toml`, every `lessons/*.md` and every
//!    `exercises/*/exercise.toml`, collecting every [`Problem`] instead of
//!    stopping at the first. [`load_layered`] does the same for a course
//!    that builds on a base course (a university's own tracks and lessons
//!    over Rampart's), looking each lesson and exercise up in the custom
//!    folder first.
//! 2. Lessons are rendered from Markdown with pulldown-cmark; code blocks are
//!    highlighted by syntect into class-based spans; raw HTML is rejected.
//! 3. [`check`](check::check_static) proves the cross-references: ids, embeds,
//!    internal links and anchors, sources.
//! 4. [`bundle`] writes the manifest and one content-hashed JSON file per
//!    lesson; the course version id is the hash of the manifest.
//!
//! Modules: [`model`] (wasm-safe serde types shared by the app and graders),
//! [`site`] (what a host configured, as the app reads it);
//! with `build`: `source`, `render`, `highlight`, `check`, `bundle`.

pub mod model;
pub mod site;

#[cfg(feature = "build")]
pub mod bundle;
#[cfg(feature = "build")]
pub mod check;
#[cfg(feature = "build")]
pub mod highlight;
#[cfg(feature = "build")]
pub mod render;
#[cfg(feature = "build")]
pub mod source;

pub use model::*;

#[cfg(feature = "build")]
pub use source::{Course, LoadedExercise, Problem, load, load_layered};

/// Whether `id` is a valid lesson, track or exercise id: lowercase ASCII
/// letters, digits and single dashes, starting with a letter.
pub fn is_valid_id(id: &str) -> bool {
    let mut prev_dash = true;
    !id.is_empty()
        && id.len() <= 64
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && !id.ends_with('-')
        && id.chars().all(|c| {
            let ok = c.is_ascii_lowercase() || c.is_ascii_digit() || (c == '-' && !prev_dash);
            prev_dash = c == '-';
            ok
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_valid_id("stack-overflows-2"));
        assert!(!is_valid_id("Stack"));
        assert!(!is_valid_id("a--b"));
        assert!(!is_valid_id("-a"));
        assert!(!is_valid_id("a-"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("a_b"));
    }
}
