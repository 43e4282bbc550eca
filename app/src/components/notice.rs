//! The banner that tells a learner what happened to their stored progress.

use leptos::prelude::*;

use crate::app::use_app;

#[component]
pub fn StorageNotice() -> impl IntoView {
    let state = use_app();
    move || {
        state.notice.get().map(|message| {
            view! {
                <div class="notice" role="alert">
                    <p>{message}</p>
                    <button type="button" on:click=move |_| state.notice.set(None)>"Dismiss"</button>
                </div>
            }
        })
    }
}
