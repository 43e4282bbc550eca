//! Syntax highlighting at build time: syntect turns code into class-based
//! spans (so the page needs no inline styles and the CSP stays strict), and
//! the theme CSS for those classes is generated here, light and dark, with
//! every colour adjusted until it meets WCAG AA contrast on its background.

use std::sync::OnceLock;

use syntect::highlighting::{Color, ThemeSet};
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
const LIGHT_THEME: &str = "InspiredGitHub";
const DARK_THEME: &str = "base16-ocean.dark";
/// The background code sits on in `style/main.css` (`--code-bg`), light and dark.
const LIGHT_CODE_BG: Color = Color {
    r: 0xf6,
    g: 0xf8,
    b: 0xfa,
    a: 0xff,
};
const DARK_CODE_BG: Color = Color {
    r: 0x2b,
    g: 0x30,
    b: 0x3b,
    a: 0xff,
};
/// WCAG AA asks for 4.5:1; a little margin absorbs rounding in the checkers.
const MIN_CONTRAST: f64 = 4.6;

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Languages a code block may name, with the syntect syntax token for each.
fn syntax_token(lang: &str) -> Option<&'static str> {
    Some(match lang {
        "c" | "h" => "c",
        "cpp" | "c++" => "cpp",
        "rust" | "rs" => "rs",
        "yaml" | "yml" => "yaml",
        "toml" => "toml",
        "json" => "json",
        "sh" | "bash" | "shell" | "console" => "sh",
        "js" | "javascript" => "js",
        "python" | "py" => "py",
        "diff" => "diff",
        _ => return None,
    })
}

/// Whether the highlighter knows `lang` (plain text is always fine).
pub fn knows_language(lang: &str) -> bool {
    matches!(lang, "text" | "txt" | "") || syntax_token(lang).is_some()
}

/// Highlights `code` into HTML spans (the text is escaped). Unknown or plain
/// languages come back escaped without spans.
pub fn highlight(code: &str, lang: &str) -> String {
    let set = syntaxes();
    let Some(syntax) = syntax_token(lang).and_then(|t| set.find_syntax_by_extension(t)) else {
        return escape(code);
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return escape(code);
        }
    }
    generator.finalize()
}

/// Highlights `code` and splits the result into one self-contained HTML
/// fragment per line (spans that cross a line break are closed and reopened).
pub fn highlight_lines(code: &str, lang: &str) -> Vec<String> {
    let html = highlight(code, lang);
    let mut lines = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut rest = html.as_str();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("</span>") {
            open.pop();
            current.push_str("</span>");
            rest = after;
        } else if rest.starts_with("<span") {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            let tag = &rest[..end];
            open.push(tag.to_string());
            current.push_str(tag);
            rest = &rest[end..];
        } else if let Some(after) = rest.strip_prefix('\n') {
            for _ in &open {
                current.push_str("</span>");
            }
            lines.push(std::mem::take(&mut current));
            for tag in &open {
                current.push_str(tag);
            }
            rest = after;
        } else {
            let next = rest
                .char_indices()
                .skip(1)
                .find(|&(_, c)| c == '<' || c == '\n')
                .map_or(rest.len(), |(i, _)| i);
            current.push_str(&rest[..next]);
            rest = &rest[next..];
        }
    }
    // A final line without a newline still counts; a trailing newline does not add one.
    if has_text(&current) || lines.len() < code.lines().count() {
        for _ in &open {
            current.push_str("</span>");
        }
        lines.push(current);
    }
    lines
}

