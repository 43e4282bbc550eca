//! Strict JSON parsing for everything this crate reads from outside.
//!
//! `serde_json` keeps the last of two equal keys without a word, which lets a
//! signed document say one thing to the verifier and another to a reader that
//! keeps the first. Here a duplicate key anywhere is an error, as are nesting
//! deeper than [`Limits::max_depth`], input larger than [`Limits::max_bytes`],
//! lone UTF-16 surrogates and numbers outside the IEEE 754 double range (the
//! I-JSON profile that RFC 8785 requires). The result is a plain
//! [`serde_json::Value`], so the rest of the crate and its callers use the
//! usual types.

use std::fmt;

use serde_json::{Map, Number, Value};

/// Largest JSON text accepted by default: 1 MiB. A credential with every
/// submission of a track compressed inside is a few tens of kilobytes.
pub const DEFAULT_MAX_BYTES: usize = 1 << 20;
/// Deepest nesting of arrays and objects accepted by default.
pub const DEFAULT_MAX_DEPTH: usize = 64;

/// Bounds on what [`parse_with`] accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_bytes: usize,
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: DEFAULT_MAX_BYTES,
            max_depth: DEFAULT_MAX_DEPTH,
        }
    }
}

/// Why a JSON text was refused. Line and column are 1-based; the column
/// counts characters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JsonError {
    #[error(
        "the JSON text is {size} bytes, more than the limit of {limit} bytes; \
         a credential this large is not one Rampart made"
    )]
    TooLarge { size: usize, limit: usize },
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "line {line}, column {column}: duplicate key \"{key}\" in the object at {path}; \
         JSON with repeated keys is ambiguous, so it is refused"
    )]
    DuplicateKey {
        line: usize,
        column: usize,
        key: String,
        path: String,
    },
    #[error(
        "line {line}, column {column}: arrays and objects nest deeper than {limit} levels at {path}"
    )]
    TooDeep {
        line: usize,
        column: usize,
        limit: usize,
        path: String,
    },
}

/// Parses `text` with the [default limits](Limits::default).
pub fn parse(text: &str) -> Result<Value, JsonError> {
    parse_with(text, Limits::default())
}

/// Parses `text` strictly: one JSON value, optionally surrounded by
/// whitespace, within `limits`.
pub fn parse_with(text: &str, limits: Limits) -> Result<Value, JsonError> {
    if text.len() > limits.max_bytes {
        return Err(JsonError::TooLarge {
            size: text.len(),
            limit: limits.max_bytes,
        });
    }
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        limits,
        path: Path::default(),
    };
    p.skip_ws();
    let value = p.value(0)?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.syntax(p.pos, "unexpected characters after the JSON value"));
    }
    Ok(value)
}

/// A location inside a JSON document, shown as `credentialSubject.achievement.type[0]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path(Vec<Segment>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Key(String),
    Index(usize),
}

impl Path {
    pub fn root() -> Self {
        Path::default()
    }

    pub fn push_key(&mut self, key: &str) {
        self.0.push(Segment::Key(key.to_string()));
    }

    pub fn push_index(&mut self, index: usize) {
        self.0.push(Segment::Index(index));
    }

    pub fn pop(&mut self) {
        self.0.pop();
    }

    pub fn key(&self, key: &str) -> Path {
        let mut p = self.clone();
        p.push_key(key);
        p
    }

    pub fn index(&self, index: usize) -> Path {
        let mut p = self.clone();
        p.push_index(index);
        p
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("the top level");
        }
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Segment::Key(k) if is_plain_key(k) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                Segment::Key(k) => {
                    write!(f, "[{}]", Value::String(k.clone()))?;
                }
                Segment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

fn is_plain_key(k: &str) -> bool {
    !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '@' | '$' | ':' | '-'))
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    limits: Limits,
    path: Path,
}

