//! Writing the course bundle: one JSON document per lesson (with its
//! exercises), named by its content hash, and `manifest.json`, whose hash is
//! the course version id.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::model::{
    BUNDLE_FORMAT, BundleManifest, ExerciseRef, LessonDoc, LessonEntry, TrackEntry,
};
use crate::source::Course;

/// One file of the bundle, relative to its root.
#[derive(Debug, Clone)]
pub struct BundleFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Builds the bundle in memory. The course must have passed the checks.
pub fn build(course: &Course) -> (BundleManifest, Vec<BundleFile>) {
    let mut files = Vec::new();
    let mut tracks = Vec::new();
    for t in &course.tracks {
        let mut lessons = Vec::new();
        for id in &t.lessons {
            let Some(loaded) = course.lesson(id) else {
                continue;
            };
            let mut doc: LessonDoc = loaded.doc.clone();
            doc.exercises = loaded
                .embeds
                .iter()
                .filter_map(|(eid, _)| course.exercises.get(eid).map(|e| e.exercise.clone()))
                .collect();
            let bytes = serde_json::to_vec(&doc).unwrap_or_default();
            let sha = sha256_hex(&bytes);
            let path = format!("lessons/{id}.{}.json", &sha[..12]);
            lessons.push(LessonEntry {
                id: doc.id.clone(),
                title: doc.title.clone(),
                summary: doc.summary.clone(),
                minutes: doc.minutes,
                objectives: doc.objectives.clone(),
                exercises: doc
                    .exercises
                    .iter()
                    .map(|e| ExerciseRef {
                        id: e.id.clone(),
                        kind: e.kind(),
                        title: e.title.clone(),
                        points: e.points,
                    })
                    .collect(),
                path: path.clone(),
                sha256: sha,
            });
            files.push(BundleFile { path, bytes });
        }
        tracks.push(TrackEntry {
            id: t.id.clone(),
            title: t.title.clone(),
            summary: t.summary.clone(),
            lessons,
        });
    }
    let mut manifest = BundleManifest {
        format: BUNDLE_FORMAT,
        version: String::new(),
        title: course.title.clone(),
        description: course.description.clone(),
        tracks,
    };
    manifest.version = version_of(&manifest);
    let bytes = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    files.push(BundleFile {
        path: "manifest.json".into(),
        bytes,
    });
    (manifest, files)
}

/// The course version id: SHA-256 of the manifest serialised with an empty version.
pub fn version_of(manifest: &BundleManifest) -> String {
    let mut m = manifest.clone();
    m.version = String::new();
    sha256_hex(&serde_json::to_vec(&m).unwrap_or_default())
}

/// Writes the bundle to `out`, replacing an earlier bundle there.
pub fn write(out: &Path, files: &[BundleFile]) -> std::io::Result<()> {
    let lessons = out.join("lessons");
    if lessons.is_dir() {
        std::fs::remove_dir_all(&lessons)?;
    }
    std::fs::create_dir_all(&lessons)?;
    for f in files {
        let path = out.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, &f.bytes)?;
    }
    Ok(())
}
