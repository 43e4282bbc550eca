//! The evaluator: a register machine over [`crate::bytecode`], with an
//! explicit frame stack (C recursion never recurses in Rust), fuel, and
//! the checks that turn undefined behaviour into reports.

use std::collections::HashSet;

use crate::bytecode::*;
use crate::memory::{FUNC_BASE, Kind, MemErr, Memory, Site, State, Val};
use crate::report::{ErrorClass, Frame, Note, Report};
use crate::types::Sk;
use crate::{Input, Limits, Outcome};

/// Why execution stopped early.
pub(crate) enum Stop {
    Exit(i32),
    Abort,
    Error(Box<Report>),
}

pub(crate) struct FrameRec {
    pub func: u32,
    pub pc: u32,
    pub base: u32,
    pub lbase: u32,
    /// Absolute slot for the return value (u32::MAX: none).
    pub ret: u32,
    /// Allocation holding the extra arguments of a variadic call.
    pub va: u32,
}

/// Result of a conversion that cannot be represented.
#[derive(Debug)]
pub(crate) struct CvtOverflow;

/// Converts raw bits between scalar kinds; also says whether an integer
/// value changed.
pub(crate) fn convert_bits(from: Sk, to: Sk, bits: u64) -> Result<(u64, bool), CvtOverflow> {
    if from.is_float() {
        let x = f64::from_bits(bits);
        return match to {
            Sk::F32 => Ok(((x as f32) as f64).to_bits()).map(|b| (b, false)),
            Sk::F64 => Ok((x.to_bits(), false)),
            Sk::Bool => Ok(((x != 0.0) as u64, false)),
            Sk::Ptr => Ok((x as u64, false)),
            _ => {
                let t = x.trunc();
                let (lo, hi) = int_range(to);
                if x.is_nan()
                    || t < lo as f64
                    || t > hi as f64
                    || (hi == u64::MAX as i128 && t >= 18446744073709551616.0)
                    || (hi == i64::MAX as i128 && t >= 9223372036854775808.0)
                {
                    return Err(CvtOverflow);
                }
                let v: i128 = if t < 0.0 {
                    t as i64 as i128
                } else {
                    t as u64 as i128
                };
                Ok((canon(to, v), false))
            }
        };
    }
    let v: i128 = if from.is_signed() {
        bits as i64 as i128
    } else {
        bits as i128
    };
    Ok(match to {
        Sk::F32 => (((v as f64) as f32 as f64).to_bits(), false),
        Sk::F64 => ((v as f64).to_bits(), false),
        Sk::Bool => ((v != 0) as u64, v != 0 && v != 1),
        Sk::Ptr => (v as u64, false),
        _ => {
            let c = canon(to, v);
            let back: i128 = if to.is_signed() {
                c as i64 as i128
            } else {
                c as i128
            };
            (c, back != v)
        }
    })
}

fn int_range(sk: Sk) -> (i128, i128) {
    match sk {
        Sk::I8 => (i8::MIN as i128, i8::MAX as i128),
        Sk::U8 => (0, u8::MAX as i128),
        Sk::I16 => (i16::MIN as i128, i16::MAX as i128),
        Sk::U16 => (0, u16::MAX as i128),
        Sk::I32 => (i32::MIN as i128, i32::MAX as i128),
        Sk::U32 => (0, u32::MAX as i128),
        Sk::I64 => (i64::MIN as i128, i64::MAX as i128),
        Sk::Bool => (0, 1),
        _ => (0, u64::MAX as i128),
    }
}

/// The canonical bits of integer `v` truncated to kind `sk`.
fn canon(sk: Sk, v: i128) -> u64 {
    let u = v as u64;
    match sk {
        Sk::I8 => u as u8 as i8 as i64 as u64,
        Sk::U8 => u as u8 as u64,
        Sk::I16 => u as u16 as i16 as i64 as u64,
        Sk::U16 => u as u16 as u64,
        Sk::I32 => u as u32 as i32 as i64 as u64,
        Sk::U32 => u as u32 as u64,
        Sk::Bool => (v != 0) as u64,
        _ => u,
    }
}

fn truthy(v: Val, sk: Sk) -> bool {
    if sk.is_float() {
        f64::from_bits(v.bits) != 0.0
    } else {
        v.bits != 0
    }
}

const STACK_BYTES: u64 = 8 << 20;

/// An uninitialised value's `prov` says where it came from: an allocation
/// id, or this bit plus (function << 16 | register variable).
pub(crate) const ORIGIN_REG: u32 = 0x8000_0000;

#[inline]
pub(crate) fn orig(a: Val, b: Val) -> u32 {
    if !a.init {
        a.prov
    } else if !b.init {
        b.prov
    } else {
        0
    }
}

/// Gives an uninitialised result the origin of its operands.
#[inline]
fn taint(mut r: Val, a: Val, b: Val) -> Val {
    if !r.init {
        r.prov = orig(a, b);
    }
    r
}

/// "a 16-byte block", "an 8-byte block", "an 11-byte block".
pub(crate) fn a_an(desc: &str) -> String {
    let digits: String = desc.chars().take_while(|c| c.is_ascii_digit()).collect();
    let an = desc.starts_with('8')
        || (digits.len() % 3 == 2 && (digits.starts_with("11") || digits.starts_with("18")))
        || desc.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {desc}", if an { "an" } else { "a" })
}

pub(crate) struct Vm<'p> {
    pub prog: &'p Program,
    pub mem: Memory,
    pub regs: Vec<Val>,
    pub frames: Vec<FrameRec>,
    pub local_ids: Vec<u32>,
    pub globals: Vec<u32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub stdin: Vec<u8>,
    pub stdin_pos: usize,
    pub steps: u64,
    pub limits: Limits,
    pub warnings: Vec<Report>,
    warned: HashSet<(u32, u32)>,
    pub alloc_count: u64,
    pub fail_alloc_at: Option<u64>,
    pub rand_tbl: Vec<u32>,
    pub rand_pos: usize,
    pub ungot: Option<u8>,
    pub strtok_next: Val,
    pub files: [u32; 3],
    pub ret_val: Val,
    /// The run ended through exit() (stack memory still counts as roots).
    pub via_exit: bool,
    /// Where the last function returned (main's `return`, at the end).
    pub last_ret: (u32, u32),
}

impl<'p> Vm<'p> {
    pub(crate) fn new(prog: &'p Program, input: &Input, limits: &Limits) -> Self {
        Vm {
            prog,
            mem: Memory::new(limits.memory),
            regs: Vec::new(),
            frames: Vec::new(),
            local_ids: Vec::new(),
            globals: Vec::new(),
            stdout: Vec::new(),
            stderr: Vec::new(),
            stdin: input.stdin.clone(),
            stdin_pos: 0,
            steps: 0,
            limits: limits.clone(),
            warnings: Vec::new(),
            warned: HashSet::new(),
            alloc_count: 0,
            fail_alloc_at: input.fail_alloc_at,
            rand_tbl: Vec::new(),
            rand_pos: 0,
            ungot: None,
            strtok_next: Val::int(0),
            files: [0; 3],
            ret_val: Val::UNINIT,
            via_exit: false,
            last_ret: (0, 0),
        }
    }

    // ------------------------------------------------------------ reports

    pub(crate) fn func_name(&self, f: u32) -> &str {
        self.prog
            .funcs
            .get(f as usize)
            .map(|f| f.name.as_str())
            .unwrap_or("?")
    }

    fn loc_of(&self, func: u32, pc: u32) -> (u32, u32) {
        self.prog
            .funcs
            .get(func as usize)
            .and_then(|f| f.locs.get(pc as usize))
            .copied()
            .unwrap_or((0, 0))
    }

    /// Location of the instruction being executed in the top frame.
    pub(crate) fn cur_loc(&self) -> (u32, u32) {
        match self.frames.last() {
            Some(fr) => self.loc_of(fr.func, fr.pc.saturating_sub(1)),
            None => (0, 0),
        }
    }

    pub(crate) fn cur_site(&self) -> Site {
        let (line, col) = self.cur_loc();
        Site {
            line,
            col,
            func: self.frames.last().map(|f| f.func).unwrap_or(0),
        }
    }

    pub(crate) fn stack(&self) -> Vec<Frame> {
        let mut out = Vec::new();
        for fr in self.frames.iter().rev() {
            if fr.func == self.prog.init && self.frames.len() > 1 {
                continue;
            }
            let (line, _) = self.loc_of(fr.func, fr.pc.saturating_sub(1));
            let f = &self.prog.funcs[fr.func as usize];
            if f.line == 0 && out.is_empty() && self.frames.len() > 1 {
                // A libc stub called through a pointer: name it, no line.
            }
            out.push(Frame {
                function: f.name.clone(),
                line,
            });
            if out.len() >= 16 {
                break;
            }
        }
        out
    }

