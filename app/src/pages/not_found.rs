use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    crate::browser::set_title("Page not found");
    view! {
        <h1>"Page not found"</h1>
        <p>"There is no page at this address. It may have moved when the course was updated."</p>
        <p><A href=crate::browser::route("/")>"Go to the start"</A></p>
    }
}
