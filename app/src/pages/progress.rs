//! The learner's progress, exercise by exercise, with export and import.

use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use crate::app::use_app;
use crate::browser;
use crate::state::certificate::{KEY_STORAGE, key_from_storage};
use crate::state::progress::Progress;

/// Keeps an imported signing key when this browser has none; a different
/// key already here is kept (certificates signed by either stay valid).
fn restore_key(key: &rampart_cert::KeyPair) -> String {
    match key_from_storage(browser::storage_get(KEY_STORAGE).as_deref()) {
        Ok(Some(mine)) if mine.did() == key.did() => String::new(),
        Ok(Some(mine)) => format!(
            " The file's signing key ({}) was not used: this browser already has its own ({}).",
            key.did(),
            mine.did()
        ),
        Err(_) => " The file's signing key was not used: this browser's stored key is damaged; remove it first.".into(),
        Ok(None) => match browser::storage_set(KEY_STORAGE, &key.to_json()) {
            Ok(()) => " Your certificate signing key was restored too.".into(),
            Err(e) => format!(" Your signing key could not be saved in this browser: {e}."),
        },
    }
}

#[component]
pub fn ProgressPage() -> impl IntoView {
    browser::set_title("Your progress");
    let state = use_app();
    let status = RwSignal::new(None::<Result<String, String>>);

    let export = move |_| {
        // The signing key goes along, so certificates keep their issuer in another browser.
        let key = key_from_storage(browser::storage_get(KEY_STORAGE).as_deref())
            .ok()
            .flatten();
        let text = state
            .progress
            .with(|p| p.export_with_key(&state.course_version(), key.as_ref()));
        match browser::download("rampart-progress.json", &text, "application/json") {
            Ok(()) => status.set(Some(Ok(
                "Your progress was exported to rampart-progress.json.".into(),
            ))),
            Err(e) => status.set(Some(Err(format!("Could not export: {e}")))),
        }
    };
    let import = move |ev: leptos::ev::Event| {
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
        leptos::task::spawn_local(async move {
            let result = match browser::read_file(file).await {
                Err(e) => Err(format!("Could not import: {e}")),
                Ok(text) => Progress::import_with_key(&text).map(|imported| {
                    let n = imported.progress.exercises.len();
                    state.progress.update(|p| p.merge(&imported.progress));
                    let key_note = imported.key.map(|k| restore_key(&k)).unwrap_or_default();
                    format!("Imported progress for {n} exercises.{key_note}")
                }),
            };
            status.set(Some(result));
        });
    };

    view! {
        <h1>"Your progress"</h1>
        <p>"Progress is kept in this browser. Export it to keep a copy or to move to another browser; importing merges it with what is here and never removes a pass."</p>
        <p>"If you have a certificate, the export also holds the key you signed it with: keep the file private."</p>
        <div class="progress-actions">
            <button type="button" on:click=export>"Export progress"</button>
            <label class="file-button">
                "Import progress"
                <input type="file" accept="application/json,.json" on:change=import />
            </label>
        </div>
        {move || status.get().map(|s| match s {
            Ok(msg) => view! { <p class="status ok" role="status">{msg}</p> }.into_any(),
            Err(msg) => view! { <p class="status error" role="alert">{msg}</p> }.into_any(),
        })}
        <ProgressTable />
    }
}

#[component]
fn ProgressTable() -> impl IntoView {
    let state = use_app();
    move || {
        let Some(Ok(manifest)) = state.manifest.get() else {
            return view! { <p role="status">"Loading the course…"</p> }.into_any();
        };
        let site = crate::site::site();
        manifest
            .tracks
            .into_iter()
            .filter(|t| site.shows_track(&t.id))
            .map(|t| {
                let rows = t
                    .lessons
                    .iter()
                    .flat_map(|l| l.exercises.iter().map(move |e| (l.id.clone(), e.clone())))
                    .map(|(l, e)| {
                        let rec = state.progress.with(|p| p.get(&e.id).cloned()).unwrap_or_default();
                        let status = if rec.passed {
                            "Passed"
                        } else if rec.attempts > 0 {
                            "Not yet"
                        } else {
                            "Not started"
                        };
                        view! {
                            <tr>
                                <td><A href=crate::browser::route(&format!("/lesson/{l}"))>{e.title.clone()}</A></td>
                                <td>{status}</td>
                                <td>{format!("{} of {}", rec.best_score, e.points)}</td>
                                <td>{rec.attempts}</td>
                                <td>{rec.hints_used}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <h2>{t.title.clone()}</h2>
                    <table class="progress-table">
                        <caption class="visually-hidden">{format!("Exercises of {}", t.title)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Exercise"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col">"Best score"</th>
                                <th scope="col">"Attempts"</th>
                                <th scope="col">"Hints used"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
            })
            .collect_view()
            .into_any()
    }
}
