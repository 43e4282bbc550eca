//! The C library, in Rust, over checked memory: every function checks its
//! buffers exactly (reporting overruns at the call, with both buffers),
//! and printf and scanf check their formats against the argument types
//! the compiler recorded.

use serde::Serialize;

use crate::interp::{Stop, Vm};
use crate::memory::{Kind, MemErr, State, Val};
use crate::report::{ErrorClass, Note};
use crate::types::{Sk, TyKind};

macro_rules! libfns {
    ($($v:ident = $s:literal),* $(,)?) => {
        /// A library function implemented by the interpreter.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        pub enum LibFn { $($v),* }
        impl LibFn {
            pub fn from_name(n: &str) -> Option<LibFn> {
                match n { $($s => Some(LibFn::$v),)* _ => None }
            }
            pub fn name(self) -> &'static str {
                match self { $(LibFn::$v => $s),* }
            }
        }
    };
}

libfns! {
    Malloc = "malloc", Calloc = "calloc", Realloc = "realloc", Free = "free",
    Memcpy = "memcpy", Memmove = "memmove", Memset = "memset", Memcmp = "memcmp", Memchr = "memchr",
    Strlen = "strlen", Strnlen = "strnlen", Strcpy = "strcpy", Strncpy = "strncpy", Strcat = "strcat",
    Strncat = "strncat", Strcmp = "strcmp", Strncmp = "strncmp", Strcasecmp = "strcasecmp",
    Strncasecmp = "strncasecmp", Strchr = "strchr", Strrchr = "strrchr", Strstr = "strstr",
    Strdup = "strdup", Strndup = "strndup", Strtok = "strtok", Strspn = "strspn", Strcspn = "strcspn",
    Strpbrk = "strpbrk", Strerror = "strerror",
    Printf = "printf", Fprintf = "fprintf", Sprintf = "sprintf", Snprintf = "snprintf",
    Puts = "puts", Fputs = "fputs", Putchar = "putchar", Fputc = "fputc", Putc = "putc",
    Getchar = "getchar", Fgetc = "fgetc", Getc = "getc", Ungetc = "ungetc", Fgets = "fgets", Gets = "gets",
    Scanf = "scanf", Sscanf = "sscanf", Fflush = "fflush", Perror = "perror",
    Atoi = "atoi", Atol = "atol", Atoll = "atoll", Atof = "atof", Strtol = "strtol", Strtoll = "strtoll",
    Strtoul = "strtoul", Strtoull = "strtoull", Strtod = "strtod",
    Abs = "abs", Labs = "labs", Llabs = "llabs",
    Isalpha = "isalpha", Isdigit = "isdigit", Isspace = "isspace", Isalnum = "isalnum", Isupper = "isupper",
    Islower = "islower", Isprint = "isprint", Ispunct = "ispunct", Isxdigit = "isxdigit", Iscntrl = "iscntrl",
    Isgraph = "isgraph", Toupper = "toupper", Tolower = "tolower",
    Exit = "exit", Abort = "abort", Rand = "rand", Srand = "srand", Qsort = "qsort", Bsearch = "bsearch",
    Sqrt = "sqrt", Pow = "pow", Fabs = "fabs", Floor = "floor", Ceil = "ceil", Round = "round", Fmod = "fmod",
    Log = "log", Log2 = "log2", Log10 = "log10", Exp = "exp", Sin = "sin", Cos = "cos", Tan = "tan",
    Atan = "atan", Atan2 = "atan2", Hypot = "hypot", Trunc = "trunc", Isnan = "isnan", Isinf = "isinf",
    Fwrite = "fwrite", Fread = "fread", Vprintf = "vprintf", Vfprintf = "vfprintf", Vsprintf = "vsprintf",
    Vsnprintf = "vsnprintf", Div = "div", Ldiv = "ldiv",
    AssertFail = "__rampart_assert_fail", VaStart = "__rampart_va_start", VaArg = "__rampart_va_arg",
}

fn ptr_val(vm: &Vm, id: u32, off: u64) -> Val {
    vm.mem.ptr(id, off)
}

/// Reads the NUL-terminated string at `p`; returns (id, offset, length).
fn cstr(vm: &Vm, p: Val, what: &str) -> Result<(u32, usize, usize), Stop> {
    if !p.init {
        return Err(vm.uninit(&format!("the string pointer passed to {what}")));
    }
    let (id, off) = vm
        .mem
        .resolve(p, 1)
        .map_err(|e| vm.mem_error(e, p, 1, false, &format!("{what} reads the string")))?;
    let (data, init) = vm.mem.tail(id, off);
    match data.iter().position(|&b| b == 0) {
        Some(n) => {
            if let Some(i) = init[..=n].iter().position(|&x| x == 0) {
                return Err(vm.report(
                    ErrorClass::UseOfUninitializedValue,
                    format!("{what} reads an uninitialised byte at offset {} of {} (the string was never fully written)", off + i, article(vm, id)),
                    vm.alloc_notes(id),
                ));
            }
            Ok((id, off, n))
        }
        None => {
            if let Some(i) = init.iter().position(|&x| x == 0) {
                return Err(vm.report(
                    ErrorClass::UseOfUninitializedValue,
                    format!("{what} reads an uninitialised byte at offset {} of {} (the string was never fully written)", off + i, article(vm, id)),
                    vm.alloc_notes(id),
                ));
            }
            let size = vm.mem.allocs.get(id as usize).map(|a| a.size).unwrap_or(0);
            let e = MemErr::Oob {
                id,
                off: size as i64,
            };
            let q = ptr_val(vm, id, size);
            Err(vm.mem_error(
                e,
                q,
                1,
                false,
                &format!("{what} finds no terminating NUL and reads 1 byte"),
            ))
        }
    }
}

fn article(vm: &Vm, id: u32) -> String {
    crate::interp::a_an(&vm.describe(id))
}

fn cstr_bytes(vm: &Vm, p: Val, what: &str) -> Result<Vec<u8>, Stop> {
    let (id, off, n) = cstr(vm, p, what)?;
    Ok(vm.mem.slice(id, off, n).0.to_vec())
}

/// Reads at most `max` bytes of a string (for strncpy, %.*s, strndup).
fn cstr_max(vm: &Vm, p: Val, max: u64, what: &str) -> Result<Vec<u8>, Stop> {
    if max == 0 {
        return Ok(vec![]);
    }
    if !p.init {
        return Err(vm.uninit(&format!("the string pointer passed to {what}")));
    }
    let (id, off) = vm
        .mem
        .resolve(p, 1)
        .map_err(|e| vm.mem_error(e, p, 1, false, &format!("{what} reads the string")))?;
    let (data, init) = vm.mem.tail(id, off);
    let lim = (max.min(usize::MAX as u64) as usize).min(data.len());
    let n = data[..lim].iter().position(|&b| b == 0).unwrap_or(lim);
    let need = if n < lim { n + 1 } else { n };
    if let Some(i) = init[..need].iter().position(|&x| x == 0) {
        return Err(vm.report(
            ErrorClass::UseOfUninitializedValue,
            format!(
                "{what} reads an uninitialised byte at offset {} of {}",
                off + i,
                article(vm, id)
            ),
            vm.alloc_notes(id),
        ));
    }
    if n == lim && (lim as u64) < max {
        let size = vm.mem.allocs.get(id as usize).map(|a| a.size).unwrap_or(0);
        let q = ptr_val(vm, id, size);
        return Err(vm.mem_error(
            MemErr::Oob {
                id,
                off: size as i64,
            },
            q,
            1,
            false,
            &format!("{what} finds no terminating NUL and reads 1 byte"),
        ));
    }
    Ok(data[..n].to_vec())
}

/// Writes `bytes` at `p`, checking the whole range first; `src` (if any)
/// is noted in the report.
fn write_out(
    vm: &mut Vm,
    p: Val,
    bytes: &[u8],
    what: &str,
    src_note: Option<Note>,
) -> Result<(), Stop> {
    let n = bytes.len() as u64;
    match vm.range(p, n, true, what) {
        Ok((id, off)) => {
            vm.mem.write_bytes(id, off, bytes);
            Ok(())
        }
        Err(Stop::Error(mut r)) => {
            if let Some(n) = src_note {
                r.notes.push(n);
            }
            Err(Stop::Error(r))
        }
        Err(e) => Err(e),
    }
}

fn src_note(vm: &Vm, p: Val, len: usize) -> Option<Note> {
    let id = if p.prov != 0 {
        p.prov
    } else {
        vm.mem.lookup(p.bits)
    };
    let line = vm
        .mem
        .allocs
        .get(id as usize)
        .map(|a| a.site.line)
        .unwrap_or(0);
    Some(Note {
        message: format!(
            "the source is {} in {}",
            crate::interp::a_an(&format!("{len}-character string")),
            article(vm, id)
        ),
        line,
    })
}

fn overlap(vm: &Vm, a: Val, b: Val, n: u64, what: &str) -> Result<(), Stop> {
    if n == 0 || a.prov != b.prov {
        return Ok(());
    }
    let (x, y) = (a.bits, b.bits);
    if x < y.saturating_add(n) && y < x.saturating_add(n) {
        return Err(vm.report(
            ErrorClass::ParamOverlap,
            format!("{what}: the source and destination overlap ({n} bytes at offsets {} and {} of the same object); use memmove", x.wrapping_sub(vm.mem.addr_of(a.prov)), y.wrapping_sub(vm.mem.addr_of(b.prov))),
            vm.alloc_notes(a.prov),
        ));
    }
    Ok(())
}

