//! Runs a C file under rampart-cvm: `cargo run -p rampart-cvm --example cvm -- FILE.c [ARGS...]`
//! (stdin is passed through).
use std::io::Read;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: cvm FILE.c [ARGS...]");
        std::process::exit(2);
    };
    let src = std::fs::read_to_string(&path).unwrap_or_default();
    let mut stdin = Vec::new();
    if std::env::var_os("CVM_STDIN").is_some() {
        let _ = std::io::stdin().read_to_end(&mut stdin);
    }
    let program = match rampart_cvm::compile(&src) {
        Ok(p) => p,
        Err(d) => {
            println!("{d}");
            std::process::exit(3);
        }
    };
    if std::env::var_os("CVM_DUMP").is_some() {
        eprintln!("{}", program.disassemble());
    }
    let input = rampart_cvm::Input {
        stdin,
        args: args.collect(),
        fail_alloc_at: None,
    };
    let t = std::time::Instant::now();
    let out = rampart_cvm::run(
        &program,
        &input,
        &rampart_cvm::Limits {
            fuel: 2_000_000_000,
            ..Default::default()
        },
    );
    let el = t.elapsed();
    print!("{}", String::from_utf8_lossy(&out.stdout));
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    for w in &out.warnings {
        eprintln!("{w}");
    }
    if let Some(e) = &out.error {
        eprintln!("{e}");
    }
    eprintln!(
        "[exit {} | {} steps | {:.1} M steps/s]",
        out.exit_code,
        out.steps,
        out.steps as f64 / el.as_secs_f64() / 1e6
    );
}
