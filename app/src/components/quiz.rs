//! Answer controls for a quiz: radio buttons or checkboxes, in the order the
//! exercise's seed gives.

use leptos::prelude::*;
use rampart_course::QuizSpec;
use rampart_grade::shuffled_order;

use crate::state::answer::Answer;

#[component]
pub fn QuizControls(
    spec: QuizSpec,
    seed: u64,
    name: String,
    answer: RwSignal<Answer>,
) -> impl IntoView {
    let order = shuffled_order(spec.options.len(), seed);
    let input_type = if spec.multiple { "checkbox" } else { "radio" };
    let legend = if spec.multiple {
        "Choose every answer that applies"
    } else {
        "Choose one answer"
    };
    view! {
        <fieldset class="quiz-options">
            <legend>{legend}</legend>
            {order
                .into_iter()
                .filter_map(|i| spec.options.get(i).cloned())
                .map(|o| {
                    let id = o.id.clone();
                    let id2 = o.id.clone();
                    view! {
                        <label class="option">
                            <input
                                type=input_type
                                name=name.clone()
                                value=o.id.clone()
                                prop:checked=move || answer.with(|a| a.has_option(&id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    answer.update(|a| a.set_option(&id2, on));
                                }
                            />
                            <span inner_html=o.text_html.clone()></span>
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
