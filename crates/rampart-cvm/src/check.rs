//! The semantic pass: resolves names and types, computes layouts, reports
//! diagnostics (all of them, recovering with an error type), and lowers
//! each function to register bytecode in the same walk. Variables become
//! slots or memory-backed locals here, so the evaluator never looks a name
//! up.

use std::collections::{HashMap, HashSet};

use crate::ast::*;
use crate::bytecode::*;
use crate::libc::LibFn;
use crate::report::Diagnostic;
use crate::types::*;

#[derive(Clone, Copy, Debug)]
enum Sym {
    Reg(u32, Ty),
    Local(u32, Ty),
    Global(u32, Ty),
    Func(u32, Ty),
    Enum(i64),
    Typedef(Ty),
}

#[derive(Clone, Copy, Debug)]
enum Tag {
    Rec(u32),
    Enum,
}

#[derive(Default)]
struct Scope {
    syms: HashMap<String, Sym>,
    tags: HashMap<String, Tag>,
}

/// Where an expression's value is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum P {
    Void,
    /// An rvalue in a slot.
    R(u32),
    /// A register local (an lvalue).
    Reg(u32),
    /// An lvalue in memory; the slot holds its address.
    Mem(u32),
    /// A bit-field: the address of its storage unit, shift and width.
    Bit(u32, u8, u8),
}

/// A struct member found by name or offset: (byte offset, type, bit-field (offset, width)).
type FieldAt = (u64, Ty, Option<(u8, u8)>);

#[derive(Clone, Copy, Debug)]
struct E {
    p: P,
    ty: Ty,
    /// A null pointer constant (`0`, `(void*)0`); kept for diagnostics.
    #[allow(dead_code)]
    null: bool,
}

const ERR_E: E = E {
    p: P::Void,
    ty: ERR,
    null: false,
};

struct Loop {
    brk: Vec<usize>,
    cont: Vec<usize>,
    depth: usize,
    is_switch: bool,
}

struct SwCtx {
    table: usize,
    ty: Ty,
    seen: HashSet<i64>,
}

#[derive(Default)]
struct FnCtx {
    /// Slots holding the size in bytes of variable-length arrays.
    vla_sizes: HashMap<u32, u32>,
    /// Register variables declared without a value (name, line).
    regvars: Vec<(String, u32)>,
    idx: u32,
    name: String,
    code: Vec<Op>,
    locs: Vec<(u32, u32)>,
    next: u32,
    max: u32,
    /// Slots at or above this are temporaries of the current statement.
    stmt_base: u32,
    /// Highest code position that a jump may land on.
    max_label: usize,
    locals: Vec<LocalInfo>,
    scopes: Vec<Vec<u32>>,
    /// Active block scopes (ids into `scopes`).
    stack: Vec<u32>,
    loops: Vec<Loop>,
    switches: Vec<SwitchTable>,
    sw: Vec<SwCtx>,
    labels: HashMap<String, u32>,
    gotos: Vec<(usize, String, Loc)>,
    addr_taken: HashSet<String>,
    ret: Ty,
    sret: bool,
    cur: (u32, u32),
    is_main: bool,
}

pub(crate) struct Checker {
    pub t: Types,
    diags: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    scopes: Vec<Scope>,
    funcs: Vec<Function>,
    func_ids: HashMap<String, u32>,
    func_used: HashMap<u32, Loc>,
    globals: Vec<GlobalInfo>,
    global_ids: HashMap<String, u32>,
    global_defined: HashSet<u32>,
    literals: HashMap<Vec<u8>, u32>,
    calls: Vec<CallInfo>,
    fc: FnCtx,
    init_fc: Option<FnCtx>,
    rec_cache: HashMap<(u32, u32), u32>,
    enum_done: HashSet<(u32, u32)>,
    in_prelude: bool,
    statics: u32,
}

fn ak_of(sk: Sk) -> Ak {
    match sk {
        Sk::I8 | Sk::I16 | Sk::I32 | Sk::Bool | Sk::U8 | Sk::U16 => Ak::I32,
        Sk::U32 => Ak::U32,
        Sk::I64 => Ak::I64,
        Sk::U64 => Ak::U64,
        Sk::F32 => Ak::F32,
        Sk::F64 => Ak::F64,
        Sk::Ptr => Ak::Ptr,
    }
}

fn op_dest(op: &mut Op) -> Option<&mut u32> {
    match op {
        Op::Imm { d, .. }
        | Op::Mov { d, .. }
        | Op::Bin { d, .. }
        | Op::BinI { d, .. }
        | Op::AddImm { d, .. }
        | Op::Neg { d, .. }
        | Op::BitNot { d, .. }
        | Op::Not { d, .. }
        | Op::Cvt { d, .. }
        | Op::PtrAdd { d, .. }
        | Op::PtrDiff { d, .. }
        | Op::Load { d, .. }
        | Op::AddrLocal { d, .. }
        | Op::AddrGlobal { d, .. }
        | Op::AddrFunc { d, .. }
        | Op::Offset { d, .. } => Some(d),
        _ => None,
    }
}

/// Collects names whose address is taken (`&x`) in a function body.
fn scan_stmt(s: &Stmt, out: &mut HashSet<String>) {
    match &s.kind {
        StmtKind::Expr(e) => scan_expr(e, out),
        StmtKind::Decl(ds, _) => {
            for d in ds {
                if let Some(i) = &d.init {
                    scan_init(i, out);
                }
            }
        }
        StmtKind::Block(ss) => ss.iter().for_each(|s| scan_stmt(s, out)),
        StmtKind::If(c, a, b) => {
            scan_expr(c, out);
            scan_stmt(a, out);
            if let Some(b) = b {
                scan_stmt(b, out);
            }
        }
        StmtKind::While(c, b) | StmtKind::Switch(c, b) | StmtKind::Case(c, b) => {
            scan_expr(c, out);
            scan_stmt(b, out);
        }
        StmtKind::DoWhile(b, c) => {
            scan_expr(c, out);
            scan_stmt(b, out);
        }
        StmtKind::For(i, c, st, b) => {
            if let Some(i) = i {
                scan_stmt(i, out);
            }
            if let Some(c) = c {
                scan_expr(c, out);
            }
            if let Some(st) = st {
                scan_expr(st, out);
            }
            scan_stmt(b, out);
        }
        StmtKind::Default(b) | StmtKind::Label(_, b) => scan_stmt(b, out),
        StmtKind::Return(Some(e)) => scan_expr(e, out),
        _ => {}
    }
}

fn scan_init(i: &Init, out: &mut HashSet<String>) {
    match i {
        Init::Expr(e) => scan_expr(e, out),
        Init::List(items, _) => items.iter().for_each(|it| scan_init(&it.init, out)),
    }
}

fn scan_expr(e: &Expr, out: &mut HashSet<String>) {
    match &e.kind {
        ExprKind::Unary(UnOp::AddrOf, x) => {
            if let ExprKind::Ident(n) = &x.kind {
                out.insert(n.clone());
            }
            scan_expr(x, out);
        }
        ExprKind::Unary(_, x)
        | ExprKind::Cast(_, x)
        | ExprKind::SizeofExpr(x)
        | ExprKind::Member(x, _, _) => scan_expr(x, out),
        ExprKind::Binary(_, a, b)
        | ExprKind::Assign(_, a, b)
        | ExprKind::Index(a, b)
        | ExprKind::Comma(a, b) => {
            scan_expr(a, out);
            scan_expr(b, out);
        }
        ExprKind::Cond(a, b, c) => {
            scan_expr(a, out);
            scan_expr(b, out);
            scan_expr(c, out);
        }
        ExprKind::Call(f, args) => {
            scan_expr(f, out);
            args.iter().for_each(|a| scan_expr(a, out));
        }
        ExprKind::CompoundLit(_, items) => items.iter().for_each(|it| scan_init(&it.init, out)),
        _ => {}
    }
}

impl Checker {
    pub(crate) fn new() -> Self {
        let mut c = Checker {
            t: Types::new(),
            diags: Vec::new(),
            warnings: Vec::new(),
            scopes: vec![Scope::default()],
            funcs: Vec::new(),
            func_ids: HashMap::new(),
            func_used: HashMap::new(),
            globals: Vec::new(),
            global_ids: HashMap::new(),
            global_defined: HashSet::new(),
            literals: HashMap::new(),
            calls: Vec::new(),
            fc: FnCtx::default(),
            init_fc: None,
            rec_cache: HashMap::new(),
            enum_done: HashSet::new(),
            in_prelude: false,
            statics: 0,
        };
        // Function 0 runs global initialisers.
        let ty = c.t.intern(TyKind::Func(FnSig {
            ret: VOID,
            params: vec![],
            variadic: false,
            unspecified: false,
        }));
        c.funcs.push(Function {
            name: "(global initialisers)".into(),
            ty,
            nparams: 0,
            nslots: 0,
            variadic: false,
            code: vec![],
            locs: vec![],
            locals: vec![],
            scopes: vec![],
            switches: vec![],
            line: 0,
            defined: true,
            ret_sk: None,
            regvars: vec![],
            libc: None,
        });
        c.fc = FnCtx {
            idx: 0,
            name: "(global initialisers)".into(),
            ret: VOID,
            ..FnCtx::default()
        };
        c
    }

    fn error(&mut self, loc: Loc, msg: String) {
        if self.in_prelude {
            return;
        }
        if self.diags.len() < 200
            && !self
                .diags
                .iter()
                .any(|d| d.line == loc.line && d.column == loc.col && d.message == msg)
        {
            self.diags.push(Diagnostic {
                line: loc.line,
                column: loc.col,
                message: msg,
            });
        }
    }

    fn warn(&mut self, loc: Loc, msg: String) {
        if !self.in_prelude && self.warnings.len() < 100 {
            self.warnings.push(Diagnostic {
                line: loc.line,
                column: loc.col,
                message: msg,
            });
        }
    }

    // ------------------------------------------------------------ emission

    fn emit(&mut self, op: Op) -> usize {
        self.fc.code.push(op);
        self.fc.locs.push(self.fc.cur);
        self.fc.code.len() - 1
    }

    fn at(&mut self, loc: Loc) {
        self.fc.cur = (loc.line, loc.col);
    }

    /// Marks the current position as a jump target and returns it.
    fn label(&mut self) -> u32 {
        let h = self.fc.code.len();
        self.fc.max_label = self.fc.max_label.max(h);
        h as u32
    }

    fn patch(&mut self, at: usize, target: u32) {
        self.fc.max_label = self.fc.max_label.max(target as usize);
        if let Some(
            Op::Jmp { t }
            | Op::JmpIf { t, .. }
            | Op::JmpIfNot { t, .. }
            | Op::BrCmp { t, .. }
            | Op::BrCmpI { t, .. },
        ) = self.fc.code.get_mut(at)
        {
            *t = target;
        }
    }

    fn patch_here(&mut self, jumps: Vec<usize>) {
        let h = self.label();
        for j in jumps {
            self.patch(j, h);
        }
    }

    fn tmp(&mut self) -> u32 {
        let s = self.fc.next;
        self.fc.next = self.fc.next.saturating_add(1);
        self.fc.max = self.fc.max.max(self.fc.next);
        s
    }

    fn is_temp(&self, s: u32) -> bool {
        s >= self.fc.stmt_base
    }

    /// The last instruction, if it alone writes `s` and nothing jumps past it.
    fn last_writes(&mut self, s: u32) -> Option<&mut Op> {
        let n = self.fc.code.len();
        if n == 0 || self.fc.max_label >= n || !self.is_temp(s) {
            return None;
        }
        let op = self.fc.code.last_mut()?;
        let writes = op_dest(op).is_some_and(|d| *d == s);
        if writes { Some(op) } else { None }
    }

    /// Moves the value in `s` into `d`, retargeting the instruction that
    /// computed it when possible.
    fn assign_to(&mut self, d: u32, s: u32) {
        if d == s {
            return;
        }
        if let Some(op) = self.last_writes(s)
            && let Some(dst) = op_dest(op)
        {
            *dst = d;
            return;
        }
        self.emit(Op::Mov { d, s });
    }

    /// Emits a binary operation, folding a constant right operand that the
    /// previous instruction loaded.
    fn emit_bin(&mut self, op: Bop, k: Ak, d: u32, a: u32, b: u32) {
        if matches!(k, Ak::I32 | Ak::U32 | Ak::I64 | Ak::U64)
            && a != b
            && let Some(Op::Imm { v, .. }) = self.last_writes(b).copied()
            && let Ok(imm) = i32::try_from(v as i64)
        {
            self.fc.code.pop();
            self.fc.locs.pop();
            self.emit(Op::BinI { op, k, d, a, imm });
            return;
        }
        self.emit(Op::Bin { op, k, d, a, b });
    }

    fn imm(&mut self, v: u64) -> u32 {
        let d = self.tmp();
        self.emit(Op::Imm { d, v });
        d
    }

    // ------------------------------------------------------------ scopes

