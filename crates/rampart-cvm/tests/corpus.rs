//! The C corpus: every program under `tests/pass` and `tests/fail/<class>`
//! runs under rampart-cvm, the way miri runs its `tests/pass` and
//! `tests/fail`. Each test walks a whole directory and reports every failing
//! program at the end instead of stopping at the first one.
//!
//! Layout, header syntax and how to bless snapshots: `tests/README.md`.

use std::fmt::Write as _;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use rampart_cvm::{Input, Limits, Outcome, compile, run};

/// Every class of finding the corpus covers; one directory each under `tests/fail`.
const FAIL_CLASSES: &[&str] = &[
    "heap-buffer-overflow",
    "stack-buffer-overflow",
    "global-buffer-overflow",
    "heap-use-after-free",
    "stack-use-after-return",
    "stack-use-after-scope",
    "double-free",
    "bad-free",
    "memory-leak",
    "use-of-uninitialized-value",
    "null-dereference",
    "signed-integer-overflow",
    "division-by-zero",
    "invalid-shift",
    "format-string",
    "stack-overflow",
    "limit-exceeded",
];

/// The corpus may grow but must not silently shrink.
const MIN_PROGRAMS: usize = 200;
const MIN_PER_CLASS: usize = 10;

mod util {
    use super::*;

    /// One C program of the corpus with its header and inputs.
    pub struct Case {
        pub path: PathBuf,
        /// `pass/NAME` or `fail/CLASS/NAME`, for messages.
        pub name: String,
        pub source: String,
        pub header: Header,
        pub input: Input,
    }

    /// What the leading `// key: value` comments of a program declare.
    #[derive(Default)]
    pub struct Header {
        /// `// expect: CLASS line N` or `line N-M`; `line 0` accepts any line.
        pub expect: Option<Expect>,
        /// `// exit: N`, for pass programs that exit with a status other than 0.
        pub exit: i32,
        /// `// fail-alloc: N`: the N-th allocation (1-based) returns NULL.
        pub fail_alloc_at: Option<u64>,
    }

    pub struct Expect {
        pub class: String,
        pub first_line: u32,
        pub last_line: u32,
    }

    impl Expect {
        pub fn accepts_line(&self, line: u32) -> bool {
            self.first_line == 0 || (self.first_line..=self.last_line).contains(&line)
        }

        pub fn describe_line(&self) -> String {
            match (self.first_line, self.last_line) {
                (0, _) => "any line".to_string(),
                (a, b) if a == b => format!("line {a}"),
                (a, b) => format!("a line in {a}-{b}"),
            }
        }
    }