fn has_text(html: &str) -> bool {
    let mut in_tag = false;
    html.chars().any(|c| match c {
        '<' => {
            in_tag = true;
            false
        }
        '>' => {
            in_tag = false;
            false
        }
        _ => !in_tag,
    })
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The CSS for highlighted code: the light theme, and the dark theme inside
/// `prefers-color-scheme: dark`. Colours are darkened or lightened until each
/// has a contrast of at least 4.5:1 with the theme's background.
pub fn theme_css() -> String {
    let themes = ThemeSet::load_defaults();
    let mut out = String::from(
        "/* Generated by `rampart course build` from syntect's themes; do not edit. */\n",
    );
    // Each theme is scoped to its colour scheme, so no rule of one leaks into the other.
    for (name, scheme, bg) in [
        (LIGHT_THEME, "light", LIGHT_CODE_BG),
        (DARK_THEME, "dark", DARK_CODE_BG),
    ] {
        let Some(theme) = themes.themes.get(name) else {
            continue;
        };
        let mut theme = theme.clone();
        theme.settings.background = Some(bg);
        if let Some(fg) = theme.settings.foreground.as_mut() {
            *fg = ensure_contrast(*fg, bg, MIN_CONTRAST);
        }
        for item in &mut theme.scopes {
            if let Some(fg) = item.style.foreground.as_mut() {
                *fg = ensure_contrast(*fg, bg, MIN_CONTRAST);
            }
            item.style.background = None;
        }
        let css = css_for_theme_with_class_style(&theme, CLASS_STYLE).unwrap_or_default();
        out.push_str(&format!(
            "@media (prefers-color-scheme: {scheme}) {{\n{css}}}\n"
        ));
    }
    out
}

fn luminance(c: Color) -> f64 {
    let ch = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b)
}

/// WCAG contrast ratio between two colours.
pub fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

fn ensure_contrast(fg: Color, bg: Color, min: f64) -> Color {
    let towards_black = luminance(bg) > 0.5;
    let mut c = Color { a: 0xff, ..fg };
    for _ in 0..64 {
        if contrast(c, bg) >= min {
            return c;
        }
        let step = |v: u8| {
            if towards_black {
                v.saturating_sub(8)
            } else {
                v.saturating_add(8)
            }
        };
        c = Color {
            r: step(c.r),
            g: step(c.g),
            b: step(c.b),
            a: 0xff,
        };
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c_code_gets_classes_and_escapes() {
        let html = highlight("int main(void) { return a < b; }\n", "c");
        assert!(html.contains("hl-"), "{html}");
        assert!(html.contains("&lt;"), "{html}");
        assert!(!html.contains(" < "), "{html}");
    }

    #[test]
    fn lines_are_self_contained() {
        let code = "/* a\n b */\nint x;\n";
        let lines = highlight_lines(code, "c");
        assert_eq!(lines.len(), 3, "{lines:?}");
        for l in &lines {
            assert_eq!(
                l.matches("<span").count(),
                l.matches("</span>").count(),
                "{l}"
            );
        }
        let text: String = {
            let mut in_tag = false;
            lines[1]
                .chars()
                .filter(|&c| {
                    if c == '<' {
                        in_tag = true
                    }
                    let keep = !in_tag;
                    if c == '>' {
                        in_tag = false
                    }
                    keep
                })
                .collect()
        };
        assert_eq!(text, " b */");
    }

    #[test]
    fn lines_without_trailing_newline_and_blank_lines() {
        let lines = highlight_lines("a\n\nb", "text");
        assert_eq!(lines, vec!["a", "", "b"]);
    }

    #[test]
    fn theme_meets_contrast() {
        let css = theme_css();
        assert!(css.contains("prefers-color-scheme: dark"));
        assert!(css.contains("prefers-color-scheme: light"));
        // Every colour in the CSS meets AA on the code background of its scheme.
        for (section, bg) in css.split("@media").skip(1).map(|s| {
            (
                s,
                if s.contains("dark") {
                    DARK_CODE_BG
                } else {
                    LIGHT_CODE_BG
                },
            )
        }) {
            let colors = section
                .match_indices("color: #")
                .filter(|(i, _)| !section[..*i].ends_with("background-"));
            for hex in colors.map(|(i, m)| &section[i + m.len()..i + m.len() + 6]) {
                let c = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
                let fg = Color {
                    r: c(0),
                    g: c(2),
                    b: c(4),
                    a: 0xff,
                };
                assert!(
                    contrast(fg, bg) >= 4.5,
                    "#{hex} on {bg:?}: {}",
                    contrast(fg, bg)
                );
            }
        }
        assert!(
            css.contains(".hl-comment"),
            "{}",
            &css[..400.min(css.len())]
        );
    }
}
