//! End-to-end snippets: one or two per error class, the shape of a report,
//! limits, determinism, and inputs that must not crash the interpreter.

use rampart_cvm::{ErrorClass, Input, Limits, Outcome, compile, run};

#[track_caller]
fn run_src(src: &str) -> Outcome {
    run_with(src, Input::default(), Limits::default())
}

#[track_caller]
fn run_with(src: &str, input: Input, limits: Limits) -> Outcome {
    let p = match compile(src) {
        Ok(p) => p,
        Err(d) => panic!("does not compile:\n{d}"),
    };
    run(&p, &input, &limits)
}

/// Asserts the run reports `class` at `line`.
#[track_caller]
fn expect(src: &str, class: ErrorClass, line: u32) -> rampart_cvm::Report {
    let o = run_src(src);
    let Some(r) = o.error else {
        panic!(
            "expected {class} at line {line}, got no error (exit {})",
            o.exit_code
        )
    };
    assert_eq!((r.class, r.line), (class, line), "{r}");
    assert_eq!(
        o.exit_code,
        if class == ErrorClass::MemoryLeak {
            0
        } else {
            1
        }
    );
    r
}

#[track_caller]
fn clean(src: &str) -> String {
    let o = run_src(src);
    if let Some(r) = &o.error {
        panic!("false positive:\n{r}");
    }
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn heap_buffer_overflow() {
    let r = expect(
        "#include <stdlib.h>\n#include <string.h>\nvoid copy_name(char *dst) {\n    for (int i = 0; i <= 16; i++)\n        dst[i] = 'a';\n}\nint main(void) {\n    char *p = malloc(16);\n    copy_name(p);\n    free(p);\n    return 0;\n}\n",
        ErrorClass::HeapBufferOverflow,
        5,
    );
    assert_eq!(
        r.message,
        "write of 1 byte at offset 16 of a 16-byte heap block (0 bytes past its end)"
    );
    assert_eq!(
        r.notes[0].message,
        "the block was allocated here: line 8 (malloc(16) in main)"
    );
    assert_eq!(
        r.stack
            .iter()
            .map(|f| (f.function.as_str(), f.line))
            .collect::<Vec<_>>(),
        vec![("copy_name", 5), ("main", 9)]
    );
    let text = r.to_string();
    assert!(
        text.starts_with("error: heap-buffer-overflow: write of 1 byte at offset 16"),
        "{text}"
    );
    assert!(text.contains("  --> line 5, column 9"), "{text}");
    assert!(
        text.contains("  stack: copy_name (line 5) <- main (line 9)"),
        "{text}"
    );
}

#[test]
fn stack_and_global_overflow() {
    expect(
        "int main(void) {\n  int a[4];\n  for (int i = 0; i <= 4; i++) a[i] = i;\n  return a[0];\n}\n",
        ErrorClass::StackBufferOverflow,
        3,
    );
    expect(
        "int g[3];\nint main(void) {\n  return g[3];\n}\n",
        ErrorClass::GlobalBufferOverflow,
        3,
    );
    expect(
        "#include <string.h>\nint main(void) {\n  char b[4];\n  strcpy(b, \"hello\");\n  return 0;\n}\n",
        ErrorClass::StackBufferOverflow,
        4,
    );
}

#[test]
fn gets_overflow_with_input() {
    let o = run_with(
        "#include <stdio.h>\nint main(void) {\n  char b[8];\n  gets(b);\n  puts(b);\n  return 0;\n}\n",
        Input {
            stdin: b"way too long for it\n".to_vec(),
            ..Input::default()
        },
        Limits::default(),
    );
    let r = o.error.expect("an overflow");
    assert_eq!((r.class, r.line), (ErrorClass::StackBufferOverflow, 4));
    assert!(
        o.warnings
            .iter()
            .any(|w| w.class == ErrorClass::DangerousFunction)
    );
}

#[test]
fn use_after_free_and_frees() {
    let r = expect(
        "#include <stdlib.h>\nint main(void) {\n  int *p = malloc(4);\n  free(p);\n  return *p;\n}\n",
        ErrorClass::HeapUseAfterFree,
        5,
    );
    assert!(
        r.notes
            .iter()
            .any(|n| n.message.contains("freed here: line 4")),
        "{r}"
    );
    expect(
        "#include <stdlib.h>\nint main(void) {\n  int *p = malloc(4);\n  free(p);\n  free(p);\n  return 0;\n}\n",
        ErrorClass::DoubleFree,
        5,
    );
    expect(
        "#include <stdlib.h>\nint main(void) {\n  int x;\n  free(&x);\n  return 0;\n}\n",
        ErrorClass::BadFree,
        4,
    );
    expect(
        "#include <stdlib.h>\nint main(void) {\n  char *p = malloc(8);\n  free(p + 1);\n  return 0;\n}\n",
        ErrorClass::BadFree,
        4,
    );
}

#[test]
fn stack_lifetimes() {
    expect(
        "int *f(void) {\n  int x = 1;\n  return &x;\n}\nint main(void) {\n  int *p = f();\n  return *p;\n}\n",
        ErrorClass::StackUseAfterReturn,
        7,
    );
    expect(
        "int main(void) {\n  int *p;\n  {\n    int x = 1;\n    p = &x;\n  }\n  return *p;\n}\n",
        ErrorClass::StackUseAfterScope,
        7,
    );
}

#[test]
fn leaks() {
    let r = expect(
        "#include <stdlib.h>\nint main(void) {\n  char *p = malloc(10);\n  p[0] = 1;\n  return 0;\n}\n",
        ErrorClass::MemoryLeak,
        3,
    );
    assert!(r.message.contains("10 bytes in 1 block"), "{r}");
    // Still reachable from a global: not an error.
    clean(
        "#include <stdlib.h>\nchar *keep;\nint main(void) {\n  keep = malloc(10);\n  return 0;\n}\n",
    );
    // Reachable from main's frame at exit(): not an error either.
    clean(
        "#include <stdlib.h>\nint main(void) {\n  char *p = malloc(10);\n  if (p) exit(0);\n  return 0;\n}\n",
    );
}

#[test]
fn uninitialised_values() {
    let r = expect(
        "#include <stdio.h>\nint main(void) {\n  int x;\n  int y = x + 1;\n  if (y > 2)\n    puts(\"big\");\n  return 0;\n}\n",
        ErrorClass::UseOfUninitializedValue,
        5,
    );
    // Like Valgrind's --track-origins: where the value came from.
    assert_eq!(
        r.notes[0].message,
        "the value comes from 'x', declared without a value here: line 3 (in main)"
    );
    let r = expect(
        "#include <stdlib.h>\nint main(void) {\n  int *a = malloc(8);\n  int s = a[0] * 2;\n  free(a);\n  return s > 0;\n}\n",
        ErrorClass::UseOfUninitializedValue,
        6,
    );
    assert!(r.notes[0].message.contains("8-byte heap block"), "{r}");
    expect(
        "#include <stdio.h>\nint main(void) {\n  int a[3];\n  printf(\"%d\\n\", a[1]);\n  return 0;\n}\n",
        ErrorClass::UseOfUninitializedValue,
        4,
    );
    // Copying uninitialised bytes, padding and struct copies is fine.
    clean(
        "#include <string.h>\nstruct s { char c; int i; };\nint main(void) {\n  struct s a, b;\n  a.c = 1;\n  b = a;\n  char x[8], y[8];\n  memcpy(y, x, 8);\n  return b.c - 1;\n}\n",
    );
}

#[test]
fn undefined_arithmetic() {
    expect(
        "#include <limits.h>\nint main(void) {\n  int x = INT_MAX;\n  x = x + 1;\n  return 0;\n}\n",
        ErrorClass::SignedIntegerOverflow,
        4,
    );
    expect(
        "int main(int argc, char **argv) {\n  int z = argc - 1;\n  return 10 / z;\n}\n",
        ErrorClass::DivisionByZero,
        3,
    );
    expect(
        "int main(int argc, char **argv) {\n  int s = 31 + argc;\n  return 1 << s;\n}\n",
        ErrorClass::InvalidShift,
        3,
    );
    // Unsigned wrap-around is only a warning.
    let o = run_src(
        "int main(void) {\n  unsigned u = 0;\n  u = u - 1;\n  return u == 4294967295u ? 0 : 1;\n}\n",
    );
    assert!(o.error.is_none() && o.exit_code == 0);
    assert_eq!(o.warnings[0].class, ErrorClass::UnsignedWrap);
}

#[test]
fn null_and_format() {
    expect(
        "#include <stddef.h>\nstruct p { int x; };\nint main(void) {\n  struct p *q = NULL;\n  return q->x;\n}\n",
        ErrorClass::NullDereference,
        5,
    );
    expect(
        "#include <stdio.h>\nint main(void) {\n  printf(\"%d %s\\n\", 1);\n  return 0;\n}\n",
        ErrorClass::FormatString,
        3,
    );
    expect(
        "#include <stdio.h>\nint main(void) {\n  printf(\"%d\\n\", 1.5);\n  return 0;\n}\n",
        ErrorClass::FormatString,
        3,
    );
    expect(
        "#include <stdio.h>\nint main(void) {\n  int n;\n  printf(\"abc%n\\n\", &n);\n  return 0;\n}\n",
        ErrorClass::FormatString,
        4,
    );
}

#[test]
fn limits() {
    let o = run_src("int main(void) {\n  for (;;) {}\n}\n");
    let r = o.error.expect("a limit");
    assert_eq!(r.class, ErrorClass::LimitExceeded);
    assert_eq!(
        r.message,
        "stopped after 10000000 steps: is there an infinite loop?"
    );
    let r = run_src("int f(int n) { return f(n + 1) + 1; }\nint main(void) { return f(0); }\n")
        .error
        .expect("overflow");
    assert_eq!(r.class, ErrorClass::StackOverflow);
    let r = run_with(
        "#include <stdio.h>\nint main(void) { for (;;) puts(\"spam\"); }\n",
        Input::default(),
        Limits {
            output: 1000,
            ..Limits::default()
        },
    )
    .error
    .expect("output limit");
    assert_eq!(r.class, ErrorClass::LimitExceeded);
    let r = run_src("#include <stdlib.h>\nint main(void) { for (;;) { char *p = malloc(1 << 20); p[0] = 1; } }\n").error.expect("memory");
    assert_eq!(r.class, ErrorClass::LimitExceeded);
}

#[test]
fn alloc_failure_injection() {
    let src = "#include <stdlib.h>\n#include <stdio.h>\nint main(void) {\n  int *a = malloc(4);\n  int *b = malloc(4);\n  *b = 1;\n  free(a); free(b);\n  return 0;\n}\n";
    let o = run_with(
        src,
        Input {
            fail_alloc_at: Some(2),
            ..Input::default()
        },
        Limits::default(),
    );
    let r = o.error.expect("null deref");
    assert_eq!((r.class, r.line), (ErrorClass::NullDereference, 6));
}

#[test]
fn abort_and_assert() {
    let o = run_src(
        "#include <assert.h>\nint main(void) {\n  int x = 1;\n  assert(x == 2);\n  return 0;\n}\n",
    );
    assert!(o.error.is_none());
    assert_eq!(o.exit_code, 134);
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("Assertion failed: x == 2"));
}

