//! The shared course model: what the bundle builder writes, the app reads and
//! the graders judge. Everything here is plain serde data and compiles for wasm.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Bumped when the bundle layout changes in a way an older app cannot read.
pub const BUNDLE_FORMAT: u32 = 1;

/// `course/manifest.json` in the bundle: the tracks, their lessons in order,
/// and where each lesson's file is. Its hash is the course version id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleManifest {
    pub format: u32,
    /// Hex SHA-256 of this manifest serialised with `version` empty.
    pub version: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub tracks: Vec<TrackEntry>,
}

impl BundleManifest {
    pub fn track(&self, id: &str) -> Option<&TrackEntry> {
        self.tracks.iter().find(|t| t.id == id)
    }

    /// Every lesson in course order, with the track it belongs to.
    pub fn lessons(&self) -> impl Iterator<Item = (&TrackEntry, &LessonEntry)> {
        self.tracks
            .iter()
            .flat_map(|t| t.lessons.iter().map(move |l| (t, l)))
    }

    pub fn lesson(&self, id: &str) -> Option<(&TrackEntry, &LessonEntry)> {
        self.lessons().find(|(_, l)| l.id == id)
    }

    /// The lessons before and after `id` in course order (across tracks).
    pub fn neighbours(&self, id: &str) -> (Option<&LessonEntry>, Option<&LessonEntry>) {
        let all: Vec<&LessonEntry> = self.lessons().map(|(_, l)| l).collect();
        match all.iter().position(|l| l.id == id) {
            Some(i) => (
                i.checked_sub(1).and_then(|p| all.get(p).copied()),
                all.get(i + 1).copied(),
            ),
            None => (None, None),
        }
    }

