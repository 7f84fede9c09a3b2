//! English plurals for messages ("1 error", "2 errors"): the one helper every layer uses.

/// The plural suffix for `n` things: `""` for one, `"s"` otherwise.
pub fn s(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// "1 error", "2 errors", "0 errors".
pub fn count(n: usize, word: &str) -> String {
    format!("{n} {word}{}", s(n))
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts() {
        assert_eq!(super::count(0, "error"), "0 errors");
        assert_eq!(super::count(1, "warning"), "1 warning");
        assert_eq!(super::count(2, "segment"), "2 segments");
    }
}
