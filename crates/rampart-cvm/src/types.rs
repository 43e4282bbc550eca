//! C types, interned, with LP64 sizes and alignments.

use std::collections::HashMap;

use serde::Serialize;

/// An interned type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
pub struct Ty(pub u32);

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub enum TyKind {
    Void,
    Bool,
    Int {
        size: u8,
        signed: bool,
    },
    Float,
    Double,
    Ptr(Ty),
    Array(Ty, Option<u64>),
    Record(u32),
    Func(FnSig),
    /// The type of an expression that already produced a diagnostic.
    Err,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct FnSig {
    pub ret: Ty,
    pub params: Vec<Ty>,
    pub variadic: bool,
    /// `int f()`: parameters unspecified.
    pub unspecified: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub name: String,
    pub ty: Ty,
    /// Byte offset (of the storage unit, for a bit-field).
    pub offset: u64,
    /// Bit-fields: shift within the unit and width in bits.
    pub bits: Option<(u8, u8)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub name: String,
    pub is_union: bool,
    pub fields: Vec<Field>,
    pub size: u64,
    pub align: u64,
    pub complete: bool,
}

/// Scalar kinds: how a value is stored in memory and in a register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Sk {
    I8,
    U8,
    I16,
    U16,
    I32,
    U32,
    I64,
    U64,
    F32,
    F64,
    Ptr,
    Bool,
}

