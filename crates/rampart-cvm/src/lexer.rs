//! The C lexer, shared by the compiler and the app's code editor.
//!
//! [`tokenize`] returns every byte of the input as tokens (whitespace and
//! comments included) so an editor can colour the source exactly; it never
//! panics, whatever the input (unterminated strings and comments run to the
//! end of the line or file).

use serde::Serialize;

/// What a token is, as far as highlighting needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TokenKind {
    Keyword,
    Ident,
    Number,
    String,
    Char,
    Punct,
    Comment,
    /// `#` and the directive name (`#include`, `#define`).
    Preprocessor,
    Whitespace,
    Unknown,
}

/// A byte range of the source, `start..end`, always on UTF-8 boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

pub(crate) const KEYWORDS: &[&str] = &[
    "auto",
    "break",
    "case",
    "char",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extern",
    "float",
    "for",
    "goto",
    "if",
    "inline",
    "int",
    "long",
    "register",
    "restrict",
    "return",
    "short",
    "signed",
    "sizeof",
    "static",
    "struct",
    "switch",
    "typedef",
    "union",
    "unsigned",
    "void",
    "volatile",
    "while",
    "_Bool",
    "_Alignof",
    "_Static_assert",
    "_Noreturn",
    "bool",
    "__restrict",
    "__inline",
    "__attribute__",
];

const PUNCTS3: &[&str] = &[">>=", "<<=", "..."];
const PUNCTS2: &[&str] = &[
    "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=", "%=", "+=", "-=",
    "&=", "^=", "|=", "##",
];
const PUNCTS1: &[u8] = b"[](){}.&*+-~!/%<>^|?:;=,#";

pub(crate) fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// Splits `src` into tokens that cover it completely.
pub fn tokenize(src: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut lx = RawLexer::new(src);
    while let Some(t) = lx.next_token() {
        out.push(t);
    }
    out
}

/// The lexer proper: yields raw tokens one at a time.
pub(crate) struct RawLexer<'a> {
    src: &'a str,
    b: &'a [u8],
    pos: usize,
    /// Only whitespace (no newline) seen since the start of the line.
    line_start: bool,
    /// Just lexed `#include`: lex `<...>` as a string.
    after_include: bool,
}

