//! The host's site settings (name, logo, contact, tracks, LMS), read once
//! from the `rampart-site` data block that `rampart site build` writes into
//! `index.html`. A missing or unreadable block gives the defaults, and an
//! unreadable one is logged: a broken setting must not stop the course.

use std::sync::OnceLock;

use rampart_course::site::{SITE_ELEMENT_ID, SiteInfo};

static SITE: OnceLock<SiteInfo> = OnceLock::new();

/// The site's settings.
pub fn site() -> &'static SiteInfo {
    SITE.get_or_init(read)
}

fn read() -> SiteInfo {
    let Some(text) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(SITE_ELEMENT_ID))
        .and_then(|e| e.text_content())
    else {
        return SiteInfo::default();
    };
    match serde_json::from_str(&text) {
        Ok(site) => site,
        Err(e) => {
            leptos::logging::warn!(
                "the site settings in index.html are unreadable ({e}); using the defaults"
            );
            SiteInfo::default()
        }
    }
}
