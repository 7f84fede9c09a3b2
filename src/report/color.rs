//! Whether a report gets colour: `--color`, chosen once by the command line, then `FORCE_COLOR`,
//! `NO_COLOR` and whether the stream is a terminal. Read by every place that prints findings.

use std::sync::OnceLock;

use crate::cli::ColorChoice;

static CHOICE: OnceLock<ColorChoice> = OnceLock::new();

/// Record `--color` (the first call wins; `auto` when never called).
pub fn choose(choice: ColorChoice) {
    let _ = CHOICE.set(choice);
}

/// Whether a report written to `stream` gets colour: `--color always|never`, else
/// `FORCE_COLOR` (set and not `0`) forces it, `NO_COLOR` (set, not empty) turns it off, and
/// otherwise a terminal gets it.
pub fn use_color(stream: &impl std::io::IsTerminal) -> bool {
    color_for(stream.is_terminal())
}

/// [`use_color`] for a stream that is (`true`) or is not a terminal (a file).
pub fn color_for(terminal: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    match CHOICE.get().copied().unwrap_or(ColorChoice::Auto) {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("FORCE_COLOR") => std::env::var_os("FORCE_COLOR").is_some_and(|v| v != "0"),
        ColorChoice::Auto => !set("NO_COLOR") && terminal,
    }
}
