//! One module per rule id of the SPEC (`tier-leak` lives in `tier_leak.rs`).

pub mod absolute_promise;
pub mod broken_link;
pub mod control_character;
pub mod fact_contradiction;
pub mod front_matter;
pub mod hardcoded_wait;
pub mod jargon;
pub mod notice_expired;
pub mod promise_exceeded;
pub mod readability;
pub mod review_overdue;
pub mod sms_too_long;
pub mod tier_leak;
pub mod translation_drift;
pub mod translation_missing;
pub mod translation_stale;
pub mod unknown_fact;
pub mod vague_wait;
