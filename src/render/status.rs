//! The `status.json` pseudo-channel: the notices and facts screens poll (built by
//! [`super::live::status_json`] once per render, in the context).

use super::channel::{Channel, RenderContext};
use crate::diag::Diagnostic;
use crate::output::Output;

/// Writes `status.json`; a pseudo-channel that runs whenever the help center or the screens
/// (the pages that show notices) are on.
pub struct Status;

impl Channel for Status {
    fn name(&self) -> &'static str {
        "status"
    }

    fn render(&self, ctx: &RenderContext, out: &Output) -> anyhow::Result<Vec<Diagnostic>> {
        let json = serde_json::to_string_pretty(ctx.status_json())?;
        out.write("status.json", format!("{json}\n").as_bytes())?;
        Ok(Vec::new())
    }
}
