//! Highlighting for the data files of the supply-chain exercises (YAML,
//! JSON, TOML, INI, plain text), in the same line-per-entry HTML as the C
//! highlighter in [`crate::state::editor`], and with the same token classes.
//!
//! It is a line scanner, not a parser: it colours keys, strings, numbers,
//! comments, section headers and `${{ … }}` expressions, and never fails.

/// Highlights `text` as `language` (`c`, `yaml`, `json`, `toml`, `ini`,
/// anything else as plain text): one HTML string per line.
pub fn highlight_as(text: &str, language: &str) -> Vec<String> {
    match language {
        "c" => crate::state::editor::highlight(text),
        "yaml" | "json" | "toml" | "ini" => text.split('\n').map(|l| line(l, language)).collect(),
        _ => text.split('\n').map(escape).collect(),
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    crate::state::editor::escape_into(&mut out, s);
    out
}

fn span(out: &mut String, class: &str, s: &str) {
    if s.is_empty() {
        return;
    }
    out.push_str("<span class=\"");
    out.push_str(class);
    out.push_str("\">");
    out.push_str(&escape(s));
    out.push_str("</span>");
}

/// The byte length of a quoted string starting at `s[0]` (its quote),
/// through the closing quote or the end of the line.
fn quoted_len(s: &str) -> usize {
    let q = s.as_bytes()[0];
    let mut i = 1;
    let b = s.as_bytes();
    while i < b.len() {
        if b[i] == b'\\' && q == b'"' {
            i += 2;
            continue;
        }
        if b[i] == q {
            return i + 1;
        }
        i += 1;
    }
    s.len()
}

fn line(l: &str, lang: &str) -> String {
    let mut out = String::with_capacity(l.len() * 2);
    let trimmed = l.trim_start();
    let indent = &l[..l.len() - trimmed.len()];
    out.push_str(&escape(indent));
    // Whole-line forms first: comments and section headers.
    let comment_start = match lang {
        "json" => false,
        "ini" => trimmed.starts_with('#') || trimmed.starts_with(';'),
        _ => trimmed.starts_with('#'),
    };
    if comment_start {
        span(&mut out, "tok-comment", trimmed);
        return out;
    }
    if matches!(lang, "toml" | "ini") && trimmed.starts_with('[') {
        span(&mut out, "tok-pp", trimmed);
        return out;
    }
    let mut rest = trimmed;
    // A key at the start of the line: `key:` (YAML, after an optional `- `),
    // `key =` (TOML, INI).
    if lang == "yaml"
        && let Some(r) = rest.strip_prefix("- ")
    {
        span(&mut out, "tok-punct", "-");
        out.push(' ');
        rest = r;
    }
    let key_end = match lang {
        "yaml" => yaml_key_end(rest),
        "toml" | "ini" => rest.find('=').filter(|&i| {
            let k = rest[..i].trim();
            !k.is_empty() && !k.contains(['"', '\'', ' ']) || k.starts_with('"')
        }),
        _ => None,
    };
    if let Some(end) = key_end {
        span(&mut out, "tok-kw", &rest[..end]);
        rest = &rest[end..];
    }
    values(&mut out, rest, lang);
    out
}

/// Where a YAML mapping key ends (before its `:`), if the line starts with one.
fn yaml_key_end(s: &str) -> Option<usize> {
    if s.starts_with(['"', '\'']) {
        let n = quoted_len(s);
        return s[n..].starts_with(':').then_some(n);
    }
    let colon = s
        .find(": ")
        .or_else(|| s.ends_with(':').then(|| s.len() - 1))?;
    let key = &s[..colon];
    (!key.is_empty() && !key.contains(['{', '[', '#', '"', '\'']) && !key.starts_with('$'))
        .then_some(colon)
}

/// Strings, numbers, expressions, trailing comments and punctuation.
fn values(out: &mut String, mut s: &str, lang: &str) {
    while !s.is_empty() {
        let c = s.as_bytes()[0];
        let n = if s.starts_with("${{") {
            let n = s.find("}}").map_or(s.len(), |i| i + 2);
            span(out, "tok-pp", &s[..n]);
            n
        } else if c == b'"' || (c == b'\'' && lang != "json" && lang != "ini") {
            let n = quoted_len(s);
            // A JSON string followed by `:` is a key.
            let class = if lang == "json" && s[n..].trim_start().starts_with(':') {
                "tok-kw"
            } else {
                "tok-str"
            };
            span(out, class, &s[..n]);
            n
        } else if c == b'#' && lang != "json" {
            span(out, "tok-comment", s);
            s.len()
        } else if c.is_ascii_digit()
            || (c == b'-' && s.as_bytes().get(1).is_some_and(u8::is_ascii_digit))
        {
            let n = s
                .char_indices()
                .skip(1)
                .find(|(_, ch)| {
                    !(ch.is_ascii_alphanumeric() || matches!(ch, '.' | '_' | '-' | '+'))
                })
                .map_or(s.len(), |(i, _)| i);
            span(out, "tok-num", &s[..n]);
            n
        } else if matches!(
            c,
            b'{' | b'}' | b'[' | b']' | b',' | b':' | b'=' | b'|' | b'>'
        ) {
            span(out, "tok-punct", &s[..1]);
            1
        } else {
            // Plain text up to the next character that starts a token.
            let n = s
                .char_indices()
                .skip(1)
                .find(|&(i, ch)| {
                    matches!(
                        ch,
                        '"' | '\'' | '#' | '{' | '}' | '[' | ']' | ',' | ':' | '='
                    ) || s[i..].starts_with("${{")
                        || (ch.is_ascii_digit() && s[..i].ends_with([' ', '@', 'v']))
                })
                .map_or(s.len(), |(i, _)| i);
            out.push_str(&escape(&s[..n]));
            n
        };
        s = &s[n..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(html: &str) -> String {
        let mut out = String::new();
        let mut tag = false;
        for c in html.chars() {
            match c {
                '<' => tag = true,
                '>' => tag = false,
                c if !tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn every_language_keeps_the_text_and_the_line_count() {
        let samples = [
            (
                "yaml",
                "on:\n  push:\njobs:\n  test:\n    steps:\n      - uses: actions/checkout@v4 # pin me\n      - run: echo \"${{ github.event.issue.title }}\" 'x'\n",
            ),
            (
                "json",
                "{\n  \"bomFormat\": \"CycloneDX\",\n  \"version\": 1,\n  \"x\": [true, null, -2.5e3]\n}",
            ),
            (
                "toml",
                "# lock\n[[package]]\nname = \"serde\"\nversion = \"1.0.2\"\nchecksum = 'ab'\n",
            ),
            (
                "ini",
                "; c\n@acme:registry=https://npm.acme.example/\n[global]\nindex-url = https://x\n",
            ),
            ("text", "time 0.2.23\n<b>&</b>\n"),
            ("yaml", "unterminated: \"abc\n  - ${{ never closed\n\"\n"),
        ];
        for (lang, text) in samples {
            let lines = highlight_as(text, lang);
            assert_eq!(lines.len(), text.split('\n').count(), "{lang}");
            let back: Vec<String> = lines.iter().map(|l| strip(l)).collect();
            assert_eq!(
                back.join("\n"),
                text,
                "{lang}: highlighting must not change the text"
            );
        }
    }

    #[test]
    fn keys_strings_comments_and_expressions_get_their_classes() {
        let y = highlight_as(
            "      - run: echo \"${{ github.head_ref }}\" # note",
            "yaml",
        );
        assert!(
            y[0].contains("<span class=\"tok-kw\">run</span>"),
            "{}",
            y[0]
        );
        assert!(y[0].contains("tok-str"), "{}", y[0]);
        assert!(
            y[0].contains("<span class=\"tok-comment\"># note</span>"),
            "{}",
            y[0]
        );
        let e = highlight_as("run: echo ${{ github.event.issue.title }}", "yaml");
        assert!(
            e[0].contains("<span class=\"tok-pp\">${{ github.event.issue.title }}</span>"),
            "{}",
            e[0]
        );
        let j = highlight_as("  \"name\": \"serde\",", "json");
        assert!(
            j[0].contains("<span class=\"tok-kw\">&quot;name&quot;</span>"),
            "{}",
            j[0]
        );
        assert!(
            j[0].contains("<span class=\"tok-str\">&quot;serde&quot;</span>"),
            "{}",
            j[0]
        );
        let t = highlight_as("[[package]]", "toml");
        assert!(t[0].contains("tok-pp"), "{}", t[0]);
        let plain = highlight_as("<script>", "text");
        assert_eq!(plain[0], "&lt;script&gt;");
    }
}
