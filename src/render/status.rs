//! The `status.json` pseudo-channel: the notices and facts screens poll (built by
//! [`super::live::status_json`] once per render, in the context).

use super::channel::{Channel, RenderContext};
use crate::diag::Diagnostic;
use crate::output::Output;

/// Writes `status.json`; a pseudo-channel that runs whenever the help center or the screens
/// (the pages that show notices) are on.
pub struct Status;

static NONE: super::channel::Settings = super::channel::Settings::of::<()>(&[]);

impl Channel for Status {
    fn name(&self) -> &'static str {
        "status"
    }

    /// `status.json` is not set in upfront.yaml: the help pages and the screens read it.
    fn settings(&self) -> &'static super::channel::Settings {
        &NONE
    }

    fn page_channel(&self) -> bool {
        false
    }

    fn enabled(&self, config: &crate::model::Config) -> bool {
        config.channel_enabled("help") || config.channel_enabled("waiting-room")
    }

    fn render(&self, ctx: &RenderContext, out: &Output) -> anyhow::Result<Vec<Diagnostic>> {
        let json = serde_json::to_string_pretty(ctx.status_json())?;
        out.write("status.json", format!("{json}\n").as_bytes())?;
        Ok(Vec::new())
    }
}
