//! rampart-cvm runs learners' C programs and judges them the way
//! AddressSanitizer, UBSan, LeakSanitizer and Valgrind would, but
//! precisely, deterministically, and in pure Rust (it builds for
//! `wasm32-unknown-unknown`).
//!
//! The pipeline:
//!
//! 1. [`lexer`] splits the source into tokens (also used by the app's
//!    editor for highlighting);
//! 2. `preprocess` runs directives and expands macros; the standard
//!    headers are built in (`PRELUDE_MACROS`, `PRELUDE_DECLS`);
//! 3. `parser` builds the syntax tree (`ast`), recovering after errors and
//!    refusing input nested too deeply to walk safely;
//! 4. `check` resolves names and types (`types`: LP64 layouts), reports
//!    every diagnostic, and lowers each function to register bytecode
//!    (`bytecode`), deciding which locals live in registers and which in
//!    checked memory;
//! 5. `interp` runs the bytecode with an explicit frame stack over
//!    `memory` (allocations with ids, init bits and provenance) and
//!    `libc`, stopping at the first error with a [`Report`] (`report`).
//!
//! ```
//! let program = rampart_cvm::compile("int main(void) { int a[4]; a[4] = 1; return 0; }").unwrap();
//! let outcome = rampart_cvm::run(&program, &Default::default(), &Default::default());
//! assert_eq!(outcome.error.unwrap().class, rampart_cvm::ErrorClass::StackBufferOverflow);
//! ```

mod ast;
mod bytecode;
mod check;
mod interp;
pub mod lexer;
mod libc;
mod memory;
mod parser;
mod preprocess;
mod report;
mod types;

use serde::Serialize;

pub use bytecode::Program;
pub use report::{Diagnostic, Diagnostics, ErrorClass, Frame, Note, Report};

/// What the program reads: stdin, its arguments (without `argv[0]`, which
/// is "prog"), and optionally which allocation should fail.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Input {
    pub stdin: Vec<u8>,
    pub args: Vec<String>,
    /// Make the n-th call (1-based) to malloc, calloc, realloc or strdup
    /// return NULL.
    pub fail_alloc_at: Option<u64>,
}

/// Limits of one run; exceeding one ends the run with
/// [`ErrorClass::LimitExceeded`] (or [`ErrorClass::StackOverflow`] for
/// call depth).
#[derive(Debug, Clone, Serialize)]
pub struct Limits {
    /// Instructions executed.
    pub fuel: u64,
    /// Bytes of memory (objects count twice: data and init bits).
    pub memory: usize,
    /// Nested calls.
    pub stack_depth: u32,
    /// Bytes written to stdout and stderr together.
    pub output: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            fuel: 10_000_000,
            memory: 64 << 20,
            stack_depth: 256,
            output: 1 << 20,
        }
    }
}

/// The result of a run.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// The exit status (0..=255); 1 when an error stopped the run, 134
    /// after abort() or a failed assert().
    pub exit_code: i32,
    /// The first error; the run stops there.
    pub error: Option<Report>,
    /// Suspicious but defined behaviour (unsigned wrap-around, narrowing).
    pub warnings: Vec<Report>,
    pub steps: u64,
    pub peak_memory: usize,
}

/// Source larger than this is refused.
const MAX_SOURCE: usize = 1 << 20;

/// Compiles a C program, returning every diagnostic if it does not compile.
pub fn compile(source: &str) -> Result<Program, Diagnostics> {
    if source.len() > MAX_SOURCE {
        return Err(Diagnostics(vec![Diagnostic {
            line: 1,
            column: 1,
            message: format!(
                "the program is too large ({} bytes; the limit is {MAX_SOURCE})",
                source.len()
            ),
        }]));
    }
    let mut pp = preprocess::Preprocessor::new();
    // The prelude's declarations (line 0) come first in the same stream, so
    // its typedefs are known to the parser.
    let mut toks = pp.run(preprocess::PRELUDE_DECLS);
    toks.extend(pp.run(source));
    let mut diags = std::mem::take(&mut pp.diags);
    let (tu, pdiags) = parser::parse(toks);
    diags.extend(pdiags);
    let mut ck = check::Checker::new();
    ck.unit(&tu);
    match ck.finish() {
        Ok(p) if diags.is_empty() => Ok(p),
        Ok(_) => Err(Diagnostics(sorted(diags))),
        Err(more) => {
            diags.extend(more);
            Err(Diagnostics(sorted(diags)))
        }
    }
}

fn sorted(mut d: Vec<Diagnostic>) -> Vec<Diagnostic> {
    d.sort_by_key(|d| (d.line, d.column));
    d.dedup();
    d
}

/// Runs a compiled program under the checked memory model.
pub fn run(program: &Program, input: &Input, limits: &Limits) -> Outcome {
    interp::run(program, input, limits)
}
