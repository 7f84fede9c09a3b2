//! The command line (clap definitions only; each verb lives in `cmd/`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(name = "upfront", version, about = "Check and render expectation-setting guides into every channel", long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Site root (the folder with upfront.yaml); default: the nearest folder from here up that
    /// has one
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Output folder; a relative path resolves against --root
    #[arg(long, global = true, default_value = "public", value_name = "DIR")]
    pub out: PathBuf,
    /// Colour in reports: auto (a terminal, unless `NO_COLOR` is set; `FORCE_COLOR` forces it),
    /// always or never
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check, then render every channel into the output folder
    Build(BuildArgs),
    /// Run the checks only; exit 1 on any error
    Check(CheckCmd),
    /// Scaffold a new site in DIR from a starter (`--list` shows them)
    Init(InitArgs),
    /// Add a file with its front matter filled in, e.g. `upfront new guide billing/refunds`
    New {
        #[command(subcommand)]
        what: NewWhat,
    },
    /// Build in memory, serve on 127.0.0.1, rebuild and live-reload on change
    Serve(ServeArgs),
    /// Every fact, its value, and every page and channel that uses it
    Facts(FactsArgs),
    /// What readers will see change between two versions: BASE and HEAD are git revisions of
    /// the site's repository or site folders (HEAD: the working tree)
    Diff(DiffArgs),
    /// A language server on stdio: findings while typing, fact hovers and completion
    Lsp(LspArgs),
    /// Live quotes from the measured waits into the `live` part of OUT/status.json (no rebuild);
    /// keeps running, re-reading the data on change and every `live.every`
    Live(LiveArgs),
    /// The promise audit: per fact and week, measured waits against the promise, as one page
    /// (default folder: audit/) or JSON
    Audit(AuditArgs),
}

#[derive(Debug, Args)]
pub struct LiveArgs {
    /// Compute once, write, and exit
    #[arg(long)]
    pub once: bool,
    /// The moment to quote for (RFC 3339, e.g. 2026-11-23T10:42:00+01:00; default: now)
    #[arg(long, value_name = "RFC3339", value_parser = parse_timestamp)]
    pub now: Option<jiff::Timestamp>,
}

/// `upfront audit --format html|json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditFormat {
    Html,
    Json,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// html writes OUT/index.html (OUT defaults to audit/ here); json prints to stdout
    #[arg(long, value_enum, default_value_t = AuditFormat::Html)]
    pub format: AuditFormat,
    /// First day to include (YYYY-MM-DD, in the site's time zone)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub from: Option<jiff::civil::Date>,
    /// Last day to include
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub to: Option<jiff::civil::Date>,
    /// A survey or complaints CSV (`date,score` and/or `text`), joined by week
    #[arg(long, value_name = "FILE.csv")]
    pub survey: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// The date the date-based rules judge against (default: today in the site's timezone)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<jiff::civil::Date>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create (must be empty or absent)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Which starter site to copy (default: `general`, a neutral small site in English)
    #[arg(long, value_name = "NAME")]
    pub starter: Option<String>,
    /// List the starters, one line each, and write nothing
    #[arg(long)]
    pub list: bool,
}

#[derive(Debug, Subcommand)]
pub enum NewWhat {
    /// A guide: writes content/PATH.md (or PATH.<L>.md with `--locale L`), never over a file
    Guide {
        /// The guide's path under content/, without `.md`, e.g. `repairs/new-connections`
        path: String,
        /// Write a translation in this locale (default: the site's default locale)
        #[arg(long, value_name = "L")]
        locale: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    /// GitLab Code Quality JSON
    Gitlab,
    /// JUnit XML: one test suite per rule, a failed test case per finding
    #[expect(clippy::doc_markdown, reason = "clap prints this as help, where backticks would show")]
    Junit,
}

/// `upfront check`: the options it shares with `build`, and its own.
#[derive(Debug, Args)]
pub struct CheckCmd {
    #[command(flatten)]
    pub check: CheckArgs,
    #[command(flatten)]
    pub ci: CiArgs,
}

/// `check`'s options for adopting it in CI: scope, baseline.
#[derive(Debug, Args)]
pub struct CiArgs {
    /// Report only findings in these files or folders (paths from the current folder); a
    /// guide also selects its translations. Files outside the site are skipped
    #[arg(value_name = "FILE", conflicts_with = "text")]
    pub files: Vec<PathBuf>,
    /// Report only findings in files changed since this git revision (committed or not, and
    /// new files), and in the translations of changed guides
    #[arg(long, value_name = "REF", conflicts_with = "text")]
    pub changed_since: Option<String>,
    /// Report only these rules (comma-separated ids)
    #[arg(long, value_delimiter = ',', value_name = "RULE,…")]
    pub select: Vec<String>,
    /// Do not report these rules (comma-separated ids)
    #[arg(long, value_delimiter = ',', value_name = "RULE,…")]
    pub ignore: Vec<String>,
    /// Report only findings at this level or above
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_level: Option<MinLevel>,
    /// Report only findings not recorded in this baseline file (see --write-baseline)
    #[arg(long, value_name = "FILE", conflicts_with = "text")]
    pub baseline: Option<PathBuf>,
    /// Record today's findings in FILE (JSON) and exit 0, for --baseline to hold them back
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "text"])]
    pub write_baseline: Option<PathBuf>,
    /// Apply the fixes hints name exactly (a wait → its `{{ fact }}`, a link → the one nearest
    /// page, an unused suppression → removed), then report what is left
    #[arg(long, conflicts_with_all = ["text", "write_baseline"])]
    pub fix: bool,
    /// Print the fixes --fix would make as a unified diff, and write nothing
    #[arg(long, conflicts_with_all = ["text", "write_baseline", "fix"])]
    pub diff: bool,
}

