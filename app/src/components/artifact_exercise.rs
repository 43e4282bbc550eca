//! A supply-chain exercise: the learner edits one real artifact (a
//! workflow, a lockfile, an SBOM, a policy…) beside the read-only files it
//! is judged against. Check sends it to the grading worker; the findings
//! come back with their lines, which the editor marks.

use leptos::prelude::*;
use rampart_course::{ArtifactFiles, Exercise};
use rampart_grade::{Verdict, artifact_files};

use crate::app::use_app;
use crate::components::editor::CodeEditor;
use crate::components::exercise::ExerciseHeader;
use crate::components::hints::Hints;
use crate::components::verdict::VerdictView;
use crate::grading::{CANCELLED, Grader, Job};
use crate::state::answer::Answer;
use crate::state::syntax::highlight_as;

#[component]
pub fn ArtifactExercise(exercise: Exercise, files: ArtifactFiles) -> impl IntoView {
    let state = use_app();
    let id = exercise.id.clone();
    let record = state.progress.with_untracked(|p| p.get(&id).cloned());
    let passed_before = record.as_ref().is_some_and(|r| r.passed);
    let answer = Answer::for_exercise(&exercise, record.as_ref().and_then(|r| r.last.as_ref()));
    let text = RwSignal::new(answer.code().unwrap_or_default().to_string());
    let verdict: RwSignal<Option<Verdict>> = RwSignal::new(None);
    let running = RwSignal::new(false);
    let failure: RwSignal<Option<String>> = RwSignal::new(None);
    let grader = Grader::new();

    let title_id = format!("exercise-{}", exercise.id);
    let (title, prompt, points, kind) = (
        exercise.title.clone(),
        exercise.prompt_html.clone(),
        exercise.points,
        exercise.kind(),
    );
    let given = files.given.clone();
    let file_name = files.file.clone();
    let language = files.language.clone();
    let exercise = StoredValue::new(exercise);
    let files = StoredValue::new(files);

    // Keep the learner's edits with their progress as they type.
    Effect::new(move |first: Option<()>| {
        let t = text.get();
        if first.is_some() {
            let submission = files.with_value(|f| artifact_files(f, &t));
            let ex_id = exercise.with_value(|e| e.id.clone());
            state.progress.update(|p| p.remember(&ex_id, &submission));
        }
    });

    // Markers for the edited file only; findings about given files are in the list below.
    let markers = Signal::derive(move || {
        let name = files.with_value(|f| f.file.clone());
        verdict.with(|v| {
            v.as_ref()
                .map(|v| {
                    v.findings
                        .iter()
                        .filter(|f| f.severity != rampart_grade::Severity::Info)
                        .filter_map(|f| {
                            let loc = f.location.as_ref().filter(|l| l.file == name)?;
                            Some((
                                loc.line,
                                format!("{}: {}", f.rule, first_sentence(&f.message)),
                            ))
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let highlighted = Signal::derive(move || {
        let name = files.with_value(|f| f.file.clone());
        verdict.with(|v| {
            v.as_ref().and_then(|v| {
                v.findings
                    .iter()
                    .filter(|f| f.severity == rampart_grade::Severity::Error)
                    .find_map(|f| {
                        f.location
                            .as_ref()
                            .filter(|l| l.file == name)
                            .map(|l| l.line)
                    })
            })
        })
    });

    let check = move |_| {
        if running.get_untracked() {
            return;
        }
        let submission = files.with_value(|f| artifact_files(f, &text.get_untracked()));
        let job = Job {
            exercise: exercise.get_value(),
            submission: submission.clone(),
        };
        failure.set(None);
        verdict.set(None);
        running.set(true);
        grader.submit(
            job,
            |_, _| {},
            move |result| {
                running.set(false);
                match result {
                    Ok(v) => {
                        let version = state.course_version();
                        let ex_id = exercise.with_value(|e| e.id.clone());
                        state
                            .progress
                            .update(|p| p.record(&ex_id, &submission, &v, &version));
                        verdict.set(Some(v));
                    }
                    Err(message) if message == CANCELLED => failure.set(Some(
                        "Checking was cancelled; your file is unchanged.".to_string(),
                    )),
                    Err(message) => failure.set(Some(message)),
                }
            },
        );
    };
    let cancel = move |_| grader.cancel();
    let reset = Callback::new(move |()| text.set(files.with_value(|f| f.starter.clone())));
    let label = format!("Your file ({file_name})");
    let labelled_by = title_id.clone();

    view! {
        <section class="exercise" aria-labelledby=labelled_by data-kind=kind.as_str()>
            <ExerciseHeader title_id=title_id title=title kind=kind points=points />
            <div class="prompt" inner_html=prompt></div>
            {(!given.is_empty()).then(|| view! {
                <div class="given-files">
                    <p class="io-label">"Files to read (not editable)"</p>
                    {given.into_iter().enumerate().map(|(i, g)| {
                        let html = highlight_as(&g.content, &g.language).join("\n");
                        let lines = g.content.lines().count();
                        view! {
                            <details class="given" open=i == 0 && lines <= 40>
                                <summary><code>{g.name.clone()}</code>{format!(" · {lines} lines")}</summary>
                                <pre class="given-text code-view" tabindex="0" aria-label=format!("{} (read-only)", g.name) inner_html=html></pre>
                            </details>
                        }
                    }).collect_view()}
                </div>
            })}
            <CodeEditor label=label text=text markers=markers highlighted_line=highlighted on_reset=reset language=language />
            <div class="actions">
                <button type="button" class="primary" on:click=check disabled=move || running.get()>"Check"</button>
                {move || running.get().then(|| view! {
                    <span class="grading">
                        <span role="status">"Checking…"</span>
                        <button type="button" on:click=cancel>"Cancel"</button>
                    </span>
                })}
            </div>
            {move || failure.get().map(|m| view! { <p class="status error" role="alert">{m}</p> })}
            {move || (passed_before && verdict.with(Option::is_none) && !running.get()).then(|| view! {
                <p class="passed-before" role="status">"Passed earlier: your passing file is in the editor."</p>
            })}
            <VerdictView verdict=verdict />
            <Hints exercise=exercise />
        </section>
    }
}

/// The first sentence of a message, for a marker's tooltip.
fn first_sentence(message: &str) -> &str {
    match message.find(". ") {
        Some(i) => &message[..=i],
        None => message,
    }
}
