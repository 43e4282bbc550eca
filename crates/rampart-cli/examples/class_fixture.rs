//! Writes the class of 50 exported files that `tests/class.rs` grades with
//! `rampart class grade`: evidence bundles and self-issued certificates
//! built from the real course at the repository root (its reference
//! solutions pass, its starters fail), plus one damaged file and one
//! certificate edited after signing. Everything is fixed (names, keys from
//! fixed seeds, dates, ids), so the output is the same on every run.
//!
//! Regenerate the fixture after the course's exercises change:
//!
//! ```sh
//! D=crates/rampart-cli/tests/fixtures/class
//! cargo run -p rampart-cli --example class_fixture -- $D/submissions
//! cargo run -p rampart-cli -- class grade $D/submissions --out $D/expected.csv
//! ```
//!
//! then read the new `expected.csv` before committing it. The `*.json` files
//! directly in OUTDIR are removed first.

use std::path::{Path, PathBuf};

use rampart_cert::{
    CredentialInput, Evidence, IssuerInput, KeyPair, LearnerInput, Timestamp, TrackInput,
};
use rampart_course::{BundleManifest, Course, Exercise, ExerciseKind, TrackEntry};
use rampart_grade::evidence::{EvidenceBundle, ExerciseEvidence, evidence_of, submission_json};

const MEMORY: &str = "memory-safety";
const SUPPLY: &str = "supply-chain";
/// A course version no site published: the work of a learner whose export
/// predates a lesson change.
const OLD_VERSION: &str = "0ld0c0u45e0000000000000000000000000000000000000000000000000000";
const ISSUED: &str = "2025-05-01T09:30:00Z";

/// How a file is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// An evidence bundle, as the certificate page exports it.
    Bundle,
    /// A self-issued certificate with every submission embedded.
    Certificate,
    /// A self-issued certificate whose learner name was edited after signing.
    Tampered,
    /// An evidence bundle cut off half-way (a failed download).
    Truncated,
}

/// Which exercises to change, as picks from the track.
#[derive(Clone, Copy)]
enum Pick {
    /// The `n`th exercise of this kind (0-based) in track order.
    Kind(ExerciseKind, usize),
    /// The last `n` exercises of the track.
    Last(usize),
    /// Every exercise after the first `n`.
    After(usize),
}

struct Student {
    file: &'static str,
    learner: &'static str,
    track: &'static str,
    form: Form,
    /// Exercises answered with the starter (which fails).
    fail: &'static [Pick],
    /// Exercises left out.
    drop: &'static [Pick],
    /// Also carries the first exercise of the other track.
    extra: bool,
    /// Exported under an older course version.
    old: bool,
}

const fn s(file: &'static str, learner: &'static str, track: &'static str) -> Student {
    Student {
        file,
        learner,
        track,
        form: Form::Bundle,
        fail: &[],
        drop: &[],
        extra: false,
        old: false,
    }
}

impl Student {
    const fn form(mut self, form: Form) -> Self {
        self.form = form;
        self
    }
    const fn fail(mut self, picks: &'static [Pick]) -> Self {
        self.fail = picks;
        self
    }
    const fn drop(mut self, picks: &'static [Pick]) -> Self {
        self.drop = picks;
        self
    }
    const fn extra(mut self) -> Self {
        self.extra = true;
        self
    }
    const fn old(mut self) -> Self {
        self.old = true;
        self
    }
}

use ExerciseKind::{C, Quiz, Spot, Workflow};
use Pick::{After, Kind, Last};

