//! The one thread kept for the work after a reload (full checks, the search index, the other
//! channels), shared by the rebuilds and the search refresh.

/// Run `work` on the one thread kept for the work after a reload (full checks, search index,
/// other channels), so it never holds up the next edit's rebuild in rayon's global pool (and
/// its own parallel parts stay on that thread). Inline if that thread cannot be started.
pub fn in_background<R: Send>(work: impl FnOnce() -> R + Send) -> R {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    let pool = POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new().num_threads(1).thread_name(|_| "upfront-background".to_string()).build().ok()
    });
    match pool {
        Some(pool) => pool.install(work),
        None => work(),
    }
}
