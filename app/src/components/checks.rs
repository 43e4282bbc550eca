//! A verification report: a summary line, then one row per check with its
//! name, its result in words (and a symbol, never colour alone) and why.

use leptos::prelude::*;
use rampart_cert::{CheckStatus, Report};

use crate::state::verify::{status_label, summary};

#[component]
pub fn CheckList(report: Report, #[prop(into)] heading: String) -> impl IntoView {
    let ok = report.no_failures();
    let line = summary(&report);
    let rows = report
        .checks
        .into_iter()
        .map(|c| {
            let (class, symbol) = match c.status {
                CheckStatus::Pass => ("check-status pass", "\u{2713}"),
                CheckStatus::Fail => ("check-status fail", "\u{2717}"),
                CheckStatus::NotChecked => ("check-status not-checked", "\u{2013}"),
            };
            view! {
                <tr data-check=c.name.id()>
                    <th scope="row">{c.name.title()}</th>
                    <td class=class>
                        <span aria-hidden="true">{symbol}" "</span>
                        {status_label(c.status)}
                    </td>
                    <td class="check-message">{c.message}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="report" aria-labelledby="report-heading">
            <h2 id="report-heading">{heading}</h2>
            <p class=if ok { "report-summary ok" } else { "report-summary bad" }>{line}</p>
            <table class="checks">
                <caption class="visually-hidden">"Each check, its result and why"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Check"</th>
                        <th scope="col">"Result"</th>
                        <th scope="col">"Details"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
