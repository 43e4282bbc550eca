//! Verify a certificate (`/verify`): paste it, open its file, or follow a
//! link carrying it (`#c=…`) or naming it by hash (`#h=…`). The page fetches
//! what the verifier needs (the lessons of the exercises the evidence names,
//! this site's trust list and known course versions, the status list and
//! did:web documents when online); the grading worker verifies and re-grades,
//! so the tab stays responsive.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use rampart_cert::Report;
use rampart_course::BundleManifest;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::components::checks::CheckList;
use crate::grading::{CANCELLED, Grader, VerifyJob};
use crate::pages::certificate::fetch_lessons;
use crate::state::certificate::{Fragment, fingerprint, parse_fragment};
use crate::state::verify::{MAX_FILE_BYTES, Needs, known_versions, lesson_paths, unread_report};

/// Fetches what verifying `credential` needs. Optional files that are
/// missing (`course-versions.json`, a status list when offline) are not
/// errors: the checks that need them say so.
pub(crate) async fn gather(credential: String) -> Result<VerifyJob, String> {
    let needs = Needs::of(&credential);
    let manifest: BundleManifest =
        browser::fetch_json(&browser::asset_url("course/manifest.json")).await?;
    let trust_list = match browser::fetch_text(&browser::asset_url("issuers.json")).await {
        Ok(text) => rampart_cert::parse_trust_list(&text).map_err(|e| {
            format!(
                "This site's trust list cannot be read, so nothing can be checked against it: {e}"
            )
        })?,
        Err(_) => Vec::new(),
    };
    let versions = browser::fetch_text(&browser::asset_url("course-versions.json"))
        .await
        .ok();
    let paths = lesson_paths(&manifest, &needs.exercises);
    let exercises = fetch_lessons(&paths)
        .await?
        .into_iter()
        .flat_map(|d| d.exercises)
        .filter(|e| needs.exercises.contains(&e.id))
        .collect();
    let (status_list_credential, status_list_error) = match &needs.status_list {
        None => (None, None),
        Some(url) => match browser::fetch_text(url).await {
            Ok(text) => (Some(text), None),
            Err(e) => (
                None,
                Some(format!("the status list {url} could not be fetched ({e})")),
            ),
        },
    };
    let mut did_documents = Vec::new();
    for did in &needs.did_web {
        if let Ok(url) = rampart_cert::did::did_web_document_url(did)
            && let Ok(text) = browser::fetch_text(&url).await
            && let Ok(doc) = rampart_cert::json::parse(&text)
        {
            did_documents.push(doc);
        }
    }
    let track_exercises = rampart_cert::coverage::track_of(&credential)
        .and_then(|t| manifest.track(&t).cloned())
        .map(|t| t.exercise_ids().map(str::to_string).collect());
    Ok(VerifyJob {
        credential,
        now: browser::now_seconds(),
        exercises,
        trust_list,
        known_course_versions: known_versions(&manifest.version, versions.as_deref()),
        track_exercises,
        status_list_credential,
        status_list_error,
        did_documents,
    })
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    browser::set_title("Verify a certificate");
    let text = RwSignal::new(String::new());
    let expected = RwSignal::new(None::<String>);
    let report = RwSignal::new(None::<Report>);
    let status = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let running = RwSignal::new(false);
    let grader = Grader::new();

    let run = move |credential: String| {
        error.set(None);
        report.set(None);
        if credential.trim().is_empty() {
            error.set(Some("Paste a credential, or open its file, first.".into()));
            return;
        }
        if let Some(hash) = expected.get_untracked() {
            let actual = fingerprint(&credential);
            if actual != hash {
                status.set(String::new());
                error.set(Some(format!(
                    "This is not the certificate the link names: its SHA-256 is {actual}, the link's is {hash}. Open the credential file that belongs to the printed certificate."
                )));
                return;
            }
        }
        running.set(true);
        status.set("Verifying: checking the signature and re-grading every answer…".into());
        leptos::task::spawn_local(async move {
            match gather(credential).await {
                Err(e) => {
                    running.set(false);
                    status.set(String::new());
                    error.set(Some(format!("The verification could not start: {e}")));
                }
                Ok(job) => grader.verify(job, move |result| {
                    running.set(false);
                    match result {
                        Ok(r) => {
                            status.set(format!("Verified. {}", crate::state::verify::summary(&r)));
                            report.set(Some(r));
                        }
                        Err(m) if m == CANCELLED => {
                            status.set("The verification was cancelled.".into())
                        }
                        Err(m) => {
                            status.set(String::new());
                            error.set(Some(m));
                        }
                    }
                }),
            }
        });
    };

    // A link carries the credential, or names it by hash. Read it on arrival
    // and whenever only the fragment changes (a link opened on this page).
    let location = use_location();
    Effect::new(move |_| {
        let hash = location.hash.get();
        match parse_fragment(hash.trim_start_matches('#')) {
            Ok(Fragment::Credential(c)) => {
                expected.set(None);
                text.set(c.clone());
                run(c);
            }
            Ok(Fragment::Hash(h)) => {
                expected.set(Some(h));
                report.set(None);
                error.set(None);
            }
            Ok(Fragment::None) => expected.set(None),
            Err(e) => {
                report.set(None);
                error.set(Some(e));
            }
        }
    });

    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        if file.size() > MAX_FILE_BYTES {
            error.set(None);
            report.set(Some(unread_report(format!(
                "the file {} is {:.1} MiB; a Rampart credential is at most 1 MiB",
                file.name(),
                file.size() / 1_048_576.0
            ))));
            status.set("The file was not read: it is far too large to be a credential.".into());
            return;
        }
        leptos::task::spawn_local(async move {
            match browser::read_file(file).await {
                Ok(t) => {
                    text.set(t.clone());
                    run(t);
                }
                Err(e) => error.set(Some(format!("The file could not be read: {e}"))),
            }
        });
    };

    view! {
        <h1>"Verify a certificate"</h1>
        <p>"Paste a Rampart credential, open its file, or follow a verification link. Everything runs in this browser and nothing is uploaded: the signature, the Open Badges 3.0 schema, the issuer, the dates and the course version are checked, and every answer the certificate embeds is re-graded by the current graders."</p>
        {move || expected.get().map(|h| view! {
            <p class="notice-inline">
                {format!("The link names one certificate by its fingerprint (SHA-256 {h}). Open that credential file, or paste it, to verify it.")}
            </p>
        })}
        <form class="verify-form" on:submit=move |ev| { ev.prevent_default(); run(text.get_untracked()); }>
            <div class="field">
                <label for="credential-text">"Credential (JSON)"</label>
                <textarea
                    id="credential-text"
                    rows="12"
                    spellcheck="false"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
            </div>
            <div class="verify-actions">
                <button type="submit" class="primary" disabled=move || running.get()>"Verify"</button>
                <label class="file-button">
                    "Open a credential file"
                    <input type="file" accept="application/json,application/ld+json,.json,.jsonld" on:change=on_file />
                </label>
            </div>
        </form>
        <p class="status" role="status">{move || status.get()}</p>
        {move || error.get().map(|e| view! { <p class="status error" role="alert">{e}</p> })}
        {move || report.get().map(|r| view! { <CheckList report=r heading="Result" /> })}
    }
}