    /// The short form of the version shown to people (first 12 hex digits).
    pub fn short_version(&self) -> &str {
        self.version.get(..12).unwrap_or(&self.version)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackEntry {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub lessons: Vec<LessonEntry>,
}

impl TrackEntry {
    pub fn exercise_ids(&self) -> impl Iterator<Item = &str> {
        self.lessons
            .iter()
            .flat_map(|l| l.exercises.iter().map(|e| e.id.as_str()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonEntry {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub minutes: u32,
    pub objectives: Vec<String>,
    pub exercises: Vec<ExerciseRef>,
    /// Path of the lesson document relative to the bundle root, content-hashed.
    pub path: String,
    /// Hex SHA-256 of the lesson document's bytes.
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseRef {
    pub id: String,
    pub kind: ExerciseKind,
    pub title: String,
    pub points: u32,
}

/// One lesson as the app loads it: rendered HTML split around the places
/// where exercises sit, plus the exercises themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonDoc {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub minutes: u32,
    pub objectives: Vec<String>,
    pub sources: Vec<Source>,
    pub toc: Vec<Heading>,
    pub blocks: Vec<Block>,
    pub exercises: Vec<Exercise>,
}

impl LessonDoc {
    pub fn exercise(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    pub level: u8,
    pub anchor: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// Sanitised HTML produced at build time from Markdown.
    Html { html: String },
    /// The place where an exercise is embedded.
    Exercise { id: String },
}

/// A cited reference, listed in a lesson's front matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Short key used to cite the source in the text, e.g. `[^msrc-2019]`.
    #[serde(default)]
    pub id: String,
    pub title: String,
    pub url: String,
    #[serde(default)]
    pub publisher: String,
    /// Publication date as written by the source (`2019-07-16`, `2019`).
    #[serde(default)]
    pub date: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExerciseKind {
    Quiz,
    Spot,
    C,
}

impl ExerciseKind {
    pub const ALL: &'static [ExerciseKind] =
        &[ExerciseKind::Quiz, ExerciseKind::Spot, ExerciseKind::C];

    pub fn as_str(self) -> &'static str {
        match self {
            ExerciseKind::Quiz => "quiz",
            ExerciseKind::Spot => "spot",
            ExerciseKind::C => "c",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == s)
    }
}

impl std::fmt::Display for ExerciseKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An exercise as bundled: common fields plus the kind's own specification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exercise {
    pub id: String,
    pub title: String,
    /// Rendered HTML of the prompt.
    pub prompt_html: String,
    pub points: u32,
    /// Hints in order: a nudge first, the mechanism next, almost the answer last.
    pub hints: Vec<String>,
    /// Lesson section that explains what this exercise tests: `lesson-id#anchor`.
    #[serde(default)]
    pub explains: String,
    /// Seed for anything the presentation randomises (such as option order).
    pub seed: u64,
    pub spec: KindSpec,
}

impl Exercise {
    pub fn kind(&self) -> ExerciseKind {
        self.spec.kind()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "spec", rename_all = "snake_case")]
pub enum KindSpec {
    Quiz(QuizSpec),
    Spot(SpotSpec),
    C(CSpec),
}

impl KindSpec {
    pub fn kind(&self) -> ExerciseKind {
        match self {
            KindSpec::Quiz(_) => ExerciseKind::Quiz,
            KindSpec::Spot(_) => ExerciseKind::Spot,
            KindSpec::C(_) => ExerciseKind::C,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizSpec {
    /// More than one option may be correct, and the learner must pick all of them.
    #[serde(default)]
    pub multiple: bool,
    pub options: Vec<QuizOption>,
}

impl QuizSpec {
    pub fn correct_ids(&self) -> impl Iterator<Item = &str> {
        self.options
            .iter()
            .filter(|o| o.correct)
            .map(|o| o.id.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizOption {
    pub id: String,
    /// Inline HTML (rendered from Markdown at build time).
    pub text_html: String,
    pub correct: bool,
    /// Why this option is right or wrong: shown when the learner picks it.
    pub feedback: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpotSpec {
    /// Language of the listing, for highlighting (`c`, `rust`, `yaml`).
    pub language: String,
    /// The listing, as text.
    pub listing: String,
    /// Highlighted HTML of each line of the listing, in order.
    pub lines_html: Vec<String>,
    /// The lines (1-based) a learner must mark, each with why it is vulnerable.
    pub vulnerable: Vec<LineNote>,
    /// Notes for lines that look suspicious but are fine.
    #[serde(default)]
    pub notes: Vec<LineNote>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineNote {
    pub line: u32,
    pub feedback: String,
}

/// What a learner hands in. The variant must match the exercise's kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Submission {
    Quiz { selected: Vec<String> },
    Spot { lines: Vec<u32> },
    Files { files: BTreeMap<String, String> },
}

impl Submission {
    pub fn kind_name(&self) -> &'static str {
        match self {
            Submission::Quiz { .. } => "quiz",
            Submission::Spot { .. } => "spot",
            Submission::Files { .. } => "files",
        }
    }
}

/// A declared behaviour of an exercise, proven by `rampart course check`:
/// grading `submission` must pass or fail as stated and raise the listed rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Example {
    pub name: String,
    pub submission: Submission,
    pub passes: bool,
    #[serde(default)]
    pub rules: Vec<String>,
}

/// A `c` exercise: the learner fixes a C program, which rampart-cvm runs on
/// every case. (Loaded from `[c]` in exercise.toml; the source files are
/// inlined.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CSpec {
    /// File name the learner edits, as shown in reports (`starter.c` → `main.c`).
    pub file: String,
    pub starter: String,
    pub solution: String,
    pub cases: Vec<CCase>,
    #[serde(default)]
    pub fuzz: Option<FuzzSpec>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Shown to the learner, input and expected output.
    Visible,
    /// Not shown until it fails.
    Hidden,
    /// What an attacker sends; the starter must fail on at least one.
    Attack,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CCase {
    pub name: String,
    pub visibility: Visibility,
    #[serde(default)]
    pub stdin: String,
    #[serde(default)]
    pub args: Vec<String>,
    /// Expected stdout; `None` means "what the reference solution prints".
    #[serde(default)]
    pub stdout: Option<String>,
    #[serde(default)]
    pub exit_code: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FuzzSpec {
    pub seed: u64,
    pub count: u32,
    pub target: FuzzTarget,
    pub generator: Generator,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FuzzTarget {
    Stdin,
    Args,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Generator {
    /// Strings of length `min_len..=max_len` over an alphabet: `printable`,
    /// `alnum`, `digits`, or a literal set of characters.
    String {
        min_len: u32,
        max_len: u32,
        alphabet: String,
    },
    /// `count` integers in `min..=max`, joined by `separator`.
    Ints {
        count: u32,
        min: i64,
        max: i64,
        separator: String,
    },
}
