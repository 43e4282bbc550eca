//! A QR code drawn as inline SVG: dark modules on a white square, whatever
//! the colour scheme, so it scans on screen and on paper.

use leptos::prelude::*;

use crate::state::qr;

/// The QR code for `data`, named `label` for assistive technology.
#[component]
pub fn QrCode(data: String, label: String) -> impl IntoView {
    match qr::encode(&data) {
        Ok(code) => {
            let size = code.size.to_string();
            let view_box = format!("0 0 {size} {size}");
            view! {
                <svg
                    class="qr"
                    role="img"
                    aria-label=label
                    viewBox=view_box
                    xmlns="http://www.w3.org/2000/svg"
                    shape-rendering="crispEdges"
                >
                    <rect width=size.clone() height=size fill="#ffffff"></rect>
                    <path d=code.path fill="#000000"></path>
                </svg>
            }
            .into_any()
        }
        Err(e) => view! { <p role="alert">{format!("No QR code: {e}.")}</p> }.into_any(),
    }
}
