//! The `c` grader on a realistic exercise: a greeting that copies a name
//! into a fixed buffer.

use rampart_course::{
    CCase, CSpec, Exercise, FuzzSpec, FuzzTarget, Generator, KindSpec, QuizSpec, Visibility,
};
use rampart_grade::c::{Session, grade, plan};

const STARTER: &str = r#"#include <stdio.h>
#include <string.h>

static void greet(const char *name) {
    char buf[16];
    strcpy(buf, name); /* TODO: names longer than 15 bytes overflow buf */
    printf("Hello, %s!\n", buf);
}

int main(void) {
    char line[256];
    if (fgets(line, sizeof line, stdin) == NULL) return 1;
    line[strcspn(line, "\n")] = '\0';
    greet(line);
    return 0;
}
"#;

const SOLUTION: &str = r#"#include <stdio.h>
#include <string.h>

static void greet(const char *name) {
    char buf[16];
    snprintf(buf, sizeof buf, "%s", name);
    printf("Hello, %s!\n", buf);
}

int main(void) {
    char line[256];
    if (fgets(line, sizeof line, stdin) == NULL) return 1;
    line[strcspn(line, "\n")] = '\0';
    greet(line);
    return 0;
}
"#;

fn case(name: &str, visibility: Visibility, stdin: &str, stdout: Option<&str>) -> CCase {
    CCase {
        name: name.into(),
        visibility,
        stdin: stdin.into(),
        args: vec![],
        stdout: stdout.map(str::to_string),
        exit_code: 0,
    }
}

fn spec() -> CSpec {
    CSpec {
        file: "main.c".into(),
        starter: STARTER.into(),
        solution: SOLUTION.into(),
        cases: vec![
            case(
                "short name",
                Visibility::Visible,
                "alice\n",
                Some("Hello, alice!\n"),
            ),
            case(
                "exactly fifteen",
                Visibility::Hidden,
                "abcdefghijklmno\n",
                Some("Hello, abcdefghijklmno!\n"),
            ),
            case(
                "long name",
                Visibility::Attack,
                &format!("{}\n", "A".repeat(100)),
                None,
            ),
        ],
        fuzz: Some(FuzzSpec {
            seed: 7,
            count: 20,
            target: FuzzTarget::Stdin,
            generator: Generator::String {
                min_len: 0,
                max_len: 40,
                alphabet: "alnum".into(),
            },
        }),
    }
}

fn exercise() -> Exercise {
    Exercise {
        id: "greet".into(),
        title: "Greet".into(),
        prompt_html: String::new(),
        points: 20,
        hints: vec![],
        explains: "stack-buffer-overflows#the-fix".into(),
        seed: 1,
        // The spec is passed to the grader directly; the kind here is irrelevant.
        spec: KindSpec::Quiz(QuizSpec {
            multiple: false,
            options: vec![],
        }),
    }
}

#[test]
fn the_starter_fails_on_the_attack_with_a_stack_overflow_report_at_its_line() {
    let v = grade(&exercise(), &spec(), STARTER);
    assert!(!v.passed);
    let f = &v.findings[0];
    assert_eq!(f.rule, "c.stack-buffer-overflow", "{f:?}");
    assert_eq!(f.location.as_ref().map(|l| l.line), Some(6));
    assert!(
        f.message.contains("attack input \"long name\""),
        "{}",
        f.message
    );
    assert_eq!(
        f.explains.as_deref(),
        Some("stack-buffer-overflows#the-fix")
    );
    assert_eq!(v.score, 20 * 2 / 23, "two cases passed before the attack");
}

#[test]
fn the_solution_passes_every_case_including_fuzz() {
    let v = grade(&exercise(), &spec(), SOLUTION);
    assert!(v.passed, "{:#?}", v.findings);
    assert_eq!(v.score, 20);
    assert!(
        v.findings[0].message.contains("All 23 cases passed"),
        "{}",
        v.findings[0].message
    );
    assert_eq!(v.grader.to_string(), "c@1");
}

#[test]
fn a_different_correct_fix_passes_too() {
    let other = SOLUTION.replace(
        "snprintf(buf, sizeof buf, \"%s\", name);",
        "strncpy(buf, name, sizeof buf - 1);\n    buf[sizeof buf - 1] = '\\0';",
    );
    assert!(grade(&exercise(), &spec(), &other).passed);
}

#[test]
fn wrong_output_names_the_case_and_both_outputs() {
    let wrong = SOLUTION.replace("Hello, %s!", "Hi, %s!");
    let v = grade(&exercise(), &spec(), &wrong);
    assert!(!v.passed);
    let f = &v.findings[0];
    assert_eq!(f.rule, "c.wrong-output");
    assert!(f.message.contains("example \"short name\""));
    assert!(
        f.message.contains("expected: \"Hello, alice!\\n\""),
        "{}",
        f.message
    );
    assert!(
        f.message.contains("actual: \"Hi, alice!\\n\""),
        "{}",
        f.message
    );
}

#[test]
fn compile_errors_are_all_reported_with_lines() {
    let broken = SOLUTION
        .replace("char buf[16];", "char buf[16]")
        .replace("return 0;", "return zero;");
    let v = grade(&exercise(), &spec(), &broken);
    assert!(!v.passed);
    assert!(v.findings.len() >= 2, "{:#?}", v.findings);
    assert!(
        v.findings
            .iter()
            .all(|f| f.rule == "c.compile-error" && f.location.is_some())
    );
}

#[test]
fn an_infinite_loop_ends_with_the_limit_not_a_hang() {
    let looping = SOLUTION.replace("greet(line);", "for (;;) { }");
    let v = grade(&exercise(), &spec(), &looping);
    assert!(!v.passed);
    assert_eq!(v.findings[0].rule, "c.limit-exceeded", "{:#?}", v.findings);
}

#[test]
fn runaway_recursion_is_a_stack_overflow() {
    let recursive = SOLUTION.replace("printf(\"Hello, %s!\\n\", buf);", "greet(name);");
    let v = grade(&exercise(), &spec(), &recursive);
    assert_eq!(v.findings[0].rule, "c.stack-overflow", "{:#?}", v.findings);
}

#[test]
fn a_huge_submission_is_refused() {
    let huge = format!("{SOLUTION}\n/*{}*/", "x".repeat(5 << 20));
    let v = grade(&exercise(), &spec(), &huge);
    assert!(v.findings.iter().any(|f| f.rule == "submission.too-large"));
}

#[test]
fn fuzz_cases_are_deterministic_and_progress_is_reported() {
    assert_eq!(plan(&spec()), plan(&spec()));
    let ex = exercise();
    let s = spec();
    let mut session = Session::new(&ex, &s, SOLUTION);
    let mut seen = Vec::new();
    while let Some(p) = session.step() {
        seen.push(p.done);
        assert_eq!(p.total, 23);
    }
    assert_eq!(seen, (1..=23).collect::<Vec<_>>());
    assert!(session.verdict().passed);
}