fn file_index(vm: &Vm, f: Val) -> Result<usize, Stop> {
    if !f.init {
        return Err(vm.uninit("the FILE pointer"));
    }
    if f.bits == 0 {
        return Err(vm.report(
            ErrorClass::NullDereference,
            "use of a NULL FILE pointer".into(),
            vec![],
        ));
    }
    let id = if f.prov != 0 {
        f.prov
    } else {
        vm.mem.lookup(f.bits)
    };
    match vm.files.iter().position(|&x| x == id) {
        Some(i) => Ok(i),
        None => Err(vm.report(
            ErrorClass::InvalidPointer,
            "this FILE pointer is not stdin, stdout or stderr (files are not available)".into(),
            vec![],
        )),
    }
}

fn read_byte(vm: &mut Vm) -> Option<u8> {
    if let Some(b) = vm.ungot.take() {
        return Some(b);
    }
    let b = vm.stdin.get(vm.stdin_pos).copied();
    if b.is_some() {
        vm.stdin_pos += 1;
    }
    b
}

fn set_errno(vm: &mut Vm, v: i32) {
    if let Some(g) = vm.prog.errno_g
        && let Some(&id) = vm.globals.get(g as usize)
    {
        let p = vm.mem.ptr(id, 0);
        let _ = vm.mem.store(p, Val::int(v as i64 as u64), Sk::I32);
    }
}

fn int(v: i64) -> Val {
    Val::int(v as u64)
}

fn i32v(v: Val) -> i32 {
    v.bits as i32
}

/// glibc's `random()` (TYPE_3), so `rand()` gives the same numbers.
fn rand_seed(vm: &mut Vm, seed: u32) {
    let seed = if seed == 0 { 1 } else { seed };
    let mut r = vec![0i64; 34];
    r[0] = seed as i32 as i64;
    for i in 1..31 {
        let hi = r[i - 1] / 127773;
        let lo = r[i - 1] % 127773;
        let mut w = 16807 * lo - 2836 * hi;
        if w < 0 {
            w += 2147483647;
        }
        r[i] = w;
    }
    for i in 31..34 {
        r[i] = r[i - 31];
    }
    vm.rand_tbl = r.iter().map(|&x| x as u32).collect();
    vm.rand_pos = 0;
    for _ in 34..344 {
        rand_next(vm);
    }
}

fn rand_next(vm: &mut Vm) -> u32 {
    if vm.rand_tbl.len() != 34 {
        rand_seed(vm, 1);
    }
    // Ring of the last 34 values: r[i] = r[i-31] + r[i-3].
    let n = vm.rand_tbl.len();
    let i = vm.rand_pos;
    let v = vm.rand_tbl[(i + n - 31 + 34) % n].wrapping_add(vm.rand_tbl[(i + n - 3 + 34) % n]);
    vm.rand_tbl[i % n] = v;
    vm.rand_pos = (i + 1) % n;
    v >> 1
}

fn parse_int(s: &[u8], base: u32) -> (i128, usize, bool) {
    // Returns value, bytes consumed, overflowed-u64.
    let mut i = 0;
    while i < s.len() && (s[i] as char).is_ascii_whitespace() {
        i += 1;
    }
    let mut neg = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        neg = s[i] == b'-';
        i += 1;
    }
    let mut base = base;
    if (base == 0 || base == 16)
        && i + 1 < s.len()
        && s[i] == b'0'
        && (s[i + 1] | 0x20) == b'x'
        && s.get(i + 2)
            .is_some_and(|c| (*c as char).is_ascii_hexdigit())
    {
        i += 2;
        base = 16;
    } else if base == 0 && i < s.len() && s[i] == b'0' {
        base = 8;
    } else if base == 0 {
        base = 10;
    }
    let start = i;
    let mut v: i128 = 0;
    let mut over = false;
    while i < s.len() {
        let Some(d) = (s[i] as char).to_digit(36) else {
            break;
        };
        if d >= base {
            break;
        }
        v = v * base as i128 + d as i128;
        if v > u64::MAX as i128 {
            over = true;
            v = u64::MAX as i128 + 1;
        }
        i += 1;
    }
    if i == start {
        return (0, 0, false);
    }
    (if neg { -v } else { v }, i, over)
}

fn parse_float(s: &[u8]) -> (f64, usize) {
    let mut i = 0;
    while i < s.len() && (s[i] as char).is_ascii_whitespace() {
        i += 1;
    }
    let start = i;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        i += 1;
    }
    let lower: Vec<u8> = s[i..s.len().min(i + 8)]
        .iter()
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if lower.starts_with(b"inf") || lower.starts_with(b"nan") {
        let neg = s[start] == b'-';
        let n = if lower.starts_with(b"infinity") { 8 } else { 3 };
        let v = if lower.starts_with(b"inf") {
            f64::INFINITY
        } else {
            f64::NAN
        };
        return (if neg { -v } else { v }, i + n);
    }
    let mut digits = 0;
    while i < s.len() && s[i].is_ascii_digit() {
        i += 1;
        digits += 1;
    }
    if i < s.len() && s[i] == b'.' {
        i += 1;
        while i < s.len() && s[i].is_ascii_digit() {
            i += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        return (0.0, 0);
    }
    if i < s.len() && (s[i] | 0x20) == b'e' {
        let mut j = i + 1;
        if j < s.len() && (s[j] == b'+' || s[j] == b'-') {
            j += 1;
        }
        if j < s.len() && s[j].is_ascii_digit() {
            while j < s.len() && s[j].is_ascii_digit() {
                j += 1;
            }
            i = j;
        }
    }
    let text = String::from_utf8_lossy(&s[start..i]);
    (text.parse::<f64>().unwrap_or(0.0), i)
}

// ---------------------------------------------------------------- printf

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Len {
    None,
    Hh,
    H,
    L,
    Ll,
    Big,
}

struct Spec {
    minus: bool,
    plus: bool,
    space: bool,
    hash: bool,
    zero: bool,
    width: Option<usize>,
    prec: Option<usize>,
    len: Len,
    conv: u8,
}

fn pad(out: &mut Vec<u8>, s: &Spec, body: &[u8], prefix: &[u8], zero_ok: bool) {
    let len = body.len() + prefix.len();
    let w = s.width.unwrap_or(0);
    if len >= w {
        out.extend_from_slice(prefix);
        out.extend_from_slice(body);
    } else if s.minus {
        out.extend_from_slice(prefix);
        out.extend_from_slice(body);
        out.extend(std::iter::repeat_n(b' ', w - len));
    } else if s.zero && zero_ok {
        out.extend_from_slice(prefix);
        out.extend(std::iter::repeat_n(b'0', w - len));
        out.extend_from_slice(body);
    } else {
        out.extend(std::iter::repeat_n(b' ', w - len));
        out.extend_from_slice(prefix);
        out.extend_from_slice(body);
    }
}

fn fmt_exp(x: f64, prec: usize, upper: bool) -> String {
    let s = format!("{:.*e}", prec, x);
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    let r = format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    if upper { r.to_uppercase() } else { r }
}

fn fmt_float(x: f64, s: &Spec) -> (Vec<u8>, Vec<u8>) {
    let upper = s.conv.is_ascii_uppercase();
    let sign: &[u8] = if x.is_sign_negative() && !x.is_nan() {
        b"-"
    } else if s.plus {
        b"+"
    } else if s.space {
        b" "
    } else {
        b""
    };
    let a = x.abs();
    if !a.is_finite() {
        let t = if a.is_nan() { "nan" } else { "inf" };
        let t = if upper {
            t.to_uppercase()
        } else {
            t.to_string()
        };
        return (sign.to_vec(), t.into_bytes());
    }
    let p = s.prec.unwrap_or(6);
    let body = match s.conv.to_ascii_lowercase() {
        b'f' => {
            let mut t = format!("{:.*}", p, a);
            if s.hash && p == 0 {
                t.push('.');
            }
            t
        }
        b'e' => fmt_exp(a, p, upper),
        b'a' => fmt_exp(a, p.min(13), upper),
        _ => {
            let p = if p == 0 { 1 } else { p };
            let e = fmt_exp(a, p - 1, false);
            let exp: i32 = e
                .split_once('e')
                .and_then(|(_, x)| x.parse().ok())
                .unwrap_or(0);
            let mut t = if exp < -4 || exp >= p as i32 {
                fmt_exp(a, p - 1, upper)
            } else {
                format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, a)
            };
            if !s.hash {
                let (m, rest) = match t.find(['e', 'E']) {
                    Some(i) => (t[..i].to_string(), t[i..].to_string()),
                    None => (t.clone(), String::new()),
                };
                let m = if m.contains('.') {
                    m.trim_end_matches('0').trim_end_matches('.').to_string()
                } else {
                    m
                };
                t = m + &rest;
            }
            t
        }
    };
    (sign.to_vec(), body.into_bytes())
}

/// Formats printf-style output. `args` are absolute slots; `first` is the
/// index (in the call's argument list) of the first variadic argument.
fn format(
    vm: &mut Vm,
    fname: &str,
    fmt: Val,
    args: usize,
    first: usize,
    n: u32,
    info: u32,
) -> Result<Vec<u8>, Stop> {
    format_src(vm, fname, fmt, args, first, n, info, None)
}

