//! A `c` exercise: the learner edits the program in the code editor; Check
//! sends it to the grading worker, which runs every case under rampart-cvm
//! while a progress bar counts them; Cancel stops a runaway run at once.

use leptos::prelude::*;
use rampart_course::{CSpec, Exercise, Visibility};
use rampart_grade::{Verdict, c_files};

use crate::app::use_app;
use crate::components::editor::CodeEditor;
use crate::components::exercise::ExerciseHeader;
use crate::components::hints::Hints;
use crate::components::verdict::VerdictView;
use crate::grading::{Grader, Job};
use crate::state::answer::Answer;

#[component]
pub fn CExercise(exercise: Exercise, spec: CSpec) -> impl IntoView {
    let state = use_app();
    let id = exercise.id.clone();
    let record = state.progress.with_untracked(|p| p.get(&id).cloned());
    let passed_before = record.as_ref().is_some_and(|r| r.passed);
    let answer = Answer::for_exercise(&exercise, record.as_ref().and_then(|r| r.last.as_ref()));
    let code = RwSignal::new(answer.code().unwrap_or_default().to_string());
    let verdict: RwSignal<Option<Verdict>> = RwSignal::new(None);
    let running: RwSignal<Option<(usize, usize)>> = RwSignal::new(None);
    let failure: RwSignal<Option<String>> = RwSignal::new(None);
    let grader = Grader::new();

    let title_id = format!("exercise-{}", exercise.id);
    let (title, prompt, points, kind) = (
        exercise.title.clone(),
        exercise.prompt_html.clone(),
        exercise.points,
        exercise.kind(),
    );
    let examples: Vec<(String, String, String)> = spec
        .cases
        .iter()
        .filter(|c| c.visibility == Visibility::Visible)
        .map(|c| {
            let input = if c.args.is_empty() {
                c.stdin.clone()
            } else {
                format!("arguments: {}\n{}", c.args.join(" "), c.stdin)
            };
            (c.name.clone(), input, c.stdout.clone().unwrap_or_default())
        })
        .collect();
    let exercise = StoredValue::new(exercise);
    let spec = StoredValue::new(spec);

    // Keep the learner's program with their progress as they type, so a reload never loses it.
    Effect::new(move |first: Option<()>| {
        let text = code.get();
        if first.is_some() {
            let submission = spec.with_value(|s| c_files(s, &text));
            let ex_id = exercise.with_value(|e| e.id.clone());
            state.progress.update(|p| p.remember(&ex_id, &submission));
        }
    });

    let markers = Signal::derive(move || {
        verdict.with(|v| {
            v.as_ref()
                .map(|v| {
                    v.findings
                        .iter()
                        .filter_map(|f| {
                            let line = f.location.as_ref()?.line;
                            let first = f
                                .message
                                .lines()
                                .find(|l| l.starts_with("error:") || l.starts_with("warning:"))
                                .unwrap_or_else(|| f.message.lines().next().unwrap_or(""));
                            Some((line, first.to_string()))
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let highlighted = Signal::derive(move || {
        verdict.with(|v| {
            v.as_ref().and_then(|v| {
                v.findings
                    .iter()
                    .find_map(|f| f.location.as_ref().map(|l| l.line))
            })
        })
    });

    let check = move |_| {
        if running.get_untracked().is_some() {
            return;
        }
        let submission = spec.with_value(|s| c_files(s, &code.get_untracked()));
        let job = Job {
            exercise: exercise.get_value(),
            submission: submission.clone(),
        };
        failure.set(None);
        verdict.set(None);
        running.set(Some((0, 0)));
        grader.submit(
            job,
            move |done, total| running.set(Some((done, total))),
            move |result| {
                running.set(None);
                match result {
                    Ok(v) => {
                        let version = state.course_version();
                        let ex_id = exercise.with_value(|e| e.id.clone());
                        state
                            .progress
                            .update(|p| p.record(&ex_id, &submission, &v, &version));
                        verdict.set(Some(v));
                    }
                    Err(message) if message == "Cancelled" => failure.set(Some(
                        "Grading was cancelled; your program is unchanged.".to_string(),
                    )),
                    Err(message) => failure.set(Some(message)),
                }
            },
        );
    };
    let cancel = move |_| grader.cancel();
    let reset = Callback::new(move |()| code.set(spec.with_value(|s| s.starter.clone())));
    let label = format!("Your program ({})", spec.with_value(|s| s.file.clone()));
    let labelled_by = title_id.clone();

    view! {
        <section class="exercise" aria-labelledby=labelled_by data-kind="c">
            <ExerciseHeader title_id=title_id title=title kind=kind points=points />
            <div class="prompt" inner_html=prompt></div>
            {(!examples.is_empty()).then(|| view! {
                <details class="examples" open>
                    <summary>"Examples"</summary>
                    <dl>
                        {examples.into_iter().map(|(name, input, output)| view! {
                            <dt>{name}</dt>
                            <dd>
                                <p class="io-label">"Input"</p>
                                <pre class="io">{input}</pre>
                                <p class="io-label">"Expected output"</p>
                                <pre class="io">{output}</pre>
                            </dd>
                        }).collect_view()}
                    </dl>
                </details>
            })}
            <CodeEditor label=label text=code markers=markers highlighted_line=highlighted on_reset=reset />
            <div class="actions">
                <button type="button" class="primary" on:click=check disabled=move || running.get().is_some()>"Check"</button>
                {move || running.get().map(|(done, total)| view! {
                    <span class="grading">
                        <progress max=total.max(1) value=done aria-label="Cases run"></progress>
                        <span role="status">{if total == 0 { "Starting the grader…".to_string() } else { format!("Running case {done} of {total}…") }}</span>
                        <button type="button" on:click=cancel>"Cancel"</button>
                    </span>
                })}
            </div>
            {move || failure.get().map(|m| view! { <p class="status error" role="alert">{m}</p> })}
            {move || (passed_before && verdict.with(Option::is_none) && running.get().is_none()).then(|| view! {
                <p class="passed-before" role="status">"Passed earlier: your passing program is in the editor."</p>
            })}
            <VerdictView verdict=verdict />
            <Hints exercise=exercise />
        </section>
    }
}
