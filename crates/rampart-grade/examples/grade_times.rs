//! Times grading every `c` exercise of a course natively: the reference
//! solution (every case, fuzz included) and the starter. `cargo xtask bench`
//! runs it; pass the course folder (default: the repository's course).
//!
//! cargo run --release -p rampart-grade --example grade_times -- [COURSE_DIR]

use std::path::PathBuf;
use std::time::Instant;

use rampart_course::KindSpec;
use rampart_grade::{grade, solution, starter};

fn main() {
    let root = std::env::args().nth(1).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.."),
        PathBuf::from,
    );
    let (course, problems) = rampart_course::load(&root);
    if !problems.is_empty() {
        eprintln!("the course has problems; run `rampart course check`");
        std::process::exit(1);
    }
    println!(
        "{:<32} {:>6} {:>14} {:>13}",
        "exercise", "cases", "solution ms", "starter ms"
    );
    let mut worst: f64 = 0.0;
    for ex in course.exercises.values() {
        let KindSpec::C(spec) = &ex.exercise.spec else {
            continue;
        };
        let cases = rampart_grade::c::plan(spec).len();
        let time = |submission| {
            // Best of 5: the first run pays for warming caches.
            (0..5)
                .map(|_| {
                    let t = Instant::now();
                    let v = grade(&ex.exercise, &submission);
                    (t.elapsed().as_secs_f64() * 1e3, v.passed)
                })
                .fold((f64::MAX, false), |(best, _), (ms, passed)| {
                    (best.min(ms), passed)
                })
        };
        let (sol_ms, sol_passed) = time(solution(&ex.exercise));
        let (start_ms, _) = time(starter(&ex.exercise));
        worst = worst.max(sol_ms);
        println!(
            "{:<32} {:>6} {:>14.1} {:>13.1}{}",
            ex.exercise.id,
            cases,
            sol_ms,
            start_ms,
            if sol_passed { "" } else { "  (solution FAILS)" }
        );
    }
    println!("slowest full grading (native): {worst:.1} ms");
}
