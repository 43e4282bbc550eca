//! The HTML, JavaScript and CSS `rampart site build` writes itself.
//!
//! The Content-Security-Policy allows scripts, styles and workers from the
//! site's own origin only, no inline script or style, and
//! `wasm-unsafe-eval`, which WebAssembly compilation needs and which allows
//! no JavaScript eval. Fetches go to the site itself and, for checking
//! certificates of any institution, to `https:` origins, unless the host
//! lists the only origins allowed (`site.connect` in rampart.toml).
//! It is delivered in a `<meta>` element so it holds on any static host;
//! DEPLOY.md shows the same policy as a header, which can add
//! `frame-ancestors`.

use rampart_course::site::{SITE_ELEMENT_ID, SiteInfo};

use super::Asset;
use super::config::Theme;

/// The policy for the site's pages.
pub fn csp(connect: Option<&[String]>) -> String {
    let mut connect_src = String::from("'self'");
    match connect {
        // Certificates come from any institution: the verify page fetches
        // their status lists and did:web documents over https.
        None => connect_src.push_str(" https:"),
        Some(origins) => {
            for origin in origins {
                connect_src.push(' ');
                connect_src.push_str(origin);
            }
        }
    }
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src {connect_src}; worker-src 'self'; \
         manifest-src 'self'; base-uri 'self'; form-action 'none'; object-src 'none'"
    )
}

pub struct Page<'a> {
    pub csp: &'a str,
    pub base: &'a str,
    pub info: &'a SiteInfo,
    pub styles: &'a [Asset],
    pub app_js: &'a Asset,
    pub boot: &'a Asset,
    pub logo: Option<&'a Asset>,
}

/// `index.html`. The base tag and the settings block are each on a line of
/// their own: `rampart export scorm` rewrites exactly those two lines.
pub fn index_html(page: &Page) -> String {
    let name = escape(&page.info.name);
    let mut html = String::new();
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n",
        escape(page.csp)
    ));
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n");
    html.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    html.push_str(&format!("<base href=\"{}\">\n", escape(page.base)));
    html.push_str(&format!("<title>{name}</title>\n"));
    match page.logo {
        Some(logo) => html.push_str(&format!(
            "<link rel=\"icon\" href=\"{}\">\n",
            escape(&logo.name)
        )),
        None => html.push_str("<link rel=\"icon\" href=\"data:,\">\n"),
    }
    for style in page.styles {
        html.push_str(&format!(
            "<link rel=\"stylesheet\" href=\"{}\" integrity=\"{}\">\n",
            escape(&style.name),
            style.sri
        ));
    }
    html.push_str(&format!(
        "<link rel=\"modulepreload\" href=\"{}\" integrity=\"{}\">\n",
        escape(&page.app_js.name),
        page.app_js.sri
    ));
    html.push_str(&format!(
        "<script type=\"application/json\" id=\"{SITE_ELEMENT_ID}\">{}</script>\n",
        settings_json(page.info)
    ));
    html.push_str(&format!(
        "<script type=\"module\" src=\"{}\" integrity=\"{}\"></script>\n",
        escape(&page.boot.name),
        page.boot.sri
    ));
    html.push_str("</head>\n<body>\n");
    html.push_str(&format!(
        "<noscript>{name} runs in your browser and needs JavaScript and WebAssembly.</noscript>\n"
    ));
    html.push_str("</body>\n</html>\n");
    html
}

/// The settings as JSON that cannot end its `<script>` element early.
pub fn settings_json(info: &SiteInfo) -> String {
    serde_json::to_string(info)
        .unwrap_or_else(|_| "{}".to_string())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The module that starts the app: registers the service worker, then
/// loads the app's wasm with its integrity checked.
pub fn boot_js(app_js: &str, app_wasm: &str, wasm_sri: &str) -> String {
    format!(
        "// Starts Rampart; written by `rampart site build`.\n\
         import init from {js:?};\n\
         \n\
         const settings = document.getElementById({id:?});\n\
         let offline = true;\n\
         try {{\n\
         \x20 offline = JSON.parse(settings?.textContent ?? '{{}}').offline !== false;\n\
         }} catch (e) {{\n\
         \x20 console.warn('Rampart: unreadable site settings', e);\n\
         }}\n\
         if (offline && 'serviceWorker' in navigator) {{\n\
         \x20 navigator.serviceWorker\n\
         \x20   .register(new URL('sw.js', document.baseURI))\n\
         \x20   .catch((e) => console.warn('Rampart works online only here: the service worker did not register.', e));\n\
         }}\n\
         await init({{ module_or_path: fetch(new URL({wasm:?}, document.baseURI), {{ integrity: {sri:?} }}) }});\n",
        js = format!("./{app_js}"),
        id = SITE_ELEMENT_ID,
        wasm = app_wasm,
        sri = wasm_sri,
    )
}

/// CSS custom properties for the host's colours (validated in `config`),
/// or `None` to keep Rampart's own.
pub fn theme_css(theme: &Theme) -> Option<String> {
    let light: Vec<String> = [
        ("--accent", &theme.accent),
        ("--accent-fg", &theme.accent_text),
    ]
    .into_iter()
    .filter_map(|(var, value)| value.as_ref().map(|v| format!("  {var}: {v};\n")))
    .collect();
    let dark: Vec<String> = [
        ("--accent", &theme.dark_accent),
        ("--accent-fg", &theme.dark_accent_text),
    ]
    .into_iter()
    .filter_map(|(var, value)| value.as_ref().map(|v| format!("    {var}: {v};\n")))
    .collect();
    if light.is_empty() && dark.is_empty() {
        return None;
    }
    let mut css = String::from("/* The host's colours, from rampart.toml. */\n");
    if !light.is_empty() {
        css.push_str(":root {\n");
        css.push_str(&light.concat());
        css.push_str("}\n");
    }
    if !dark.is_empty() {
        css.push_str("@media (prefers-color-scheme: dark) {\n  :root {\n");
        css.push_str(&dark.concat());
        css.push_str("  }\n}\n");
    }
    Some(css)
}

/// Escapes text for HTML content and double-quoted attributes (the only
/// kind this module writes, so `'` can stay).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_cannot_close_the_script_element() {
        let info = SiteInfo {
            name: "</script><script>alert(1)</script>".to_string(),
            ..SiteInfo::default()
        };
        let json = settings_json(&info);
        assert!(!json.contains('<'), "{json}");
        let back: SiteInfo = serde_json::from_str(&json).expect("valid in this test");
        assert_eq!(back.name, info.name);
    }

    #[test]
    fn the_policy_has_no_inline_script_and_lists_extra_origins() {
        assert!(csp(None).contains("connect-src 'self' https:;"));
        let policy = csp(Some(&["https://certs.example.edu".to_string()]));
        assert!(!policy.contains("unsafe-inline"));
        assert!(!policy.contains("'unsafe-eval'"));
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(policy.contains("connect-src 'self' https://certs.example.edu;"));
    }

    #[test]
    fn no_colours_no_theme() {
        assert_eq!(theme_css(&Theme::default()), None);
        let css = theme_css(&Theme {
            accent: Some("#7a1f3d".into()),
            ..Theme::default()
        })
        .expect("valid in this test");
        assert!(css.contains("--accent: #7a1f3d;"), "{css}");
        assert!(!css.contains("@media"), "{css}");
    }
}
