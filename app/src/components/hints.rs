//! Hints, revealed one at a time; how many were seen is kept with progress.

use leptos::prelude::*;
use rampart_course::Exercise;

use crate::app::use_app;

#[component]
pub fn Hints(exercise: StoredValue<Exercise>) -> impl IntoView {
    let state = use_app();
    let (id, hints) = exercise.with_value(|e| (e.id.clone(), e.hints.clone()));
    let total = hints.len();
    let id2 = StoredValue::new(id.clone());
    let shown = move || {
        state
            .progress
            .with(|p| id2.with_value(|id| p.get(id).map_or(0, |e| e.hints_used as usize)))
            .min(total)
    };
    let id = StoredValue::new(id);
    let reveal = move |_| {
        let next = u32::try_from(shown() + 1).unwrap_or(u32::MAX);
        id.with_value(|id| state.progress.update(|p| p.hints_seen(id, next)));
    };
    let hints = StoredValue::new(hints);
    view! {
        <div class="hints">
            <ol>
                {move || {
                    let n = shown();
                    hints.with_value(|h| {
                        h.iter()
                            .take(n)
                            .enumerate()
                            .map(|(i, text)| view! {
                                <li>
                                    <p class="hint-label">{format!("Hint {} of {total}", i + 1)}</p>
                                    <p inner_html=text.clone()></p>
                                </li>
                            })
                            .collect_view()
                    })
                }}
            </ol>
            {move || (shown() < total).then(|| view! {
                <button type="button" on:click=reveal>"Show a hint"</button>
            })}
        </div>
    }
}