/// The class: clearly fictional names, both tracks.
const CLASS: [Student; 50] = [
    s("abara-chidi.json", "Chidi Abara", MEMORY),
    s("achterberg-ines.json", "Ines Achterberg", MEMORY),
    s("bakshi-rohan.json", "Rohan Bakshi", MEMORY).fail(&[Kind(C, 0)]),
    s("castellanos-lucia.json", "Lucía Castellanos", SUPPLY),
    s("dimitrov-pavel.json", "Pavel Dimitrov", MEMORY).drop(&[Last(3)]),
    s("eriksen-maja.json", "Maja Eriksen", SUPPLY),
    s("fairweather-tom.json", "Tom Fairweather", MEMORY).extra(),
    s("garcia-mendez-sofia.json", "Sofía García Méndez", SUPPLY),
    s("haddad-yasmin.json", "Yasmin Haddad", MEMORY).fail(&[Kind(Quiz, 0), Kind(C, 2)]),
    s("ito-kenji.json", "Kenji Ito", SUPPLY).fail(&[Kind(Workflow, 0)]),
    s("jovanovic-ana.json", "Ana Jovanović", MEMORY).old(),
    s("kowalczyk-marek.json", "Marek Kowalczyk", SUPPLY).drop(&[After(2)]),
    s("lindqvist-elsa.json", "Elsa Lindqvist", MEMORY),
    s("lindqvist-elsa-certificate.json", "Elsa Lindqvist", MEMORY).form(Form::Certificate),
    s("moreau-camille.json", "Camille Moreau", SUPPLY),
    s("ndlovu-thandiwe.json", "Thandiwe Ndlovu", MEMORY),
    s("nguyen-thi-lan.json", "Nguyen, Thi Lan", SUPPLY),
    s("novak-tereza.json", "Tereza Novák", MEMORY).fail(&[Kind(Spot, 0)]),
    s("obi-emeka.json", "Emeka Obi", SUPPLY).extra(),
    s("oconnell-siobhan.json", "Siobhán O'Connell", MEMORY),
    s("okafor-amara-certificate.json", "Amara Okafor", SUPPLY).form(Form::Certificate),
    s("petrova-irina.json", "Irina Petrova", SUPPLY).fail(&[Kind(Workflow, 1), Kind(Quiz, 0)]),
    s("quispe-mateo.json", "Mateo Quispe", MEMORY),
    s("rahman-nadia.json", "Nadia Rahman", SUPPLY),
    s("rossi-giulia.json", "Giulia Rossi", MEMORY)
        .drop(&[Kind(C, 1)])
        .fail(&[Kind(C, 3)]),
    s("santos-rafael.json", "Rafael Santos", SUPPLY).old(),
    s("sato-haruka.json", "Haruka Sato", MEMORY),
    s("schneider-lukas.json", "Lukas Schneider", SUPPLY),
    s("silva-beatriz-certificate.json", "Beatriz Silva", SUPPLY)
        .form(Form::Certificate)
        .drop(&[Last(1)]),
    s("sorensen-freja.json", "Freja Sørensen", MEMORY),
    s("tahir-bilal.json", "Bilal Tahir", SUPPLY),
    s("tamm-kristjan.json", "Kristjan Tamm", MEMORY),
    s("tanaka-yuki-certificate.json", "Yuki Tanaka", MEMORY).form(Form::Tampered),
    s("torres-valentina.json", "Valentina Torres", SUPPLY),
    s("umarov-timur.json", "Timur Umarov", MEMORY).drop(&[After(0)]),
    s("unnamed-export.json", "", SUPPLY),
    s("varga-zsofia.json", "Zsófia Varga", MEMORY),
    s("vasquez-diego.json", "Diego Vásquez", SUPPLY).drop(&[Last(2)]),
    s("virtanen-aino.json", "Aino Virtanen", MEMORY),
    s("wainwright-oliver.json", "Oliver Wainwright", SUPPLY),
    s("walker-jordan.json", "Jordan Walker", MEMORY).form(Form::Truncated),
    s("weber-hannah.json", "Hannah Weber", SUPPLY),
    s("wojcik-zofia.json", "Zofia Wójcik", MEMORY).fail(&[Kind(C, 1)]),
    s("xu-ming.json", "Ming Xu", SUPPLY),
    s("yamamoto-ren.json", "Ren Yamamoto", MEMORY),
    s("yilmaz-elif.json", "Elif Yılmaz", SUPPLY).fail(&[Kind(Quiz, 1)]),
    s("young-priya.json", "Priya Young", MEMORY),
    s("zapata-andres.json", "Andrés Zapata", SUPPLY),
    s("zhang-wei.json", "Wei Zhang", MEMORY)
        .drop(&[Last(1)])
        .extra(),
    s("zielinski-jan.json", "Jan Zieliński", SUPPLY),
];

struct Real {
    course: Course,
    manifest: BundleManifest,
}

impl Real {
    fn track(&self, id: &str) -> &TrackEntry {
        self.manifest
            .track(id)
            .unwrap_or_else(|| panic!("the course has no track {id}"))
    }

    fn exercise(&self, id: &str) -> &Exercise {
        &self.course.exercises[id].exercise
    }

    /// The track's exercise ids that `pick` selects.
    fn pick(&self, track: &TrackEntry, pick: Pick) -> Vec<String> {
        let ids: Vec<String> = track.exercise_ids().map(str::to_string).collect();
        match pick {
            Kind(kind, n) => {
                let of_kind: Vec<&String> = ids
                    .iter()
                    .filter(|id| self.exercise(id).kind() == kind)
                    .collect();
                let id = of_kind.get(n).unwrap_or_else(|| {
                    panic!(
                        "track {} has {} {} exercises; the class wants number {n} (0-based): change CLASS",
                        track.id,
                        of_kind.len(),
                        kind.as_str()
                    )
                });
                vec![(*id).clone()]
            }
            Last(n) => ids[ids.len().saturating_sub(n)..].to_vec(),
            After(n) => ids[n.min(ids.len())..].to_vec(),
        }
    }

