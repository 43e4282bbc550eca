//! The code editor for `c` exercises: a real, labelled `<textarea>` on top
//! of a highlighted `<pre>` copy of its text, with line numbers and markers.
//!
//! The textarea keeps everything a screen reader and the keyboard need (the
//! text, the caret, selection, undo); its own text is transparent so the
//! highlighted copy underneath shows through. The editing rules live in
//! [`crate::state::editor`]; this component only reads and writes the DOM.

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::state::editor::{
    self, EditResult, byte_to_utf16, gutter, line_count, marker_texts, overlay_html, splice,
    utf16_to_byte,
};
use crate::state::syntax::highlight_as;

/// The textarea grows with the program between these many rows, then scrolls.
const MIN_ROWS: usize = 8;
const MAX_ROWS: usize = 30;

/// Gives each editor on a page its own element ids.
static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// `markers` are (line, message) pairs from diagnostics or a report;
/// `highlighted_line` is the line to draw attention to (say, where a run
/// stopped). `text` is read and written, so the parent can save it with the
/// learner's progress and replace it (`on_reset` usually sets the starter).
#[component]
pub fn CodeEditor(
    label: String,
    text: RwSignal<String>,
    markers: Signal<Vec<(u32, String)>>,
    highlighted_line: Signal<Option<u32>>,
    on_reset: Callback<()>,
    /// `c` (the default), `yaml`, `json`, `toml`, `ini` or `text`.
    #[prop(optional, into)]
    language: Option<String>,
) -> impl IntoView {
    let language = language.unwrap_or_else(|| "c".to_string());
    let help_id = format!("editor-help-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    let area = NodeRef::<html::Textarea>::new();
    let under = NodeRef::<html::Pre>::new();
    let numbers = NodeRef::<html::Div>::new();
    // Set by Escape so the next Tab leaves the editor instead of indenting.
    let escaped = StoredValue::new(false);

    let lines = Memo::new(move |_| text.with(|t| line_count(t)));
    let html = Memo::new(move |_| text.with(|t| overlay_html(&highlight_as(t, &language))));
    let gutter_lines =
        Memo::new(move |_| markers.with(|m| gutter(lines.get(), m, highlighted_line.get())));
    let marker_list = Memo::new(move |_| markers.with(|m| marker_texts(m)));

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.is_composing() {
            return;
        }
        let key = ev.key();
        let edit: fn(&str, usize, usize) -> EditResult = match key.as_str() {
            "Escape" => {
                escaped.set_value(true);
                return;
            }
            // Holding Shift for Shift-Tab must not cancel a pending Escape.
            "Shift" | "Control" | "Alt" | "Meta" => return,
            "Tab" if escaped.get_value() => {
                escaped.set_value(false);
                return;
            }
            "Tab" if ev.ctrl_key() || ev.alt_key() || ev.meta_key() => return,
            "Tab" if ev.shift_key() => editor::outdent,
            "Tab" => editor::indent,
            "Enter" if !(ev.ctrl_key() || ev.alt_key() || ev.meta_key()) => editor::newline,
            _ => {
                escaped.set_value(false);
                return;
            }
        };
        escaped.set_value(false);
        let Some(ta) = area.get() else {
            return;
        };
        ev.prevent_default();
        let old = ta.value();
        let pos = |p: Result<Option<u32>, JsValue>| {
            utf16_to_byte(&old, p.ok().flatten().unwrap_or(0) as usize)
        };
        let result = edit(&old, pos(ta.selection_start()), pos(ta.selection_end()));
        apply(&ta, &old, result, text);
    };

    let on_scroll = move |_| {
        let Some(ta) = area.get() else {
            return;
        };
        let (top, left) = (ta.scroll_top(), ta.scroll_left());
        if let Some(pre) = under.get() {
            pre.set_scroll_top(top);
            pre.set_scroll_left(left);
        }
        if let Some(g) = numbers.get() {
            g.set_scroll_top(top);
        }
    };

    view! {
        <div class="code-editor">
            <p id=help_id.clone() class="visually-hidden">
                "Tab indents, Shift+Tab outdents. Press Escape, then Tab, to leave the editor."
            </p>
            <div class="editor">
                <div class="editor-gutter" node_ref=numbers>
                    <For
                        each=move || gutter_lines.get()
                        key=|g| g.clone()
                        children=|g| {
                            let class = match (g.marked(), g.current) {
                                (true, true) => "editor-ln marker current",
                                (true, false) => "editor-ln marker",
                                (false, true) => "editor-ln current",
                                (false, false) => "editor-ln",
                            };
                            let about = g.marked().then(|| g.describe());
                            let title = about.clone();
                            view! {
                                <div class=class title=title>
                                    <span aria-hidden="true">{g.number}</span>
                                    {about.map(|a| view! { <span class="visually-hidden">{a}</span> })}
                                </div>
                            }
                        }
                    />
                </div>
                <div class="editor-stack">
                    <pre class="editor-layer editor-under" aria-hidden="true" node_ref=under inner_html=move || html.get()></pre>
                    <textarea
                        class="editor-layer editor-input"
                        node_ref=area
                        aria-label=label
                        aria-describedby=help_id
                        spellcheck="false"
                        autocapitalize="off"
                        autocomplete="off"
                        wrap="off"
                        rows=move || lines.get().clamp(MIN_ROWS, MAX_ROWS)
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                        on:keydown=on_keydown
                        on:focus=move |_| escaped.set_value(false)
                        on:scroll=on_scroll
                    ></textarea>
                </div>
            </div>
            <div class="editor-actions">
                <button type="button" on:click=move |_| on_reset.run(())>"Reset to starter"</button>
            </div>
            {move || {
                let items = marker_list.get();
                (!items.is_empty()).then(|| view! {
                    <ul class="editor-markers" aria-label="Marked lines">
                        {items.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                    </ul>
                })
            }}
        </div>
    }
}

/// Puts an edit into the textarea and the signal. The changed part is
/// replaced with `execCommand("insertText")` where the browser has it, so
/// Ctrl+Z undoes a Tab or an Enter like any typing; setting `value` instead
/// would wipe the undo history.
fn apply(ta: &web_sys::HtmlTextAreaElement, old: &str, result: EditResult, text: RwSignal<String>) {
    let to_u32 = |s: &str, p: usize| u32::try_from(byte_to_utf16(s, p)).unwrap_or(u32::MAX);
    let change = splice(old, &result.text);
    if change.start != change.end || !change.insert.is_empty() {
        let _ = ta.set_selection_range(to_u32(old, change.start), to_u32(old, change.end));
        if !(exec_insert(&change.insert) && ta.value() == result.text) {
            ta.set_value(&result.text);
        }
    }
    let _ = ta.set_selection_range(
        to_u32(&result.text, result.sel_start),
        to_u32(&result.text, result.sel_end),
    );
    text.set(result.text);
}

/// Replaces the focused textarea's selection with `insert`, as typing would.
/// False when the browser lacks the (deprecated but universal) command.
fn exec_insert(insert: &str) -> bool {
    let doc = document();
    let Some(exec) = js_sys::Reflect::get(&doc, &JsValue::from_str("execCommand"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return false;
    };
    // An empty insertText is not reliably a deletion; "delete" is (and the
    // selection is never empty here, or there would be nothing to change).
    let (command, value) = if insert.is_empty() {
        ("delete", "")
    } else {
        ("insertText", insert)
    };
    exec.call3(
        &doc,
        &JsValue::from_str(command),
        &JsValue::FALSE,
        &JsValue::from_str(value),
    )
    .ok()
    .and_then(|v| v.as_bool())
    .unwrap_or(false)
}
