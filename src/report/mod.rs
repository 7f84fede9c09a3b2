//! Report: diagnostics → text for people or machines, one file per `--format`.

pub mod human;
