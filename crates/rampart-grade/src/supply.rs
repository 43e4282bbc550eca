//! The supply-chain kinds: `workflow`, `advisories`, `typosquat`,
//! `registry`, `sbom`, `integrity` and `provenance`.
//!
//! Each exercise gives the learner one real artifact to edit and others to
//! read ([`ArtifactFiles`]). The analysers of `rampart-supply` judge the
//! edited file exactly as `rampart audit` would judge the learner's own
//! files; this module adds what only an exercise knows (the jobs a workflow
//! must keep, the packages a manifest must still name, which artifacts are
//! genuine) and turns the findings into a [`Verdict`]. The submission passes
//! when no finding is an error.

use rampart_course::{
    AdvisoriesSpec, AdvisoryMode, ArtifactFiles, Exercise, IntegritySpec, KindSpec, ProvenanceSpec,
    RegistrySpec, SbomSpec, TyposquatSpec, WorkflowSpec,
};
use rampart_supply as sc;

use crate::{Finding, Location, Severity, Verdict, grader_version};

/// Bump when the same submission could get a different verdict.
pub const VERSION: u32 = 1;

/// Findings about one file.
struct FileFindings {
    file: String,
    findings: Vec<sc::Finding>,
}

/// Grades the edited text of a supply-chain exercise.
pub fn grade(exercise: &Exercise, text: &str) -> Verdict {
    let Some(files) = exercise.spec.artifact() else {
        return crate::Verdict::rejected(
            exercise,
            Finding::new(
                "submission.wrong-kind",
                Severity::Error,
                "This exercise has no file to edit.",
            ),
        );
    };
    let mut out = vec![];
    let edited = match &exercise.spec {
        KindSpec::Workflow(s) => workflow(s, text),
        KindSpec::Advisories(s) => advisories(s, text, &mut out),
        KindSpec::Typosquat(s) => typosquat(s, text),
        KindSpec::Registry(s) => registry(s, text),
        KindSpec::Sbom(s) => sbom(s, text, &mut out),
        KindSpec::Integrity(s) => integrity(s, text, &mut out),
        KindSpec::Provenance(s) => provenance(s, text, &mut out),
        KindSpec::Quiz(_) | KindSpec::Spot(_) | KindSpec::C(_) => vec![],
    };
    out.insert(
        0,
        FileFindings {
            file: files.file.clone(),
            findings: edited,
        },
    );
    verdict(exercise, out)
}

impl From<sc::Severity> for Severity {
    fn from(s: sc::Severity) -> Self {
        match s {
            sc::Severity::Error => Severity::Error,
            sc::Severity::Warning => Severity::Warning,
            sc::Severity::Info => Severity::Info,
        }
    }
}

/// Sorts each group's findings by line, then turns them into verdict
/// findings located in their file, errors first (a stable sort, so each
/// group keeps its line order).
fn to_findings(groups: &mut [FileFindings], explains: Option<&str>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for g in groups.iter_mut() {
        sc::sort_findings(&mut g.findings);
        findings.extend(g.findings.iter().map(|f| Finding {
            rule: f.rule.clone(),
            severity: f.severity.into(),
            message: f.explained(),
            location: (f.line > 0).then(|| Location {
                file: f.file.clone().unwrap_or_else(|| g.file.clone()),
                line: f.line,
                column: f.column,
            }),
            explains: explains.map(str::to_string),
        }));
    }
    findings.sort_by_key(|f| f.severity);
    findings
}

fn verdict(exercise: &Exercise, mut groups: Vec<FileFindings>) -> Verdict {
    let explains = (!exercise.explains.is_empty()).then_some(exercise.explains.as_str());
    // Errors first, so the learner reads what fails the exercise before the rest.
    let findings = to_findings(&mut groups, explains);
    let first_error = groups.iter().find_map(|g| {
        g.findings
            .iter()
            .find(|f| f.severity == sc::Severity::Error)
            .map(|f| (&g.file, f.line, &f.rule))
    });
    let passed = first_error.is_none();
    Verdict {
        passed,
        score: if passed { exercise.points } else { 0 },
        max_score: exercise.points,
        hint: first_error.map(|(file, line, rule)| {
            if line > 0 {
                format!("Start with {file} line {line} ({rule}), then check again.")
            } else {
                format!("Start with {rule} in {file}, then check again.")
            }
        }),
        findings,
        grader: grader_version(exercise.kind()),
    }
}