/// Loads variadic argument `k` (0-based) from a `va_list`.
fn va_fetch(vm: &Vm, va: Val, k: usize, sk: Sk) -> Result<Val, Stop> {
    let p = Val {
        bits: va.bits.wrapping_add(k as u64 * 8),
        ..va
    };
    vm.load(p, sk)
}

#[allow(clippy::too_many_arguments)]
fn format_src(
    vm: &mut Vm,
    fname: &str,
    fmt: Val,
    args: usize,
    first: usize,
    n: u32,
    info: u32,
    va: Option<Val>,
) -> Result<Vec<u8>, Stop> {
    let f = cstr_bytes(vm, fmt, fname)?;
    let n = if va.is_some() { u32::MAX } else { n };
    let prog = vm.prog;
    let ci = prog.calls.get(info as usize);
    let mut out = Vec::new();
    let mut ai = first;
    let mut i = 0;
    let nargs = n as usize;
    let literal = ci.is_some_and(|c| c.literal_format);
    let ty_name = |idx: usize| -> String {
        ci.and_then(|c| c.tys.get(idx))
            .map(|t| prog.types.name(*t))
            .unwrap_or_else(|| "?".into())
    };
    while i < f.len() {
        let c = f[i];
        i += 1;
        if c != b'%' {
            out.push(c);
            continue;
        }
        let start = i - 1;
        let mut s = Spec {
            minus: false,
            plus: false,
            space: false,
            hash: false,
            zero: false,
            width: None,
            prec: None,
            len: Len::None,
            conv: 0,
        };
        while i < f.len() {
            match f[i] {
                b'-' => s.minus = true,
                b'+' => s.plus = true,
                b' ' => s.space = true,
                b'#' => s.hash = true,
                b'0' => s.zero = true,
                b'\'' => {}
                _ => break,
            }
            i += 1;
        }
        let take_int = |vm: &Vm, ai: &mut usize| -> Result<i64, Stop> {
            if *ai >= nargs {
                return Err(vm.report(ErrorClass::FormatString, format!("{fname}: '*' in the format needs an int argument, but there are not enough arguments"), vec![]));
            }
            let v = match va {
                Some(va) => va_fetch(vm, va, *ai - first, Sk::I32)?,
                None => vm.regs[args + *ai],
            };
            if !v.init {
                return Err(vm.uninit(&format!(
                    "{fname}: the width or precision argument {}",
                    *ai + 1
                )));
            }
            *ai += 1;
            Ok(v.bits as i32 as i64)
        };
        if i < f.len() && f[i] == b'*' {
            i += 1;
            let w = take_int(vm, &mut ai)?;
            if w < 0 {
                s.minus = true;
            }
            s.width = Some(w.unsigned_abs().min(1 << 20) as usize);
        } else {
            let mut w = 0usize;
            let mut any = false;
            while i < f.len() && f[i].is_ascii_digit() {
                w = (w * 10 + (f[i] - b'0') as usize).min(1 << 20);
                i += 1;
                any = true;
            }
            if any {
                s.width = Some(w);
            }
        }
        if i < f.len() && f[i] == b'.' {
            i += 1;
            if i < f.len() && f[i] == b'*' {
                i += 1;
                let p = take_int(vm, &mut ai)?;
                s.prec = if p < 0 {
                    None
                } else {
                    Some(p.min(1 << 20) as usize)
                };
            } else {
                let mut p = 0usize;
                while i < f.len() && f[i].is_ascii_digit() {
                    p = (p * 10 + (f[i] - b'0') as usize).min(1 << 20);
                    i += 1;
                }
                s.prec = Some(p);
            }
        }
        while i < f.len() {
            match f[i] {
                b'h' => s.len = if s.len == Len::H { Len::Hh } else { Len::H },
                b'l' => s.len = if s.len == Len::L { Len::Ll } else { Len::L },
                b'z' | b'j' | b't' | b'q' => s.len = Len::Ll,
                b'L' => s.len = Len::Big,
                _ => break,
            }
            i += 1;
        }
        let Some(&conv) = f.get(i) else {
            return Err(vm.report(
                ErrorClass::FormatString,
                format!(
                    "{fname}: the format string ends in the middle of a conversion ('{}')",
                    String::from_utf8_lossy(&f[start..])
                ),
                vec![],
            ));
        };
        i += 1;
        s.conv = conv;
        let spec_text = String::from_utf8_lossy(&f[start..i]).to_string();
        if conv == b'%' {
            out.push(b'%');
            continue;
        }
        if conv == b'n' {
            return Err(vm.report(
                ErrorClass::FormatString,
                format!("{fname}: the format contains '%n', which writes to memory through an argument (the core of format-string attacks){}", if literal { "" } else { "; never pass user input as the format" }),
                vec![],
            ));
        }
        let expect = match conv {
            b'd' | b'i' | b'u' | b'x' | b'X' | b'o' | b'c' => {
                if matches!(s.len, Len::L | Len::Ll) && conv != b'c' {
                    "long"
                } else {
                    "int"
                }
            }
            b'f' | b'F' | b'e' | b'E' | b'g' | b'G' | b'a' | b'A' => "double",
            b's' | b'p' => "pointer",
            _ => {
                return Err(vm.report(
                    ErrorClass::FormatString,
                    format!("{fname}: unknown conversion '{spec_text}' in the format"),
                    vec![],
                ));
            }
        };
        if ai >= nargs {
            let msg = if literal {
                let k = nargs.saturating_sub(first);
                format!(
                    "{fname}: '{spec_text}' needs an argument, but the call passes only {k} argument{} after the format",
                    if k == 1 { "" } else { "s" }
                )
            } else {
                format!(
                    "{fname}: the format string contains '{spec_text}' but no argument was passed for it: never pass user input as the format (use {fname}(\"%s\", ...))"
                )
            };
            return Err(vm.report(ErrorClass::FormatString, msg, vec![]));
        }
        let (v, sk) = match va {
            Some(va) => {
                let sk = match expect {
                    "double" => Sk::F64,
                    "pointer" => Sk::Ptr,
                    "long" => Sk::I64,
                    _ => Sk::I32,
                };
                (
                    va_fetch(vm, va, ai - first, if sk == Sk::I32 { Sk::I64 } else { sk })?,
                    sk,
                )
            }
            None => (
                vm.regs[args + ai],
                ci.and_then(|c| c.args.get(ai)).copied().unwrap_or(Sk::I32),
            ),
        };
        let ok = match expect {
            "int" => matches!(sk, Sk::I32 | Sk::U32),
            "long" => matches!(sk, Sk::I64 | Sk::U64),
            "double" => sk == Sk::F64,
            _ => sk == Sk::Ptr,
        };
        let argno = ai + 1;
        if !ok {
            let want = match (expect, conv) {
                ("pointer", b's') => "'char *'".to_string(),
                ("pointer", _) => "a pointer".to_string(),
                ("long", _) => "'long'".to_string(),
                (e, _) => format!("'{e}'"),
            };
            return Err(vm.report(ErrorClass::FormatString, format!("{fname}: format '{spec_text}' expects {want}, but argument {argno} has type '{}'", ty_name(ai)), vec![]));
        }
        if conv == b's'
            && va.is_none()
            && let Some(TyKind::Ptr(p)) = ci
                .and_then(|c| c.tys.get(ai))
                .map(|t| prog.types.kind(*t).clone())
            && prog.types.size_of(p) != 1
            && !prog.types.is_void(p)
        {
            return Err(vm.report(ErrorClass::FormatString, format!("{fname}: format '{spec_text}' expects 'char *', but argument {argno} has type '{}'", ty_name(ai)), vec![]));
        }
        if !v.init {
            return Err(vm.report(
                ErrorClass::UseOfUninitializedValue,
                format!("{fname}: argument {argno} (printed with '{spec_text}') is uninitialised"),
                vm.origin_notes(v),
            ));
        }
        ai += 1;
        match conv {
            b'd' | b'i' => {
                let x: i64 = match s.len {
                    Len::Hh => v.bits as i8 as i64,
                    Len::H => v.bits as i16 as i64,
                    Len::L | Len::Ll => v.bits as i64,
                    _ => v.bits as i32 as i64,
                };
                let mut digits = x.unsigned_abs().to_string().into_bytes();
                if let Some(p) = s.prec {
                    if p == 0 && x == 0 {
                        digits.clear();
                    }
                    while digits.len() < p {
                        digits.insert(0, b'0');
                    }
                }
                let sign: &[u8] = if x < 0 {
                    b"-"
                } else if s.plus {
                    b"+"
                } else if s.space {
                    b" "
                } else {
                    b""
                };
                pad(&mut out, &s, &digits, sign, s.prec.is_none());
            }
            b'u' | b'x' | b'X' | b'o' => {
                let x: u64 = match s.len {
                    Len::Hh => v.bits as u8 as u64,
                    Len::H => v.bits as u16 as u64,
                    Len::L | Len::Ll => v.bits,
                    _ => v.bits as u32 as u64,
                };
                let mut digits = match conv {
                    b'u' => x.to_string(),
                    b'x' => format!("{x:x}"),
                    b'X' => format!("{x:X}"),
                    _ => format!("{x:o}"),
                }
                .into_bytes();
                if let Some(p) = s.prec {
                    if p == 0 && x == 0 {
                        digits.clear();
                    }
                    while digits.len() < p {
                        digits.insert(0, b'0');
                    }
                }
                let prefix: &[u8] = match conv {
                    b'x' if s.hash && x != 0 => b"0x",
                    b'X' if s.hash && x != 0 => b"0X",
                    _ => b"",
                };
                if conv == b'o' && s.hash && digits.first() != Some(&b'0') {
                    digits.insert(0, b'0');
                }
                pad(&mut out, &s, &digits, prefix, s.prec.is_none());
            }
            b'c' => pad(&mut out, &s, &[v.bits as u8], b"", false),
            b's' => {
                if v.bits == 0 {
                    return Err(vm.report(ErrorClass::NullDereference, format!("{fname}: the string for '{spec_text}' (argument {argno}) is a NULL pointer"), vec![]));
                }
                let bytes = match s.prec {
                    Some(p) => cstr_max(vm, v, p as u64, fname)?,
                    None => cstr_bytes(vm, v, fname)?,
                };
                pad(&mut out, &s, &bytes, b"", false);
            }
            b'p' => {
                let body = if v.bits == 0 {
                    b"(nil)".to_vec()
                } else {
                    format!("0x{:x}", v.bits).into_bytes()
                };
                pad(&mut out, &s, &body, b"", false);
            }
            _ => {
                let x = f64::from_bits(v.bits);
                let (sign, body) = fmt_float(x, &s);
                pad(&mut out, &s, &body, &sign, x.is_finite());
            }
        }
        if out.len() > vm.limits.output.saturating_add(1024) {
            break;
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- scanf

#[allow(clippy::too_many_arguments)] // scanf's state: source, cursor, format, arguments and limits
fn scan(
    vm: &mut Vm,
    fname: &str,
    input: &mut Vec<u8>,
    pos: &mut usize,
    fmt: Val,
    args: usize,
    first: usize,
    n: u32,
    info: u32,
) -> Result<i64, Stop> {
    let f = cstr_bytes(vm, fmt, fname)?;
    let prog = vm.prog;
    let ci = prog.calls.get(info as usize);
    let mut ai = first;
    let mut assigned = 0i64;
    let mut i = 0;
    let at_eof = |pos: &usize, input: &Vec<u8>| *pos >= input.len();
    let skip_ws = |pos: &mut usize, input: &Vec<u8>| {
        while *pos < input.len() && input[*pos].is_ascii_whitespace() {
            *pos += 1;
        }
    };
    while i < f.len() {
        let c = f[i];
        i += 1;
        if c.is_ascii_whitespace() {
            skip_ws(pos, input);
            continue;
        }
        if c != b'%' {
            if *pos < input.len() && input[*pos] == c {
                *pos += 1;
                continue;
            }
            break;
        }
        let start = i - 1;
        let suppress = f.get(i) == Some(&b'*');
        if suppress {
            i += 1;
        }
        let mut width: Option<usize> = None;
        while i < f.len() && f[i].is_ascii_digit() {
            width = Some(
                (width
                    .unwrap_or(0)
                    .saturating_mul(10)
                    .saturating_add((f[i] - b'0') as usize))
                .min(1 << 30),
            );
            i += 1;
        }
        let mut len = Len::None;
        while i < f.len() {
            match f[i] {
                b'h' => len = if len == Len::H { Len::Hh } else { Len::H },
                b'l' => len = if len == Len::L { Len::Ll } else { Len::L },
                b'z' | b'j' | b't' | b'q' => len = Len::Ll,
                b'L' => len = Len::Big,
                _ => break,
            }
            i += 1;
        }
        let Some(&conv) = f.get(i) else { break };
        i += 1;
        let spec_text = String::from_utf8_lossy(&f[start..i.min(f.len())]).to_string();
        if conv == b'%' {
            skip_ws(pos, input);
            if *pos < input.len() && input[*pos] == b'%' {
                *pos += 1;
                continue;
            }
            break;
        }
        let mut set: Vec<u8> = Vec::new();
        let mut negate = false;
        if conv == b'[' {
            if f.get(i) == Some(&b'^') {
                negate = true;
                i += 1;
            }
            if f.get(i) == Some(&b']') {
                set.push(b']');
                i += 1;
            }
            while i < f.len() && f[i] != b']' {
                if f[i] == b'-' && !set.is_empty() && i + 1 < f.len() && f[i + 1] != b']' {
                    let lo = *set.last().unwrap_or(&0);
                    for ch in lo..=f[i + 1] {
                        set.push(ch);
                    }
                    i += 2;
                    continue;
                }
                set.push(f[i]);
                i += 1;
            }
            i += 1;
        }
        // The destination.
        let mut dest = Val::int(0);
        let mut pointee_size = 0u64;
        if !suppress {
            if ai >= n as usize {
                return Err(vm.report(ErrorClass::FormatString, format!("{fname}: the format needs a pointer argument for '{spec_text}', but there are not enough arguments"), vec![]));
            }
            dest = vm.regs[args + ai];
            let ty = ci.and_then(|c| c.tys.get(ai)).copied();
            let pointee = ty.and_then(|t| prog.types.pointee(t));
            let Some(pt) = pointee else {
                return Err(vm.report(
                    ErrorClass::FormatString,
                    format!("{fname}: '{spec_text}' needs a pointer, but argument {} has type '{}' (did you forget '&'?)", ai + 1, ty.map(|t| prog.types.name(t)).unwrap_or_default()),
                    vec![],
                ));
            };
            pointee_size = prog.types.size_of(pt);
            let want: Option<(u64, bool)> = match conv {
                b'd' | b'i' | b'u' | b'x' | b'X' | b'o' | b'n' => Some((
                    match len {
                        Len::Hh => 1,
                        Len::H => 2,
                        Len::L | Len::Ll => 8,
                        _ => 4,
                    },
                    false,
                )),
                b'f' | b'e' | b'g' | b'E' | b'G' | b'a' => Some((
                    if matches!(len, Len::L | Len::Big) {
                        8
                    } else {
                        4
                    },
                    true,
                )),
                b's' | b'c' | b'[' => Some((1, false)),
                _ => {
                    return Err(vm.report(
                        ErrorClass::FormatString,
                        format!("{fname}: unknown conversion '{spec_text}'"),
                        vec![],
                    ));
                }
            };
            if let Some((sz, fl)) = want
                && (pointee_size != sz || prog.types.is_float(pt) != fl)
                && !prog.types.is_void(pt)
            {
                return Err(vm.report(
                    ErrorClass::FormatString,
                    format!(
                        "{fname}: format '{spec_text}' does not match argument {} of type '{}'",
                        ai + 1,
                        prog.types.name(ty.unwrap_or(crate::types::VOID_PTR))
                    ),
                    vec![],
                ));
            }
            if !dest.init {
                return Err(vm.uninit(&format!("{fname}: the pointer for '{spec_text}'")));
            }
            ai += 1;
        }
        match conv {
            b'd' | b'i' | b'u' | b'x' | b'X' | b'o' => {
                skip_ws(pos, input);
                if at_eof(pos, input) {
                    if assigned == 0 {
                        return Ok(-1);
                    }
                    break;
                }
                let w = width.unwrap_or(usize::MAX);
                let end = input.len().min(pos.saturating_add(w));
                let base = match conv {
                    b'x' | b'X' => 16,
                    b'o' => 8,
                    b'i' => 0,
                    _ => 10,
                };
                let (v, used, _) = parse_int(&input[*pos..end], base);
                if used == 0 {
                    break;
                }
                *pos += used;
                if !suppress {
                    let sk = match pointee_size {
                        1 => Sk::I8,
                        2 => Sk::I16,
                        8 => Sk::I64,
                        _ => Sk::I32,
                    };
                    vm.store(dest, Val::int(v as i64 as u64), sk)?;
                    assigned += 1;
                }
            }
            b'f' | b'e' | b'g' | b'E' | b'G' | b'a' => {
                skip_ws(pos, input);
                if at_eof(pos, input) {
                    if assigned == 0 {
                        return Ok(-1);
                    }
                    break;
                }
                let w = width.unwrap_or(usize::MAX);
                let end = input.len().min(pos.saturating_add(w));
                let (v, used) = parse_float(&input[*pos..end]);
                if used == 0 {
                    break;
                }
                *pos += used;
                if !suppress {
                    vm.store(
                        dest,
                        Val::f64(v),
                        if pointee_size == 8 { Sk::F64 } else { Sk::F32 },
                    )?;
                    assigned += 1;
                }
            }
            b's' | b'[' | b'c' => {
                if conv == b's' {
                    skip_ws(pos, input);
                }
                if at_eof(pos, input) {
                    if assigned == 0 {
                        return Ok(-1);
                    }
                    break;
                }
                let w = width.unwrap_or(if conv == b'c' { 1 } else { usize::MAX });
                let mut word = Vec::new();
                while *pos < input.len() && word.len() < w {
                    let ch = input[*pos];
                    let take = match conv {
                        b's' => !ch.is_ascii_whitespace(),
                        b'[' => set.contains(&ch) != negate,
                        _ => true,
                    };
                    if !take {
                        break;
                    }
                    word.push(ch);
                    *pos += 1;
                }
                if word.is_empty() {
                    break;
                }
                if !suppress {
                    if conv != b'c' {
                        word.push(0);
                    }
                    let what = format!("{fname} '{spec_text}'");
                    write_out(vm, dest, &word, &what, None)?;
                    assigned += 1;
                }
            }
            b'n' => {
                if !suppress {
                    vm.store(dest, Val::int(*pos as u64), Sk::I32)?;
                }
            }
            _ => break,
        }
    }
    Ok(assigned)
}

// ---------------------------------------------------------------- dispatch

fn math1(v: Val, f: fn(f64) -> f64) -> Val {
    Val::f64(f(f64::from_bits(v.bits)))
}

fn free(vm: &mut Vm, p: Val, what: &str) -> Result<(), Stop> {
    if p.bits == 0 && p.prov == 0 {
        return Ok(());
    }
    let id = if p.prov != 0 {
        p.prov
    } else {
        vm.mem.lookup(p.bits)
    };
    let Some(a) = vm.mem.allocs.get(id as usize).cloned() else {
        return Err(vm.report(
            ErrorClass::BadFree,
            format!(
                "{what}() of address {:#x}, which malloc did not return",
                p.bits
            ),
            vec![],
        ));
    };
    if id == 0 {
        return Err(vm.report(
            ErrorClass::BadFree,
            format!(
                "{what}() of address {:#x}, which malloc did not return",
                p.bits
            ),
            vec![],
        ));
    }
    if a.kind != Kind::Heap {
        let kind = match a.kind {
            Kind::Stack => "a local variable",
            Kind::Literal => "a string literal",
            _ => "a global variable",
        };
        return Err(vm.report(
            ErrorClass::BadFree,
            format!(
                "{what}() of {}, which is {kind}, not memory from malloc",
                article(vm, id)
            ),
            vm.alloc_notes(id),
        ));
    }
    if a.state == State::Freed {
        return Err(vm.report(
            ErrorClass::DoubleFree,
            format!(
                "double free: {what}() of {} that was already freed",
                article(vm, id)
            ),
            vm.alloc_notes(id),
        ));
    }
    let off = p.bits.wrapping_sub(a.base) as i64;
    if off != 0 {
        return Err(vm.report(
            ErrorClass::BadFree,
            format!("{what}() of a pointer {off} bytes inside a {} (free needs the exact pointer that malloc returned)", vm.describe(id)),
            vm.alloc_notes(id),
        ));
    }
    let site = vm.cur_site();
    vm.mem.kill(id, State::Freed, site);
    Ok(())
}

fn merge_sort(
    vm: &mut Vm,
    idx: &mut Vec<usize>,
    cmp: Val,
    base: Val,
    size: u64,
) -> Result<(), Stop> {
    let n = idx.len();
    let mut width = 1;
    let mut buf = vec![0usize; n];
    while width < n {
        let mut i = 0;
        while i < n {
            let mid = (i + width).min(n);
            let hi = (i + 2 * width).min(n);
            let (mut l, mut r, mut k) = (i, mid, i);
            while l < mid && r < hi {
                let a = vm.mem.ptr(
                    base.prov,
                    base.bits.wrapping_sub(vm.mem.addr_of(base.prov)) + idx[l] as u64 * size,
                );
                let b = vm.mem.ptr(
                    base.prov,
                    base.bits.wrapping_sub(vm.mem.addr_of(base.prov)) + idx[r] as u64 * size,
                );
                let res = vm.call_value(cmp, &[a, b])?;
                if !res.init {
                    return Err(vm.uninit("the result of the qsort comparison function"));
                }
                if (res.bits as i32) <= 0 {
                    buf[k] = idx[l];
                    l += 1;
                } else {
                    buf[k] = idx[r];
                    r += 1;
                }
                k += 1;
            }
            while l < mid {
                buf[k] = idx[l];
                l += 1;
                k += 1;
            }
            while r < hi {
                buf[k] = idx[r];
                r += 1;
                k += 1;
            }
            i = hi;
        }
        std::mem::swap(idx, &mut buf);
        width *= 2;
    }
    Ok(())
}

/// Calls library function `f` with `n` arguments in absolute slots
/// `args..args+n`.
pub(crate) fn call(vm: &mut Vm, f: LibFn, args: usize, n: u32, info: u32) -> Result<Val, Stop> {
    let a = |i: usize| -> Val {
        if i < n as usize {
            vm.regs[args + i]
        } else {
            Val::int(0)
        }
    };
    let name = f.name();
    // Fixed arguments must be initialised (variadic ones are checked where used).
    let fixed = match f {
        LibFn::Printf | LibFn::Scanf => 1,
        LibFn::Fprintf | LibFn::Sprintf | LibFn::Sscanf => 2,
        LibFn::Snprintf => 3,
        LibFn::VaStart | LibFn::VaArg => 0,
        LibFn::Vprintf => 1,
        LibFn::Vfprintf | LibFn::Vsprintf => 2,
        LibFn::Vsnprintf => 3,
        _ => n as usize,
    };
    for i in 0..fixed.min(n as usize) {
        if !a(i).init {
            return Err(vm.report(
                ErrorClass::UseOfUninitializedValue,
                format!("argument {} of {name}() is uninitialised", i + 1),
                vm.origin_notes(a(i)),
            ));
        }
    }
    let (a0, a1, a2, a3) = (a(0), a(1), a(2), a(3));
    Ok(match f {
        LibFn::Malloc => vm.heap_alloc(a0.bits, 0)?,
        LibFn::Calloc => match a0.bits.checked_mul(a1.bits) {
            Some(sz) => {
                let p = vm.heap_alloc(sz, 1)?;
                if p.prov != 0 {
                    vm.mem.fill(p.prov, 0, sz as usize, 0);
                }
                p
            }
            None => Val::int(0),
        },
        LibFn::Realloc => {
            if a0.bits == 0 {
                return vm.heap_alloc(a1.bits, 2);
            }
            let id = if a0.prov != 0 {
                a0.prov
            } else {
                vm.mem.lookup(a0.bits)
            };
            let old = vm
                .mem
                .allocs
                .get(id as usize)
                .map(|x| (x.kind, x.state, x.base, x.size));
            match old {
                Some((Kind::Heap, State::Live, base, size)) if base == a0.bits => {
                    if a1.bits == 0 {
                        free(vm, a0, "realloc")?;
                        return Ok(Val::int(0));
                    }
                    let p = vm.heap_alloc(a1.bits, 2)?;
                    if p.prov == 0 {
                        return Ok(p);
                    }
                    vm.mem.copy(p.prov, 0, id, 0, size.min(a1.bits) as usize);
                    let site = vm.cur_site();
                    vm.mem.kill(id, State::Freed, site);
                    p
                }
                Some((Kind::Heap, State::Freed, _, _)) => {
                    return Err(vm.report(
                        ErrorClass::HeapUseAfterFree,
                        format!("realloc() of {} that was already freed", article(vm, id)),
                        vm.alloc_notes(id),
                    ));
                }
                _ => {
                    free(vm, a0, "realloc")?;
                    Val::int(0)
                }
            }
        }
        LibFn::Free => {
            free(vm, a0, "free")?;
            Val::int(0)
        }
        LibFn::Memcpy | LibFn::Memmove => {
            let len = a2.bits;
            let (sid, soff) = vm.range(a1, len, false, name)?;
            let (did, doff) = vm.range(a0, len, true, name)?;
            if f == LibFn::Memcpy {
                overlap(vm, a0, a1, len, name)?;
            }
            if len > 0 {
                vm.mem.copy(did, doff, sid, soff, len as usize);
            }
            a0
        }
        LibFn::Memset => {
            let (id, off) = vm.range(a0, a2.bits, true, name)?;
            if a2.bits > 0 {
                vm.mem.fill(id, off, a2.bits as usize, a1.bits as u8);
            }
            a0
        }
        LibFn::Memcmp => {
            let len = a2.bits;
            let (ia, oa) = vm.range(a0, len, false, name)?;
            let (ib, ob) = vm.range(a1, len, false, name)?;
            let (da, ina) = vm.mem.slice(ia, oa, len as usize);
            let (db, inb) = vm.mem.slice(ib, ob, len as usize);
            let mut r = 0i64;
            for k in 0..len as usize {
                if ina[k] == 0 || inb[k] == 0 {
                    return Err(vm.report(
                        ErrorClass::UseOfUninitializedValue,
                        format!("memcmp compares an uninitialised byte (at offset {k})"),
                        vec![],
                    ));
                }
                if da[k] != db[k] {
                    r = da[k] as i64 - db[k] as i64;
                    break;
                }
            }
            int(r)
        }
        LibFn::Memchr => {
            if a2.bits == 0 {
                return Ok(Val::int(0));
            }
            if !a0.init {
                return Err(vm.uninit("the pointer passed to memchr"));
            }
            let (id, off) = vm
                .mem
                .resolve(a0, 1)
                .map_err(|e| vm.mem_error(e, a0, 1, false, "memchr reads"))?;
            let (data, init) = vm.mem.tail(id, off);
            let lim = (a2.bits.min(usize::MAX as u64) as usize).min(data.len());
            match data[..lim].iter().position(|&b| b == a1.bits as u8) {
                Some(k) => {
                    if init[..=k].contains(&0) {
                        return Err(vm.report(
                            ErrorClass::UseOfUninitializedValue,
                            "memchr reads an uninitialised byte".into(),
                            vec![],
                        ));
                    }
                    Val {
                        bits: a0.bits + k as u64,
                        prov: a0.prov,
                        init: true,
                    }
                }
                None => {
                    vm.range(a0, a2.bits, false, name)?;
                    if init[..lim].contains(&0) {
                        return Err(vm.report(
                            ErrorClass::UseOfUninitializedValue,
                            "memchr reads an uninitialised byte".into(),
                            vec![],
                        ));
                    }
                    Val::int(0)
                }
            }
        }
        LibFn::Strlen => int(cstr(vm, a0, name)?.2 as i64),
        LibFn::Strnlen => int(cstr_max(vm, a0, a1.bits, name)?.len() as i64),
        LibFn::Strcpy => {
            let s = cstr_bytes(vm, a1, name)?;
            let mut b = s.clone();
            b.push(0);
            overlap(vm, a0, a1, b.len() as u64, name)?;
            let note = src_note(vm, a1, s.len());
            write_out(
                vm,
                a0,
                &b,
                &format!(
                    "strcpy of {}",
                    crate::interp::a_an(&format!("{}-character string", s.len()))
                ),
                note,
            )?;
            a0
        }
        LibFn::Strncpy => {
            let s = cstr_max(vm, a1, a2.bits, name)?;
            // Check the destination before building a buffer of its size.
            let note = src_note(vm, a1, s.len());
            if let Err(Stop::Error(mut r)) = vm.range(a0, a2.bits, true, name) {
                r.notes.extend(note);
                return Err(Stop::Error(r));
            }
            let mut b = s.clone();
            b.resize(a2.bits as usize, 0);
            let note = src_note(vm, a1, s.len());
            write_out(vm, a0, &b, name, note)?;
            a0
        }
        LibFn::Strcat | LibFn::Strncat => {
            let d = cstr(vm, a0, name)?.2;
            let s = if f == LibFn::Strcat {
                cstr_bytes(vm, a1, name)?
            } else {
                cstr_max(vm, a1, a2.bits, name)?
            };
            let mut b = s.clone();
            b.push(0);
            let dst = Val {
                bits: a0.bits + d as u64,
                ..a0
            };
            let note = src_note(vm, a1, s.len());
            write_out(
                vm,
                dst,
                &b,
                &format!(
                    "{name} of {} onto {}",
                    crate::interp::a_an(&format!("{}-character string", s.len())),
                    crate::interp::a_an(&format!("{d}-character string"))
                ),
                note,
            )?;
            a0
        }
        LibFn::Strcmp | LibFn::Strncmp | LibFn::Strcasecmp | LibFn::Strncasecmp => {
            let limited = matches!(f, LibFn::Strncmp | LibFn::Strncasecmp);
            let max = if limited { a2.bits } else { u64::MAX };
            let x = cstr_max(vm, a0, max, name)?;
            let y = cstr_max(vm, a1, max, name)?;
            let fold = matches!(f, LibFn::Strcasecmp | LibFn::Strncasecmp);
            let mut r = 0i64;
            let lim = (max.min(usize::MAX as u64)) as usize;
            for k in 0..lim {
                let (mut p, mut q) = (
                    x.get(k).copied().unwrap_or(0),
                    y.get(k).copied().unwrap_or(0),
                );
                if fold {
                    p = p.to_ascii_lowercase();
                    q = q.to_ascii_lowercase();
                }
                if p != q || p == 0 {
                    r = p as i64 - q as i64;
                    break;
                }
            }
            int(r)
        }
        LibFn::Strchr | LibFn::Strrchr => {
            let (id, off, len) = cstr(vm, a0, name)?;
            let s = vm.mem.slice(id, off, len + 1).0;
            let c = a1.bits as u8;
            let pos = if f == LibFn::Strchr {
                s.iter().position(|&b| b == c)
            } else {
                s.iter().rposition(|&b| b == c)
            };
            match pos {
                Some(k) => Val {
                    bits: a0.bits + k as u64,
                    prov: a0.prov,
                    init: true,
                },
                None => Val::int(0),
            }
        }
        LibFn::Strstr => {
            let h = cstr_bytes(vm, a0, name)?;
            let nd = cstr_bytes(vm, a1, name)?;
            if nd.is_empty() {
                return Ok(a0);
            }
            match h.windows(nd.len()).position(|w| w == nd.as_slice()) {
                Some(k) => Val {
                    bits: a0.bits + k as u64,
                    prov: a0.prov,
                    init: true,
                },
                None => Val::int(0),
            }
        }
        LibFn::Strpbrk => {
            let h = cstr_bytes(vm, a0, name)?;
            let set = cstr_bytes(vm, a1, name)?;
            match h.iter().position(|b| set.contains(b)) {
                Some(k) => Val {
                    bits: a0.bits + k as u64,
                    prov: a0.prov,
                    init: true,
                },
                None => Val::int(0),
            }
        }
        LibFn::Strspn | LibFn::Strcspn => {
            let h = cstr_bytes(vm, a0, name)?;
            let set = cstr_bytes(vm, a1, name)?;
            let want = f == LibFn::Strspn;
            int(h
                .iter()
                .position(|b| set.contains(b) != want)
                .unwrap_or(h.len()) as i64)
        }
        LibFn::Strdup | LibFn::Strndup => {
            let s = if f == LibFn::Strdup {
                cstr_bytes(vm, a0, name)?
            } else {
                cstr_max(vm, a0, a1.bits, name)?
            };
            let p = vm.heap_alloc(s.len() as u64 + 1, if f == LibFn::Strdup { 3 } else { 4 })?;
            if p.prov != 0 {
                let mut b = s;
                b.push(0);
                vm.mem.write_bytes(p.prov, 0, &b);
            }
            p
        }
        LibFn::Strtok => {
            let start = if a0.bits != 0 { a0 } else { vm.strtok_next };
            if start.bits == 0 {
                return Ok(Val::int(0));
            }
            let delim = cstr_bytes(vm, a1, name)?;
            let (id, off, len) = cstr(vm, start, name)?;
            let s = vm.mem.slice(id, off, len).0.to_vec();
            let Some(b) = s.iter().position(|c| !delim.contains(c)) else {
                vm.strtok_next = Val::int(0);
                return Ok(Val::int(0));
            };
            let e = s[b..].iter().position(|c| delim.contains(c)).map(|k| k + b);
            let tok = Val {
                bits: start.bits + b as u64,
                ..start
            };
            match e {
                Some(e) => {
                    let at = Val {
                        bits: start.bits + e as u64,
                        ..start
                    };
                    vm.store(at, Val::int(0), Sk::U8)?;
                    vm.strtok_next = Val {
                        bits: start.bits + e as u64 + 1,
                        ..start
                    };
                }
                None => vm.strtok_next = Val::int(0),
            }
            tok
        }
        LibFn::Strerror => {
            let msg: &str = match a0.bits as i32 {
                0 => "Success",
                2 => "No such file or directory",
                12 => "Cannot allocate memory",
                22 => "Invalid argument",
                33 => "Numerical argument out of domain",
                34 => "Numerical result out of range",
                _ => "Unknown error",
            };
            let mut b = msg.as_bytes().to_vec();
            b.push(0);
            let site = vm.cur_site();
            let id = vm
                .mem
                .alloc(b.len() as u64, 1, Kind::Literal, site, u32::MAX)
                .map_err(|_| vm.limit_memory())?;
            vm.mem.write_bytes(id, 0, &b);
            vm.mem.ptr(id, 0)
        }
        LibFn::Printf => {
            let out = format(vm, name, a0, args, 1, n, info)?;
            vm.emit_out(false, &out)?;
            int(out.len() as i64)
        }
        LibFn::Fprintf => {
            let fi = file_index(vm, a0)?;
            let out = format(vm, name, a1, args, 2, n, info)?;
            if fi == 0 {
                return Ok(int(-1));
            }
            vm.emit_out(fi == 2, &out)?;
            int(out.len() as i64)
        }
        LibFn::Sprintf => {
            let out = format(vm, name, a1, args, 2, n, info)?;
            let mut b = out.clone();
            b.push(0);
            write_out(
                vm,
                a0,
                &b,
                &format!("sprintf of {} characters", out.len()),
                None,
            )?;
            int(out.len() as i64)
        }
        LibFn::Snprintf => {
            let out = format(vm, name, a2, args, 3, n, info)?;
            let cap = a1.bits;
            if cap > 0 {
                let k = (out.len() as u64).min(cap - 1) as usize;
                let mut b = out[..k].to_vec();
                b.push(0);
                write_out(vm, a0, &b, name, None)?;
            }
            int(out.len() as i64)
        }
        LibFn::Puts | LibFn::Fputs => {
            let mut s = cstr_bytes(vm, a0, name)?;
            let err = if f == LibFn::Fputs {
                let fi = file_index(vm, a1)?;
                if fi == 0 {
                    return Ok(int(-1));
                }
                fi == 2
            } else {
                s.push(b'\n');
                false
            };
            vm.emit_out(err, &s)?;
            int(1)
        }
        LibFn::Putchar | LibFn::Fputc | LibFn::Putc => {
            let err = if f != LibFn::Putchar {
                let fi = file_index(vm, a1)?;
                if fi == 0 {
                    return Ok(int(-1));
                }
                fi == 2
            } else {
                false
            };
            vm.emit_out(err, &[a0.bits as u8])?;
            int(a0.bits as u8 as i64)
        }
        LibFn::Getchar | LibFn::Fgetc | LibFn::Getc => {
            if f != LibFn::Getchar && file_index(vm, a0)? != 0 {
                return Ok(int(-1));
            }
            match read_byte(vm) {
                Some(b) => int(b as i64),
                None => int(-1),
            }
        }
        LibFn::Ungetc => {
            if a0.bits as i32 == -1 {
                return Ok(int(-1));
            }
            vm.ungot = Some(a0.bits as u8);
            int(a0.bits as u8 as i64)
        }
        LibFn::Fgets => {
            if file_index(vm, a2)? != 0 {
                return Ok(Val::int(0));
            }
            let cap = a1.bits as i32;
            if cap <= 0 {
                return Ok(Val::int(0));
            }
            let mut line = Vec::new();
            while line.len() + 1 < cap as usize {
                match read_byte(vm) {
                    Some(b) => {
                        line.push(b);
                        if b == b'\n' {
                            break;
                        }
                    }
                    None => break,
                }
            }
            if line.is_empty() {
                return Ok(Val::int(0));
            }
            line.push(0);
            write_out(
                vm,
                a0,
                &line,
                &format!(
                    "fgets of {}",
                    crate::interp::a_an(&format!("{}-byte line", line.len() - 1))
                ),
                None,
            )?;
            a0
        }
        LibFn::Gets => {
            vm.warn(ErrorClass::DangerousFunction, "gets() cannot limit how much it writes and was removed from C11: use fgets(buf, sizeof buf, stdin)".into());
            let mut line = Vec::new();
            let mut any = false;
            while let Some(b) = read_byte(vm) {
                any = true;
                if b == b'\n' {
                    break;
                }
                line.push(b);
            }
            if !any {
                return Ok(Val::int(0));
            }
            line.push(0);
            write_out(
                vm,
                a0,
                &line,
                &format!(
                    "gets of {}",
                    crate::interp::a_an(&format!("{}-character line", line.len() - 1))
                ),
                None,
            )?;
            a0
        }
        LibFn::Scanf => {
            let mut input = std::mem::take(&mut vm.stdin);
            let mut pos = vm.stdin_pos;
            if let Some(u) = vm.ungot.take() {
                // Put the pushed-back byte in front.
                if pos > 0 && input.get(pos - 1) == Some(&u) {
                    pos -= 1;
                } else {
                    input.insert(pos, u);
                }
            }
            let r = scan(vm, name, &mut input, &mut pos, a0, args, 1, n, info);
            vm.stdin = input;
            vm.stdin_pos = pos;
            int(r?)
        }
        LibFn::Sscanf => {
            let mut input = cstr_bytes(vm, a0, name)?;
            let mut pos = 0;
            let r = scan(vm, name, &mut input, &mut pos, a1, args, 2, n, info)?;
            int(r)
        }
        LibFn::Fflush => int(0),
        LibFn::Fwrite => {
            let fi = file_index(vm, a3)?;
            let total = a1.bits.saturating_mul(a2.bits);
            let (id, off) = vm.range(a0, total, false, name)?;
            let (data, init) = vm.mem.slice(id, off, total as usize);
            if init.contains(&0) {
                return Err(vm.report(
                    ErrorClass::UseOfUninitializedValue,
                    "fwrite writes uninitialised bytes to the output".into(),
                    vm.alloc_notes(id),
                ));
            }
            let data = data.to_vec();
            if fi == 0 {
                return Ok(int(0));
            }
            vm.emit_out(fi == 2, &data)?;
            int(a2.bits as i64)
        }
        LibFn::Fread => {
            if file_index(vm, a3)? != 0 {
                return Ok(int(0));
            }
            let size = a1.bits;
            let want = size.saturating_mul(a2.bits);
            let avail = (vm.stdin.len() - vm.stdin_pos.min(vm.stdin.len())) as u64;
            let got = want.min(avail).checked_div(size).unwrap_or(0) * size;
            let bytes = vm.stdin[vm.stdin_pos..vm.stdin_pos + got as usize].to_vec();
            write_out(vm, a0, &bytes, name, None)?;
            vm.stdin_pos += got as usize;
            int(got.checked_div(size).unwrap_or(0) as i64)
        }
        LibFn::Vprintf | LibFn::Vfprintf | LibFn::Vsprintf | LibFn::Vsnprintf => {
            let (fmt_i, dst) = match f {
                LibFn::Vprintf => (0, None),
                LibFn::Vfprintf => (1, None),
                LibFn::Vsprintf => (1, Some(a0)),
                _ => (2, Some(a0)),
            };
            let va = a(fmt_i + 1);
            let out = format_src(vm, name, a(fmt_i), args, 0, n, info, Some(va))?;
            match f {
                LibFn::Vprintf => vm.emit_out(false, &out)?,
                LibFn::Vfprintf => {
                    let fi = file_index(vm, a0)?;
                    if fi != 0 {
                        vm.emit_out(fi == 2, &out)?;
                    }
                }
                LibFn::Vsprintf => {
                    let mut b = out.clone();
                    b.push(0);
                    write_out(
                        vm,
                        dst.unwrap_or(a0),
                        &b,
                        &format!("vsprintf of {} characters", out.len()),
                        None,
                    )?;
                }
                _ => {
                    let cap = a1.bits;
                    if cap > 0 {
                        let k = (out.len() as u64).min(cap - 1) as usize;
                        let mut b = out[..k].to_vec();
                        b.push(0);
                        write_out(vm, a0, &b, name, None)?;
                    }
                }
            }
            int(out.len() as i64)
        }
        LibFn::Div | LibFn::Ldiv => {
            // Returns a struct: argument 0 is where to put it.
            let (x, y) = if f == LibFn::Div {
                (a1.bits as i32 as i64, a2.bits as i32 as i64)
            } else {
                (a1.bits as i64, a2.bits as i64)
            };
            if y == 0 {
                return Err(vm.report(
                    ErrorClass::DivisionByZero,
                    format!("{name}({x}, 0): division by zero"),
                    vec![],
                ));
            }
            let min = if f == LibFn::Div {
                i32::MIN as i64
            } else {
                i64::MIN
            };
            if x == min && y == -1 {
                return Err(vm.report(
                    ErrorClass::SignedIntegerOverflow,
                    format!("{name}({x}, -1) cannot be represented"),
                    vec![],
                ));
            }
            let (sk, step) = if f == LibFn::Div {
                (Sk::I32, 4)
            } else {
                (Sk::I64, 8)
            };
            vm.store(a0, int(x / y), sk)?;
            vm.store(
                Val {
                    bits: a0.bits + step,
                    ..a0
                },
                int(x % y),
                sk,
            )?;
            Val::int(0)
        }
        LibFn::Perror => {
            let e = vm
                .prog
                .errno_g
                .and_then(|g| vm.globals.get(g as usize).copied())
                .map(|id| {
                    vm.mem
                        .load(vm.mem.ptr(id, 0), Sk::I32)
                        .map(|v| v.bits as i32)
                        .unwrap_or(0)
                })
                .unwrap_or(0);
            let mut msg = if a0.bits != 0 {
                cstr_bytes(vm, a0, name)?
            } else {
                vec![]
            };
            if !msg.is_empty() {
                msg.extend_from_slice(b": ");
            }
            let text = match e {
                12 => "Cannot allocate memory",
                22 => "Invalid argument",
                34 => "Numerical result out of range",
                0 => "Success",
                _ => "Unknown error",
            };
            msg.extend_from_slice(text.as_bytes());
            msg.push(b'\n');
            vm.emit_out(true, &msg)?;
            int(0)
        }
        LibFn::Atoi
        | LibFn::Atol
        | LibFn::Atoll
        | LibFn::Strtol
        | LibFn::Strtoll
        | LibFn::Strtoul
        | LibFn::Strtoull => {
            let s = cstr_bytes(vm, a0, name)?;
            let base = if matches!(f, LibFn::Atoi | LibFn::Atol | LibFn::Atoll) {
                10
            } else {
                a2.bits as u32
            };
            if base == 1 || base > 36 {
                set_errno(vm, 22);
                return Ok(int(0));
            }
            let (v, used, over) = parse_int(&s, base);
            let unsigned = matches!(f, LibFn::Strtoul | LibFn::Strtoull);
            let r: i64 = if unsigned {
                if over || v > u64::MAX as i128 || v < -(u64::MAX as i128) {
                    set_errno(vm, 34);
                    -1
                } else {
                    (v as i64 as u64) as i64
                }
            } else if v > i64::MAX as i128 || over && v > 0 {
                set_errno(vm, 34);
                i64::MAX
            } else if v < i64::MIN as i128 {
                set_errno(vm, 34);
                i64::MIN
            } else {
                v as i64
            };
            if matches!(
                f,
                LibFn::Strtol | LibFn::Strtoll | LibFn::Strtoul | LibFn::Strtoull
            ) && a1.bits != 0
            {
                let end = Val {
                    bits: a0.bits + used as u64,
                    ..a0
                };
                vm.store(a1, end, Sk::Ptr)?;
            }
            if f == LibFn::Atoi {
                int(r as i32 as i64)
            } else {
                int(r)
            }
        }
        LibFn::Atof | LibFn::Strtod => {
            let s = cstr_bytes(vm, a0, name)?;
            let (v, used) = parse_float(&s);
            if f == LibFn::Strtod && a1.bits != 0 {
                let end = Val {
                    bits: a0.bits + used as u64,
                    ..a0
                };
                vm.store(a1, end, Sk::Ptr)?;
            }
            Val::f64(v)
        }
        LibFn::Abs => {
            let x = a0.bits as i32;
            if x == i32::MIN {
                return Err(vm.report(
                    ErrorClass::SignedIntegerOverflow,
                    "abs(INT_MIN) cannot be represented in type 'int'".into(),
                    vec![],
                ));
            }
            int(x.abs() as i64)
        }
        LibFn::Labs | LibFn::Llabs => {
            let x = a0.bits as i64;
            if x == i64::MIN {
                return Err(vm.report(
                    ErrorClass::SignedIntegerOverflow,
                    format!("{name}(LONG_MIN) cannot be represented in type 'long'"),
                    vec![],
                ));
            }
            int(x.abs())
        }
        LibFn::Isalpha
        | LibFn::Isdigit
        | LibFn::Isspace
        | LibFn::Isalnum
        | LibFn::Isupper
        | LibFn::Islower
        | LibFn::Isprint
        | LibFn::Ispunct
        | LibFn::Isxdigit
        | LibFn::Iscntrl
        | LibFn::Isgraph => {
            let c = i32v(a0);
            if !(0..=255).contains(&c) {
                return Ok(int(0));
            }
            let ch = c as u8;
            let (yes, bit) = match f {
                LibFn::Isalpha => (ch.is_ascii_alphabetic(), 1024),
                LibFn::Isdigit => (ch.is_ascii_digit(), 2048),
                LibFn::Isspace => (ch.is_ascii_whitespace() || ch == 11, 8192),
                LibFn::Isalnum => (ch.is_ascii_alphanumeric(), 8),
                LibFn::Isupper => (ch.is_ascii_uppercase(), 256),
                LibFn::Islower => (ch.is_ascii_lowercase(), 512),
                LibFn::Isprint => ((32..127).contains(&ch), 16384),
                LibFn::Ispunct => (ch.is_ascii_punctuation(), 4),
                LibFn::Isxdigit => (ch.is_ascii_hexdigit(), 4096),
                LibFn::Iscntrl => (ch < 32 || ch == 127, 2),
                _ => (ch.is_ascii_graphic(), 32768),
            };
            int(if yes { bit } else { 0 })
        }
        LibFn::Toupper | LibFn::Tolower => {
            let c = i32v(a0);
            if !(0..=255).contains(&c) {
                return Ok(int(c as i64));
            }
            let ch = c as u8;
            int(if f == LibFn::Toupper {
                ch.to_ascii_uppercase()
            } else {
                ch.to_ascii_lowercase()
            } as i64)
        }
        LibFn::Exit => return Err(Stop::Exit(i32v(a0))),
        LibFn::Abort => {
            let _ = vm.emit_out(true, b"Aborted\n");
            return Err(Stop::Abort);
        }
        LibFn::AssertFail => {
            let expr = cstr_bytes(vm, a0, name).unwrap_or_default();
            let func = cstr_bytes(vm, a1, name).unwrap_or_default();
            let msg = format!(
                "Assertion failed: {} (function {}, line {})\n",
                String::from_utf8_lossy(&expr),
                String::from_utf8_lossy(&func),
                a2.bits as i32
            );
            let _ = vm.emit_out(true, msg.as_bytes());
            return Err(Stop::Abort);
        }
        LibFn::Rand => int(rand_next(vm) as i64),
        LibFn::Srand => {
            rand_seed(vm, a0.bits as u32);
            Val::int(0)
        }
        LibFn::Qsort => {
            let (cnt, size) = (a1.bits, a2.bits);
            if cnt == 0 || size == 0 {
                return Ok(Val::int(0));
            }
            let total = cnt.saturating_mul(size);
            let (id, off) = vm.range(a0, total, true, name)?;
            let base = Val {
                bits: vm.mem.addr_of(id) + off as u64,
                prov: id,
                init: true,
            };
            let mut idx: Vec<usize> = (0..cnt as usize).collect();
            merge_sort(vm, &mut idx, a3, base, size)?;
            let site = vm.cur_site();
            let tmp = vm
                .mem
                .alloc(total, 16, Kind::VaArgs, site, 0)
                .map_err(|_| vm.limit_memory())?;
            for (k, &i) in idx.iter().enumerate() {
                vm.mem.copy(
                    tmp,
                    k * size as usize,
                    id,
                    off + i * size as usize,
                    size as usize,
                );
            }
            vm.mem.copy(id, off, tmp, 0, total as usize);
            vm.mem.kill(tmp, State::Freed, site);
            Val::int(0)
        }
        LibFn::Bsearch => {
            let (cnt, size) = (a2.bits, a3.bits);
            let cmp = a(4);
            let (mut lo, mut hi) = (0u64, cnt);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                let p = Val {
                    bits: a1.bits.wrapping_add(mid.wrapping_mul(size)),
                    ..a1
                };
                vm.range(p, size, false, name)?;
                let r = vm.call_value(cmp, &[a0, p])?;
                if !r.init {
                    return Err(vm.uninit("the result of the bsearch comparison function"));
                }
                match (r.bits as i32).cmp(&0) {
                    std::cmp::Ordering::Less => hi = mid,
                    std::cmp::Ordering::Greater => lo = mid + 1,
                    std::cmp::Ordering::Equal => return Ok(p),
                }
            }
            Val::int(0)
        }
        LibFn::Sqrt => math1(a0, f64::sqrt),
        LibFn::Fabs => math1(a0, f64::abs),
        LibFn::Floor => math1(a0, f64::floor),
        LibFn::Ceil => math1(a0, f64::ceil),
        LibFn::Round => math1(a0, f64::round),
        LibFn::Trunc => math1(a0, f64::trunc),
        LibFn::Log => math1(a0, f64::ln),
        LibFn::Log2 => math1(a0, f64::log2),
        LibFn::Log10 => math1(a0, f64::log10),
        LibFn::Exp => math1(a0, f64::exp),
        LibFn::Sin => math1(a0, f64::sin),
        LibFn::Cos => math1(a0, f64::cos),
        LibFn::Tan => math1(a0, f64::tan),
        LibFn::Atan => math1(a0, f64::atan),
        LibFn::Pow => Val::f64(f64::from_bits(a0.bits).powf(f64::from_bits(a1.bits))),
        LibFn::Fmod => Val::f64(f64::from_bits(a0.bits) % f64::from_bits(a1.bits)),
        LibFn::Atan2 => Val::f64(f64::from_bits(a0.bits).atan2(f64::from_bits(a1.bits))),
        LibFn::Hypot => Val::f64(f64::from_bits(a0.bits).hypot(f64::from_bits(a1.bits))),
        LibFn::Isnan => int(f64::from_bits(a0.bits).is_nan() as i64),
        LibFn::Isinf => int(f64::from_bits(a0.bits).is_infinite() as i64),
        LibFn::VaStart => {
            let va = vm.frames.last().map(|f| f.va).unwrap_or(0);
            if va == 0 {
                return Err(vm.report(
                    ErrorClass::BadFunctionCall,
                    "va_start used in a function that is not variadic".into(),
                    vec![],
                ));
            }
            let p = vm.mem.ptr(va, 0);
            vm.store(a0, p, Sk::Ptr)?;
            Val::int(0)
        }
        LibFn::VaArg => {
            let cur = vm.load(a0, Sk::Ptr)?;
            let step = a1.bits.div_ceil(8).max(1) * 8;
            vm.store(
                a0,
                Val {
                    bits: cur.bits.wrapping_add(step),
                    ..cur
                },
                Sk::Ptr,
            )?;
            cur
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_formats() {
        let s = |conv: u8, prec: Option<usize>| Spec {
            minus: false,
            plus: false,
            space: false,
            hash: false,
            zero: false,
            width: None,
            prec,
            len: Len::None,
            conv,
        };
        let f = |x: f64, conv: u8, prec: Option<usize>| {
            let (a, b) = fmt_float(x, &s(conv, prec));
            String::from_utf8_lossy(&[a, b].concat()).to_string()
        };
        assert_eq!(f(1.23456, b'f', None), "1.234560");
        assert_eq!(f(-2.5, b'f', Some(0)), "-2");
        assert_eq!(f(12345.678, b'e', None), "1.234568e+04");
        assert_eq!(f(0.0001, b'g', None), "0.0001");
        assert_eq!(f(0.00001, b'g', None), "1e-05");
        assert_eq!(f(100000.0, b'g', None), "100000");
        assert_eq!(f(1000000.0, b'g', None), "1e+06");
        assert_eq!(f(2.5, b'g', None), "2.5");
    }

    #[test]
    fn ints_and_names() {
        assert_eq!(parse_int(b"  -42xyz", 10), (-42, 5, false));
        assert_eq!(parse_int(b"0x1f", 0), (31, 4, false));
        assert_eq!(LibFn::from_name("strcpy"), Some(LibFn::Strcpy));
        assert_eq!(LibFn::Strcpy.name(), "strcpy");
    }
}
