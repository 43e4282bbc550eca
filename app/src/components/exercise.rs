//! The exercise panel: prompt, answer controls, Check, verdict, hints.

use leptos::prelude::*;
use rampart_course::{Exercise, KindSpec};
use rampart_grade::{Verdict, grade_on_page};

use crate::app::use_app;
use crate::components::artifact_exercise::ArtifactExercise;
use crate::components::c_exercise::CExercise;
use crate::components::hints::Hints;
use crate::components::quiz::QuizControls;
use crate::components::spot::SpotControls;
use crate::components::verdict::VerdictView;
use crate::state::answer::Answer;

#[component]
pub fn ExercisePanel(exercise: Exercise) -> impl IntoView {
    if let KindSpec::C(spec) = &exercise.spec {
        let spec = spec.clone();
        return view! { <CExercise exercise=exercise spec=spec /> }.into_any();
    }
    if let Some(files) = exercise.spec.artifact() {
        let files = files.clone();
        return view! { <ArtifactExercise exercise=exercise files=files /> }.into_any();
    }
    let state = use_app();
    let id = exercise.id.clone();
    let last = state
        .progress
        .with_untracked(|p| p.get(&id).and_then(|e| e.last.clone()));
    let answer = RwSignal::new(Answer::for_exercise(&exercise, last.as_ref()));
    // Returning learners see the verdict of their last check again; grading is
    // deterministic and instant for these kinds.
    let verdict: RwSignal<Option<Verdict>> =
        RwSignal::new(last.as_ref().and_then(|s| grade_on_page(&exercise, s)));
    let exercise = StoredValue::new(exercise);

    let check = move |_| {
        let submission = answer.with_untracked(Answer::submission);
        // Quiz and spot only reach this panel; anything else has its own.
        let Some(v) = exercise.with_value(|ex| grade_on_page(ex, &submission)) else {
            return;
        };
        let version = state.course_version();
        let ex_id = exercise.with_value(|ex| ex.id.clone());
        state
            .progress
            .update(|p| p.record(&ex_id, &submission, &v, &version));
        verdict.set(Some(v));
    };

    let title_id = format!("exercise-{}", exercise.with_value(|e| e.id.clone()));
    let (title, prompt, points, kind) =
        exercise.with_value(|e| (e.title.clone(), e.prompt_html.clone(), e.points, e.kind()));
    let controls = match exercise.with_value(|e| e.spec.clone()) {
        KindSpec::Quiz(q) => {
            view! { <QuizControls spec=q seed=exercise.with_value(|e| e.seed) name=title_id.clone() answer=answer /> }.into_any()
        }
        KindSpec::Spot(s) => view! { <SpotControls spec=s answer=answer verdict=verdict /> }.into_any(),
        _ => ().into_any(),
    };
    let labelled_by = title_id.clone();
    view! {
        <section class="exercise" aria-labelledby=labelled_by data-kind=kind.as_str()>
            <ExerciseHeader title_id=title_id title=title kind=kind points=points />
            <div class="prompt" inner_html=prompt></div>
            <form on:submit=move |ev| { ev.prevent_default(); check(()); }>
                {controls}
                <div class="actions">
                    <button type="submit" class="primary">"Check"</button>
                </div>
            </form>
            <VerdictView verdict=verdict />
            <Hints exercise=exercise />
        </section>
    }
    .into_any()
}

#[component]
pub fn ExerciseHeader(
    title_id: String,
    title: String,
    kind: rampart_course::ExerciseKind,
    points: u32,
) -> impl IntoView {
    view! {
        <header>
            <p class="exercise-kind">{format!("Exercise · {} · {points} points", kind_label(kind))}</p>
            <h3 id=title_id>{title}</h3>
        </header>
    }
}

fn kind_label(kind: rampart_course::ExerciseKind) -> &'static str {
    match kind {
        rampart_course::ExerciseKind::Quiz => "Quiz",
        rampart_course::ExerciseKind::Spot => "Spot the bug",
        rampart_course::ExerciseKind::C => "Fix the C program",
        rampart_course::ExerciseKind::Workflow => "Harden the workflow",
        rampart_course::ExerciseKind::Advisories => "Triage the advisories",
        rampart_course::ExerciseKind::Typosquat => "Catch the typosquats",
        rampart_course::ExerciseKind::Registry => "Fix the registry configuration",
        rampart_course::ExerciseKind::Sbom => "Write the SBOM",
        rampart_course::ExerciseKind::Integrity => "Verify the downloads",
        rampart_course::ExerciseKind::Provenance => "Write the provenance policy",
    }
}
