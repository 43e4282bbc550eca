//! A track's certificate (`/certificate/:track`): which exercises remain,
//! or the form that issues a self-issued certificate, and once issued what to
//! do with it: download, copy the verification link, print, hand the
//! evidence to an institution. `/certificate/:track/print` is the printable
//! page with its QR code.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use rampart_cert::{KeyPair, Timestamp};
use rampart_course::{BundleManifest, LessonDoc, TrackEntry};

use crate::app::use_app;
use crate::browser;
use crate::components::checks::CheckList;
use crate::components::qr::QrCode;
use crate::grading::Grader;
use crate::pages::home::CourseError;
use crate::pages::not_found::NotFound;
use crate::pages::verify::gather;
use crate::state::certificate::{
    self, CERTIFICATES_STORAGE, KEY_STORAGE, Reason, Remaining, Summary, bundle_of,
    certificates_from_storage, key_from_storage, passing_evidence, qr_target, remaining,
    verification_link,
};

/// Every lesson of `paths`, fetched from the bundle in order.
pub(crate) async fn fetch_lessons(paths: &[String]) -> Result<Vec<LessonDoc>, String> {
    let mut docs = Vec::with_capacity(paths.len());
    for path in paths {
        let url = browser::asset_url(&format!("course/{path}"));
        docs.push(browser::fetch_json::<LessonDoc>(&url).await?);
    }
    Ok(docs)
}

/// The verify page's address on this site.
pub(crate) fn verify_url() -> String {
    browser::asset_url("verify")
}

fn stored_certificates() -> BTreeMap<String, String> {
    certificates_from_storage(browser::storage_get(CERTIFICATES_STORAGE).as_deref())
}

/// The track named in the route, once the manifest is in.
fn with_track(
    render: impl Fn(BundleManifest, TrackEntry) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let state = use_app();
    let params = use_params_map();
    move || match state.manifest.get() {
        None => view! { <p class="loading" role="status">"Loading the course…"</p> }.into_any(),
        Some(Err(e)) => view! { <CourseError error=e /> }.into_any(),
        Some(Ok(m)) => {
            let id = params.read().get("track").unwrap_or_default();
            match m.track(&id).cloned() {
                Some(t) => render(m, t),
                None => view! { <NotFound /> }.into_any(),
            }
        }
    }
}

#[component]
pub fn CertificatePage() -> impl IntoView {
    with_track(|_, t| view! { <Certificate track=t /> }.into_any())
}

#[component]
pub fn CertificatePrintPage() -> impl IntoView {
    with_track(|_, t| view! { <PrintView track=t /> }.into_any())
}

#[component]
fn Certificate(track: TrackEntry) -> impl IntoView {
    browser::set_title(&format!("Certificate: {}", track.title));
    let state = use_app();
    let track_id = track.id.clone();
    let certificates = RwSignal::new(stored_certificates());
    let stored = {
        let id = track_id.clone();
        Memo::new(move |_| certificates.with(|c| c.get(&id).cloned()))
    };
    let track = StoredValue::new(track);
    let left = Memo::new(move |_| track.with_value(|t| state.progress.with(|p| remaining(t, p))));
    let total = track.with_value(|t| t.exercise_ids().count());
    let title = track.with_value(|t| t.title.clone());

    view! {
        <h1>{format!("Certificate: {title}")}</h1>
        {move || {
            let left = left.get();
            if left.is_empty() {
                view! { <IssueForm track=track.get_value() certificates=certificates stored=stored /> }.into_any()
            } else {
                let passed = total - left.len();
                view! {
                    <p>{format!("You have passed {passed} of {total} exercises of this track. Pass the remaining {} to get your certificate:", left.len())}</p>
                    <RemainingList items=left />
                }
                .into_any()
            }
        }}
        {move || stored.get().map(|text| view! { <Issued track_id=track_id.clone() text=text /> })}
    }
}

