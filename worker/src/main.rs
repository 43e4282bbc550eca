//! The worker's entry point: wires [`rampart_worker::handle`] to the
//! worker's `message` event and posts each reply back as a JSON string.
//! Trunk builds it (`data-type="worker"` in `index.html`); the app starts it
//! from `rampart-worker_loader.js`.

#[cfg(target_arch = "wasm32")]
fn main() {
    web::start();
}

/// The native build exists so `cargo test --workspace` and clippy cover the
/// crate; the worker itself only runs in a browser.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "rampart-worker is the app's grading Web Worker and runs only in a browser: \
         build the site with `cargo xtask dist`, or grade from a terminal with `rampart`."
    );
    std::process::exit(2);
}

#[cfg(target_arch = "wasm32")]
mod web {
    use std::cell::Cell;

    use rampart_worker::{Reply, handle, peek_id};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::{Closure, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    thread_local! {
        /// The request being graded, so a crash can still be reported against it.
        static CURRENT: Cell<Option<u64>> = const { Cell::new(None) };
    }

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    fn post(reply: &Reply) {
        // If even posting fails, the page's `error` handler is all that is left.
        let _ = scope().post_message(&JsValue::from_str(&reply.to_json()));
    }

    pub fn start() {
        // A panic is a grader bug. Say so to the page before the wasm traps
        // (panic = "abort"), so the learner reads more than "unreachable".
        std::panic::set_hook(Box::new(|info| {
            console_error_panic_hook::hook(info);
            post(&Reply::Failed {
                id: CURRENT.get(),
                message: format!(
                    "The grader crashed: {info}. This is a bug in Rampart, not in your answer; \
                     please report it with the answer you checked."
                ),
            });
        }));

        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
            let Some(text) = event.data().as_string() else {
                post(&Reply::Failed {
                    id: None,
                    message: "The grading worker takes requests as JSON strings.".into(),
                });
                return;
            };
            CURRENT.set(peek_id(&text));
            handle(&text, |reply| post(&reply));
            CURRENT.set(None);
        });
        scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the worker does.
        on_message.forget();

        post(&Reply::Ready);
    }
}
