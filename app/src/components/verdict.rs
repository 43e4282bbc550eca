//! A verdict: passed or not, the score, and every finding with its line and
//! the lesson section that explains it.

use leptos::prelude::*;
use leptos_router::components::A;
use rampart_grade::{Severity, Verdict};

#[component]
pub fn VerdictView(verdict: RwSignal<Option<Verdict>>) -> impl IntoView {
    move || {
        verdict.get().map(|v| {
            let (class, headline) = if v.passed { ("verdict passed", "Passed") } else { ("verdict failed", "Not yet") };
            view! {
                <div class=class>
                    <div role="status">
                        <p class="headline">{headline}</p>
                        <p class="score">{format!("Score: {} of {}", v.score, v.max_score)}</p>
                    </div>
                    {v.hint.clone().map(|h| view! { <p class="next-step">{h}</p> })}
                    <ul class="findings">
                        {v.findings.iter().map(|f| {
                            let (sev_class, sev_label) = match f.severity {
                                Severity::Error => ("finding error", "Problem"),
                                Severity::Warning => ("finding warning", "Warning"),
                                Severity::Info => ("finding info", "Good"),
                            };
                            view! {
                                <li class=sev_class data-rule=f.rule.clone()>
                                    <span class="severity">{sev_label}</span>
                                    {f.location.as_ref().map(|l| view! { <span class="where">{format!("Line {}", l.line)}</span> })}
                                    <span class="message">{f.message.clone()}</span>
                                    {f.explains.as_ref().map(|e| {
                                        let href = match e.split_once('#') {
                                            Some((lesson, anchor)) => crate::browser::route(&format!("/lesson/{lesson}#{anchor}")),
                                            None => crate::browser::route(&format!("/lesson/{e}")),
                                        };
                                        view! { <A href=href attr:class="explains">"Read the section that explains this"</A> }
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
