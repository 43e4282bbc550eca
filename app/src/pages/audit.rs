//! "Audit your own files": the supply-chain analysers on the learner's own
//! workflow, lockfile, SBOM, provenance, manifest or registry configuration,
//! run by the grading worker in this browser. Nothing is uploaded.

use leptos::prelude::*;
use rampart_grade::{Severity, Verdict};
use rampart_supply::audit::{Input, Target};
use wasm_bindgen::JsCast;

use crate::browser;
use crate::grading::{CANCELLED, Grader, Task};
use crate::state::audit::{Extra, Form, extras};

/// The files chosen in a file input or dropped on an element.
fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return vec![] };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Reads each file as text and hands it to `done`, or reports why it could not.
fn read_all(
    files: Vec<web_sys::File>,
    status: RwSignal<Option<String>>,
    done: impl Fn(Input) + 'static,
) {
    leptos::task::spawn_local(async move {
        for file in files {
            let name = file.name();
            if file.size() > rampart_supply::MAX_INPUT as f64 {
                status.set(Some(format!(
                    "{name} is {:.1} MiB; Rampart reads files up to {} MiB.",
                    file.size() / 1_048_576.0,
                    rampart_supply::MAX_INPUT / 1_048_576
                )));
                continue;
            }
            match browser::read_file(file).await {
                Ok(text) => done(Input::new(name, text)),
                Err(e) => status.set(Some(format!("Could not read {name}: {e}"))),
            }
        }
    });
}

fn input_files(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return vec![];
    };
    let files = files_of(input.files());
    input.set_value("");
    files
}