/// The content of a given file. The loader guarantees that every name a
/// spec refers to is given, so a miss is an authoring bug, reported as such.
fn given<'a>(files: &'a ArtifactFiles, name: &str, out: &mut Vec<FileFindings>) -> Option<&'a str> {
    match files.given(name) {
        Some(g) => Some(g.content.as_str()),
        None => {
            out.push(FileFindings {
                file: name.to_string(),
                findings: vec![sc::Finding::new(
                    "exercise/missing-file",
                    sc::Severity::Error,
                    0,
                    format!("The exercise refers to `{name}`, which it does not include. This is a bug in the exercise."),
                )],
            });
            None
        }
    }
}

fn unreadable_given(name: &str, area: &str, e: sc::InputError, out: &mut Vec<FileFindings>) {
    out.push(FileFindings {
        file: name.to_string(),
        findings: vec![e.into_finding(area)],
    });
}

fn workflow(spec: &WorkflowSpec, text: &str) -> Vec<sc::Finding> {
    let wf = match sc::workflow::parse(text) {
        Ok(wf) => wf,
        Err(e) => return vec![e.into_finding("workflow")],
    };
    let mut findings =
        sc::workflow::audit(text).unwrap_or_else(|e| vec![e.into_finding("workflow")]);
    let keeps: Vec<sc::workflow::Keep> = spec
        .keep
        .iter()
        .map(|k| sc::workflow::Keep {
            job: k.job.clone(),
            uses: k.uses.clone(),
            run: k.run.clone(),
        })
        .collect();
    let pins: Vec<sc::workflow::Pin> = spec
        .pin
        .iter()
        .map(|p| sc::workflow::Pin {
            action: p.action.clone(),
            version: p.version.clone(),
            sha: p.sha.clone(),
        })
        .collect();
    findings.extend(sc::workflow::check_keeps(
        &wf,
        &spec.triggers,
        &keeps,
        &pins,
    ));
    findings
}

fn parse_advisories(
    files: &ArtifactFiles,
    names: &[String],
    out: &mut Vec<FileFindings>,
) -> Option<Vec<sc::osv::Advisory>> {
    let mut all = Vec::new();
    let mut ok = true;
    for name in names {
        let Some(text) = given(files, name, out) else {
            ok = false;
            continue;
        };
        match sc::osv::parse(text) {
            Ok(a) => all.push(a),
            Err(e) => {
                ok = false;
                unreadable_given(name, "osv", e, out);
            }
        }
    }
    ok.then_some(all)
}

fn advisories(spec: &AdvisoriesSpec, text: &str, out: &mut Vec<FileFindings>) -> Vec<sc::Finding> {
    let files = &spec.files;
    let Some(advisories) = parse_advisories(files, &spec.advisories, out) else {
        return vec![];
    };
    match spec.mode {
        AdvisoryMode::Triage => {
            let Some(lock_name) = spec.lockfile.as_deref() else {
                return vec![];
            };
            let Some(lock_text) = given(files, lock_name, out) else {
                return vec![];
            };
            let lock = match sc::lockfile::parse(lock_name, lock_text) {
                Ok(l) => l,
                Err(e) => {
                    unreadable_given(lock_name, "lockfile", e, out);
                    return vec![];
                }
            };
            match sc::advisories::parse_triage(text) {
                Ok(entries) => sc::advisories::grade_triage(&lock, &advisories, &entries),
                Err(e) => vec![e.into_finding("advisories")],
            }
        }
        AdvisoryMode::Lockfile => {
            let original = match sc::lockfile::parse(&files.file, &files.starter) {
                Ok(l) => l,
                Err(e) => {
                    unreadable_given(&files.file, "lockfile", e, out);
                    return vec![];
                }
            };
            match sc::lockfile::parse(&files.file, text) {
                Ok(edited) => sc::advisories::grade_lockfile_edit(&original, &edited, &advisories),
                Err(e) => vec![e.into_finding("lockfile")],
            }
        }
    }
}

