//! `rampart run FILE.c [--stdin FILE] [--json] [-- ARGS…]`: runs a C program
//! under rampart-cvm, prints what it printed, then the report.
//!
//! Exit status: 0 when nothing was reported, 1 when the program itself
//! exited non-zero (or aborted), 2 when rampart-cvm reported an error, 3
//! when the program does not compile.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use rampart_cvm::{Diagnostics, Input, Limits, Outcome, Report};
use serde_json::{Value, json};

pub fn run_command(
    file: &Path,
    stdin: Option<&Path>,
    json: bool,
    args: Vec<String>,
) -> anyhow::Result<i32> {
    let source = std::fs::read_to_string(file)
        .with_context(|| format!("Failed to read the C program {}", file.display()))?;
    let stdin = match stdin {
        Some(p) => std::fs::read(p)
            .with_context(|| format!("Failed to read the stdin file {}", p.display()))?,
        None => Vec::new(),
    };
    let program = match rampart_cvm::compile(&source) {
        Ok(p) => p,
        Err(diags) => {
            if json {
                print_json(&compile_error_json(&diags))?;
            } else {
                eprintln!("{}: does not compile:", file.display());
                for d in &diags.0 {
                    eprintln!("  {d}");
                }
            }
            return Ok(3);
        }
    };
    let input = Input {
        stdin,
        args,
        fail_alloc_at: None,
    };
    let outcome = rampart_cvm::run(&program, &input, &Limits::default());
    if json {
        print_json(&outcome_json(&outcome))?;
    } else {
        let mut out = std::io::stdout().lock();
        out.write_all(&outcome.stdout)
            .context("Failed to write the program's output")?;
        out.flush()
            .context("Failed to write the program's output")?;
        let mut err = std::io::stderr().lock();
        err.write_all(&outcome.stderr)
            .context("Failed to write the program's error output")?;
        for w in &outcome.warnings {
            writeln!(err, "{w}").context("Failed to write a warning")?;
        }
        if let Some(r) = &outcome.error {
            writeln!(err, "{r}").context("Failed to write the report")?;
        }
    }
    Ok(status(&outcome))
}

/// The process exit status for a run.
fn status(outcome: &Outcome) -> i32 {
    if outcome.error.is_some() {
        2
    } else if outcome.exit_code != 0 {
        1
    } else {
        0
    }
}

fn print_json(v: &Value) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(v).context("Failed to encode the result as JSON")?;
    println!("{text}");
    Ok(())
}

fn report_json(r: &Report) -> Value {
    json!({
        "class": r.class.as_str(),
        "message": r.message,
        "line": r.line,
        "column": r.column,
        "notes": r.notes.iter().map(|n| json!({"message": n.message, "line": n.line})).collect::<Vec<_>>(),
        "stack": r.stack.iter().map(|f| json!({"function": f.function, "line": f.line})).collect::<Vec<_>>(),
    })
}

fn outcome_json(o: &Outcome) -> Value {
    json!({
        "exit_code": o.exit_code,
        "stdout": String::from_utf8_lossy(&o.stdout),
        "stderr": String::from_utf8_lossy(&o.stderr),
        "steps": o.steps,
        "error": o.error.as_ref().map(report_json),
        "warnings": o.warnings.iter().map(report_json).collect::<Vec<_>>(),
    })
}

fn compile_error_json(d: &Diagnostics) -> Value {
    let first = d.0.first();
    json!({
        "exit_code": Value::Null,
        "stdout": "",
        "stderr": "",
        "steps": 0,
        "error": {
            "class": "compile-error",
            "message": first.map(|d| d.message.clone()).unwrap_or_else(|| "the program does not compile".into()),
            "line": first.map(|d| d.line).unwrap_or(0),
            "column": first.map(|d| d.column).unwrap_or(0),
            "notes": d.0.iter().map(|d| json!({"message": d.to_string(), "line": d.line})).collect::<Vec<_>>(),
        },
        "warnings": [],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shapes() {
        let p =
            rampart_cvm::compile("int main(void) { int *p = 0; return *p; }").expect("compiles");
        let o = rampart_cvm::run(&p, &Input::default(), &Limits::default());
        let v = outcome_json(&o);
        assert_eq!(v["error"]["class"], "null-dereference");
        assert_eq!(v["error"]["line"], 1);
        assert_eq!(status(&o), 2);
        let d = rampart_cvm::compile("int main(void) { return x; }").expect_err("does not compile");
        let v = compile_error_json(&d);
        assert_eq!(v["error"]["class"], "compile-error");
        assert_eq!(v["error"]["notes"].as_array().map(Vec::len), Some(1));
    }
}
