//! Compute-heavy C programs under rampart-cvm, side by side with the same
//! programs under Valgrind memcheck and under gcc -O0 -fsanitize=address.
//!
//! `cargo bench -p rampart-cvm` (or `cargo xtask bench`). Criterion measures
//! each; a summary table with steps per second and the time ratios follows.
//! Valgrind and gcc are optional: missing tools are reported and skipped.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};
use rampart_cvm::{Input, Limits, compile, run};

const PROGRAMS: &[&str] = &["sort", "strings", "hashtable"];

fn source(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("benches/programs")
        .join(format!("{name}.c"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

fn limits() -> Limits {
    Limits {
        fuel: 2_000_000_000,
        ..Limits::default()
    }
}

/// Native builds of a program: (plain -O0 for valgrind, -O0 with ASan).
fn native_builds(name: &str) -> Option<(PathBuf, PathBuf)> {
    let dir = std::env::temp_dir().join("rampart-cvm-bench");
    std::fs::create_dir_all(&dir).ok()?;
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("benches/programs")
        .join(format!("{name}.c"));
    let plain = dir.join(format!("{name}-O0"));
    let asan = dir.join(format!("{name}-asan"));
    let ok = |args: &[&str]| {
        Command::new("gcc")
            .args(args)
            .status()
            .is_ok_and(|s| s.success())
    };
    let src_s = src.to_str()?;
    if !ok(&["-std=c11", "-O0", "-g", "-o", plain.to_str()?, src_s])
        || !ok(&[
            "-std=c11",
            "-O0",
            "-g",
            "-fsanitize=address",
            "-o",
            asan.to_str()?,
            src_s,
        ])
    {
        return None;
    }
    Some((plain, asan))
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn valgrind(plain: &Path) -> Command {
    let mut c = Command::new("valgrind");
    c.args([
        "--tool=memcheck",
        "--leak-check=full",
        "--error-exitcode=9",
        "-q",
    ])
    .arg(plain);
    c
}

fn run_ok(mut c: Command) {
    let out = c.output().expect("spawn");
    assert!(
        out.status.success(),
        "{:?} failed: {}",
        c,
        String::from_utf8_lossy(&out.stderr)
    );
}

fn bench(c: &mut Criterion) {
    let gcc = have("gcc");
    let vg = have("valgrind");
    for name in PROGRAMS {
        let program = compile(&source(name)).expect("benchmark programs compile");
        let mut group = c.benchmark_group(*name);
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(4));
        group.bench_function("rampart-cvm", |b| {
            b.iter(|| {
                let out = run(&program, &Input::default(), &limits());
                assert!(
                    out.error.is_none(),
                    "{:?}",
                    out.error.map(|e| e.to_string())
                );
            });
        });
        if let Some((plain, asan)) = gcc.then(|| native_builds(name)).flatten() {
            if vg {
                group.bench_function("valgrind-memcheck", |b| b.iter(|| run_ok(valgrind(&plain))));
            }
            group.bench_function("gcc-O0-asan", |b| b.iter(|| run_ok(Command::new(&asan))));
        }
        group.finish();
    }
}

fn median(mut f: impl FnMut(), runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// The side-by-side table, measured in this run (median of 5).
fn summary() {
    let gcc = have("gcc");
    let vg = have("valgrind");
    println!(
        "\n{:<10} {:>12} {:>10} {:>12} {:>12} {:>12} {:>10} {:>10}",
        "program", "steps", "cvm ms", "M steps/s", "valgrind ms", "asan ms", "cvm/vg", "cvm/asan"
    );
    for name in PROGRAMS {
        let program = compile(&source(name)).expect("compile");
        let steps = run(&program, &Input::default(), &limits()).steps;
        let cvm = median(|| drop(run(&program, &Input::default(), &limits())), 5);
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let (vg_t, asan_t) = match gcc.then(|| native_builds(name)).flatten() {
            Some((plain, asan)) => (
                vg.then(|| median(|| run_ok(valgrind(&plain)), 5)),
                Some(median(|| run_ok(Command::new(&asan)), 5)),
            ),
            None => (None, None),
        };
        let fmt = |d: Option<Duration>| d.map_or("n/a".to_string(), |d| format!("{:.1}", ms(d)));
        let ratio = |d: Option<Duration>| {
            d.map_or("n/a".to_string(), |d| {
                format!("{:.2}x", cvm.as_secs_f64() / d.as_secs_f64())
            })
        };
        println!(
            "{:<10} {:>12} {:>10.1} {:>12.1} {:>12} {:>12} {:>10} {:>10}",
            name,
            steps,
            ms(cvm),
            steps as f64 / cvm.as_secs_f64() / 1e6,
            fmt(vg_t),
            fmt(asan_t),
            ratio(vg_t),
            ratio(asan_t)
        );
    }
    if !gcc || !vg {
        println!(
            "(gcc or valgrind is missing: install Debian's gcc and valgrind for the comparison)"
        );
    }
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    summary();
}
