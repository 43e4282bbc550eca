//! One lesson: fetched from the bundle on demand, rendered HTML with the
//! exercises placed where the author embedded them.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use rampart_course::{Block, BundleManifest, LessonDoc};

use crate::app::use_app;
use crate::browser;
use crate::components::exercise::ExercisePanel;
use crate::pages::home::CourseError;
use crate::pages::not_found::NotFound;

#[component]
pub fn LessonPage() -> impl IntoView {
    let state = use_app();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    move || match state.manifest.get() {
        None => view! { <p class="loading" role="status">"Loading the course…"</p> }.into_any(),
        Some(Err(e)) => view! { <CourseError error=e /> }.into_any(),
        Some(Ok(m)) => {
            let id = id();
            if m.lesson(&id).is_none() {
                return view! { <NotFound /> }.into_any();
            }
            view! { <LessonLoader manifest=m id=id /> }.into_any()
        }
    }
}

#[component]
fn LessonLoader(manifest: BundleManifest, id: String) -> impl IntoView {
    let path = manifest
        .lesson(&id)
        .map(|(_, l)| l.path.clone())
        .unwrap_or_default();
    let doc = LocalResource::new(move || {
        let url = browser::asset_url(&format!("course/{path}"));
        async move { browser::fetch_json::<LessonDoc>(&url).await }
    });
    let manifest = StoredValue::new(manifest);
    move || match doc.get() {
        None => view! { <p class="loading" role="status">"Loading the lesson…"</p> }.into_any(),
        Some(Err(e)) => view! {
            <h1>"This lesson could not be loaded"</h1>
            <p role="alert">{e}</p>
            <p>"Check your connection and reload. Your progress is not affected."</p>
        }
        .into_any(),
        Some(Ok(doc)) => view! { <Lesson doc=doc manifest=manifest.get_value() /> }.into_any(),
    }
}

#[component]
fn Lesson(doc: LessonDoc, manifest: BundleManifest) -> impl IntoView {
    browser::set_title(&doc.title);
    let (prev, next) = manifest.neighbours(&doc.id);
    let prev = prev.cloned();
    let next = next.cloned();
    let track_entry = manifest.lesson(&doc.id).map(|(t, _)| t.clone());
    let track = track_entry
        .as_ref()
        .map(|t| t.title.clone())
        .unwrap_or_default();
    // At the end of a track, once every exercise of it is passed, offer the certificate.
    let certificate = track_entry.filter(|t| t.lessons.last().is_some_and(|l| l.id == doc.id));
    let state = crate::app::use_app();
    let certificate_offer = move || {
        let t = certificate.as_ref()?;
        let ids: Vec<&str> = t.exercise_ids().collect();
        let all = state.progress.with(|p| p.count_passed(ids.iter().copied())) == ids.len();
        all.then(|| {
            view! {
                <div class="track-done">
                    <p>{format!("You have passed every exercise of {}.", t.title)}</p>
                    <p><A href=crate::browser::route(&format!("/certificate/{}", t.id))>{format!("Get your certificate for {}", t.title)}</A></p>
                </div>
            }
        })
    };
    // A deep link to a section scrolls there once the lesson is in the page.
    request_animation_frame(|| {
        let hash = browser::location_hash();
        if !hash.is_empty() {
            browser::scroll_to(&hash);
        }
    });
    let exercises = StoredValue::new(doc.exercises.clone());
    view! {
        <article class="lesson">
            <p class="track-name">{track}</p>
            <h1>{doc.title.clone()}</h1>
            <p class="lede">{doc.summary.clone()}</p>
            <details class="objectives" open>
                <summary>{format!("What you will be able to do · about {} minutes", doc.minutes)}</summary>
                <ul>{doc.objectives.iter().map(|o| view! { <li>{o.clone()}</li> }).collect_view()}</ul>
            </details>
            {doc
                .blocks
                .iter()
                .map(|b| match b {
                    Block::Html { html } => view! { <div class="prose" inner_html=html.clone()></div> }.into_any(),
                    Block::Exercise { id } => {
                        let ex = exercises.with_value(|all| all.iter().find(|e| &e.id == id).cloned());
                        match ex {
                            Some(ex) => view! { <ExercisePanel exercise=ex /> }.into_any(),
                            None => view! { <p role="alert">{format!("Exercise {id} is missing from this lesson.")}</p> }.into_any(),
                        }
                    }
                })
                .collect_view()}
            <section class="sources" aria-labelledby="sources">
                <h2 id="sources">"Sources"</h2>
                <ol>
                    {doc
                        .sources
                        .iter()
                        .map(|s| {
                            let meta = [s.publisher.as_str(), s.date.as_str()]
                                .iter()
                                .filter(|x| !x.is_empty())
                                .copied()
                                .collect::<Vec<_>>()
                                .join(", ");
                            view! {
                                <li id=format!("source-{}", s.id)>
                                    <a href=s.url.clone() rel="noopener noreferrer">{s.title.clone()}</a>
                                    {(!meta.is_empty()).then(|| format!(" — {meta}"))}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </section>
            {certificate_offer}
            <nav class="pager" aria-label="Lessons">
                {prev.map(|p| view! { <A href=crate::browser::route(&format!("/lesson/{}", p.id)) attr:class="prev">{format!("Previous: {}", p.title)}</A> })}
                {next.map(|n| view! { <A href=crate::browser::route(&format!("/lesson/{}", n.id)) attr:class="next">{format!("Next: {}", n.title)}</A> })}
            </nav>
        </article>
    }
}