    pub(crate) fn report(&self, class: ErrorClass, message: String, notes: Vec<Note>) -> Stop {
        let (line, column) = self.cur_loc();
        Stop::Error(Box::new(Report {
            class,
            message,
            line,
            column,
            notes,
            stack: self.stack(),
        }))
    }

    /// Whether a warning at the current instruction would be kept (at most
    /// one per place, 50 per run); cheap, so callers format lazily.
    pub(crate) fn warn_wanted(&self) -> bool {
        let key = match self.frames.last() {
            Some(fr) => (fr.func, fr.pc),
            None => (0, 0),
        };
        self.warnings.len() < 50 && !self.warned.contains(&key)
    }

    pub(crate) fn warn(&mut self, class: ErrorClass, message: String) {
        let key = match self.frames.last() {
            Some(fr) => (fr.func, fr.pc),
            None => (0, 0),
        };
        if self.warnings.len() >= 50 || !self.warned.insert(key) {
            return;
        }
        let (line, column) = self.cur_loc();
        self.warnings.push(Report {
            class,
            message,
            line,
            column,
            notes: vec![],
            stack: self.stack(),
        });
    }

    /// Like [`Vm::uninit`], with a note on where the value came from.
    pub(crate) fn uninit_from(&self, what: &str, v: Val) -> Stop {
        let Stop::Error(mut r) = self.uninit(what) else {
            return self.uninit(what);
        };
        r.notes.extend(self.origin_notes(v));
        Stop::Error(r)
    }

    pub(crate) fn origin_notes(&self, v: Val) -> Vec<Note> {
        if v.init || v.prov == 0 {
            return vec![];
        }
        if v.prov & ORIGIN_REG != 0 {
            let func = (v.prov & !ORIGIN_REG) >> 16;
            let var = v.prov & 0xffff;
            let Some((name, line)) = self
                .prog
                .funcs
                .get(func as usize)
                .and_then(|f| f.regvars.get(var as usize))
            else {
                return vec![];
            };
            return vec![Note {
                message: format!(
                    "the value comes from '{name}', declared without a value here: line {line} (in {})",
                    self.func_name(func)
                ),
                line: *line,
            }];
        }
        let Some(a) = self.mem.allocs.get(v.prov as usize) else {
            return vec![];
        };
        let mut notes = vec![Note {
            message: format!(
                "the value comes from uninitialised bytes of {}",
                a_an(&self.describe(v.prov))
            ),
            line: a.site.line,
        }];
        notes.extend(self.alloc_notes(v.prov));
        notes
    }

    pub(crate) fn uninit(&self, what: &str) -> Stop {
        self.report(
            ErrorClass::UseOfUninitializedValue,
            format!("{what} depends on an uninitialised value"),
            vec![],
        )
    }

    /// Describes an allocation: "16-byte heap block", "local variable 'buf'".
    pub(crate) fn describe(&self, id: u32) -> String {
        let Some(a) = self.mem.allocs.get(id as usize) else {
            return "object".into();
        };
        match a.kind {
            Kind::Heap => format!("{}-byte heap block", a.size),
            Kind::Stack => format!(
                "{}-byte local variable '{}'",
                a.size,
                self.local_name(a.site.func, a.what)
            ),
            Kind::Global => match self.prog.globals.get(a.what as usize) {
                Some(g) => format!("{}-byte global variable '{}'", a.size, g.name),
                None => format!("{}-byte string from argv", a.size),
            },
            Kind::Literal => format!("{}-byte string literal", a.size),
            Kind::File => "FILE object".into(),
            Kind::VaArgs => format!("{}-byte block of variadic arguments", a.size),
        }
    }

    fn local_name(&self, func: u32, l: u32) -> &str {
        self.prog
            .funcs
            .get(func as usize)
            .and_then(|f| f.locals.get(l as usize))
            .map(|l| l.name.as_str())
            .unwrap_or("?")
    }

    pub(crate) fn alloc_notes(&self, id: u32) -> Vec<Note> {
        let Some(a) = self.mem.allocs.get(id as usize) else {
            return vec![];
        };
        let mut notes = Vec::new();
        let cur = self.frames.last().map(|f| f.func);
        let in_fn = |f: u32| {
            if Some(f) != cur {
                format!(" in {}", self.func_name(f))
            } else {
                String::new()
            }
        };
        match a.kind {
            Kind::Heap => {
                let how = match a.what {
                    1 => "calloc",
                    2 => "realloc",
                    3 => "strdup",
                    4 => "strndup",
                    _ => "malloc",
                };
                notes.push(Note {
                    message: format!(
                        "the block was allocated here: line {} ({how}({}){})",
                        a.site.line,
                        a.size,
                        in_fn(a.site.func)
                    ),
                    line: a.site.line,
                });
                if a.state == State::Freed {
                    notes.push(Note {
                        message: format!(
                            "the block was freed here: line {}{}",
                            a.end.line,
                            in_fn(a.end.func)
                        ),
                        line: a.end.line,
                    });
                }
            }
            Kind::Stack => {
                let name = self.local_name(a.site.func, a.what);
                let line = self
                    .prog
                    .funcs
                    .get(a.site.func as usize)
                    .and_then(|f| f.locals.get(a.what as usize))
                    .map(|l| l.line)
                    .unwrap_or(a.site.line);
                notes.push(Note {
                    message: format!(
                        "'{name}' was declared here: line {line} (in {})",
                        self.func_name(a.site.func)
                    ),
                    line,
                });
                match a.state {
                    State::OutOfScope => notes.push(Note {
                        message: format!("its scope ended here: line {}", a.end.line),
                        line: a.end.line,
                    }),
                    State::Returned => notes.push(Note {
                        message: format!(
                            "{} returned here: line {}",
                            self.func_name(a.site.func),
                            a.end.line
                        ),
                        line: a.end.line,
                    }),
                    _ => {}
                }
            }
            Kind::Global => {
                if let Some(g) = self.prog.globals.get(a.what as usize) {
                    notes.push(Note {
                        message: format!("'{}' was declared here: line {}", g.name, g.line),
                        line: g.line,
                    });
                }
            }
            Kind::Literal => {
                if let Some(g) = self.prog.globals.get(a.what as usize) {
                    notes.push(Note {
                        message: format!("the string literal is at line {}", g.line),
                        line: g.line,
                    });
                }
            }
            _ => {}
        }
        notes
    }

    /// Turns a memory error into a report for an access of `size` bytes.
    pub(crate) fn mem_error(&self, e: MemErr, p: Val, size: u64, write: bool, what: &str) -> Stop {
        let rw = if write { "write" } else { "read" };
        let bytes = if size == 1 {
            "1 byte".to_string()
        } else {
            format!("{size} bytes")
        };
        let access = if what.is_empty() {
            format!("{rw} of {bytes}")
        } else {
            what.to_string()
        };
        match e {
            MemErr::Null { addr } => {
                let msg = if addr == 0 {
                    format!("{access} through a NULL pointer")
                } else {
                    format!("{access} at address {addr:#x}, which is near NULL (a member of a NULL struct pointer?)")
                };
                self.report(ErrorClass::NullDereference, msg, vec![])
            }
            MemErr::Wild { addr } => {
                let msg = if (FUNC_BASE..FUNC_BASE + 16 * 1_000_000).contains(&addr) {
                    format!("{access} through a function pointer used as a data pointer")
                } else {
                    format!("{access} at address {addr:#x}, which points to no object")
                };
                self.report(ErrorClass::InvalidPointer, msg, vec![])
            }
            MemErr::Dead { id } => {
                let Some(a) = self.mem.allocs.get(id as usize) else {
                    return self.report(ErrorClass::InvalidPointer, format!("{access} through a dangling pointer"), vec![]);
                };
                let off = p.bits.wrapping_sub(a.base) as i64;
                let desc = self.describe(id);
                let (class, msg) = match (a.kind, a.state) {
                    (Kind::Heap, _) => (ErrorClass::HeapUseAfterFree, format!("{access} at offset {off} of {} that was already freed", a_an(&desc))),
                    (_, State::OutOfScope) => (ErrorClass::StackUseAfterScope, format!("{access} at offset {off} of {} after its scope ended", a_an(&desc))),
                    (_, _) => (ErrorClass::StackUseAfterReturn, format!("{access} at offset {off} of {} after {} returned", a_an(&desc), self.func_name(a.site.func))),
                };
                self.report(class, msg, self.alloc_notes(id))
            }
            MemErr::Oob { id, off } => {
                let Some(a) = self.mem.allocs.get(id as usize) else {
                    return self.report(ErrorClass::InvalidPointer, format!("{access} out of bounds"), vec![]);
                };
                let class = match a.kind {
                    Kind::Heap => ErrorClass::HeapBufferOverflow,
                    Kind::Stack | Kind::VaArgs => ErrorClass::StackBufferOverflow,
                    _ => ErrorClass::GlobalBufferOverflow,
                };
                let desc = self.describe(id);
                let desc = if matches!(a.kind, Kind::Stack | Kind::Global) { desc } else { desc.to_string() };
                let where_ = if off < 0 {
                    format!(" ({} byte{} before its start)", -off, if off == -1 { "" } else { "s" })
                } else if off as u64 >= a.size {
                    format!(" ({} bytes past its end)", off as u64 - a.size)
                } else {
                    let over = (off as u64).saturating_add(size).saturating_sub(a.size);
                    format!(" ({over} byte{} too many)", if over == 1 { "" } else { "s" })
                };
                let msg = format!("{access} at offset {off} of {}{where_}", a_an(&desc));
                self.report(class, msg, self.alloc_notes(id))
            }
            MemErr::ReadOnly { id } => self.report(
                ErrorClass::WriteToReadOnlyMemory,
                format!("{access} to a string literal (string literals are read-only: copy the string into an array to change it)"),
                self.alloc_notes(id),
            ),
            MemErr::Limit => self.limit_memory(),
        }
    }