    pub fn corpus_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
    }

    /// The `.c` files of `dir`, sorted so that reports are stable.
    #[track_caller]
    pub fn c_files(dir: &Path) -> Vec<PathBuf> {
        let entries =
            fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "c"))
            .collect();
        files.sort();
        files
    }

    /// Loads a program and the optional `NAME.stdin` and `NAME.args` beside it.
    pub fn load(path: &Path) -> Result<Case, String> {
        let rel = path
            .strip_prefix(corpus_dir())
            .unwrap_or(path)
            .with_extension("");
        let name = rel.to_string_lossy().replace('\\', "/");
        let source =
            fs::read_to_string(path).map_err(|e| format!("{name}: cannot read the source: {e}"))?;
        let header = parse_header(&source).map_err(|e| format!("{name}: {e}"))?;
        let stdin = fs::read(path.with_extension("stdin")).unwrap_or_default();
        let args = match fs::read_to_string(path.with_extension("args")) {
            Ok(text) => text.lines().map(str::to_string).collect(),
            Err(_) => Vec::new(),
        };
        let input = Input {
            stdin,
            args,
            fail_alloc_at: header.fail_alloc_at,
        };
        Ok(Case {
            path: path.to_path_buf(),
            name,
            source,
            header,
            input,
        })
    }

    /// Reads the `// key: value` lines at the very top of a program.
    pub fn parse_header(source: &str) -> Result<Header, String> {
        let mut header = Header::default();
        for line in source.lines().take_while(|l| l.starts_with("//")) {
            let body = line.trim_start_matches('/').trim();
            let Some((key, value)) = body.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match key.trim() {
                "expect" => header.expect = Some(parse_expect(value)?),
                "exit" => {
                    header.exit = value
                        .parse()
                        .map_err(|_| format!("`// exit: {value}` is not an exit status"))?;
                }
                "fail-alloc" => {
                    header.fail_alloc_at = Some(
                        value
                            .parse()
                            .map_err(|_| format!("`// fail-alloc: {value}` is not a count"))?,
                    );
                }
                _ => {}
            }
        }
        Ok(header)
    }

    /// `heap-buffer-overflow line 12`, `stack-overflow line 5-9`, `limit-exceeded line 0`.
    fn parse_expect(value: &str) -> Result<Expect, String> {
        let bad = || {
            format!("`// expect: {value}` should read `// expect: CLASS line N` (or `line N-M`)")
        };
        let mut words = value.split_whitespace();
        let class = words.next().ok_or_else(bad)?.to_string();
        if words.next() != Some("line") {
            return Err(bad());
        }
        let lines = words.next().ok_or_else(bad)?;
        let (first, last) = lines.split_once('-').unwrap_or((lines, lines));
        let first_line: u32 = first.parse().map_err(|_| bad())?;
        let last_line: u32 = last.parse().map_err(|_| bad())?;
        if words.next().is_some() || last_line < first_line {
            return Err(bad());
        }
        Ok(Expect {
            class,
            first_line,
            last_line,
        })
    }

    /// Compiles and runs a case with default limits; a panic in the
    /// interpreter becomes an error message instead of ending the test.
    pub fn run_cvm(case: &Case) -> Result<Outcome, String> {
        let result = panic::catch_unwind(AssertUnwindSafe(|| {
            let program = match compile(&case.source) {
                Ok(p) => p,
                Err(diags) => {
                    let mut msg = String::from("rampart-cvm cannot compile it:");
                    for d in diags.0.iter().take(5) {
                        let _ = write!(msg, "\n    {}:{}: {}", d.line, d.column, d.message);
                    }
                    return Err(msg);
                }
            };
            Ok(run(&program, &case.input, &Limits::default()))
        }));
        result.unwrap_or_else(|payload| {
            let what = payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)");
            Err(format!("rampart-cvm panicked: {what}"))
        })
    }

    /// Where two outputs first differ, readable in a test log.
    pub fn first_difference(expected: &[u8], actual: &[u8]) -> String {
        let exp: Vec<&[u8]> = expected.split(|&b| b == b'\n').collect();
        let act: Vec<&[u8]> = actual.split(|&b| b == b'\n').collect();
        let at = exp
            .iter()
            .zip(&act)
            .position(|(a, b)| a != b)
            .unwrap_or(exp.len().min(act.len()));
        let show = |lines: &[&[u8]]| {
            lines.get(at).map_or("<end of output>".to_string(), |l| {
                format!("{:?}", String::from_utf8_lossy(l))
            })
        };
        format!(
            "first difference at output line {}: expected {}, got {} ({} vs {} bytes)",
            at + 1,
            show(&exp),
            show(&act),
            expected.len(),
            actual.len()
        )
    }

    /// A short description of how a run ended, for failure messages.
    pub fn summarize(outcome: &Outcome) -> String {
        match &outcome.error {
            Some(report) => format!(
                "reported {} at line {}:\n{report}",
                report.class.as_str(),
                report.line
            ),
            None => format!("exited with {} and no report", outcome.exit_code),
        }
    }

    /// Collects every failing program of one test and panics once, at the end.
    pub struct Failures {
        what: &'static str,
        checked: usize,
        items: Vec<String>,
    }

    impl Failures {
        pub fn new(what: &'static str) -> Self {
            Failures {
                what,
                checked: 0,
                items: Vec::new(),
            }
        }

        pub fn checked(&mut self) {
            self.checked += 1;
        }

        pub fn push(&mut self, name: &str, msg: impl AsRef<str>) {
            let msg = msg.as_ref().trim_end().replace('\n', "\n    ");
            self.items.push(format!("{name}: {msg}"));
        }

        #[track_caller]
        pub fn finish(self) {
            if self.items.is_empty() {
                println!("{}: {} programs ok", self.what, self.checked);
                return;
            }
            let mut msg = format!(
                "{}: {} of {} programs failed\n",
                self.what,
                self.items.len(),
                self.checked
            );
            for item in &self.items {
                let _ = writeln!(msg, "\n- {item}");
            }
            panic!("{msg}");
        }
    }
}

mod pass {
    use super::util::*;
    use super::*;

    /// Correct programs: no report, the declared exit status, the exact stdout.
    #[test]
    fn pass_programs() {
        let mut failures = Failures::new("pass_programs");
        for path in c_files(&corpus_dir().join("pass")) {
            failures.checked();
            let case = match load(&path) {
                Ok(c) => c,
                Err(e) => {
                    failures.push(&path.display().to_string(), e);
                    continue;
                }
            };
            if let Err(msg) = check(&case) {
                failures.push(&case.name, msg);
            }
        }
        failures.finish();
    }

