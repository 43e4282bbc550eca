//! Any bytes, as C source: the preprocessor, parser and checker must answer
//! with diagnostics or a program, and the interpreter must end within its
//! limits with an outcome. A panic, a hang or a native stack overflow is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rampart_cvm::{Input, Limits, compile, run};

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else { return };
    let _ = rampart_cvm::lexer::tokenize(source);
    if let Ok(program) = compile(source) {
        let limits = Limits { fuel: 200_000, memory: 4 << 20, stack_depth: 64, output: 64 << 10 };
        let input = Input { stdin: b"hello 42\n%s%n\n".to_vec(), args: vec!["AAAA".into()], fail_alloc_at: None };
        let outcome = run(&program, &input, &limits);
        assert!(outcome.steps <= limits.fuel + 1, "ran past its fuel");
    }
});