    fn evidence(&self, student: &Student) -> Vec<ExerciseEvidence> {
        let track = self.track(student.track);
        let failing: Vec<String> = student
            .fail
            .iter()
            .flat_map(|p| self.pick(track, *p))
            .collect();
        let dropped: Vec<String> = student
            .drop
            .iter()
            .flat_map(|p| self.pick(track, *p))
            .collect();
        let mut out: Vec<ExerciseEvidence> = track
            .exercise_ids()
            .filter(|id| !dropped.iter().any(|d| d == id))
            .map(|id| {
                let ex = self.exercise(id);
                let answer = if failing.iter().any(|f| f == id) {
                    rampart_grade::starter(ex)
                } else {
                    rampart_grade::solution(ex)
                };
                evidence_of(ex, &answer)
            })
            .collect();
        if student.extra {
            let other = if student.track == MEMORY {
                SUPPLY
            } else {
                MEMORY
            };
            let first = self
                .track(other)
                .exercise_ids()
                .next()
                .expect("the other track has exercises");
            let ex = self.exercise(first);
            out.push(evidence_of(ex, &rampart_grade::solution(ex)));
        }
        out
    }

    fn bundle(&self, student: &Student) -> String {
        let version = if student.old {
            OLD_VERSION
        } else {
            &self.manifest.version
        };
        let mut bundle = EvidenceBundle::new(version, student.track, student.learner);
        bundle.exercises = self.evidence(student);
        bundle.to_json() + "\n"
    }

    /// A certificate as the app's certificate page issues it
    /// (`app/src/state/certificate.rs`): issuer and subject are the
    /// learner's did:key, the name is theirs, every submission embedded.
    fn certificate(&self, student: &Student, seed: u8) -> String {
        let key = KeyPair::from_seed([seed; 32]);
        let track = self.track(student.track);
        let evidence: Vec<Evidence> = self
            .evidence(student)
            .iter()
            .map(|e| Evidence::new(&e.id, &e.grader, &submission_json(&e.submission), true))
            .collect();
        let version = &self.manifest.version;
        let now = Timestamp::parse(ISSUED).expect("a fixed time");
        let input = CredentialInput {
            id: format!("urn:uuid:00000000-0000-4000-8000-0000000000{seed:02x}"),
            issuer: IssuerInput {
                did: key.did(),
                name: student.learner.into(),
                url: None,
            },
            learner: LearnerInput {
                name: student.learner.into(),
                id: Some(key.did()),
            },
            track: TrackInput {
                id: track.id.clone(),
                name: track.title.clone(),
                description: track.summary.clone(),
                criteria: format!(
                    "Pass every graded exercise of the track \u{201c}{}\u{201d} ({} exercises) in Rampart, course version {version}. Each passing submission is embedded in the evidence, so anyone can re-grade it with that version's graders.",
                    track.title,
                    evidence.len()
                ),
                course_version: version.clone(),
                achievement_id: None,
            },
            valid_from: now,
            valid_until: None,
            status: None,
            evidence,
        };
        rampart_cert::credential::issue(&input, &key, now).expect("the certificate signs") + "\n"
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(out), None) = (args.next(), args.next()) else {
        eprintln!("usage: cargo run -p rampart-cli --example class_fixture -- OUTDIR");
        std::process::exit(2);
    };
    let out = PathBuf::from(out);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let (course, problems) = rampart_course::load(&root);
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("{p}");
        }
        eprintln!("the course at the repository root has problems; fix them first");
        std::process::exit(1);
    }
    let (manifest, _) = rampart_course::bundle::build(&course);
    let real = Real { course, manifest };

    std::fs::create_dir_all(&out).expect("create OUTDIR");
    for entry in std::fs::read_dir(&out).expect("list OUTDIR") {
        let path = entry.expect("list OUTDIR").path();
        if path.is_file() && path.extension().is_some_and(|e| e == "json") {
            std::fs::remove_file(&path).expect("remove an old fixture file");
        }
    }
    let mut seed = 0u8;
    for student in &CLASS {
        let text = match student.form {
            Form::Bundle => real.bundle(student),
            Form::Truncated => {
                let full = real.bundle(student);
                // Cut on a character boundary, half-way through.
                let mut cut = full.len() / 2;
                while !full.is_char_boundary(cut) {
                    cut -= 1;
                }
                full[..cut].to_string()
            }
            Form::Certificate => {
                seed += 1;
                real.certificate(student, seed)
            }
            Form::Tampered => {
                seed += 1;
                let signed = real.certificate(student, seed);
                // Edited after signing: the name, in both places it appears.
                let quoted = format!("\"{}\"", student.learner);
                assert!(signed.contains(&quoted), "the name is in the certificate");
                signed.replace(&quoted, "\"Yuki Tanaka-Best\"")
            }
        };
        let path = out.join(student.file);
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }
    println!("wrote {} files to {}", CLASS.len(), out.display());
}
