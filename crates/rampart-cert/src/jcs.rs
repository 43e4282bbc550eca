//! RFC 8785 JSON Canonicalization Scheme.
//!
//! Object members are sorted by the UTF-16 code units of their names, strings
//! use the shortest escapes ECMAScript's `JSON.stringify` uses, numbers are
//! written the way ECMAScript's `Number.prototype.toString` writes a double
//! (through `ryu-js`), and there is no whitespace.

use serde_json::{Number, Value};

use crate::json::{self, JsonError};

/// The canonical form of `value`.
pub fn canonicalize(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

/// Parses `text` strictly (see [`json`]) and returns its canonical form.
pub fn canonicalize_str(text: &str) -> Result<String, JsonError> {
    Ok(canonicalize(&json::parse(text)?))
}

fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => write_number(out, n),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
            out.push('{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, k);
                out.push(':');
                write_value(out, v);
            }
            out.push('}');
        }
    }
}

fn write_number(out: &mut String, n: &Number) {
    // Every JSON number is an IEEE 754 double for JCS; integers beyond 2^53
    // round exactly as ECMAScript rounds them when it parses the text.
    let f = n.as_f64().unwrap_or(0.0);
    if f == 0.0 {
        // Both zeros print as "0".
        out.push('0');
        return;
    }
    let mut buf = ryu_js::Buffer::new();
    out.push_str(buf.format_finite(f));
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_ecmascript() {
        let cases = [
            ("0", "0"),
            ("-0", "0"),
            ("-0.0", "0"),
            ("1", "1"),
            ("1.0", "1"),
            ("100", "100"),
            ("1e21", "1e+21"),
            ("1e20", "100000000000000000000"),
            ("0.000001", "0.000001"),
            ("0.0000001", "1e-7"),
            ("9007199254740993", "9007199254740992"),
            ("18446744073709551615", "18446744073709552000"),
            ("-5e-324", "-5e-324"),
        ];
        for (input, want) in cases {
            assert_eq!(canonicalize_str(input).as_deref(), Ok(want), "{input}");
        }
    }

    #[test]
    fn keys_sort_by_utf16_units() {
        // U+1F602 sorts after U+FB33 in UTF-8 and code point order, but its
        // UTF-16 surrogates (D83D DE02) sort before FB33.
        let got = canonicalize_str(r#"{"\ufb33":2,"\ud83d\ude02":1,"a":3}"#);
        assert_eq!(
            got.as_deref(),
            Ok("{\"a\":3,\"\u{1f602}\":1,\"\u{fb33}\":2}")
        );
    }
}