    fn check(case: &Case) -> Result<(), String> {
        let expected = fs::read(case.path.with_extension("stdout"))
            .map_err(|e| format!("missing {}.stdout: {e}", case.name))?;
        if case.header.expect.is_some() {
            return Err("a pass program must not have an `// expect:` header".into());
        }
        let outcome = run_cvm(case)?;
        if let Some(report) = &outcome.error {
            return Err(format!(
                "false positive: {} at line {}:\n{report}",
                report.class.as_str(),
                report.line
            ));
        }
        if outcome.exit_code != case.header.exit {
            return Err(format!(
                "exit status {} instead of {}",
                outcome.exit_code, case.header.exit
            ));
        }
        if outcome.stdout != expected {
            return Err(format!(
                "wrong stdout: {}",
                first_difference(&expected, &outcome.stdout)
            ));
        }
        Ok(())
    }
}

mod fail {
    use super::util::*;
    use super::*;

    /// Buggy programs: the report names the directory's class and the
    /// declared line, and its full text matches the `.stderr` snapshot.
    #[test]
    fn fail_programs() {
        let bless = std::env::var_os("BLESS").is_some_and(|v| v != "0" && !v.is_empty());
        let mut failures = Failures::new("fail_programs");
        for class in FAIL_CLASSES {
            let dir = corpus_dir().join("fail").join(class);
            if !dir.is_dir() {
                failures.push(&format!("fail/{class}"), "the directory is missing");
                continue;
            }
            for path in c_files(&dir) {
                failures.checked();
                match load(&path) {
                    Ok(case) => {
                        if let Err(msg) = check(&case, class, bless) {
                            failures.push(&case.name, msg);
                        }
                    }
                    Err(e) => failures.push(&path.display().to_string(), e),
                }
            }
        }
        failures.finish();
    }

    fn check(case: &Case, class: &str, bless: bool) -> Result<(), String> {
        let expect = case
            .header
            .expect
            .as_ref()
            .ok_or("the first line must be `// expect: CLASS line N`")?;
        if expect.class != class {
            return Err(format!(
                "the header declares {} but the file is in fail/{class}",
                expect.class
            ));
        }
        let outcome = run_cvm(case)?;
        let Some(report) = &outcome.error else {
            return Err(format!(
                "missed: expected {class} at {}, but the program {}",
                expect.describe_line(),
                summarize(&outcome)
            ));
        };
        if report.class.as_str() != class || !expect.accepts_line(report.line) {
            return Err(format!(
                "expected {class} at {}, but {}",
                expect.describe_line(),
                summarize(&outcome)
            ));
        }
        let mut text = report.to_string();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        let snapshot = case.path.with_extension("stderr");
        match fs::read_to_string(&snapshot) {
            Ok(old) if !bless => {
                if old != text {
                    return Err(format!(
                        "the report differs from {}.stderr (rerun with BLESS=1 to accept): {}",
                        case.name,
                        first_difference(old.as_bytes(), text.as_bytes())
                    ));
                }
            }
            _ => {
                fs::write(&snapshot, &text)
                    .map_err(|e| format!("cannot write {}: {e}", snapshot.display()))?;
            }
        }
        Ok(())
    }
}

mod differential {
    use super::util::*;
    use super::*;
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    use std::thread;
    use std::time::{Duration, Instant};

    /// A gcc-built binary gets this long; every pass program finishes in milliseconds.
    const TIMEOUT: Duration = Duration::from_secs(10);

    /// Every pass program, compiled by gcc, prints its `.stdout` and
    /// exactly what rampart-cvm prints.
    #[test]
    fn differential_gcc() {
        let gcc_ok = Command::new("gcc")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !gcc_ok {
            println!("differential_gcc: skipped, `gcc` is not on PATH");
            return;
        }
        let build = std::env::temp_dir().join(format!("rampart-cvm-corpus-{}", std::process::id()));
        fs::create_dir_all(&build)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", build.display()));
        let mut failures = Failures::new("differential_gcc");
        for path in c_files(&corpus_dir().join("pass")) {
            failures.checked();
            match load(&path) {
                Ok(case) => {
                    for msg in check(&case, &build) {
                        failures.push(&case.name, msg);
                    }
                }
                Err(e) => failures.push(&path.display().to_string(), e),
            }
        }
        let _ = fs::remove_dir_all(&build);
        failures.finish();
    }

