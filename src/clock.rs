//! The one place Upfront reads the wall clock: today's date in the site's time zone, for the
//! commands that judge dates without `--today` (`check`, `serve`, `lsp`, `init`, `new`). Build
//! output never depends on it (SPEC: Time).

/// Today's date in `timezone` (an IANA name; UTC when unset or unknown).
pub fn today_in(timezone: Option<&str>) -> jiff::civil::Date {
    let tz = crate::model::config::time_zone(timezone);
    jiff::Timestamp::now().to_zoned_datetime(tz).date()
}
