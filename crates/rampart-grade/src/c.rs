//! The `c` grader: the learner's program runs under rampart-cvm on every
//! case (visible, hidden, attack, then seeded fuzz inputs). It passes only
//! when every case prints the expected output, exits as expected, and
//! rampart-cvm reports no memory error, no undefined behaviour and no leak.
//!
//! Grading is a [`Session`] that runs one case per [`Session::step`], so a
//! Web Worker can report progress between cases; [`grade`] runs it to the end.

use rampart_course::{CCase, CSpec, Exercise, FuzzTarget, Generator, Visibility};
use rampart_cvm::{Diagnostics, Input, Limits, Outcome, Program, compile, run};

use crate::{Finding, Severity, SplitMix, Verdict, grader_version_of, share};

pub const VERSION: u32 = 1;
/// Largest program accepted, in bytes.
pub const MAX_SOURCE: usize = 256 * 1024;
/// Longest excerpt of input or output quoted in a finding.
const QUOTE: usize = 200;

/// One case to run, with its expected result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseInput {
    pub name: String,
    pub visibility: Visibility,
    pub fuzz: bool,
    pub stdin: String,
    pub args: Vec<String>,
    /// `None`: the same output as the reference solution.
    pub stdout: Option<String>,
    pub exit_code: i32,
}

impl CaseInput {
    fn input(&self) -> Input {
        Input {
            stdin: self.stdin.as_bytes().to_vec(),
            args: self.args.clone(),
            fail_alloc_at: None,
        }
    }

    fn describe(&self) -> String {
        let kind = if self.fuzz {
            "fuzz case"
        } else {
            match self.visibility {
                Visibility::Visible => "example",
                Visibility::Hidden => "hidden case",
                Visibility::Attack => "attack input",
            }
        };
        format!("{kind} \"{}\"", self.name)
    }
}

fn from_case(c: &CCase) -> CaseInput {
    CaseInput {
        name: c.name.clone(),
        visibility: c.visibility,
        fuzz: false,
        stdin: c.stdin.clone(),
        args: c.args.clone(),
        stdout: c.stdout.clone(),
        exit_code: c.exit_code,
    }
}

/// Every case of the exercise, in the order they run: visible, hidden,
/// attack, then the fuzz cases generated from the exercise's seed.
pub fn plan(spec: &CSpec) -> Vec<CaseInput> {
    let mut cases = Vec::new();
    for vis in [Visibility::Visible, Visibility::Hidden, Visibility::Attack] {
        cases.extend(
            spec.cases
                .iter()
                .filter(|c| c.visibility == vis)
                .map(from_case),
        );
    }
    if let Some(f) = &spec.fuzz {
        let mut rng = SplitMix(f.seed);
        for i in 0..f.count.min(1000) {
            let value = generate(&f.generator, &mut rng);
            let (stdin, args) = match f.target {
                FuzzTarget::Stdin => (format!("{value}\n"), Vec::new()),
                FuzzTarget::Args => (String::new(), vec![value]),
            };
            cases.push(CaseInput {
                name: format!("#{}", i + 1),
                visibility: Visibility::Hidden,
                fuzz: true,
                stdin,
                args,
                stdout: None,
                exit_code: 0,
            });
        }
    }
    cases
}

impl SplitMix {
    /// Uniform in `lo..=hi` (assumes `lo <= hi`).
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = (hi as i128 - lo as i128 + 1) as u128;
        let v = u128::from(self.next()) % span;
        (lo as i128 + v as i128) as i64
    }
}

fn alphabet(name: &str) -> Vec<char> {
    match name {
        "printable" => (' '..='~').collect(),
        "alnum" => ('a'..='z').chain('A'..='Z').chain('0'..='9').collect(),
        "digits" => ('0'..='9').collect(),
        other => other.chars().collect(),
    }
}

fn generate(g: &Generator, rng: &mut SplitMix) -> String {
    match g {
        Generator::String {
            min_len,
            max_len,
            alphabet: name,
        } => {
            let chars = alphabet(name);
            if chars.is_empty() {
                return String::new();
            }
            let (lo, hi) = (
                i64::from(*min_len.min(max_len)),
                i64::from(*max_len.max(min_len)),
            );
            let len = rng.range(lo, hi.min(lo + 100_000));
            (0..len)
                .map(|_| chars[rng.range(0, chars.len() as i64 - 1) as usize])
                .collect()
        }
        Generator::Ints {
            count,
            min,
            max,
            separator,
        } => {
            let (lo, hi) = if min <= max {
                (*min, *max)
            } else {
                (*max, *min)
            };
            (0..(*count).min(10_000))
                .map(|_| rng.range(lo, hi).to_string())
                .collect::<Vec<_>>()
                .join(separator)
        }
    }
}