    fn push_scope(&mut self) {
        self.scopes.push(Scope::default());
    }
    fn pop_scope(&mut self) {
        if self.scopes.len() > 1 {
            self.scopes.pop();
        }
    }
    fn lookup(&self, name: &str) -> Option<Sym> {
        self.scopes
            .iter()
            .rev()
            .find_map(|s| s.syms.get(name).copied())
    }
    fn declare(&mut self, name: &str, sym: Sym) {
        if let Some(s) = self.scopes.last_mut() {
            s.syms.insert(name.to_string(), sym);
        }
    }
    fn lookup_tag(&self, name: &str) -> Option<(Tag, bool)> {
        let n = self.scopes.len();
        self.scopes
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, s)| s.tags.get(name).map(|t| (*t, i + 1 == n)))
    }

    // ------------------------------------------------------------ types

    fn base_ty(&mut self, b: &BaseType, loc: Loc) -> Ty {
        match b {
            BaseType::Void => VOID,
            BaseType::Bool => BOOL,
            BaseType::Char(Some(false)) => UCHAR,
            BaseType::Char(_) => CHAR,
            BaseType::Int(s, signed) => Types::int(*s, *signed),
            BaseType::Float => FLOAT,
            BaseType::Double => DOUBLE,
            BaseType::Named(n) => match self.lookup(n) {
                Some(Sym::Typedef(t)) => t,
                _ => {
                    self.error(loc, format!("unknown type name '{n}'"));
                    ERR
                }
            },
            BaseType::Record(spec) => self.record(spec),
            BaseType::Enum(spec) => {
                self.enum_spec(spec);
                INT
            }
            BaseType::Error => ERR,
        }
    }

    fn record(&mut self, spec: &RecordSpec) -> Ty {
        let key = (spec.loc.line, spec.loc.col);
        if !self.in_prelude
            && let Some(&rid) = self.rec_cache.get(&key)
        {
            return self.t.intern(TyKind::Record(rid));
        }
        let kw = if spec.is_union { "union" } else { "struct" };
        let new_rec = |this: &mut Self, name: &str| -> u32 {
            let rid = this.t.records.len() as u32;
            this.t.records.push(Record {
                name: name.to_string(),
                is_union: spec.is_union,
                fields: vec![],
                size: 0,
                align: 1,
                complete: false,
            });
            rid
        };
        let rid = match (&spec.tag, &spec.fields) {
            (Some(tag), None) => match self.lookup_tag(tag) {
                Some((Tag::Rec(r), _)) => r,
                _ => {
                    let r = new_rec(self, tag);
                    if let Some(s) = self.scopes.last_mut() {
                        s.tags.insert(tag.clone(), Tag::Rec(r));
                    }
                    r
                }
            },
            (tag, Some(fields)) => {
                let name = tag.clone().unwrap_or_else(|| "(anonymous)".into());
                let rid = match tag.as_ref().and_then(|t| self.lookup_tag(t)) {
                    Some((Tag::Rec(r), true))
                        if !self.t.records.get(r as usize).is_some_and(|x| x.complete) =>
                    {
                        r
                    }
                    Some((Tag::Rec(_), true)) => {
                        self.error(spec.loc, format!("redefinition of '{kw} {name}'"));
                        new_rec(self, &name)
                    }
                    _ => new_rec(self, &name),
                };
                if let Some(tag) = tag
                    && let Some(s) = self.scopes.last_mut()
                {
                    s.tags.insert(tag.clone(), Tag::Rec(rid));
                }
                self.rec_cache.insert(key, rid);
                let mut fs = Vec::new();
                let mut names = HashSet::new();
                for f in fields {
                    let bt = self.base_ty(&f.base, f.loc);
                    let ty = self.derive(bt, &f.derivs, f.loc);
                    if self.t.is_func(ty) {
                        self.error(
                            f.loc,
                            "a struct member cannot be a function (use a function pointer)".into(),
                        );
                        continue;
                    }
                    let incomplete = (self.t.is_record(ty)
                        && !self.t.record(ty).is_some_and(|r| r.complete))
                        || self.t.is_void(ty);
                    if incomplete {
                        self.error(
                            f.loc,
                            format!("member has incomplete type '{}'", self.t.name(ty)),
                        );
                        continue;
                    }
                    let fname = f.name.clone().unwrap_or_default();
                    if !fname.is_empty() && !names.insert(fname.clone()) {
                        self.error(f.loc, format!("duplicate member '{fname}'"));
                    }
                    let width = match &f.bits {
                        Some(e) => match self.const_int(e) {
                            Some(w)
                                if w >= 0
                                    && (w as u64) <= self.t.size_of(ty) * 8
                                    && self.t.is_integer(ty) =>
                            {
                                Some(w as u32)
                            }
                            _ => {
                                self.error(e.loc, "bit-field width must be a constant that fits the member's integer type".into());
                                None
                            }
                        },
                        None => None,
                    };
                    fs.push((fname, ty, width));
                }
                self.t.layout(rid, fs);
                rid
            }
            (None, None) => {
                self.error(spec.loc, format!("'{kw}' needs a tag or a member list"));
                return ERR;
            }
        };
        if let Some(r) = self.t.records.get(rid as usize)
            && r.is_union != spec.is_union
        {
            self.error(
                spec.loc,
                format!(
                    "'{}' was declared as a {} before",
                    r.name,
                    if r.is_union { "union" } else { "struct" }
                ),
            );
        }
        self.t.intern(TyKind::Record(rid))
    }

    fn enum_spec(&mut self, spec: &EnumSpec) {
        let key = (spec.loc.line, spec.loc.col);
        if let Some(items) = &spec.items {
            if !self.in_prelude && !self.enum_done.insert(key) {
                return;
            }
            if let Some(tag) = &spec.tag
                && let Some(s) = self.scopes.last_mut()
            {
                s.tags.insert(tag.clone(), Tag::Enum);
            }
            let mut next: i64 = 0;
            for (name, val, loc) in items {
                if let Some(e) = val {
                    match self.const_int(e) {
                        Some(v) => next = v,
                        None => self.error(
                            *loc,
                            format!("the value of enumerator '{name}' is not a constant"),
                        ),
                    }
                }
                self.declare(name, Sym::Enum(next));
                next = next.wrapping_add(1);
            }
        } else if let Some(tag) = &spec.tag
            && self.lookup_tag(tag).is_none()
        {
            // A forward reference to an enum: fine, it is an int.
        }
    }

    fn derive(&mut self, mut ty: Ty, derivs: &[Deriv], loc: Loc) -> Ty {
        for d in derivs {
            ty = match d {
                Deriv::Ptr => self.t.ptr(ty),
                Deriv::Array(None) => self.t.array(ty, None),
                Deriv::Array(Some(e)) => {
                    if self.t.is_func(ty) {
                        self.error(loc, "array of functions is not allowed".into());
                        return ERR;
                    }
                    match self.const_int(e) {
                        Some(n) if n >= 0 => {
                            let esz = self.t.size_of(ty);
                            if (n as u64).saturating_mul(esz) > (1 << 32) {
                                self.error(e.loc, format!("array of {n} elements is too large"));
                                return ERR;
                            }
                            self.t.array(ty, Some(n as u64))
                        }
                        Some(n) => {
                            self.error(e.loc, format!("array size is negative ({n})"));
                            ERR
                        }
                        None => {
                            self.error(e.loc, "array size must be a constant: variable-length arrays are not supported (use malloc)".into());
                            ERR
                        }
                    }
                }
                Deriv::Func(params, variadic) => {
                    if self.t.is_array(ty) || self.t.is_func(ty) {
                        self.error(
                            loc,
                            "a function cannot return an array or a function".into(),
                        );
                    }
                    let mut ps = Vec::new();
                    for p in params {
                        let bt = self.base_ty(&p.base, p.loc);
                        let pt = self.derive(bt, &p.derivs, p.loc);
                        ps.push(self.adjust_param(pt));
                    }
                    self.t.intern(TyKind::Func(FnSig {
                        ret: ty,
                        params: ps,
                        variadic: *variadic,
                        unspecified: false,
                    }))
                }
            };
        }
        ty
    }

    fn adjust_param(&mut self, t: Ty) -> Ty {
        match self.t.kind(t).clone() {
            TyKind::Array(e, _) => self.t.ptr(e),
            TyKind::Func(_) => self.t.ptr(t),
            _ => t,
        }
    }

    fn type_name(&mut self, tn: &TypeName) -> Ty {
        let b = self.base_ty(&tn.base, tn.loc);
        self.derive(b, &tn.derivs, tn.loc)
    }

    fn complete(&self, t: Ty) -> bool {
        match self.t.kind(t) {
            TyKind::Void | TyKind::Func(_) => false,
            TyKind::Record(_) => self.t.record(t).is_some_and(|r| r.complete),
            TyKind::Array(e, n) => n.is_some() && self.complete(*e),
            _ => true,
        }
    }

    // ------------------------------------------------------------ constants

    /// Evaluates an integer constant expression.
    pub(crate) fn const_int(&mut self, e: &Expr) -> Option<i64> {
        Some(match &e.kind {
            ExprKind::Int { value, .. } => *value as i64,
            ExprKind::Char(v) => *v,
            ExprKind::Ident(n) => match self.lookup(n) {
                Some(Sym::Enum(v)) => v,
                _ => return None,
            },
            ExprKind::Unary(op, x) => {
                let v = self.const_int(x)?;
                match op {
                    UnOp::Neg => v.wrapping_neg(),
                    UnOp::Plus => v,
                    UnOp::Not => (v == 0) as i64,
                    UnOp::BitNot => !v,
                    _ => return None,
                }
            }
            ExprKind::Binary(op, a, b) => {
                let x = self.const_int(a)?;
                if *op == BinOp::And && x == 0 {
                    return Some(0);
                }
                if *op == BinOp::Or && x != 0 {
                    return Some(1);
                }
                let y = self.const_int(b)?;
                match op {
                    BinOp::Mul => x.wrapping_mul(y),
                    BinOp::Div => x.checked_div(y)?,
                    BinOp::Rem => x.checked_rem(y)?,
                    BinOp::Add => x.wrapping_add(y),
                    BinOp::Sub => x.wrapping_sub(y),
                    BinOp::Shl => x.wrapping_shl(y as u32),
                    BinOp::Shr => x.wrapping_shr(y as u32),
                    BinOp::Lt => (x < y) as i64,
                    BinOp::Gt => (x > y) as i64,
                    BinOp::Le => (x <= y) as i64,
                    BinOp::Ge => (x >= y) as i64,
                    BinOp::Eq => (x == y) as i64,
                    BinOp::Ne => (x != y) as i64,
                    BinOp::BitAnd => x & y,
                    BinOp::BitXor => x ^ y,
                    BinOp::BitOr => x | y,
                    BinOp::And => (x != 0 && y != 0) as i64,
                    BinOp::Or => (x != 0 || y != 0) as i64,
                }
            }
            ExprKind::Cond(c, a, b) => {
                if self.const_int(c)? != 0 {
                    self.const_int(a)?
                } else {
                    self.const_int(b)?
                }
            }
            ExprKind::Cast(tn, x) => {
                let t = self.type_name(tn);
                let v = self.const_int(x)?;
                match self.t.kind(t) {
                    TyKind::Int { size, signed } => {
                        let bits = (*size as u32) * 8;
                        if bits >= 64 {
                            v
                        } else if *signed {
                            (v << (64 - bits)) >> (64 - bits)
                        } else {
                            v & ((1i64 << bits) - 1)
                        }
                    }
                    TyKind::Bool => (v != 0) as i64,
                    _ => return None,
                }
            }
            ExprKind::SizeofType(tn) => {
                let t = self.type_name(tn);
                self.t.size_of(t) as i64
            }
            ExprKind::AlignofType(tn) => {
                let t = self.type_name(tn);
                self.t.align_of(t) as i64
            }
            ExprKind::SizeofExpr(x) => {
                let t = self.type_of(x);
                self.t.size_of(t) as i64
            }
            _ => return None,
        })
    }

    /// The type of an expression, without keeping its code or diagnostics.
    fn type_of(&mut self, e: &Expr) -> Ty {
        let (clen, next, nd) = (self.fc.code.len(), self.fc.next, self.diags.len());
        let x = self.expr(e);
        self.fc.code.truncate(clen);
        self.fc.locs.truncate(clen);
        self.fc.next = next;
        self.diags.truncate(nd);
        x.ty
    }

    // ------------------------------------------------------------ expressions

    #[allow(clippy::wrong_self_convention)] // lowers `x` to a register; `self` is the code generator
    fn to_rval(&mut self, x: E) -> (u32, Ty) {
        match x.p {
            P::Void => {
                let d = self.tmp();
                (d, x.ty)
            }
            P::R(s) | P::Reg(s) => (s, x.ty),
            P::Bit(a, shift, width) => {
                let sk = self.t.sk(x.ty);
                let u = self.tmp();
                self.emit(Op::Load { sk, d: u, a });
                let d = self.tmp();
                self.emit(Op::BitGet {
                    d,
                    s: u,
                    shift,
                    width,
                    signed: sk.is_signed(),
                });
                (d, x.ty)
            }
            P::Mem(a) => match self.t.kind(x.ty).clone() {
                TyKind::Array(e, _) => (a, self.t.ptr(e)),
                TyKind::Record(_) | TyKind::Err => (a, x.ty),
                TyKind::Func(_) => (a, self.t.ptr(x.ty)),
                TyKind::Void => (a, x.ty),
                _ => {
                    let sk = self.t.sk(x.ty);
                    let d = self.tmp();
                    self.emit(Op::Load { sk, d, a });
                    (d, x.ty)
                }
            },
        }
    }

    fn rval(&mut self, e: &Expr) -> (u32, Ty) {
        let x = self.expr(e);
        self.to_rval(x)
    }

    /// An rvalue that must be a scalar (for conditions and operators).
    fn scalar(&mut self, e: &Expr, what: &str) -> (u32, Ty) {
        let (s, t) = self.rval(e);
        if !self.t.is_scalar(t) && !self.t.is_err(t) {
            self.error(
                e.loc,
                format!(
                    "{what} must be a number or a pointer, not '{}'",
                    self.t.name(t)
                ),
            );
            return (s, ERR);
        }
        (s, t)
    }

    /// Converts the value in `s` from type `from` to `to`.
    fn convert(&mut self, s: u32, from: Ty, to: Ty, implicit: bool) -> u32 {
        if from == to || self.t.is_err(from) || self.t.is_err(to) || self.t.is_void(to) {
            return s;
        }
        if !self.t.is_scalar(to) || !self.t.is_scalar(from) {
            return s;
        }
        let (f, tk) = (self.t.sk(from), self.t.sk(to));
        if f == tk || keeps_bits(f, tk) {
            return s;
        }
        // Fold conversions of constants.
        if let Some(Op::Imm { v, .. }) = self.last_writes(s).copied()
            && let Ok((bits, _)) = crate::interp::convert_bits(f, tk, v)
            && let Some(Op::Imm { v, .. }) = self.last_writes(s)
        {
            *v = bits;
            return s;
        }
        let d = self.tmp();
        self.emit(Op::Cvt {
            from: f,
            to: tk,
            d,
            s,
            implicit,
        });
        d
    }

    /// Converts for assignment, argument passing, return and initialisers,
    /// diagnosing incompatible types.
    fn assign_convert(
        &mut self,
        s: u32,
        from: Ty,
        to: Ty,
        null: bool,
        loc: Loc,
        what: &str,
    ) -> u32 {
        if self.t.is_err(from) || self.t.is_err(to) {
            return s;
        }
        let fk = self.t.kind(from).clone();
        let tk = self.t.kind(to).clone();
        let ok = match (&fk, &tk) {
            (_, TyKind::Bool) => self.t.is_scalar(from),
            (a, b) if self.t.is_arith(from) && self.t.is_arith(to) => {
                let _ = (a, b);
                true
            }
            (TyKind::Ptr(a), TyKind::Ptr(b)) => {
                let (a, b) = (*a, *b);
                if a != b
                    && !self.t.is_void(a)
                    && !self.t.is_void(b)
                    && self.t.sk(a) != self.t.sk(b)
                    && !self.compatible(a, b)
                {
                    self.warn(
                        loc,
                        format!(
                            "{what}: converting '{}' to '{}'",
                            self.t.name(from),
                            self.t.name(to)
                        ),
                    );
                }
                true
            }
            (_, TyKind::Ptr(_)) if self.t.is_integer(from) => {
                if !null {
                    self.error(loc, format!("{what}: cannot use an integer ('{}') as a pointer ('{}') without a cast", self.t.name(from), self.t.name(to)));
                }
                true
            }
            (TyKind::Ptr(_), _) if self.t.is_integer(to) => {
                self.error(
                    loc,
                    format!(
                        "{what}: cannot use a pointer ('{}') as an integer ('{}') without a cast",
                        self.t.name(from),
                        self.t.name(to)
                    ),
                );
                true
            }
            (TyKind::Record(a), TyKind::Record(b)) => a == b,
            _ => false,
        };
        if !ok {
            self.error(
                loc,
                format!(
                    "{what}: cannot convert '{}' to '{}'",
                    self.t.name(from),
                    self.t.name(to)
                ),
            );
            return s;
        }
        self.convert(s, from, to, true)
    }

    fn compatible(&self, a: Ty, b: Ty) -> bool {
        if a == b {
            return true;
        }
        match (self.t.kind(a), self.t.kind(b)) {
            (TyKind::Ptr(x), TyKind::Ptr(y)) => {
                self.compatible(*x, *y) || self.t.is_void(*x) || self.t.is_void(*y)
            }
            (TyKind::Array(x, _), TyKind::Array(y, _)) => self.compatible(*x, *y),
            (TyKind::Func(_), TyKind::Func(_)) => true,
            (TyKind::Int { size: s1, .. }, TyKind::Int { size: s2, .. }) => s1 == s2,
            _ => false,
        }
    }

    fn is_null_const(&mut self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Int { value: 0, .. } => true,
            ExprKind::Cast(tn, x) => {
                let t = self.type_name(tn);
                (self.t.is_ptr(t) || self.t.is_integer(t)) && self.is_null_const(x)
            }
            _ => false,
        }
    }

    fn string_lit(&mut self, bytes: &[u8]) -> u32 {
        let mut data = bytes.to_vec();
        data.push(0);
        if let Some(&g) = self.literals.get(&data) {
            return g;
        }
        let g = self.globals.len() as u32;
        self.globals.push(GlobalInfo {
            name: "string literal".into(),
            size: data.len() as u64,
            align: 1,
            line: self.fc.cur.0,
            data: Some(data.clone()),
            readonly: true,
        });
        self.literals.insert(data, g);
        g
    }

    fn lit_expr(&mut self, bytes: &[u8]) -> E {
        let g = self.string_lit(bytes);
        let d = self.tmp();
        self.emit(Op::AddrGlobal { d, g });
        let ty = self.t.array(CHAR, Some(bytes.len() as u64 + 1));
        E {
            p: P::Mem(d),
            ty,
            null: false,
        }
    }

    fn expr(&mut self, e: &Expr) -> E {
        self.at(e.loc);
        match &e.kind {
            ExprKind::Error => ERR_E,
            ExprKind::Int {
                value,
                unsigned,
                longs,
                decimal,
            } => {
                let v = *value;
                let ty = if *longs == 0 && !*unsigned && v <= i32::MAX as u64 {
                    INT
                } else if *longs == 0 && (*unsigned || !*decimal) && v <= u32::MAX as u64 {
                    UINT
                } else if !*unsigned && v <= i64::MAX as u64 {
                    LONG
                } else if !*unsigned && *decimal {
                    self.error(
                        e.loc,
                        format!("integer constant {v} is too large for 'long'"),
                    );
                    LONG
                } else {
                    ULONG
                };
                let d = self.imm(v);
                E {
                    p: P::R(d),
                    ty,
                    null: v == 0,
                }
            }
            ExprKind::Char(v) => {
                let d = self.imm(*v as u64);
                E {
                    p: P::R(d),
                    ty: INT,
                    null: false,
                }
            }
            ExprKind::Float { value, single } => {
                let v = if *single {
                    *value as f32 as f64
                } else {
                    *value
                };
                let d = self.imm(v.to_bits());
                E {
                    p: P::R(d),
                    ty: if *single { FLOAT } else { DOUBLE },
                    null: false,
                }
            }
            ExprKind::Str(bytes) => self.lit_expr(bytes),
            ExprKind::Ident(name) => self.ident(name, e.loc),
            ExprKind::Unary(op, x) => self.unary(*op, x, e),
            ExprKind::Binary(op, a, b) => self.binary(*op, a, b, e.loc),
            ExprKind::Assign(op, a, b) => self.assign(*op, a, b, e.loc),
            ExprKind::Cond(c, a, b) => self.cond_expr(c, a, b, e.loc),
            ExprKind::Call(f, args) => self.call(f, args, e.loc),
            ExprKind::Index(a, i) => {
                let (sa, ta) = self.rval(a);
                let (si, ti) = self.rval(i);
                let (p, pt, ix, it) = if self.t.is_ptr(ta) {
                    (sa, ta, si, ti)
                } else {
                    (si, ti, sa, ta)
                };
                if self.t.is_err(pt) || self.t.is_err(it) {
                    return ERR_E;
                }
                let Some(elem) = self.t.pointee(pt) else {
                    self.error(
                        e.loc,
                        format!(
                            "cannot index a value of type '{}' (it is not an array or a pointer)",
                            self.t.name(ta)
                        ),
                    );
                    return ERR_E;
                };
                if !self.t.is_integer(it) {
                    self.error(
                        i.loc,
                        format!("array index must be an integer, not '{}'", self.t.name(it)),
                    );
                    return ERR_E;
                }
                if !self.complete(elem) {
                    self.error(
                        e.loc,
                        format!(
                            "cannot index a pointer to incomplete type '{}'",
                            self.t.name(elem)
                        ),
                    );
                    return ERR_E;
                }
                self.at(e.loc);
                let ix = self.convert(ix, it, LONG, false);
                let scale = self.t.size_of(elem) as u32;
                let d = self.tmp();
                self.emit(Op::PtrAdd { d, p, i: ix, scale });
                E {
                    p: P::Mem(d),
                    ty: elem,
                    null: false,
                }
            }
            ExprKind::Member(x, name, arrow) => {
                let (addr, rty) = if *arrow {
                    let (s, t) = self.rval(x);
                    if self.t.is_err(t) {
                        return ERR_E;
                    }
                    match self.t.pointee(t) {
                        Some(r) if self.t.is_record(r) => (s, r),
                        _ => {
                            self.error(e.loc, format!("'->{name}' needs a pointer to a struct, but the left side has type '{}'", self.t.name(t)));
                            return ERR_E;
                        }
                    }
                } else {
                    let v = self.expr(x);
                    if self.t.is_err(v.ty) {
                        return ERR_E;
                    }
                    if !self.t.is_record(v.ty) {
                        let hint = if self.t.pointee(v.ty).is_some_and(|p| self.t.is_record(p)) {
                            " (it is a pointer: use '->')"
                        } else {
                            ""
                        };
                        self.error(e.loc, format!("'.{name}' needs a struct or union, but the left side has type '{}'{hint}", self.t.name(v.ty)));
                        return ERR_E;
                    }
                    match v.p {
                        P::Mem(a) => (a, v.ty),
                        _ => return ERR_E,
                    }
                };
                if !self.complete(rty) {
                    self.error(
                        e.loc,
                        format!("'{}' is an incomplete type", self.t.name(rty)),
                    );
                    return ERR_E;
                }
                let Some((off, fty, bits)) = self.find_field(rty, name, 0) else {
                    self.error(
                        e.loc,
                        format!("'{}' has no member named '{name}'", self.t.name(rty)),
                    );
                    return ERR_E;
                };
                self.at(e.loc);
                if let Some((shift, width)) = bits {
                    let d = self.tmp();
                    self.emit(Op::Offset {
                        d,
                        a: addr,
                        off: off as u32,
                    });
                    return E {
                        p: P::Bit(d, shift, width),
                        ty: fty,
                        null: false,
                    };
                }
                if off == 0 {
                    // Same address; a fresh slot keeps the place distinct.
                    let d = self.tmp();
                    self.emit(Op::Offset { d, a: addr, off: 0 });
                    return E {
                        p: P::Mem(d),
                        ty: fty,
                        null: false,
                    };
                }
                let d = self.tmp();
                self.emit(Op::Offset {
                    d,
                    a: addr,
                    off: off as u32,
                });
                E {
                    p: P::Mem(d),
                    ty: fty,
                    null: false,
                }
            }
            ExprKind::Cast(tn, x) => {
                let to = self.type_name(tn);
                let null = self.is_null_const(x) && (self.t.is_ptr(to) || self.t.is_integer(to));
                let (s, from) = self.rval(x);
                if self.t.is_void(to) {
                    return E {
                        p: P::Void,
                        ty: VOID,
                        null: false,
                    };
                }
                if self.t.is_err(from) || self.t.is_err(to) {
                    return ERR_E;
                }
                if !self.t.is_scalar(to) {
                    self.error(e.loc, format!("cannot cast to '{}'", self.t.name(to)));
                    return ERR_E;
                }
                if !self.t.is_scalar(from)
                    || (self.t.is_ptr(to) && self.t.is_float(from))
                    || (self.t.is_ptr(from) && self.t.is_float(to))
                {
                    self.error(
                        e.loc,
                        format!(
                            "cannot cast '{}' to '{}'",
                            self.t.name(from),
                            self.t.name(to)
                        ),
                    );
                    return ERR_E;
                }
                self.at(e.loc);
                let d = self.convert(s, from, to, false);
                // Keep the result a fresh rvalue so assignment cannot alias it.
                let d = if d == s && !self.is_temp(s) {
                    let n = self.tmp();
                    self.emit(Op::Mov { d: n, s });
                    n
                } else {
                    d
                };
                E {
                    p: P::R(d),
                    ty: to,
                    null,
                }
            }
            ExprKind::SizeofType(tn) => {
                let t = self.type_name(tn);
                if !self.complete(t) && !self.t.is_err(t) {
                    self.error(
                        e.loc,
                        format!("sizeof of incomplete type '{}'", self.t.name(t)),
                    );
                }
                let d = self.imm(self.t.size_of(t));
                E {
                    p: P::R(d),
                    ty: ULONG,
                    null: false,
                }
            }
            ExprKind::AlignofType(tn) => {
                let t = self.type_name(tn);
                let d = self.imm(self.t.align_of(t));
                E {
                    p: P::R(d),
                    ty: ULONG,
                    null: false,
                }
            }
            ExprKind::SizeofExpr(x) => {
                if let ExprKind::Ident(n) = &x.kind
                    && let Some(Sym::Local(l, _)) = self.lookup(n)
                    && let Some(&slot) = self.fc.vla_sizes.get(&l)
                {
                    let d = self.tmp();
                    self.emit(Op::Mov { d, s: slot });
                    return E {
                        p: P::R(d),
                        ty: ULONG,
                        null: false,
                    };
                }
                let (clen, next) = (self.fc.code.len(), self.fc.next);
                let v = self.expr(x);
                self.fc.code.truncate(clen);
                self.fc.locs.truncate(clen);
                self.fc.next = next;
                let d = self.imm(self.t.size_of(v.ty));
                E {
                    p: P::R(d),
                    ty: ULONG,
                    null: false,
                }
            }
            ExprKind::Comma(a, b) => {
                self.discard(a);
                self.expr(b)
            }
            ExprKind::CompoundLit(tn, items) => {
                let mut ty = self.type_name(tn);
                if let TyKind::Array(el, None) = self.t.kind(ty).clone() {
                    let n = self.count_elems(el, items);
                    ty = self.t.array(el, Some(n));
                }
                if self.t.is_err(ty) {
                    return ERR_E;
                }
                let l = self.new_local("(compound literal)", ty, e.loc);
                self.emit(Op::DeclLocal { l });
                let a = self.tmp();
                self.emit(Op::AddrLocal { d: a, l });
                let init = Init::List(items.clone(), e.loc);
                self.init_mem(a, ty, &init, true);
                E {
                    p: P::Mem(a),
                    ty,
                    null: false,
                }
            }
        }
    }

    fn find_field(&self, rty: Ty, name: &str, depth: u32) -> Option<FieldAt> {
        let r = self.t.record(rty)?;
        for f in &r.fields {
            if f.name == name {
                return Some((f.offset, f.ty, f.bits));
            }
        }
        if depth < 8 {
            for f in &r.fields {
                if f.name.is_empty()
                    && f.bits.is_none()
                    && let Some((o, t, b)) = self.find_field(f.ty, name, depth + 1)
                {
                    return Some((f.offset + o, t, b));
                }
            }
        }
        None
    }

    fn ident(&mut self, name: &str, loc: Loc) -> E {
        if name == "__func__" || name == "__FUNCTION__" {
            let n = self.fc.name.clone();
            return self.lit_expr(n.as_bytes());
        }
        match self.lookup(name) {
            Some(Sym::Reg(s, ty)) => E {
                p: P::Reg(s),
                ty,
                null: false,
            },
            Some(Sym::Local(l, ty)) => {
                let d = self.tmp();
                self.emit(Op::AddrLocal { d, l });
                E {
                    p: P::Mem(d),
                    ty,
                    null: false,
                }
            }
            Some(Sym::Global(g, ty)) => {
                let d = self.tmp();
                self.emit(Op::AddrGlobal { d, g });
                E {
                    p: P::Mem(d),
                    ty,
                    null: false,
                }
            }
            Some(Sym::Func(f, ty)) => {
                self.func_used.entry(f).or_insert(loc);
                let d = self.tmp();
                self.emit(Op::AddrFunc { d, f });
                let pty = self.t.ptr(ty);
                E {
                    p: P::R(d),
                    ty: pty,
                    null: false,
                }
            }
            Some(Sym::Enum(v)) => {
                let d = self.imm(v as u64);
                E {
                    p: P::R(d),
                    ty: INT,
                    null: v == 0,
                }
            }
            Some(Sym::Typedef(_)) => {
                self.error(loc, format!("'{name}' is a type, not a value"));
                ERR_E
            }
            None => {
                self.error(loc, format!("use of undeclared identifier '{name}'"));
                ERR_E
            }
        }
    }

    fn unary(&mut self, op: UnOp, x: &Expr, e: &Expr) -> E {
        match op {
            UnOp::AddrOf => {
                if let ExprKind::Ident(n) = &x.kind
                    && let Some(Sym::Func(..)) = self.lookup(n)
                {
                    return self.expr(x);
                }
                let v = self.expr(x);
                if self.t.is_err(v.ty) {
                    return ERR_E;
                }
                match v.p {
                    P::Mem(a) => {
                        let ty = self.t.ptr(v.ty);
                        E {
                            p: P::R(a),
                            ty,
                            null: false,
                        }
                    }
                    P::R(s) if self.t.pointee(v.ty).is_some_and(|p| self.t.is_func(p)) => E {
                        p: P::R(s),
                        ty: v.ty,
                        null: false,
                    },
                    _ => {
                        self.error(e.loc, "cannot take the address of this expression (it is not a variable or memory location)".into());
                        ERR_E
                    }
                }
            }
            UnOp::Deref => {
                let (s, t) = self.rval(x);
                if self.t.is_err(t) {
                    return ERR_E;
                }
                match self.t.pointee(t) {
                    Some(p) if self.t.is_func(p) => E {
                        p: P::R(s),
                        ty: t,
                        null: false,
                    },
                    Some(p) if self.t.is_void(p) => {
                        self.error(
                            e.loc,
                            "cannot dereference a 'void *' (cast it to a pointer to a type first)"
                                .into(),
                        );
                        ERR_E
                    }
                    Some(p) => {
                        if self.t.is_record(p) && !self.complete(p) {
                            self.error(
                                e.loc,
                                format!(
                                    "cannot dereference a pointer to incomplete type '{}'",
                                    self.t.name(p)
                                ),
                            );
                            return ERR_E;
                        }
                        E {
                            p: P::Mem(s),
                            ty: p,
                            null: false,
                        }
                    }
                    None => {
                        self.error(
                            e.loc,
                            format!(
                                "cannot dereference a value of type '{}' (it is not a pointer)",
                                self.t.name(t)
                            ),
                        );
                        ERR_E
                    }
                }
            }
            UnOp::Neg | UnOp::Plus | UnOp::BitNot => {
                let (s, t) = self.rval(x);
                if self.t.is_err(t) {
                    return ERR_E;
                }
                let ok = if op == UnOp::BitNot {
                    self.t.is_integer(t)
                } else {
                    self.t.is_arith(t)
                };
                if !ok {
                    self.error(
                        e.loc,
                        format!(
                            "invalid operand of type '{}' to unary operator",
                            self.t.name(t)
                        ),
                    );
                    return ERR_E;
                }
                let pt = self.t.promote(t);
                self.at(e.loc);
                let s = self.convert(s, t, pt, false);
                let k = ak_of(self.t.sk(pt));
                if op == UnOp::Plus {
                    return E {
                        p: P::R(s),
                        ty: pt,
                        null: false,
                    };
                }
                let d = self.tmp();
                self.emit(if op == UnOp::Neg {
                    Op::Neg { k, d, a: s }
                } else {
                    Op::BitNot { k, d, a: s }
                });
                E {
                    p: P::R(d),
                    ty: pt,
                    null: false,
                }
            }
            UnOp::Not => {
                let (s, t) = self.scalar(x, "the operand of '!'");
                if self.t.is_err(t) {
                    return ERR_E;
                }
                let d = self.tmp();
                self.at(e.loc);
                self.emit(Op::Not {
                    sk: self.t.sk(t),
                    d,
                    a: s,
                });
                E {
                    p: P::R(d),
                    ty: INT,
                    null: false,
                }
            }
            UnOp::PreInc | UnOp::PreDec | UnOp::PostInc | UnOp::PostDec => {
                self.incdec(op, x, e.loc, false)
            }
        }
    }

    /// `++`/`--`; with `discard` the old value is not kept.
    fn incdec(&mut self, op: UnOp, x: &Expr, loc: Loc, discard: bool) -> E {
        let v = self.expr(x);
        if self.t.is_err(v.ty) {
            return ERR_E;
        }
        if !self.t.is_scalar(v.ty) {
            self.error(
                loc,
                format!(
                    "cannot increment or decrement a value of type '{}'",
                    self.t.name(v.ty)
                ),
            );
            return ERR_E;
        }
        let inc = matches!(op, UnOp::PreInc | UnOp::PostInc);
        let post = matches!(op, UnOp::PostInc | UnOp::PostDec) && !discard;
        let ty = v.ty;
        if let P::Bit(a, shift, width) = v.p {
            let (cur, _) = self.to_rval(v);
            let one = self.imm(1);
            let r = self.arith(
                if inc { BinOp::Add } else { BinOp::Sub },
                cur,
                ty,
                false,
                one,
                INT,
                false,
                loc,
            );
            let (rs, rt) = self.to_rval(r);
            let nv = self.convert(rs, rt, ty, false);
            let stored = self.store_bits(a, shift, width, ty, nv);
            return E {
                p: P::R(if post { cur } else { stored }),
                ty,
                null: false,
            };
        }
        let (cur, addr) = match v.p {
            P::Reg(s) => (s, None),
            P::Mem(a) => {
                let d = self.tmp();
                self.at(x.loc);
                self.emit(Op::Load {
                    sk: self.t.sk(ty),
                    d,
                    a,
                });
                (d, Some(a))
            }
            _ => {
                self.error(
                    loc,
                    "the operand of '++' or '--' must be a variable or memory location".into(),
                );
                return ERR_E;
            }
        };
        let old = if post {
            let o = self.tmp();
            self.emit(Op::Mov { d: o, s: cur });
            Some(o)
        } else {
            None
        };
        self.at(loc);
        let dst = if addr.is_none() { cur } else { self.tmp() };
        let sk = self.t.sk(ty);
        if let Some(p) = self.t.pointee(ty) {
            if !self.complete(p) && !self.t.is_void(p) {
                self.error(
                    loc,
                    format!(
                        "cannot do arithmetic on a pointer to incomplete type '{}'",
                        self.t.name(p)
                    ),
                );
            }
            let sz = self.t.size_of(p).max(1) as i64;
            let imm = if inc { sz } else { -sz };
            self.emit(Op::AddImm {
                k: Ak::Ptr,
                d: dst,
                a: cur,
                imm: imm as i32,
            });
        } else if matches!(sk, Sk::I32 | Sk::U32 | Sk::I64 | Sk::U64) {
            self.emit(Op::AddImm {
                k: ak_of(sk),
                d: dst,
                a: cur,
                imm: if inc { 1 } else { -1 },
            });
        } else if sk.is_float() {
            let one = self.imm(if sk == Sk::F32 {
                (1.0f32 as f64).to_bits()
            } else {
                1.0f64.to_bits()
            });
            let k = ak_of(sk);
            self.emit(Op::Bin {
                op: if inc { Bop::Add } else { Bop::Sub },
                k,
                d: dst,
                a: cur,
                b: one,
            });
        } else {
            // char, short, _Bool: promote, add, convert back.
            let w = self.tmp();
            self.emit(Op::Cvt {
                from: sk,
                to: Sk::I32,
                d: w,
                s: cur,
                implicit: false,
            });
            self.emit(Op::AddImm {
                k: Ak::I32,
                d: w,
                a: w,
                imm: if inc { 1 } else { -1 },
            });
            self.emit(Op::Cvt {
                from: Sk::I32,
                to: sk,
                d: dst,
                s: w,
                implicit: false,
            });
        }
        if let Some(a) = addr {
            self.at(x.loc);
            self.emit(Op::Store { sk, a, s: dst });
        }
        match old {
            Some(o) => E {
                p: P::R(o),
                ty,
                null: false,
            },
            None => E {
                p: if addr.is_some() {
                    P::R(dst)
                } else {
                    P::Reg(dst)
                },
                ty,
                null: false,
            },
        }
    }

    fn binary(&mut self, op: BinOp, a: &Expr, b: &Expr, loc: Loc) -> E {
        if matches!(op, BinOp::And | BinOp::Or) {
            let r = self.tmp();
            let falses = self.branch_logical(op, a, b, loc, false);
            self.at(loc);
            self.emit(Op::Imm { d: r, v: 1 });
            let j = self.emit(Op::Jmp { t: 0 });
            self.patch_here(falses);
            self.emit(Op::Imm { d: r, v: 0 });
            self.patch_here(vec![j]);
            return E {
                p: P::R(r),
                ty: INT,
                null: false,
            };
        }
        let na = self.is_null_const(a);
        let nb = self.is_null_const(b);
        let (sa, ta) = self.rval(a);
        let (sb, tb) = self.rval(b);
        self.arith(op, sa, ta, na, sb, tb, nb, loc)
    }

    #[allow(clippy::too_many_arguments)]
    fn arith(
        &mut self,
        op: BinOp,
        sa: u32,
        ta: Ty,
        na: bool,
        sb: u32,
        tb: Ty,
        nb: bool,
        loc: Loc,
    ) -> E {
        if self.t.is_err(ta) || self.t.is_err(tb) {
            return ERR_E;
        }
        self.at(loc);
        let pa = self.t.is_ptr(ta);
        let pb = self.t.is_ptr(tb);
        let bad = |this: &mut Self| {
            this.error(
                loc,
                format!(
                    "invalid operands to '{}' ('{}' and '{}')",
                    op.symbol(),
                    this.t.name(ta),
                    this.t.name(tb)
                ),
            );
            ERR_E
        };
        let is_cmp = matches!(
            op,
            BinOp::Lt | BinOp::Gt | BinOp::Le | BinOp::Ge | BinOp::Eq | BinOp::Ne
        );
        if pa || pb {
            if is_cmp {
                let (sa, sb) = if pa && pb {
                    (sa, sb)
                } else if pa && self.t.is_integer(tb) {
                    if !nb {
                        self.warn(loc, "comparison between a pointer and an integer".into());
                    }
                    (sa, self.convert(sb, tb, ta, false))
                } else if pb && self.t.is_integer(ta) {
                    if !na {
                        self.warn(loc, "comparison between a pointer and an integer".into());
                    }
                    (self.convert(sa, ta, tb, false), sb)
                } else {
                    return bad(self);
                };
                let d = self.tmp();
                self.emit(Op::Bin {
                    op: bop(op),
                    k: Ak::Ptr,
                    d,
                    a: sa,
                    b: sb,
                });
                return E {
                    p: P::R(d),
                    ty: INT,
                    null: false,
                };
            }
            match op {
                BinOp::Add | BinOp::Sub
                    if pa && self.t.is_integer(tb)
                        || (op == BinOp::Add && pb && self.t.is_integer(ta)) =>
                {
                    let (p, pt, i, it) = if pa {
                        (sa, ta, sb, tb)
                    } else {
                        (sb, tb, sa, ta)
                    };
                    let elem = self.t.pointee(pt).unwrap_or(CHAR);
                    if !self.complete(elem) && !self.t.is_void(elem) {
                        self.error(
                            loc,
                            format!(
                                "cannot do arithmetic on a pointer to incomplete type '{}'",
                                self.t.name(elem)
                            ),
                        );
                        return ERR_E;
                    }
                    let mut i = self.convert(i, it, LONG, false);
                    if op == BinOp::Sub {
                        let n = self.tmp();
                        self.emit(Op::Neg {
                            k: Ak::I64,
                            d: n,
                            a: i,
                        });
                        i = n;
                    }
                    let d = self.tmp();
                    let scale = self.t.size_of(elem).max(1) as u32;
                    self.emit(Op::PtrAdd { d, p, i, scale });
                    return E {
                        p: P::R(d),
                        ty: pt,
                        null: false,
                    };
                }
                BinOp::Sub if pa && pb => {
                    let elem = self.t.pointee(ta).unwrap_or(CHAR);
                    let d = self.tmp();
                    let scale = self.t.size_of(elem).max(1) as u32;
                    self.emit(Op::PtrDiff {
                        d,
                        a: sa,
                        b: sb,
                        scale,
                    });
                    return E {
                        p: P::R(d),
                        ty: LONG,
                        null: false,
                    };
                }
                _ => return bad(self),
            }
        }
        if !self.t.is_arith(ta) || !self.t.is_arith(tb) {
            return bad(self);
        }
        let int_only = matches!(
            op,
            BinOp::Rem | BinOp::Shl | BinOp::Shr | BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor
        );
        if int_only && (!self.t.is_integer(ta) || !self.t.is_integer(tb)) {
            return bad(self);
        }
        if matches!(op, BinOp::Shl | BinOp::Shr) {
            let lt = self.t.promote(ta);
            let sa = self.convert(sa, ta, lt, false);
            let sb = self.convert(sb, tb, LONG, false);
            let d = self.tmp();
            self.emit_bin(bop(op), ak_of(self.t.sk(lt)), d, sa, sb);
            return E {
                p: P::R(d),
                ty: lt,
                null: false,
            };
        }
        let ct = self.t.common(ta, tb);
        let sa = self.convert(sa, ta, ct, false);
        let sb = self.convert(sb, tb, ct, false);
        let d = self.tmp();
        self.at(loc);
        self.emit_bin(bop(op), ak_of(self.t.sk(ct)), d, sa, sb);
        E {
            p: P::R(d),
            ty: if is_cmp { INT } else { ct },
            null: false,
        }
    }

    fn assign(&mut self, op: Option<BinOp>, a: &Expr, b: &Expr, loc: Loc) -> E {
        let nb = self.is_null_const(b);
        let lhs = self.expr(a);
        if self.t.is_err(lhs.ty) {
            let _ = self.rval(b);
            return ERR_E;
        }
        if !matches!(lhs.p, P::Reg(_) | P::Mem(_) | P::Bit(..))
            || self.t.is_array(lhs.ty)
            || self.t.is_func(lhs.ty)
        {
            self.error(
                loc,
                if self.t.is_array(lhs.ty) {
                    "cannot assign to an array (copy it element by element, or use memcpy/strcpy)"
                        .to_string()
                } else {
                    "the left side of an assignment must be a variable or memory location"
                        .to_string()
                },
            );
            let _ = self.rval(b);
            return ERR_E;
        }
        let ty = lhs.ty;
        let (val, _) = match op {
            None => {
                let (s, t) = self.rval(b);
                if self.t.is_record(ty) {
                    if t != ty && !self.t.is_err(t) {
                        self.error(
                            loc,
                            format!(
                                "cannot assign '{}' to '{}'",
                                self.t.name(t),
                                self.t.name(ty)
                            ),
                        );
                        return ERR_E;
                    }
                    if let P::Mem(d) = lhs.p {
                        self.at(a.loc);
                        let size = self.t.size_of(ty) as u32;
                        self.emit(Op::Copy { d, s, size });
                        return E {
                            p: P::Mem(d),
                            ty,
                            null: false,
                        };
                    }
                    return ERR_E;
                }
                self.at(loc);
                (self.assign_convert(s, t, ty, nb, b.loc, "assignment"), t)
            }
            Some(bop_) => {
                let (cur, _) = self.to_rval(lhs);
                let cur = if matches!(lhs.p, P::Reg(_)) {
                    // The register itself is overwritten below; keep the operand.
                    cur
                } else {
                    cur
                };
                let (s, t) = self.rval(b);
                let r = self.arith(bop_, cur, ty, false, s, t, false, loc);
                if self.t.is_err(r.ty) {
                    return ERR_E;
                }
                let (rs, rt) = self.to_rval(r);
                self.at(loc);
                (self.convert(rs, rt, ty, false), rt)
            }
        };
        match lhs.p {
            P::Reg(d) => {
                self.assign_to(d, val);
                E {
                    p: P::Reg(d),
                    ty,
                    null: false,
                }
            }
            P::Mem(addr) => {
                self.at(a.loc);
                self.emit(Op::Store {
                    sk: self.t.sk(ty),
                    a: addr,
                    s: val,
                });
                E {
                    p: P::R(val),
                    ty,
                    null: false,
                }
            }
            P::Bit(addr, shift, width) => {
                self.at(a.loc);
                let d = self.store_bits(addr, shift, width, ty, val);
                E {
                    p: P::R(d),
                    ty,
                    null: false,
                }
            }
            _ => ERR_E,
        }
    }

    /// Stores `v` into a bit-field; returns the value the field now holds.
    fn store_bits(&mut self, a: u32, shift: u8, width: u8, ty: Ty, v: u32) -> u32 {
        let sk = self.t.sk(ty);
        let u = self.tmp();
        self.emit(Op::Load { sk, d: u, a });
        let n = self.tmp();
        self.emit(Op::BitSet {
            d: n,
            unit: u,
            v,
            shift,
            width,
        });
        self.emit(Op::Store { sk, a, s: n });
        let r = self.tmp();
        self.emit(Op::BitGet {
            d: r,
            s: n,
            shift,
            width,
            signed: sk.is_signed(),
        });
        r
    }

    fn cond_expr(&mut self, c: &Expr, a: &Expr, b: &Expr, loc: Loc) -> E {
        let falses = self.branch(c, false);
        let ta = self.type_of(a);
        let tb = self.type_of(b);
        let na = self.is_null_const(a);
        let nb = self.is_null_const(b);
        let ty = if self.t.is_err(ta) || self.t.is_err(tb) {
            ERR
        } else if self.t.is_arith(ta) && self.t.is_arith(tb) {
            self.t.common(ta, tb)
        } else if self.t.is_void(ta) || self.t.is_void(tb) {
            VOID
        } else {
            let da = self.decayed(ta);
            let db = self.decayed(tb);
            if self.t.is_ptr(da) && (self.t.is_ptr(db) || nb) {
                if self.t.pointee(da).is_some_and(|p| self.t.is_void(p)) && self.t.is_ptr(db) && !na
                {
                    db
                } else {
                    da
                }
            } else if self.t.is_ptr(db) && na {
                db
            } else if ta == tb {
                ta
            } else {
                self.error(
                    loc,
                    format!(
                        "the two results of '?:' have incompatible types ('{}' and '{}')",
                        self.t.name(ta),
                        self.t.name(tb)
                    ),
                );
                ERR
            }
        };
        let r = self.tmp();
        let (sa, t1) = self.rval(a);
        if !self.t.is_void(ty) {
            let v = self.convert(sa, t1, ty, false);
            self.assign_to(r, v);
        }
        let j = self.emit(Op::Jmp { t: 0 });
        self.patch_here(falses);
        let (sb, t2) = self.rval(b);
        if !self.t.is_void(ty) {
            let v = self.convert(sb, t2, ty, false);
            self.assign_to(r, v);
        }
        self.patch_here(vec![j]);
        if self.t.is_void(ty) {
            return E {
                p: P::Void,
                ty: VOID,
                null: false,
            };
        }
        if self.t.is_record(ty) {
            return E {
                p: P::Mem(r),
                ty,
                null: false,
            };
        }
        E {
            p: P::R(r),
            ty,
            null: false,
        }
    }

    fn decayed(&mut self, t: Ty) -> Ty {
        match self.t.kind(t).clone() {
            TyKind::Array(e, _) => self.t.ptr(e),
            TyKind::Func(_) => self.t.ptr(t),
            _ => t,
        }
    }

    /// Emits jumps taken when `e`'s truth equals `sense`; returns them.
    fn branch(&mut self, e: &Expr, sense: bool) -> Vec<usize> {
        match &e.kind {
            ExprKind::Binary(op @ (BinOp::And | BinOp::Or), a, b) => {
                self.branch_logical(*op, a, b, e.loc, sense)
            }
            ExprKind::Unary(UnOp::Not, x) => self.branch(x, !sense),
            _ => {
                let (s, t) = self.scalar(e, "a condition");
                if self.t.is_err(t) {
                    return vec![];
                }
                self.at(e.loc);
                let cmp = |op: Bop| {
                    matches!(
                        op,
                        Bop::Eq | Bop::Ne | Bop::Lt | Bop::Le | Bop::Gt | Bop::Ge
                    )
                };
                match self.last_writes(s).copied() {
                    Some(Op::Bin { op, k, a, b, .. }) if cmp(op) => {
                        self.fc.code.pop();
                        self.fc.locs.pop();
                        return vec![self.emit(Op::BrCmp {
                            op,
                            k,
                            a,
                            b,
                            t: 0,
                            sense,
                        })];
                    }
                    Some(Op::BinI { op, k, a, imm, .. }) if cmp(op) => {
                        self.fc.code.pop();
                        self.fc.locs.pop();
                        return vec![self.emit(Op::BrCmpI {
                            op,
                            k,
                            a,
                            imm,
                            t: 0,
                            sense,
                        })];
                    }
                    _ => {}
                }
                let sk = self.t.sk(t);
                let j = if sense {
                    Op::JmpIf { sk, c: s, t: 0 }
                } else {
                    Op::JmpIfNot { sk, c: s, t: 0 }
                };
                vec![self.emit(j)]
            }
        }
    }

    fn branch_logical(
        &mut self,
        op: BinOp,
        a: &Expr,
        b: &Expr,
        _loc: Loc,
        sense: bool,
    ) -> Vec<usize> {
        // a && b: false if a false or b false; a || b: true if a or b true.
        let short = op == BinOp::Or; // the value that short-circuits
        if sense == short {
            let mut js = self.branch(a, sense);
            js.extend(self.branch(b, sense));
            js
        } else {
            let skip = self.branch(a, short);
            let js = self.branch(b, sense);
            self.patch_here(skip);
            js
        }
    }

    fn discard(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Unary(
                op @ (UnOp::PostInc | UnOp::PostDec | UnOp::PreInc | UnOp::PreDec),
                x,
            ) => {
                self.incdec(*op, x, e.loc, true);
            }
            ExprKind::Cast(tn, x) if matches!(tn.base, BaseType::Void) && tn.derivs.is_empty() => {
                self.discard(x)
            }
            ExprKind::Comma(a, b) => {
                self.discard(a);
                self.discard(b);
            }
            _ => {
                let v = self.expr(e);
                // Reading a value for nothing still touches memory, as in C
                // (`*p;` is a read), but skip it for aggregates.
                if let P::Mem(_) = v.p
                    && self.t.is_scalar(v.ty)
                {
                    self.to_rval(v);
                }
            }
        }
    }

    fn call(&mut self, f: &Expr, args: &[Expr], loc: Loc) -> E {
        // Direct call by name, or through a function pointer.
        let mut direct = None;
        let fty;
        let mut fp = 0;
        if let ExprKind::Ident(n) = &f.kind {
            match self.lookup(n) {
                Some(Sym::Func(fi, t)) => {
                    self.func_used.entry(fi).or_insert(loc);
                    direct = Some(fi);
                    fty = t;
                }
                None => {
                    self.error(f.loc, format!("implicit declaration of function '{n}' (declare it before use, or include the header that declares it)"));
                    for a in args {
                        self.rval(a);
                    }
                    return ERR_E;
                }
                _ => {
                    let (s, t) = self.rval(f);
                    fp = s;
                    fty = self.t.pointee(t).unwrap_or(t);
                }
            }
        } else {
            let (s, t) = self.rval(f);
            fp = s;
            fty = self.t.pointee(t).unwrap_or(t);
        }
        if self.t.is_err(fty) {
            for a in args {
                self.rval(a);
            }
            return ERR_E;
        }
        let Some(sig) = self.t.sig(fty).cloned() else {
            self.error(
                f.loc,
                format!(
                    "called object of type '{}' is not a function or function pointer",
                    self.t.name(fty)
                ),
            );
            return ERR_E;
        };
        let fname = match &f.kind {
            ExprKind::Ident(n) => n.clone(),
            _ => "function".into(),
        };
        if args.len() < sig.params.len() || (args.len() > sig.params.len() && !sig.variadic) {
            self.error(
                loc,
                format!(
                    "too {} arguments to '{fname}' (expected {}{}, got {})",
                    if args.len() < sig.params.len() {
                        "few"
                    } else {
                        "many"
                    },
                    sig.params.len(),
                    if sig.variadic { " or more" } else { "" },
                    args.len()
                ),
            );
            for a in args {
                self.rval(a);
            }
            return ERR_E;
        }
        let sret = self.t.is_record(sig.ret);
        let n = args.len() as u32 + sret as u32;
        let base = self.fc.next;
        for _ in 0..n {
            self.tmp();
        }
        let mut ret_addr = None;
        if sret {
            if !self.complete(sig.ret) {
                self.error(
                    loc,
                    format!(
                        "function returns incomplete type '{}'",
                        self.t.name(sig.ret)
                    ),
                );
                return ERR_E;
            }
            let l = self.new_local("(return value)", sig.ret, loc);
            self.emit(Op::DeclLocal { l });
            self.emit(Op::AddrLocal { d: base, l });
            ret_addr = Some(base);
        }
        let mut info = CallInfo {
            args: vec![],
            tys: vec![],
            literal_format: false,
        };
        if sret {
            info.args.push(Sk::Ptr);
            info.tys.push(VOID_PTR);
        }
        for (i, a) in args.iter().enumerate() {
            let null = self.is_null_const(a);
            if matches!(a.kind, ExprKind::Str(_)) {
                let fmt_pos = match fname.as_str() {
                    "printf" | "scanf" => Some(0),
                    "fprintf" | "sprintf" | "sscanf" => Some(1),
                    "snprintf" => Some(2),
                    _ => None,
                };
                if fmt_pos == Some(i) {
                    info.literal_format = true;
                }
            }
            let (s, t) = self.rval(a);
            let (v, ty) = if let Some(&pt) = sig.params.get(i) {
                self.at(a.loc);
                (
                    self.assign_convert(
                        s,
                        t,
                        pt,
                        null,
                        a.loc,
                        &format!("argument {} of '{fname}'", i + 1),
                    ),
                    pt,
                )
            } else {
                // Default argument promotions.
                let pt = if matches!(self.t.kind(t), TyKind::Float) {
                    DOUBLE
                } else if self.t.is_integer(t) {
                    self.t.promote(t)
                } else {
                    t
                };
                if self.t.is_record(t) {
                    self.error(
                        a.loc,
                        "passing a struct to a variadic function is not supported".into(),
                    );
                }
                (self.convert(s, t, pt, false), pt)
            };
            info.args.push(self.t.sk(ty));
            info.tys.push(ty);
            self.assign_to(base + i as u32 + sret as u32, v);
        }
        let info_id = self.calls.len() as u32;
        self.calls.push(info);
        let d = self.tmp();
        self.at(loc);
        match direct {
            Some(fi) => self.emit(Op::Call {
                f: fi,
                args: base,
                n,
                d,
                info: info_id,
            }),
            None => self.emit(Op::CallPtr {
                fp,
                args: base,
                n,
                d,
                info: info_id,
            }),
        };
        if let Some(a) = ret_addr {
            return E {
                p: P::Mem(a),
                ty: sig.ret,
                null: false,
            };
        }
        if self.t.is_void(sig.ret) {
            return E {
                p: P::Void,
                ty: VOID,
                null: false,
            };
        }
        E {
            p: P::R(d),
            ty: sig.ret,
            null: false,
        }
    }

    // ------------------------------------------------------------ declarations

    fn new_local(&mut self, name: &str, ty: Ty, loc: Loc) -> u32 {
        let l = self.fc.locals.len() as u32;
        self.fc.locals.push(LocalInfo {
            name: name.to_string(),
            size: self.t.size_of(ty),
            align: self.t.align_of(ty),
            line: loc.line,
        });
        if let Some(&sc) = self.fc.stack.last()
            && let Some(list) = self.fc.scopes.get_mut(sc as usize)
        {
            list.push(l);
        }
        l
    }

    fn declare_func(&mut self, name: &str, ty: Ty, loc: Loc) -> u32 {
        if let Some(&f) = self.func_ids.get(name) {
            let old = self.funcs[f as usize].ty;
            if old != ty {
                let same = match (self.t.sig(old), self.t.sig(ty)) {
                    (Some(a), Some(b)) => {
                        a.params.len() == b.params.len() && self.t.sk(a.ret) == self.t.sk(b.ret)
                    }
                    _ => false,
                };
                if self.funcs[f as usize].line == 0 || !self.funcs[f as usize].defined {
                    // A program may redeclare a libc function its own way.
                    self.funcs[f as usize].ty = ty;
                    self.funcs[f as usize].nparams =
                        self.t.sig(ty).map(|s| s.params.len() as u32).unwrap_or(0);
                    if !same && self.funcs[f as usize].line != 0 {
                        self.error(loc, format!("conflicting types for '{name}'"));
                    }
                } else if !same {
                    self.error(loc, format!("conflicting types for '{name}'"));
                }
            }
            if let Some(s) = self.scopes.last_mut() {
                s.syms
                    .insert(name.to_string(), Sym::Func(f, self.funcs[f as usize].ty));
            }
            return f;
        }
        let f = self.funcs.len() as u32;
        let sig = self.t.sig(ty).cloned();
        self.funcs.push(Function {
            name: name.to_string(),
            ty,
            nparams: sig.as_ref().map(|s| s.params.len() as u32).unwrap_or(0),
            nslots: 0,
            variadic: sig.as_ref().is_some_and(|s| s.variadic),
            code: vec![],
            locs: vec![],
            locals: vec![],
            scopes: vec![],
            switches: vec![],
            line: loc.line,
            defined: false,
            ret_sk: None,
            regvars: vec![],
            libc: None,
        });
        self.func_ids.insert(name.to_string(), f);
        if let Some(s) = self.scopes.first_mut() {
            s.syms.insert(name.to_string(), Sym::Func(f, ty));
        }
        if let Some(s) = self.scopes.last_mut() {
            s.syms.insert(name.to_string(), Sym::Func(f, ty));
        }
        f
    }

    fn global(&mut self, name: &str, ty: Ty, loc: Loc) -> u32 {
        if let Some(&g) = self.global_ids.get(name) {
            if let Some(gi) = self.globals.get_mut(g as usize)
                && gi.size == 0
            {
                gi.size = self.t.size_of(ty);
                gi.align = self.t.align_of(ty);
            }
            return g;
        }
        let g = self.globals.len() as u32;
        self.globals.push(GlobalInfo {
            name: name.to_string(),
            size: self.t.size_of(ty),
            align: self.t.align_of(ty),
            line: loc.line,
            data: None,
            readonly: false,
        });
        self.global_ids.insert(name.to_string(), g);
        g
    }

    /// Completes `T a[] = {...}` from its initialiser.
    fn complete_array(&mut self, ty: Ty, init: Option<&Init>) -> Ty {
        if let TyKind::Array(el, None) = self.t.kind(ty).clone() {
            match init {
                Some(Init::Expr(Expr {
                    kind: ExprKind::Str(s),
                    ..
                })) if self.t.size_of(el) == 1 => self.t.array(el, Some(s.len() as u64 + 1)),
                Some(Init::List(items, _)) => {
                    if self.t.size_of(el) == 1
                        && items.len() == 1
                        && let Init::Expr(Expr {
                            kind: ExprKind::Str(s),
                            ..
                        }) = &items[0].init
                    {
                        return self.t.array(el, Some(s.len() as u64 + 1));
                    }
                    let n = self.count_elems(el, items);
                    self.t.array(el, Some(n))
                }
                _ => ty,
            }
        } else {
            ty
        }
    }

    fn leaves(&self, t: Ty, depth: u32) -> u64 {
        if depth > 16 {
            return 1;
        }
        match self.t.kind(t) {
            TyKind::Array(e, n) => n.unwrap_or(0).saturating_mul(self.leaves(*e, depth + 1)),
            TyKind::Record(_) => match self.t.record(t) {
                Some(r) if r.is_union => r
                    .fields
                    .first()
                    .map(|f| self.leaves(f.ty, depth + 1))
                    .unwrap_or(1),
                Some(r) => r
                    .fields
                    .iter()
                    .map(|f| self.leaves(f.ty, depth + 1))
                    .sum::<u64>()
                    .max(1),
                None => 1,
            },
            _ => 1,
        }
    }

    fn count_elems(&mut self, el: Ty, items: &[InitItem]) -> u64 {
        let per = if self.t.is_scalar(el) {
            1
        } else {
            self.leaves(el, 0).max(1)
        };
        let mut pos: u64 = 0;
        let mut partial: u64 = 0;
        let mut max: u64 = 0;
        for it in items {
            if let Some(Designator::Index(e)) = it.designators.first() {
                partial = 0;
                pos = self.const_int(e).unwrap_or(0).max(0) as u64;
            }
            let braced_or_whole = matches!(it.init, Init::List(..))
                || per == 1
                || matches!(
                    &it.init,
                    Init::Expr(Expr {
                        kind: ExprKind::Str(_),
                        ..
                    })
                );
            if braced_or_whole && partial == 0 {
                pos += 1;
            } else {
                partial += 1;
                if partial == per {
                    pos += 1;
                    partial = 0;
                }
            }
            max = max.max(pos + (partial > 0) as u64);
        }
        max
    }

    /// `T name[n]` with a size known only at run time.
    fn vla_decl(&mut self, d: &Decl, bt: Ty) -> bool {
        let Some((Deriv::Array(Some(size)), inner)) = d.derivs.split_last() else {
            return false;
        };
        if d.storage != Storage::None
            && d.storage != Storage::Auto
            && d.storage != Storage::Register
        {
            return false;
        }
        if self.fc.idx == 0 || self.const_int(size).is_some() {
            return false;
        }
        let elem = self.derive(bt, inner, d.loc);
        if self.t.is_err(elem) {
            return true;
        }
        if !self.complete(elem) {
            self.error(
                d.loc,
                format!("array element has incomplete type '{}'", self.t.name(elem)),
            );
            return true;
        }
        if d.init.is_some() {
            self.error(
                d.loc,
                "a variable-length array cannot have an initialiser".into(),
            );
        }
        let ty = self.t.array(elem, None);
        self.at(d.loc);
        // A slot that keeps the size in bytes, for sizeof.
        let bytes = self.tmp();
        self.fc.stmt_base = self.fc.next;
        let (n, nt) = self.rval(size);
        if !self.t.is_integer(nt) {
            if !self.t.is_err(nt) {
                self.error(
                    size.loc,
                    format!("array size must be an integer, not '{}'", self.t.name(nt)),
                );
            }
            return true;
        }
        let n = self.convert(n, nt, LONG, false);
        let l = self.new_local(&d.name, ty, d.loc);
        self.at(d.loc);
        self.emit(Op::DeclVla {
            l,
            n,
            elem: self.t.size_of(elem) as u32,
        });
        let esz = self.t.size_of(elem) as i32;
        self.emit(Op::BinI {
            op: Bop::Mul,
            k: Ak::U64,
            d: bytes,
            a: n,
            imm: esz,
        });
        self.fc.vla_sizes.insert(l, bytes);
        self.fc.next = self.fc.stmt_base;
        self.declare(&d.name, Sym::Local(l, ty));
        true
    }

    fn local_decl(&mut self, d: &Decl, bt: Ty) {
        if self.vla_decl(d, bt) {
            return;
        }
        let ty = self.derive(bt, &d.derivs, d.loc);
        let name = d.name.as_str();
        match d.storage {
            Storage::Typedef => {
                self.declare(name, Sym::Typedef(ty));
                return;
            }
            _ if self.t.is_func(ty) => {
                let f = self.declare_func(name, ty, d.loc);
                self.declare(name, Sym::Func(f, ty));
                return;
            }
            Storage::Extern => {
                let g = self.global(name, ty, d.loc);
                self.declare(name, Sym::Global(g, ty));
                return;
            }
            _ => {}
        }
        let ty = self.complete_array(ty, d.init.as_ref());
        if self.t.is_err(ty) {
            self.declare(name, Sym::Reg(0, ERR));
            return;
        }
        if !self.complete(ty) {
            self.error(
                d.loc,
                format!(
                    "variable '{name}' has incomplete type '{}'",
                    self.t.name(ty)
                ),
            );
            self.declare(name, Sym::Reg(0, ERR));
            return;
        }
        if d.storage == Storage::Static {
            self.statics += 1;
            let gname = name.to_string();
            let g = self.globals.len() as u32;
            self.globals.push(GlobalInfo {
                name: gname,
                size: self.t.size_of(ty),
                align: self.t.align_of(ty),
                line: d.loc.line,
                data: None,
                readonly: false,
            });
            self.declare(name, Sym::Global(g, ty));
            if let Some(init) = &d.init {
                // Static initialisers run once, before main.
                let Some(ifc) = self.init_fc.take() else {
                    return;
                };
                let saved = std::mem::replace(&mut self.fc, ifc);
                self.fc.stmt_base = self.fc.next;
                self.at(d.loc);
                let a = self.tmp();
                self.emit(Op::AddrGlobal { d: a, g });
                self.init_mem(a, ty, init, false);
                self.fc.next = self.fc.stmt_base;
                let ifc = std::mem::replace(&mut self.fc, saved);
                self.init_fc = Some(ifc);
            }
            return;
        }
        self.at(d.loc);
        let memory =
            self.t.is_array(ty) || self.t.is_record(ty) || self.fc.addr_taken.contains(name);
        if memory {
            let l = self.new_local(name, ty, d.loc);
            self.declare(name, Sym::Local(l, ty));
            self.emit(Op::DeclLocal { l });
            if let Some(init) = &d.init {
                self.fc.stmt_base = self.fc.next;
                let a = self.tmp();
                self.emit(Op::AddrLocal { d: a, l });
                self.init_mem(a, ty, init, true);
                self.fc.next = self.fc.stmt_base;
            }
        } else {
            let slot = self.tmp();
            self.fc.stmt_base = self.fc.next;
            self.declare(name, Sym::Reg(slot, ty));
            match &d.init {
                None => {
                    let var = self.fc.regvars.len() as u32;
                    self.fc.regvars.push((name.to_string(), d.loc.line));
                    self.emit(Op::Undef { d: slot, var });
                }
                Some(init) => {
                    let e = match init {
                        Init::Expr(e) => Some(e),
                        Init::List(items, loc) => match items.first().map(|i| &i.init) {
                            Some(Init::Expr(e)) => Some(e),
                            _ => {
                                self.error(
                                    *loc,
                                    "a scalar needs a single value in its initialiser".into(),
                                );
                                None
                            }
                        },
                    };
                    if let Some(e) = e {
                        let null = self.is_null_const(e);
                        let (s, t) = self.rval(e);
                        self.at(d.loc);
                        let v = self.assign_convert(s, t, ty, null, e.loc, "initialisation");
                        self.assign_to(slot, v);
                    }
                }
            }
            self.fc.next = self.fc.stmt_base;
        }
    }

    /// Initialises the object of type `ty` at the address in slot `a`.
    fn init_mem(&mut self, a: u32, ty: Ty, init: &Init, zero: bool) {
        match init {
            Init::Expr(e) => {
                if let (Some(el), ExprKind::Str(s)) = (self.t.elem(ty), &e.kind)
                    && self.t.size_of(el) == 1
                {
                    self.init_string(a, 0, ty, s, zero, e.loc);
                    return;
                }
                if self.t.is_array(ty) {
                    self.error(
                        e.loc,
                        "an array must be initialised with a brace-enclosed list or a string"
                            .into(),
                    );
                    return;
                }
                self.store_expr(a, 0, ty, e);
            }
            Init::List(items, loc) => {
                if self.t.is_scalar(ty) {
                    match items.first() {
                        Some(it) => self.init_mem(a, ty, &it.init, zero),
                        None => {
                            let z = self.imm(0);
                            let v = self.convert(z, INT, ty, false);
                            self.emit(Op::Store {
                                sk: self.t.sk(ty),
                                a,
                                s: v,
                            });
                        }
                    }
                    return;
                }
                if zero {
                    let size = self.t.size_of(ty) as u32;
                    self.emit(Op::Zero { a, size });
                }
                self.init_sub(a, 0, ty, items, *loc);
            }
        }
    }

    fn addr_at(&mut self, a: u32, off: u64) -> u32 {
        if off == 0 {
            return a;
        }
        let d = self.tmp();
        self.emit(Op::Offset {
            d,
            a,
            off: off as u32,
        });
        d
    }

    fn init_string(&mut self, a: u32, off: u64, ty: Ty, s: &[u8], zero: bool, loc: Loc) {
        let size = self.t.size_of(ty);
        if s.len() as u64 > size {
            self.warn(
                loc,
                format!(
                    "initializer string is longer than the array ({} > {size} bytes)",
                    s.len()
                ),
            );
        }
        let n = (s.len() as u64 + 1).min(size);
        let dst = self.addr_at(a, off);
        if zero && n < size {
            self.emit(Op::Zero {
                a: dst,
                size: size as u32,
            });
        }
        let g = self.string_lit(s);
        let src = self.tmp();
        self.emit(Op::AddrGlobal { d: src, g });
        self.emit(Op::Copy {
            d: dst,
            s: src,
            size: n as u32,
        });
    }

    fn store_expr(&mut self, a: u32, off: u64, ty: Ty, e: &Expr) {
        let null = self.is_null_const(e);
        let (s, t) = self.rval(e);
        if self.t.is_err(t) {
            return;
        }
        let dst = self.addr_at(a, off);
        if self.t.is_record(ty) {
            if t != ty {
                self.error(
                    e.loc,
                    format!(
                        "cannot initialise '{}' with '{}'",
                        self.t.name(ty),
                        self.t.name(t)
                    ),
                );
                return;
            }
            self.emit(Op::Copy {
                d: dst,
                s,
                size: self.t.size_of(ty) as u32,
            });
            return;
        }
        self.at(e.loc);
        let v = self.assign_convert(s, t, ty, null, e.loc, "initialisation");
        self.emit(Op::Store {
            sk: self.t.sk(ty),
            a: dst,
            s: v,
        });
    }

    /// A brace list for the aggregate at `a + off`.
    fn init_sub(&mut self, a: u32, off: u64, ty: Ty, items: &[InitItem], loc: Loc) {
        if self.t.is_scalar(ty) {
            if let Some(it) = items.first() {
                self.init_one(a, off, ty, &it.init);
            }
            return;
        }
        if let (Some(el), [only]) = (self.t.elem(ty), items)
            && self.t.size_of(el) == 1
            && only.designators.is_empty()
            && let Init::Expr(Expr {
                kind: ExprKind::Str(s),
                loc: l,
                ..
            }) = &only.init
        {
            self.init_string(a, off, ty, s, false, *l);
            return;
        }
        let mut idx = 0;
        self.init_agg(a, off, ty, items, &mut idx, true);
        if idx < items.len() {
            self.warn(loc, "excess elements in initialiser (ignored)".into());
        }
    }

    fn init_one(&mut self, a: u32, off: u64, ty: Ty, init: &Init) {
        match init {
            Init::List(sub, l) => self.init_sub(a, off, ty, sub, *l),
            Init::Expr(e) => {
                if let (Some(el), ExprKind::Str(s)) = (self.t.elem(ty), &e.kind)
                    && self.t.size_of(el) == 1
                {
                    self.init_string(a, off, ty, s, false, e.loc);
                } else if self.t.is_array(ty) {
                    self.error(
                        e.loc,
                        "an array member needs a brace-enclosed initialiser".into(),
                    );
                } else {
                    self.store_expr(a, off, ty, e);
                }
            }
        }
    }

    /// Member `pos` of an aggregate: its offset and type.
    fn member(&self, ty: Ty, pos: u64) -> Option<FieldAt> {
        match self.t.kind(ty) {
            TyKind::Array(el, n) => {
                if n.is_some_and(|n| pos >= n) {
                    return None;
                }
                Some((pos.saturating_mul(self.t.size_of(*el)), *el, None))
            }
            TyKind::Record(_) => {
                let r = self.t.record(ty)?;
                if r.is_union && pos > 0 {
                    return None;
                }
                r.fields.get(pos as usize).map(|f| (f.offset, f.ty, f.bits))
            }
            _ => None,
        }
    }

    /// Initialises a bit-field member from an initialiser.
    fn init_bits(&mut self, a: u32, off: u64, ty: Ty, bits: (u8, u8), init: &Init) {
        let e = match init {
            Init::Expr(e) => e,
            Init::List(items, l) => match items.first().map(|i| &i.init) {
                Some(Init::Expr(e)) => e,
                _ => {
                    self.error(*l, "a bit-field needs a single value".into());
                    return;
                }
            },
        };
        let (s, t) = self.rval(e);
        let v = self.assign_convert(s, t, ty, false, e.loc, "initialisation");
        let dst = self.addr_at(a, off);
        self.store_bits(dst, bits.0, bits.1, ty, v);
    }

    fn init_agg(
        &mut self,
        a: u32,
        off: u64,
        ty: Ty,
        items: &[InitItem],
        idx: &mut usize,
        braced: bool,
    ) {
        let mut pos: u64 = 0;
        let mut guard = 0u32;
        while *idx < items.len() {
            guard += 1;
            if guard > 1_000_000 {
                return;
            }
            let it = &items[*idx];
            if let Some(first) = it.designators.first() {
                if !braced {
                    return;
                }
                match first {
                    Designator::Index(e) => {
                        if !self.t.is_array(ty) {
                            self.error(
                                e.loc,
                                "array designator in the initialiser of a non-array".into(),
                            );
                            *idx += 1;
                            continue;
                        }
                        match self.const_int(e) {
                            Some(v) if v >= 0 => pos = v as u64,
                            _ => {
                                self.error(
                                    e.loc,
                                    "array designator must be a non-negative constant".into(),
                                );
                                *idx += 1;
                                continue;
                            }
                        }
                    }
                    Designator::Field(name, l) => {
                        let Some(r) = self.t.record(ty) else {
                            self.error(
                                *l,
                                format!(
                                    "field designator '.{name}' in the initialiser of a non-struct"
                                ),
                            );
                            *idx += 1;
                            continue;
                        };
                        match r.fields.iter().position(|f| &f.name == name) {
                            Some(p) => pos = p as u64,
                            None => {
                                self.error(
                                    *l,
                                    format!("'{}' has no member named '{name}'", self.t.name(ty)),
                                );
                                *idx += 1;
                                continue;
                            }
                        }
                    }
                }
                let Some((moff, mty, bits)) = self.member(ty, pos) else {
                    self.error(
                        Loc {
                            line: self.fc.cur.0,
                            col: self.fc.cur.1,
                        },
                        "designator is outside the object".into(),
                    );
                    *idx += 1;
                    continue;
                };
                if let Some(b) = bits {
                    self.init_bits(a, off + moff, mty, b, &it.init);
                } else if it.designators.len() > 1 {
                    self.init_designated(a, off + moff, mty, &it.designators[1..], &it.init);
                } else {
                    self.init_one(a, off + moff, mty, &it.init);
                }
                *idx += 1;
                pos += 1;
                continue;
            }
            let Some((moff, mty, bits)) = self.member(ty, pos) else {
                return;
            };
            if let Some(b) = bits {
                *idx += 1;
                self.init_bits(a, off + moff, mty, b, &it.init);
                pos += 1;
                continue;
            }
            match &it.init {
                Init::List(sub, l) => {
                    *idx += 1;
                    self.init_sub(a, off + moff, mty, sub, *l);
                }
                Init::Expr(e) => {
                    let whole = self.t.is_scalar(mty)
                        || (matches!(e.kind, ExprKind::Str(_))
                            && self.t.elem(mty).is_some_and(|el| self.t.size_of(el) == 1))
                        || (self.t.is_record(mty) && {
                            let et = self.type_of(e);
                            et == mty
                        });
                    if whole {
                        *idx += 1;
                        self.init_one(a, off + moff, mty, &it.init);
                    } else {
                        // Brace elision: the items fill the sub-aggregate.
                        let before = *idx;
                        self.init_agg(a, off + moff, mty, items, idx, false);
                        if *idx == before {
                            *idx += 1;
                        }
                    }
                }
            }
            pos += 1;
        }
    }

    fn init_designated(&mut self, a: u32, off: u64, ty: Ty, ds: &[Designator], init: &Init) {
        let Some(first) = ds.first() else {
            self.init_one(a, off, ty, init);
            return;
        };
        let pos = match first {
            Designator::Index(e) => self.const_int(e).unwrap_or(-1),
            Designator::Field(name, _) => self
                .t
                .record(ty)
                .and_then(|r| r.fields.iter().position(|f| &f.name == name))
                .map(|p| p as i64)
                .unwrap_or(-1),
        };
        match (pos >= 0).then(|| self.member(ty, pos as u64)).flatten() {
            Some((moff, mty, Some(b))) if ds.len() == 1 => {
                self.init_bits(a, off + moff, mty, b, init)
            }
            Some((moff, mty, _)) => self.init_designated(a, off + moff, mty, &ds[1..], init),
            None => {
                let l = Loc {
                    line: self.fc.cur.0,
                    col: self.fc.cur.1,
                };
                self.error(l, "designator does not name a member of the object".into());
            }
        }
    }

    // ------------------------------------------------------------ statements

    fn stmt(&mut self, s: &Stmt) {
        self.at(s.loc);
        let base = self.fc.next;
        self.fc.stmt_base = base;
        match &s.kind {
            StmtKind::Expr(e) => {
                self.discard(e);
                self.fc.next = base;
            }
            StmtKind::Empty => {}
            StmtKind::Decl(ds, bases) => {
                let bt = match bases.first() {
                    Some(b) => self.base_ty(b, s.loc),
                    None => ERR,
                };
                for d in ds {
                    self.local_decl(d, bt);
                }
            }
            StmtKind::Block(ss) => self.block(ss, true),
            StmtKind::If(c, a, b) => {
                let falses = self.branch(c, false);
                self.fc.next = base;
                self.sub_stmt(a);
                match b {
                    Some(b) => {
                        let j = self.emit(Op::Jmp { t: 0 });
                        self.patch_here(falses);
                        self.sub_stmt(b);
                        self.patch_here(vec![j]);
                    }
                    None => self.patch_here(falses),
                }
            }
            StmtKind::While(c, body) => {
                let top = self.label();
                let falses = self.branch(c, false);
                self.fc.next = base;
                self.push_loop(false);
                self.sub_stmt(body);
                let lp = self.fc.loops.pop();
                self.emit(Op::Jmp { t: top });
                let end = self.label();
                if let Some(lp) = lp {
                    for j in lp.cont {
                        self.patch(j, top);
                    }
                    for j in lp.brk {
                        self.patch(j, end);
                    }
                }
                for j in falses {
                    self.patch(j, end);
                }
            }
            StmtKind::DoWhile(body, c) => {
                let top = self.label();
                self.push_loop(false);
                self.sub_stmt(body);
                let lp = self.fc.loops.pop();
                let cont = self.label();
                self.at(c.loc);
                let trues = self.branch(c, true);
                self.fc.next = base;
                for j in trues {
                    self.patch(j, top);
                }
                let end = self.label();
                if let Some(lp) = lp {
                    for j in lp.cont {
                        self.patch(j, cont);
                    }
                    for j in lp.brk {
                        self.patch(j, end);
                    }
                }
            }
            StmtKind::For(init, c, step, body) => {
                self.push_scope();
                let sc = self.open_block_scope();
                if let Some(i) = init {
                    self.stmt(i);
                }
                let base2 = self.fc.next;
                self.fc.stmt_base = base2;
                let top = self.label();
                let falses = match c {
                    Some(c) => self.branch(c, false),
                    None => vec![],
                };
                self.fc.next = base2;
                self.push_loop(false);
                self.sub_stmt(body);
                let lp = self.fc.loops.pop();
                let cont = self.label();
                if let Some(st) = step {
                    self.fc.stmt_base = base2;
                    self.discard(st);
                    self.fc.next = base2;
                }
                self.emit(Op::Jmp { t: top });
                let end = self.label();
                if let Some(lp) = lp {
                    for j in lp.cont {
                        self.patch(j, cont);
                    }
                    for j in lp.brk {
                        self.patch(j, end);
                    }
                }
                for j in falses {
                    self.patch(j, end);
                }
                self.close_block_scope(sc);
                self.pop_scope();
                self.fc.next = base;
            }
            StmtKind::Switch(c, body) => {
                let (v, t) = self.rval(c);
                if !self.t.is_integer(t) && !self.t.is_err(t) {
                    self.error(
                        c.loc,
                        format!("switch value must be an integer, not '{}'", self.t.name(t)),
                    );
                }
                let pt = if self.t.is_err(t) {
                    INT
                } else {
                    self.t.promote(t)
                };
                let v = self.convert(v, t, pt, false);
                let table = self.fc.switches.len();
                self.fc.switches.push(SwitchTable {
                    sk: self.t.sk(pt),
                    cases: vec![],
                    default: u32::MAX,
                });
                self.at(c.loc);
                self.emit(Op::Switch {
                    s: v,
                    table: table as u32,
                });
                self.fc.next = base;
                self.fc.sw.push(SwCtx {
                    table,
                    ty: pt,
                    seen: HashSet::new(),
                });
                self.push_loop(true);
                self.sub_stmt(body);
                let lp = self.fc.loops.pop();
                self.fc.sw.pop();
                let end = self.label();
                if let Some(st) = self.fc.switches.get_mut(table)
                    && st.default == u32::MAX
                {
                    st.default = end;
                }
                if let Some(lp) = lp {
                    for j in lp.brk {
                        self.patch(j, end);
                    }
                }
            }
            StmtKind::Case(v, body) => {
                let here = self.label();
                match (self.const_int(v), self.fc.sw.last()) {
                    (Some(x), Some(sw)) => {
                        let ty = sw.ty;
                        let table = sw.table;
                        let x = match self.t.kind(ty) {
                            TyKind::Int {
                                size: 4,
                                signed: true,
                            } => x as i32 as i64,
                            TyKind::Int {
                                size: 4,
                                signed: false,
                            } => x as u32 as i64,
                            _ => x,
                        };
                        let dup = self.fc.sw.last_mut().is_some_and(|sw| !sw.seen.insert(x));
                        if dup {
                            self.error(v.loc, format!("duplicate case value {x}"));
                        }
                        if let Some(st) = self.fc.switches.get_mut(table) {
                            st.cases.push((x, here));
                        }
                    }
                    (None, _) => self.error(v.loc, "case value must be an integer constant".into()),
                    (_, None) => self.error(s.loc, "'case' outside of a switch".into()),
                }
                self.stmt(body);
            }
            StmtKind::Default(body) => {
                let here = self.label();
                match self.fc.sw.last() {
                    Some(sw) => {
                        let table = sw.table;
                        let dup = self
                            .fc
                            .switches
                            .get(table)
                            .is_some_and(|st| st.default != u32::MAX);
                        if dup {
                            self.error(s.loc, "more than one 'default' in a switch".into());
                        }
                        if let Some(st) = self.fc.switches.get_mut(table) {
                            st.default = here;
                        }
                    }
                    None => self.error(s.loc, "'default' outside of a switch".into()),
                }
                self.stmt(body);
            }
            StmtKind::Break => {
                let Some(depth) = self.fc.loops.last().map(|l| l.depth) else {
                    self.error(s.loc, "'break' outside of a loop or switch".into());
                    return;
                };
                self.leave_scopes_to(depth);
                let j = self.emit(Op::Jmp { t: 0 });
                if let Some(l) = self.fc.loops.last_mut() {
                    l.brk.push(j);
                }
            }
            StmtKind::Continue => {
                let Some(i) = self.fc.loops.iter().rposition(|l| !l.is_switch) else {
                    self.error(s.loc, "'continue' outside of a loop".into());
                    return;
                };
                let depth = self.fc.loops[i].depth;
                self.leave_scopes_to(depth);
                let j = self.emit(Op::Jmp { t: 0 });
                self.fc.loops[i].cont.push(j);
            }
            StmtKind::Return(e) => {
                let ret = self.fc.ret;
                match e {
                    None => {
                        if !self.t.is_void(ret) && !self.t.is_err(ret) {
                            self.error(
                                s.loc,
                                format!(
                                    "non-void function '{}' should return a value",
                                    self.fc.name
                                ),
                            );
                        }
                        self.emit(Op::RetVoid);
                    }
                    Some(e) => {
                        let null = self.is_null_const(e);
                        let (v, t) = self.rval(e);
                        self.at(s.loc);
                        if self.t.is_void(ret) {
                            if !self.t.is_void(t) {
                                self.error(
                                    e.loc,
                                    format!(
                                        "void function '{}' should not return a value",
                                        self.fc.name
                                    ),
                                );
                            }
                            self.emit(Op::RetVoid);
                        } else if self.fc.sret {
                            if t != ret && !self.t.is_err(t) {
                                self.error(
                                    e.loc,
                                    format!(
                                        "returning '{}' from a function returning '{}'",
                                        self.t.name(t),
                                        self.t.name(ret)
                                    ),
                                );
                            }
                            let size = self.t.size_of(ret) as u32;
                            self.emit(Op::Copy { d: 0, s: v, size });
                            self.emit(Op::RetVoid);
                        } else {
                            let v = self.assign_convert(v, t, ret, null, e.loc, "return value");
                            self.emit(Op::Ret { s: v });
                        }
                    }
                }
                self.fc.next = base;
            }
            StmtKind::Goto(name) => {
                let j = self.emit(Op::Jmp { t: 0 });
                self.fc.gotos.push((j, name.clone(), s.loc));
            }
            StmtKind::Label(name, body) => {
                let here = self.label();
                if self.fc.labels.insert(name.clone(), here).is_some() {
                    self.error(s.loc, format!("redefinition of label '{name}'"));
                }
                self.stmt(body);
            }
        }
    }

    /// A statement in its own scope (the body of if/while/for).
    fn sub_stmt(&mut self, s: &Stmt) {
        if let StmtKind::Block(ss) = &s.kind {
            self.at(s.loc);
            self.block(ss, true);
        } else {
            let base = self.fc.next;
            self.push_scope();
            let sc = self.open_block_scope();
            self.stmt(s);
            self.close_block_scope(sc);
            self.pop_scope();
            self.fc.next = base;
        }
    }

    fn push_loop(&mut self, is_switch: bool) {
        let depth = self.fc.stack.len();
        self.fc.loops.push(Loop {
            brk: vec![],
            cont: vec![],
            depth,
            is_switch,
        });
    }

    fn open_block_scope(&mut self) -> u32 {
        let id = self.fc.scopes.len() as u32;
        self.fc.scopes.push(Vec::new());
        self.fc.stack.push(id);
        id
    }

    fn close_block_scope(&mut self, id: u32) {
        self.fc.stack.pop();
        if self
            .fc
            .scopes
            .get(id as usize)
            .is_some_and(|l| !l.is_empty())
        {
            self.emit(Op::Leave { scope: id });
        }
    }

    /// Ends the scopes deeper than `depth` (for break and continue).
    fn leave_scopes_to(&mut self, depth: usize) {
        let ids: Vec<u32> = self.fc.stack.iter().skip(depth).rev().copied().collect();
        for id in ids {
            if self
                .fc
                .scopes
                .get(id as usize)
                .is_some_and(|l| !l.is_empty())
            {
                self.emit(Op::Leave { scope: id });
            }
        }
    }

    fn block(&mut self, ss: &[Stmt], new_scope: bool) {
        let base = self.fc.next;
        if new_scope {
            self.push_scope();
        }
        let sc = self.open_block_scope();
        for s in ss {
            self.stmt(s);
        }
        self.close_block_scope(sc);
        if new_scope {
            self.pop_scope();
        }
        self.fc.next = base;
    }

    // ------------------------------------------------------------ top level

    fn function(&mut self, f: &FuncDef) {
        let bt = self.base_ty(&f.base, f.loc);
        let ty = self.derive(bt, &f.derivs, f.loc);
        let Some(sig) = self.t.sig(ty).cloned() else {
            return;
        };
        let fi = self.declare_func(&f.name, ty, f.loc);
        if self.funcs[fi as usize].defined && self.funcs[fi as usize].line != 0 {
            self.error(f.loc, format!("redefinition of function '{}'", f.name));
            return;
        }
        let Some(Deriv::Func(params, _)) = f.derivs.last() else {
            return;
        };
        let mut addr_taken = HashSet::new();
        scan_stmt(&f.body, &mut addr_taken);
        let sret = self.t.is_record(sig.ret);
        let init = std::mem::take(&mut self.fc);
        self.init_fc = Some(init);
        self.fc = FnCtx {
            idx: fi,
            name: f.name.clone(),
            addr_taken,
            ret: sig.ret,
            sret,
            is_main: f.name == "main",
            cur: (f.loc.line, f.loc.col),
            ..FnCtx::default()
        };
        self.push_scope();
        let sc = self.open_block_scope();
        let nparams = sig.params.len() as u32 + sret as u32;
        self.fc.next = nparams;
        self.fc.max = nparams;
        self.fc.stmt_base = nparams;
        for (i, p) in params.iter().enumerate() {
            let Some(&pty) = sig.params.get(i) else { break };
            let slot = i as u32 + sret as u32;
            let Some(name) = &p.name else {
                self.error(
                    p.loc,
                    format!("parameter {} of '{}' needs a name", i + 1, f.name),
                );
                continue;
            };
            if !self.complete(pty) && !self.t.is_err(pty) {
                self.error(
                    p.loc,
                    format!(
                        "parameter '{name}' has incomplete type '{}'",
                        self.t.name(pty)
                    ),
                );
                continue;
            }
            let memory = self.t.is_record(pty) || self.fc.addr_taken.contains(name.as_str());
            if memory {
                self.at(p.loc);
                let l = self.new_local(name, pty, p.loc);
                self.emit(Op::DeclLocal { l });
                let a = self.tmp();
                self.emit(Op::AddrLocal { d: a, l });
                if self.t.is_record(pty) {
                    let size = self.t.size_of(pty) as u32;
                    self.emit(Op::Copy {
                        d: a,
                        s: slot,
                        size,
                    });
                } else {
                    self.emit(Op::Store {
                        sk: self.t.sk(pty),
                        a,
                        s: slot,
                    });
                }
                self.fc.next = self.fc.stmt_base;
                self.declare(name, Sym::Local(l, pty));
            } else {
                self.declare(name, Sym::Reg(slot, pty));
            }
        }
        if let StmtKind::Block(ss) = &f.body.kind {
            for s in ss {
                self.stmt(s);
            }
        }
        // The function's own scope ends when it returns (use-after-return).
        let _ = sc;
        self.fc.stack.pop();
        self.pop_scope();
        self.fc.cur = (f.end_line, 1);
        if self.t.is_void(sig.ret) || sret {
            self.emit(Op::RetVoid);
        } else if self.fc.is_main {
            let z = self.imm(0);
            self.emit(Op::Ret { s: z });
        } else {
            self.emit(Op::RetMissing);
        }
        let gotos = std::mem::take(&mut self.fc.gotos);
        for (j, name, loc) in gotos {
            match self.fc.labels.get(&name).copied() {
                Some(t) => self.patch(j, t),
                None => self.error(loc, format!("use of undeclared label '{name}'")),
            }
        }
        let fc = std::mem::take(&mut self.fc);
        if let Some(init) = self.init_fc.take() {
            self.fc = init;
        }
        let func = &mut self.funcs[fi as usize];
        func.code = fc.code;
        func.locs = fc.locs;
        func.nslots = fc.max.max(nparams) + 1;
        func.locals = fc.locals;
        func.regvars = fc.regvars;
        func.scopes = fc.scopes;
        func.switches = fc.switches;
        func.line = f.loc.line;
        func.defined = true;
        func.nparams = nparams;
        func.variadic = sig.variadic;
        func.ret_sk = if self.t.is_void(sig.ret) || sret {
            None
        } else {
            Some(self.t.sk(sig.ret))
        };
        func.ty = ty;
    }

    fn global_decl(&mut self, d: &Decl, bt: Ty) {
        let ty = self.derive(bt, &d.derivs, d.loc);
        if d.storage == Storage::Typedef {
            self.declare(&d.name, Sym::Typedef(ty));
            return;
        }
        if self.t.is_func(ty) {
            let f = self.declare_func(&d.name, ty, d.loc);
            if self.in_prelude {
                self.funcs[f as usize].line = 0;
            }
            return;
        }
        let ty = self.complete_array(ty, d.init.as_ref());
        if self.t.is_err(ty) {
            return;
        }
        if d.storage != Storage::Extern && !self.complete(ty) {
            self.error(
                d.loc,
                format!(
                    "variable '{}' has incomplete type '{}'",
                    d.name,
                    self.t.name(ty)
                ),
            );
            return;
        }
        let g = self.global(&d.name, ty, d.loc);
        self.declare(&d.name, Sym::Global(g, ty));
        if let Some(init) = &d.init {
            if !self.global_defined.insert(g) {
                self.error(d.loc, format!("redefinition of '{}'", d.name));
                return;
            }
            self.at(d.loc);
            self.fc.stmt_base = self.fc.next;
            let a = self.tmp();
            self.emit(Op::AddrGlobal { d: a, g });
            self.init_mem(a, ty, init, false);
            self.fc.next = self.fc.stmt_base;
        }
    }

    /// Checks a translation unit; items at line 0 come from the prelude.
    pub(crate) fn unit(&mut self, tu: &TranslationUnit) {
        for item in &tu.items {
            self.in_prelude = match item {
                External::Func(f) => f.loc.line == 0,
                External::Decl(s) => s.loc.line == 0,
            };
            match item {
                External::Func(f) => self.function(f),
                External::Decl(s) => {
                    if let StmtKind::Decl(ds, bases) = &s.kind {
                        let bt = match bases.first() {
                            Some(b) => self.base_ty(b, s.loc),
                            None => ERR,
                        };
                        for d in ds {
                            self.global_decl(d, bt);
                        }
                    }
                }
            }
        }
        self.in_prelude = false;
    }

    /// Finishes compilation: libc stubs, main, the initialiser function.
    pub(crate) fn finish(mut self) -> Result<Program, Vec<Diagnostic>> {
        // Functions without a body: libc, or an error where used.
        let mut libc_of: HashMap<u32, LibFn> = HashMap::new();
        for fi in 1..self.funcs.len() {
            if self.funcs[fi].defined {
                continue;
            }
            let name = self.funcs[fi].name.clone();
            match LibFn::from_name(&name) {
                Some(lf) => {
                    let n = self.funcs[fi].nparams;
                    let sig = self.t.sig(self.funcs[fi].ty).cloned();
                    let info = self.calls.len() as u32;
                    let tys: Vec<Ty> = sig.as_ref().map(|s| s.params.clone()).unwrap_or_default();
                    self.calls.push(CallInfo {
                        args: tys.iter().map(|t| self.t.sk(*t)).collect(),
                        tys,
                        literal_format: false,
                    });
                    let void = sig.as_ref().is_none_or(|s| self.t.is_void(s.ret));
                    let f = &mut self.funcs[fi];
                    f.code = vec![
                        Op::Libc {
                            f: lf,
                            args: 0,
                            n,
                            d: n,
                            info,
                        },
                        if void { Op::RetVoid } else { Op::Ret { s: n } },
                    ];
                    f.locs = vec![(0, 0), (0, 0)];
                    f.nslots = n + 1;
                    f.defined = true;
                    f.line = 0;
                    f.libc = Some(lf);
                    libc_of.insert(fi as u32, lf);
                }
                None => {
                    if let Some(loc) = self.func_used.get(&(fi as u32)).copied() {
                        self.error(
                            loc,
                            format!("function '{name}' is declared but never defined"),
                        );
                    }
                }
            }
        }
        // Calls to libc go straight to the library.
        for f in &mut self.funcs {
            for op in &mut f.code {
                if let Op::Call {
                    f: callee,
                    args,
                    n,
                    d,
                    info,
                } = *op
                    && let Some(&lf) = libc_of.get(&callee)
                {
                    *op = Op::Libc {
                        f: lf,
                        args,
                        n,
                        d,
                        info,
                    };
                }
            }
        }
        let main = self.func_ids.get("main").copied();
        let mut main_params = 0;
        match main {
            Some(m) if self.funcs[m as usize].defined && self.funcs[m as usize].line != 0 => {
                main_params = self.funcs[m as usize].nparams;
                if main_params != 0 && main_params != 2 {
                    let line = self.funcs[m as usize].line;
                    self.error(
                        Loc { line, col: 1 },
                        "main must take no parameters or (int argc, char **argv)".into(),
                    );
                }
            }
            _ => {
                if self.diags.is_empty() {
                    self.error(
                        Loc { line: 1, col: 1 },
                        "the program has no 'main' function".into(),
                    );
                }
            }
        }
        if !self.diags.is_empty() {
            let mut d = self.diags;
            d.sort_by_key(|d| (d.line, d.column));
            return Err(d);
        }
        // The initialiser function.
        self.emit(Op::RetVoid);
        let fc = std::mem::take(&mut self.fc);
        let init = &mut self.funcs[0];
        init.code = fc.code;
        init.locs = fc.locs;
        init.nslots = fc.max + 1;
        let g = |name: &str| self.global_ids.get(name).copied();
        Ok(Program {
            stdin_g: g("stdin"),
            stdout_g: g("stdout"),
            stderr_g: g("stderr"),
            errno_g: g("errno"),
            funcs: self.funcs,
            globals: self.globals,
            main: main.unwrap_or(0),
            init: 0,
            main_params,
            types: self.t,
            calls: self.calls,
            warnings: self.warnings,
        })
    }
}