#[test]
fn programs_and_io() {
    let o = run_with(
        "#include <stdio.h>\n#include <string.h>\nint main(int argc, char **argv) {\n  char line[32];\n  int n = 0;\n  while (fgets(line, sizeof line, stdin)) n += (int)strlen(line);\n  printf(\"%d %s %d\\n\", argc, argv[1], n);\n  return 3;\n}\n",
        Input {
            stdin: b"ab\ncd\n".to_vec(),
            args: vec!["x".into()],
            fail_alloc_at: None,
        },
        Limits::default(),
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout), "2 x 6\n");
    assert_eq!(o.exit_code, 3);
    assert!(o.error.is_none());
}

#[test]
fn diagnostics_are_all_reported() {
    let d =
        compile("int main(void) {\n  int x = y;\n  foo(1);\n  return x\n}\n").expect_err("errors");
    let lines: Vec<u32> = d.0.iter().map(|d| d.line).collect();
    assert_eq!(lines, vec![2, 3, 4], "{d}");
    assert_eq!(
        d.0[0].to_string(),
        "line 2, column 11: use of undeclared identifier 'y'"
    );
    let d = compile("#include <windows.h>\nint main(void) { return 0; }\n")
        .expect_err("unknown header");
    assert!(d.0[0].message.contains("windows.h"));
}

