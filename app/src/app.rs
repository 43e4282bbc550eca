//! The shell: shared state in context, navigation, routes.

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;
use rampart_course::BundleManifest;

use crate::browser;
use crate::pages::{
    audit::AuditPage,
    certificate::{CertificatePage, CertificatePrintPage},
    home::Home,
    lesson::LessonPage,
    not_found::NotFound,
    progress::ProgressPage,
    verify::VerifyPage,
};
use crate::state::progress::{BACKUP_KEY, Progress, STORAGE_KEY};

/// State every page needs. Cheap to copy: signals and a resource handle.
#[derive(Clone, Copy)]
pub struct AppState {
    pub manifest: LocalResource<Result<BundleManifest, String>>,
    pub progress: RwSignal<Progress>,
    /// A message about stored progress (recovery, migration, import).
    pub notice: RwSignal<Option<String>>,
}

impl AppState {
    /// The course version id, once the manifest has loaded.
    pub fn course_version(&self) -> String {
        self.manifest
            .get()
            .and_then(Result::ok)
            .map(|m| m.version)
            .unwrap_or_default()
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

#[component]
pub fn App() -> impl IntoView {
    let (loaded, notice) = Progress::load(browser::storage_get(STORAGE_KEY).as_deref());
    // Keep the unreadable original before anything can overwrite it.
    let mut notice_text = None;
    if let Some(n) = notice {
        if let Some(backup) = &n.backup
            && let Err(e) = browser::storage_set(BACKUP_KEY, backup)
        {
            leptos::logging::warn!("could not keep a backup of stored progress: {e}");
        }
        notice_text = Some(n.message);
    }
    let progress = RwSignal::new(loaded);
    let state = AppState {
        manifest: LocalResource::new(|| async {
            browser::fetch_json::<BundleManifest>(&browser::asset_url("course/manifest.json")).await
        }),
        progress,
        notice: RwSignal::new(notice_text),
    };
    provide_context(state);
    crate::lms::connect(state);

    // Save on every change. The first run writes what was just loaded, which
    // is safe because any unreadable original was backed up above.
    Effect::new(move |_| {
        let json = progress.with(Progress::to_json);
        if let Err(e) = browser::storage_set(STORAGE_KEY, &json) {
            state.notice.set(Some(format!("Your progress could not be saved in this browser: {e}. Export it from the Progress page to keep it.")));
        }
    });

    let site = crate::site::site();
    let logo = site.logo.as_ref().map(|logo| {
        // Decorative: the site's name follows it in the same link.
        view! { <img class="brand-logo" src=browser::asset_url(logo) alt="" /> }
    });
    view! {
        <Router base=browser::router_base()>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="site-header">
                <nav aria-label="Main">
                    <A href=browser::route("/") attr:class="brand">{logo}{site.name.clone()}</A>
                    <ul>
                        <li><A href=browser::route("/")>"Home"</A></li>
                        <li><A href=browser::route("/progress")>"Progress"</A></li>
                        <li><A href=browser::route("/audit")>"Audit your files"</A></li>
                        <li><A href=browser::route("/verify")>"Verify a certificate"</A></li>
                    </ul>
                </nav>
            </header>
            <crate::components::notice::StorageNotice />
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=Home />
                    // An LMS launches a package at its index.html.
                    <Route path=path!("/index.html") view=Home />
                    <Route path=path!("/lesson/:id") view=LessonPage />
                    <Route path=path!("/progress") view=ProgressPage />
                    <Route path=path!("/audit") view=AuditPage />
                    <Route path=path!("/certificate/:track") view=CertificatePage />
                    <Route path=path!("/certificate/:track/print") view=CertificatePrintPage />
                    <Route path=path!("/verify") view=VerifyPage />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>"Rampart grades your work in this browser; nothing you do leaves it unless you export it."</p>
                <SiteContact />
            </footer>
        </Router>
    }
}

/// Who runs this site, from rampart.toml; nothing when the host gave no contact.
#[component]
fn SiteContact() -> impl IntoView {
    let contact = crate::site::site().contact.clone()?;
    let name = contact.name.clone();
    let email = contact.email.map(|email| {
        let href = format!("mailto:{email}");
        view! { <a href=href>{email}</a> }
    });
    let url = contact
        .url
        .map(|url| view! { <a href=url.clone() rel="noopener">{url.clone()}</a> });
    Some(view! {
        <p class="site-contact">
            "Questions about this site: "
            {name.map(|n| view! { <span>{n}</span> " " })}
            {email}
            {url.map(|u| view! { " · " {u} })}
        </p>
    })
}