impl<'a> RawLexer<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        RawLexer {
            src,
            b: src.as_bytes(),
            pos: 0,
            line_start: true,
            after_include: false,
        }
    }

    fn peek(&self, off: usize) -> u8 {
        self.b.get(self.pos + off).copied().unwrap_or(0)
    }

    /// Advances to the next char boundary at or after `p`.
    fn boundary(&self, mut p: usize) -> usize {
        if p >= self.b.len() {
            return self.b.len();
        }
        while p < self.b.len() && !self.src.is_char_boundary(p) {
            p += 1;
        }
        p
    }

    pub(crate) fn next_token(&mut self) -> Option<Token> {
        if self.pos >= self.b.len() {
            return None;
        }
        let start = self.pos;
        let c = self.b[start];
        let kind;
        if c == b' '
            || c == b'\t'
            || c == b'\r'
            || c == b'\n'
            || c == 0x0b
            || c == 0x0c
            || (c == b'\\' && matches!(self.peek(1), b'\n' | b'\r'))
        {
            // Whitespace, including backslash-newline line splices.
            let mut p = start;
            let mut saw_newline = false;
            while p < self.b.len() {
                let d = self.b[p];
                if d == b'\\' && matches!(self.b.get(p + 1), Some(b'\n') | Some(b'\r')) {
                    p += 2;
                    if self.b.get(p - 1) == Some(&b'\r') && self.b.get(p) == Some(&b'\n') {
                        p += 1;
                    }
                } else if d == b'\n' {
                    saw_newline = true;
                    p += 1;
                } else if matches!(d, b' ' | b'\t' | b'\r' | 0x0b | 0x0c) {
                    p += 1;
                } else {
                    break;
                }
            }
            self.pos = p;
            if saw_newline {
                self.line_start = true;
                self.after_include = false;
            }
            return Some(Token {
                kind: TokenKind::Whitespace,
                span: Span { start, end: p },
            });
        }
        let was_line_start = self.line_start;
        self.line_start = false;
        if c == b'/' && self.peek(1) == b'/' {
            let mut p = start + 2;
            while p < self.b.len() && self.b[p] != b'\n' {
                p += 1;
            }
            self.pos = p;
            self.line_start = was_line_start;
            return Some(Token {
                kind: TokenKind::Comment,
                span: Span { start, end: p },
            });
        }
        if c == b'/' && self.peek(1) == b'*' {
            let mut p = start + 2;
            loop {
                if p + 1 >= self.b.len() {
                    p = self.b.len();
                    break;
                }
                if self.b[p] == b'*' && self.b[p + 1] == b'/' {
                    p += 2;
                    break;
                }
                p += 1;
            }
            self.pos = p;
            self.line_start = was_line_start;
            return Some(Token {
                kind: TokenKind::Comment,
                span: Span { start, end: p },
            });
        }
        if c == b'#' && was_line_start {
            // `#`, optional blanks, directive name.
            let mut p = start + 1;
            while p < self.b.len() && matches!(self.b[p], b' ' | b'\t') {
                p += 1;
            }
            let name_start = p;
            while p < self.b.len() && (self.b[p].is_ascii_alphanumeric() || self.b[p] == b'_') {
                p += 1;
            }
            if &self.b[name_start..p] == b"include" {
                self.after_include = true;
            }
            self.pos = p;
            return Some(Token {
                kind: TokenKind::Preprocessor,
                span: Span { start, end: p },
            });
        }
        if c == b'<' && self.after_include {
            let mut p = start + 1;
            while p < self.b.len() && self.b[p] != b'>' && self.b[p] != b'\n' {
                p += 1;
            }
            if p < self.b.len() && self.b[p] == b'>' {
                p += 1;
            }
            self.pos = self.boundary(p);
            self.after_include = false;
            return Some(Token {
                kind: TokenKind::String,
                span: Span {
                    start,
                    end: self.pos,
                },
            });
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            let mut p = start;
            while p < self.b.len() && (self.b[p].is_ascii_alphanumeric() || self.b[p] == b'_') {
                p += 1;
            }
            let word = &self.src[start..p];
            // String and char prefixes: L"..", u8"..", u'.'.
            if matches!(word, "L" | "u" | "U" | "u8")
                && p < self.b.len()
                && (self.b[p] == b'"' || self.b[p] == b'\'')
            {
                self.pos = p;
                let q = self.b[p];
                let end = self.quoted(p, q);
                self.pos = end;
                let kind = if q == b'"' {
                    TokenKind::String
                } else {
                    TokenKind::Char
                };
                return Some(Token {
                    kind,
                    span: Span { start, end },
                });
            }
            self.pos = p;
            kind = if is_keyword(word) {
                TokenKind::Keyword
            } else {
                TokenKind::Ident
            };
            return Some(Token {
                kind,
                span: Span { start, end: p },
            });
        }
        if c.is_ascii_digit() || (c == b'.' && self.peek(1).is_ascii_digit()) {
            let mut p = start + 1;
            while p < self.b.len() {
                let d = self.b[p];
                let exponent_sign =
                    (d == b'+' || d == b'-') && matches!(self.b[p - 1], b'e' | b'E' | b'p' | b'P');
                if exponent_sign || d.is_ascii_alphanumeric() || d == b'_' || d == b'.' {
                    p += 1;
                } else {
                    break;
                }
            }
            self.pos = p;
            return Some(Token {
                kind: TokenKind::Number,
                span: Span { start, end: p },
            });
        }
        if c == b'"' || c == b'\'' {
            let end = self.quoted(start, c);
            self.pos = end;
            let kind = if c == b'"' {
                TokenKind::String
            } else {
                TokenKind::Char
            };
            return Some(Token {
                kind,
                span: Span { start, end },
            });
        }
        let rest = &self.b[start..];
        for p in PUNCTS3 {
            if rest.starts_with(p.as_bytes()) {
                self.pos = start + 3;
                return Some(Token {
                    kind: TokenKind::Punct,
                    span: Span {
                        start,
                        end: start + 3,
                    },
                });
            }
        }
        for p in PUNCTS2 {
            if rest.starts_with(p.as_bytes()) {
                self.pos = start + 2;
                return Some(Token {
                    kind: TokenKind::Punct,
                    span: Span {
                        start,
                        end: start + 2,
                    },
                });
            }
        }
        if PUNCTS1.contains(&c) {
            self.pos = start + 1;
            return Some(Token {
                kind: TokenKind::Punct,
                span: Span {
                    start,
                    end: start + 1,
                },
            });
        }
        let end = self.boundary(start + 1);
        self.pos = end;
        Some(Token {
            kind: TokenKind::Unknown,
            span: Span { start, end },
        })
    }

    /// End of a quoted literal starting at `start` (the quote); stops at the
    /// closing quote, or before an unescaped newline, or at the end.
    fn quoted(&self, start: usize, q: u8) -> usize {
        let mut p = start + 1;
        while p < self.b.len() {
            let d = self.b[p];
            if d == b'\\' {
                p += 2;
                continue;
            }
            if d == q {
                return p + 1;
            }
            if d == b'\n' {
                return p;
            }
            p += 1;
        }
        self.boundary(p.min(self.b.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(TokenKind, &str)> {
        tokenize(src)
            .into_iter()
            .filter(|t| t.kind != TokenKind::Whitespace)
            .map(|t| (t.kind, &src[t.span.start..t.span.end]))
            .collect()
    }

    #[test]
    fn covers_every_byte() {
        for src in [
            "int main(void) { return 0; }",
            "\"abc",
            "/* x",
            "'\\",
            "é€ 💥 x",
            "#include <stdio.h>\n#define X 1",
            "a\\\nb",
            "\\",
        ] {
            let toks = tokenize(src);
            let mut pos = 0;
            for t in &toks {
                assert_eq!(t.span.start, pos, "{src:?}");
                assert!(t.span.end > t.span.start);
                pos = t.span.end;
            }
            assert_eq!(pos, src.len());
        }
    }

    #[test]
    fn kinds_of_tokens() {
        let k = kinds("#include <stdio.h>\nint x = 0x1F + 'a'; // hi\nchar *s = \"q\\\"\" ;");
        assert_eq!(k[0], (TokenKind::Preprocessor, "#include"));
        assert_eq!(k[1], (TokenKind::String, "<stdio.h>"));
        assert_eq!(k[2], (TokenKind::Keyword, "int"));
        assert_eq!(k[3], (TokenKind::Ident, "x"));
        assert_eq!(k[5], (TokenKind::Number, "0x1F"));
        assert_eq!(k[7], (TokenKind::Char, "'a'"));
        assert_eq!(k[9], (TokenKind::Comment, "// hi"));
        assert!(k.contains(&(TokenKind::String, "\"q\\\"\"")));
        assert_eq!(kinds("a >>= b")[1], (TokenKind::Punct, ">>="));
        assert_eq!(kinds("1.5e+3f")[0], (TokenKind::Number, "1.5e+3f"));
    }
}