#[test]
fn deterministic() {
    let src = "#include <stdio.h>\n#include <stdlib.h>\nint main(void) {\n  srand(42);\n  int *p = malloc(8);\n  printf(\"%d %d %p\\n\", rand(), rand(), (void *)p);\n  free(p);\n  return 0;\n}\n";
    let a = run_src(src);
    let b = run_src(src);
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(a.steps, b.steps);
    // glibc's rand() sequence for seed 42.
    assert!(
        String::from_utf8_lossy(&a.stdout).starts_with("71876166 708592740 "),
        "{}",
        String::from_utf8_lossy(&a.stdout)
    );
}

#[test]
fn never_panics_on_garbage() {
    let samples = [
        "",
        "int",
        "int main(",
        "}}}}",
        "\"unterminated",
        "/* never closed",
        "#define f(x) f(x\nf(1)",
        "#if\n#endif",
        "int main(void) { return 1 / 0; }",
        "int main(void) { char c = '\\777'; return c; }",
        "struct s { struct s x; };",
        "int main(void) { int a[-1]; }",
        "int main(void) { goto nowhere; }",
        "typedef int t; t t;",
        "int main(void) { return sizeof(void); }",
        "int main(void) { int x = 1; x(); }",
        "#define A A A\nA",
        "int main(void) { switch (1) { case 1: case 1: ; } }",
        "int f(int, int); int main(void) { return f(1); }",
        "int main(void) { 0 = 1; }",
        "\u{0}\u{ffff}",
        "int main(void) { int *p = (int *)12345; return *p; }",
        "int main(void) { void (*f)(void) = 0; f(); return 0; }",
        "int main(void) { char s[] = \"abc\"; return s[1000000000]; }",
        "int main(void) { return main(); }",
    ];
    for s in samples {
        if let Ok(p) = compile(s) {
            let _ = run(
                &p,
                &Input::default(),
                &Limits {
                    fuel: 100_000,
                    ..Limits::default()
                },
            );
        }
        let _ = rampart_cvm::lexer::tokenize(s);
    }
    // Every prefix of a real program.
    let prog = "#include <stdio.h>\nstruct p { int x; char *s; };\nint main(int argc, char **argv) {\n  struct p v = { .x = 1, .s = \"hi\" };\n  for (int i = 0; i < argc; i++) printf(\"%s %d\\n\", argv[i], v.x);\n  return v.s[0] == 'h' ? 0 : 1;\n}\n";
    for i in 0..prog.len() {
        if let Ok(p) = compile(&prog[..i]) {
            let _ = run(
                &p,
                &Input::default(),
                &Limits {
                    fuel: 100_000,
                    ..Limits::default()
                },
            );
        }
    }
}