    pub(crate) fn limit_memory(&self) -> Stop {
        self.report(
            ErrorClass::LimitExceeded,
            format!(
                "stopped: the program used more than {} bytes of memory",
                self.limits.memory
            ),
            vec![],
        )
    }

    // ------------------------------------------------------------ memory helpers for libc

    pub(crate) fn load(&self, p: Val, sk: Sk) -> Result<Val, Stop> {
        if !p.init {
            return Err(self.uninit("the address of a read"));
        }
        self.mem
            .load(p, sk)
            .map_err(|e| self.mem_error(e, p, sk.size(), false, ""))
    }

    pub(crate) fn store(&mut self, p: Val, v: Val, sk: Sk) -> Result<(), Stop> {
        if !p.init {
            return Err(self.uninit("the address of a write"));
        }
        self.mem
            .store(p, v, sk)
            .map_err(|e| self.mem_error(e, p, sk.size(), true, ""))
    }

    /// Checks that `n` bytes at `p` may be accessed; returns (id, offset).
    pub(crate) fn range(
        &self,
        p: Val,
        n: u64,
        write: bool,
        what: &str,
    ) -> Result<(u32, usize), Stop> {
        if !p.init {
            return Err(self.uninit(&format!("the pointer passed to {what}")));
        }
        if n == 0 {
            // Zero-length accesses only need a valid-looking pointer.
            return Ok((p.prov, 0));
        }
        let r = self.mem.resolve(p, n).map_err(|e| {
            let access = format!(
                "{what} {} {n} byte{}",
                if write { "writes" } else { "reads" },
                if n == 1 { "" } else { "s" }
            );
            self.mem_error(e, p, n, write, &access)
        })?;
        if write
            && self
                .mem
                .allocs
                .get(r.0 as usize)
                .is_some_and(|a| a.readonly)
        {
            return Err(self.mem_error(
                MemErr::ReadOnly { id: r.0 },
                p,
                n,
                true,
                &format!("{what} writes {n} bytes"),
            ));
        }
        Ok(r)
    }

    /// Allocates a heap block (malloc and friends); honours the
    /// allocation-failure injection. Returns NULL (0) on failure.
    pub(crate) fn heap_alloc(&mut self, size: u64, how: u32) -> Result<Val, Stop> {
        self.alloc_count += 1;
        if self.fail_alloc_at == Some(self.alloc_count) {
            return Ok(Val::int(0));
        }
        if size > self.limits.memory as u64 {
            return Ok(Val::int(0));
        }
        let site = self.cur_site();
        match self.mem.alloc(size, 16, Kind::Heap, site, how) {
            Ok(id) => Ok(self.mem.ptr(id, 0)),
            Err(_) => Err(self.limit_memory()),
        }
    }

    pub(crate) fn emit_out(&mut self, to_stderr: bool, bytes: &[u8]) -> Result<(), Stop> {
        let total = self.stdout.len() + self.stderr.len() + bytes.len();
        if total > self.limits.output {
            let room = self
                .limits
                .output
                .saturating_sub(self.stdout.len() + self.stderr.len());
            let buf = if to_stderr {
                &mut self.stderr
            } else {
                &mut self.stdout
            };
            buf.extend_from_slice(&bytes[..room.min(bytes.len())]);
            return Err(self.report(
                ErrorClass::LimitExceeded,
                format!(
                    "stopped: the program printed more than {} bytes",
                    self.limits.output
                ),
                vec![],
            ));
        }
        if to_stderr {
            self.stderr.extend_from_slice(bytes);
        } else {
            self.stdout.extend_from_slice(bytes);
        }
        Ok(())
    }

    // ------------------------------------------------------------ calls

    fn push_frame(
        &mut self,
        f: u32,
        args_abs: usize,
        n: u32,
        ret: u32,
        info: u32,
    ) -> Result<(), Stop> {
        let prog = self.prog;
        let Some(callee) = prog.funcs.get(f as usize) else {
            return Err(self.report(
                ErrorClass::InvalidPointer,
                "call of a function that does not exist".into(),
                vec![],
            ));
        };
        if self.frames.len() >= self.limits.stack_depth as usize {
            return Err(self.report(
                ErrorClass::StackOverflow,
                format!("stack overflow: more than {} nested calls (is the recursion missing a base case?)", self.limits.stack_depth),
                vec![],
            ));
        }
        let base = match self.frames.last() {
            Some(fr) => {
                fr.base as usize
                    + prog
                        .funcs
                        .get(fr.func as usize)
                        .map(|f| f.nslots as usize)
                        .unwrap_or(0)
            }
            None => 0,
        };
        let need = base + callee.nslots as usize + 1;
        if need > self.regs.len() {
            let grow = need.max(self.regs.len() * 2).max(1024);
            if grow.saturating_mul(16) > self.limits.memory {
                return Err(self.limit_memory());
            }
            self.regs.resize(grow, Val::UNINIT);
        }
        let np = callee.nparams.min(n) as usize;
        for i in 0..np {
            self.regs[base + i] = self.regs[args_abs + i];
        }
        for i in np..callee.nslots as usize {
            self.regs[base + i] = Val::UNINIT;
        }
        let mut va = 0;
        if callee.variadic {
            let extra = n.saturating_sub(callee.nparams) as u64;
            let site = self.cur_site();
            let id = self
                .mem
                .alloc(extra * 8, 8, Kind::VaArgs, site, 0)
                .map_err(|_| self.limit_memory())?;
            let info = prog.calls.get(info as usize);
            for i in 0..extra as usize {
                let v = self.regs[args_abs + np + i];
                let sk = info
                    .and_then(|c| c.args.get(np + i))
                    .copied()
                    .unwrap_or(Sk::I64);
                let sk = match sk {
                    Sk::F32 | Sk::F64 => Sk::F64,
                    Sk::Ptr => Sk::Ptr,
                    s if s.is_signed() => Sk::I64,
                    _ => Sk::U64,
                };
                let p = self.mem.ptr(id, i as u64 * 8);
                let _ = self.mem.store(p, v, sk);
            }
            va = id;
        }
        let lbase = self.local_ids.len();
        self.local_ids.resize(lbase + callee.locals.len(), 0);
        self.frames.push(FrameRec {
            func: f,
            pc: 0,
            base: base as u32,
            lbase: lbase as u32,
            ret,
            va,
        });
        Ok(())
    }

    fn pop_frame(&mut self, v: Val) {
        let Some(fr) = self.frames.pop() else { return };
        let (line, col) = self.loc_of(fr.func, fr.pc.saturating_sub(1));
        self.last_ret = (line, col);
        let site = Site {
            line,
            col,
            func: fr.func,
        };
        for i in fr.lbase as usize..self.local_ids.len() {
            let id = self.local_ids[i];
            if id != 0 {
                self.mem.kill(id, State::Returned, site);
            }
        }
        if fr.va != 0 {
            self.mem.kill(fr.va, State::Returned, site);
        }
        self.local_ids.truncate(fr.lbase as usize);
        if fr.ret != u32::MAX
            && let Some(r) = self.regs.get_mut(fr.ret as usize)
        {
            *r = v;
        }
        self.ret_val = v;
    }

    /// Calls a function pointer from libc (qsort's comparator) and runs it
    /// to completion.
    pub(crate) fn call_value(&mut self, fp: Val, args: &[Val]) -> Result<Val, Stop> {
        let f = self.func_index(fp)?;
        // Put the arguments in scratch slots above the current frame.
        let base = match self.frames.last() {
            Some(fr) => {
                fr.base as usize
                    + self
                        .prog
                        .funcs
                        .get(fr.func as usize)
                        .map(|f| f.nslots as usize)
                        .unwrap_or(0)
            }
            None => 0,
        };
        let scratch = base
            + self
                .prog
                .funcs
                .get(f as usize)
                .map(|f| f.nslots as usize)
                .unwrap_or(0)
            + 1;
        let need = scratch + args.len() + 1;
        if need > self.regs.len() {
            self.regs.resize(need.max(self.regs.len() * 2), Val::UNINIT);
        }
        // The callee frame sits at `base`; copy args first, then push.
        for (i, a) in args.iter().enumerate() {
            self.regs[scratch + i] = *a;
        }
        let depth = self.frames.len();
        self.push_frame(f, scratch, args.len() as u32, u32::MAX, u32::MAX)?;
        self.exec(depth)?;
        Ok(self.ret_val)
    }