#[component]
pub fn AuditPage() -> impl IntoView {
    browser::set_title("Audit your own files");
    let form = RwSignal::new(Form::new(Target::Workflow));
    let status: RwSignal<Option<String>> = RwSignal::new(None);
    let verdict: RwSignal<Option<(String, Verdict)>> = RwSignal::new(None);
    let running = RwSignal::new(false);
    let grader = Grader::new();

    let on_kind = move |ev: leptos::ev::Event| {
        if let Some(t) = Target::parse(&event_target_value(&ev)) {
            form.update(|f| f.set_target(t));
            verdict.set(None);
        }
    };
    let open_main = move |ev: leptos::ev::Event| {
        read_all(
            input_files(&ev).into_iter().take(1).collect(),
            status,
            move |i| {
                form.update(|f| f.file = i);
            },
        );
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        let files = files_of(ev.data_transfer().and_then(|d| d.files()));
        read_all(files.into_iter().take(1).collect(), status, move |i| {
            form.update(|f| f.file = i);
        });
    };
    let run = move || {
        let request = match form.with_untracked(Form::request) {
            Ok(r) => r,
            Err(message) => {
                status.set(Some(message));
                return;
            }
        };
        let name = request.file.name.clone();
        status.set(None);
        verdict.set(None);
        running.set(true);
        grader.submit_task(
            Task::Audit(request),
            |_, _| {},
            move |result| {
                running.set(false);
                match result {
                    Ok(v) => verdict.set(Some((name, v))),
                    Err(m) if m == CANCELLED => status.set(Some("The audit was cancelled.".into())),
                    Err(m) => status.set(Some(m)),
                }
            },
        );
    };

    view! {
        <h1>"Audit your own files"</h1>
        <p>"Check your own workflow, lockfile, SBOM, provenance, manifest or registry configuration with the rules the exercises use. Everything runs in this browser: your files are not uploaded anywhere."</p>
        <form class="audit-form" on:submit=move |ev| { ev.prevent_default(); run(); }>
            <div class="field">
                <label for="audit-kind">"What are you checking?"</label>
                <select id="audit-kind" on:change=on_kind>
                    {Target::ALL.iter().map(|t| view! {
                        <option value=t.as_str() selected=move || form.with(|f| f.target == *t)>{t.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <fieldset>
                <legend>"Your file"</legend>
                <div class="field">
                    <label for="audit-name">"File name"</label>
                    <input id="audit-name" type="text" aria-describedby="audit-name-help"
                        prop:value=move || form.with(|f| f.file.name.clone())
                        on:input=move |ev| form.update(|f| f.file.name = event_target_value(&ev)) />
                    <p id="audit-name-help" class="help">"The name tells Rampart the format: Cargo.lock or package-lock.json, .npmrc or requirements.txt."</p>
                </div>
                <label class="file-button">"Open a file…"<input type="file" on:change=open_main /></label>
                <div class="field">
                    <label for="audit-text">"Contents (paste, or drop a file here)"</label>
                    <textarea id="audit-text" class="audit-text" rows="16" spellcheck="false" autocomplete="off"
                        prop:value=move || form.with(|f| f.file.text.clone())
                        on:input=move |ev| form.update(|f| f.file.text = event_target_value(&ev))
                        on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
                        on:drop=on_drop></textarea>
                </div>
            </fieldset>
            {move || {
                let target = form.with(|f| f.target);
                extras(target).iter().map(|&extra| view! { <ExtraFiles extra=extra form=form status=status /> }).collect_view()
            }}
            <div class="actions">
                <button type="submit" class="primary" disabled=move || running.get()>"Audit"</button>
                {move || running.get().then(|| view! {
                    <span class="grading"><span role="status">"Auditing…"</span>
                    <button type="button" on:click=move |_| grader.cancel()>"Cancel"</button></span>
                })}
            </div>
        </form>
        <div aria-live="polite">
            {move || status.get().map(|m| view! { <p class="status error">{m}</p> })}
        </div>
        {move || verdict.get().map(|(name, v)| view! { <AuditResults name=name verdict=v /> })}
    }
}

/// The extra files an audit reads, with buttons to add and remove them.
#[component]
fn ExtraFiles(
    extra: Extra,
    form: RwSignal<Form>,
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    let id = format!(
        "extra-{}",
        extra
            .label()
            .split_whitespace()
            .next()
            .unwrap_or("file")
            .to_lowercase()
    );
    let paste = RwSignal::new(String::new());
    let open = move |ev: leptos::ev::Event| {
        read_all(input_files(&ev), status, move |i| {
            form.update(|f| f.add(extra, i))
        });
    };
    let add_pasted = move |_| {
        let text = paste.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        let n = form.with_untracked(|f| f.files(extra).len()) + 1;
        let name = match extra {
            Extra::Advisories => format!("pasted-advisory-{n}.json"),
            Extra::Lockfile => "Cargo.lock".to_string(),
            Extra::Policy => "policy.toml".to_string(),
            Extra::Manifests => format!("pasted-manifest-{n}.json"),
        };
        form.update(|f| f.add(extra, Input::new(name, text)));
        paste.set(String::new());
    };
    let paste_id = format!("{id}-paste");
    view! {
        <fieldset class="extra-files">
            <legend>{extra.label()}</legend>
            <ul class="chosen-files" aria-label=format!("{} added", extra.label())>
                {move || form.with(|f| f.files(extra).into_iter().map(|i| {
                    let name = i.name.clone();
                    let remove_name = name.clone();
                    view! {
                        <li><code>{name.clone()}</code>" "
                            <button type="button" aria-label=format!("Remove {name}")
                                on:click=move |_| form.update(|f| f.remove(extra, &remove_name))>"Remove"</button></li>
                    }
                }).collect_view())}
            </ul>
            <label class="file-button">{if extra.multiple() { "Open files…" } else { "Open a file…" }}
                <input type="file" multiple=extra.multiple() on:change=open /></label>
            <div class="field">
                <label for=paste_id.clone()>"Or paste one here"</label>
                <textarea id=paste_id rows="5" spellcheck="false" prop:value=move || paste.get()
                    on:input=move |ev| paste.set(event_target_value(&ev))></textarea>
                <button type="button" on:click=add_pasted>"Add pasted text"</button>
            </div>
        </fieldset>
    }
}

#[component]
fn AuditResults(name: String, verdict: Verdict) -> impl IntoView {
    let errors = verdict
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let total = verdict.findings.len();
    let headline = match (total, errors) {
        (0, _) => format!("No findings in {name}."),
        (n, 0) => format!(
            "{n} finding{} in {name}, none of them errors.",
            if n == 1 { "" } else { "s" }
        ),
        (n, e) => format!(
            "{n} finding{} in {name}, {e} of them error{}.",
            if n == 1 { "" } else { "s" },
            if e == 1 { "" } else { "s" }
        ),
    };
    let class = if total == 0 {
        "verdict passed"
    } else {
        "verdict failed"
    };
    view! {
        <section class=class aria-labelledby="audit-results">
            <h2 id="audit-results" role="status">{headline}</h2>
            <ul class="findings">
                {verdict.findings.into_iter().map(|f| {
                    let (sev_class, sev_label) = match f.severity {
                        Severity::Error => ("finding error", "Error"),
                        Severity::Warning => ("finding warning", "Warning"),
                        Severity::Info => ("finding info", "Note"),
                    };
                    let at = f.location.as_ref().map(|l| match l.column {
                        Some(c) => format!("{} line {}, column {c}", l.file, l.line),
                        None => format!("{} line {}", l.file, l.line),
                    });
                    let rule = f.rule.clone();
                    view! {
                        <li class=sev_class data-rule=rule>
                            <span class="severity">{sev_label}</span>
                            <code class="rule">{f.rule}</code>
                            {at.map(|a| view! { <span class="where">{a}</span> })}
                            <span class="message">{f.message}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
