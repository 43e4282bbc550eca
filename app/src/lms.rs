//! Talking to an LMS when the site is a SCORM package (`rampart export
//! scorm` sets `lms` in the site settings); otherwise nothing happens.
//!
//! 1. Find the LMS's API object the way ADL's discovery algorithm does:
//!    this window, then up its parents (at most [`MAX_PARENTS`]), then the
//!    opener's chain, looking for `API` (SCORM 1.2) or `API_1484_11` (2004).
//!    A cross-origin frame throws on access; that level is skipped.
//! 2. `LMSInitialize("")` / `Initialize("")`, then report the learner's
//!    standing ([`crate::state::lms::Report`]) and commit, again whenever it
//!    changes.
//! 3. On `pagehide`: exit mode, session time, commit, `LMSFinish` /
//!    `Terminate`.
//!
//! Progress stays in localStorage either way: an LMS that is missing or
//! says "false" costs a console warning and, once, a short notice.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Function, Object, Reflect};
use leptos::prelude::*;
use rampart_course::site::Lms;
use wasm_bindgen::prelude::*;

use crate::app::AppState;
use crate::site::site;
use crate::state::lms::{Report, exit_value, session_time, succeeded};

/// How far up the frame chain to look (ADL's sample code uses 500).
const MAX_PARENTS: usize = 500;

/// Shown when the package runs but no LMS answers.
const NO_LMS: &str = "Your LMS did not respond; your progress is saved in this browser.";

/// Connects to the LMS if the site is an LMS package. Call once, after the
/// app state is in context.
pub fn connect(state: AppState) {
    let Some(lms) = site().lms else {
        return;
    };
    let Some(api) = Api::find(lms) else {
        leptos::logging::warn!(
            "this is an LMS package, but no {} API was found in the parent windows",
            api_name(lms)
        );
        tell(state, NO_LMS);
        return;
    };
    if !api.call(api.names.initialize, &[""]) {
        tell(state, NO_LMS);
        return;
    }
    let started = js_sys::Date::now();
    let last: Rc<RefCell<Option<Report>>> = Rc::new(RefCell::new(None));
    let finished = Rc::new(Cell::new(false));

    {
        let (api, last, finished) = (api.clone(), Rc::clone(&last), Rc::clone(&finished));
        Effect::new(move |_| {
            let Some(report) = state.manifest.with(|m| match m {
                Some(Ok(manifest)) => Some(
                    state
                        .progress
                        .with(|p| Report::compute(manifest, p, site())),
                ),
                _ => None,
            }) else {
                return;
            };
            if finished.get() || *last.borrow() == Some(report) {
                return;
            }
            *last.borrow_mut() = Some(report);
            for (element, value) in report.values(lms) {
                api.set(element, &value);
            }
            api.call(api.names.commit, &[""]);
        });
    }

    let on_pagehide = Closure::<dyn FnMut()>::new(move || {
        if finished.replace(true) {
            return;
        }
        if let Some(report) = *last.borrow() {
            let (element, value) = exit_value(lms, &report);
            api.set(element, value);
        }
        let (element, value) = session_time(lms, js_sys::Date::now() - started);
        api.set(element, &value);
        api.call(api.names.commit, &[""]);
        api.call(api.names.finish, &[""]);
    });
    if let Some(window) = web_sys::window()
        && let Err(e) = window
            .add_event_listener_with_callback("pagehide", on_pagehide.as_ref().unchecked_ref())
    {
        leptos::logging::warn!("could not watch for leaving the page: {e:?}");
    }
    // The listener lives as long as the page.
    on_pagehide.forget();
}

fn api_name(lms: Lms) -> &'static str {
    match lms {
        Lms::Scorm12 => "API",
        Lms::Scorm2004 => "API_1484_11",
    }
}

/// Puts the notice up unless a more important one (about stored progress) is showing.
fn tell(state: AppState, message: &str) {
    if state.notice.get_untracked().is_none() {
        state.notice.set(Some(message.to_string()));
    }
}

/// The method names of one SCORM version.
#[derive(Clone, Copy)]
struct Names {
    initialize: &'static str,
    set_value: &'static str,
    commit: &'static str,
    finish: &'static str,
    last_error: &'static str,
    error_string: &'static str,
}

const SCORM12: Names = Names {
    initialize: "LMSInitialize",
    set_value: "LMSSetValue",
    commit: "LMSCommit",
    finish: "LMSFinish",
    last_error: "LMSGetLastError",
    error_string: "LMSGetErrorString",
};

const SCORM2004: Names = Names {
    initialize: "Initialize",
    set_value: "SetValue",
    commit: "Commit",
    finish: "Terminate",
    last_error: "GetLastError",
    error_string: "GetErrorString",
};

#[derive(Clone)]
struct Api {
    object: JsValue,
    names: Names,
}

/// `target[key]`, or nothing when the property is missing, null, or access
/// throws (a cross-origin window).
fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

impl Api {
    fn find(lms: Lms) -> Option<Api> {
        let window: JsValue = web_sys::window()?.into();
        let object = search(&window, api_name(lms)).or_else(|| {
            let opener = get(&window, "opener")?;
            search(&opener, api_name(lms))
        })?;
        let names = match lms {
            Lms::Scorm12 => SCORM12,
            Lms::Scorm2004 => SCORM2004,
        };
        Some(Api { object, names })
    }

    /// Calls `method(args…)`; on failure logs the LMS's error and returns false.
    fn call(&self, method: &str, args: &[&str]) -> bool {
        let result = self.invoke(method, args);
        let ok = match &result {
            Ok(v) => succeeded(v.as_string().as_deref(), v.as_bool()),
            Err(_) => false,
        };
        if !ok {
            let code = self
                .invoke(self.names.last_error, &[])
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            let text = self
                .invoke(self.names.error_string, &[&code])
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            let thrown = result
                .err()
                .map(|e| format!(" (threw {e:?})"))
                .unwrap_or_default();
            leptos::logging::warn!(
                "the LMS refused {method}({}): error {code} {text}{thrown}",
                args.join(", ")
            );
        }
        ok
    }

    fn set(&self, element: &str, value: &str) -> bool {
        self.call(self.names.set_value, &[element, value])
    }

    fn invoke(&self, method: &str, args: &[&str]) -> Result<JsValue, JsValue> {
        let function: Function = get(&self.object, method)
            .ok_or_else(|| JsValue::from_str("no such method"))?
            .dyn_into()?;
        let args: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
        function.apply(&self.object, &args)
    }
}

/// Looks for `name` on `window` and up its parents.
fn search(window: &JsValue, name: &str) -> Option<JsValue> {
    let mut current = window.clone();
    for _ in 0..=MAX_PARENTS {
        if let Some(api) = get(&current, name) {
            return Some(api);
        }
        let parent = get(&current, "parent")?;
        // The top window is its own parent.
        if Object::is(&parent, &current) {
            return None;
        }
        current = parent;
    }
    None
}