#[test]
fn deep_nesting_is_a_diagnostic() {
    let src = format!(
        "int main(void) {{ return {}1{}; }}",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    assert!(compile(&src).is_err());
    let src = format!(
        "int main(void) {}{}",
        "{".repeat(10_000),
        "}".repeat(10_000)
    );
    assert!(compile(&src).is_err());
}

#[test]
fn nesting_just_under_the_limits_compiles_and_runs() {
    let src = format!(
        "int main(void) {{ int x = 1; return {}x{}; }}",
        "(".repeat(80),
        ")".repeat(80)
    );
    assert_eq!(run_src(&src).exit_code, 1);
    let src = format!(
        "int main(void) {{ int x = 0; return {}1; }}",
        "x+".repeat(150)
    );
    assert_eq!(run_src(&src).exit_code, 1);
    let src = format!(
        "int main(void) {{ int x = 0; {} x = 3; {} return x; }}",
        "if (x < 5) {".repeat(40),
        "}".repeat(40)
    );
    assert_eq!(run_src(&src).exit_code, 3);
    let src = format!(
        "int main(void) {{ int x = 0; x = {}1{}; return x; }}",
        "-(".repeat(40),
        ")".repeat(40)
    );
    assert_eq!(run_src(&src).exit_code, 1);
    // Release and wasm builds have smaller frames; this must hold even in debug.
}
