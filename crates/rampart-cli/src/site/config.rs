//! `rampart.toml`: one file a host edits to make the site its own.
//!
//! Parsing is strict (unknown keys are errors, so a typo is never silently
//! ignored) and every error names the file and line. Values that end up in
//! HTML or CSS are validated here, not escaped later: colours are `#rgb` or
//! `#rrggbb` and must keep WCAG AA contrast; the base path is plain URL path
//! segments; paths are resolved against the folder of `rampart.toml`.

use std::ops::Range;
use std::path::{Path, PathBuf};

use rampart_cert::verify::TrustedIssuer;
use rampart_course::site::Contact;
use serde::Deserialize;
use toml::Spanned;

/// The page backgrounds of `style/main.css`, which links and text sit on.
const LIGHT_BG: Rgb = Rgb(0xff, 0xff, 0xff);
const DARK_BG: Rgb = Rgb(0x14, 0x18, 0x1f);
/// WCAG 2.2 success criterion 1.4.3: normal text needs 4.5:1.
const MIN_CONTRAST: f64 = 4.5;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    site: RawSite,
    #[serde(default)]
    theme: RawTheme,
    #[serde(default)]
    course: RawCourse,
    #[serde(default)]
    certificates: RawCertificates,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    name: Option<Spanned<String>>,
    base: Option<Spanned<String>>,
    logo: Option<Spanned<PathBuf>>,
    contact: Option<Contact>,
    /// When given, the only origins the verify page may fetch from besides
    /// the site itself (and the status list's and did:web issuers').
    connect: Option<Vec<Spanned<String>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    accent: Option<Spanned<String>>,
    accent_text: Option<Spanned<String>>,
    dark_accent: Option<Spanned<String>>,
    dark_accent_text: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCourse {
    dir: Option<Spanned<PathBuf>>,
    base: Option<Spanned<PathBuf>>,
    tracks: Option<Spanned<Vec<String>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCertificates {
    status_list: Option<Spanned<String>>,
    #[serde(default)]
    known_versions: Vec<String>,
    #[serde(default)]
    trust: Vec<TrustedIssuer>,
}

/// A checked `rampart.toml`, paths made absolute.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteConfig {
    /// Where the settings came from (for messages); `None` for the defaults.
    pub file: Option<PathBuf>,
    pub name: String,
    /// `/` or `/a/b/`.
    pub base: String,
    pub logo: Option<PathBuf>,
    pub contact: Option<Contact>,
    /// `connect-src` origins besides `'self'`, e.g. `https://example.edu`;
    /// `None` allows any `https:` origin, so the verify page can check any
    /// issuer's status list and did:web document.
    pub connect: Option<Vec<String>>,
    pub theme: Theme,
    /// The course folder (with course.toml).
    pub course_dir: PathBuf,
    /// The course it builds on, if any.
    pub course_base: Option<PathBuf>,
    /// `(track ids, line)`: which tracks are on; `None` is all.
    pub tracks: Option<(Vec<String>, usize)>,
    pub status_list: Option<String>,
    pub known_versions: Vec<String>,
    pub trust: Vec<TrustedIssuer>,
}

/// Colours, already validated; `None` keeps Rampart's own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Theme {
    pub accent: Option<String>,
    pub accent_text: Option<String>,
    pub dark_accent: Option<String>,
    pub dark_accent_text: Option<String>,
}

impl SiteConfig {
    /// The settings of a site built without `rampart.toml`: Rampart's own
    /// course in `course_dir`, at `/`.
    pub fn defaults(course_dir: &Path) -> Self {
        SiteConfig {
            file: None,
            name: rampart_course::site::DEFAULT_SITE_NAME.to_string(),
            base: "/".to_string(),
            logo: None,
            contact: None,
            connect: None,
            theme: Theme::default(),
            course_dir: course_dir.to_path_buf(),
            course_base: None,
            tracks: None,
            status_list: None,
            known_versions: Vec::new(),
            trust: Vec::new(),
        }
    }

    /// Reads and checks `path`; every problem found is reported, one per line.
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        parse(&text, path, dir).map_err(|errors| anyhow::anyhow!(errors.join("\n")))
    }
}