/// Limits for one case: generous for correct code, quick to stop a runaway.
pub fn case_limits() -> Limits {
    Limits::default()
}

/// The state of one grading run.
pub struct Session<'a> {
    exercise: &'a Exercise,
    spec: &'a CSpec,
    learner: Result<Program, Findings>,
    reference: Option<Program>,
    cases: Vec<CaseInput>,
    next: usize,
    passed: usize,
    failure: Option<Vec<Finding>>,
    warnings: Vec<Finding>,
    steps: u64,
}

type Findings = Vec<Finding>;

/// Progress after a step: how many cases have run, of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

impl<'a> Session<'a> {
    pub fn new(exercise: &'a Exercise, spec: &'a CSpec, source: &str) -> Self {
        let learner = if source.len() > MAX_SOURCE {
            Err(vec![Finding::new(
                "submission.too-large",
                Severity::Error,
                format!(
                    "The program is {} bytes; the limit is {MAX_SOURCE} bytes.",
                    source.len()
                ),
            )])
        } else {
            compile(source).map_err(|d| compile_findings(&spec.file, &d))
        };
        Session {
            exercise,
            spec,
            learner,
            reference: None,
            cases: plan(spec),
            next: 0,
            passed: 0,
            failure: None,
            warnings: Vec::new(),
            steps: 0,
        }
    }

    pub fn total(&self) -> usize {
        self.cases.len()
    }

    pub fn is_done(&self) -> bool {
        self.learner.is_err() || self.failure.is_some() || self.next >= self.cases.len()
    }

    /// Runs the next case. Returns `None` when grading is over.
    pub fn step(&mut self) -> Option<Progress> {
        if self.is_done() {
            return None;
        }
        let Ok(program) = &self.learner else {
            return None;
        };
        let case = self.cases[self.next].clone();
        self.next += 1;
        let outcome = run(program, &case.input(), &case_limits());
        self.steps = self.steps.saturating_add(outcome.steps);
        for w in outcome.warnings.iter().take(3) {
            if self.warnings.len() < 5
                && !self
                    .warnings
                    .iter()
                    .any(|f| f.rule == format!("c.{}", w.class.as_str()))
            {
                self.warnings.push(
                    Finding::new(
                        &format!("c.{}", w.class.as_str()),
                        Severity::Warning,
                        w.to_string(),
                    )
                    .at(&self.spec.file, w.line),
                );
            }
        }
        match self.judge(&case, &outcome) {
            None => self.passed += 1,
            Some(f) => self.failure = Some(f),
        }
        Some(Progress {
            done: self.next,
            total: self.cases.len(),
        })
    }

    /// Expected stdout and exit status: as declared, or (for cases without a
    /// declared stdout, such as fuzz cases) whatever the reference solution does.
    fn expected(&mut self, case: &CaseInput) -> Option<(String, i32)> {
        if let Some(s) = &case.stdout {
            return Some((s.clone(), case.exit_code));
        }
        if self.reference.is_none() {
            self.reference = compile(&self.spec.solution).ok();
        }
        let reference = self.reference.as_ref()?;
        let out = run(reference, &case.input(), &case_limits());
        out.error.is_none().then(|| {
            (
                String::from_utf8_lossy(&out.stdout).into_owned(),
                out.exit_code,
            )
        })
    }

