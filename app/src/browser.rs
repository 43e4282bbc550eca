//! The few browser APIs the app uses, behind plain functions that return
//! `Result<_, String>` so components never touch `JsValue` errors.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn js_err(e: JsValue) -> String {
    e.as_string()
        .or_else(|| js_sys::JSON::stringify(&e).ok().and_then(|s| s.as_string()))
        .unwrap_or_else(|| "unknown browser error".to_string())
}

fn window() -> Result<web_sys::Window, String> {
    web_sys::window().ok_or_else(|| "no browser window".to_string())
}

/// Resolves a bundle path against the document's base URL, so the app works
/// under a sub-path and from any route.
pub fn asset_url(path: &str) -> String {
    let base = window()
        .ok()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_else(|| "/".to_string());
    match web_sys::Url::new_with_base(path, &base) {
        Ok(u) => u.href(),
        Err(_) => format!("/{path}"),
    }
}

/// The router's base: the path of the document's base URL without its
/// trailing slash (`""` at a domain's root, `/secure` under `/secure/`), so
/// routes and links work when the site is deployed under a sub-path.
pub fn router_base() -> String {
    static BASE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BASE.get_or_init(read_router_base).clone()
}

/// An app route as a link target: `path` (`/lesson/x`) under the router's
/// base. Leptos' `<A>` leaves absolute paths as they are, so every internal
/// link goes through this.
pub fn route(path: &str) -> String {
    format!("{}{path}", router_base())
}

fn read_router_base() -> String {
    let base = window()
        .ok()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|b| web_sys::Url::new(&b).ok())
        .map(|u| u.pathname())
        .unwrap_or_default();
    base_path(&base)
}

/// The directory part of a base URL's path, without the trailing slash.
pub fn base_path(pathname: &str) -> String {
    let dir = match pathname.rfind('/') {
        Some(i) => &pathname[..i],
        None => "",
    };
    dir.to_string()
}

pub async fn fetch_text(url: &str) -> Result<String, String> {
    let resp = JsFuture::from(window()?.fetch_with_str(url))
        .await
        .map_err(js_err)?;
    let resp: web_sys::Response = resp.dyn_into().map_err(js_err)?;
    if !resp.ok() {
        return Err(format!("{url} answered HTTP {}", resp.status()));
    }
    let text = JsFuture::from(resp.text().map_err(js_err)?)
        .await
        .map_err(js_err)?;
    text.as_string()
        .ok_or_else(|| format!("{url} did not return text"))
}

pub async fn fetch_json<T: serde::de::DeserializeOwned>(url: &str) -> Result<T, String> {
    let text = fetch_text(url).await?;
    serde_json::from_str(&text)
        .map_err(|e| format!("{url} is not what this version of Rampart expects: {e}"))
}

fn storage() -> Result<web_sys::Storage, String> {
    window()?
        .local_storage()
        .map_err(js_err)?
        .ok_or_else(|| "this browser has no local storage".to_string())
}

pub fn storage_get(key: &str) -> Option<String> {
    storage().ok()?.get_item(key).ok().flatten()
}

pub fn storage_set(key: &str, value: &str) -> Result<(), String> {
    storage()?.set_item(key, value).map_err(js_err)
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(js_err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_err)?;
    let document = window()?.document().ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(js_err)?
        .dyn_into()
        .map_err(|e: web_sys::Element| js_err(e.into()))?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    web_sys::Url::revoke_object_url(&url).map_err(js_err)?;
    Ok(())
}

/// Reads the first file chosen in a file input as text.
pub async fn read_file(file: web_sys::File) -> Result<String, String> {
    let text = JsFuture::from(file.text()).await.map_err(js_err)?;
    text.as_string()
        .ok_or_else(|| "the file could not be read as text".to_string())
}

/// Sets the document title to `page · site name` (just the site name for an
/// empty `page`).
pub fn set_title(page: &str) {
    let site = &crate::site::site().name;
    let title = if page.is_empty() {
        site.clone()
    } else {
        format!("{page} · {site}")
    };
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        d.set_title(&title);
    }
}

/// Scrolls to the element with `id`, if there is one.
pub fn scroll_to(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        el.scroll_into_view();
    }
}

pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Writes `text` to the clipboard (the async Clipboard API).
pub async fn copy_text(text: &str) -> Result<(), String> {
    let clipboard = window()?.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|e| {
            // A DOMException stringifies to "{}": read its message instead.
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| js_err(e))
        })
}

/// Opens the browser's print dialog.
pub fn print() -> Result<(), String> {
    window()?.print().map_err(js_err)
}

/// Seconds since 1970, from the browser's clock (`Date.now()`).
pub fn now_seconds() -> i64 {
    // Whole seconds fit in an i64 for any date a browser reports.
    #[allow(clippy::cast_possible_truncation)]
    let seconds = (js_sys::Date::now() / 1000.0).floor() as i64;
    seconds
}

pub fn storage_remove(key: &str) -> Result<(), String> {
    storage()?.remove_item(key).map_err(js_err)
}

#[cfg(test)]
mod tests {
    use super::base_path;

    #[test]
    fn the_router_base_is_the_base_urls_folder() {
        assert_eq!(base_path("/"), "");
        assert_eq!(base_path("/secure-coding/"), "/secure-coding");
        // An LMS package has `<base href="./">` and is launched at index.html.
        assert_eq!(
            base_path("/pluginfile.php/42/mod_scorm/content/1/index.html"),
            "/pluginfile.php/42/mod_scorm/content/1"
        );
    }
}