/// Parses `text` (read from `file`, paths relative to `dir`); `Err` lists
/// every problem as `file:line: message`.
pub fn parse(text: &str, file: &Path, dir: &Path) -> Result<SiteConfig, Vec<String>> {
    let at = |span: Range<usize>, message: String| {
        format!(
            "{}:{}: {message}",
            file.display(),
            line_of(text, span.start)
        )
    };
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| line_of(text, s.start));
        vec![format!("{}:{line}: {}", file.display(), e.message())]
    })?;
    let mut errors = Vec::new();

    let name = match raw.site.name {
        Some(n) if n.get_ref().trim().is_empty() || n.get_ref().len() > 80 => {
            errors.push(at(
                n.span(),
                "site.name must be 1 to 80 characters".to_string(),
            ));
            String::new()
        }
        Some(n) => n.into_inner().trim().to_string(),
        None => rampart_course::site::DEFAULT_SITE_NAME.to_string(),
    };
    let base = match raw.site.base {
        Some(b) => match check_base(b.get_ref()) {
            Ok(()) => b.into_inner(),
            Err(m) => {
                errors.push(at(b.span(), m));
                "/".to_string()
            }
        },
        None => "/".to_string(),
    };
    let logo = raw.site.logo.and_then(|l| {
        let path = dir.join(l.get_ref());
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "svg" | "png" | "webp" | "jpg" | "jpeg") {
            errors.push(at(
                l.span(),
                format!(
                    "site.logo must be an .svg, .png, .webp or .jpg file, not {:?}",
                    l.get_ref()
                ),
            ));
            None
        } else if !path.is_file() {
            errors.push(at(
                l.span(),
                format!("site.logo {} does not exist", path.display()),
            ));
            None
        } else {
            Some(path)
        }
    });
    if let Some(contact) = &raw.site.contact {
        if let Some(email) = &contact.email
            && (!email.contains('@')
                || email
                    .chars()
                    .any(|c| c.is_whitespace() || "<>\"'".contains(c)))
        {
            errors.push(format!(
                "{}: site.contact.email {email:?} is not an email address",
                file.display()
            ));
        }
        if let Some(url) = &contact.url
            && !url.starts_with("https://")
        {
            errors.push(format!(
                "{}: site.contact.url {url:?} must start with https://",
                file.display()
            ));
        }
    }
    let restrict = raw.site.connect.is_some();
    let mut connect = Vec::new();
    for origin in raw.site.connect.unwrap_or_default() {
        match origin_of(origin.get_ref()) {
            Some(o) => connect.push(o),
            None => errors.push(at(
                origin.span(),
                format!(
                    "site.connect {:?} must be an https:// origin such as https://example.edu",
                    origin.get_ref()
                ),
            )),
        }
    }

    let mut colour =
        |c: Option<Spanned<String>>, key: &str| -> Option<(String, Rgb, Range<usize>)> {
            let c = c?;
            match Rgb::parse(c.get_ref()) {
                Some(rgb) => Some((c.get_ref().to_ascii_lowercase(), rgb, c.span())),
                None => {
                    errors.push(at(
                        c.span(),
                        format!(
                            "theme.{key} must be a colour like \"#7a1f3d\" or \"#a13\", not {:?}",
                            c.get_ref()
                        ),
                    ));
                    None
                }
            }
        };
    let accent = colour(raw.theme.accent, "accent");
    let accent_text = colour(raw.theme.accent_text, "accent_text");
    let dark_accent = colour(raw.theme.dark_accent, "dark_accent");
    let dark_accent_text = colour(raw.theme.dark_accent_text, "dark_accent_text");
    let contrast = |fg: &Option<(String, Rgb, Range<usize>)>, bg: Rgb, what: &str| {
        let (hex, rgb, span) = fg.as_ref()?;
        let ratio = rgb.contrast(bg);
        (ratio < MIN_CONTRAST).then(|| {
            at(
                span.clone(),
                format!("{hex} {what} has a contrast of {ratio:.1}:1; text needs at least 4.5:1 (WCAG 2.2, 1.4.3): pick a darker or lighter shade"),
            )
        })
    };
    errors.extend(contrast(&accent, LIGHT_BG, "on the white page (links)"));
    errors.extend(contrast(&dark_accent, DARK_BG, "on the dark page (links)"));
    // Button text on the accent: the given text colour, or Rampart's white.
    let light_bg = accent.as_ref().map_or(Rgb(0x0b, 0x5c, 0xad), |a| a.1);
    match &accent_text {
        Some(_) => errors.extend(contrast(
            &accent_text,
            light_bg,
            "on the accent colour (buttons)",
        )),
        None => {
            if let Some((hex, rgb, span)) = &accent {
                let ratio = Rgb(0xff, 0xff, 0xff).contrast(*rgb);
                if ratio < MIN_CONTRAST {
                    errors.push(at(
                        span.clone(),
                        format!("white button text on {hex} has a contrast of {ratio:.1}:1; set theme.accent_text to a colour with at least 4.5:1"),
                    ));
                }
            }
        }
    }
    let dark_bg = dark_accent.as_ref().map_or(Rgb(0x7d, 0xb7, 0xff), |a| a.1);
    errors.extend(contrast(
        &dark_accent_text,
        dark_bg,
        "on the dark accent colour (buttons)",
    ));
    let theme = Theme {
        accent: accent.map(|c| c.0),
        accent_text: accent_text.map(|c| c.0),
        dark_accent: dark_accent.map(|c| c.0),
        dark_accent_text: dark_accent_text.map(|c| c.0),
    };

    let course_dir = raw
        .course
        .dir
        .as_ref()
        .map_or_else(|| dir.to_path_buf(), |d| dir.join(d.get_ref()));
    if let Some(d) = &raw.course.dir
        && !course_dir.join("course.toml").is_file()
    {
        errors.push(at(
            d.span(),
            format!("course.dir {} has no course.toml", course_dir.display()),
        ));
    }
    let course_base = raw.course.base.and_then(|b| {
        let path = dir.join(b.get_ref());
        if path.join("course.toml").is_file() {
            Some(path)
        } else {
            errors.push(at(
                b.span(),
                format!("course.base {} has no course.toml", path.display()),
            ));
            None
        }
    });
    let tracks = raw.course.tracks.map(|t| {
        let line = line_of(text, t.span().start);
        (t.into_inner(), line)
    });

    let status_list = raw.certificates.status_list.and_then(|s| {
        if s.get_ref().starts_with("https://") {
            Some(s.into_inner())
        } else {
            errors.push(at(
                s.span(),
                format!(
                    "certificates.status_list {:?} must be an https:// URL",
                    s.get_ref()
                ),
            ));
            None
        }
    });
    for issuer in &raw.certificates.trust {
        if !issuer.did.starts_with("did:key:z") && !issuer.did.starts_with("did:web:") {
            errors.push(format!(
                "{}: certificates.trust {:?} ({}) must be a did:key or did:web",
                file.display(),
                issuer.did,
                issuer.name
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if let Some(origin) = status_list.as_deref().and_then(origin_of) {
        connect.push(origin);
    }
    for issuer in &raw.certificates.trust {
        if let Some(host) = issuer.did.strip_prefix("did:web:") {
            let host = host
                .split(':')
                .next()
                .unwrap_or_default()
                .replace("%3A", ":");
            if let Some(origin) = origin_of(&format!("https://{host}")) {
                connect.push(origin);
            }
        }
    }
    connect.sort();
    connect.dedup();
    let connect = restrict.then_some(connect);
    Ok(SiteConfig {
        file: Some(file.to_path_buf()),
        name,
        base,
        logo,
        contact: raw.site.contact,
        connect,
        theme,
        course_dir,
        course_base,
        tracks,
        status_list,
        known_versions: raw.certificates.known_versions,
        trust: raw.certificates.trust,
    })
}

/// A base path is `/` or `/seg/…/seg/` with plain URL characters only.
pub fn check_base(base: &str) -> Result<(), String> {
    let plain = |s: &str| {
        !s.is_empty()
            && s != "."
            && s != ".."
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._~".contains(c))
    };
    if base == "/" {
        return Ok(());
    }
    if !base.starts_with('/') || !base.ends_with('/') {
        return Err(format!(
            "the base path {base:?} must start and end with `/`, like \"/secure-coding/\""
        ));
    }
    if !base[1..base.len() - 1].split('/').all(plain) {
        return Err(format!(
            "the base path {base:?} may only hold letters, digits, `-`, `.`, `_` and `~` between slashes"
        ));
    }
    Ok(())
}

/// `https://host[:port]` of a URL, if it is an https URL with a plain host.
fn origin_of(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    let ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-.:".contains(c));
    ok.then(|| format!("https://{}", host.to_ascii_lowercase()))
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rgb` or `#rrggbb`.
    pub fn parse(s: &str) -> Option<Rgb> {
        let hex = s.strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize, n: usize| u8::from_str_radix(&hex[i..i + n], 16).ok();
        match hex.len() {
            3 => Some(Rgb(byte(0, 1)? * 17, byte(1, 1)? * 17, byte(2, 1)? * 17)),
            6 => Some(Rgb(byte(0, 2)?, byte(2, 2)?, byte(4, 2)?)),
            _ => None,
        }
    }

    /// WCAG 2.2 relative luminance.
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG 2.2 contrast ratio, 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<SiteConfig, Vec<String>> {
        parse(
            text,
            Path::new("rampart.toml"),
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../..")
                .as_path(),
        )
    }

    #[test]
    fn contrast_matches_wcag_examples() {
        let black = Rgb(0, 0, 0);
        let white = Rgb(0xff, 0xff, 0xff);
        assert!((black.contrast(white) - 21.0).abs() < 1e-9);
        // #767676 on white is the well-known 4.54:1 grey.
        assert!(
            (Rgb::parse("#767676")
                .expect("valid in this test")
                .contrast(white)
                - 4.54)
                .abs()
                < 0.01
        );
        assert_eq!(Rgb::parse("#a13"), Some(Rgb(0xaa, 0x11, 0x33)));
        assert_eq!(Rgb::parse("red"), None);
        assert_eq!(Rgb::parse("#12345"), None);
    }

    #[test]
    fn a_full_config_reads() {
        let config = parse_str(
            r##"
[site]
name = "Northbridge Secure Coding"
base = "/secure/"
contact = { name = "Secure Coding Team", email = "security-training@northbridge.example", url = "https://northbridge.example/security" }

[theme]
accent = "#7a1f3d"

[course]
tracks = ["supply-chain"]

[certificates]
status_list = "https://certs.northbridge.example/status/1.json"
trust = [{ did = "did:web:certs.northbridge.example", name = "Northbridge University" }]
"##,
        )
        .expect("valid in this test");
        // Without site.connect, any https origin (checks of any issuer).
        assert_eq!(config.connect, None);
        let strict = parse_str(
            "[site]\nconnect = [\"https://Extra.example/x\"]\n[certificates]\nstatus_list = \"https://certs.northbridge.example/status/1.json\"\ntrust = [{ did = \"did:web:keys.northbridge.example%3A8443:rampart\", name = \"N\" }]\n",
        )
        .expect("valid in this test");
        assert_eq!(config.name, "Northbridge Secure Coding");
        assert_eq!(config.base, "/secure/");
        assert_eq!(config.theme.accent.as_deref(), Some("#7a1f3d"));
        assert_eq!(
            config.tracks.as_ref().map(|t| t.0.clone()),
            Some(vec!["supply-chain".to_string()])
        );
        assert_eq!(
            strict.connect.expect("restricted"),
            vec![
                "https://certs.northbridge.example".to_string(),
                "https://extra.example".to_string(),
                "https://keys.northbridge.example:8443".to_string(),
            ]
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let errors = parse_str(
            "[site]\nname = \"x\"\nbase = \"secure\"\n\n[theme]\naccent = \"#ffcc00\"\ndark_accent = \"javascript:\"\n",
        )
        .expect_err("should be refused");
        assert_eq!(errors.len(), 4, "{errors:#?}");
        assert!(
            errors
                .iter()
                .any(|e| e.contains("white button text on #ffcc00")),
            "{errors:#?}"
        );
        assert!(
            errors[0].starts_with("rampart.toml:3:")
                && errors[0].contains("must start and end with `/`"),
            "{errors:#?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("rampart.toml:6:") && e.contains("contrast of 1.5:1")),
            "{errors:#?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("rampart.toml:7:") && e.contains("must be a colour")),
            "{errors:#?}"
        );
    }

    #[test]
    fn typos_and_injection_are_refused() {
        let errors = parse_str("[site]\nnmae = \"x\"\n").expect_err("should be refused");
        assert!(
            errors[0].starts_with("rampart.toml:2:") && errors[0].contains("nmae"),
            "{errors:#?}"
        );
        let errors = parse_str("[site]\nbase = \"/a/../b/\"\n").expect_err("should be refused");
        assert!(errors[0].contains("may only hold"), "{errors:#?}");
        let errors =
            parse_str("[site]\nbase = \"/a\\\"><script>/\"\n").expect_err("should be refused");
        assert!(errors[0].contains("may only hold"), "{errors:#?}");
        let errors =
            parse_str("[site]\nconnect = [\"http://x.example\"]\n").expect_err("should be refused");
        assert!(errors[0].contains("https:// origin"), "{errors:#?}");
    }

    #[test]
    fn missing_files_are_named() {
        let errors = parse_str("[site]\nlogo = \"nope.svg\"\n[course]\ndir = \"no-such-course\"\n")
            .expect_err("should be refused");
        assert!(
            errors.iter().any(|e| e.contains("nope.svg does not exist")),
            "{errors:#?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("rampart.toml:4:") && e.contains("has no course.toml")),
            "{errors:#?}"
        );
    }
}
