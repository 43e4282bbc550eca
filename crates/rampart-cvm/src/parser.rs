//! A hand-written recursive-descent parser for the C subset. It recovers
//! after an error (skipping to the next `;` or `}`) so that one run reports
//! every syntax error, and it refuses input nested deeper than
//! [`MAX_NESTING`] so the later passes can recurse safely.

use std::collections::HashMap;

use crate::ast::*;
use crate::lexer::TokenKind;
use crate::preprocess::{PTok, parse_int_literal};
use crate::report::Diagnostic;

/// Deepest nesting of parentheses, blocks and statements accepted.
pub(crate) const MAX_NESTING: u32 = 96;
/// Tallest expression tree accepted (long operator chains).
pub(crate) const MAX_EXPR_DEPTH: u32 = 160;

pub(crate) struct Parser {
    toks: Vec<PTok>,
    pos: usize,
    pub diags: Vec<Diagnostic>,
    typedefs: Vec<HashMap<String, bool>>,
    nesting: u32,
    /// Gave up (too deep, too many errors): unwind quickly.
    abort: bool,
    eof: PTok,
}

type PResult<T> = Result<T, ()>;

/// Value of a character constant such as `'a'` or `'\n'` (type int, with
/// `char` signed).
pub(crate) fn char_value(text: &str) -> Option<i64> {
    let inner = text.trim_start_matches(['L', 'u', 'U', '8']);
    let inner = inner.strip_prefix('\'')?;
    let inner = inner.strip_suffix('\'').unwrap_or(inner);
    let bytes = unescape(inner.as_bytes());
    match bytes.len() {
        0 => None,
        1 => Some(bytes[0] as i8 as i64),
        _ => {
            let mut v: i64 = 0;
            for b in bytes.iter().take(4) {
                v = (v << 8) | *b as i64;
            }
            Some(v as i32 as i64)
        }
    }
}