    pub(crate) fn func_index(&self, fp: Val) -> Result<u32, Stop> {
        if !fp.init {
            return Err(self.uninit("the function pointer of a call"));
        }
        if fp.bits == 0 {
            return Err(self.report(
                ErrorClass::NullDereference,
                "call through a NULL function pointer".into(),
                vec![],
            ));
        }
        let off = fp.bits.wrapping_sub(FUNC_BASE);
        if !off.is_multiple_of(16) || off / 16 >= self.prog.funcs.len() as u64 || off / 16 == 0 {
            return Err(self.report(
                ErrorClass::InvalidPointer,
                format!(
                    "call through a pointer ({:#x}) that does not point to a function",
                    fp.bits
                ),
                vec![],
            ));
        }
        Ok((off / 16) as u32)
    }

    // ------------------------------------------------------------ the loop

    #[inline]
    fn arith(&mut self, op: Bop, k: Ak, a: Val, b: Val) -> Result<Val, Stop> {
        let init = a.init && b.init;
        let (x, y) = (a.bits, b.bits);
        macro_rules! cmp {
            ($t:ty) => {{
                let (p, q) = (x as $t, y as $t);
                let r = match op {
                    Bop::Eq => p == q,
                    Bop::Ne => p != q,
                    Bop::Lt => p < q,
                    Bop::Le => p <= q,
                    Bop::Gt => p > q,
                    _ => p >= q,
                };
                return Ok(Val {
                    bits: r as u64,
                    prov: 0,
                    init,
                });
            }};
        }
        if matches!(
            op,
            Bop::Eq | Bop::Ne | Bop::Lt | Bop::Le | Bop::Gt | Bop::Ge
        ) {
            match k {
                Ak::I32 | Ak::I64 => cmp!(i64),
                Ak::U32 | Ak::U64 | Ak::Ptr => cmp!(u64),
                Ak::F32 | Ak::F64 => {
                    let (p, q) = (f64::from_bits(x), f64::from_bits(y));
                    let r = match op {
                        Bop::Eq => p == q,
                        Bop::Ne => p != q,
                        Bop::Lt => p < q,
                        Bop::Le => p <= q,
                        Bop::Gt => p > q,
                        _ => p >= q,
                    };
                    return Ok(Val {
                        bits: r as u64,
                        prov: 0,
                        init,
                    });
                }
            }
        }
        let bits = match k {
            Ak::F32 | Ak::F64 => {
                let (p, q) = (f64::from_bits(x), f64::from_bits(y));
                let r = match op {
                    Bop::Add => p + q,
                    Bop::Sub => p - q,
                    Bop::Mul => p * q,
                    Bop::Div => p / q,
                    _ => 0.0,
                };
                let r = if k == Ak::F32 { r as f32 as f64 } else { r };
                r.to_bits()
            }
            Ak::I32 | Ak::I64 => {
                let (p, q) = (x as i64, y as i64);
                let wide = k == Ak::I64;
                let tname = if wide { "long" } else { "int" };
                let (min, max) = if wide {
                    (i64::MIN, i64::MAX)
                } else {
                    (i32::MIN as i64, i32::MAX as i64)
                };
                if !init {
                    // Garbage in, garbage out: no checks on uninitialised operands.
                    let r = match op {
                        Bop::Add => p.wrapping_add(q),
                        Bop::Sub => p.wrapping_sub(q),
                        Bop::Mul => p.wrapping_mul(q),
                        Bop::Div => p.checked_div(q).unwrap_or(0),
                        Bop::Rem => p.checked_rem(q).unwrap_or(0),
                        Bop::Shl => p.wrapping_shl(q as u32),
                        Bop::Shr => p.wrapping_shr(q as u32),
                        Bop::And => p & q,
                        Bop::Or => p | q,
                        _ => p ^ q,
                    };
                    return Ok(Val {
                        bits: canon(if wide { Sk::I64 } else { Sk::I32 }, r as i128),
                        prov: 0,
                        init: false,
                    });
                }
                let ovf = |this: &Self, sym: &str| {
                    this.report(ErrorClass::SignedIntegerOverflow, format!("signed integer overflow: {p} {sym} {q} cannot be represented in type '{tname}'"), vec![])
                };
                let r: i128 = match op {
                    Bop::Add => p as i128 + q as i128,
                    Bop::Sub => p as i128 - q as i128,
                    Bop::Mul => p as i128 * q as i128,
                    Bop::Div | Bop::Rem => {
                        if q == 0 {
                            let what = if op == Bop::Div {
                                "division"
                            } else {
                                "remainder"
                            };
                            return Err(self.report(
                                ErrorClass::DivisionByZero,
                                format!(
                                    "{what} by zero ({p} {} 0)",
                                    if op == Bop::Div { "/" } else { "%" }
                                ),
                                vec![],
                            ));
                        }
                        if p == min && q == -1 {
                            return Err(self.report(
                                ErrorClass::SignedIntegerOverflow,
                                format!("division overflow: {p} {} -1 cannot be represented in type '{tname}'", if op == Bop::Div { "/" } else { "%" }),
                                vec![],
                            ));
                        }
                        if op == Bop::Div {
                            (p / q) as i128
                        } else {
                            (p % q) as i128
                        }
                    }
                    Bop::Shl | Bop::Shr => {
                        let w = if wide { 64 } else { 32 };
                        if q < 0 || q >= w {
                            return Err(self.report(
                                ErrorClass::InvalidShift,
                                format!(
                                    "shift exponent {q} is {} for the {w}-bit type '{tname}'",
                                    if q < 0 { "negative" } else { "too large" }
                                ),
                                vec![],
                            ));
                        }
                        if op == Bop::Shr {
                            (p >> q) as i128
                        } else {
                            if p < 0 {
                                return Err(self.report(
                                    ErrorClass::InvalidShift,
                                    format!("left shift of negative value {p}"),
                                    vec![],
                                ));
                            }
                            let r = (p as i128) << q;
                            if r > max as i128 {
                                return Err(self.report(ErrorClass::InvalidShift, format!("left shift of {p} by {q} places cannot be represented in type '{tname}'"), vec![]));
                            }
                            r
                        }
                    }
                    Bop::And => (p & q) as i128,
                    Bop::Or => (p | q) as i128,
                    _ => (p ^ q) as i128,
                };
                if r < min as i128 || r > max as i128 {
                    let sym = match op {
                        Bop::Add => "+",
                        Bop::Sub => "-",
                        _ => "*",
                    };
                    return Err(ovf(self, sym));
                }
                r as i64 as u64
            }
            Ak::U32 | Ak::U64 => {
                let wide = k == Ak::U64;
                let mask: u64 = if wide { u64::MAX } else { u32::MAX as u64 };
                let w = if wide { 64 } else { 32 };
                let (r, wrapped) = match op {
                    Bop::Add => {
                        let (r, o) = x.overflowing_add(y);
                        (r & mask, o || (!wide && r > mask))
                    }
                    Bop::Sub => (x.wrapping_sub(y) & mask, x < y),
                    Bop::Mul => {
                        let r = (x as u128) * (y as u128);
                        (r as u64 & mask, r > mask as u128)
                    }
                    Bop::Div | Bop::Rem => {
                        if y == 0 {
                            if !init {
                                return Ok(Val::UNINIT);
                            }
                            let what = if op == Bop::Div {
                                "division"
                            } else {
                                "remainder"
                            };
                            return Err(self.report(
                                ErrorClass::DivisionByZero,
                                format!(
                                    "{what} by zero ({x} {} 0)",
                                    if op == Bop::Div { "/" } else { "%" }
                                ),
                                vec![],
                            ));
                        }
                        (if op == Bop::Div { x / y } else { x % y }, false)
                    }
                    Bop::Shl | Bop::Shr => {
                        let q = y as i64;
                        if q < 0 || q >= w {
                            if !init {
                                return Ok(Val::UNINIT);
                            }
                            let tname = if wide {
                                "unsigned long"
                            } else {
                                "unsigned int"
                            };
                            return Err(self.report(
                                ErrorClass::InvalidShift,
                                format!(
                                    "shift exponent {q} is {} for the {w}-bit type '{tname}'",
                                    if q < 0 { "negative" } else { "too large" }
                                ),
                                vec![],
                            ));
                        }
                        (
                            if op == Bop::Shl {
                                (x << q) & mask
                            } else {
                                x >> q
                            },
                            false,
                        )
                    }
                    Bop::And => (x & y, false),
                    Bop::Or => (x | y, false),
                    _ => (x ^ y, false),
                };
                if wrapped && init && self.warn_wanted() {
                    let tname = if wide {
                        "unsigned long"
                    } else {
                        "unsigned int"
                    };
                    let sym = match op {
                        Bop::Add => "+",
                        Bop::Sub => "-",
                        _ => "*",
                    };
                    self.warn(ErrorClass::UnsignedWrap, format!("unsigned integer wrap-around: {x} {sym} {y} wrapped to {r} in type '{tname}'"));
                }
                r
            }
            Ak::Ptr => x,
        };
        Ok(Val {
            bits,
            prov: 0,
            init,
        })
    }