/// `--min-level`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MinLevel {
    Note,
    Warning,
    Error,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Report format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit 1 on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
    /// The date review and notice rules judge against (default: today in the site's timezone)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<jiff::civil::Date>,
    /// Write the report to FILE instead of stdout (a relative path resolves against the
    /// current folder); the exit code is unchanged
    #[arg(long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Human format: the findings only, without the summary line or "no problems"
    #[arg(long, short, conflicts_with = "statistics")]
    pub quiet: bool,
    /// Human format: how many findings each rule has instead of the findings
    #[arg(long)]
    pub statistics: bool,
    /// Check a draft written elsewhere (FILE, or `-` for stdin) against the site's facts,
    /// tiers, word lists and glossary, instead of the site
    #[arg(long, value_name = "FILE|-")]
    pub text: Option<String>,
    /// With --text: the draft's language (default: the site's default locale)
    #[arg(long, requires = "text", value_name = "LOCALE")]
    pub locale: Option<String>,
    /// With --text: the audience it is for (default: the widest tier, e.g. `public`)
    #[arg(long, requires = "text", value_name = "TIER")]
    pub tier: Option<String>,
    /// With --text: where it is published (`sms` checks its length too; default: help)
    #[arg(long, requires = "text", value_name = "CHANNEL")]
    pub channel: Option<String>,
}

/// `upfront facts --format human|json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FactsFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct FactsArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = FactsFormat::Human)]
    pub format: FactsFormat,
}

/// `upfront diff --format human|json|markdown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Human,
    Json,
    /// A pull-request comment: summary first, details folded
    Markdown,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The version before: a git revision (`main`, `HEAD~1`, a tag) or a site folder
    pub base: String,
    /// The version after (default: the working tree)
    pub head: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// The date the date-based rules judge both sides against (default: today in the site's
    /// timezone)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<jiff::civil::Date>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub check: CheckArgs,
    /// Publish only these tiers (comma-separated), e.g. `--tiers public` for a public host
    #[arg(long, value_delimiter = ',', value_name = "TIER,…")]
    pub tiers: Vec<String>,
    /// Render only these channels (comma-separated), e.g. `--channels help`; default: all enabled
    #[arg(long, value_delimiter = ',', value_name = "CHANNEL,…")]
    pub channels: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port to listen on
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on; anything but a loopback address exposes the site to the network
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: std::net::IpAddr,
    /// The date review and notice rules judge against (default: today in the site's timezone)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<jiff::civil::Date>,
    /// Publish only these tiers (comma-separated), as `build --tiers`
    #[arg(long, value_delimiter = ',', value_name = "TIER,…")]
    pub tiers: Vec<String>,
    /// Also answer requests whose Host is NAME (repeatable), e.g. a tunnel's or the machine's
    /// name with `--bind 0.0.0.0`; loopback names and the bound address are always admitted
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_host: Vec<String>,
}

fn parse_timestamp(s: &str) -> Result<jiff::Timestamp, String> {
    s.parse::<jiff::Timestamp>().map_err(|_| {
        format!("`{s}` is not a date and time with an offset; write RFC 3339, e.g. 2026-11-23T10:42:00+01:00")
    })
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    s.parse::<jiff::civil::Date>().map_err(|_| format!("`{s}` is not a date; write YYYY-MM-DD, e.g. 2026-11-23"))
}
