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
    Workflow,
    Advisories,
    Typosquat,
    Registry,
    Sbom,
    Integrity,
    Provenance,
}

impl ExerciseKind {
    pub const ALL: &'static [ExerciseKind] = &[
        ExerciseKind::Quiz,
        ExerciseKind::Spot,
        ExerciseKind::C,
        ExerciseKind::Workflow,
        ExerciseKind::Advisories,
        ExerciseKind::Typosquat,
        ExerciseKind::Registry,
        ExerciseKind::Sbom,
        ExerciseKind::Integrity,
        ExerciseKind::Provenance,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ExerciseKind::Quiz => "quiz",
            ExerciseKind::Spot => "spot",
            ExerciseKind::C => "c",
            ExerciseKind::Workflow => "workflow",
            ExerciseKind::Advisories => "advisories",
            ExerciseKind::Typosquat => "typosquat",
            ExerciseKind::Registry => "registry",
            ExerciseKind::Sbom => "sbom",
            ExerciseKind::Integrity => "integrity",
            ExerciseKind::Provenance => "provenance",
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
    Workflow(WorkflowSpec),
    Advisories(AdvisoriesSpec),
    Typosquat(TyposquatSpec),
    Registry(RegistrySpec),
    Sbom(SbomSpec),
    Integrity(IntegritySpec),
    Provenance(ProvenanceSpec),
}

impl KindSpec {
    pub fn kind(&self) -> ExerciseKind {
        match self {
            KindSpec::Quiz(_) => ExerciseKind::Quiz,
            KindSpec::Spot(_) => ExerciseKind::Spot,
            KindSpec::C(_) => ExerciseKind::C,
            KindSpec::Workflow(_) => ExerciseKind::Workflow,
            KindSpec::Advisories(_) => ExerciseKind::Advisories,
            KindSpec::Typosquat(_) => ExerciseKind::Typosquat,
            KindSpec::Registry(_) => ExerciseKind::Registry,
            KindSpec::Sbom(_) => ExerciseKind::Sbom,
            KindSpec::Integrity(_) => ExerciseKind::Integrity,
            KindSpec::Provenance(_) => ExerciseKind::Provenance,
        }
    }

    /// The files of an artifact exercise (every supply-chain kind): the one
    /// the learner edits and the ones shown beside it. `None` for quiz, spot, c.
    pub fn artifact(&self) -> Option<&ArtifactFiles> {
        match self {
            KindSpec::Quiz(_) | KindSpec::Spot(_) | KindSpec::C(_) => None,
            KindSpec::Workflow(s) => Some(&s.files),
            KindSpec::Advisories(s) => Some(&s.files),
            KindSpec::Typosquat(s) => Some(&s.files),
            KindSpec::Registry(s) => Some(&s.files),
            KindSpec::Sbom(s) => Some(&s.files),
            KindSpec::Integrity(s) => Some(&s.files),
            KindSpec::Provenance(s) => Some(&s.files),
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

/// The files of a supply-chain exercise: the learner edits one real
/// artifact (a workflow, a lockfile, an SBOM, a policy…) and reads others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArtifactFiles {
    /// The name the learner sees, e.g. `.github/workflows/ci.yml`; the
    /// analysers detect the format from it.
    pub file: String,
    /// Highlighting language: `yaml`, `json`, `toml`, `ini` or `text`.
    pub language: String,
    pub starter: String,
    pub solution: String,
    /// Read-only files shown beside the editor, in order.
    #[serde(default)]
    pub given: Vec<GivenFile>,
}

impl ArtifactFiles {
    pub fn given(&self, name: &str) -> Option<&GivenFile> {
        self.given.iter().find(|g| g.name == name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GivenFile {
    pub name: String,
    pub language: String,
    pub content: String,
}

/// The highlighting language for a file name.
pub fn language_of(name: &str) -> &'static str {
    let base = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    let ext = base.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match (base.as_str(), ext) {
        (_, "yml" | "yaml") => "yaml",
        (_, "json") => "json",
        ("cargo.lock", _) | (_, "toml") => "toml",
        (".npmrc" | "pip.conf" | "pip.ini" | ".pypirc", _) | (_, "ini" | "cfg" | "conf") => "ini",
        _ => "text",
    }
}

/// `workflow`: harden a GitHub Actions workflow without breaking it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowSpec {
    pub files: ArtifactFiles,
    /// Events the hardened workflow must still run on.
    #[serde(default)]
    pub triggers: Vec<String>,
    /// What each job must still do.
    #[serde(default)]
    pub keep: Vec<WorkflowKeep>,
    /// The commit behind each version tag an action may be pinned to.
    #[serde(default)]
    pub pin: Vec<ActionPin>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkflowKeep {
    pub job: String,
    /// `owner/repo@version`, met by that version's tag or its listed commit.
    #[serde(default)]
    pub uses: Option<String>,
    /// A command some `run:` step of the job must still contain.
    #[serde(default)]
    pub run: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionPin {
    pub action: String,
    pub version: String,
    pub sha: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdvisoryMode {
    /// The learner lists each affected package and its minimum safe version.
    Triage,
    /// The learner edits the lockfile until nothing in it is affected.
    Lockfile,
}

/// `advisories`: triage a lockfile against OSV advisories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdvisoriesSpec {
    pub files: ArtifactFiles,
    pub mode: AdvisoryMode,
    /// The given lockfile (triage mode); in lockfile mode the edited file is the lockfile.
    #[serde(default)]
    pub lockfile: Option<String>,
    /// Given OSV JSON files.
    pub advisories: Vec<String>,
}

/// `typosquat`: fix a manifest that names look-alike packages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TyposquatSpec {
    pub files: ArtifactFiles,
    /// The packages the project really needs: they must stay.
    pub expect: Vec<String>,
    /// Names to treat as popular on top of the built-in lists.
    #[serde(default)]
    pub popular: Vec<String>,
}

/// `registry`: configure package sources against dependency confusion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrySpec {
    pub files: ArtifactFiles,
    /// Private package names or patterns: `@acme/*`, `acme-*`, `billing-core`.
    pub private: Vec<String>,
    /// The private registry's URL.
    pub registry: String,
    /// Its name in Cargo configuration, for Cargo exercises.
    #[serde(default)]
    pub registry_name: Option<String>,
}

/// `sbom`: write a CycloneDX SBOM that matches a lockfile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SbomSpec {
    pub files: ArtifactFiles,
    /// The given lockfile the SBOM must describe.
    pub lockfile: String,
}

/// `integrity`: decide which downloads to install from checksums and a signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegritySpec {
    pub files: ArtifactFiles,
    /// Given files standing for the downloaded artifacts.
    pub artifacts: Vec<String>,
    /// The given checksums file.
    pub checksums: String,
    #[serde(default)]
    pub signature: Option<String>,
    #[serde(default)]
    pub public_key: Option<String>,
}

/// `provenance`: write a policy that accepts genuine builds and rejects forged ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvenanceSpec {
    pub files: ArtifactFiles,
    /// Given artifact files.
    pub artifacts: Vec<String>,
    /// Given provenance statements, one per artifact, in the same order.
    pub statements: Vec<String>,
    /// The artifacts a correct policy accepts.
    pub accept: Vec<String>,
}
