//! Mutates the corpus programs and runs them, looking for panics:
//! `cargo run -p rampart-cvm --example fuzz -- [ITERATIONS]` (debug builds
//! also catch arithmetic overflow in the interpreter's own bookkeeping).
use std::fs;
use std::panic;
use std::path::Path;

fn main() {
    let iters: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut srcs = Vec::new();
    for dir in ["pass"].iter().map(|d| root.join(d)).chain(
        fs::read_dir(root.join("fail"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path()),
    ) {
        for e in fs::read_dir(dir).into_iter().flatten().flatten() {
            if e.path().extension().is_some_and(|x| x == "c") {
                srcs.push(fs::read_to_string(e.path()).unwrap_or_default());
            }
        }
    }
    srcs.sort();
    if srcs.is_empty() {
        return;
    }
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let pieces = [
        "(",
        ")",
        "{",
        "}",
        ";",
        "*",
        "&",
        "[",
        "]",
        "-1",
        "0",
        "NULL",
        "free(p);",
        "int",
        "char",
        "\"",
        "'",
        "/*",
        "#define X",
        "->",
        ".",
        ",",
        "++",
        "<<",
        "9999999999",
        "-2147483648",
        "\\",
    ];
    panic::set_hook(Box::new(|_| {}));
    let mut panics = 0;
    for i in 0..iters {
        let mut s = srcs[(rnd() as usize) % srcs.len()].clone().into_bytes();
        for _ in 0..1 + rnd() % 4 {
            if s.is_empty() {
                break;
            }
            let at = (rnd() as usize) % s.len();
            match rnd() % 3 {
                0 => {
                    let end = (at + 1 + (rnd() as usize) % 8).min(s.len());
                    s.drain(at..end);
                }
                1 => {
                    let p = pieces[(rnd() as usize) % pieces.len()];
                    s.splice(at..at, p.bytes());
                }
                _ => {
                    let b = s[(rnd() as usize) % s.len()];
                    s[at] = b;
                }
            }
        }
        let src = String::from_utf8_lossy(&s).into_owned();
        let r = panic::catch_unwind(|| {
            if let Ok(p) = rampart_cvm::compile(&src) {
                let _ = rampart_cvm::run(
                    &p,
                    &rampart_cvm::Input {
                        stdin: b"12 abc\n34\n".to_vec(),
                        ..Default::default()
                    },
                    &rampart_cvm::Limits {
                        fuel: 200_000,
                        ..Default::default()
                    },
                );
            }
            let _ = rampart_cvm::lexer::tokenize(&src);
        });
        if r.is_err() {
            panics += 1;
            let path = format!("/tmp/cvm-fuzz-{i}.c");
            let _ = fs::write(&path, &src);
            println!("panic: {path}");
        }
    }
    println!("{iters} runs, {panics} panics");
}
