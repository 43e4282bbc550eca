//! The compiled program: register bytecode, one [`Function`] per C
//! function. Every value lives in a numbered slot of the current frame;
//! locals whose address is never taken are slots, the others are
//! allocations in checked memory.

use serde::Serialize;

use crate::libc::LibFn;
use crate::types::{Sk, Ty, Types};

/// Arithmetic kind of a binary operation (after the usual conversions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Ak {
    I32,
    U32,
    I64,
    U64,
    F32,
    F64,
    Ptr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Bop {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Shl,
    Shr,
    And,
    Or,
    Xor,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Op {
    Imm {
        d: u32,
        v: u64,
    },
    Mov {
        d: u32,
        s: u32,
    },
    /// Marks a slot uninitialised (a declaration without initialiser).
    Undef {
        d: u32,
        /// Index into the function's `regvars`, for reports.
        var: u32,
    },
    Bin {
        op: Bop,
        k: Ak,
        d: u32,
        a: u32,
        b: u32,
    },
    /// `Bin` with a constant right operand.
    BinI {
        op: Bop,
        k: Ak,
        d: u32,
        a: u32,
        imm: i32,
    },
    /// Compare and branch: jump to `t` when `(a op b) == sense`.
    BrCmp {
        op: Bop,
        k: Ak,
        a: u32,
        b: u32,
        t: u32,
        sense: bool,
    },
    /// Compare with a constant and branch.
    BrCmpI {
        op: Bop,
        k: Ak,
        a: u32,
        imm: i32,
        t: u32,
        sense: bool,
    },
    /// `a + imm` on a signed/unsigned kind: the common `i++`.
    AddImm {
        k: Ak,
        d: u32,
        a: u32,
        imm: i32,
    },
    Neg {
        k: Ak,
        d: u32,
        a: u32,
    },
    BitNot {
        k: Ak,
        d: u32,
        a: u32,
    },
    /// Logical not of a scalar of kind `sk`.
    Not {
        sk: Sk,
        d: u32,
        a: u32,
    },
    /// Conversion; `implicit` conversions that change a value warn.
    Cvt {
        from: Sk,
        to: Sk,
        d: u32,
        s: u32,
        implicit: bool,
    },
    /// `d = p + i * scale` (i is a 64-bit signed integer).
    PtrAdd {
        d: u32,
        p: u32,
        i: u32,
        scale: u32,
    },
    /// `d = (a - b) / scale`.
    PtrDiff {
        d: u32,
        a: u32,
        b: u32,
        scale: u32,
    },
    Load {
        sk: Sk,
        d: u32,
        a: u32,
    },
    Store {
        sk: Sk,
        a: u32,
        s: u32,
    },
    /// Address of the frame's memory-backed local.
    AddrLocal {
        d: u32,
        l: u32,
    },
    AddrGlobal {
        d: u32,
        g: u32,
    },
    AddrFunc {
        d: u32,
        f: u32,
    },
    /// Extracts a bit-field from the storage unit in `s`.
    BitGet {
        d: u32,
        s: u32,
        shift: u8,
        width: u8,
        signed: bool,
    },
    /// `d = unit` with the bit-field replaced by `v` (init follows `v`).
    BitSet {
        d: u32,
        unit: u32,
        v: u32,
        shift: u8,
        width: u8,
    },
    /// Address of a member: `d = a + off` (no bounds check until used).
    Offset {
        d: u32,
        a: u32,
        off: u32,
    },
    /// Copies `size` bytes from the address in `s` to the address in `d`.
    Copy {
        d: u32,
        s: u32,
        size: u32,
    },
    /// Zeroes `size` bytes at the address in `a`.
    Zero {
        a: u32,
        size: u32,
    },
    Jmp {
        t: u32,
    },
    JmpIf {
        sk: Sk,
        c: u32,
        t: u32,
    },
    JmpIfNot {
        sk: Sk,
        c: u32,
        t: u32,
    },
    Switch {
        s: u32,
        table: u32,
    },
    /// Calls function `f` with `n` arguments in slots `args..args+n`.
    Call {
        f: u32,
        args: u32,
        n: u32,
        d: u32,
        info: u32,
    },
    CallPtr {
        fp: u32,
        args: u32,
        n: u32,
        d: u32,
        info: u32,
    },
    Libc {
        f: LibFn,
        args: u32,
        n: u32,
        d: u32,
        info: u32,
    },
    Ret {
        s: u32,
    },
    RetVoid,
    /// Falling off the end of a non-void function: the value is missing.
    RetMissing,
    /// Allocates (or revives) a memory-backed local, uninitialised.
    DeclLocal {
        l: u32,
    },
    /// Allocates a variable-length array of `n` (slot) elements of `elem` bytes.
    DeclVla {
        l: u32,
        n: u32,
        elem: u32,
    },
    /// Ends the lifetime of the locals of a block scope.
    Leave {
        scope: u32,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct LocalInfo {
    pub name: String,
    pub size: u64,
    pub align: u64,
    pub line: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct SwitchTable {
    pub sk: Sk,
    pub cases: Vec<(i64, u32)>,
    pub default: u32,
}

/// Types of the arguments of one call site, after promotions.
#[derive(Debug, Clone, Serialize)]
pub struct CallInfo {
    pub args: Vec<Sk>,
    /// The C types, for printf checking and messages.
    pub tys: Vec<Ty>,
    /// Whether the format string (if any) is a literal.
    pub literal_format: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Function {
    pub name: String,
    pub ty: Ty,
    pub nparams: u32,
    pub nslots: u32,
    pub variadic: bool,
    pub code: Vec<Op>,
    /// Line and column of each instruction.
    pub locs: Vec<(u32, u32)>,
    pub locals: Vec<LocalInfo>,
    pub scopes: Vec<Vec<u32>>,
    pub switches: Vec<SwitchTable>,
    pub line: u32,
    pub defined: bool,
    /// Sizes of parameters passed by value as records (by index).
    pub ret_sk: Option<Sk>,
    /// Names and lines of register variables, for uninitialised-value notes.
    pub regvars: Vec<(String, u32)>,
    /// Set for the stubs that stand for library functions.
    pub libc: Option<LibFn>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GlobalInfo {
    pub name: String,
    pub size: u64,
    pub align: u64,
    pub line: u32,
    /// Literal bytes (string literals); globals start zeroed.
    pub data: Option<Vec<u8>>,
    pub readonly: bool,
}

/// A compiled program, ready to [`crate::run`].
#[derive(Debug, Clone, Serialize)]
pub struct Program {
    pub(crate) funcs: Vec<Function>,
    pub(crate) globals: Vec<GlobalInfo>,
    pub(crate) main: u32,
    /// Runs the initialisers of globals and static locals.
    pub(crate) init: u32,
    pub(crate) main_params: u32,
    pub(crate) types: Types,
    pub(crate) calls: Vec<CallInfo>,
    pub(crate) stdin_g: Option<u32>,
    pub(crate) stdout_g: Option<u32>,
    pub(crate) stderr_g: Option<u32>,
    pub(crate) errno_g: Option<u32>,
    /// Compile-time warnings (none yet are fatal).
    pub(crate) warnings: Vec<crate::report::Diagnostic>,
}

impl Program {
    /// A readable listing of the bytecode, for debugging the compiler.
    #[doc(hidden)]
    pub fn disassemble(&self) -> String {
        let mut out = String::new();
        for f in &self.funcs {
            if f.libc.is_some() || f.code.is_empty() {
                continue;
            }
            out.push_str(&format!(
                "fn {} (params {}, slots {}):\n",
                f.name, f.nparams, f.nslots
            ));
            for (i, op) in f.code.iter().enumerate() {
                let (l, c) = f.locs.get(i).copied().unwrap_or((0, 0));
                out.push_str(&format!("  {i:4} [{l}:{c}] {op:?}\n"));
            }
        }
        out
    }
}