impl Sk {
    pub fn size(self) -> u64 {
        match self {
            Sk::I8 | Sk::U8 | Sk::Bool => 1,
            Sk::I16 | Sk::U16 => 2,
            Sk::I32 | Sk::U32 | Sk::F32 => 4,
            Sk::I64 | Sk::U64 | Sk::F64 | Sk::Ptr => 8,
        }
    }
    pub fn is_signed(self) -> bool {
        matches!(self, Sk::I8 | Sk::I16 | Sk::I32 | Sk::I64)
    }
    pub fn is_float(self) -> bool {
        matches!(self, Sk::F32 | Sk::F64)
    }
    pub fn is_int(self) -> bool {
        !self.is_float() && self != Sk::Ptr
    }
    pub fn name(self) -> &'static str {
        match self {
            Sk::I8 => "char",
            Sk::U8 => "unsigned char",
            Sk::I16 => "short",
            Sk::U16 => "unsigned short",
            Sk::I32 => "int",
            Sk::U32 => "unsigned int",
            Sk::I64 => "long",
            Sk::U64 => "unsigned long",
            Sk::F32 => "float",
            Sk::F64 => "double",
            Sk::Ptr => "pointer",
            Sk::Bool => "_Bool",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Types {
    kinds: Vec<TyKind>,
    #[serde(skip)]
    map: HashMap<TyKind, Ty>,
    pub records: Vec<Record>,
}

pub const VOID: Ty = Ty(0);
pub const BOOL: Ty = Ty(1);
pub const CHAR: Ty = Ty(2);
pub const UCHAR: Ty = Ty(3);
pub const SHORT: Ty = Ty(4);
pub const USHORT: Ty = Ty(5);
pub const INT: Ty = Ty(6);
pub const UINT: Ty = Ty(7);
pub const LONG: Ty = Ty(8);
pub const ULONG: Ty = Ty(9);
pub const FLOAT: Ty = Ty(10);
pub const DOUBLE: Ty = Ty(11);
pub const ERR: Ty = Ty(12);
pub const VOID_PTR: Ty = Ty(13);
#[allow(dead_code)]
pub const CHAR_PTR: Ty = Ty(14);

impl Default for Types {
    fn default() -> Self {
        Self::new()
    }
}

impl Types {
    pub fn new() -> Self {
        let mut t = Types {
            kinds: Vec::new(),
            map: HashMap::new(),
            records: Vec::new(),
        };
        for k in [
            TyKind::Void,
            TyKind::Bool,
            TyKind::Int {
                size: 1,
                signed: true,
            },
            TyKind::Int {
                size: 1,
                signed: false,
            },
            TyKind::Int {
                size: 2,
                signed: true,
            },
            TyKind::Int {
                size: 2,
                signed: false,
            },
            TyKind::Int {
                size: 4,
                signed: true,
            },
            TyKind::Int {
                size: 4,
                signed: false,
            },
            TyKind::Int {
                size: 8,
                signed: true,
            },
            TyKind::Int {
                size: 8,
                signed: false,
            },
            TyKind::Float,
            TyKind::Double,
            TyKind::Err,
            TyKind::Ptr(VOID),
            TyKind::Ptr(CHAR),
        ] {
            t.intern(k);
        }
        t
    }

    pub fn intern(&mut self, k: TyKind) -> Ty {
        if let Some(&t) = self.map.get(&k) {
            return t;
        }
        let t = Ty(self.kinds.len() as u32);
        self.kinds.push(k.clone());
        self.map.insert(k, t);
        t
    }

    pub fn kind(&self, t: Ty) -> &TyKind {
        self.kinds.get(t.0 as usize).unwrap_or(&TyKind::Err)
    }

    pub fn ptr(&mut self, t: Ty) -> Ty {
        self.intern(TyKind::Ptr(t))
    }
    pub fn array(&mut self, t: Ty, n: Option<u64>) -> Ty {
        self.intern(TyKind::Array(t, n))
    }
    pub fn int(size: u8, signed: bool) -> Ty {
        match (size, signed) {
            (1, true) => CHAR,
            (1, false) => UCHAR,
            (2, true) => SHORT,
            (2, false) => USHORT,
            (4, true) => INT,
            (4, false) => UINT,
            (8, true) => LONG,
            _ => ULONG,
        }
    }

    pub fn size_of(&self, t: Ty) -> u64 {
        match self.kind(t) {
            TyKind::Void => 1,
            TyKind::Bool => 1,
            TyKind::Int { size, .. } => *size as u64,
            TyKind::Float => 4,
            TyKind::Double => 8,
            TyKind::Ptr(_) => 8,
            TyKind::Array(e, n) => self.size_of(*e).saturating_mul(n.unwrap_or(0)),
            TyKind::Record(r) => self.records.get(*r as usize).map(|r| r.size).unwrap_or(0),
            TyKind::Func(_) => 1,
            TyKind::Err => 1,
        }
    }

    pub fn align_of(&self, t: Ty) -> u64 {
        match self.kind(t) {
            TyKind::Array(e, _) => self.align_of(*e),
            TyKind::Record(r) => self.records.get(*r as usize).map(|r| r.align).unwrap_or(1),
            TyKind::Void | TyKind::Func(_) | TyKind::Err => 1,
            _ => self.size_of(t).max(1),
        }
    }

    pub fn is_integer(&self, t: Ty) -> bool {
        matches!(self.kind(t), TyKind::Int { .. } | TyKind::Bool)
    }
    pub fn is_float(&self, t: Ty) -> bool {
        matches!(self.kind(t), TyKind::Float | TyKind::Double)
    }
    pub fn is_arith(&self, t: Ty) -> bool {
        self.is_integer(t) || self.is_float(t)
    }
    pub fn is_ptr(&self, t: Ty) -> bool {
        matches!(self.kind(t), TyKind::Ptr(_))
    }
    pub fn is_scalar(&self, t: Ty) -> bool {
        self.is_arith(t) || self.is_ptr(t)
    }
    pub fn is_array(&self, t: Ty) -> bool {
        matches!(self.kind(t), TyKind::Array(..))
    }
    pub fn is_record(&self, t: Ty) -> bool {
        matches!(self.kind(t), TyKind::Record(_))
    }
    pub fn is_func(&self, t: Ty) -> bool {
        matches!(self.kind(t), TyKind::Func(_))
    }
    pub fn is_void(&self, t: Ty) -> bool {
        matches!(self.kind(t), TyKind::Void)
    }
    pub fn is_err(&self, t: Ty) -> bool {
        matches!(self.kind(t), TyKind::Err)
    }
    #[allow(dead_code)]
    pub fn is_signed(&self, t: Ty) -> bool {
        matches!(self.kind(t), TyKind::Int { signed: true, .. })
    }
    pub fn pointee(&self, t: Ty) -> Option<Ty> {
        match self.kind(t) {
            TyKind::Ptr(p) => Some(*p),
            _ => None,
        }
    }
    pub fn elem(&self, t: Ty) -> Option<Ty> {
        match self.kind(t) {
            TyKind::Array(e, _) => Some(*e),
            _ => None,
        }
    }
    pub fn sig(&self, t: Ty) -> Option<&FnSig> {
        match self.kind(t) {
            TyKind::Func(s) => Some(s),
            _ => None,
        }
    }
    pub fn record(&self, t: Ty) -> Option<&Record> {
        match self.kind(t) {
            TyKind::Record(r) => self.records.get(*r as usize),
            _ => None,
        }
    }

    /// How a scalar of this type is stored.
    pub fn sk(&self, t: Ty) -> Sk {
        match self.kind(t) {
            TyKind::Bool => Sk::Bool,
            TyKind::Int {
                size: 1,
                signed: true,
            } => Sk::I8,
            TyKind::Int {
                size: 1,
                signed: false,
            } => Sk::U8,
            TyKind::Int {
                size: 2,
                signed: true,
            } => Sk::I16,
            TyKind::Int {
                size: 2,
                signed: false,
            } => Sk::U16,
            TyKind::Int {
                size: 4,
                signed: true,
            } => Sk::I32,
            TyKind::Int {
                size: 4,
                signed: false,
            } => Sk::U32,
            TyKind::Int { signed: true, .. } => Sk::I64,
            TyKind::Int { signed: false, .. } => Sk::U64,
            TyKind::Float => Sk::F32,
            TyKind::Double => Sk::F64,
            _ => Sk::Ptr,
        }
    }

    /// Integer promotion.
    pub fn promote(&self, t: Ty) -> Ty {
        match self.kind(t) {
            TyKind::Bool => INT,
            TyKind::Int { size, .. } if *size < 4 => INT,
            _ => t,
        }
    }

    /// The usual arithmetic conversions.
    pub fn common(&self, a: Ty, b: Ty) -> Ty {
        if self.is_err(a) || self.is_err(b) {
            return ERR;
        }
        if matches!(self.kind(a), TyKind::Double) || matches!(self.kind(b), TyKind::Double) {
            return DOUBLE;
        }
        if matches!(self.kind(a), TyKind::Float) || matches!(self.kind(b), TyKind::Float) {
            return FLOAT;
        }
        let a = self.promote(a);
        let b = self.promote(b);
        let (sa, ua) = match self.kind(a) {
            TyKind::Int { size, signed } => (*size, !*signed),
            _ => (4, false),
        };
        let (sb, ub) = match self.kind(b) {
            TyKind::Int { size, signed } => (*size, !*signed),
            _ => (4, false),
        };
        let size = sa.max(sb);
        let unsigned = (sa == size && ua) || (sb == size && ub);
        Types::int(size, !unsigned)
    }

    pub fn name(&self, t: Ty) -> String {
        self.name_depth(t, 0)
    }

    fn name_depth(&self, t: Ty, depth: u32) -> String {
        if depth > 16 {
            return "...".into();
        }
        match self.kind(t) {
            TyKind::Void => "void".into(),
            TyKind::Bool => "_Bool".into(),
            TyKind::Int { size, signed } => {
                let base = match size {
                    1 => "char",
                    2 => "short",
                    4 => "int",
                    _ => "long",
                };
                if *signed {
                    base.into()
                } else {
                    format!("unsigned {base}")
                }
            }
            TyKind::Float => "float".into(),
            TyKind::Double => "double".into(),
            TyKind::Ptr(p) => {
                if let TyKind::Func(s) = self.kind(*p) {
                    let ps: Vec<String> = s
                        .params
                        .iter()
                        .map(|p| self.name_depth(*p, depth + 1))
                        .collect();
                    return format!(
                        "{} (*)({})",
                        self.name_depth(s.ret, depth + 1),
                        ps.join(", ")
                    );
                }
                let inner = self.name_depth(*p, depth + 1);
                if inner.ends_with('*') {
                    format!("{inner}*")
                } else {
                    format!("{inner} *")
                }
            }
            TyKind::Array(e, n) => match n {
                Some(n) => format!("{}[{n}]", self.name_depth(*e, depth + 1)),
                None => format!("{}[]", self.name_depth(*e, depth + 1)),
            },
            TyKind::Record(r) => match self.records.get(*r as usize) {
                Some(rec) => format!(
                    "{} {}",
                    if rec.is_union { "union" } else { "struct" },
                    rec.name
                ),
                None => "struct ?".into(),
            },
            TyKind::Func(s) => {
                let ps: Vec<String> = s
                    .params
                    .iter()
                    .map(|p| self.name_depth(*p, depth + 1))
                    .collect();
                format!("{}({})", self.name_depth(s.ret, depth + 1), ps.join(", "))
            }
            TyKind::Err => "<error>".into(),
        }
    }

    /// Lays out a record's fields (C rules: each field at its alignment,
    /// size rounded up to the record's alignment).
    pub fn layout(&mut self, rec: u32, fields: Vec<(String, Ty, Option<u32>)>) {
        // Offsets in bits, so that bit-fields pack the way GCC packs them.
        let mut bit: u64 = 0;
        let mut size = 0u64;
        let mut align = 1u64;
        let is_union = self
            .records
            .get(rec as usize)
            .map(|r| r.is_union)
            .unwrap_or(false);
        let mut out = Vec::new();
        for (name, ty, width) in fields {
            let a = self.align_of(ty).max(1);
            let s = self.size_of(ty);
            match width {
                Some(w) => {
                    let unit = (s * 8).max(8);
                    let w = (w as u64).min(unit);
                    if is_union {
                        bit = 0;
                    }
                    if w == 0 {
                        bit = bit.div_ceil(unit) * unit;
                        continue;
                    }
                    if bit / unit != (bit + w - 1) / unit {
                        bit = bit.div_ceil(unit) * unit;
                    }
                    let unit_start = bit / unit * unit;
                    out.push(Field {
                        name,
                        ty,
                        offset: unit_start / 8,
                        bits: Some(((bit - unit_start) as u8, w as u8)),
                    });
                    align = align.max(a);
                    bit += w;
                    size = size.max(bit.div_ceil(8));
                    if is_union {
                        bit = 0;
                    }
                }
                None => {
                    align = align.max(a);
                    if is_union {
                        out.push(Field {
                            name,
                            ty,
                            offset: 0,
                            bits: None,
                        });
                        size = size.max(s);
                    } else {
                        let off = bit.div_ceil(8).div_ceil(a).saturating_mul(a);
                        out.push(Field {
                            name,
                            ty,
                            offset: off,
                            bits: None,
                        });
                        bit = off.saturating_add(s).saturating_mul(8);
                        size = size.max(off.saturating_add(s));
                    }
                }
            }
        }
        let size = size.div_ceil(align).saturating_mul(align);
        if let Some(r) = self.records.get_mut(rec as usize) {
            r.fields = out;
            r.size = size;
            r.align = align;
            r.complete = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_and_names() {
        let mut t = Types::new();
        t.records.push(Record {
            name: "s".into(),
            is_union: false,
            fields: vec![],
            size: 0,
            align: 1,
            complete: false,
        });
        t.layout(
            0,
            vec![
                ("c".into(), CHAR, None),
                ("x".into(), LONG, None),
                ("d".into(), SHORT, None),
            ],
        );
        let r = &t.records[0];
        assert_eq!((r.size, r.align), (24, 8));
        assert_eq!(r.fields[1].offset, 8);
        let p = t.ptr(CHAR);
        let pp = t.ptr(p);
        assert_eq!(t.name(pp), "char **");
        assert_eq!(t.common(CHAR, UINT), UINT);
        assert_eq!(t.common(INT, LONG), LONG);
        assert_eq!(t.common(UINT, LONG), LONG);
        assert_eq!(t.common(ULONG, LONG), ULONG);
    }
}
