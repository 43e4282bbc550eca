//! Reading a course from disk: `course.toml`, `lessons/*.md`,
//! `exercises/*/exercise.toml`. Every problem is collected with its file and
//! line; loading goes on past errors so an author sees them all at once.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::{
    ActionPin, AdvisoriesSpec, AdvisoryMode, ArtifactFiles, CCase, CSpec, Example, Exercise,
    ExerciseKind, FuzzSpec, GivenFile, IntegritySpec, KindSpec, LessonDoc, LineNote,
    ProvenanceSpec, QuizOption, QuizSpec, RegistrySpec, SbomSpec, Source, SpotSpec, TyposquatSpec,
    Visibility, WorkflowKeep, WorkflowSpec, language_of,
};
use crate::render::{InternalLink, render_fragment, render_lesson};
use crate::{highlight, is_valid_id};

/// Largest content file read, so a stray binary cannot eat the build.
const MAX_FILE: u64 = 1024 * 1024;

/// One content problem: the file (relative to the course root), the 1-based
/// line where known, and a sentence saying what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: String,
    pub line: Option<u32>,
    pub message: String,
}

impl Problem {
    pub fn new(file: impl Into<String>, line: Option<u32>, message: impl Into<String>) -> Self {
        Problem {
            file: file.into(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CourseToml {
    title: String,
    #[serde(default)]
    description: String,
    tracks: Vec<TrackToml>,
    /// Only valid in a layered course; read here to say so clearly.
    base: Option<toml::Value>,
}

/// `course.toml` of a course that builds on a base course ([`load_layered`]).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LayeredToml {
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    tracks: Vec<TrackToml>,
    base: Option<BaseToml>,
}

/// `[base]` of a layered course's `course.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaseToml {
    /// Base tracks included unchanged, after the course's own tracks.
    #[serde(default)]
    tracks: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackToml {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub lessons: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: String,
    title: String,
    summary: String,
    minutes: u32,
    objectives: Vec<String>,
    #[serde(default)]
    sources: Vec<Source>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExerciseToml {
    id: String,
    kind: String,
    title: String,
    prompt: String,
    #[serde(default = "default_points")]
    points: u32,
    #[serde(default)]
    hints: Vec<String>,
    #[serde(default)]
    explains: String,
    seed: Option<u64>,
    quiz: Option<QuizToml>,
    spot: Option<SpotToml>,
    c: Option<CToml>,
    workflow: Option<toml::Table>,
    advisories: Option<toml::Table>,
    typosquat: Option<toml::Table>,
    registry: Option<toml::Table>,
    sbom: Option<toml::Table>,
    integrity: Option<toml::Table>,
    provenance: Option<toml::Table>,
    #[serde(default)]
    examples: Vec<Example>,
}

/// The keys every supply-chain kind's table has.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArtifactToml {
    file: String,
    starter: String,
    solution: String,
    #[serde(default)]
    given: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkflowToml {
    #[serde(default)]
    triggers: Vec<String>,
    #[serde(default)]
    keep: Vec<WorkflowKeep>,
    #[serde(default)]
    pin: Vec<ActionPin>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AdvisoriesToml {
    mode: AdvisoryMode,
    lockfile: Option<String>,
    advisories: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TyposquatToml {
    expect: Vec<String>,
    #[serde(default)]
    popular: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryToml {
    private: Vec<String>,
    registry: String,
    registry_name: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SbomToml {
    lockfile: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IntegrityToml {
    artifacts: Vec<String>,
    checksums: String,
    signature: Option<String>,
    public_key: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProvenanceToml {
    artifacts: Vec<String>,
    statements: Vec<String>,
    accept: Vec<String>,
}

fn default_points() -> u32 {
    10
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuizToml {
    #[serde(default)]
    multiple: bool,
    options: Vec<QuizOptionToml>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuizOptionToml {
    id: String,
    text: String,
    #[serde(default)]
    correct: bool,
    #[serde(default)]
    feedback: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CToml {
    starter: String,
    solution: String,
    #[serde(default)]
    cases: Vec<CCase>,
    fuzz: Option<FuzzSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpotToml {
    language: String,
    listing: String,
    vulnerable: Vec<LineNote>,
    #[serde(default)]
    notes: Vec<LineNote>,
}

/// A lesson as loaded: the rendered document and what it refers to.
#[derive(Debug, Clone)]
pub struct LoadedLesson {
    pub doc: LessonDoc,
    /// Path relative to the course root, for messages.
    pub file: String,
    pub embeds: Vec<(String, u32)>,
    pub links: Vec<InternalLink>,
    pub citations: Vec<(String, u32)>,
    /// Line of each source id in the front matter.
    pub source_lines: Vec<(String, u32)>,
}

/// An exercise as loaded, with what only the checker needs.
#[derive(Debug, Clone)]
pub struct LoadedExercise {
    pub exercise: Exercise,
    pub examples: Vec<Example>,
    pub file: String,
    pub dir: PathBuf,
    pub text: String,
}

impl LoadedExercise {
    /// The line in `exercise.toml` where `needle` first occurs, for messages.
    pub fn line_of(&self, needle: &str) -> Option<u32> {
        line_of(&self.text, needle)
    }
}

/// A whole course as read from disk.
#[derive(Debug, Clone)]
pub struct Course {
    /// The course folder (for a layered course, the custom one).
    pub root: PathBuf,
    /// The base course a layered course builds on ([`load_layered`]).
    pub base: Option<PathBuf>,
    pub title: String,
    pub description: String,
    pub tracks: Vec<TrackToml>,
    /// Lessons in course order (only those that loaded).
    pub lessons: Vec<LoadedLesson>,
    pub exercises: BTreeMap<String, LoadedExercise>,
    /// Text of `course.toml`, for line numbers.
    pub manifest_text: String,
}

impl Course {
    pub fn lesson(&self, id: &str) -> Option<&LoadedLesson> {
        self.lessons.iter().find(|l| l.doc.id == id)
    }
}

/// The 1-based line where `needle` first occurs in `text`.
pub fn line_of(text: &str, needle: &str) -> Option<u32> {
    let at = text.find(needle)?;
    u32::try_from(text[..at].matches('\n').count() + 1).ok()
}

fn line_at(text: &str, offset: usize) -> u32 {
    let offset = offset.min(text.len());
    let mut o = offset;
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    u32::try_from(text[..o].matches('\n').count() + 1).unwrap_or(u32::MAX)
}

fn read_text(path: &Path, rel: &str, problems: &mut Vec<Problem>) -> Option<String> {
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE => {
            problems.push(Problem::new(
                rel,
                None,
                format!(
                    "file is {} bytes; content files must be under {MAX_FILE} bytes",
                    m.len()
                ),
            ));
            return None;
        }
        Ok(_) => {}
        Err(e) => {
            problems.push(Problem::new(
                rel,
                None,
                format!("cannot read the file: {e}"),
            ));
            return None;
        }
    }
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => Some(s.replace("\r\n", "\n")),
            Err(e) => {
                let line = line_at(
                    &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
                    usize::MAX,
                );
                problems.push(Problem::new(rel, Some(line), "the file is not valid UTF-8"));
                None
            }
        },
        Err(e) => {
            problems.push(Problem::new(
                rel,
                None,
                format!("cannot read the file: {e}"),
            ));
            None
        }
    }
}

fn toml_problem(rel: &str, text: &str, first_line: u32, err: &toml::de::Error) -> Problem {
    let line = err.span().map(|s| line_at(text, s.start) + first_line - 1);
    let msg = err.message().trim().replace('\n', " ");
    Problem::new(rel, line, format!("invalid TOML: {msg}"))
}

/// Where content is read from, and how messages name its files.
#[derive(Clone, Copy)]
struct Layer<'a> {
    root: &'a Path,
    /// Name files by their path as given on the command line (a layered
    /// course, where two folders are involved) instead of relative to the
    /// root (a plain course).
    prefixed: bool,
}

impl Layer<'_> {
    /// How messages name `rel`, a path inside this layer.
    fn rel(&self, rel: &str) -> String {
        if self.prefixed {
            self.root.join(rel).display().to_string()
        } else {
            rel.to_string()
        }
    }
}

/// "X does not exist", or "neither X nor Y exists" across the layers.
fn missing_in(layers: &[Layer<'_>], rel: &str) -> String {
    let names: Vec<String> = layers.iter().map(|l| l.rel(rel)).collect();
    match names.as_slice() {
        [one] => format!("{one} does not exist"),
        many => format!("neither {} exists", many.join(" nor ")),
    }
}

impl Course {
    fn empty(root: &Path) -> Course {
        Course {
            root: root.to_path_buf(),
            base: None,
            title: String::new(),
            description: String::new(),
            tracks: Vec::new(),
            lessons: Vec::new(),
            exercises: BTreeMap::new(),
            manifest_text: String::new(),
        }
    }

    fn layers(&self) -> Vec<Layer<'_>> {
        let prefixed = self.base.is_some();
        std::iter::once(self.root.as_path())
            .chain(self.base.as_deref())
            .map(|root| Layer { root, prefixed })
            .collect()
    }

    /// Whether `rel` (a path inside a course folder) is a folder in the
    /// course or, for a layered course, in its base.
    pub fn has_dir(&self, rel: &str) -> bool {
        self.layers().iter().any(|l| l.root.join(rel).is_dir())
    }

    /// "`rel` does not exist", naming every folder it was looked for in.
    pub fn missing(&self, rel: &str) -> String {
        missing_in(&self.layers(), rel)
    }
}

/// The manifest a track was listed in, for messages about it.
struct Origin<'a> {
    file: &'a str,
    text: &'a str,
}

/// Loads the course at `root`. Returns what could be loaded and every problem.
pub fn load(root: &Path) -> (Course, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut course = Course::empty(root);
    let layer = Layer {
        root,
        prefixed: false,
    };

    // 1. The manifest.
    let manifest_rel = "course.toml";
    if let Some(text) = read_text(&root.join(manifest_rel), manifest_rel, &mut problems) {
        match toml::from_str::<CourseToml>(&text) {
            Ok(m) => {
                if m.base.is_some() {
                    problems.push(Problem::new(
                        manifest_rel,
                        line_of(&text, "[base]"),
                        "this course builds on a base course ([base] in course.toml); give the base course's folder with --base DIR",
                    ));
                }
                course.title = m.title;
                course.description = m.description;
                course.tracks = m.tracks;
            }
            Err(e) => problems.push(toml_problem(manifest_rel, &text, 1, &e)),
        }
        course.manifest_text = text;
    }
    let origin = Origin {
        file: manifest_rel,
        text: &course.manifest_text,
    };
    let origins: Vec<&Origin> = course.tracks.iter().map(|_| &origin).collect();
    if course.tracks.is_empty() && !origin.text.is_empty() {
        problems.push(Problem::new(
            manifest_rel,
            None,
            "the course has no tracks; add a [[tracks]] table",
        ));
    }
    validate_tracks(&course.tracks, &origins, &mut problems);

    // 2. Exercises (lessons need to know which exist only in the checker).
    let exercises = load_exercise_folder(layer, true, &mut problems);

    // 3. Lessons, in manifest order; then files that no track lists.
    let (lessons, listed) = load_track_lessons(&course.tracks, &origins, &[layer], &mut problems);
    unlisted_lessons(layer, &listed, true, &mut problems);
    course.exercises = exercises;
    course.lessons = lessons;
    (course, problems)
}

/// Loads a course that builds on a base course.
///
/// `custom` is a folder like any course's (`course.toml`, `lessons/`,
/// `exercises/`, each folder optional); its `course.toml` may list tracks of
/// the base course to include unchanged:
///
/// ```toml
/// [base]
/// tracks = ["supply-chain"]
/// ```
///
/// The course's tracks are the custom `[[tracks]]`, in order, then the
/// included base tracks, in the order `[base] tracks` lists them. A custom
/// track with the id of a base track replaces it (and is not listed in
/// `[base] tracks`); base tracks not listed are left out. Every lesson and
/// exercise is looked up in `custom` first, then in `base`, so a custom
/// `lessons/use-after-free.md` replaces the base lesson of that id wherever
/// it is used. Only the base exercises that an included lesson embeds are
/// loaded. Title and description come from the custom `course.toml`.
///
/// Problems name each file by its path under `custom` or `base` as given,
/// so a message points at the file that has to change. With `base` `None`
/// this is [`load`].
pub fn load_layered(custom: &Path, base: Option<&Path>) -> (Course, Vec<Problem>) {
    let Some(base) = base else {
        return load(custom);
    };
    let mut problems = Vec::new();
    let mut course = Course::empty(custom);
    course.base = Some(base.to_path_buf());
    let own = Layer {
        root: custom,
        prefixed: true,
    };
    let under = Layer {
        root: base,
        prefixed: true,
    };
    let custom_rel = own.rel("course.toml");
    let base_rel = under.rel("course.toml");

    // 1. Both manifests.
    let mut include: Vec<String> = Vec::new();
    let mut own_tracks: Vec<TrackToml> = Vec::new();
    if let Some(text) = read_text(&custom.join("course.toml"), &custom_rel, &mut problems) {
        match toml::from_str::<LayeredToml>(&text) {
            Ok(m) => {
                course.title = m.title;
                course.description = m.description;
                own_tracks = m.tracks;
                include = m.base.map(|b| b.tracks).unwrap_or_default();
            }
            Err(e) => problems.push(toml_problem(&custom_rel, &text, 1, &e)),
        }
        course.manifest_text = text;
    }
    let mut base_text = String::new();
    let mut base_tracks: Vec<TrackToml> = Vec::new();
    if let Some(text) = read_text(&base.join("course.toml"), &base_rel, &mut problems) {
        match toml::from_str::<CourseToml>(&text) {
            Ok(m) => {
                if m.base.is_some() {
                    problems.push(Problem::new(
                        &base_rel,
                        line_of(&text, "[base]"),
                        "the base course builds on a base course itself; a course builds on one base only: point --base at a course without [base]",
                    ));
                }
                base_tracks = m.tracks;
            }
            Err(e) => problems.push(toml_problem(&base_rel, &text, 1, &e)),
        }
        base_text = text;
    }

    // 2. The tracks: the custom ones, then the included base ones.
    let text = course.manifest_text.as_str();
    let base_section = text.find("[base]").unwrap_or(0);
    let include_line = |id: &str| {
        line_of(&text[base_section..], &format!("\"{id}\""))
            .map(|l| l + line_at(text, base_section) - 1)
    };
    let mut tracks = own_tracks;
    let mut from_base = vec![false; tracks.len()];
    for (n, id) in include.iter().enumerate() {
        let line = include_line(id);
        if include[..n].contains(id) {
            problems.push(Problem::new(
                &custom_rel,
                line,
                format!("[base] tracks lists `{id}` twice"),
            ));
        } else if tracks
            .iter()
            .zip(&from_base)
            .any(|(t, b)| !b && &t.id == id)
        {
            problems.push(Problem::new(
                &custom_rel,
                line,
                format!("track `{id}` is defined in this course.toml, and that definition replaces the base course's track `{id}`; remove `{id}` from [base] tracks"),
            ));
        } else if let Some(t) = base_tracks.iter().find(|t| &t.id == id) {
            tracks.push(t.clone());
            from_base.push(true);
        } else {
            let ids: Vec<&str> = base_tracks.iter().map(|t| t.id.as_str()).collect();
            problems.push(Problem::new(
                &custom_rel,
                line,
                format!(
                    "[base] tracks lists `{id}`, but the base course ({base_rel}) has no such track; its tracks are: {}",
                    ids.join(", ")
                ),
            ));
        }
    }
    if tracks.is_empty() && !text.is_empty() {
        problems.push(Problem::new(
            &custom_rel,
            None,
            "the course has no tracks; add a [[tracks]] table, or include base tracks with `[base] tracks = [\"…\"]`",
        ));
    }
    let own_origin = Origin {
        file: &custom_rel,
        text,
    };
    let base_origin = Origin {
        file: &base_rel,
        text: &base_text,
    };
    let origins: Vec<&Origin> = from_base
        .iter()
        .map(|&b| if b { &base_origin } else { &own_origin })
        .collect();
    validate_tracks(&tracks, &origins, &mut problems);

    // 3. Lessons, custom first; custom lesson files no track lists.
    let layers = [own, under];
    let (lessons, listed) = load_track_lessons(&tracks, &origins, &layers, &mut problems);
    unlisted_lessons(own, &listed, false, &mut problems);

    // 4. Every custom exercise, then the base exercises the lessons embed.
    let mut exercises = load_exercise_folder(own, false, &mut problems);
    for lesson in &lessons {
        for (id, _) in &lesson.embeds {
            let rel_dir = format!("exercises/{id}");
            if exercises.contains_key(id)
                || !is_valid_id(id)
                || custom.join(&rel_dir).exists()
                || !base.join(&rel_dir).join("exercise.toml").is_file()
            {
                continue; // custom, already loaded, or reported by the checker
            }
            if let Some(ex) = load_exercise(
                &base.join(&rel_dir),
                id,
                &under.rel(&rel_dir),
                &mut problems,
            ) {
                exercises.insert(ex.exercise.id.clone(), ex);
            }
        }
    }
    course.tracks = tracks;
    course.lessons = lessons;
    course.exercises = exercises;
    (course, problems)
}

/// Loads every `exercises/*/exercise.toml` of a layer. A missing
/// `exercises/` folder is a problem only when `required`.
fn load_exercise_folder(
    layer: Layer<'_>,
    required: bool,
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, LoadedExercise> {
    let mut exercises = BTreeMap::new();
    let ex_dir = layer.root.join("exercises");
    if !required && !ex_dir.exists() {
        return exercises;
    }
    for dir in sorted_entries(&ex_dir, problems, &layer.rel("exercises")) {
        if !dir.is_dir() {
            continue;
        }
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let rel_dir = layer.rel(&format!("exercises/{name}"));
        if !dir.join("exercise.toml").is_file() {
            problems.push(Problem::new(
                rel_dir,
                None,
                "this exercise folder has no exercise.toml",
            ));
            continue;
        }
        if let Some(ex) = load_exercise(&dir, &name, &rel_dir, problems) {
            exercises.insert(ex.exercise.id.clone(), ex);
        }
    }
    exercises
}

/// Loads the lessons the tracks list, in order, each from the first layer
/// that has it. Returns the lessons and every id listed.
fn load_track_lessons(
    tracks: &[TrackToml],
    origins: &[&Origin<'_>],
    layers: &[Layer<'_>],
    problems: &mut Vec<Problem>,
) -> (Vec<LoadedLesson>, Vec<String>) {
    let mut lessons: Vec<LoadedLesson> = Vec::new();
    let mut listed = Vec::new();
    for (track, origin) in tracks.iter().zip(origins) {
        for id in &track.lessons {
            listed.push(id.clone());
            let rel = format!("lessons/{id}.md");
            let found = layers.iter().find(|l| l.root.join(&rel).is_file());
            let Some(layer) = found else {
                problems.push(Problem::new(
                    origin.file,
                    line_of(origin.text, &format!("\"{id}\"")),
                    format!(
                        "track `{}` lists lesson `{id}`, but {}",
                        track.id,
                        missing_in(layers, &rel)
                    ),
                ));
                continue;
            };
            if lessons.iter().any(|l| &l.doc.id == id) {
                continue; // reported as a duplicate by validate_tracks
            }
            if let Some(lesson) =
                load_lesson(&layer.root.join(&rel), id, &layer.rel(&rel), problems)
            {
                lessons.push(lesson);
            }
        }
    }
    (lessons, listed)
}

/// Reports lesson files of `layer` that no track lists. A missing `lessons/`
/// folder is a problem only when `required`.
fn unlisted_lessons(
    layer: Layer<'_>,
    listed: &[String],
    required: bool,
    problems: &mut Vec<Problem>,
) {
    let dir = layer.root.join("lessons");
    if !required && !dir.exists() {
        return;
    }
    for path in sorted_entries(&dir, problems, &layer.rel("lessons")) {
        if path.extension().is_some_and(|e| e == "md") {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default();
            if !listed.contains(&stem) {
                problems.push(Problem::new(
                    layer.rel(&format!("lessons/{stem}.md")),
                    None,
                    format!("this lesson is not listed in any track of course.toml; add \"{stem}\" to a track's `lessons`"),
                ));
            }
        }
    }
}

fn sorted_entries(dir: &Path, problems: &mut Vec<Problem>, rel: &str) -> Vec<PathBuf> {
    match std::fs::read_dir(dir) {
        Ok(rd) => {
            let mut v: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            v.sort();
            v
        }
        Err(e) => {
            problems.push(Problem::new(
                rel,
                None,
                format!("cannot read the folder: {e}"),
            ));
            Vec::new()
        }
    }
}

/// Ids and uniqueness of tracks and their lessons; each track's problems
/// point into the manifest that lists it.
fn validate_tracks(tracks: &[TrackToml], origins: &[&Origin<'_>], problems: &mut Vec<Problem>) {
    let mut seen_tracks: Vec<&str> = Vec::new();
    let mut seen_lessons: Vec<&str> = Vec::new();
    for (t, origin) in tracks.iter().zip(origins) {
        let (file, text) = (origin.file, origin.text);
        let line = line_of(text, &format!("\"{}\"", t.id));
        if !is_valid_id(&t.id) {
            problems.push(Problem::new(
                file,
                line,
                format!(
                    "track id `{}` is not valid: use lowercase letters, digits and single dashes",
                    t.id
                ),
            ));
        }
        if seen_tracks.contains(&t.id.as_str()) {
            problems.push(Problem::new(
                file,
                line,
                format!("track id `{}` is used twice", t.id),
            ));
        }
        seen_tracks.push(&t.id);
        if t.lessons.is_empty() {
            problems.push(Problem::new(
                file,
                line,
                format!("track `{}` has no lessons", t.id),
            ));
        }
        for l in &t.lessons {
            let line = line_of(text, &format!("\"{l}\""));
            if !is_valid_id(l) {
                problems.push(Problem::new(file, line, format!("lesson id `{l}` is not valid: use lowercase letters, digits and single dashes")));
            }
            if seen_lessons.contains(&l.as_str()) {
                problems.push(Problem::new(
                    file,
                    line,
                    format!(
                        "lesson `{l}` is listed twice; a lesson belongs to exactly one track, once"
                    ),
                ));
            }
            seen_lessons.push(l);
        }
    }
}

/// Splits `+++` TOML front matter from the body. Returns (front matter, body,
/// line of the body's first line).
fn split_front_matter(text: &str) -> Option<(&str, &str, u32)> {
    let rest = text.strip_prefix("+++\n")?;
    let end = rest
        .find("\n+++\n")
        .map(|i| (i, i + 5))
        .or_else(|| rest.strip_suffix("\n+++").map(|r| (r.len(), rest.len())))?;
    let fm = &rest[..end.0 + 1];
    let body = &rest[end.1..];
    let body_line = u32::try_from(fm.matches('\n').count() + 3).unwrap_or(u32::MAX);
    Some((fm, body, body_line))
}

fn load_lesson(
    path: &Path,
    id: &str,
    rel: &str,
    problems: &mut Vec<Problem>,
) -> Option<LoadedLesson> {
    let text = read_text(path, rel, problems)?;
    let Some((fm_text, body, body_line)) = split_front_matter(&text) else {
        problems.push(Problem::new(
            rel,
            Some(1),
            "the lesson must start with TOML front matter between `+++` lines",
        ));
        return None;
    };
    let fm: FrontMatter = match toml::from_str(fm_text) {
        Ok(fm) => fm,
        Err(e) => {
            problems.push(toml_problem(rel, fm_text, 2, &e));
            return None;
        }
    };
    let fm_line = |needle: &str| line_of(fm_text, needle).map(|l| l + 1);
    if fm.id != id {
        problems.push(Problem::new(
            rel,
            fm_line("id"),
            format!(
                "front matter id `{}` must equal the file name `{id}`",
                fm.id
            ),
        ));
    }
    if fm.title.trim().is_empty() {
        problems.push(Problem::new(rel, fm_line("title"), "the title is empty"));
    }
    if fm.summary.trim().is_empty() {
        problems.push(Problem::new(
            rel,
            fm_line("summary"),
            "the summary is empty",
        ));
    }
    if !(1..=120).contains(&fm.minutes) {
        problems.push(Problem::new(
            rel,
            fm_line("minutes"),
            format!("minutes is {}; give an estimate from 1 to 120", fm.minutes),
        ));
    }
    if !(2..=4).contains(&fm.objectives.len()) {
        problems.push(Problem::new(
            rel,
            fm_line("objectives"),
            format!(
                "a lesson has 2 to 4 learning objectives; this one has {}",
                fm.objectives.len()
            ),
        ));
    }
    if fm.sources.is_empty() {
        problems.push(Problem::new(
            rel,
            Some(1),
            "the lesson cites no sources: add [[sources]] with title and url to the front matter",
        ));
    }
    let mut source_lines = Vec::new();
    let mut source_ids: Vec<String> = Vec::new();
    for (n, s) in fm.sources.iter().enumerate() {
        let line = if s.id.is_empty() {
            fm_line(&s.url)
        } else {
            fm_line(&format!("\"{}\"", s.id))
        };
        if s.id.is_empty() {
            problems.push(Problem::new(
                rel,
                line,
                format!(
                    "source {} has no id: give it one so the text can cite it with [^id]",
                    n + 1
                ),
            ));
        } else if source_ids.contains(&s.id) {
            problems.push(Problem::new(
                rel,
                line,
                format!("source id `{}` is used twice", s.id),
            ));
        }
        if s.title.trim().is_empty() {
            problems.push(Problem::new(
                rel,
                line,
                format!("source `{}` has no title", s.id),
            ));
        }
        if !s.url.starts_with("https://") && !s.url.starts_with("http://") {
            problems.push(Problem::new(
                rel,
                line,
                format!(
                    "source `{}` needs a web address (https://…), not `{}`",
                    s.id, s.url
                ),
            ));
        }
        source_ids.push(s.id.clone());
        source_lines.push((s.id.clone(), line.unwrap_or(1)));
    }
    let rendered = render_lesson(body, body_line, &source_ids);
    for p in &rendered.problems {
        problems.push(Problem::new(rel, Some(p.line), p.message.clone()));
    }
    Some(LoadedLesson {
        doc: LessonDoc {
            id: id.to_string(),
            title: fm.title,
            summary: fm.summary,
            minutes: fm.minutes,
            objectives: fm.objectives,
            sources: fm.sources,
            toc: rendered.toc,
            blocks: rendered.blocks,
            exercises: Vec::new(),
        },
        file: rel.to_string(),
        embeds: rendered.embeds,
        links: rendered.links,
        citations: rendered.citations,
        source_lines,
    })
}

/// A stable seed from an id (FNV-1a), so option order is fixed per exercise.
pub fn seed_from_id(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Loads `dir/exercise.toml`; `name` is the folder name (the id it must
/// have) and `rel_dir` how messages name the folder.
fn load_exercise(
    dir: &Path,
    name: &str,
    rel_dir: &str,
    problems: &mut Vec<Problem>,
) -> Option<LoadedExercise> {
    let rel_owned = format!("{rel_dir}/exercise.toml");
    let rel = rel_owned.as_str();
    let text = read_text(&dir.join("exercise.toml"), rel, problems)?;
    let t: ExerciseToml = match toml::from_str(&text) {
        Ok(t) => t,
        Err(e) => {
            problems.push(toml_problem(rel, &text, 1, &e));
            return None;
        }
    };
    let at = |needle: &str| line_of(&text, needle);
    let before = problems.len();
    let mut push = |line: Option<u32>, msg: String| problems.push(Problem::new(rel, line, msg));
    if t.id != name {
        push(
            at("id"),
            format!("exercise id `{}` must equal its folder name `{name}`", t.id),
        );
    }
    if !is_valid_id(&t.id) {
        push(
            at("id"),
            format!(
                "exercise id `{}` is not valid: use lowercase letters, digits and single dashes",
                t.id
            ),
        );
    }
    if t.points == 0 {
        push(at("points"), "points must be at least 1".into());
    }
    if t.hints.is_empty() {
        push(
            Some(1),
            "give at least one hint (a nudge first, the last one almost the answer)".into(),
        );
    }
    if !t.explains.is_empty() && !t.explains.contains('#') {
        push(
            at("explains"),
            format!(
                "explains = \"{}\" must name a lesson section: `lesson-id#anchor`",
                t.explains
            ),
        );
    }
    let (prompt_html, fragment_problems) =
        render_fragment(&t.prompt, false, at("prompt").unwrap_or(1));
    for p in fragment_problems {
        push(Some(p.line), format!("in the prompt: {}", p.message));
    }
    let mut hints = Vec::new();
    for h in &t.hints {
        let (html, ps) = render_fragment(h, true, at("hints").unwrap_or(1));
        for p in ps {
            push(Some(p.line), format!("in a hint: {}", p.message));
        }
        hints.push(html);
    }
    let tables: Vec<&str> = [
        ("quiz", t.quiz.is_some()),
        ("spot", t.spot.is_some()),
        ("c", t.c.is_some()),
        ("workflow", t.workflow.is_some()),
        ("advisories", t.advisories.is_some()),
        ("typosquat", t.typosquat.is_some()),
        ("registry", t.registry.is_some()),
        ("sbom", t.sbom.is_some()),
        ("integrity", t.integrity.is_some()),
        ("provenance", t.provenance.is_some()),
    ]
    .into_iter()
    .filter_map(|(k, present)| present.then_some(k))
    .collect();
    let kind = t.kind.as_str();
    let spec = if ExerciseKind::parse(kind).is_none() {
        push(
            at("kind"),
            format!(
                "unknown exercise kind `{kind}`; the kinds are: {}",
                ExerciseKind::ALL
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
        None
    } else if tables != [kind] {
        push(
            at("kind"),
            format!(
                "kind = \"{kind}\" needs exactly one [{kind}] table, and no table of another kind"
            ),
        );
        None
    } else {
        let ctx = ArtifactCtx {
            dir,
            rel_dir,
            text: &text,
            kind,
        };
        match kind {
            "quiz" => t.quiz.and_then(|q| quiz_spec(q, &text, &mut push)),
            "spot" => t.spot.and_then(|s| spot_spec(s, dir, rel_dir, &text, &mut push)),
            "c" => t.c.and_then(|c| c_spec(c, dir, rel_dir, &text, &mut push)),
            "workflow" => t.workflow.and_then(|tb| {
                let (files, w): (_, WorkflowToml) = ctx.split(tb, &mut push)?;
                Some(KindSpec::Workflow(WorkflowSpec {
                    files,
                    triggers: w.triggers,
                    keep: w.keep,
                    pin: w.pin,
                }))
            }),
            "advisories" => t.advisories.and_then(|tb| {
                let (files, a): (_, AdvisoriesToml) = ctx.split(tb, &mut push)?;
                let mut named: Vec<&str> = a.advisories.iter().map(String::as_str).collect();
                match (a.mode, &a.lockfile) {
                    (AdvisoryMode::Triage, Some(l)) => named.push(l),
                    (AdvisoryMode::Triage, None) => push(
                        ctx.table_line(),
                        "mode = \"triage\" needs lockfile = \"<a given lockfile>\"".into(),
                    ),
                    (AdvisoryMode::Lockfile, Some(_)) => push(
                        ctx.table_line(),
                        "mode = \"lockfile\" edits the lockfile itself (file = …); drop `lockfile`".into(),
                    ),
                    (AdvisoryMode::Lockfile, None) => {}
                }
                if a.advisories.is_empty() {
                    push(ctx.table_line(), "list at least one OSV advisory file in `advisories`".into());
                }
                ctx.require_given(&files, &named, &mut push)?;
                Some(KindSpec::Advisories(AdvisoriesSpec {
                    files,
                    mode: a.mode,
                    lockfile: a.lockfile,
                    advisories: a.advisories,
                }))
            }),
            "typosquat" => t.typosquat.and_then(|tb| {
                let (files, ty): (_, TyposquatToml) = ctx.split(tb, &mut push)?;
                if ty.expect.is_empty() {
                    push(ctx.table_line(), "list the packages the project really needs in `expect`".into());
                }
                Some(KindSpec::Typosquat(TyposquatSpec {
                    files,
                    expect: ty.expect,
                    popular: ty.popular,
                }))
            }),
            "registry" => t.registry.and_then(|tb| {
                let (files, r): (_, RegistryToml) = ctx.split(tb, &mut push)?;
                Some(KindSpec::Registry(RegistrySpec {
                    files,
                    private: r.private,
                    registry: r.registry,
                    registry_name: r.registry_name,
                }))
            }),
            "sbom" => t.sbom.and_then(|tb| {
                let (files, sb): (_, SbomToml) = ctx.split(tb, &mut push)?;
                ctx.require_given(&files, &[sb.lockfile.as_str()], &mut push)?;
                Some(KindSpec::Sbom(SbomSpec {
                    files,
                    lockfile: sb.lockfile,
                }))
            }),
            "integrity" => t.integrity.and_then(|tb| {
                let (files, i): (_, IntegrityToml) = ctx.split(tb, &mut push)?;
                let mut named: Vec<&str> = i.artifacts.iter().map(String::as_str).collect();
                named.push(&i.checksums);
                named.extend(i.signature.as_deref());
                named.extend(i.public_key.as_deref());
                if i.signature.is_some() != i.public_key.is_some() {
                    push(ctx.table_line(), "give both `signature` and `public_key`, or neither".into());
                }
                ctx.require_given(&files, &named, &mut push)?;
                Some(KindSpec::Integrity(IntegritySpec {
                    files,
                    artifacts: i.artifacts,
                    checksums: i.checksums,
                    signature: i.signature,
                    public_key: i.public_key,
                }))
            }),
            "provenance" => t.provenance.and_then(|tb| {
                let (files, p): (_, ProvenanceToml) = ctx.split(tb, &mut push)?;
                if p.artifacts.len() != p.statements.len() {
                    push(
                        ctx.table_line(),
                        format!(
                            "{} artifacts but {} statements: give one statement per artifact, in the same order",
                            p.artifacts.len(),
                            p.statements.len()
                        ),
                    );
                }
                for a in &p.accept {
                    if !p.artifacts.contains(a) {
                        push(line_of(&text, &format!("\"{a}\"")), format!("accept names `{a}`, which is not one of the artifacts"));
                    }
                }
                let mut named: Vec<&str> = p.artifacts.iter().map(String::as_str).collect();
                named.extend(p.statements.iter().map(String::as_str));
                ctx.require_given(&files, &named, &mut push)?;
                Some(KindSpec::Provenance(ProvenanceSpec {
                    files,
                    artifacts: p.artifacts,
                    statements: p.statements,
                    accept: p.accept,
                }))
            }),
            _ => None,
        }
    };
    let spec = spec?;
    for ex in &t.examples {
        let fits = matches!(
            (&spec, &ex.submission),
            (KindSpec::Quiz(_), crate::model::Submission::Quiz { .. })
                | (KindSpec::Spot(_), crate::model::Submission::Spot { .. })
                | (
                    KindSpec::C(_)
                        | KindSpec::Workflow(_)
                        | KindSpec::Advisories(_)
                        | KindSpec::Typosquat(_)
                        | KindSpec::Registry(_)
                        | KindSpec::Sbom(_)
                        | KindSpec::Integrity(_)
                        | KindSpec::Provenance(_),
                    crate::model::Submission::Files { .. }
                )
        );
        if !fits {
            push(
                at(&ex.name),
                format!(
                    "example \"{}\" has a {} submission, but this is a {} exercise",
                    ex.name,
                    ex.submission.kind_name(),
                    spec.kind()
                ),
            );
        }
    }
    if problems.len() > before {
        return None;
    }
    Some(LoadedExercise {
        exercise: Exercise {
            seed: t.seed.unwrap_or_else(|| seed_from_id(&t.id)),
            id: t.id,
            title: t.title,
            prompt_html,
            points: t.points,
            hints,
            explains: t.explains,
            spec,
        },
        examples: t.examples,
        file: rel.to_string(),
        dir: dir.to_path_buf(),
        text,
    })
}

fn quiz_spec(
    q: QuizToml,
    text: &str,
    push: &mut impl FnMut(Option<u32>, String),
) -> Option<KindSpec> {
    if q.options.len() < 2 {
        push(
            line_of(text, "[quiz]"),
            "a quiz needs at least two options".into(),
        );
    }
    let correct = q.options.iter().filter(|o| o.correct).count();
    if !q.multiple && correct != 1 {
        push(
            line_of(text, "[quiz]"),
            format!(
                "a single-answer quiz needs exactly one correct option; this one has {correct} (set `multiple = true` if several are right)"
            ),
        );
    }
    if q.multiple && correct == 0 {
        push(
            line_of(text, "[quiz]"),
            "a multiple-answer quiz needs at least one correct option".into(),
        );
    }
    let mut ids: Vec<&str> = Vec::new();
    let mut options = Vec::new();
    for o in &q.options {
        let line = line_of(text, &format!("id = \"{}\"", o.id));
        if ids.contains(&o.id.as_str()) {
            push(line, format!("option id `{}` is used twice", o.id));
        }
        ids.push(&o.id);
        if o.feedback.trim().is_empty() {
            push(
                line,
                format!(
                    "option `{}` has no feedback: say why it is right or wrong",
                    o.id
                ),
            );
        }
        let (text_html, ps) = render_fragment(&o.text, true, line.unwrap_or(1));
        for p in ps {
            push(Some(p.line), format!("in option `{}`: {}", o.id, p.message));
        }
        options.push(QuizOption {
            id: o.id.clone(),
            text_html,
            correct: o.correct,
            feedback: o.feedback.clone(),
        });
    }
    Some(KindSpec::Quiz(QuizSpec {
        multiple: q.multiple,
        options,
    }))
}

fn spot_spec(
    s: SpotToml,
    dir: &Path,
    rel_dir: &str,
    text: &str,
    push: &mut impl FnMut(Option<u32>, String),
) -> Option<KindSpec> {
    let at_line = |n: u32| line_of(text, &format!("line = {n}"));
    let listing_rel = format!("{rel_dir}/{}", s.listing);
    if s.listing.contains('/') || s.listing.contains("..") {
        push(
            None,
            format!(
                "listing `{}` must be a file in the exercise folder",
                s.listing
            ),
        );
        return None;
    }
    let mut ps = Vec::new();
    let Some(listing) = read_text(&dir.join(&s.listing), &listing_rel, &mut ps) else {
        for p in ps {
            push(None, format!("{}: {}", p.file, p.message));
        }
        return None;
    };
    if !highlight::knows_language(&s.language) {
        push(None, format!("unknown listing language `{}`", s.language));
    }
    let count = u32::try_from(listing.lines().count()).unwrap_or(u32::MAX);
    if s.vulnerable.is_empty() {
        push(
            None,
            "a spot exercise needs at least one [[spot.vulnerable]] line".into(),
        );
    }
    let mut seen = Vec::new();
    for n in s.vulnerable.iter().chain(&s.notes) {
        if n.line == 0 || n.line > count {
            push(
                at_line(n.line),
                format!(
                    "line {} is outside the listing, which has {count} lines",
                    n.line
                ),
            );
        }
        if seen.contains(&n.line) {
            push(
                at_line(n.line),
                format!(
                    "line {} is listed twice (a line is either vulnerable or has a note, once)",
                    n.line
                ),
            );
        }
        seen.push(n.line);
        if n.feedback.trim().is_empty() {
            push(at_line(n.line), format!("line {} has no feedback", n.line));
        }
    }
    let lines_html = highlight::highlight_lines(&listing, &s.language);
    Some(KindSpec::Spot(SpotSpec {
        language: s.language,
        listing,
        lines_html,
        vulnerable: s.vulnerable,
        notes: s.notes,
    }))
}

fn read_sibling(
    dir: &Path,
    rel_dir: &str,
    file: &str,
    what: &str,
    push: &mut impl FnMut(Option<u32>, String),
) -> Option<String> {
    if file.contains('/') || file.contains("..") {
        push(
            None,
            format!("{what} `{file}` must be a file in the exercise folder"),
        );
        return None;
    }
    let mut ps = Vec::new();
    let text = read_text(&dir.join(file), &format!("{rel_dir}/{file}"), &mut ps);
    for p in ps {
        push(None, format!("{what}: {}: {}", p.file, p.message));
    }
    text
}

fn c_spec(
    c: CToml,
    dir: &Path,
    rel_dir: &str,
    text: &str,
    push: &mut impl FnMut(Option<u32>, String),
) -> Option<KindSpec> {
    let starter = read_sibling(dir, rel_dir, &c.starter, "starter", push);
    let solution = read_sibling(dir, rel_dir, &c.solution, "solution", push);
    let count = |v: Visibility| c.cases.iter().filter(|x| x.visibility == v).count();
    if count(Visibility::Visible) == 0 {
        push(line_of(text, "[c]"), "a c exercise needs at least one visible case ([[c.cases]] with visibility = \"visible\")".into());
    }
    if count(Visibility::Attack) == 0 {
        push(
            line_of(text, "[c]"),
            "a c exercise needs at least one attack case: the input an attacker would send".into(),
        );
    }
    let mut names: Vec<&str> = Vec::new();
    for case in &c.cases {
        if names.contains(&case.name.as_str()) {
            push(
                line_of(text, &format!("\"{}\"", case.name)),
                format!("case name \"{}\" is used twice", case.name),
            );
        }
        names.push(&case.name);
    }
    if let Some(f) = &c.fuzz
        && f.count > 1000
    {
        push(
            line_of(text, "[c.fuzz]"),
            format!(
                "fuzz count is {}; keep it at 1000 or fewer so grading stays fast",
                f.count
            ),
        );
    }
    Some(KindSpec::C(CSpec {
        file: "main.c".to_string(),
        starter: starter?,
        solution: solution?,
        cases: c.cases,
        fuzz: c.fuzz,
    }))
}

/// Reads the shared keys of a supply-chain kind's table and its files.
struct ArtifactCtx<'a> {
    dir: &'a Path,
    /// How messages name the exercise folder.
    rel_dir: &'a str,
    text: &'a str,
    kind: &'a str,
}

impl ArtifactCtx<'_> {
    fn table_line(&self) -> Option<u32> {
        line_of(self.text, &format!("[{}]", self.kind))
    }

    /// Splits the table into the shared keys (read with their files) and
    /// the kind's own keys, deserialized into `T`.
    fn split<T: serde::de::DeserializeOwned>(
        &self,
        mut table: toml::Table,
        push: &mut impl FnMut(Option<u32>, String),
    ) -> Option<(ArtifactFiles, T)> {
        let mut common = toml::Table::new();
        for key in ["file", "starter", "solution", "given"] {
            if let Some(v) = table.remove(key) {
                common.insert(key.to_string(), v);
            }
        }
        let at = self.table_line();
        let shared: Result<ArtifactToml, _> = toml::Value::Table(common).try_into();
        let own: Result<T, _> = toml::Value::Table(table).try_into();
        let shared = shared
            .map_err(|e| {
                push(
                    at,
                    format!(
                        "in [{}]: {} (every supply-chain kind needs file, starter and solution; given is optional)",
                        self.kind,
                        e.message().trim()
                    ),
                )
            })
            .ok();
        let own = own
            .map_err(|e| push(at, format!("in [{}]: {}", self.kind, e.message().trim())))
            .ok();
        let (shared, own) = (shared?, own?);
        if shared.file.trim().is_empty() || shared.file.contains("..") {
            push(
                at,
                format!(
                    "file = \"{}\" must be a plain file name such as `.github/workflows/ci.yml`",
                    shared.file
                ),
            );
            return None;
        }
        let starter = read_sibling(self.dir, self.rel_dir, &shared.starter, "starter", push);
        let solution = read_sibling(self.dir, self.rel_dir, &shared.solution, "solution", push);
        let mut given = Vec::new();
        for g in &shared.given {
            if let Some(content) = read_sibling(self.dir, self.rel_dir, g, "given file", push) {
                given.push(GivenFile {
                    name: g.clone(),
                    language: language_of(g).to_string(),
                    content,
                });
            }
        }
        if given.len() != shared.given.len() {
            return None;
        }
        Some((
            ArtifactFiles {
                language: language_of(&shared.file).to_string(),
                file: shared.file,
                starter: starter?,
                solution: solution?,
                given,
            },
            own,
        ))
    }

    /// Every name must be one of the given files.
    fn require_given(
        &self,
        files: &ArtifactFiles,
        names: &[&str],
        push: &mut impl FnMut(Option<u32>, String),
    ) -> Option<()> {
        let mut ok = true;
        for n in names {
            if files.given(n).is_none() {
                ok = false;
                push(
                    line_of(self.text, &format!("\"{n}\"")).or(self.table_line()),
                    format!(
                        "`{n}` must also be listed in `given` (the files shown to the learner)"
                    ),
                );
            }
        }
        ok.then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_split() {
        let (fm, body, line) =
            split_front_matter("+++\nid = \"a\"\n+++\nbody\n").unwrap_or_default();
        assert_eq!(fm, "id = \"a\"\n");
        assert_eq!(body, "body\n");
        assert_eq!(line, 4);
        assert!(split_front_matter("no front matter").is_none());
    }

    /// A course folder in the temp dir, written from (path, contents) pairs.
    fn folder(name: &str, files: &[(&str, String)]) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("rampart-layered-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (rel, text) in files {
            let path = dir.join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).unwrap_or_default();
            }
            std::fs::write(path, text).unwrap_or_default();
        }
        dir
    }

    fn lesson(id: &str, title: &str, embeds: &[&str]) -> (String, String) {
        let mut body = format!(
            "+++\nid = \"{id}\"\ntitle = \"{title}\"\nsummary = \"S.\"\nminutes = 5\nobjectives = [\"one\", \"two\"]\n\n[[sources]]\nid = \"src\"\ntitle = \"A source\"\nurl = \"https://example.org/\"\n+++\n\n## Body\n\nA claim.[^src]\n"
        );
        for e in embeds {
            body.push_str(&format!("\n{{{{exercise {e}}}}}\n"));
        }
        (format!("lessons/{id}.md"), body)
    }

    fn quiz(id: &str) -> (String, String) {
        (
            format!("exercises/{id}/exercise.toml"),
            format!(
                "id = \"{id}\"\nkind = \"quiz\"\ntitle = \"Q\"\nprompt = \"Pick.\"\nhints = [\"h\"]\n\n[quiz]\n\n[[quiz.options]]\nid = \"a\"\ntext = \"A\"\ncorrect = true\nfeedback = \"yes\"\n\n[[quiz.options]]\nid = \"b\"\ntext = \"B\"\nfeedback = \"no\"\n"
            ),
        )
    }

    /// A base course: track `mem` (lessons `uaf` with quiz `uaf-quiz`, and
    /// `bof`) and track `supply` (lesson `pins` with quiz `pins-quiz`).
    fn base(name: &str) -> PathBuf {
        let manifest = "title = \"Base\"\n\n[[tracks]]\nid = \"mem\"\ntitle = \"Memory\"\nsummary = \"M\"\nlessons = [\"uaf\", \"bof\"]\n\n[[tracks]]\nid = \"supply\"\ntitle = \"Supply\"\nsummary = \"S\"\nlessons = [\"pins\"]\n";
        let files: Vec<(String, String)> = vec![
            ("course.toml".into(), manifest.into()),
            lesson("uaf", "Base use after free", &["uaf-quiz"]),
            lesson("bof", "Base overflows", &[]),
            lesson("pins", "Base pins", &["pins-quiz"]),
            quiz("uaf-quiz"),
            quiz("pins-quiz"),
        ];
        let files: Vec<(&str, String)> =
            files.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
        folder(name, &files)
    }

    fn custom(name: &str, manifest: &str, more: Vec<(String, String)>) -> PathBuf {
        let mut files = vec![("course.toml".to_string(), manifest.to_string())];
        files.extend(more);
        let files: Vec<(&str, String)> =
            files.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
        folder(name, &files)
    }

    fn shown(p: &Path, rel: &str) -> String {
        p.join(rel).display().to_string()
    }

    #[test]
    fn a_custom_lesson_replaces_the_base_lesson_of_its_id_even_in_an_included_track() {
        let b = base("replace-lesson-base");
        let c = custom(
            "replace-lesson",
            "title = \"Uni\"\ndescription = \"Ours\"\n\n[base]\ntracks = [\"mem\"]\n",
            vec![lesson("uaf", "Our use after free", &["uaf-quiz"])],
        );
        let (course, problems) = load_layered(&c, Some(&b));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(course.title, "Uni");
        assert_eq!(course.description, "Ours");
        let ids: Vec<&str> = course.tracks.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["mem"], "supply is not included");
        let uaf = course
            .lesson("uaf")
            .map(|l| (l.doc.title.as_str(), l.file.as_str()));
        assert_eq!(
            uaf,
            Some(("Our use after free", shown(&c, "lessons/uaf.md").as_str()))
        );
        let bof = course.lesson("bof").map(|l| l.file.clone());
        assert_eq!(bof, Some(shown(&b, "lessons/bof.md")));
        // The base quiz the custom lesson embeds comes from the base; the
        // quiz of the left-out track is not loaded at all.
        let quiz = course.exercises.get("uaf-quiz").map(|e| e.file.clone());
        assert_eq!(quiz, Some(shown(&b, "exercises/uaf-quiz/exercise.toml")));
        assert!(!course.exercises.contains_key("pins-quiz"));
        assert!(crate::check::check_static(&course).is_empty());
    }

    #[test]
    fn a_custom_track_replaces_the_base_track_of_its_id() {
        let b = base("replace-track-base");
        let c = custom(
            "replace-track",
            "title = \"Uni\"\n\n[base]\ntracks = [\"supply\"]\n\n[[tracks]]\nid = \"mem\"\ntitle = \"Our memory track\"\nsummary = \"Ours\"\nlessons = [\"bof\"]\n",
            vec![],
        );
        let (course, problems) = load_layered(&c, Some(&b));
        assert!(problems.is_empty(), "{problems:?}");
        let tracks: Vec<(&str, &str, usize)> = course
            .tracks
            .iter()
            .map(|t| (t.id.as_str(), t.title.as_str(), t.lessons.len()))
            .collect();
        assert_eq!(
            tracks,
            [("mem", "Our memory track", 1), ("supply", "Supply", 1)]
        );
        assert!(course.lesson("uaf").is_none());
        assert!(crate::check::check_static(&course).is_empty());
    }

    #[test]
    fn including_a_track_the_custom_course_replaces_is_a_problem_at_the_include() {
        let b = base("include-replaced-base");
        let manifest = "title = \"Uni\"\n\n[base]\ntracks = [\"mem\", \"nope\"]\n\n[[tracks]]\nid = \"mem\"\ntitle = \"T\"\nsummary = \"S\"\nlessons = [\"bof\"]\n";
        let c = custom("include-replaced", manifest, vec![]);
        let (_, problems) = load_layered(&c, Some(&b));
        let file = shown(&c, "course.toml");
        let got: Vec<(&str, Option<u32>)> =
            problems.iter().map(|p| (p.file.as_str(), p.line)).collect();
        assert_eq!(
            got,
            [(file.as_str(), Some(4)), (file.as_str(), Some(4))],
            "{problems:?}"
        );
        assert!(
            problems[0]
                .message
                .contains("remove `mem` from [base] tracks")
        );
        assert!(problems[1].message.contains("its tracks are: mem, supply"));
    }

    #[test]
    fn a_missing_lesson_points_at_the_custom_course_toml_line_and_names_both_places() {
        let b = base("missing-lesson-base");
        let manifest = "title = \"Uni\"\n\n[[tracks]]\nid = \"ours\"\ntitle = \"T\"\nsummary = \"S\"\nlessons = [\n  \"bof\",\n  \"ghost\",\n]\n";
        let c = custom("missing-lesson", manifest, vec![]);
        let (_, problems) = load_layered(&c, Some(&b));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].file, shown(&c, "course.toml"));
        assert_eq!(problems[0].line, Some(9));
        assert!(problems[0].message.contains(&format!(
            "neither {} nor {} exists",
            shown(&c, "lessons/ghost.md"),
            shown(&b, "lessons/ghost.md")
        )));
    }

    #[test]
    fn a_problem_in_a_base_file_names_the_base_path() {
        let b = base("base-problem-base");
        // Break the base lesson `pins`: a single objective.
        let (rel, text) = lesson("pins", "Base pins", &["pins-quiz"]);
        let broken = text.replace("[\"one\", \"two\"]", "[\"one\"]");
        std::fs::write(b.join(rel), broken).unwrap_or_default();
        let c = custom(
            "base-problem",
            "title = \"Uni\"\n\n[base]\ntracks = [\"supply\"]\n",
            vec![],
        );
        let (_, problems) = load_layered(&c, Some(&b));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].file, shown(&b, "lessons/pins.md"));
        assert_eq!(problems[0].line, Some(6));
    }

    #[test]
    fn a_stray_custom_lesson_is_reported_but_unused_base_lessons_are_not() {
        let b = base("stray-base");
        let c = custom(
            "stray",
            "title = \"Uni\"\n\n[base]\ntracks = [\"supply\"]\n",
            vec![lesson("draft", "Draft", &[])],
        );
        let (_, problems) = load_layered(&c, Some(&b));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].file, shown(&c, "lessons/draft.md"));
    }

    #[test]
    fn a_plain_load_of_a_layered_course_says_to_pass_the_base() {
        let c = custom(
            "plain-of-layered",
            "title = \"Uni\"\ntracks = []\n\n[base]\ntracks = [\"mem\"]\n",
            vec![],
        );
        let (_, problems) = load(&c);
        assert!(
            problems.iter().any(|p| p.file == "course.toml"
                && p.line == Some(4)
                && p.message.contains("--base DIR")),
            "{problems:?}"
        );
    }

    #[test]
    fn seeds_are_stable() {
        assert_eq!(seed_from_id("a"), seed_from_id("a"));
        assert_ne!(seed_from_id("a"), seed_from_id("b"));
    }
}