/// Conversions that leave canonical bits unchanged (integers are kept
/// sign- or zero-extended to 64 bits).
fn keeps_bits(f: Sk, t: Sk) -> bool {
    if !f.is_int() || !t.is_int() || t == Sk::Bool {
        return false;
    }
    let (fs, ts) = (f.size(), t.size());
    if f.is_signed() {
        (t.is_signed() && ts >= fs) || t == Sk::U64
    } else {
        ts > fs || (ts == fs && !t.is_signed())
    }
}

fn bop(op: BinOp) -> Bop {
    match op {
        BinOp::Mul => Bop::Mul,
        BinOp::Div => Bop::Div,
        BinOp::Rem => Bop::Rem,
        BinOp::Add => Bop::Add,
        BinOp::Sub => Bop::Sub,
        BinOp::Shl => Bop::Shl,
        BinOp::Shr => Bop::Shr,
        BinOp::Lt => Bop::Lt,
        BinOp::Gt => Bop::Gt,
        BinOp::Le => Bop::Le,
        BinOp::Ge => Bop::Ge,
        BinOp::Eq => Bop::Eq,
        BinOp::Ne => Bop::Ne,
        BinOp::BitAnd => Bop::And,
        BinOp::BitXor => Bop::Xor,
        BinOp::BitOr => Bop::Or,
        BinOp::And | BinOp::Or => Bop::And,
    }
}
