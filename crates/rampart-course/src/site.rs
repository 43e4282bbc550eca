//! What a host configured about its site, as the app reads it.
//!
//! `rampart site build` writes one [`SiteInfo`] as JSON into a
//! `<script type="application/json" id="rampart-site">` data block of
//! `index.html` (a data block never runs, so the Content-Security-Policy
//! needs no exception for it). The app reads it once at start; without it
//! (`trunk serve` in development) the defaults apply. `rampart export scorm`
//! rewrites the same block to mark the package and narrow the tracks.

use serde::{Deserialize, Serialize};

/// The `id` of the data block in `index.html`.
pub const SITE_ELEMENT_ID: &str = "rampart-site";

/// The name shown when a host has not chosen one.
pub const DEFAULT_SITE_NAME: &str = "Rampart";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SiteInfo {
    /// Shown in the header and the page title.
    pub name: String,
    /// The logo's URL relative to the site's base (hashed file name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// Who runs this site, shown in the footer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// The track ids shown, in order; `None` shows every track of the bundle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracks: Option<Vec<String>>,
    /// Where the institution publishes its revocation list, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_list: Option<String>,
    /// Set in an LMS package: which API the app looks for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lms: Option<Lms>,
    /// Whether the app registers its service worker (off in LMS packages).
    #[serde(default = "yes")]
    pub offline: bool,
}

fn yes() -> bool {
    true
}

impl Default for SiteInfo {
    fn default() -> Self {
        SiteInfo {
            name: DEFAULT_SITE_NAME.to_string(),
            logo: None,
            contact: None,
            tracks: None,
            status_list: None,
            lms: None,
            offline: true,
        }
    }
}

impl SiteInfo {
    /// Whether the site shows the track `id`.
    pub fn shows_track(&self, id: &str) -> bool {
        self.tracks
            .as_ref()
            .is_none_or(|tracks| tracks.iter().any(|t| t == id))
    }
}

/// Who to contact about this site.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// A person or office, e.g. "Secure Coding Team".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The LMS runtime API an exported package talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lms {
    /// SCORM 1.2: `window.API`, `LMSInitialize`, `cmi.core.*`.
    #[serde(rename = "scorm12")]
    Scorm12,
    /// SCORM 2004 (4th edition): `window.API_1484_11`, `Initialize`, `cmi.*`.
    #[serde(rename = "scorm2004")]
    Scorm2004,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_show_every_track_and_work_offline() {
        let site: SiteInfo = serde_json::from_str(r#"{"name":"Northbridge"}"#).expect("parse");
        assert_eq!(site.name, "Northbridge");
        assert!(site.offline);
        assert!(site.shows_track("memory-safety"));
    }

    #[test]
    fn a_track_list_narrows_and_round_trips() {
        let site = SiteInfo {
            tracks: Some(vec!["supply-chain".into()]),
            lms: Some(Lms::Scorm12),
            offline: false,
            ..SiteInfo::default()
        };
        let json = serde_json::to_string(&site).expect("serialise");
        assert!(json.contains(r#""lms":"scorm12""#), "{json}");
        let back: SiteInfo = serde_json::from_str(&json).expect("parse back");
        assert_eq!(back, site);
        assert!(!back.shows_track("memory-safety"));
        assert!(back.shows_track("supply-chain"));
    }

    #[test]
    fn unknown_fields_are_refused() {
        let err = serde_json::from_str::<SiteInfo>(r#"{"name":"x","colour":"red"}"#)
            .expect_err("unknown field");
        assert!(err.to_string().contains("colour"), "{err}");
    }
}
