//! Grading off the page's thread: a [`Grader`] hands jobs to the grading Web
//! Worker (`worker/`) and reports progress and the verdict back.
//!
//! 1. The first [`Grader::submit`] starts the worker from the site's base URL
//!    (`rampart-worker_loader.js`), so its wasm loads only when needed.
//! 2. The job waits until the worker posts `ready`: a message sent before
//!    its wasm has loaded would be lost.
//! 3. Progress replies call `on_progress`; the verdict or a failure calls
//!    `on_done`, once.
//! 4. [`Grader::cancel`] detaches the handlers and terminates the worker,
//!    the only way to stop a runaway program; the next job starts a fresh one.
//!
//! The worker handle is `!Send`, so it lives in a local `StoredValue` and
//! dies (terminated) with the reactive owner that created the grader.

use std::rc::Rc;

use leptos::prelude::*;
use rampart_cert::Report;
use rampart_grade::Verdict;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::{Closure, JsValue};
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

pub use rampart_worker::{Job, Task, VerifyJob};
use rampart_worker::{Reply, Request};

/// The loader Trunk writes for `data-bin="rampart-worker"` with `data-loader-shim`.
const LOADER: &str = "rampart-worker_loader.js";

/// What [`Grader::cancel`] hands to the cancelled job's `on_done`.
pub const CANCELLED: &str = "Cancelled";

/// A reply of the wrong kind: the page and the worker disagree.
const UNEXPECTED: &str = "The grading worker answered with the wrong kind of result. The page and \
     the worker are probably from different versions of Rampart: reload the page.";

type OnProgress = Rc<dyn Fn(usize, usize)>;
type OnDone = Box<dyn FnOnce(Result<Outcome, String>)>;

/// What a finished task hands back: a verdict (grading, audits) or a
/// verification report.
enum Outcome {
    Verdict(Verdict),
    Report(Report),
}

/// The job in flight.
struct Pending {
    id: u64,
    /// The request, until the worker is ready for it.
    unsent: Option<String>,
    on_progress: OnProgress,
    on_done: OnDone,
}

/// A started worker and the handlers it calls.
struct Connection {
    worker: Worker,
    ready: bool,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

impl Connection {
    fn start(grader: Grader) -> Result<Self, String> {
        let url = crate::browser::asset_url(LOADER);
        let worker = Worker::new(&url).map_err(|e| {
            format!(
                "The grading worker could not start from {url}: {}",
                js_message(&e)
            )
        })?;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            grader.on_message(e.data());
        });
        let on_error = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            grader.on_error(&e, &url);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Connection {
            worker,
            ready: false,
            _on_message: on_message,
            _on_error: on_error,
        })
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        // Detach first: a terminated worker's queued messages must not
        // reach a job that has moved on.
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

#[derive(Default)]
struct State {
    connection: Option<Connection>,
    job: Option<Pending>,
    next_id: u64,
}

/// A handle on the grading worker: `Copy`, so components can move it into
/// event handlers freely. One job at a time.
#[derive(Clone, Copy)]
pub struct Grader {
    state: StoredValue<State, LocalStorage>,
    busy: RwSignal<bool>,
}

impl Default for Grader {
    fn default() -> Self {
        Self::new()
    }
}

impl Grader {
    /// A grader owned by the current reactive owner. No worker starts until
    /// the first [`Grader::submit`].
    pub fn new() -> Self {
        Grader {
            state: StoredValue::new_local(State::default()),
            busy: RwSignal::new(false),
        }
    }

    /// Whether a job is in flight (reactive).
    pub fn is_busy(&self) -> bool {
        self.busy.try_get().unwrap_or(false)
    }

    /// Grades `job` in the worker. `on_progress(done, total)` runs as cases
    /// complete (`c` jobs only); `on_done` runs once with the verdict or a
    /// message for the learner. A job still in flight is cancelled first: a
    /// new check replaces the old one.
    pub fn submit(
        &self,
        job: Job,
        on_progress: impl Fn(usize, usize) + 'static,
        on_done: impl FnOnce(Result<Verdict, String>) + 'static,
    ) {
        self.submit_task(Task::Grade(job), on_progress, on_done);
    }

    /// Like [`Grader::submit`], for any [`Task`] that ends in a verdict (an
    /// audit, say).
    pub fn submit_task(
        &self,
        task: Task,
        on_progress: impl Fn(usize, usize) + 'static,
        on_done: impl FnOnce(Result<Verdict, String>) + 'static,
    ) {
        self.start(task, Rc::new(on_progress), move |outcome| {
            on_done(outcome.and_then(|o| match o {
                Outcome::Verdict(v) => Ok(v),
                Outcome::Report(_) => Err(UNEXPECTED.to_string()),
            }));
        });
    }

    /// Verifies a certificate in the worker (re-grading its evidence there,
    /// so the page stays responsive); `on_done` gets the report.
    pub fn verify(&self, job: VerifyJob, on_done: impl FnOnce(Result<Report, String>) + 'static) {
        self.start(Task::Verify(job), Rc::new(|_, _| {}), move |outcome| {
            on_done(outcome.and_then(|o| match o {
                Outcome::Report(r) => Ok(r),
                Outcome::Verdict(_) => Err(UNEXPECTED.to_string()),
            }));
        });
    }

