//! `rampart course new-lesson` and `rampart course new-exercise`: write a
//! lesson or an exercise that already passes `rampart course check`, so an
//! author starts from something that works and changes it step by step.
//!
//! The files come from `templates/` (compiled in). Each exercise template
//! is a small, complete example of its kind whose starter fails and whose
//! solution passes; real data in them (a commit SHA, an OSV record) is
//! copied from an exercise of Rampart's own course, which each template
//! names. `course.toml` is edited as text, so its comments and layout stay
//! as the author wrote them; the edit is checked by parsing the result.

use std::path::Path;

use anyhow::{Context, bail};
use rampart_course::{ExerciseKind, is_valid_id};

/// The lesson template; `{{id}}` and `{{title}}` are filled in.
const LESSON: &str = include_str!("../templates/lesson.md");

/// The files of each kind's template, `exercise.toml` first. In
/// `exercise.toml`, `{{id}}` and `{{lesson}}` are filled in; the other
/// files are written as they are.
macro_rules! template {
    ($kind:literal $(, $file:literal)*) => {
        &[
            ("exercise.toml", include_str!(concat!("../templates/exercises/", $kind, "/exercise.toml"))),
            $(($file, include_str!(concat!("../templates/exercises/", $kind, "/", $file))),)*
        ]
    };
}

type Files = &'static [(&'static str, &'static str)];

fn template_files(kind: ExerciseKind) -> Files {
    match kind {
        ExerciseKind::Quiz => template!("quiz"),
        ExerciseKind::Spot => template!("spot", "listing.c"),
        ExerciseKind::C => template!("c", "starter.c", "solution.c"),
        ExerciseKind::Workflow => template!(
            "workflow",
            "starter.yml",
            "solution.yml",
            "action-versions.txt"
        ),
        ExerciseKind::Advisories => template!(
            "advisories",
            "starter.txt",
            "solution.txt",
            "package-lock.json",
            "GHSA-mh6f-8j2x-4483.json"
        ),
        ExerciseKind::Typosquat => template!("typosquat", "starter.txt", "solution.txt"),
        ExerciseKind::Registry => template!("registry", "starter.txt", "solution.txt"),
        ExerciseKind::Sbom => template!("sbom", "starter.json", "solution.json", "Cargo.lock"),
        ExerciseKind::Integrity => template!(
            "integrity",
            "starter.txt",
            "solution.txt",
            "SHA256SUMS",
            "tidy-1.0.0.sh",
            "tidy.1"
        ),
        ExerciseKind::Provenance => template!(
            "provenance",
            "starter.toml",
            "solution.toml",
            "kestrel-2.2.0-linux-x64.js",
            "kestrel-2.2.0-linux-x64.intoto.json",
            "kestrel-2.2.0-macos-arm64.js",
            "kestrel-2.2.0-macos-arm64.intoto.json"
        ),
    }
}

fn kind_list() -> String {
    ExerciseKind::ALL
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads `course.toml`, or says how to point at a course.
fn read_manifest(dir: &Path) -> anyhow::Result<(String, toml::Table)> {
    let path = dir.join("course.toml");
    if !path.is_file() {
        bail!(
            "{} has no course.toml; pass the course folder with --course DIR",
            dir.display()
        );
    }
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("Failed to read {}", path.display()))?
        .replace("\r\n", "\n");
    let table: toml::Table = toml::from_str(&text).map_err(|e| {
        anyhow::anyhow!(
            "{} is not valid TOML ({}); fix it first: `rampart course check` names the line",
            path.display(),
            e.message().trim()
        )
    })?;
    Ok((text, table))
}

