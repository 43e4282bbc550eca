//! A strict JSON parser (RFC 8259) that remembers where every value starts.
//!
//! `serde_json` forgets positions once it has built a value; the lockfile,
//! OSV and SBOM analysers need the line of the offending value to point a
//! learner at it. This parser keeps the line and column of every value and
//! every object key, and is stricter than most: duplicate keys are an error
//! (JSON leaves their meaning open, and tools disagree on which one wins),
//! as are comments, trailing commas, lone surrogates and control characters
//! in strings. Nesting deeper than [`MAX_DEPTH`] is refused rather than
//! followed, so hostile input cannot exhaust the stack.
//!
//! It is linear in its input: positions are tracked incrementally, never
//! recomputed from the start of the text.

use std::collections::HashMap;

use crate::{InputError, check_size};

/// Deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 256;

/// A JSON value. Numbers keep their source text, so nothing is lost to
/// floating point; use [`Node::as_u64`] or [`Node::as_f64`] to read them.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Node>),
    /// Members in source order; each key is a [`Value::String`] node.
    Object(Vec<(Node, Node)>),
}

/// A value and where it starts (1-based line and column, columns counted
/// in characters).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub line: u32,
    pub column: u32,
}

impl Node {
    /// The member `key` of an object (`None` for other values).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The member `key` of an object, with its key node (whose line is
    /// where the key is written).
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        match &self.value {
            Value::Object(members) => members
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The number's source text, e.g. `"1"`, `"-0.5e3"`.
    pub fn as_number(&self) -> Option<&str> {
        match &self.value {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// A non-negative integer written without fraction or exponent.
    pub fn as_u64(&self) -> Option<u64> {
        self.as_number().and_then(|n| n.parse().ok())
    }

    /// An integer written without fraction or exponent.
    pub fn as_i64(&self) -> Option<i64> {
        self.as_number().and_then(|n| n.parse().ok())
    }

    pub fn as_f64(&self) -> Option<f64> {
        self.as_number().and_then(|n| n.parse().ok())
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// "null", "boolean", "number", "string", "array" or "object", for
    /// messages such as "expected a string, found an array".
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// "a string", "an array", ... for messages.
    pub fn kind_with_article(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// Parses `text` as one JSON document.
pub fn parse(text: &str) -> Result<Node, InputError> {
    check_size("JSON file", text)?;
    let mut p = Parser::new(text);
    // RFC 8259 lets parsers ignore a byte order mark; editors on Windows
    // still write one.
    if text.starts_with('\u{feff}') {
        p.pos = 3;
        p.col_pos = 3;
    }
    p.skip_ws();
    if p.pos >= p.bytes.len() {
        return Err(p.error_here("the file is empty; expected a JSON value"));
    }
    let node = p.value(0)?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.error_here(&format!(
            "unexpected {} after the end of the JSON value; a JSON file holds exactly one value",
            p.describe_here()
        )));
    }
    Ok(node)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line: u32,
    line_start: usize,
    /// Column bookkeeping: `col` is the 1-based column of byte `col_pos`,
    /// which always lies on the current line. Moving forward counts only
    /// the characters in between, so columns cost linear time overall.
    col_pos: usize,
    col: u32,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
            line_start: 0,
            col_pos: 0,
            col: 1,
        }
    }

    fn column(&mut self) -> u32 {
        if self.col_pos < self.line_start {
            self.col_pos = self.line_start;
            self.col = 1;
        }
        let end = self.pos.min(self.bytes.len());
        if end > self.col_pos {
            let chars = self.bytes[self.col_pos..end]
                .iter()
                .filter(|&&b| (b & 0xC0) != 0x80)
                .count();
            self.col = self
                .col
                .saturating_add(u32::try_from(chars).unwrap_or(u32::MAX));
            self.col_pos = end;
        }
        self.col
    }

    fn error_here(&mut self, message: &str) -> InputError {
        let column = self.column();
        let mut e = InputError::new(self.line, message);
        e.column = Some(column);
        e
    }

    fn error_at(line: u32, column: u32, message: String) -> InputError {
        let mut e = InputError::new(line, message);
        e.column = Some(column);
        e
    }

    /// "'x'", "end of file", for messages.
    fn describe_here(&self) -> String {
        match self.text[self.pos..].chars().next() {
            None => "end of file".to_string(),
            Some(c) if c.is_control() => format!("control character U+{:04X}", c as u32),
            Some(c) => format!("'{c}'"),
        }
    }

    fn skip_ws(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b' ' | b'\t' | b'\r' => self.pos += 1,
                b'\n' => {
                    self.pos += 1;
                    self.line += 1;
                    self.line_start = self.pos;
                }
                _ => break,
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, InputError> {
        let line = self.line;
        let column = self.column();
        let value = match self.bytes.get(self.pos) {
            None => return Err(self.error_here("unexpected end of file; expected a value")),
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            Some(b'/') => {
                return Err(self.error_here("comments are not allowed in JSON"));
            }
            Some(c) if c.is_ascii_alphabetic() => {
                // `True`, `NaN`, `undefined`, a bare word: say what it was.
                return Err(self.bad_word());
            }
            Some(b'\'') => {
                return Err(self.error_here("JSON strings use double quotes, not single quotes"));
            }
            Some(_) => {
                let what = self.describe_here();
                return Err(self.error_here(&format!("expected a JSON value, found {what}")));
            }
        };
        Ok(Node {
            value,
            line,
            column,
        })
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, InputError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.bad_word())
        }
    }

    fn bad_word(&mut self) -> InputError {
        {
            let end = self.text[self.pos..]
                .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .map_or(self.text.len(), |i| self.pos + i);
            let found: String = self.text[self.pos..end].chars().take(20).collect();
            self.error_here(&format!(
                "expected a JSON value, found `{found}` (JSON literals are true, false and null, in lowercase)"
            ))
        }
    }

    fn enter(&mut self, depth: usize) -> Result<(), InputError> {
        if depth >= MAX_DEPTH {
            Err(self.error_here(&format!(
                "arrays and objects are nested more than {MAX_DEPTH} levels deep; Rampart stops there"
            )))
        } else {
            Ok(())
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, InputError> {
        self.enter(depth)?;
        self.pos += 1; // {
        let mut members: Vec<(Node, Node)> = Vec::new();
        let mut seen: HashMap<String, u32> = HashMap::new();
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_ws();
            let key_line = self.line;
            let key_column = self.column();
            match self.bytes.get(self.pos) {
                Some(b'"') => {}
                Some(b'}') if !members.is_empty() => {
                    return Err(self.error_here("trailing comma before '}' is not allowed in JSON"));
                }
                _ => {
                    let what = self.describe_here();
                    return Err(self.error_here(&format!(
                        "expected an object key in double quotes, found {what}"
                    )));
                }
            }
            let key = self.string()?;
            if let Some(first) = seen.get(&key) {
                return Err(Self::error_at(
                    key_line,
                    key_column,
                    format!(
                        "duplicate key \"{key}\" (first at line {first}); JSON tools disagree on which one wins, so Rampart refuses both"
                    ),
                ));
            }
            seen.insert(key.clone(), key_line);
            self.skip_ws();
            if self.bytes.get(self.pos) != Some(&b':') {
                let what = self.describe_here();
                return Err(self.error_here(&format!(
                    "expected ':' after the key \"{key}\", found {what}"
                )));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value(depth + 1)?;
            members.push((
                Node {
                    value: Value::String(key),
                    line: key_line,
                    column: key_column,
                },
                value,
            ));
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(members));
                }
                _ => {
                    let what = self.describe_here();
                    return Err(self.error_here(&format!(
                        "expected ',' or '}}' after an object member, found {what}"
                    )));
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, InputError> {
        self.enter(depth)?;
        self.pos += 1; // [
        let mut items = Vec::new();
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            if self.bytes.get(self.pos) == Some(&b']') && !items.is_empty() {
                return Err(self.error_here("trailing comma before ']' is not allowed in JSON"));
            }
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => {
                    let what = self.describe_here();
                    return Err(self.error_here(&format!(
                        "expected ',' or ']' after an array element, found {what}"
                    )));
                }
            }
        }
    }

    fn number(&mut self) -> Result<String, InputError> {
        let start = self.pos;
        let b = self.bytes;
        let mut i = self.pos;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        match b.get(i) {
            Some(b'0') => {
                i += 1;
                if matches!(b.get(i), Some(b'0'..=b'9')) {
                    self.pos = start;
                    return Err(self.error_here("numbers must not have leading zeros in JSON"));
                }
            }
            Some(b'1'..=b'9') => {
                while matches!(b.get(i), Some(b'0'..=b'9')) {
                    i += 1;
                }
            }
            _ => {
                self.pos = i;
                return Err(self.error_here("expected a digit in the number"));
            }
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            if !matches!(b.get(i), Some(b'0'..=b'9')) {
                self.pos = i;
                return Err(self.error_here("expected a digit after the decimal point"));
            }
            while matches!(b.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if !matches!(b.get(i), Some(b'0'..=b'9')) {
                self.pos = i;
                return Err(self.error_here("expected a digit in the exponent"));
            }
            while matches!(b.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
        }
        self.pos = i;
        Ok(self.text[start..i].to_string())
    }

    fn hex4(&mut self) -> Result<u32, InputError> {
        let digits = self.bytes.get(self.pos..self.pos + 4);
        let parsed = digits
            .and_then(|d| std::str::from_utf8(d).ok())
            .filter(|s| s.bytes().all(|c| c.is_ascii_hexdigit()))
            .and_then(|s| u32::from_str_radix(s, 16).ok());
        match parsed {
            Some(v) => {
                self.pos += 4;
                Ok(v)
            }
            None => Err(self.error_here("expected four hex digits after \\u")),
        }
    }

    fn string(&mut self) -> Result<String, InputError> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            // Copy the run of ordinary characters in one go.
            let run_start = self.pos;
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[run_start..self.pos]);
            match self.bytes.get(self.pos) {
                None => {
                    return Err(self.error_here(
                        "unterminated string: the file ends before its closing quote",
                    ));
                }
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let esc = self.bytes.get(self.pos).copied();
                    self.pos += 1;
                    match esc {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let hi = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&hi) {
                                if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                                    return Err(self.error_here(
                                        "a \\u escape for a high surrogate must be followed by one for a low surrogate",
                                    ));
                                }
                                self.pos += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.error_here(
                                        "a \\u escape for a high surrogate must be followed by one for a low surrogate",
                                    ));
                                }
                                char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                            } else if (0xDC00..0xE000).contains(&hi) {
                                None
                            } else {
                                char::from_u32(hi)
                            };
                            match c {
                                Some(c) => out.push(c),
                                None => {
                                    return Err(self.error_here(
                                        "a lone surrogate \\u escape is not a character",
                                    ));
                                }
                            }
                        }
                        _ => {
                            self.pos -= 1;
                            let what = self.describe_here();
                            return Err(self.error_here(&format!(
                                "invalid escape \\{} in a string; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX",
                                what.trim_matches('\'')
                            )));
                        }
                    }
                }
                Some(_) => {
                    if self.bytes[self.pos] == b'\n' {
                        return Err(self.error_here(
                            "a string runs past the end of the line: close it with '\"' or write the line break as \\n",
                        ));
                    }
                    let what = self.describe_here();
                    return Err(self.error_here(&format!("{what} inside a string must be escaped")));
                }
            }
        }
    }
}