    fn start(
        &self,
        task: Task,
        on_progress: OnProgress,
        on_done: impl FnOnce(Result<Outcome, String>) + 'static,
    ) {
        self.cancel();
        let grader = *self;
        let started = self.state.try_update_value(|s| {
            s.next_id += 1;
            s.job = Some(Pending {
                id: s.next_id,
                unsent: Some(
                    Request {
                        id: s.next_id,
                        task,
                    }
                    .to_json(),
                ),
                on_progress,
                on_done: Box::new(on_done),
            });
            if s.connection.is_none() {
                s.connection = Some(Connection::start(grader)?);
            }
            match (s.connection.as_ref(), s.job.as_mut()) {
                (Some(c), Some(job)) if c.ready => post(&c.worker, job),
                // Sent when the worker posts `ready`.
                _ => Ok(()),
            }
        });
        match started {
            Some(Ok(())) => self.busy.set(true),
            // The grader's owner is gone, and with it anyone to tell.
            None => {}
            Some(Err(message)) => {
                // The job never reached the worker; forget both.
                let job = self.state.try_update_value(|s| {
                    s.connection = None;
                    s.job.take()
                });
                if let Some(job) = job.flatten() {
                    (job.on_done)(Err(message));
                }
            }
        }
    }

    /// Stops the job in flight, if any: its `on_done` gets `Err("Cancelled")`.
    /// A job already running in the worker can only be stopped by
    /// terminating the worker; the next job starts a fresh one.
    pub fn cancel(&self) {
        let taken = self.state.try_update_value(|s| {
            let job = s.job.take()?;
            // A job still waiting for `ready` never reached the worker,
            // which can go on loading for the next one.
            let connection = if job.unsent.is_none() {
                s.connection.take()
            } else {
                None
            };
            Some((job, connection))
        });
        if let Some((job, connection)) = taken.flatten() {
            drop(connection);
            self.busy.set(false);
            (job.on_done)(Err(CANCELLED.to_string()));
        }
    }

    fn on_message(self, data: JsValue) {
        let reply = match data.as_string().as_deref().map(Reply::from_json) {
            Some(Ok(reply)) => reply,
            Some(Err(message)) => return self.finish(None, Err(message), true),
            None => return, // Not ours: the worker only posts strings.
        };
        match reply {
            Reply::Ready => {
                let failed = self.state.try_update_value(|s| {
                    let c = s.connection.as_mut()?;
                    c.ready = true;
                    let job = s.job.as_mut()?;
                    post(&c.worker, job).err()
                });
                if let Some(message) = failed.flatten() {
                    self.finish(None, Err(message), true);
                }
            }
            Reply::Progress { id, done, total } => {
                // Call back outside the borrow: the callback may use the grader.
                let callback = self.state.try_with_value(|s| {
                    s.job
                        .as_ref()
                        .filter(|j| j.id == id)
                        .map(|j| Rc::clone(&j.on_progress))
                });
                if let Some(callback) = callback.flatten() {
                    callback(done, total);
                }
            }
            Reply::Done { id, verdict } => {
                self.finish(Some(id), Ok(Outcome::Verdict(verdict)), false);
            }
            Reply::Verified { id, report } => {
                self.finish(Some(id), Ok(Outcome::Report(report)), false);
            }
            // After a failure (a crash, or a request it could not read) the
            // worker is not trusted with another job.
            Reply::Failed { id, message } => self.finish(id, Err(message), true),
        }
    }

    fn on_error(self, event: &Event, url: &str) {
        // Handled here: keep it out of the page's uncaught-error log.
        event.prevent_default();
        let detail = event
            .dyn_ref::<ErrorEvent>()
            .map(ErrorEvent::message)
            .filter(|m| !m.is_empty());
        let ready = self
            .state
            .try_with_value(|s| s.connection.as_ref().is_some_and(|c| c.ready))
            .unwrap_or(false);
        let message = match (ready, detail) {
            (false, Some(d)) => format!("The grading worker could not start: {d}"),
            (false, None) => format!(
                "The grading worker could not start: {url} did not load. Check your \
                 connection and reload the page."
            ),
            (true, Some(d)) => format!("The grading worker stopped: {d}"),
            (true, None) => "The grading worker stopped unexpectedly.".to_string(),
        };
        self.finish(None, Err(message), true);
    }

    /// Ends the job `id` (or whichever is in flight, for `None`) with
    /// `result`; `discard` drops the worker too.
    fn finish(self, id: Option<u64>, result: Result<Outcome, String>, discard: bool) {
        let taken = self.state.try_update_value(|s| {
            let connection = if discard { s.connection.take() } else { None };
            let job = match (&s.job, id) {
                (Some(j), Some(id)) if j.id != id => None,
                _ => s.job.take(),
            };
            (job, connection)
        });
        let Some((job, connection)) = taken else {
            return;
        };
        // Dropping the connection from inside one of its own handlers is
        // safe: wasm-bindgen frees a closure only after its last call returns.
        drop(connection);
        if let Some(job) = job {
            self.busy.set(false);
            (job.on_done)(result);
        }
    }
}

/// Posts the job's request if it has not been sent yet.
fn post(worker: &Worker, job: &mut Pending) -> Result<(), String> {
    let Some(request) = job.unsent.take() else {
        return Ok(());
    };
    worker
        .post_message(&JsValue::from_str(&request))
        .map_err(|e| {
            format!(
                "The grading worker could not take the job: {}",
                js_message(&e)
            )
        })
}

fn js_message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}