fn typosquat(spec: &TyposquatSpec, text: &str) -> Vec<sc::Finding> {
    let file = &spec.files.file;
    let mut findings = match sc::names::audit(file, text, &spec.popular) {
        Ok(f) => f,
        Err(e) => return vec![e.into_finding("names")],
    };
    if let Ok((eco, deps)) = sc::names::parse_manifest(file, text) {
        // Registries that treat `python_dateutil` and `python-dateutil` as
        // one name must not fail a learner for the spelling they chose.
        let norm = |n: &str| sc::lockfile::Ecosystem::normalize_name(eco, n);
        for want in &spec.expect {
            if !deps.iter().any(|d| norm(&d.name) == norm(want)) {
                findings.push(
                    sc::Finding::new(
                        "names/missing-dependency",
                        sc::Severity::Error,
                        0,
                        format!("The project needs `{want}`, but {file} no longer lists it."),
                    )
                    .why("Removing a look-alike is half the fix: the code still imports the real package, so the build would break or pick it up from somewhere else.")
                    .fix(format!("Depend on `{want}` itself, spelled exactly as on the registry.")),
                );
            }
        }
    }
    findings
}

fn registry(spec: &RegistrySpec, text: &str) -> Vec<sc::Finding> {
    let private = sc::registry::Private {
        patterns: spec.private.clone(),
        registry: spec.registry.clone(),
        registry_name: spec.registry_name.clone(),
    };
    // Given files that name dependencies; a given registry configuration
    // (shown for context) is not a manifest.
    let manifests: Vec<(&str, &str)> = spec
        .files
        .given
        .iter()
        .filter(|g| is_manifest(&g.name))
        .map(|g| (g.name.as_str(), g.content.as_str()))
        .collect();
    let file = &spec.files.file;
    let mut findings = sc::registry::audit(file, text, Some(&private), &manifests)
        .unwrap_or_else(|e| vec![e.into_finding("registry")]);
    // When the edited file names the dependencies, moving a package to the
    // right registry must not turn into deleting it.
    if is_manifest(file)
        && let (Ok((eco, before)), Ok((_, after))) = (
            sc::names::parse_manifest(file, &spec.files.starter),
            sc::names::parse_manifest(file, text),
        )
    {
        let norm = |n: &str| sc::lockfile::Ecosystem::normalize_name(eco, n);
        for dep in &before {
            if !after.iter().any(|d| norm(&d.name) == norm(&dep.name)) {
                findings.push(
                    sc::Finding::new(
                        "registry/missing-dependency",
                        sc::Severity::Error,
                        0,
                        format!(
                            "`{}` is no longer in {file}, but the project still needs it.",
                            dep.name
                        ),
                    )
                    .why("Deleting a dependency removes the confusion only by breaking the build.")
                    .fix(format!(
                        "Keep `{}` and make it resolve from the right registry.",
                        dep.name
                    )),
                );
            }
        }
    }
    findings
}

fn is_manifest(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    matches!(base, "package.json" | "Cargo.toml" | "pyproject.toml")
        || (base.starts_with("requirements") && base.ends_with(".txt"))
}

fn sbom(spec: &SbomSpec, text: &str, out: &mut Vec<FileFindings>) -> Vec<sc::Finding> {
    let Some(lock_text) = given(&spec.files, &spec.lockfile, out) else {
        return vec![];
    };
    let lock = match sc::lockfile::parse(&spec.lockfile, lock_text) {
        Ok(l) => l,
        Err(e) => {
            unreadable_given(&spec.lockfile, "lockfile", e, out);
            return vec![];
        }
    };
    sc::sbom::audit(text, Some(&lock)).unwrap_or_else(|e| vec![e.into_finding("sbom")])
}