/// The `[[tracks]]` of a parsed `course.toml`: id and lessons.
fn tracks_of(table: &toml::Table) -> Vec<(String, Vec<String>)> {
    let strings = |v: Option<&toml::Value>| -> Vec<String> {
        v.and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    table
        .get("tracks")
        .and_then(|t| t.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|t| t.as_table())
                .map(|t| {
                    let id = t.get("id").and_then(|v| v.as_str()).unwrap_or_default();
                    (id.to_string(), strings(t.get("lessons")))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The base tracks a layered `course.toml` includes (`[base] tracks`).
fn included_tracks(table: &toml::Table) -> Vec<String> {
    table
        .get("base")
        .and_then(|b| b.get("tracks"))
        .and_then(|t| t.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// A TOML basic string holding `s`.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `rampart course new-lesson`.
pub fn new_lesson(dir: &Path, id: &str, title: &str, track: Option<&str>) -> anyhow::Result<u8> {
    let (text, table) = read_manifest(dir)?;
    if !is_valid_id(id) {
        bail!(
            "`{id}` is not a valid lesson id: use lowercase letters, digits and single dashes, starting with a letter (e.g. `stack-buffer-overflows`)"
        );
    }
    if title.trim().is_empty() {
        bail!("the title is empty; give one with --title \"…\"");
    }
    let rel = format!("lessons/{id}.md");
    let path = dir.join(&rel);
    if path.exists() {
        bail!(
            "{} already exists; choose another id, or edit that file",
            path.display()
        );
    }
    let tracks = tracks_of(&table);
    let ids: Vec<&str> = tracks.iter().map(|(t, _)| t.as_str()).collect();
    let included = included_tracks(&table);
    let track = match track {
        Some(t) if ids.contains(&t) => t.to_string(),
        Some(t) if included.iter().any(|i| i == t) => bail!(
            "track `{t}` comes from the base course ([base] tracks in course.toml), whose files are not edited from here; to add lessons to it, copy its [[tracks]] table from the base course.toml into this one (it then replaces the base track) and remove `{t}` from [base] tracks"
        ),
        Some(t) if ids.is_empty() => {
            bail!("course.toml has no track `{t}`, and no [[tracks]] table at all; add one first")
        }
        Some(t) => bail!(
            "course.toml has no track `{t}`; its tracks are: {}",
            ids.join(", ")
        ),
        None => match ids.as_slice() {
            [one] => one.to_string(),
            [] => bail!("course.toml has no [[tracks]] table to add the lesson to; add one first"),
            many => bail!(
                "course.toml has {} tracks; say which one gets the lesson with --track: {}",
                many.len(),
                many.join(", ")
            ),
        },
    };
    if let Some((other, _)) = tracks
        .iter()
        .find(|(t, lessons)| t != &track && lessons.iter().any(|l| l == id))
    {
        bail!(
            "lesson `{id}` is already listed in track `{other}` of course.toml; a lesson belongs to one track"
        );
    }
    let already = tracks
        .iter()
        .any(|(t, lessons)| t == &track && lessons.iter().any(|l| l == id));
    let edit = if already {
        None
    } else {
        let edit = append_lesson(&text, &table, &track, id).map_err(|why| {
            anyhow::anyhow!(
                "cannot add \"{id}\" to track `{track}` in course.toml safely ({why}); add it to the track's `lessons` by hand, then run this again"
            )
        })?;
        Some(edit)
    };

    let lesson = LESSON
        .replace("\"{{title}}\"", &toml_string(title.trim()))
        .replace("{{id}}", id);
    std::fs::create_dir_all(dir.join("lessons"))
        .with_context(|| format!("Failed to create {}", dir.join("lessons").display()))?;
    write_new(&path, &lesson)?;
    let listed = match edit {
        Some((new_text, line)) => {
            let manifest = dir.join("course.toml");
            std::fs::write(&manifest, new_text)
                .with_context(|| format!("Failed to write {}", manifest.display()))?;
            format!(
                "added \"{id}\" to track `{track}` in {} line {line}",
                manifest.display()
            )
        }
        None => format!("\"{id}\" was already listed in track `{track}`"),
    };
    println!(
        "wrote {}; {listed}\nnext: write the lesson (each TODO says what goes there), replace the example source with the sources of your claims, then run `rampart course check`",
        path.display()
    );
    Ok(0)
}

/// `rampart course new-exercise`.
pub fn new_exercise(dir: &Path, kind: &str, id: &str, lesson: &str) -> anyhow::Result<u8> {
    let (_, table) = read_manifest(dir)?;
    let Some(kind) = ExerciseKind::parse(kind) else {
        bail!(
            "unknown exercise kind `{kind}`; the kinds are: {}",
            kind_list()
        );
    };
    if !is_valid_id(id) {
        bail!(
            "`{id}` is not a valid exercise id: use lowercase letters, digits and single dashes, starting with a letter (e.g. `greeting-overflow-fix`)"
        );
    }
    let ex_dir = dir.join("exercises").join(id);
    if ex_dir.exists() {
        bail!(
            "{} already exists; choose another id, or edit that exercise",
            ex_dir.display()
        );
    }
    let lesson_path = dir.join("lessons").join(format!("{lesson}.md"));
    if !is_valid_id(lesson) || !lesson_path.is_file() {
        if table.contains_key("base") {
            bail!(
                "{} is not in this course folder. A lesson of the base course is not edited from here: copy it into lessons/ first (your copy then replaces it), or name one of this course's lessons",
                lesson_path.display()
            );
        }
        bail!(
            "{} does not exist; create the lesson first with `rampart course new-lesson {lesson} --title \"…\"`",
            lesson_path.display()
        );
    }
    let lesson_text = std::fs::read_to_string(&lesson_path)
        .with_context(|| format!("Failed to read {}", lesson_path.display()))?
        .replace("\r\n", "\n");
    let (new_lesson, line) = embed_exercise(&lesson_text, id);

    std::fs::create_dir_all(&ex_dir)
        .with_context(|| format!("Failed to create {}", ex_dir.display()))?;
    let mut written = Vec::new();
    for (name, text) in template_files(kind) {
        let text = if *name == "exercise.toml" {
            text.replace("{{id}}", id).replace("{{lesson}}", lesson)
        } else {
            (*text).to_string()
        };
        write_new(&ex_dir.join(name), &text)?;
        written.push(*name);
    }
    if let Some(new_lesson) = new_lesson {
        std::fs::write(&lesson_path, new_lesson)
            .with_context(|| format!("Failed to write {}", lesson_path.display()))?;
    }
    println!(
        "wrote {}/{}; embedded in {} line {line}\nnext: edit the title, prompt and hints in exercise.toml, then the {} example's files (the comments at the top of exercise.toml say where its data came from), then run `rampart course check`",
        ex_dir.display(),
        written.join(", "),
        lesson_path.display(),
        kind.as_str()
    );
    Ok(0)
}

/// Writes a file that must not exist yet.
fn write_new(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("Failed to create {}", path.display()))?;
    f.write_all(text.as_bytes())
        .with_context(|| format!("Failed to write {}", path.display()))
}

/// Adds `{{exercise id}}` to a lesson, on a line of its own before the
/// "Takeaways" heading, or at the end. Returns the new text (`None` when
/// the lesson already embeds it) and the 1-based line of the embed.
fn embed_exercise(text: &str, id: &str) -> (Option<String>, usize) {
    let embed = format!("{{{{exercise {id}}}}}");
    let lines: Vec<&str> = text.lines().collect();
    if let Some(n) = lines.iter().position(|l| l.trim() == embed) {
        return (None, n + 1);
    }
    let mut in_front = text.starts_with("+++");
    let mut in_code = false;
    let mut takeaways = None;
    for (n, line) in lines.iter().enumerate() {
        if n > 0 && in_front && line.trim_end() == "+++" {
            in_front = false;
            continue;
        }
        if in_front {
            continue;
        }
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        if !in_code
            && line
                .strip_prefix("## ")
                .is_some_and(|h| h.trim().to_lowercase().starts_with("takeaways"))
        {
            takeaways = Some(n);
            break;
        }
    }
    match takeaways {
        Some(n) => {
            let mut out: Vec<String> = lines[..n].iter().map(|l| l.to_string()).collect();
            if out.last().is_some_and(|l| !l.trim().is_empty()) {
                out.push(String::new());
            }
            let at = out.len() + 1;
            out.push(embed);
            out.push(String::new());
            out.extend(lines[n..].iter().map(|l| l.to_string()));
            (Some(out.join("\n") + "\n"), at)
        }
        None => {
            let mut out = text.trim_end().to_string();
            out.push_str("\n\n");
            let at = out.lines().count() + 1;
            out.push_str(&embed);
            out.push('\n');
            (Some(out), at)
        }
    }
}

/// What a byte of a TOML document is part of.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Code,
    Str,
    Comment,
}

/// Classifies every byte of `text`: inside a string (quotes included), a
/// comment, or neither.
fn scan(text: &str) -> Vec<Part> {
    let b = text.as_bytes();
    let mut parts = vec![Part::Code; b.len()];
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    parts[i] = Part::Comment;
                    i += 1;
                }
            }
            q @ (b'"' | b'\'') => {
                let triple = b.get(i..i + 3) == Some(&[q, q, q][..]);
                let start = i;
                i += if triple { 3 } else { 1 };
                loop {
                    if i >= b.len() {
                        break;
                    }
                    if q == b'"' && b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if triple && b.get(i..i + 3) == Some(&[q, q, q][..]) {
                        i += 3;
                        // A closing delimiter may carry up to two more quotes.
                        while i < b.len() && b[i] == q {
                            i += 1;
                        }
                        break;
                    }
                    if !triple && (b[i] == q || b[i] == b'\n') {
                        i += 1;
                        break;
                    }
                    i += 1;
                }
                let end = i.min(b.len());
                parts[start..end].fill(Part::Str);
            }
            _ => i += 1,
        }
    }
    parts
}