/// Decodes C escape sequences.
pub(crate) fn unescape(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        i += 1;
        if c != b'\\' || i >= s.len() {
            out.push(c);
            continue;
        }
        let e = s[i];
        i += 1;
        let v = match e {
            b'n' => b'\n',
            b't' => b'\t',
            b'r' => b'\r',
            b'a' => 7,
            b'b' => 8,
            b'f' => 12,
            b'v' => 11,
            b'e' => 27,
            b'x' => {
                let mut v: u32 = 0;
                while i < s.len() && s[i].is_ascii_hexdigit() {
                    v = v
                        .wrapping_mul(16)
                        .wrapping_add((s[i] as char).to_digit(16).unwrap_or(0));
                    i += 1;
                }
                v as u8
            }
            b'0'..=b'7' => {
                let mut v: u32 = (e - b'0') as u32;
                let mut n = 1;
                while n < 3 && i < s.len() && (b'0'..=b'7').contains(&s[i]) {
                    v = v * 8 + (s[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                v as u8
            }
            b'\n' => continue,
            other => other,
        };
        out.push(v);
    }
    out
}

fn depth_of(es: &[&Expr]) -> u32 {
    es.iter().map(|e| e.depth).max().unwrap_or(0) + 1
}

fn binop_of(s: &str) -> Option<(BinOp, u8)> {
    Some(match s {
        "*" => (BinOp::Mul, 10),
        "/" => (BinOp::Div, 10),
        "%" => (BinOp::Rem, 10),
        "+" => (BinOp::Add, 9),
        "-" => (BinOp::Sub, 9),
        "<<" => (BinOp::Shl, 8),
        ">>" => (BinOp::Shr, 8),
        "<" => (BinOp::Lt, 7),
        ">" => (BinOp::Gt, 7),
        "<=" => (BinOp::Le, 7),
        ">=" => (BinOp::Ge, 7),
        "==" => (BinOp::Eq, 6),
        "!=" => (BinOp::Ne, 6),
        "&" => (BinOp::BitAnd, 5),
        "^" => (BinOp::BitXor, 4),
        "|" => (BinOp::BitOr, 3),
        "&&" => (BinOp::And, 2),
        "||" => (BinOp::Or, 1),
        _ => return None,
    })
}

fn assign_op(s: &str) -> Option<Option<BinOp>> {
    Some(match s {
        "=" => None,
        "+=" => Some(BinOp::Add),
        "-=" => Some(BinOp::Sub),
        "*=" => Some(BinOp::Mul),
        "/=" => Some(BinOp::Div),
        "%=" => Some(BinOp::Rem),
        "<<=" => Some(BinOp::Shl),
        ">>=" => Some(BinOp::Shr),
        "&=" => Some(BinOp::BitAnd),
        "^=" => Some(BinOp::BitXor),
        "|=" => Some(BinOp::BitOr),
        _ => return None,
    })
}

impl Parser {
    pub(crate) fn new(toks: Vec<PTok>) -> Self {
        let (line, col) = toks
            .last()
            .map(|t| (t.line, t.col + t.text.len() as u32))
            .unwrap_or((1, 1));
        let eof = PTok::synthetic(TokenKind::Unknown, "", line, col);
        Parser {
            toks,
            pos: 0,
            diags: Vec::new(),
            typedefs: vec![HashMap::new()],
            nesting: 0,
            abort: false,
            eof,
        }
    }

    fn peek(&self) -> &PTok {
        self.toks.get(self.pos).unwrap_or(&self.eof)
    }
    fn peek_at(&self, n: usize) -> &PTok {
        self.toks.get(self.pos + n).unwrap_or(&self.eof)
    }
    fn at_eof(&self) -> bool {
        self.pos >= self.toks.len()
    }
    fn is(&self, s: &str) -> bool {
        let t = self.peek();
        t.kind != TokenKind::String && t.kind != TokenKind::Char && t.is(s)
    }
    fn loc(&self) -> Loc {
        let t = self.peek();
        Loc {
            line: t.line,
            col: t.col,
        }
    }
    fn bump(&mut self) -> PTok {
        let t = self.peek().clone();
        if self.pos < self.toks.len() {
            self.pos += 1;
        }
        t
    }
    fn eat(&mut self, s: &str) -> bool {
        if self.is(s) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn error_at(&mut self, loc: Loc, msg: String) {
        if self.diags.len() >= 100 {
            self.abort = true;
            return;
        }
        // One message per place is enough.
        if self
            .diags
            .last()
            .is_some_and(|d| d.line == loc.line && d.column == loc.col)
        {
            return;
        }
        self.diags.push(Diagnostic {
            line: loc.line,
            column: loc.col,
            message: msg,
        });
    }

    fn describe(t: &PTok) -> String {
        if t.text.is_empty() {
            "the end of the file".into()
        } else {
            format!("'{}'", t.text)
        }
    }

    fn expect(&mut self, s: &str, what: &str) -> PResult<()> {
        if self.eat(s) {
            return Ok(());
        }
        let t = self.peek().clone();
        // A missing `;` belongs at the end of the previous line.
        let loc = match self.toks.get(self.pos.wrapping_sub(1)) {
            Some(prev) if s == ";" && (prev.line < t.line || self.at_eof()) => Loc {
                line: prev.line,
                col: prev.col + prev.text.chars().count() as u32,
            },
            _ => Loc {
                line: t.line,
                col: t.col,
            },
        };
        self.error_at(
            loc,
            format!("expected '{s}' {what}, found {}", Self::describe(&t)),
        );
        // A `;` missing at the end of a line: carry on as if it were there.
        if s == ";"
            && self
                .toks
                .get(self.pos.wrapping_sub(1))
                .is_some_and(|p| p.line < t.line)
        {
            return Ok(());
        }
        Err(())
    }

    fn enter(&mut self) -> PResult<()> {
        self.nesting += 1;
        if self.nesting > MAX_NESTING {
            if !self.abort {
                let l = self.loc();
                self.error_at(l, format!("code is nested too deeply (more than {MAX_NESTING} levels of brackets or blocks)"));
                self.abort = true;
            }
            return Err(());
        }
        if self.abort {
            return Err(());
        }
        Ok(())
    }
    fn leave(&mut self) {
        self.nesting = self.nesting.saturating_sub(1);
    }

    fn mk(&mut self, kind: ExprKind, loc: Loc, depth: u32) -> PResult<Expr> {
        if depth > MAX_EXPR_DEPTH {
            if !self.abort {
                self.error_at(
                    loc,
                    format!("expression is too complex (more than {MAX_EXPR_DEPTH} levels deep)"),
                );
                self.abort = true;
            }
            return Err(());
        }
        Ok(Expr { kind, loc, depth })
    }

    fn is_typedef(&self, name: &str) -> bool {
        for s in self.typedefs.iter().rev() {
            if let Some(&b) = s.get(name) {
                return b;
            }
        }
        false
    }

    fn declare_name(&mut self, name: &str, is_typedef: bool) {
        if let Some(s) = self.typedefs.last_mut() {
            s.insert(name.to_string(), is_typedef);
        }
    }

    fn is_type_start(&self, t: &PTok) -> bool {
        match t.kind {
            TokenKind::Keyword => matches!(
                &*t.text,
                "void"
                    | "char"
                    | "short"
                    | "int"
                    | "long"
                    | "float"
                    | "double"
                    | "signed"
                    | "unsigned"
                    | "_Bool"
                    | "bool"
                    | "struct"
                    | "union"
                    | "enum"
                    | "const"
                    | "volatile"
                    | "static"
                    | "extern"
                    | "typedef"
                    | "auto"
                    | "register"
                    | "inline"
                    | "restrict"
                    | "__restrict"
                    | "_Noreturn"
                    | "__inline"
                    | "__attribute__"
            ),
            TokenKind::Ident => self.is_typedef(&t.text),
            _ => false,
        }
    }

    /// Skips to just after the next `;` (or to a `}`), for recovery.
    fn sync(&mut self) {
        let mut depth = 0i32;
        while !self.at_eof() {
            let t = self.peek();
            if t.kind == TokenKind::Punct {
                match &*t.text {
                    ";" if depth <= 0 => {
                        self.pos += 1;
                        return;
                    }
                    "{" => depth += 1,
                    "}" => {
                        if depth <= 0 {
                            return;
                        }
                        depth -= 1;
                        if depth == 0 {
                            self.pos += 1;
                            return;
                        }
                    }
                    _ => {}
                }
            }
            self.pos += 1;
        }
    }

    // ---------------------------------------------------------------- top level

    pub(crate) fn parse_unit(&mut self) -> TranslationUnit {
        let mut tu = TranslationUnit::default();
        while !self.at_eof() && !self.abort {
            let start = self.pos;
            if self.eat(";") {
                continue;
            }
            match self.external(&mut tu) {
                Ok(()) => {}
                Err(()) => {
                    self.sync();
                }
            }
            if self.pos == start {
                self.pos += 1;
            }
        }
        tu
    }

    fn external(&mut self, tu: &mut TranslationUnit) -> PResult<()> {
        let loc = self.loc();
        if self.is("_Static_assert") {
            self.pos += 1;
            self.expect("(", "after '_Static_assert'")?;
            let _ = self.expr()?;
            self.expect(")", "after the static assertion")?;
            return self.expect(";", "after the static assertion");
        }
        if !self.is_type_start(self.peek()) {
            let t = self.peek().clone();
            if t.kind == TokenKind::Ident && self.peek_at(1).is("(") {
                self.error_at(
                    loc,
                    format!(
                        "'{}' needs a return type (for example 'int {}(...)')",
                        t.text, t.text
                    ),
                );
            } else if t.kind == TokenKind::Ident {
                self.error_at(loc, format!("unknown type name '{}'", t.text));
            } else {
                self.error_at(
                    loc,
                    format!("expected a declaration, found {}", Self::describe(&t)),
                );
            }
            return Err(());
        }
        let spec = self.decl_spec()?;
        if self.eat(";") {
            tu.items.push(External::Decl(Stmt {
                kind: StmtKind::Decl(Vec::new(), vec![spec.base]),
                loc,
            }));
            return Ok(());
        }
        let dloc = self.loc();
        let (name, derivs) = self.declarator(false)?;
        let name = name.unwrap_or_default();
        if matches!(derivs.last(), Some(Deriv::Func(..))) && self.is("{") {
            self.declare_name(&name, false);
            // Parameters are visible in the body.
            self.typedefs.push(HashMap::new());
            if let Some(Deriv::Func(ps, _)) = derivs.last() {
                for p in ps {
                    if let Some(n) = &p.name {
                        self.declare_name(n, false);
                    }
                }
            }
            let body = self.block();
            self.typedefs.pop();
            let body = body?;
            let end_line = self
                .toks
                .get(self.pos.wrapping_sub(1))
                .map(|t| t.line)
                .unwrap_or(dloc.line);
            tu.items.push(External::Func(FuncDef {
                storage: spec.storage,
                base: spec.base,
                name,
                derivs,
                body,
                loc: dloc,
                end_line,
            }));
            return Ok(());
        }
        let decls = self.init_declarators(&spec, name, derivs, dloc)?;
        tu.items.push(External::Decl(Stmt {
            kind: StmtKind::Decl(decls, vec![spec.base]),
            loc,
        }));
        Ok(())
    }

    fn init_declarators(
        &mut self,
        spec: &DeclSpec,
        name: String,
        derivs: Vec<Deriv>,
        dloc: Loc,
    ) -> PResult<Vec<Decl>> {
        let mut decls = Vec::new();
        let (mut name, mut derivs, mut dloc) = (name, derivs, dloc);
        loop {
            let is_td = spec.storage == Storage::Typedef;
            self.declare_name(&name, is_td);
            let init = if self.eat("=") {
                Some(self.initializer()?)
            } else {
                None
            };
            decls.push(Decl {
                storage: spec.storage,
                base: spec.base.clone(),
                name,
                derivs,
                init,
                loc: dloc,
            });
            if !self.eat(",") {
                break;
            }
            dloc = self.loc();
            let (n, d) = self.declarator(false)?;
            name = n.unwrap_or_default();
            derivs = d;
        }
        self.expect(";", "after the declaration")?;
        Ok(decls)
    }

    fn skip_attribute(&mut self) -> PResult<()> {
        // __attribute__((...)): skip the balanced parentheses.
        if self.eat("(") {
            let mut depth = 1;
            while depth > 0 && !self.at_eof() {
                let t = self.bump();
                if t.is("(") {
                    depth += 1;
                } else if t.is(")") {
                    depth -= 1;
                }
            }
        }
        Ok(())
    }

    fn decl_spec(&mut self) -> PResult<DeclSpec> {
        let loc = self.loc();
        let mut storage = Storage::None;
        let mut base: Option<BaseType> = None;
        let mut signed: Option<bool> = None;
        let mut longs = 0;
        let mut short = false;
        let mut int_kw = false;
        let mut char_kw = false;
        let mut is_const = false;
        let mut any = false;
        loop {
            let t = self.peek().clone();
            let word = &*t.text;
            if t.kind == TokenKind::Keyword {
                match word {
                    "typedef" => storage = Storage::Typedef,
                    "extern" => storage = Storage::Extern,
                    "static" => storage = Storage::Static,
                    "auto" => storage = Storage::Auto,
                    "register" => storage = Storage::Register,
                    "const" => is_const = true,
                    "volatile" | "inline" | "__inline" | "restrict" | "__restrict"
                    | "_Noreturn" => {}
                    "__attribute__" => {
                        self.pos += 1;
                        self.skip_attribute()?;
                        continue;
                    }
                    "signed" => signed = Some(true),
                    "unsigned" => signed = Some(false),
                    "short" => short = true,
                    "long" => longs += 1,
                    "int" => int_kw = true,
                    "char" => char_kw = true,
                    "void" | "_Bool" | "bool" | "float" | "double" | "struct" | "union"
                    | "enum" => {
                        if base.is_some() {
                            self.error_at(
                                Loc {
                                    line: t.line,
                                    col: t.col,
                                },
                                format!("two types in one declaration ('{word}')"),
                            );
                        }
                        self.pos += 1;
                        base = Some(match word {
                            "void" => BaseType::Void,
                            "_Bool" | "bool" => BaseType::Bool,
                            "float" => BaseType::Float,
                            "double" => BaseType::Double,
                            "enum" => self.enum_spec(Loc {
                                line: t.line,
                                col: t.col,
                            })?,
                            _ => self.record_spec(
                                word == "union",
                                Loc {
                                    line: t.line,
                                    col: t.col,
                                },
                            )?,
                        });
                        any = true;
                        continue;
                    }
                    _ => break,
                }
                self.pos += 1;
                any = true;
                continue;
            }
            if t.kind == TokenKind::Ident
                && base.is_none()
                && signed.is_none()
                && !short
                && longs == 0
                && !int_kw
                && !char_kw
                && self.is_typedef(word)
            {
                base = Some(BaseType::Named(word.to_string()));
                self.pos += 1;
                any = true;
                continue;
            }
            break;
        }
        if !any {
            let t = self.peek().clone();
            self.error_at(
                loc,
                format!("expected a type, found {}", Self::describe(&t)),
            );
            return Err(());
        }
        let base = match base {
            Some(BaseType::Double) if longs > 0 => BaseType::Double,
            Some(b) => b,
            None => {
                if char_kw {
                    BaseType::Char(signed)
                } else if short {
                    BaseType::Int(2, signed != Some(false))
                } else if longs > 0 {
                    BaseType::Int(8, signed != Some(false))
                } else if int_kw || signed.is_some() {
                    BaseType::Int(4, signed != Some(false))
                } else {
                    // `static x;` or `const y;`: implicit int is gone in C99.
                    let t = self.peek().clone();
                    self.error_at(
                        loc,
                        format!("type specifier missing before {}", Self::describe(&t)),
                    );
                    BaseType::Int(4, true)
                }
            }
        };
        Ok(DeclSpec {
            storage,
            base,
            is_const,
            loc,
        })
    }

    fn record_spec(&mut self, is_union: bool, loc: Loc) -> PResult<BaseType> {
        while self.is("__attribute__") {
            self.pos += 1;
            self.skip_attribute()?;
        }
        let tag = if self.peek().kind == TokenKind::Ident {
            Some(self.bump().text.to_string())
        } else {
            None
        };
        let mut fields = None;
        if self.eat("{") {
            self.enter()?;
            let mut fs = Vec::new();
            while !self.is("}") && !self.at_eof() && !self.abort {
                let start = self.pos;
                if let Err(()) = self.field_decl(&mut fs) {
                    self.sync();
                }
                if self.pos == start {
                    self.pos += 1;
                }
            }
            self.leave();
            self.expect("}", "to close the member list")?;
            fields = Some(fs);
        } else if tag.is_none() {
            let t = self.peek().clone();
            self.error_at(
                loc,
                format!(
                    "expected a tag or '{{' after '{}', found {}",
                    if is_union { "union" } else { "struct" },
                    Self::describe(&t)
                ),
            );
            return Err(());
        }
        Ok(BaseType::Record(Box::new(RecordSpec {
            is_union,
            tag,
            fields,
            loc,
        })))
    }

    fn field_decl(&mut self, out: &mut Vec<FieldDecl>) -> PResult<()> {
        let spec = self.decl_spec()?;
        if self.eat(";") {
            // Anonymous struct or union member.
            out.push(FieldDecl {
                base: spec.base,
                name: None,
                derivs: Vec::new(),
                bits: None,
                loc: spec.loc,
            });
            return Ok(());
        }
        loop {
            let loc = self.loc();
            let (name, derivs) = if self.is(":") {
                (None, Vec::new())
            } else {
                self.declarator(false)?
            };
            let bits = if self.eat(":") {
                Some(self.conditional()?)
            } else {
                None
            };
            out.push(FieldDecl {
                base: spec.base.clone(),
                name,
                derivs,
                bits,
                loc,
            });
            if !self.eat(",") {
                break;
            }
        }
        self.expect(";", "after the member declaration")
    }

    fn enum_spec(&mut self, loc: Loc) -> PResult<BaseType> {
        let tag = if self.peek().kind == TokenKind::Ident {
            Some(self.bump().text.to_string())
        } else {
            None
        };
        let mut items = None;
        if self.eat("{") {
            let mut its = Vec::new();
            while !self.is("}") && !self.at_eof() {
                let t = self.peek().clone();
                if t.kind != TokenKind::Ident {
                    self.error_at(
                        Loc {
                            line: t.line,
                            col: t.col,
                        },
                        format!("expected an enumerator name, found {}", Self::describe(&t)),
                    );
                    return Err(());
                }
                self.pos += 1;
                let v = if self.eat("=") {
                    Some(self.conditional()?)
                } else {
                    None
                };
                self.declare_name(&t.text, false);
                its.push((
                    t.text.to_string(),
                    v,
                    Loc {
                        line: t.line,
                        col: t.col,
                    },
                ));
                if !self.eat(",") {
                    break;
                }
            }
            self.expect("}", "to close the enum")?;
            items = Some(its);
        } else if tag.is_none() {
            self.error_at(loc, "expected a tag or '{' after 'enum'".into());
            return Err(());
        }
        Ok(BaseType::Enum(Box::new(EnumSpec { tag, items, loc })))
    }

    /// Parses a declarator; with `abstract_ok` the name may be missing.
    fn declarator(&mut self, abstract_ok: bool) -> PResult<(Option<String>, Vec<Deriv>)> {
        self.enter()?;
        let r = self.declarator_inner(abstract_ok);
        self.leave();
        r
    }

    fn declarator_inner(&mut self, abstract_ok: bool) -> PResult<(Option<String>, Vec<Deriv>)> {
        let mut ptrs = 0;
        loop {
            if self.eat("*") {
                ptrs += 1;
            } else if self.is("const")
                || self.is("volatile")
                || self.is("restrict")
                || self.is("__restrict")
            {
                self.pos += 1;
            } else if self.is("__attribute__") {
                self.pos += 1;
                self.skip_attribute()?;
            } else {
                break;
            }
        }
        let mut name = None;
        let mut inner = Vec::new();
        let t = self.peek().clone();
        if t.is("(") && t.kind == TokenKind::Punct {
            let n = self.peek_at(1).clone();
            let nested = n.is("*")
                || n.is("(")
                || n.is("[")
                || (n.kind == TokenKind::Ident && !self.is_typedef(&n.text));
            if nested {
                self.pos += 1;
                let (nm, d) = self.declarator(abstract_ok)?;
                name = nm;
                inner = d;
                self.expect(")", "to close the declarator")?;
            }
        } else if t.kind == TokenKind::Ident {
            self.pos += 1;
            name = Some(t.text.to_string());
        } else if !abstract_ok {
            self.error_at(
                Loc {
                    line: t.line,
                    col: t.col,
                },
                format!(
                    "expected a name in the declaration, found {}",
                    Self::describe(&t)
                ),
            );
            return Err(());
        }
        let mut suffixes = Vec::new();
        loop {
            if self.eat("[") {
                while self.is("static") || self.is("const") || self.is("restrict") {
                    self.pos += 1;
                }
                let size = if self.is("]") {
                    None
                } else {
                    Some(Box::new(self.assignment()?))
                };
                self.expect("]", "to close the array size")?;
                suffixes.push(Deriv::Array(size));
            } else if self.is("(") {
                self.pos += 1;
                let (ps, variadic) = self.params()?;
                suffixes.push(Deriv::Func(ps, variadic));
            } else {
                break;
            }
        }
        while self.is("__attribute__") {
            self.pos += 1;
            self.skip_attribute()?;
        }
        let mut derivs: Vec<Deriv> = (0..ptrs).map(|_| Deriv::Ptr).collect();
        derivs.extend(suffixes.into_iter().rev());
        derivs.extend(inner);
        Ok((name, derivs))
    }

    /// Parameter list, after the `(`.
    fn params(&mut self) -> PResult<(Vec<Param>, bool)> {
        let mut ps = Vec::new();
        let mut variadic = false;
        if self.eat(")") {
            return Ok((ps, false));
        }
        if self.is("void") && self.peek_at(1).is(")") {
            self.pos += 2;
            return Ok((ps, false));
        }
        self.typedefs.push(HashMap::new());
        let r = (|| -> PResult<()> {
            loop {
                if self.eat("...") {
                    variadic = true;
                    break;
                }
                let loc = self.loc();
                let spec = self.decl_spec()?;
                let (name, derivs) = self.declarator(true)?;
                ps.push(Param {
                    base: spec.base,
                    name,
                    derivs,
                    loc,
                });
                if !self.eat(",") {
                    break;
                }
            }
            self.expect(")", "to close the parameter list")
        })();
        self.typedefs.pop();
        r?;
        Ok((ps, variadic))
    }

    fn type_name(&mut self) -> PResult<TypeName> {
        let loc = self.loc();
        let spec = self.decl_spec()?;
        let (name, derivs) = self.declarator(true)?;
        if let Some(n) = name {
            self.error_at(loc, format!("unexpected name '{n}' in a type"));
        }
        Ok(TypeName {
            base: spec.base,
            derivs,
            loc,
        })
    }

    fn initializer(&mut self) -> PResult<Init> {
        if self.is("{") {
            let loc = self.loc();
            self.pos += 1;
            self.enter()?;
            let items = self.init_list();
            self.leave();
            return Ok(Init::List(items?, loc));
        }
        Ok(Init::Expr(self.assignment()?))
    }

    /// Items of a brace initializer, after the `{`, through the `}`.
    fn init_list(&mut self) -> PResult<Vec<InitItem>> {
        let mut items = Vec::new();
        while !self.is("}") && !self.at_eof() {
            let mut designators = Vec::new();
            loop {
                if self.eat(".") {
                    let t = self.bump();
                    if t.kind != TokenKind::Ident {
                        self.error_at(
                            Loc {
                                line: t.line,
                                col: t.col,
                            },
                            "expected a member name after '.'".into(),
                        );
                        return Err(());
                    }
                    designators.push(Designator::Field(
                        t.text.to_string(),
                        Loc {
                            line: t.line,
                            col: t.col,
                        },
                    ));
                } else if self.eat("[") {
                    let e = self.conditional()?;
                    self.expect("]", "after the array designator")?;
                    designators.push(Designator::Index(e));
                } else {
                    break;
                }
            }
            if !designators.is_empty() {
                self.expect("=", "after the designator")?;
            }
            let init = self.initializer()?;
            items.push(InitItem { designators, init });
            if !self.eat(",") {
                break;
            }
        }
        self.expect("}", "to close the initializer")?;
        Ok(items)
    }

    // ---------------------------------------------------------------- statements

    fn block(&mut self) -> PResult<Stmt> {
        let loc = self.loc();
        self.expect("{", "to open the block")?;
        // Nesting is counted by statement(), which every block sits in.
        self.typedefs.push(HashMap::new());
        let mut stmts = Vec::new();
        while !self.is("}") && !self.at_eof() && !self.abort {
            let start = self.pos;
            match self.statement() {
                Ok(s) => stmts.push(s),
                Err(()) => {
                    if self.abort {
                        break;
                    }
                    self.sync();
                }
            }
            if self.pos == start {
                self.pos += 1;
            }
        }
        self.typedefs.pop();
        if self.abort {
            return Err(());
        }
        self.expect("}", "to close the block")?;
        Ok(Stmt {
            kind: StmtKind::Block(stmts),
            loc,
        })
    }

    fn statement(&mut self) -> PResult<Stmt> {
        self.enter()?;
        let r = self.statement_inner();
        self.leave();
        r
    }

    fn sub_statement(&mut self) -> PResult<Box<Stmt>> {
        // A declaration as the body of if/while is not allowed in C, but a
        // block around it is what the learner meant; parse it anyway.
        if self.is("{") {
            return Ok(Box::new(self.block()?));
        }
        Ok(Box::new(self.statement()?))
    }

    fn statement_inner(&mut self) -> PResult<Stmt> {
        let loc = self.loc();
        let t = self.peek().clone();
        if t.kind == TokenKind::Punct && t.is("{") {
            return self.block();
        }
        if t.kind == TokenKind::Punct && t.is(";") {
            self.pos += 1;
            return Ok(Stmt {
                kind: StmtKind::Empty,
                loc,
            });
        }
        if t.kind == TokenKind::Keyword {
            match &*t.text {
                "if" => {
                    self.pos += 1;
                    self.expect("(", "after 'if'")?;
                    let c = self.expr()?;
                    self.expect(")", "after the condition")?;
                    let then = self.sub_statement()?;
                    let els = if self.eat("else") {
                        Some(self.sub_statement()?)
                    } else {
                        None
                    };
                    return Ok(Stmt {
                        kind: StmtKind::If(c, then, els),
                        loc,
                    });
                }
                "while" => {
                    self.pos += 1;
                    self.expect("(", "after 'while'")?;
                    let c = self.expr()?;
                    self.expect(")", "after the condition")?;
                    let body = self.sub_statement()?;
                    return Ok(Stmt {
                        kind: StmtKind::While(c, body),
                        loc,
                    });
                }
                "do" => {
                    self.pos += 1;
                    let body = self.sub_statement()?;
                    self.expect("while", "after the body of 'do'")?;
                    self.expect("(", "after 'while'")?;
                    let c = self.expr()?;
                    self.expect(")", "after the condition")?;
                    self.expect(";", "after 'do ... while (...)'")?;
                    return Ok(Stmt {
                        kind: StmtKind::DoWhile(body, c),
                        loc,
                    });
                }
                "for" => {
                    self.pos += 1;
                    self.expect("(", "after 'for'")?;
                    self.typedefs.push(HashMap::new());
                    let r = self.for_rest(loc);
                    self.typedefs.pop();
                    return r;
                }
                "switch" => {
                    self.pos += 1;
                    self.expect("(", "after 'switch'")?;
                    let c = self.expr()?;
                    self.expect(")", "after the switch value")?;
                    let body = self.sub_statement()?;
                    return Ok(Stmt {
                        kind: StmtKind::Switch(c, body),
                        loc,
                    });
                }
                "case" => {
                    self.pos += 1;
                    let v = self.conditional()?;
                    if self.is("...") {
                        self.error_at(self.loc(), "case ranges ('...') are not supported".into());
                        return Err(());
                    }
                    self.expect(":", "after the case value")?;
                    let s = if self.is("}") {
                        Stmt {
                            kind: StmtKind::Empty,
                            loc,
                        }
                    } else {
                        self.statement()?
                    };
                    return Ok(Stmt {
                        kind: StmtKind::Case(v, Box::new(s)),
                        loc,
                    });
                }
                "default" => {
                    self.pos += 1;
                    self.expect(":", "after 'default'")?;
                    let s = if self.is("}") {
                        Stmt {
                            kind: StmtKind::Empty,
                            loc,
                        }
                    } else {
                        self.statement()?
                    };
                    return Ok(Stmt {
                        kind: StmtKind::Default(Box::new(s)),
                        loc,
                    });
                }
                "break" => {
                    self.pos += 1;
                    self.expect(";", "after 'break'")?;
                    return Ok(Stmt {
                        kind: StmtKind::Break,
                        loc,
                    });
                }
                "continue" => {
                    self.pos += 1;
                    self.expect(";", "after 'continue'")?;
                    return Ok(Stmt {
                        kind: StmtKind::Continue,
                        loc,
                    });
                }
                "return" => {
                    self.pos += 1;
                    let e = if self.is(";") {
                        None
                    } else {
                        Some(self.expr()?)
                    };
                    self.expect(";", "after the return statement")?;
                    return Ok(Stmt {
                        kind: StmtKind::Return(e),
                        loc,
                    });
                }
                "goto" => {
                    self.pos += 1;
                    let l = self.bump();
                    if l.kind != TokenKind::Ident {
                        self.error_at(loc, "expected a label name after 'goto'".into());
                        return Err(());
                    }
                    self.expect(";", "after the goto statement")?;
                    return Ok(Stmt {
                        kind: StmtKind::Goto(l.text.to_string()),
                        loc,
                    });
                }
                "_Static_assert" => {
                    self.pos += 1;
                    self.expect("(", "after '_Static_assert'")?;
                    let _ = self.expr()?;
                    self.expect(")", "after the static assertion")?;
                    self.expect(";", "after the static assertion")?;
                    return Ok(Stmt {
                        kind: StmtKind::Empty,
                        loc,
                    });
                }
                _ => {}
            }
        }
        if t.kind == TokenKind::Ident && self.peek_at(1).is(":") && !self.is_typedef(&t.text) {
            self.pos += 2;
            let s = if self.is("}") {
                Stmt {
                    kind: StmtKind::Empty,
                    loc,
                }
            } else {
                self.statement()?
            };
            return Ok(Stmt {
                kind: StmtKind::Label(t.text.to_string(), Box::new(s)),
                loc,
            });
        }
        if self.is_type_start(&t) {
            return self.declaration();
        }
        // `foo bar;` where foo is not a known type: say so plainly.
        if t.kind == TokenKind::Ident && self.peek_at(1).kind == TokenKind::Ident {
            self.error_at(loc, format!("unknown type name '{}'", t.text));
            return Err(());
        }
        let e = self.expr()?;
        self.expect(";", "after the expression")?;
        Ok(Stmt {
            kind: StmtKind::Expr(e),
            loc,
        })
    }

    fn for_rest(&mut self, loc: Loc) -> PResult<Stmt> {
        let init = if self.eat(";") {
            None
        } else if self.is_type_start(&self.peek().clone()) {
            Some(Box::new(self.declaration()?))
        } else {
            let l = self.loc();
            let e = self.expr()?;
            self.expect(";", "after the loop initialisation")?;
            Some(Box::new(Stmt {
                kind: StmtKind::Expr(e),
                loc: l,
            }))
        };
        let cond = if self.is(";") {
            None
        } else {
            Some(self.expr()?)
        };
        self.expect(";", "after the loop condition")?;
        let step = if self.is(")") {
            None
        } else {
            Some(self.expr()?)
        };
        self.expect(")", "after the loop header")?;
        let body = self.sub_statement()?;
        Ok(Stmt {
            kind: StmtKind::For(init, cond, step, body),
            loc,
        })
    }

    fn declaration(&mut self) -> PResult<Stmt> {
        let loc = self.loc();
        let spec = self.decl_spec()?;
        if self.eat(";") {
            return Ok(Stmt {
                kind: StmtKind::Decl(Vec::new(), vec![spec.base]),
                loc,
            });
        }
        let dloc = self.loc();
        let (name, derivs) = self.declarator(false)?;
        let decls = self.init_declarators(&spec, name.unwrap_or_default(), derivs, dloc)?;
        Ok(Stmt {
            kind: StmtKind::Decl(decls, vec![spec.base]),
            loc,
        })
    }

    // ---------------------------------------------------------------- expressions

    pub(crate) fn expr(&mut self) -> PResult<Expr> {
        let mut e = self.assignment()?;
        while self.is(",") {
            let loc = self.loc();
            self.pos += 1;
            let r = self.assignment()?;
            let d = depth_of(&[&e, &r]);
            e = self.mk(ExprKind::Comma(Box::new(e), Box::new(r)), loc, d)?;
        }
        Ok(e)
    }

    fn assignment(&mut self) -> PResult<Expr> {
        if self.abort {
            return Err(());
        }
        let lhs = self.conditional()?;
        let t = self.peek().clone();
        if t.kind == TokenKind::Punct
            && let Some(op) = assign_op(&t.text)
        {
            self.pos += 1;
            self.enter()?;
            let rhs = self.assignment();
            self.leave();
            let rhs = rhs?;
            let d = depth_of(&[&lhs, &rhs]);
            return self.mk(
                ExprKind::Assign(op, Box::new(lhs), Box::new(rhs)),
                Loc {
                    line: t.line,
                    col: t.col,
                },
                d,
            );
        }
        Ok(lhs)
    }

    fn conditional(&mut self) -> PResult<Expr> {
        let c = self.binary(1)?;
        if self.is("?") {
            let loc = self.loc();
            self.pos += 1;
            self.enter()?;
            let a = self.expr();
            self.leave();
            let a = a?;
            self.expect(":", "in the conditional expression")?;
            self.enter()?;
            let b = self.conditional();
            self.leave();
            let b = b?;
            let d = depth_of(&[&c, &a, &b]);
            return self.mk(
                ExprKind::Cond(Box::new(c), Box::new(a), Box::new(b)),
                loc,
                d,
            );
        }
        Ok(c)
    }

    fn binary(&mut self, min: u8) -> PResult<Expr> {
        let mut lhs = self.cast()?;
        loop {
            let t = self.peek().clone();
            if t.kind != TokenKind::Punct {
                return Ok(lhs);
            }
            let Some((op, prec)) = binop_of(&t.text) else {
                return Ok(lhs);
            };
            if prec < min {
                return Ok(lhs);
            }
            self.pos += 1;
            self.enter()?;
            let rhs = self.binary(prec + 1);
            self.leave();
            let rhs = rhs?;
            let d = depth_of(&[&lhs, &rhs]);
            lhs = self.mk(
                ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
                Loc {
                    line: t.line,
                    col: t.col,
                },
                d,
            )?;
        }
    }

    fn cast(&mut self) -> PResult<Expr> {
        if self.is("(") && self.is_type_start(&self.peek_at(1).clone()) {
            let loc = self.loc();
            self.pos += 1;
            self.enter()?;
            let tn = self.type_name();
            self.leave();
            let tn = tn?;
            self.expect(")", "after the type in the cast")?;
            if self.is("{") {
                let lloc = self.loc();
                self.pos += 1;
                self.enter()?;
                let items = self.init_list();
                self.leave();
                let e = self.mk(ExprKind::CompoundLit(Box::new(tn), items?), lloc, 2)?;
                return self.postfix_ops(e);
            }
            self.enter()?;
            let e = self.cast();
            self.leave();
            let e = e?;
            let d = e.depth + 1;
            return self.mk(ExprKind::Cast(Box::new(tn), Box::new(e)), loc, d);
        }
        self.unary()
    }

    fn unary(&mut self) -> PResult<Expr> {
        let t = self.peek().clone();
        let loc = Loc {
            line: t.line,
            col: t.col,
        };
        if t.kind == TokenKind::Punct {
            let op = match &*t.text {
                "-" => Some(UnOp::Neg),
                "+" => Some(UnOp::Plus),
                "!" => Some(UnOp::Not),
                "~" => Some(UnOp::BitNot),
                "*" => Some(UnOp::Deref),
                "&" => Some(UnOp::AddrOf),
                "++" => Some(UnOp::PreInc),
                "--" => Some(UnOp::PreDec),
                _ => None,
            };
            if let Some(op) = op {
                self.pos += 1;
                self.enter()?;
                let e = if matches!(op, UnOp::PreInc | UnOp::PreDec) {
                    self.unary()
                } else {
                    self.cast()
                };
                self.leave();
                let e = e?;
                let d = e.depth + 1;
                return self.mk(ExprKind::Unary(op, Box::new(e)), loc, d);
            }
        }
        if t.kind == TokenKind::Keyword && (t.is("sizeof") || t.is("_Alignof")) {
            self.pos += 1;
            if self.is("(") && self.is_type_start(&self.peek_at(1).clone()) {
                self.pos += 1;
                let tn = self.type_name()?;
                self.expect(")", "after the type")?;
                if t.is("_Alignof") {
                    return self.mk(ExprKind::AlignofType(Box::new(tn)), loc, 1);
                }
                return self.mk(ExprKind::SizeofType(Box::new(tn)), loc, 1);
            }
            self.enter()?;
            let e = self.unary();
            self.leave();
            let e = e?;
            let d = e.depth + 1;
            return self.mk(ExprKind::SizeofExpr(Box::new(e)), loc, d);
        }
        let p = self.primary()?;
        self.postfix_ops(p)
    }

    fn postfix_ops(&mut self, mut e: Expr) -> PResult<Expr> {
        loop {
            let t = self.peek().clone();
            if t.kind != TokenKind::Punct {
                return Ok(e);
            }
            // Accesses and calls are located at the start of the expression.
            let loc = if t.is("++") || t.is("--") {
                Loc {
                    line: t.line,
                    col: t.col,
                }
            } else {
                e.loc
            };
            match &*t.text {
                "[" => {
                    self.pos += 1;
                    self.enter()?;
                    let i = self.expr();
                    self.leave();
                    let i = i?;
                    self.expect("]", "to close the index")?;
                    let d = depth_of(&[&e, &i]);
                    e = self.mk(ExprKind::Index(Box::new(e), Box::new(i)), loc, d)?;
                }
                "(" => {
                    self.pos += 1;
                    self.enter()?;
                    let mut args = Vec::new();
                    let r = (|| -> PResult<()> {
                        if !self.is(")") {
                            loop {
                                args.push(self.assignment()?);
                                if !self.eat(",") {
                                    break;
                                }
                            }
                        }
                        self.expect(")", "to close the argument list")
                    })();
                    self.leave();
                    r?;
                    let mut d = e.depth;
                    for a in &args {
                        d = d.max(a.depth);
                    }
                    e = self.mk(ExprKind::Call(Box::new(e), args), loc, d + 1)?;
                }
                "." | "->" => {
                    self.pos += 1;
                    let n = self.bump();
                    if n.kind != TokenKind::Ident && n.kind != TokenKind::Keyword {
                        self.error_at(
                            Loc {
                                line: n.line,
                                col: n.col,
                            },
                            format!(
                                "expected a member name after '{}', found {}",
                                t.text,
                                Self::describe(&n)
                            ),
                        );
                        return Err(());
                    }
                    let d = e.depth + 1;
                    e = self.mk(
                        ExprKind::Member(Box::new(e), n.text.to_string(), t.is("->")),
                        loc,
                        d,
                    )?;
                }
                "++" | "--" => {
                    self.pos += 1;
                    let op = if t.is("++") {
                        UnOp::PostInc
                    } else {
                        UnOp::PostDec
                    };
                    let d = e.depth + 1;
                    e = self.mk(ExprKind::Unary(op, Box::new(e)), loc, d)?;
                }
                _ => return Ok(e),
            }
        }
    }

    fn primary(&mut self) -> PResult<Expr> {
        let t = self.peek().clone();
        let loc = Loc {
            line: t.line,
            col: t.col,
        };
        match t.kind {
            TokenKind::Ident => {
                self.pos += 1;
                self.mk(ExprKind::Ident(t.text.to_string()), loc, 1)
            }
            TokenKind::Number => {
                self.pos += 1;
                self.number(&t.text, loc)
            }
            TokenKind::Char => {
                self.pos += 1;
                match char_value(&t.text) {
                    Some(v) => self.mk(ExprKind::Char(v), loc, 1),
                    None => {
                        self.error_at(loc, format!("invalid character constant {}", t.text));
                        self.mk(ExprKind::Char(0), loc, 1)
                    }
                }
            }
            TokenKind::String => {
                let mut bytes = Vec::new();
                while self.peek().kind == TokenKind::String {
                    let s = self.bump();
                    let text = s.text.trim_start_matches(['L', 'u', 'U', '8']);
                    if text.len() < 2 || !text.ends_with('"') || text.starts_with('<') {
                        self.error_at(
                            Loc {
                                line: s.line,
                                col: s.col,
                            },
                            "missing terminating '\"' character".into(),
                        );
                        return Err(());
                    }
                    bytes.extend(unescape(&text.as_bytes()[1..text.len() - 1]));
                }
                self.mk(ExprKind::Str(bytes), loc, 1)
            }
            TokenKind::Punct if t.is("(") => {
                self.pos += 1;
                self.enter()?;
                let e = self.expr();
                self.leave();
                let e = e?;
                self.expect(")", "to close the parenthesis")?;
                Ok(e)
            }
            _ => {
                if t.kind == TokenKind::Keyword && self.is_type_start(&t) {
                    self.error_at(
                        loc,
                        format!("unexpected type '{}' in an expression", t.text),
                    );
                } else {
                    self.error_at(
                        loc,
                        format!("expected an expression, found {}", Self::describe(&t)),
                    );
                }
                Err(())
            }
        }
    }

    fn number(&mut self, text: &str, loc: Loc) -> PResult<Expr> {
        let lower = text.to_ascii_lowercase();
        let is_hex = lower.starts_with("0x");
        let is_float = lower.contains('.')
            || (!is_hex && lower.contains('e'))
            || (is_hex && lower.contains('p'));
        if is_float {
            let single = lower.ends_with('f');
            let body = lower.trim_end_matches(['f', 'l']);
            let v = if is_hex {
                parse_hex_float(body)
            } else {
                body.parse::<f64>().ok()
            };
            return match v {
                Some(value) => self.mk(ExprKind::Float { value, single }, loc, 1),
                None => {
                    self.error_at(loc, format!("invalid number '{text}'"));
                    self.mk(
                        ExprKind::Int {
                            value: 0,
                            unsigned: false,
                            longs: 0,
                            decimal: true,
                        },
                        loc,
                        1,
                    )
                }
            };
        }
        match parse_int_literal(text) {
            Some((value, unsigned, longs)) => {
                let decimal = !(lower.starts_with('0') && lower.len() > 1);
                self.mk(
                    ExprKind::Int {
                        value,
                        unsigned,
                        longs,
                        decimal,
                    },
                    loc,
                    1,
                )
            }
            None => {
                self.error_at(loc, format!("invalid number '{text}'"));
                self.mk(
                    ExprKind::Int {
                        value: 0,
                        unsigned: false,
                        longs: 0,
                        decimal: true,
                    },
                    loc,
                    1,
                )
            }
        }
    }
}

fn parse_hex_float(s: &str) -> Option<f64> {
    let s = s.strip_prefix("0x")?;
    let (mant, exp) = s.split_once('p')?;
    let exp: i32 = exp.parse().ok()?;
    let (ip, fp) = mant.split_once('.').unwrap_or((mant, ""));
    let mut v = 0f64;
    for c in ip.chars() {
        v = v * 16.0 + c.to_digit(16)? as f64;
    }
    let mut scale = 1.0 / 16.0;
    for c in fp.chars() {
        v += c.to_digit(16)? as f64 * scale;
        scale /= 16.0;
    }
    Some(v * 2f64.powi(exp))
}

/// Preprocesses and parses a program (after the prelude declarations).
pub(crate) fn parse(toks: Vec<PTok>) -> (TranslationUnit, Vec<Diagnostic>) {
    let mut p = Parser::new(toks);
    let tu = p.parse_unit();
    (tu, p.diags)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preprocess::Preprocessor;

    fn parse_src(src: &str) -> (TranslationUnit, Vec<Diagnostic>) {
        let toks = Preprocessor::new().run(src);
        parse(toks)
    }

    #[test]
    fn parses_declarators() {
        let (tu, d) = parse_src(
            "int (*fp)(int, char*); int *a[3]; int m[2][3]; struct p { int x, y; } pt = {1, 2};\nint main(void) { return 0; }",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(tu.items.len(), 5);
        let External::Decl(s) = &tu.items[0] else {
            panic!()
        };
        let StmtKind::Decl(ds, _) = &s.kind else {
            panic!()
        };
        assert!(matches!(
            ds[0].derivs.as_slice(),
            [Deriv::Func(..), Deriv::Ptr]
        ));
    }

    #[test]
    fn reports_every_error() {
        let (_, d) = parse_src("int main(void) {\n  int x = 1\n  x = ;\n  return x;\n}\n");
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].line, 2);
        assert_eq!(d[1].line, 3);
    }

    #[test]
    fn deep_nesting_is_a_diagnostic() {
        let src = format!(
            "int main(void) {{ return {}1{}; }}",
            "(".repeat(10_000),
            ")".repeat(10_000)
        );
        let (_, d) = parse_src(&src);
        assert!(d[0].message.contains("nested too deeply"));
        let src = format!(
            "int main(void) {}{}",
            "{".repeat(10_000),
            "}".repeat(10_000)
        );
        let (_, d) = parse_src(&src);
        assert!(d[0].message.contains("nested too deeply"));
        let src = format!("int main(void) {{ return {}1; }}", "1+".repeat(10_000));
        let (_, d) = parse_src(&src);
        assert!(d[0].message.contains("too complex"));
    }

    #[test]
    fn escapes() {
        assert_eq!(unescape(b"a\\n\\x41\\101\\0"), b"a\nAA\0");
        assert_eq!(char_value("'\\xff'"), Some(-1));
        assert_eq!(char_value("'a'"), Some(97));
    }
}