    fn check(case: &Case, build: &Path) -> Vec<String> {
        let exe = build.join(case.name.replace('/', "_"));
        let cc = Command::new("gcc")
            .args(["-std=c11", "-O0", "-w", "-o"])
            .arg(&exe)
            .arg(&case.path)
            .output();
        match cc {
            Ok(out) if out.status.success() => {}
            Ok(out) => {
                return vec![format!(
                    "gcc rejects it:\n{}",
                    String::from_utf8_lossy(&out.stderr)
                )];
            }
            Err(e) => return vec![format!("cannot run gcc: {e}")],
        }
        let (stdout, status) = match run_native(&exe, &case.input) {
            Ok(r) => r,
            Err(e) => return vec![e],
        };
        let mut problems = Vec::new();
        if status != Some(case.header.exit) {
            problems.push(format!(
                "the gcc build exits with {status:?}, expected {}",
                case.header.exit
            ));
        }
        match fs::read(case.path.with_extension("stdout")) {
            Ok(expected) if expected != stdout => problems.push(format!(
                "the gcc build disagrees with {}.stdout: {}",
                case.name,
                first_difference(&expected, &stdout)
            )),
            Ok(_) => {}
            Err(e) => problems.push(format!("missing .stdout: {e}")),
        }
        match run_cvm(case) {
            Ok(outcome) if outcome.stdout != stdout => problems.push(format!(
                "rampart-cvm and gcc print different output: {}{}",
                first_difference(&stdout, &outcome.stdout),
                outcome.error.as_ref().map_or(String::new(), |r| format!(
                    " (cvm reported {})",
                    r.class.as_str()
                ))
            )),
            Ok(_) => {}
            Err(e) => problems.push(e),
        }
        problems
    }

    /// Runs a native binary with the case's stdin and arguments; returns
    /// its stdout and exit status, killing it after `TIMEOUT`.
    fn run_native(exe: &Path, input: &Input) -> Result<(Vec<u8>, Option<i32>), String> {
        let mut child = Command::new(exe)
            .args(&input.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start the gcc build: {e}"))?;
        let mut stdin = child.stdin.take().ok_or("no stdin pipe")?;
        let data = input.stdin.clone();
        // Feed stdin and drain stdout on threads so a large output cannot block the child.
        let writer = thread::spawn(move || {
            let _ = stdin.write_all(&data);
        });
        let mut stdout = child.stdout.take().ok_or("no stdout pipe")?;
        let reader = thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = stdout.read_to_end(&mut buf);
            buf
        });
        let start = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if start.elapsed() > TIMEOUT => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!("the gcc build did not finish in {TIMEOUT:?}"));
                }
                Ok(None) => thread::sleep(Duration::from_millis(5)),
                Err(e) => return Err(format!("waiting for the gcc build failed: {e}")),
            }
        };
        let _ = writer.join();
        let out = reader.join().map_err(|_| "the stdout reader panicked")?;
        Ok((out, status.code()))
    }
}

mod size {
    use super::util::*;
    use super::*;

    /// Guards the corpus itself: enough programs, every class covered, and
    /// every file where the harness expects it.
    #[test]
    fn corpus_size() {
        let root = corpus_dir();
        let mut problems = Vec::new();
        let pass = c_files(&root.join("pass"));
        for p in &pass {
            if !p.with_extension("stdout").is_file() {
                problems.push(format!("{} has no .stdout", p.display()));
            }
        }
        let mut total = pass.len();
        for class in FAIL_CLASSES {
            let dir = root.join("fail").join(class);
            let n = if dir.is_dir() { c_files(&dir).len() } else { 0 };
            if n < MIN_PER_CLASS {
                problems.push(format!(
                    "fail/{class} has {n} programs, at least {MIN_PER_CLASS} are required"
                ));
            }
            total += n;
        }
        if let Ok(entries) = fs::read_dir(root.join("fail")) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if !FAIL_CLASSES.contains(&name.as_str()) {
                    problems.push(format!(
                        "fail/{name} is not a known class; add it to FAIL_CLASSES"
                    ));
                }
            }
        }
        if total < MIN_PROGRAMS {
            problems.push(format!(
                "the corpus has {total} programs, at least {MIN_PROGRAMS} are required"
            ));
        }
        assert!(problems.is_empty(), "corpus_size:\n{}", problems.join("\n"));
        println!("corpus_size: {total} programs ({} pass)", pass.len());
    }
}