/// Appends `"id"` to the `lessons` array of the `[[tracks]]` table whose id
/// is `track`, changing nothing else. Returns the new text and the line of
/// the added id, or why the edit cannot be made safely.
fn append_lesson(
    text: &str,
    table: &toml::Table,
    track: &str,
    id: &str,
) -> Result<(String, usize), String> {
    let parts = scan(text);
    let b = text.as_bytes();
    // Line starts at bracket depth 0 outside strings: where keys and
    // table headers can be.
    let mut depth = 0i32;
    let mut starts = Vec::new();
    let mut line_start = 0;
    for i in 0..=b.len() {
        if i == line_start && depth == 0 && parts.get(i).is_none_or(|p| *p == Part::Code) {
            starts.push(i);
        }
        if i == b.len() {
            break;
        }
        if parts[i] == Part::Code {
            match b[i] {
                b'[' => depth += 1,
                b']' => depth -= 1,
                b'\n' => line_start = i + 1,
                _ => {}
            }
        } else if b[i] == b'\n' {
            line_start = i + 1;
        }
    }
    let is_header = |s: usize| text[s..].trim_start_matches([' ', '\t']).starts_with('[');
    let headers: Vec<usize> = starts.iter().copied().filter(|&s| is_header(s)).collect();
    // The [[tracks]] section whose own id is `track`.
    let mut section = None;
    for (n, &h) in headers.iter().enumerate() {
        let end = headers.get(n + 1).copied().unwrap_or(text.len());
        let first_line = text[h..].lines().next().unwrap_or_default();
        let header: String = first_line
            .split('#')
            .next()
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if header != "[[tracks]]" {
            continue;
        }
        let own: Option<toml::Table> = toml::from_str(&text[h..end]).ok();
        let own_id = own
            .as_ref()
            .and_then(|t| t.get("tracks"))
            .and_then(|t| t.as_array())
            .and_then(|a| a.first())
            .and_then(|t| t.get("id"))
            .and_then(|v| v.as_str());
        if own_id == Some(track) {
            section = Some((h, end));
            break;
        }
    }
    let (start, end) = section.ok_or("its [[tracks]] table was not found as written")?;
    // The `lessons = [` key of that section.
    let key = starts
        .iter()
        .copied()
        .filter(|&s| s > start && s < end)
        .find(|&s| {
            let line = text[s..].trim_start_matches([' ', '\t']);
            line.strip_prefix("lessons")
                .is_some_and(|r| r.trim_start_matches([' ', '\t']).starts_with('='))
        })
        .ok_or("the track has no `lessons = [...]` line")?;
    let open = (key..end)
        .find(|&i| parts[i] == Part::Code && b[i] == b'[')
        .ok_or("`lessons` is not an array")?;
    let mut d = 0;
    let mut close = None;
    for i in open..end {
        if parts[i] != Part::Code {
            continue;
        }
        match b[i] {
            b'[' => d += 1,
            b']' => {
                d -= 1;
                if d == 0 {
                    close = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close.ok_or("the `lessons` array is not closed")?;
    let item = toml_string(id);
    let last = (open + 1..close)
        .rev()
        .find(|&i| parts[i] != Part::Comment && !b[i].is_ascii_whitespace());
    let mut out = String::with_capacity(text.len() + item.len() + 8);
    let inserted_at;
    match last {
        None if text[open..close].contains('\n') => {
            let close_line = text[..close].rfind('\n').map_or(0, |n| n + 1);
            out.push_str(&text[..close_line]);
            inserted_at = out.len();
            out.push_str(&format!("  {item},\n"));
            out.push_str(&text[close_line..]);
        }
        None => {
            out.push_str(&text[..=open]);
            inserted_at = out.len();
            out.push_str(&item);
            out.push_str(&text[close..]);
        }
        Some(last) => {
            let trailing = b[last] == b',';
            if text[last..close].contains('\n') {
                let line_end = last + text[last..].find('\n').unwrap_or(0);
                let line_begin = text[..last].rfind('\n').map_or(0, |n| n + 1);
                let indent: String = text[line_begin..]
                    .chars()
                    .take_while(|c| *c == ' ' || *c == '\t')
                    .collect();
                out.push_str(&text[..=last]);
                if !trailing {
                    out.push(',');
                }
                out.push_str(&text[last + 1..=line_end]);
                inserted_at = out.len();
                out.push_str(&indent);
                out.push_str(&item);
                if trailing {
                    out.push(',');
                }
                out.push('\n');
                out.push_str(&text[line_end + 1..]);
            } else {
                out.push_str(&text[..=last]);
                out.push_str(if trailing { " " } else { ", " });
                inserted_at = out.len();
                out.push_str(&item);
                out.push_str(&text[last + 1..]);
            }
        }
    }
    // The edit must change exactly one thing: the track's lessons.
    let mut expected = table.clone();
    let target = expected
        .get_mut("tracks")
        .and_then(|t| t.as_array_mut())
        .and_then(|a| {
            a.iter_mut()
                .find(|t| t.get("id").and_then(|v| v.as_str()) == Some(track))
        })
        .and_then(|t| t.get_mut("lessons"))
        .and_then(|l| l.as_array_mut())
        .ok_or("the track's `lessons` is not an array")?;
    target.push(toml::Value::String(id.to_string()));
    let got: toml::Table = toml::from_str(&out).map_err(|e| e.message().trim().to_string())?;
    if got != expected {
        return Err("the edited file would not read back as intended".into());
    }
    let line = out[..inserted_at].matches('\n').count() + 1;
    Ok((out, line))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn append(text: &str, track: &str, id: &str) -> Result<(String, usize), String> {
        let table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
        append_lesson(text, &table, track, id)
    }

    #[test]
    fn every_kind_has_a_template_starting_with_its_exercise_toml() {
        for kind in ExerciseKind::ALL {
            let files = template_files(*kind);
            assert_eq!(files[0].0, "exercise.toml");
            assert!(
                files[0]
                    .1
                    .contains(&format!("kind = \"{}\"", kind.as_str())),
                "{}",
                kind.as_str()
            );
        }
    }

    #[test]
    fn appends_to_a_multi_line_list_keeping_comments_and_trailing_commas() {
        let text = "# The course.\ntitle = \"T\" # inline\n\n[[tracks]]\nid = \"a\"\ntitle = \"A\"\nsummary = \"S\"\nlessons = [\n  \"one\", # first\n  \"two\",\n]\n\n[[tracks]]\nid = \"b\"\ntitle = \"B\"\nsummary = \"S\"\nlessons = [\n  \"three\",\n]\n";
        let (out, line) = append(text, "a", "new").unwrap_or_default();
        assert_eq!(
            out,
            text.replace("  \"two\",\n", "  \"two\",\n  \"new\",\n")
        );
        assert_eq!(line, 11);
    }

    #[test]
    fn adds_the_missing_comma_after_the_last_item() {
        let text = "title = \"T\"\n\n[[tracks]]\nid = \"a\"\ntitle = \"A\"\nsummary = \"S\"\nlessons = [\n    \"one\",\n    \"two\"  # no comma\n]\n";
        let (out, line) = append(text, "a", "new").unwrap_or_default();
        assert_eq!(
            out,
            text.replace(
                "\"two\"  # no comma\n",
                "\"two\",  # no comma\n    \"new\"\n"
            )
        );
        assert_eq!(line, 10);
    }

    #[test]
    fn appends_to_single_line_and_empty_lists() {
        let text = "title = \"T\"\n[[tracks]]\nid = \"a\"\ntitle = \"A\"\nsummary = \"S\"\nlessons = [\"one\", \"two\"]\n[[tracks]]\nid = \"b\"\ntitle = \"B ] [\"\nsummary = \"S\"\nlessons = []\n";
        let (out, _) = append(text, "a", "new").unwrap_or_default();
        assert!(
            out.contains("lessons = [\"one\", \"two\", \"new\"]\n"),
            "{out}"
        );
        let (out, line) = append(text, "b", "new").unwrap_or_default();
        assert!(out.ends_with("lessons = [\"new\"]\n"), "{out}");
        assert_eq!(line, 11);
    }

    #[test]
    fn picks_the_track_by_its_id_not_by_a_string_elsewhere() {
        let text = "title = \"T\"\ndescription = '''\nsee [[tracks]] id = \"b\"\n'''\n\n[[tracks]]\nid = \"a\"\ntitle = \"b\"\nsummary = \"S\"\nlessons = [\"one\"]\n\n[[tracks]]\nid = \"b\"\ntitle = \"B\"\nsummary = \"S\"\nlessons = [\"two\"]\n";
        let (out, _) = append(text, "b", "new").unwrap_or_default();
        assert!(out.ends_with("lessons = [\"two\", \"new\"]\n"), "{out}");
        assert!(out.contains("lessons = [\"one\"]\n"));
    }

    #[test]
    fn refuses_what_it_cannot_edit_as_text() {
        let inline = "title = \"T\"\ntracks = [{ id = \"a\", title = \"A\", summary = \"S\", lessons = [\"one\"] }]\n";
        assert!(append(inline, "a", "new").is_err());
        let no_lessons = "title = \"T\"\n[[tracks]]\nid = \"a\"\ntitle = \"A\"\nsummary = \"S\"\n";
        assert!(append(no_lessons, "a", "new").is_err());
    }

    #[test]
    fn embeds_before_the_takeaways_or_at_the_end() {
        let text = "+++\nid = \"x\"\n+++\n\n## One\n\nText.\n\n```md\n## Takeaways in code\n```\n\n## Takeaways\n\n- a\n";
        let (out, line) = embed_exercise(text, "q");
        let out = out.unwrap_or_default();
        assert_eq!(out.lines().nth(line - 1), Some("{{exercise q}}"));
        assert!(
            out.contains("```\n\n{{exercise q}}\n\n## Takeaways\n"),
            "{out}"
        );
        let (out, line) = embed_exercise("+++\nid = \"x\"\n+++\n\nText.", "q");
        assert_eq!(
            out.as_deref(),
            Some("+++\nid = \"x\"\n+++\n\nText.\n\n{{exercise q}}\n")
        );
        assert_eq!(line, 7);
        let (again, line) = embed_exercise("a\n\n{{exercise q}}\n", "q");
        assert_eq!((again, line), (None, 3));
    }

    #[test]
    fn titles_are_escaped_for_toml() {
        let s = toml_string("Say \"hi\" \\ now");
        let t: toml::Table = toml::from_str(&format!("t = {s}")).unwrap_or_default();
        assert_eq!(
            t.get("t").and_then(|v| v.as_str()),
            Some("Say \"hi\" \\ now")
        );
    }
}