    /// Runs until the frame stack is back to `stop_depth` frames.
    pub(crate) fn exec(&mut self, stop_depth: usize) -> Result<(), Stop> {
        let prog: &'p Program = self.prog;
        'frames: loop {
            let Some(fr) = self.frames.last() else {
                return Ok(());
            };
            let fidx = fr.func;
            let func = &prog.funcs[fidx as usize];
            let code = &func.code[..];
            let mut pc = fr.pc as usize;
            let base = fr.base as usize;
            let lbase = fr.lbase as usize;
            let fuel = self.limits.fuel;
            macro_rules! sync {
                () => {
                    if let Some(f) = self.frames.last_mut() {
                        f.pc = pc as u32;
                    }
                };
            }
            macro_rules! fail {
                ($e:expr) => {{
                    sync!();
                    return Err($e);
                }};
            }
            loop {
                let Some(&op) = code.get(pc) else {
                    sync!();
                    return Err(self.report(
                        ErrorClass::InvalidPointer,
                        "internal error: ran past the end of a function".into(),
                        vec![],
                    ));
                };
                pc += 1;
                self.steps += 1;
                if self.steps > fuel {
                    sync!();
                    return Err(self.report(
                        ErrorClass::LimitExceeded,
                        format!("stopped after {} steps: is there an infinite loop?", fuel),
                        vec![],
                    ));
                }
                match op {
                    Op::Imm { d, v } => self.regs[base + d as usize] = Val::int(v),
                    Op::Mov { d, s } => self.regs[base + d as usize] = self.regs[base + s as usize],
                    Op::Undef { d, var } => {
                        self.regs[base + d as usize] = Val {
                            bits: 0,
                            prov: ORIGIN_REG | (fidx.min(0x7fff) << 16) | var.min(0xffff),
                            init: false,
                        }
                    }
                    Op::Bin { op, k, d, a, b } => {
                        let (va, vb) = (self.regs[base + a as usize], self.regs[base + b as usize]);
                        let r = match self.arith_fast(op, k, va, vb) {
                            Some(r) => r,
                            None => {
                                sync!();
                                self.arith(op, k, va, vb)?
                            }
                        };
                        self.regs[base + d as usize] = taint(r, va, vb);
                    }
                    Op::BinI { op, k, d, a, imm } => {
                        let va = self.regs[base + a as usize];
                        let vb = Val::int(imm as i64 as u64);
                        let r = match self.arith_fast(op, k, va, vb) {
                            Some(r) => r,
                            None => {
                                sync!();
                                self.arith(op, k, va, vb)?
                            }
                        };
                        self.regs[base + d as usize] = taint(r, va, vb);
                    }
                    Op::BrCmp {
                        op,
                        k,
                        a,
                        b,
                        t,
                        sense,
                    } => {
                        let (va, vb) = (self.regs[base + a as usize], self.regs[base + b as usize]);
                        if !(va.init && vb.init) {
                            fail!(self.uninit_from("a branch", if va.init { vb } else { va }));
                        }
                        let r = match self.arith_fast(op, k, va, vb) {
                            Some(r) => r,
                            None => {
                                sync!();
                                self.arith(op, k, va, vb)?
                            }
                        };
                        if (r.bits != 0) == sense {
                            pc = t as usize;
                        }
                    }
                    Op::BrCmpI {
                        op,
                        k,
                        a,
                        imm,
                        t,
                        sense,
                    } => {
                        let va = self.regs[base + a as usize];
                        if !va.init {
                            fail!(self.uninit_from("a branch", va));
                        }
                        let vb = Val::int(imm as i64 as u64);
                        let r = match self.arith_fast(op, k, va, vb) {
                            Some(r) => r,
                            None => {
                                sync!();
                                self.arith(op, k, va, vb)?
                            }
                        };
                        if (r.bits != 0) == sense {
                            pc = t as usize;
                        }
                    }
                    Op::AddImm { k, d, a, imm } => {
                        let v = self.regs[base + a as usize];
                        let imm64 = imm as i64;
                        let r = match k {
                            Ak::I32 => {
                                let r = (v.bits as i64).wrapping_add(imm64);
                                if v.init && (r < i32::MIN as i64 || r > i32::MAX as i64) {
                                    fail!(self.report(ErrorClass::SignedIntegerOverflow, format!("signed integer overflow: {} {} {} cannot be represented in type 'int'", v.bits as i64, if imm < 0 { "-" } else { "+" }, imm64.abs()), vec![]));
                                }
                                Val { bits: canon(Sk::I32, r as i128), prov: if v.init { 0 } else { v.prov }, init: v.init }
                            }
                            Ak::I64 => match (v.bits as i64).checked_add(imm64) {
                                Some(r) => Val { bits: r as u64, prov: if v.init { 0 } else { v.prov }, init: v.init },
                                None if !v.init => Val::UNINIT,
                                None => fail!(self.report(ErrorClass::SignedIntegerOverflow, format!("signed integer overflow: {} {} {} cannot be represented in type 'long'", v.bits as i64, if imm < 0 { "-" } else { "+" }, imm64.abs()), vec![])),
                            },
                            Ak::U32 | Ak::U64 => {
                                let mask = if k == Ak::U32 { u32::MAX as u64 } else { u64::MAX };
                                let r = v.bits.wrapping_add(imm64 as u64) & mask;
                                let wrapped = if imm < 0 { v.bits < imm64.unsigned_abs() } else { r < v.bits };
                                if wrapped && v.init && {
                                    sync!();
                                    self.warn_wanted()
                                } {
                                    let tname = if k == Ak::U32 { "unsigned int" } else { "unsigned long" };
                                    self.warn(ErrorClass::UnsignedWrap, format!("unsigned integer wrap-around: {} {} {} wrapped to {r} in type '{tname}'", v.bits, if imm < 0 { "-" } else { "+" }, imm64.abs()));
                                }
                                Val { bits: r, prov: if v.init { 0 } else { v.prov }, init: v.init }
                            }
                            _ => Val { bits: v.bits.wrapping_add(imm64 as u64), prov: v.prov, init: v.init },
                        };
                        self.regs[base + d as usize] = r;
                    }
                    Op::Neg { k, d, a } => {
                        let v = self.regs[base + a as usize];
                        let bits = match k {
                            Ak::I32 | Ak::I64 => {
                                let min = if k == Ak::I32 {
                                    i32::MIN as i64
                                } else {
                                    i64::MIN
                                };
                                if v.bits as i64 == min && v.init {
                                    fail!(self.report(ErrorClass::SignedIntegerOverflow, format!("signed integer overflow: negation of {min} cannot be represented in type '{}'", if k == Ak::I32 { "int" } else { "long" }), vec![]));
                                }
                                (v.bits as i64).wrapping_neg() as u64
                            }
                            Ak::U32 => v.bits.wrapping_neg() & u32::MAX as u64,
                            Ak::U64 => v.bits.wrapping_neg(),
                            Ak::F32 | Ak::F64 => (-f64::from_bits(v.bits)).to_bits(),
                            Ak::Ptr => v.bits,
                        };
                        self.regs[base + d as usize] = Val {
                            bits,
                            prov: if v.init { 0 } else { v.prov },
                            init: v.init,
                        };
                    }
                    Op::BitNot { k, d, a } => {
                        let v = self.regs[base + a as usize];
                        let bits = if k == Ak::U32 {
                            !v.bits & u32::MAX as u64
                        } else {
                            !v.bits
                        };
                        self.regs[base + d as usize] = Val {
                            bits,
                            prov: if v.init { 0 } else { v.prov },
                            init: v.init,
                        };
                    }
                    Op::Not { sk, d, a } => {
                        let v = self.regs[base + a as usize];
                        self.regs[base + d as usize] = Val {
                            bits: (!truthy(v, sk)) as u64,
                            prov: if v.init { 0 } else { v.prov },
                            init: v.init,
                        };
                    }
                    Op::Cvt {
                        from,
                        to,
                        d,
                        s,
                        implicit,
                    } => {
                        let v = self.regs[base + s as usize];
                        let r = match convert_bits(from, to, v.bits) {
                            Ok((bits, changed)) => {
                                if changed
                                    && implicit
                                    && v.init
                                    && from.is_int()
                                    && to.is_int()
                                    && to != Sk::Bool
                                    && {
                                        sync!();
                                        self.warn_wanted()
                                    }
                                {
                                    let shown = |sk: Sk, b: u64| {
                                        if sk.is_signed() {
                                            (b as i64).to_string()
                                        } else {
                                            b.to_string()
                                        }
                                    };
                                    self.warn(
                                        ErrorClass::Narrowing,
                                        format!("implicit conversion from '{}' to '{}' changed the value from {} to {}", from.name(), to.name(), shown(from, v.bits), shown(to, bits)),
                                    );
                                }
                                let prov = if to == Sk::Ptr && from == Sk::Ptr {
                                    v.prov
                                } else if to == Sk::Ptr && bits != 0 {
                                    self.mem.lookup(bits)
                                } else {
                                    0
                                };
                                Val {
                                    bits,
                                    prov: if v.init { prov } else { v.prov },
                                    init: v.init,
                                }
                            }
                            Err(CvtOverflow) => {
                                if !v.init {
                                    Val::UNINIT
                                } else {
                                    fail!(self.report(ErrorClass::FloatCastOverflow, format!("{} is outside the range of representable values of type '{}'", f64::from_bits(v.bits), to.name()), vec![]));
                                }
                            }
                        };
                        self.regs[base + d as usize] = r;
                    }
                    Op::BitGet {
                        d,
                        s,
                        shift,
                        width,
                        signed,
                    } => {
                        let v = self.regs[base + s as usize];
                        let mask = if width >= 64 {
                            u64::MAX
                        } else {
                            (1u64 << width) - 1
                        };
                        let mut x = (v.bits >> shift) & mask;
                        if signed && width < 64 && x >> (width - 1) & 1 == 1 {
                            x |= !mask;
                        }
                        self.regs[base + d as usize] = Val {
                            bits: x,
                            prov: if v.init { 0 } else { v.prov },
                            init: v.init,
                        };
                    }
                    Op::BitSet {
                        d,
                        unit,
                        v,
                        shift,
                        width,
                    } => {
                        let u = self.regs[base + unit as usize];
                        let nv = self.regs[base + v as usize];
                        let mask = if width >= 64 {
                            u64::MAX
                        } else {
                            (1u64 << width) - 1
                        };
                        let bits = (u.bits & !(mask << shift)) | ((nv.bits & mask) << shift);
                        self.regs[base + d as usize] = Val {
                            bits,
                            prov: if nv.init { 0 } else { nv.prov },
                            init: nv.init,
                        };
                    }
                    Op::PtrAdd { d, p, i, scale } => {
                        let pv = self.regs[base + p as usize];
                        let iv = self.regs[base + i as usize];
                        let bits = pv
                            .bits
                            .wrapping_add((iv.bits as i64).wrapping_mul(scale as i64) as u64);
                        self.regs[base + d as usize] = Val {
                            bits,
                            prov: if iv.init { pv.prov } else { iv.prov },
                            init: pv.init && iv.init,
                        };
                    }
                    Op::PtrDiff { d, a, b, scale } => {
                        let (va, vb) = (self.regs[base + a as usize], self.regs[base + b as usize]);
                        let diff = va.bits.wrapping_sub(vb.bits) as i64;
                        let r = diff.checked_div(scale.max(1) as i64).unwrap_or(0);
                        self.regs[base + d as usize] = Val {
                            bits: r as u64,
                            prov: orig(va, vb),
                            init: va.init && vb.init,
                        };
                    }
                    Op::Load { sk, d, a } => {
                        let p = self.regs[base + a as usize];
                        if !p.init {
                            fail!(self.uninit_from("the address of this read", p));
                        }
                        match self.mem.load(p, sk) {
                            Ok(v) => self.regs[base + d as usize] = v,
                            Err(e) => fail!(self.mem_error(e, p, sk.size(), false, "")),
                        }
                    }
                    Op::Store { sk, a, s } => {
                        let p = self.regs[base + a as usize];
                        let v = self.regs[base + s as usize];
                        if !p.init {
                            fail!(self.uninit_from("the address of this write", p));
                        }
                        if let Err(e) = self.mem.store(p, v, sk) {
                            fail!(self.mem_error(e, p, sk.size(), true, ""));
                        }
                    }
                    Op::AddrLocal { d, l } => {
                        let slot = lbase + l as usize;
                        let mut id = self.local_ids.get(slot).copied().unwrap_or(0);
                        if id == 0 {
                            // A jump skipped the declaration: allocate now.
                            sync!();
                            id = self.decl_local(fidx, l, slot)?;
                        }
                        self.regs[base + d as usize] = self.mem.ptr(id, 0);
                    }
                    Op::DeclLocal { l } => {
                        let slot = lbase + l as usize;
                        let id = self.local_ids.get(slot).copied().unwrap_or(0);
                        if id == 0 || !self.mem.revive(id) {
                            sync!();
                            self.decl_local(fidx, l, slot)?;
                        }
                        if self.mem.stack_bytes > STACK_BYTES {
                            fail!(self.report(
                                ErrorClass::StackOverflow,
                                format!(
                                    "stack overflow: local variables use more than {} bytes",
                                    STACK_BYTES
                                ),
                                vec![]
                            ));
                        }
                    }
                    Op::DeclVla { l, n, elem } => {
                        let nv = self.regs[base + n as usize];
                        sync!();
                        if !nv.init {
                            return Err(self.uninit("the size of a variable-length array"));
                        }
                        let count = nv.bits as i64;
                        if count < 0 {
                            return Err(self.report(
                                ErrorClass::StackOverflow,
                                format!("variable-length array with a negative size ({count})"),
                                vec![],
                            ));
                        }
                        let size = (count as u64).saturating_mul(elem as u64);
                        if size > STACK_BYTES
                            || self.mem.stack_bytes.saturating_add(size) > STACK_BYTES
                        {
                            return Err(self.report(ErrorClass::StackOverflow, format!("stack overflow: a variable-length array of {size} bytes does not fit in the {STACK_BYTES}-byte stack"), vec![]));
                        }
                        let slot = lbase + l as usize;
                        let old = self.local_ids.get(slot).copied().unwrap_or(0);
                        if old != 0 {
                            let site = self.cur_site();
                            self.mem.kill(old, State::Returned, site);
                            if let Some(a) = self.mem.allocs.get_mut(old as usize) {
                                a.state = State::OutOfScope;
                            }
                        }
                        let (line, col) = self.cur_loc();
                        let id = self
                            .mem
                            .alloc(
                                size,
                                16,
                                Kind::Stack,
                                Site {
                                    line,
                                    col,
                                    func: fidx,
                                },
                                l,
                            )
                            .map_err(|_| self.limit_memory())?;
                        if let Some(x) = self.local_ids.get_mut(slot) {
                            *x = id;
                        }
                    }
                    Op::Leave { scope } => {
                        if let Some(list) = func.scopes.get(scope as usize) {
                            let (line, col) = func.locs.get(pc - 1).copied().unwrap_or((0, 0));
                            for &l in list {
                                let id =
                                    self.local_ids.get(lbase + l as usize).copied().unwrap_or(0);
                                if id != 0 {
                                    self.mem.kill(
                                        id,
                                        State::OutOfScope,
                                        Site {
                                            line,
                                            col,
                                            func: fidx,
                                        },
                                    );
                                }
                            }
                        }
                    }
                    Op::AddrGlobal { d, g } => {
                        let id = self.globals.get(g as usize).copied().unwrap_or(0);
                        self.regs[base + d as usize] = self.mem.ptr(id, 0);
                    }
                    Op::AddrFunc { d, f } => {
                        self.regs[base + d as usize] = Val::int(FUNC_BASE + f as u64 * 16);
                    }
                    Op::Offset { d, a, off } => {
                        let v = self.regs[base + a as usize];
                        self.regs[base + d as usize] = Val {
                            bits: v.bits.wrapping_add(off as u64),
                            prov: v.prov,
                            init: v.init,
                        };
                    }
                    Op::Copy { d, s, size } => {
                        let pd = self.regs[base + d as usize];
                        let ps = self.regs[base + s as usize];
                        sync!();
                        let (sid, soff) = match (ps.init, self.mem.resolve(ps, size as u64)) {
                            (false, _) => return Err(self.uninit("the address of this copy")),
                            (_, Ok(r)) => r,
                            (_, Err(e)) => {
                                return Err(self.mem_error(e, ps, size as u64, false, ""));
                            }
                        };
                        let (did, doff) = match (pd.init, self.mem.resolve(pd, size as u64)) {
                            (false, _) => return Err(self.uninit("the address of this copy")),
                            (_, Ok(r)) => r,
                            (_, Err(e)) => {
                                return Err(self.mem_error(e, pd, size as u64, true, ""));
                            }
                        };
                        if self
                            .mem
                            .allocs
                            .get(did as usize)
                            .is_some_and(|a| a.readonly)
                        {
                            return Err(self.mem_error(
                                MemErr::ReadOnly { id: did },
                                pd,
                                size as u64,
                                true,
                                "",
                            ));
                        }
                        self.mem.copy(did, doff, sid, soff, size as usize);
                    }
                    Op::Zero { a, size } => {
                        let p = self.regs[base + a as usize];
                        sync!();
                        let (id, off) = match self.mem.resolve(p, size as u64) {
                            Ok(r) => r,
                            Err(e) => return Err(self.mem_error(e, p, size as u64, true, "")),
                        };
                        self.mem.fill(id, off, size as usize, 0);
                    }
                    Op::Jmp { t } => pc = t as usize,
                    Op::JmpIf { sk, c, t } => {
                        let v = self.regs[base + c as usize];
                        if !v.init {
                            fail!(self.uninit_from("a branch", v));
                        }
                        if truthy(v, sk) {
                            pc = t as usize;
                        }
                    }
                    Op::JmpIfNot { sk, c, t } => {
                        let v = self.regs[base + c as usize];
                        if !v.init {
                            fail!(self.uninit_from("a branch", v));
                        }
                        if !truthy(v, sk) {
                            pc = t as usize;
                        }
                    }
                    Op::Switch { s, table } => {
                        let v = self.regs[base + s as usize];
                        if !v.init {
                            fail!(self.uninit_from("a switch", v));
                        }
                        let Some(tab) = func.switches.get(table as usize) else {
                            continue;
                        };
                        let x = v.bits as i64;
                        pc = tab
                            .cases
                            .iter()
                            .find(|c| c.0 == x)
                            .map(|c| c.1)
                            .unwrap_or(tab.default) as usize;
                    }
                    Op::Call {
                        f,
                        args,
                        n,
                        d,
                        info,
                    } => {
                        sync!();
                        self.push_frame(
                            f,
                            base + args as usize,
                            n,
                            (base + d as usize) as u32,
                            info,
                        )?;
                        continue 'frames;
                    }
                    Op::CallPtr {
                        fp,
                        args,
                        n,
                        d,
                        info,
                    } => {
                        sync!();
                        let fv = self.regs[base + fp as usize];
                        let f = self.func_index(fv)?;
                        let callee = &prog.funcs[f as usize];
                        if let Some(lf) = callee.libc {
                            let r = crate::libc::call(self, lf, base + args as usize, n, info)?;
                            self.regs[base + d as usize] = r;
                            continue;
                        }
                        let ci = prog.calls.get(info as usize);
                        let ok = if callee.variadic {
                            n >= callee.nparams
                        } else {
                            n == callee.nparams
                        };
                        let mut ok_types = true;
                        if let (Some(sig), Some(ci)) = (prog.types.sig(callee.ty), ci) {
                            for (i, p) in sig.params.iter().enumerate() {
                                if let Some(&a) = ci.args.get(i)
                                    && a != prog.types.sk(*p)
                                {
                                    ok_types = false;
                                }
                            }
                        }
                        if !ok || !ok_types {
                            fail!(self.report(
                                ErrorClass::BadFunctionCall,
                                format!("call to '{}' through a function pointer of the wrong type ({} argument(s) passed, it takes {})", callee.name, n, callee.nparams),
                                vec![],
                            ));
                        }
                        self.push_frame(
                            f,
                            base + args as usize,
                            n,
                            (base + d as usize) as u32,
                            info,
                        )?;
                        continue 'frames;
                    }
                    Op::Libc {
                        f,
                        args,
                        n,
                        d,
                        info,
                    } => {
                        sync!();
                        let r = crate::libc::call(self, f, base + args as usize, n, info)?;
                        self.regs[base + d as usize] = r;
                    }
                    Op::Ret { s } => {
                        sync!();
                        let v = self.regs[base + s as usize];
                        self.pop_frame(v);
                        if self.frames.len() <= stop_depth {
                            return Ok(());
                        }
                        continue 'frames;
                    }
                    Op::RetVoid | Op::RetMissing => {
                        sync!();
                        self.pop_frame(Val::UNINIT);
                        if self.frames.len() <= stop_depth {
                            return Ok(());
                        }
                        continue 'frames;
                    }
                }
            }
        }
    }

    /// The common, check-free cases of binary arithmetic.
    #[inline(always)]
    fn arith_fast(&self, op: Bop, k: Ak, a: Val, b: Val) -> Option<Val> {
        if !(a.init && b.init) {
            return None;
        }
        let (x, y) = (a.bits as i64, b.bits as i64);
        let r = match (k, op) {
            (Ak::I32, Bop::Add) => x + y,
            (Ak::I32, Bop::Sub) => x - y,
            (Ak::I32, Bop::Mul) => x * y,
            (Ak::I32 | Ak::I64, Bop::Lt) => return Some(Val::int((x < y) as u64)),
            (Ak::I32 | Ak::I64, Bop::Le) => return Some(Val::int((x <= y) as u64)),
            (Ak::I32 | Ak::I64, Bop::Gt) => return Some(Val::int((x > y) as u64)),
            (Ak::I32 | Ak::I64, Bop::Ge) => return Some(Val::int((x >= y) as u64)),
            (Ak::I32 | Ak::I64 | Ak::U32 | Ak::U64 | Ak::Ptr, Bop::Eq) => {
                return Some(Val::int((a.bits == b.bits) as u64));
            }
            (Ak::I32 | Ak::I64 | Ak::U32 | Ak::U64 | Ak::Ptr, Bop::Ne) => {
                return Some(Val::int((a.bits != b.bits) as u64));
            }
            (Ak::I32 | Ak::I64, Bop::And) => return Some(Val::int(a.bits & b.bits)),
            (Ak::I32 | Ak::I64, Bop::Or) => return Some(Val::int(a.bits | b.bits)),
            (Ak::I32 | Ak::I64, Bop::Xor) => return Some(Val::int(a.bits ^ b.bits)),
            (Ak::I32, Bop::Div) if y != 0 && y != -1 => x / y,
            (Ak::I32, Bop::Rem) if y != 0 && y != -1 => x % y,
            (Ak::U32 | Ak::U64 | Ak::Ptr, Bop::Lt) => {
                return Some(Val::int((a.bits < b.bits) as u64));
            }
            (Ak::U32 | Ak::U64 | Ak::Ptr, Bop::Le) => {
                return Some(Val::int((a.bits <= b.bits) as u64));
            }
            (Ak::U32 | Ak::U64 | Ak::Ptr, Bop::Gt) => {
                return Some(Val::int((a.bits > b.bits) as u64));
            }
            (Ak::U32 | Ak::U64 | Ak::Ptr, Bop::Ge) => {
                return Some(Val::int((a.bits >= b.bits) as u64));
            }
            (Ak::U32 | Ak::U64, Bop::And) => return Some(Val::int(a.bits & b.bits)),
            (Ak::U32 | Ak::U64, Bop::Or) => return Some(Val::int(a.bits | b.bits)),
            (Ak::U32 | Ak::U64, Bop::Xor) => return Some(Val::int(a.bits ^ b.bits)),
            (Ak::U32, Bop::Add) => {
                let r = a.bits + b.bits;
                return (r <= u32::MAX as u64).then_some(Val::int(r));
            }
            (Ak::U64, Bop::Add) => return a.bits.checked_add(b.bits).map(Val::int),
            (Ak::U32 | Ak::U64, Bop::Sub) => return a.bits.checked_sub(b.bits).map(Val::int),
            (Ak::U32, Bop::Mul) => {
                let r = a.bits * b.bits;
                return (r <= u32::MAX as u64).then_some(Val::int(r));
            }
            (Ak::I64, Bop::Add) => return x.checked_add(y).map(|r| Val::int(r as u64)),
            (Ak::I64, Bop::Sub) => return x.checked_sub(y).map(|r| Val::int(r as u64)),
            _ => return None,
        };
        if r < i32::MIN as i64 || r > i32::MAX as i64 {
            return None;
        }
        Some(Val::int(r as u64))
    }

    fn decl_local(&mut self, func: u32, l: u32, slot: usize) -> Result<u32, Stop> {
        let info = self
            .prog
            .funcs
            .get(func as usize)
            .and_then(|f| f.locals.get(l as usize));
        let (size, align, line) = info.map(|i| (i.size, i.align, i.line)).unwrap_or((0, 1, 0));
        let site = Site { line, col: 0, func };
        let id = self
            .mem
            .alloc(size, align, Kind::Stack, site, l)
            .map_err(|_| self.limit_memory())?;
        if let Some(x) = self.local_ids.get_mut(slot) {
            *x = id;
        }
        Ok(id)
    }

    // ------------------------------------------------------------ the run

    fn setup(&mut self, args: &[String]) -> Result<(), Stop> {
        let prog = self.prog;
        for (i, g) in prog.globals.iter().enumerate() {
            let kind = if g.data.is_some() {
                Kind::Literal
            } else {
                Kind::Global
            };
            let id = self
                .mem
                .alloc(
                    g.size,
                    g.align,
                    kind,
                    Site {
                        line: g.line,
                        col: 0,
                        func: 0,
                    },
                    i as u32,
                )
                .map_err(|_| self.limit_memory())?;
            match &g.data {
                Some(d) => self.mem.write_bytes(id, 0, d),
                None => self.mem.fill(id, 0, g.size as usize, 0),
            }
            if let Some(a) = self.mem.allocs.get_mut(id as usize) {
                a.readonly = g.readonly;
            }
            self.globals.push(id);
        }
        for (i, g) in [prog.stdin_g, prog.stdout_g, prog.stderr_g]
            .into_iter()
            .enumerate()
        {
            let id = self
                .mem
                .alloc(8, 8, Kind::File, Site::default(), i as u32)
                .map_err(|_| self.limit_memory())?;
            self.mem.fill(id, 0, 8, 0);
            self.files[i] = id;
            if let Some(g) = g
                && let Some(&gid) = self.globals.get(g as usize)
            {
                let p = self.mem.ptr(id, 0);
                let _ = self.mem.store(self.mem.ptr(gid, 0), p, Sk::Ptr);
            }
        }
        // Global initialisers.
        self.regs.resize(1024, Val::UNINIT);
        self.push_frame(prog.init, 0, 0, u32::MAX, u32::MAX)?;
        self.exec(0)?;
        // argv.
        let mut argv_vals = Vec::new();
        let all: Vec<&str> = std::iter::once("prog")
            .chain(args.iter().map(|s| s.as_str()))
            .collect();
        for a in &all {
            let mut bytes = a.as_bytes().to_vec();
            bytes.push(0);
            let id = self
                .mem
                .alloc(
                    bytes.len() as u64,
                    1,
                    Kind::Global,
                    Site::default(),
                    u32::MAX,
                )
                .map_err(|_| self.limit_memory())?;
            self.mem.write_bytes(id, 0, &bytes);
            argv_vals.push(self.mem.ptr(id, 0));
        }
        let argv = self
            .mem
            .alloc(
                (all.len() as u64 + 1) * 8,
                8,
                Kind::Global,
                Site::default(),
                u32::MAX,
            )
            .map_err(|_| self.limit_memory())?;
        self.mem.fill(argv, 0, (all.len() + 1) * 8, 0);
        for (i, v) in argv_vals.iter().enumerate() {
            let _ = self
                .mem
                .store(self.mem.ptr(argv, i as u64 * 8), *v, Sk::Ptr);
        }
        let base = self.regs.len() - 4;
        self.regs[base] = Val::int(all.len() as u64);
        self.regs[base + 1] = self.mem.ptr(argv, 0);
        let n = prog.main_params.min(2);
        self.push_frame(prog.main, base, n, u32::MAX, u32::MAX)?;
        Ok(())
    }

    /// Heap blocks that nothing reachable points to.
    fn leaks(&self) -> Vec<u32> {
        let n = self.mem.allocs.len();
        let mut reached = vec![false; n];
        let mut work: Vec<u32> = Vec::new();
        for (id, a) in self.mem.allocs.iter().enumerate() {
            if a.state != State::Live {
                continue;
            }
            let root = match a.kind {
                Kind::Global | Kind::Literal | Kind::File => true,
                Kind::Stack | Kind::VaArgs => self.via_exit,
                Kind::Heap => false,
            };
            if root {
                reached[id] = true;
                work.push(id as u32);
            }
        }
        if self.via_exit {
            let top = self
                .frames
                .last()
                .map(|f| {
                    f.base as usize
                        + self
                            .prog
                            .funcs
                            .get(f.func as usize)
                            .map(|x| x.nslots as usize)
                            .unwrap_or(0)
                })
                .unwrap_or(0);
            for v in self.regs.iter().take(top.min(self.regs.len())) {
                if v.init && v.prov != 0 && (v.prov as usize) < n && !reached[v.prov as usize] {
                    reached[v.prov as usize] = true;
                    work.push(v.prov);
                }
            }
        }
        let mut found = Vec::new();
        while let Some(id) = work.pop() {
            found.clear();
            self.mem.pointees(id, &mut found);
            for &t in &found {
                if (t as usize) < n
                    && !reached[t as usize]
                    && self.mem.allocs[t as usize].state == State::Live
                {
                    reached[t as usize] = true;
                    work.push(t);
                }
            }
        }
        self.mem
            .allocs
            .iter()
            .enumerate()
            .filter(|(id, a)| a.kind == Kind::Heap && a.state == State::Live && !reached[*id])
            .map(|(id, _)| id as u32)
            .collect()
    }

    fn leak_report(&self, leaked: &[u32]) -> Report {
        let total: u64 = leaked
            .iter()
            .filter_map(|&id| self.mem.allocs.get(id as usize))
            .map(|a| a.size)
            .sum();
        let first = &self.mem.allocs[leaked[0] as usize];
        let mut notes = Vec::new();
        for &id in leaked.iter().take(10) {
            let a = &self.mem.allocs[id as usize];
            let how = match a.what {
                1 => "calloc",
                2 => "realloc",
                3 => "strdup",
                4 => "strndup",
                _ => "malloc",
            };
            notes.push(Note {
                message: format!(
                    "{} bytes allocated here were never freed: line {} ({how}({}) in {})",
                    a.size,
                    a.site.line,
                    a.size,
                    self.func_name(a.site.func)
                ),
                line: a.site.line,
            });
        }
        if leaked.len() > 10 {
            notes.push(Note {
                message: format!("... and {} more blocks", leaked.len() - 10),
                line: 0,
            });
        }
        Report {
            class: ErrorClass::MemoryLeak,
            message: format!(
                "{total} byte{} in {} block{} definitely lost (nothing points to {} when the program exits)",
                if total == 1 { "" } else { "s" },
                leaked.len(),
                if leaked.len() == 1 { "" } else { "s" },
                if leaked.len() == 1 { "it" } else { "them" }
            ),
            line: first.site.line,
            column: first.site.col,
            notes,
            stack: vec![Frame {
                function: self.func_name(first.site.func).to_string(),
                line: first.site.line,
            }],
        }
    }
}

