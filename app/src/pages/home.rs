//! The start page: every track, its lessons, and how far the learner is.

use leptos::prelude::*;
use leptos_router::components::A;
use rampart_course::{BundleManifest, TrackEntry};

use crate::app::use_app;

#[component]
pub fn Home() -> impl IntoView {
    let state = use_app();
    move || match state.manifest.get() {
        None => view! { <p class="loading" role="status">"Loading the course…"</p> }.into_any(),
        Some(Err(e)) => view! { <CourseError error=e /> }.into_any(),
        Some(Ok(m)) => {
            crate::browser::set_title("");
            view! { <CourseOverview manifest=m /> }.into_any()
        }
    }
}

#[component]
pub fn CourseError(error: String) -> impl IntoView {
    view! {
        <h1>"The course could not be loaded"</h1>
        <p role="alert">{error}</p>
        <p>"Reload the page to try again. Your progress is stored in this browser and is not affected."</p>
    }
}

#[component]
fn CourseOverview(manifest: BundleManifest) -> impl IntoView {
    let site = crate::site::site();
    let tracks: Vec<TrackEntry> = manifest
        .tracks
        .iter()
        .filter(|t| site.shows_track(&t.id))
        .cloned()
        .collect();
    view! {
        <h1>{manifest.title.clone()}</h1>
        <p class="lede">{manifest.description.clone()}</p>
        <div class="tracks">
            {tracks.into_iter().map(|t| view! { <TrackCard track=t /> }).collect_view()}
        </div>
        <p class="course-version">"Course version " <code>{manifest.short_version().to_string()}</code></p>
    }
}

#[component]
fn TrackCard(track: TrackEntry) -> impl IntoView {
    let state = use_app();
    let ids: Vec<String> = track.exercise_ids().map(str::to_string).collect();
    let total = ids.len();
    let passed = move || -> usize {
        state
            .progress
            .with(|p| p.count_passed(ids.iter().map(String::as_str)))
    };
    let heading_id = format!("track-{}", track.id);
    let labelled_by = heading_id.clone();
    let passed2 = passed.clone();
    let passed3 = passed.clone();
    let certificate_href = crate::browser::route(&format!("/certificate/{}", track.id));
    let certificate_title = track.title.clone();
    let lessons = track.lessons.clone();
    view! {
        <section class="track" aria-labelledby=labelled_by>
            <h2 id=heading_id>{track.title.clone()}</h2>
            <p>{track.summary.clone()}</p>
            <p class="track-progress">
                <progress max=total value=passed aria-hidden="true"></progress>
                {move || format!("{} of {total} exercises passed", passed2())}
            </p>
            <p class="track-certificate">
                {move || {
                    let done = passed3() == total && total > 0;
                    let text = if done {
                        format!("Get your certificate for {certificate_title}")
                    } else {
                        format!("Certificate for {certificate_title}: what remains")
                    };
                    view! { <A href=certificate_href.clone() attr:class=if done { "certificate-link ready" } else { "certificate-link" }>{text}</A> }
                }}
            </p>
            <ol class="lesson-list">
                {lessons
                    .into_iter()
                    .map(|l| {
                        let href = crate::browser::route(&format!("/lesson/{}", l.id));
                        view! {
                            <li>
                                <A href=href>{l.title.clone()}</A>
                                <span class="meta">{format!(" · {} min · {} exercises", l.minutes, l.exercises.len())}</span>
                                <p class="summary">{l.summary.clone()}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}