    fn judge(&mut self, case: &CaseInput, outcome: &Outcome) -> Option<Vec<Finding>> {
        let file = self.spec.file.clone();
        let explains = self.exercise.explains.clone();
        if let Some(report) = &outcome.error {
            let class = report.class.as_str();
            let mut f = Finding::new(
                &format!("c.{class}"),
                Severity::Error,
                format!("On the {}{}:\n{report}", case.describe(), show_input(case)),
            )
            .explained_by(&explains);
            if report.line > 0 {
                f = f.at(&file, report.line);
                if let Some(loc) = f.location.as_mut() {
                    loc.column = Some(report.column);
                }
            }
            return Some(vec![f]);
        }
        let actual = String::from_utf8_lossy(&outcome.stdout).into_owned();
        let expected = self.expected(case);
        let expected_exit = expected.as_ref().map_or(case.exit_code, |e| e.1);
        if let Some((expected, _)) = expected
            && actual != expected
        {
            return Some(vec![
                Finding::new(
                    "c.wrong-output",
                    Severity::Error,
                    format!(
                        "On the {}{}, the output differs.\nexpected: {}\n  actual: {}",
                        case.describe(),
                        show_input(case),
                        quote(&expected),
                        quote(&actual)
                    ),
                )
                .explained_by(&explains),
            ]);
        }
        if outcome.exit_code != expected_exit {
            return Some(vec![Finding::new(
                "c.exit-code",
                Severity::Error,
                format!(
                    "On the {}{}, the program exited with status {} instead of {}.",
                    case.describe(),
                    show_input(case),
                    outcome.exit_code,
                    expected_exit
                ),
            )]);
        }
        None
    }

    /// The verdict, once [`Session::step`] has returned `None`.
    pub fn verdict(self) -> Verdict {
        let points = self.exercise.points;
        let grader = grader_version_of("c", VERSION);
        let mut findings = match self.learner {
            Err(f) => {
                return Verdict {
                    passed: false,
                    score: 0,
                    max_score: points,
                    findings: f,
                    hint: Some(
                        "Fix the compile errors marked in the editor, then check again.".into(),
                    ),
                    grader,
                };
            }
            Ok(_) => Vec::new(),
        };
        let total = self.cases.len();
        let passed = self.failure.is_none() && self.passed == total;
        if let Some(f) = self.failure {
            findings.extend(f);
        } else {
            let count = |v: Visibility, fuzz: bool| {
                self.cases
                    .iter()
                    .filter(|c| c.visibility == v && c.fuzz == fuzz)
                    .count()
            };
            findings.push(Finding::new(
                "c.all-cases-passed",
                Severity::Info,
                format!(
                    "All {total} cases passed with no memory error, undefined behaviour or leak: {} examples, {} hidden cases, {} attack inputs, {} fuzz cases.",
                    count(Visibility::Visible, false),
                    count(Visibility::Hidden, false),
                    count(Visibility::Attack, false),
                    self.cases.iter().filter(|c| c.fuzz).count()
                ),
            ));
        }
        findings.extend(self.warnings);
        Verdict {
            passed,
            score: if passed { points } else { share(points, self.passed, total) },
            max_score: points,
            findings,
            hint: (!passed).then(|| "Read the report: it names the line, the object and why; the linked section explains the fix.".to_string()),
            grader,
        }
    }
}

fn compile_findings(file: &str, d: &Diagnostics) -> Vec<Finding> {
    d.0.iter()
        .take(50)
        .map(|diag| {
            let mut f = Finding::new("c.compile-error", Severity::Error, diag.message.clone())
                .at(file, diag.line);
            if let Some(l) = f.location.as_mut() {
                l.column = Some(diag.column);
            }
            f
        })
        .collect()
}

fn quote(s: &str) -> String {
    let mut q: String = s
        .chars()
        .take(QUOTE)
        .collect::<String>()
        .escape_debug()
        .to_string();
    if s.chars().count() > QUOTE {
        q.push('…');
    }
    format!("\"{q}\"")
}

fn show_input(case: &CaseInput) -> String {
    let mut parts = Vec::new();
    if !case.stdin.is_empty() {
        parts.push(format!("stdin {}", quote(&case.stdin)));
    }
    if !case.args.is_empty() {
        parts.push(format!("arguments {}", quote(&case.args.join(" "))));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

/// Grades a program against every case.
pub fn grade(exercise: &Exercise, spec: &CSpec, source: &str) -> Verdict {
    let mut s = Session::new(exercise, spec, source);
    while s.step().is_some() {}
    s.verdict()
}

/// Whether the starter is caught on at least one attack input: some attack
/// case ends with rampart-cvm reporting an error class (not merely wrong
/// output). `rampart course check` requires it of every `c` exercise.
pub fn starter_caught_on_attack(spec: &CSpec) -> bool {
    let Ok(program) = compile(&spec.starter) else {
        return false;
    };
    spec.cases
        .iter()
        .filter(|c| c.visibility == Visibility::Attack)
        .any(|c| {
            run(&program, &from_case(c).input(), &case_limits())
                .error
                .is_some()
        })
}
