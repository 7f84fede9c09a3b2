//! One module per rule id of the SPEC.

pub mod front_matter;
pub mod unknown_fact;