impl Parser<'_> {
    fn line_col(&self, at: usize) -> (usize, usize) {
        let at = at.min(self.text.len());
        let before = self.text.get(..at).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
        (line, column)
    }

    fn syntax(&self, at: usize, message: impl Into<String>) -> JsonError {
        let (line, column) = self.line_col(at);
        JsonError::Syntax {
            line,
            column,
            message: message.into(),
        }
    }

    fn describe_here(&self) -> String {
        match self.text.get(self.pos..).and_then(|s| s.chars().next()) {
            None => "the end of the text".to_string(),
            Some(c) => format!("{c:?}"),
        }
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, JsonError> {
        match self.bytes.get(self.pos) {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.syntax(
                self.pos,
                format!("expected a JSON value, found {}", self.describe_here()),
            )),
        }
    }

    fn enter(&self, depth: usize) -> Result<(), JsonError> {
        if depth > self.limits.max_depth {
            let (line, column) = self.line_col(self.pos);
            return Err(JsonError::TooDeep {
                line,
                column,
                limit: self.limits.max_depth,
                path: self.path.to_string(),
            });
        }
        Ok(())
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, JsonError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.syntax(
                self.pos,
                format!("expected a JSON value, found {}", self.describe_here()),
            ))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.enter(depth)?;
        self.pos += 1; // '{'
        let mut map = Map::new();
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(Value::Object(map));
        }
        loop {
            self.skip_ws();
            if self.bytes.get(self.pos) != Some(&b'"') {
                return Err(self.syntax(
                    self.pos,
                    format!(
                        "expected a key in double quotes, found {}",
                        self.describe_here()
                    ),
                ));
            }
            let key_at = self.pos;
            let key = self.string()?;
            if map.contains_key(&key) {
                let (line, column) = self.line_col(key_at);
                return Err(JsonError::DuplicateKey {
                    line,
                    column,
                    key,
                    path: self.path.to_string(),
                });
            }
            self.skip_ws();
            if self.bytes.get(self.pos) != Some(&b':') {
                return Err(self.syntax(
                    self.pos,
                    format!(
                        "expected ':' after the key \"{key}\", found {}",
                        self.describe_here()
                    ),
                ));
            }
            self.pos += 1;
            self.skip_ws();
            self.path.push_key(&key);
            let value = self.value(depth)?;
            self.path.pop();
            map.insert(key, value);
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(map));
                }
                _ => {
                    return Err(self.syntax(
                        self.pos,
                        format!(
                            "expected ',' or '}}' in the object at {}, found {}",
                            self.path,
                            self.describe_here()
                        ),
                    ));
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.enter(depth)?;
        self.pos += 1; // '['
        let mut items = Vec::new();
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            self.path.push_index(items.len());
            let value = self.value(depth)?;
            self.path.pop();
            items.push(value);
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => {
                    return Err(self.syntax(
                        self.pos,
                        format!(
                            "expected ',' or ']' in the array at {}, found {}",
                            self.path,
                            self.describe_here()
                        ),
                    ));
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u16, JsonError> {
        let start = self.pos;
        let digits = self
            .text
            .get(start..start + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.syntax(start, "expected four hex digits after \\u"))?;
        self.pos += 4;
        u16::from_str_radix(digits, 16).map_err(|_| self.syntax(start, "bad \\u escape"))
    }

    fn string(&mut self) -> Result<String, JsonError> {
        let open = self.pos;
        self.pos += 1; // '"'
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[run_start..self.pos]);
            match self.bytes.get(self.pos) {
                None => return Err(self.syntax(open, "this string is never closed")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let esc_at = self.pos;
                    self.pos += 1;
                    let c = match self.bytes.get(self.pos) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let unit = self.hex4()?;
                            let c = self.code_point(unit, esc_at)?;
                            out.push(c);
                            continue;
                        }
                        _ => {
                            return Err(self.syntax(
                                esc_at,
                                format!(
                                    "unknown escape: a backslash followed by {}",
                                    self.describe_here()
                                ),
                            ));
                        }
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(b) => {
                    return Err(self.syntax(
                        self.pos,
                        format!("control character U+{b:04X} inside a string must be escaped"),
                    ));
                }
            }
        }
    }

    fn code_point(&mut self, unit: u16, esc_at: usize) -> Result<char, JsonError> {
        match unit {
            0xD800..=0xDBFF => {
                if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                    return Err(self.syntax(
                        esc_at,
                        format!("lone surrogate \\u{unit:04x}: I-JSON forbids it"),
                    ));
                }
                self.pos += 2;
                let low = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(self.syntax(
                        esc_at,
                        format!(
                            "\\u{unit:04x} is not followed by a low surrogate (found \\u{low:04x})"
                        ),
                    ));
                }
                let c = 0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                char::from_u32(c).ok_or_else(|| self.syntax(esc_at, "bad surrogate pair"))
            }
            0xDC00..=0xDFFF => Err(self.syntax(
                esc_at,
                format!("lone surrogate \\u{unit:04x}: I-JSON forbids it"),
            )),
            _ => {
                char::from_u32(u32::from(unit)).ok_or_else(|| self.syntax(esc_at, "bad \\u escape"))
            }
        }
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let s = p.pos;
            while p.bytes.get(p.pos).is_some_and(u8::is_ascii_digit) {
                p.pos += 1;
            }
            p.pos - s
        };
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        let n = digits(self);
        if n == 0 {
            return Err(self.syntax(start, "a number needs digits"));
        }
        if n > 1 && self.bytes[int_start] == b'0' {
            return Err(self.syntax(start, "numbers may not have leading zeros"));
        }
        let mut integral = true;
        if self.bytes.get(self.pos) == Some(&b'.') {
            integral = false;
            self.pos += 1;
            if digits(self) == 0 {
                return Err(self.syntax(start, "a digit must follow the decimal point"));
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.pos) {
            integral = false;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.syntax(start, "an exponent needs digits"));
            }
        }
        let literal = &self.text[start..self.pos];
        if integral {
            if let Ok(u) = literal.parse::<u64>() {
                return Ok(Value::Number(u.into()));
            }
            if let Ok(i) = literal.parse::<i64>() {
                return Ok(Value::Number(i.into()));
            }
        }
        let f: f64 = literal
            .parse()
            .map_err(|_| self.syntax(start, format!("{literal} is not a number")))?;
        Number::from_f64(f).map(Value::Number).ok_or_else(|| {
            self.syntax(
                start,
                format!("{literal} is outside the range of an IEEE 754 double (I-JSON)"),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_display() {
        let p = Path::root()
            .key("credentialSubject")
            .key("type")
            .index(0)
            .key("a b");
        assert_eq!(p.to_string(), "credentialSubject.type[0][\"a b\"]");
        assert_eq!(Path::root().to_string(), "the top level");
    }
}
