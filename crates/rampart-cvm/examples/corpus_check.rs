//! Runs the tests/pass and tests/fail corpus without writing snapshots,
//! printing one line per problem: `cargo run --release -p rampart-cvm --example corpus_check [FILTER]`.
use std::fs;
use std::path::Path;

fn header(src: &str, key: &str) -> Option<String> {
    src.lines()
        .take_while(|l| l.starts_with("//"))
        .find_map(|l| {
            let body = l.trim_start_matches('/').trim();
            let (k, v) = body.split_once(':')?;
            (k.trim() == key).then(|| v.trim().to_string())
        })
}

fn main() {
    let filter = std::env::args().nth(1).unwrap_or_default();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut files = Vec::new();
    for e in fs::read_dir(root.join("pass"))
        .into_iter()
        .flatten()
        .flatten()
    {
        files.push(e.path());
    }
    for d in fs::read_dir(root.join("fail"))
        .into_iter()
        .flatten()
        .flatten()
    {
        for e in fs::read_dir(d.path()).into_iter().flatten().flatten() {
            files.push(e.path());
        }
    }
    files.retain(|p| {
        p.extension().is_some_and(|x| x == "c") && p.to_string_lossy().contains(&filter)
    });
    files.sort();
    let (mut ok, mut bad) = (0, 0);
    for p in &files {
        let name = p.strip_prefix(&root).unwrap_or(p).display().to_string();
        let src = fs::read_to_string(p).unwrap_or_default();
        let input = rampart_cvm::Input {
            stdin: fs::read(p.with_extension("stdin")).unwrap_or_default(),
            args: fs::read_to_string(p.with_extension("args"))
                .map(|t| t.lines().map(str::to_string).collect())
                .unwrap_or_default(),
            fail_alloc_at: header(&src, "fail-alloc").and_then(|v| v.parse().ok()),
        };
        let prog = match rampart_cvm::compile(&src) {
            Ok(p) => p,
            Err(d) => {
                bad += 1;
                println!(
                    "FAIL {name}: compile error: {}",
                    d.0.iter()
                        .take(3)
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join(" | ")
                );
                continue;
            }
        };
        let out = rampart_cvm::run(&prog, &input, &Default::default());
        let problem = if name.starts_with("pass") {
            let want = fs::read(p.with_extension("stdout")).unwrap_or_default();
            let exit: i32 = header(&src, "exit")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            if let Some(e) = &out.error {
                Some(format!("false positive: {e}"))
            } else if out.exit_code != exit {
                Some(format!(
                    "exit {} != {exit}; stderr={:?}",
                    out.exit_code,
                    String::from_utf8_lossy(&out.stderr)
                ))
            } else if out.stdout != want {
                let a = String::from_utf8_lossy(&want);
                let b = String::from_utf8_lossy(&out.stdout);
                let i = a
                    .lines()
                    .zip(b.lines())
                    .position(|(x, y)| x != y)
                    .unwrap_or(0);
                Some(format!(
                    "stdout differs at line {}: want {:?} got {:?}",
                    i + 1,
                    a.lines().nth(i),
                    b.lines().nth(i)
                ))
            } else {
                None
            }
        } else {
            let exp = header(&src, "expect").unwrap_or_default();
            let mut w = exp.split_whitespace();
            let class = w.next().unwrap_or("");
            w.next();
            let lines = w.next().unwrap_or("0");
            let (a, b) = lines.split_once('-').unwrap_or((lines, lines));
            let (a, b): (u32, u32) = (a.parse().unwrap_or(0), b.parse().unwrap_or(0));
            match &out.error {
                None => Some(format!("missed {exp}: exit {}", out.exit_code)),
                Some(e) if e.class.as_str() != class || !(a == 0 || (a..=b).contains(&e.line)) => {
                    Some(format!("expected {exp}, got:\n{e}"))
                }
                Some(_) => None,
            }
        };
        match problem {
            Some(m) => {
                bad += 1;
                println!("FAIL {name}: {m}");
            }
            None => ok += 1,
        }
    }
    println!("{ok} ok, {bad} failing");
}