/// Runs a compiled program.
pub(crate) fn run(prog: &Program, input: &Input, limits: &Limits) -> Outcome {
    let mut vm = Vm::new(prog, input, limits);
    let mut result = vm.setup(&input.args);
    if result.is_ok() {
        result = vm.exec(0);
    }
    let mut error = None;
    let exit_code;
    let mut normal_exit = false;
    match result {
        Ok(()) => {
            let v = vm.ret_val;
            if !v.init
                && prog
                    .funcs
                    .get(prog.main as usize)
                    .is_some_and(|f| f.ret_sk.is_some())
            {
                error = Some(Report {
                    class: ErrorClass::UseOfUninitializedValue,
                    message: "the exit status (the value returned by main) depends on an uninitialised value".into(),
                    line: vm.last_ret.0,
                    column: vm.last_ret.1,
                    notes: vm.origin_notes(v),
                    stack: vec![Frame { function: vm.func_name(prog.main).to_string(), line: vm.last_ret.0 }],
                });
                exit_code = 1;
            } else {
                exit_code = (v.bits as i32) & 0xff;
                normal_exit = true;
            }
        }
        Err(Stop::Exit(c)) => {
            exit_code = c & 0xff;
            normal_exit = true;
            vm.via_exit = true;
        }
        Err(Stop::Abort) => exit_code = 134,
        Err(Stop::Error(r)) => {
            exit_code = 1;
            error = Some(*r);
        }
    }
    if normal_exit {
        let leaked = vm.leaks();
        if !leaked.is_empty() {
            error = Some(vm.leak_report(&leaked));
        }
    }
    let mut warnings = vm.warnings;
    warnings.truncate(50);
    Outcome {
        stdout: vm.stdout,
        stderr: vm.stderr,
        exit_code,
        error,
        warnings,
        steps: vm.steps,
        peak_memory: vm.mem.peak,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions() {
        assert_eq!(
            convert_bits(Sk::I32, Sk::I8, 300).map(|r| r.0 as i64).ok(),
            Some(44)
        );
        assert_eq!(
            convert_bits(Sk::I32, Sk::U8, (-1i64) as u64).ok(),
            Some((255, true))
        );
        assert_eq!(
            convert_bits(Sk::I32, Sk::I64, (-1i64) as u64).ok(),
            Some(((-1i64) as u64, false))
        );
        assert!(convert_bits(Sk::F64, Sk::I32, 1e10f64.to_bits()).is_err());
        assert_eq!(
            convert_bits(Sk::F64, Sk::I32, (-2.7f64).to_bits())
                .map(|r| r.0 as i64)
                .ok(),
            Some(-2)
        );
        assert_eq!(
            convert_bits(Sk::U32, Sk::I32, u32::MAX as u64)
                .map(|r| r.0 as i64)
                .ok(),
            Some(-1)
        );
    }
}
