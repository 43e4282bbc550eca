//! The course certificates are checked against: loaded from its source
//! folder (as `rampart course build` does) or from a built bundle (what a
//! site serves, e.g. `dist/course`), with its current version id and the
//! site files beside it (`issuers.json`, `course-versions.json`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::bail;
use rampart_course::{BundleManifest, Exercise, LessonDoc, TrackEntry, bundle};

use super::files::read_text;

pub struct SiteCourse {
    /// The manifest as `rampart course build` writes it; `version` is the
    /// current course version id.
    pub manifest: BundleManifest,
    pub exercises: BTreeMap<String, Exercise>,
    /// Where the site's `issuers.json` and `course-versions.json` live: the
    /// course folder itself, or the folder above a built bundle.
    pub site_root: PathBuf,
}

impl SiteCourse {
    pub fn version(&self) -> &str {
        &self.manifest.version
    }

    pub fn track(&self, id: &str) -> anyhow::Result<&TrackEntry> {
        self.manifest.track(id).ok_or_else(|| {
            let ids: Vec<&str> = self.manifest.tracks.iter().map(|t| t.id.as_str()).collect();
            anyhow::anyhow!(
                "this course has no track {id:?}; its tracks are: {}",
                ids.join(", ")
            )
        })
    }

    /// This course's version, plus those listed in `file` (or in the site's
    /// `course-versions.json` when no file is given and it exists).
    pub fn known_versions(&self, file: Option<&Path>) -> anyhow::Result<Vec<String>> {
        let mut known = vec![self.version().to_string()];
        let default = self.site_root.join("course-versions.json");
        let file = match file {
            Some(f) => Some(f.to_path_buf()),
            None => default.is_file().then_some(default),
        };
        if let Some(file) = file {
            let text = read_text(&file, "the list of known course versions")?;
            let listed: Vec<String> = serde_json::from_str(&text).map_err(|e| {
                anyhow::anyhow!(
                    "{} must be a JSON array of course version ids (strings): {e}",
                    file.display()
                )
            })?;
            known.extend(listed);
        }
        Ok(known)
    }
}

/// Loads the course in `dir`: a source folder (`course.toml`) or a built
/// bundle (`manifest.json`). A source course with problems is refused after
/// printing every problem.
pub fn load(dir: &Path) -> anyhow::Result<SiteCourse> {
    if dir.join("course.toml").is_file() {
        load_source(dir)
    } else if dir.join("manifest.json").is_file() {
        load_bundle(dir)
    } else {
        bail!(
            "{} is neither a course folder (course.toml) nor a built course (manifest.json); pass the course with --course DIR",
            dir.display()
        )
    }
}

fn load_source(dir: &Path) -> anyhow::Result<SiteCourse> {
    let (course, mut problems) = rampart_course::load(dir);
    problems.extend(rampart_course::check::check_static(&course));
    if !problems.is_empty() {
        problems.sort();
        for p in &problems {
            eprintln!("{p}");
        }
        bail!(
            "the course in {} has {} problem(s), listed above, so its graders cannot be trusted to judge certificates; fix them (`rampart course check --course {}` shows them all)",
            dir.display(),
            problems.len(),
            dir.display()
        );
    }
    let (manifest, _) = bundle::build(&course);
    let exercises = course
        .exercises
        .into_iter()
        .map(|(id, loaded)| (id, loaded.exercise))
        .collect();
    Ok(SiteCourse {
        manifest,
        exercises,
        site_root: dir.to_path_buf(),
    })
}

fn load_bundle(dir: &Path) -> anyhow::Result<SiteCourse> {
    let manifest_path = dir.join("manifest.json");
    let text = read_text(&manifest_path, "the course manifest")?;
    let manifest: BundleManifest = serde_json::from_str(&text).map_err(|e| {
        anyhow::anyhow!(
            "{} is not a Rampart course manifest: {e}",
            manifest_path.display()
        )
    })?;
    if bundle::version_of(&manifest) != manifest.version {
        bail!(
            "{} says it is course version {} but its content hashes to {}; rebuild it with `rampart course build`",
            manifest_path.display(),
            manifest.version,
            bundle::version_of(&manifest)
        );
    }
    let mut exercises = BTreeMap::new();
    for (_, lesson) in manifest.lessons() {
        let path = dir.join(&lesson.path);
        let bytes = std::fs::read(&path)
            .map_err(|e| anyhow::anyhow!("Failed to read the lesson {}: {e}", path.display()))?;
        if bundle::sha256_hex(&bytes) != lesson.sha256 {
            bail!(
                "{} does not match the SHA-256 the manifest records for it; rebuild the course with `rampart course build`",
                path.display()
            );
        }
        let doc: LessonDoc = serde_json::from_slice(&bytes)
            .map_err(|e| anyhow::anyhow!("{} is not a Rampart lesson: {e}", path.display()))?;
        for exercise in doc.exercises {
            exercises.insert(exercise.id.clone(), exercise);
        }
    }
    let site_root = dir
        .canonicalize()
        .ok()
        .and_then(|d| d.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| dir.to_path_buf());
    Ok(SiteCourse {
        manifest,
        exercises,
        site_root,
    })
}
