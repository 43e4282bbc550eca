//! Answer controls for "spot the bug": one checkbox per line of the listing.

use leptos::prelude::*;
use rampart_course::SpotSpec;
use rampart_grade::Verdict;

use crate::state::answer::Answer;

#[component]
pub fn SpotControls(
    spec: SpotSpec,
    answer: RwSignal<Answer>,
    verdict: RwSignal<Option<Verdict>>,
) -> impl IntoView {
    let flagged = move |line: u32| {
        verdict.with(|v| {
            v.as_ref().and_then(|v| {
                v.findings
                    .iter()
                    .find(|f| f.location.as_ref().is_some_and(|l| l.line == line))
                    .map(|f| f.rule.clone())
            })
        })
    };
    view! {
        <fieldset class="spot-listing">
            <legend>{format!("Mark the vulnerable lines ({} code)", spec.language)}</legend>
            <div class="listing">
                {spec
                    .lines_html
                    .iter()
                    .enumerate()
                    .map(|(i, html)| {
                        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
                        let class = move || match flagged(n).as_deref() {
                            Some("spot.found") => "line found",
                            Some("spot.false-positive") => "line wrong",
                            _ => "line",
                        };
                        view! {
                            <label class=class>
                                <input
                                    type="checkbox"
                                    aria-label=format!("Line {n}")
                                    prop:checked=move || answer.with(|a| a.has_line(n))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        answer.update(|a| a.set_line(n, on));
                                    }
                                />
                                <span class="ln" aria-hidden="true">{n}</span>
                                <code inner_html=html.clone()></code>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}
