//! Refreshes the search index after one-guide edits, off the critical path: one run at a
//! time on a thread of its own, always on the newest site (edits made during a run are taken
//! together by the next). A full rebuild indexes the site itself and drops what is pending.

use std::sync::{Arc, Condvar, Mutex, PoisonError};

use super::state::{Event, State};
use crate::model::Site;
use crate::output::Output;
use crate::render::{self, Published};

/// A site to index.
struct Snapshot {
    site: Arc<Site>,
    published: Arc<Published>,
    /// The epoch it was taken in: its index is put in place only if no full rebuild came since.
    epoch: u64,
}

#[derive(Default)]
struct Queue {
    next: Option<Snapshot>,
    running: bool,
    /// Bumped by every full rebuild.
    epoch: u64,
}

#[derive(Clone)]
pub struct SearchRefresh {
    queue: Arc<(Mutex<Queue>, Condvar)>,
}

impl SearchRefresh {
    /// Start the worker thread; it ends when the last handle is dropped.
    pub fn start(state: Arc<State>) -> SearchRefresh {
        let queue: Arc<(Mutex<Queue>, Condvar)> = Arc::default();
        let weak = Arc::downgrade(&queue);
        std::thread::spawn(move || {
            while let Some(queue) = weak.upgrade() {
                let Some(job) = next_job(&queue) else { continue };
                let started = std::time::Instant::now();
                let out = Output::memory();
                let result =
                    super::background::in_background(|| render::render_search(&job.site, &job.published, &out));
                let (lock, wake) = &*queue;
                let mut q = lock.lock().unwrap_or_else(PoisonError::into_inner);
                match result {
                    Ok(pages) if q.epoch == job.epoch => {
                        // A bundle's file names change with its content: the old ones go. Only the
                        // search pages reload.
                        let bundles = render::search_bundle_dirs(&job.site);
                        if !state.replace(out.into_files(), |rel| super::state::under(&bundles, rel)).is_empty() {
                            state.send(Event::Reload(Arc::new(pages)));
                        }
                        eprintln!("search index refreshed in {} ms", started.elapsed().as_millis());
                    }
                    Ok(_) => {}
                    Err(e) => eprintln!("warning: refreshing the search index: {e:#}"),
                }
                q.running = false;
                wake.notify_all();
            }
        });
        SearchRefresh { queue }
    }

    /// Index this site when the worker is free (replacing any site still waiting).
    pub fn request(&self, site: Arc<Site>, published: Arc<Published>) {
        let (lock, wake) = &*self.queue;
        let mut q = lock.lock().unwrap_or_else(PoisonError::into_inner);
        let epoch = q.epoch;
        q.next = Some(Snapshot { site, published, epoch });
        wake.notify_all();
    }

    /// A full rebuild indexed the site: drop what is waiting, and the result of a run under way.
    pub fn full_rebuild(&self) {
        let (lock, _) = &*self.queue;
        let mut q = lock.lock().unwrap_or_else(PoisonError::into_inner);
        q.epoch += 1;
        q.next = None;
    }

    /// Block until nothing is waiting or running (tests, and stopping cleanly).
    pub fn settle(&self) {
        let (lock, wake) = &*self.queue;
        let mut q = lock.lock().unwrap_or_else(PoisonError::into_inner);
        while q.running || q.next.is_some() {
            q = wake.wait(q).unwrap_or_else(PoisonError::into_inner);
        }
    }
}

/// Wait for the next site to index (`None` after a while, so the thread notices when the
/// handles are gone).
fn next_job(queue: &(Mutex<Queue>, Condvar)) -> Option<Snapshot> {
    let (lock, wake) = queue;
    let q = lock.lock().unwrap_or_else(PoisonError::into_inner);
    let (mut q, _) = wake
        .wait_timeout_while(q, std::time::Duration::from_secs(1), |q| q.next.is_none())
        .unwrap_or_else(PoisonError::into_inner);
    let job = q.next.take()?;
    q.running = true;
    Some(job)
}