fn integrity(spec: &IntegritySpec, text: &str, out: &mut Vec<FileFindings>) -> Vec<sc::Finding> {
    let files = &spec.files;
    let mut artifacts: Vec<(&str, &[u8])> = Vec::new();
    for name in &spec.artifacts {
        if let Some(content) = given(files, name, out) {
            artifacts.push((name.as_str(), content.as_bytes()));
        }
    }
    let Some(checksums) = given(files, &spec.checksums, out) else {
        return vec![];
    };
    let signature = match (&spec.public_key, &spec.signature) {
        (Some(k), Some(s)) => match (given(files, k, out), given(files, s, out)) {
            (Some(k), Some(s)) => Some((k, s)),
            _ => return vec![],
        },
        _ => None,
    };
    let names = sc::integrity::FileNames {
        checksums: &spec.checksums,
        signature: spec.signature.as_deref().unwrap_or("the signature"),
        public_key: spec.public_key.as_deref().unwrap_or("the public key"),
    };
    match sc::integrity::check_named(&artifacts, checksums, signature, names) {
        Ok(statuses) => sc::integrity::grade_accept(&statuses, text),
        Err(e) => {
            unreadable_given(&spec.checksums, "integrity", e, out);
            vec![]
        }
    }
}

fn provenance(spec: &ProvenanceSpec, text: &str, out: &mut Vec<FileFindings>) -> Vec<sc::Finding> {
    let files = &spec.files;
    let policy = match sc::provenance::parse_policy(text) {
        Ok(p) => p,
        Err(e) => return vec![e.into_finding("provenance")],
    };
    // The reference policy explains why a forged artifact is forged.
    let reference = sc::provenance::parse_policy(&files.solution).ok();
    let mut findings = sc::provenance::lint_policy(&policy);
    for (name, statement_name) in spec.artifacts.iter().zip(&spec.statements) {
        let (Some(artifact), Some(statement_text)) =
            (given(files, name, out), given(files, statement_name, out))
        else {
            continue;
        };
        let statement = match sc::provenance::parse_statement(statement_text) {
            Ok(s) => s,
            Err(e) => {
                unreadable_given(statement_name, "provenance", e, out);
                continue;
            }
        };
        let problems = sc::provenance::evaluate(&policy, &statement, name, artifact.as_bytes());
        let accepted = problems.is_empty();
        let genuine = spec.accept.contains(name);
        let (rule, severity, message) = match (accepted, genuine) {
            (true, true) => (
                "provenance/accepts-genuine",
                sc::Severity::Info,
                format!("Your policy accepts `{name}`, which is genuine."),
            ),
            (false, false) => (
                "provenance/rejects-forged",
                sc::Severity::Info,
                format!("Your policy rejects `{name}`: {}", first_message(&problems)),
            ),
            (true, false) => {
                let why = reference
                    .as_ref()
                    .map(|r| sc::provenance::evaluate(r, &statement, name, artifact.as_bytes()))
                    .filter(|p| !p.is_empty())
                    .map(|p| {
                        format!(
                            " Look again at its provenance ({statement_name}): {}",
                            first_message(&p)
                        )
                    })
                    .unwrap_or_default();
                (
                    "provenance/accepts-forged",
                    sc::Severity::Error,
                    format!("Your policy accepts `{name}`, but it is not a genuine build.{why}"),
                )
            }
            (false, true) => (
                "provenance/rejects-genuine",
                sc::Severity::Error,
                format!(
                    "Your policy rejects `{name}`, which is genuine: {}",
                    first_message(&problems)
                ),
            ),
        };
        findings.push(sc::Finding::new(rule, severity, 0, message));
    }
    findings
}

fn first_message(findings: &[sc::Finding]) -> String {
    findings
        .iter()
        .map(|f| f.message.clone())
        .next()
        .unwrap_or_default()
}

/// The verdict of an audit of the learner's own file: the same findings as
/// `rampart audit`, passing when there are none. No exercise, no points.
pub fn audit_verdict(request: &sc::audit::Request) -> Verdict {
    let mut groups = match sc::audit::run(request) {
        Ok(findings) => vec![FileFindings {
            file: request.file.name.clone(),
            findings,
        }],
        Err(u) => vec![FileFindings {
            file: u.file.clone(),
            findings: vec![u.error.into_finding(request.target.as_str())],
        }],
    };
    let findings = to_findings(&mut groups, None);
    Verdict {
        passed: findings.is_empty(),
        score: 0,
        max_score: 0,
        hint: None,
        findings,
        grader: crate::grader_version_of("audit", VERSION),
    }
}