#[component]
fn RemainingList(items: Vec<Remaining>) -> impl IntoView {
    view! {
        <ul class="remaining">
            {items
                .into_iter()
                .map(|r| {
                    let note = match r.reason {
                        Reason::NotPassed => None,
                        Reason::NoPassingAnswer => Some(
                            " — passed before Rampart kept passing answers: check it again to save yours",
                        ),
                    };
                    view! { <li><A href=crate::browser::route(&r.href())>{r.title.clone()}</A>{note}</li> }
                })
                .collect_view()}
        </ul>
    }
}

/// The name field and the button that issues (or re-issues) the certificate.
#[component]
fn IssueForm(
    track: TrackEntry,
    certificates: RwSignal<BTreeMap<String, String>>,
    stored: Memo<Option<String>>,
) -> impl IntoView {
    let state = use_app();
    let paths: Vec<String> = track.lessons.iter().map(|l| l.path.clone()).collect();
    let docs = LocalResource::new(move || {
        let paths = paths.clone();
        async move { fetch_lessons(&paths).await }
    });
    let initial = stored
        .get_untracked()
        .and_then(|t| Summary::of(&t).ok())
        .map(|s| s.name)
        .unwrap_or_default();
    let name = RwSignal::new(initial);
    let error = RwSignal::new(None::<String>);
    let missing = RwSignal::new(Vec::<Remaining>::new());
    let status = RwSignal::new(String::new());
    let track = StoredValue::new(track);

    // Signs with this browser's key, made on first use.
    let sign = move |learner: &str,
                     evidence: &[rampart_grade::evidence::ExerciseEvidence]|
          -> Result<String, String> {
        let key = match key_from_storage(browser::storage_get(KEY_STORAGE).as_deref())? {
            Some(k) => k,
            None => {
                let k = KeyPair::generate().map_err(|e| e.to_string())?;
                browser::storage_set(KEY_STORAGE, &k.to_json()).map_err(|e| {
                    format!("your signing key could not be saved in this browser ({e})")
                })?;
                k
            }
        };
        let id = rampart_cert::credential::new_urn_uuid().map_err(|e| e.to_string())?;
        let now = Timestamp::from_unix_seconds(browser::now_seconds());
        track.with_value(|t| {
            certificate::issue(&key, id, learner, t, &state.course_version(), evidence, now)
        })
    };

    let issue = move || {
        error.set(None);
        missing.set(Vec::new());
        let learner = match certificate::check_name(&name.get_untracked()) {
            Ok(n) => n,
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        status.set("Preparing your certificate…".into());
        // The lessons (with each exercise's grader) may still be loading.
        leptos::task::spawn_local(async move {
            let docs = match docs.await {
                Ok(d) => d,
                Err(e) => {
                    status.set(String::new());
                    error.set(Some(format!(
                        "The lessons of this track could not be loaded: {e}"
                    )));
                    return;
                }
            };
            let evidence = match track.with_value(|t| {
                state
                    .progress
                    .with_untracked(|p| passing_evidence(t, &docs, p))
            }) {
                Ok(e) => e,
                Err(m) => {
                    status.set(String::new());
                    missing.set(m);
                    return;
                }
            };
            match sign(&learner, &evidence) {
                Ok(text) => {
                    let id = track.with_value(|t| t.id.clone());
                    certificates.update(|c| {
                        c.insert(id, text);
                    });
                    let saved = certificates.with_untracked(|c| {
                        browser::storage_set(
                            CERTIFICATES_STORAGE,
                            &serde_json::to_string(c).unwrap_or_default(),
                        )
                    });
                    status.set(match saved {
                        Ok(()) => "Your certificate is ready: see below.".into(),
                        Err(e) => format!("Your certificate is ready below, but this browser could not keep it ({e}): download it now."),
                    });
                }
                Err(e) => {
                    status.set(String::new());
                    error.set(Some(format!("The certificate could not be made: {e}")));
                }
            }
        });
    };
    view! {
        <p>{move || if stored.get().is_some() {
            "You have passed every exercise of this track. You can issue your certificate again, for example with another name."
        } else {
            "You have passed every exercise of this track: you can get your certificate."
        }}</p>
        <p class="statement">
            "The name you enter is self-declared: Rampart does not check who you are. The certificate is signed with a key made and kept in this browser (exported with your progress), and it embeds your passing answer to every exercise, so anyone can re-grade your work."
        </p>
        <form class="certificate-form" on:submit=move |ev| { ev.prevent_default(); issue(); }>
            <div class="field">
                <label for="certificate-name">"Name to show on the certificate"</label>
                <input
                    id="certificate-name"
                    type="text"
                    autocomplete="name"
                    maxlength="200"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </div>
            <button type="submit" class="primary">
                {move || if stored.get().is_some() { "Issue my certificate again" } else { "Get my certificate" }}
            </button>
        </form>
        <p class="status ok" role="status">{move || status.get()}</p>
        {move || error.get().map(|e| view! { <p class="status error" role="alert">{e}</p> })}
        {move || {
            let m = missing.get();
            (!m.is_empty()).then(|| view! {
                <div role="alert">
                    <p>"These exercises have no saved passing answer to put in the certificate:"</p>
                    <RemainingList items=m />
                </div>
            })
        }}
    }
}

/// An issued certificate: what it says and what to do with it.
#[component]
fn Issued(track_id: String, text: String) -> impl IntoView {
    let summary = match Summary::of(&text) {
        Ok(s) => s,
        Err(e) => {
            return view! { <p role="alert">{format!("The certificate stored in this browser cannot be read: {e}")}</p> }
                .into_any();
        }
    };
    let link = verification_link(&verify_url(), &text);
    let status = RwSignal::new(String::new());
    let text = StoredValue::new(text);
    let link_value = StoredValue::new(link.clone());
    let track = StoredValue::new(track_id.clone());

    let download = move |_| {
        let name = track.with_value(|t| certificate::file_name(t, "credential"));
        let result = text.with_value(|t| browser::download(&name, t, "application/json"));
        status.set(match result {
            Ok(()) => format!("The credential was downloaded as {name}."),
            Err(e) => format!("Could not download the credential: {e}"),
        });
    };
    let evidence = move |_| {
        let name = track.with_value(|t| certificate::file_name(t, "evidence"));
        let result = text
            .with_value(|t| bundle_of(t))
            .and_then(|b| browser::download(&name, &b.to_json(), "application/json"));
        status.set(match result {
            Ok(()) => format!("The evidence was downloaded as {name}. An institution re-grades it with `rampart cert issue --evidence {name}` before signing a certificate of its own."),
            Err(e) => format!("Could not download the evidence: {e}"),
        });
    };
    let copy = move |_| {
        let link = link_value.get_value();
        leptos::task::spawn_local(async move {
            status.set(match browser::copy_text(&link).await {
                Ok(()) => "The verification link was copied to the clipboard.".into(),
                Err(e) => format!("Could not copy the link ({e}): select it in the field below and copy it yourself."),
            });
        });
    };

    // Check the new certificate the way a verifier will, in the worker.
    let grader = Grader::new();
    let report = RwSignal::new(None::<Result<rampart_cert::Report, String>>);
    let check = move |_| {
        report.set(None);
        status
            .set("Checking your certificate as a verifier would: re-grading every answer…".into());
        let credential = text.get_value();
        leptos::task::spawn_local(async move {
            match gather(credential).await {
                Ok(job) => grader.verify(job, move |r| {
                    status.set("The check is done: see the result below.".into());
                    report.set(Some(r));
                }),
                Err(e) => report.set(Some(Err(e))),
            }
        });
    };

    let short_version = summary
        .course_version
        .get(..12)
        .unwrap_or(&summary.course_version)
        .to_string();
    view! {
        <section class="issued" aria-labelledby="issued-heading">
            <h2 id="issued-heading">"Your certificate"</h2>
            <p class="issued-line">
                <strong>{summary.name.clone()}</strong>
                {format!(" passed every one of the {} graded exercises of the track “{}” on {} (course version {short_version}).", summary.exercises, summary.track_title, summary.issued_date())}
            </p>
            <p class="statement">
                {format!("The name “{}” is self-declared: you signed this certificate yourself, with the key kept in this browser ({}); no institution vouches for it. What it proves is the work: your passing answer to each exercise is embedded, and anyone can re-grade it with the current graders on the verify page or with `rampart cert verify`.", summary.name, summary.issuer)}
            </p>
            <div class="certificate-actions">
                <button type="button" on:click=download>"Download credential (.json)"</button>
                <button type="button" on:click=copy>"Copy verification link"</button>
                <A href=crate::browser::route(&format!("/certificate/{track_id}/print")) attr:class="button-link">"Print certificate"</A>
                <button type="button" on:click=evidence>"Download evidence for your institution"</button>
                <button type="button" on:click=check>"Check it now"</button>
            </div>
            <p class="status ok" role="status">{move || status.get()}</p>
            <div class="field">
                <label for="verification-link">"Verification link"</label>
                <input id="verification-link" type="text" readonly prop:value=link class="link-field" />
            </div>
            {move || report.get().map(|r| match r {
                Ok(r) => view! { <CheckList report=r heading="Checked in this browser" /> }.into_any(),
                Err(e) => view! { <p class="status error" role="alert">{format!("The check could not run: {e}")}</p> }.into_any(),
            })}
        </section>
    }
    .into_any()
}

/// The printable certificate: one clean page with a QR code for verifying.
#[component]
fn PrintView(track: TrackEntry) -> impl IntoView {
    browser::set_title(&format!("Certificate: {} (print)", track.title));
    let Some(text) = stored_certificates().get(&track.id).cloned() else {
        return view! {
            <h1>"No certificate yet"</h1>
            <p>"There is no certificate for this track in this browser yet. "
                <A href=crate::browser::route(&format!("/certificate/{}", track.id))>"Get your certificate"</A>
                " first, then print it."</p>
        }
        .into_any();
    };
    let summary = match Summary::of(&text) {
        Ok(s) => s,
        Err(e) => {
            return view! { <p role="alert">{format!("The certificate stored in this browser cannot be read: {e}")}</p> }
                .into_any();
        }
    };
    let verify = verify_url();
    let target = qr_target(&verify, &text);
    let fingerprint = certificate::fingerprint(&text);
    let caption = if target.carries_credential {
        "Scan the code to verify this certificate: the link carries it whole.".to_string()
    } else {
        format!(
            "Scan the code, or open {verify}, and give the verifier the credential file; the code names it by its fingerprint below."
        )
    };
    let print = move |_| {
        if let Err(e) = browser::print() {
            leptos::logging::warn!("printing failed: {e}");
        }
    };
    let short_version = summary
        .course_version
        .get(..12)
        .unwrap_or(&summary.course_version)
        .to_string();
    view! {
        <div class="no-print print-actions">
            <button type="button" class="primary" on:click=print>"Print"</button>
            <A href=crate::browser::route(&format!("/certificate/{}", track.id))>"Back to the certificate"</A>
        </div>
        <article class="certificate-sheet" aria-labelledby="sheet-name">
            <p class="sheet-kicker">"Rampart · Certificate of completion"</p>
            <h1 id="sheet-name">{summary.name.clone()}</h1>
            <p class="sheet-has">"has passed every graded exercise of the track"</p>
            <p class="sheet-track">{summary.track_title.clone()}</p>
            <dl class="sheet-facts">
                <dt>"Issued"</dt><dd>{summary.issued_date().to_string()}</dd>
                <dt>"Exercises"</dt><dd>{format!("{}, each answer embedded and re-gradable", summary.exercises)}</dd>
                <dt>"Course version"</dt><dd><code>{short_version}</code></dd>
                <dt>"Signed by"</dt><dd><code class="did">{summary.issuer.clone()}</code></dd>
                <dt>"Fingerprint"</dt><dd><code class="did">{format!("SHA-256 {fingerprint}")}</code></dd>
            </dl>
            <p class="sheet-note">"Self-issued: the learner signed this certificate with their own key, and the name is self-declared. The work is what it proves: verification re-grades every embedded answer."</p>
            <figure class="sheet-qr">
                <QrCode data=target.url.clone() label="QR code: link to verify this certificate".to_string() />
                <figcaption>{caption}</figcaption>
            </figure>
        </article>
    }
    .into_any()
}
