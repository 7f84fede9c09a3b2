//! `upfront lsp`: a language server on stdio (lsp-server). Findings for every file of the site,
//! from the editor's unsaved buffers, published after a short pause in typing; hover on a fact
//! shows its value in every locale and its measured waits; `{{` completes fact names; a fact
//! jumps to its definition in `facts.yaml`; a hint that names an exact replacement is a quick fix.
//! The checks run on worker threads over a snapshot of the site; a newer edit supersedes them.
//! A keystroke in a guide runs the focused check (`check::check_focused`: that guide and its
//! translations, milliseconds on a 10,000-guide site), whose findings replace those files'
//! findings of the last full check; the full check runs again after a save, a change to any
//! other file, or a longer pause in typing.

pub(super) mod features;
mod position;
mod workspace;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, Completion, GotoDefinition, HoverRequest, Request as _};
use lsp_types::{
    CodeActionOrCommand, CodeActionParams, CodeActionProviderCapability, CompletionOptions, CompletionParams,
    DiagnosticSeverity, GotoDefinitionParams, GotoDefinitionResponse, HoverParams, HoverProviderCapability,
    InitializeParams, Location, NumberOrString, OneOf, PublishDiagnosticsParams, SaveOptions, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Url,
};
use workspace::Workspace;

use crate::cli::{Global, LspArgs};
use crate::diag::{Diagnostic, Level, Sources};

/// How long typing must pause before the edited guide is checked (the focused check), and
/// before the whole site is checked after a save or a change to a file other than a guide.
const DEBOUNCE: Duration = Duration::from_millis(150);
/// How long typing must pause before the whole site is checked again (findings in other
/// files that the edit changed: a link to one of its headings, a missing translation).
const IDLE: Duration = Duration::from_secs(2);

enum Event {
    Client(Message),
    /// Findings of a check started after `edits` changes, with the texts they were found in:
    /// of the whole site (`files` is `None`) or of `files` only (a focused check).
    Checked {
        edits: u64,
        files: Option<BTreeSet<String>>,
        found: Vec<Diagnostic>,
        sources: Sources,
    },
    Disconnected,
}

/// What a notification changed.
enum Change {
    /// A guide's buffer: check it (and its translations) now, the whole site when typing pauses.
    Guide(String),
    /// Anything else (a save, a close, another file): check the whole site.
    Site,
}

pub fn run(global: &Global, args: &LspArgs) -> anyhow::Result<ExitCode> {
    let (connection, io_threads) = Connection::stdio();
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(false) })),
            ..TextDocumentSyncOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["{".into(), " ".into(), ".".into()]),
            ..CompletionOptions::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let caps = serde_json::to_value(capabilities).context("cannot describe the server")?;
    let params = connection.initialize(caps).context("the editor did not start the language server protocol")?;
    let params: InitializeParams =
        serde_json::from_value(params).context("the editor's initialize request is malformed")?;
    let root = site_root(global, &params)?;
    let mut server = Server {
        connection: &connection,
        ws: Workspace::load(root, args.today)?,
        published: BTreeSet::new(),
        typed: BTreeSet::new(),
    };
    server.serve()?;
    drop(connection);
    io_threads.join().context("the language server's stdio failed")?;
    Ok(ExitCode::SUCCESS)
}

/// `--root`, else the nearest folder with `upfront.yaml` from the editor's workspace up.
fn site_root(global: &Global, params: &InitializeParams) -> anyhow::Result<PathBuf> {
    if global.root.is_some() {
        return super::site::site_root(global.root.as_deref());
    }
    #[expect(deprecated, reason = "root_uri is what older clients (Neovim 0.7) send")]
    let folder = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone())
        .or_else(|| params.root_uri.clone())
        .and_then(|u| u.to_file_path().ok());
    match folder {
        Some(dir) => {
            let found = dir.ancestors().find(|d| d.join("upfront.yaml").is_file()).map(PathBuf::from);
            super::site::site_root(Some(&found.unwrap_or(dir)))
        }
        None => super::site::site_root(None),
    }
}

struct Server<'a> {
    connection: &'a Connection,
    ws: Workspace,
    /// Files that have findings in the editor now (to clear them when they have none).
    published: BTreeSet<String>,
    /// Guides typed in since their last focused check.
    typed: BTreeSet<String>,
}

impl Server<'_> {
    fn serve(&mut self) -> anyhow::Result<()> {
        let (tx, rx) = mpsc::channel();
        let incoming = self.connection.receiver.clone();
        let forward = tx.clone();
        std::thread::spawn(move || {
            for msg in incoming {
                if forward.send(Event::Client(msg)).is_err() {
                    return;
                }
            }
            let _ = forward.send(Event::Disconnected);
        });
        // Changes so far: a check's findings are shown only when nothing changed since it began.
        let mut edits = 0u64;
        // When the focused and the full check should next run; the full one runs at start.
        let (mut due_focused, mut due_full) = (None::<Instant>, Some(Instant::now()));
        // The last findings shown: of the last full check, with newer focused ones for the
        // files typed in since.
        let mut last: Option<(Vec<Diagnostic>, Sources)> = None;
        loop {
            let due = [due_focused, due_full].into_iter().flatten().min();
            let event = match due {
                Some(at) => match rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                    Ok(e) => Some(e),
                    Err(mpsc::RecvTimeoutError::Timeout) => None,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
                },
                None => Some(rx.recv().context("the language server's event channel closed")?),
            };
            let Some(event) = event else {
                let now = Instant::now();
                if due_full.is_some_and(|at| at <= now) {
                    (due_full, due_focused) = (None, None);
                    self.typed.clear();
                    self.check_in_background(edits, tx.clone());
                } else if due_focused.is_some_and(|at| at <= now) {
                    due_focused = None;
                    self.check_focused_in_background(edits, tx.clone());
                }
                continue;
            };
            match event {
                Event::Disconnected => return Ok(()),
                Event::Checked { edits: e, files, found, sources } => {
                    if e == edits {
                        last = Some(self.show(last.take(), files.as_ref(), found, sources)?);
                    }
                }
                Event::Client(Message::Request(req)) => {
                    // `shutdown` is answered here; the `exit` notification that follows ends
                    // the loop (lsp-server's `handle_shutdown` would wait for it on the
                    // receiver the forwarding thread reads).
                    if req.method == lsp_types::request::Shutdown::METHOD {
                        let done = Response::new_ok(req.id, serde_json::Value::Null);
                        self.connection.sender.send(Message::Response(done)).context("cannot answer the editor")?;
                        continue;
                    }
                    let response = self.request(req, last.as_ref());
                    self.connection.sender.send(Message::Response(response)).context("cannot answer the editor")?;
                }
                Event::Client(Message::Notification(n)) => {
                    if n.method == lsp_types::notification::Exit::METHOD {
                        return Ok(());
                    }
                    let now = Instant::now();
                    match self.notification(n)? {
                        Some(Change::Guide(rel)) => {
                            edits += 1;
                            self.typed.insert(rel);
                            due_focused = Some(now + DEBOUNCE);
                            due_full = Some(now + IDLE);
                        }
                        Some(Change::Site) => {
                            edits += 1;
                            due_full = Some(now + DEBOUNCE);
                        }
                        None => {}
                    }
                }
                Event::Client(Message::Response(_)) => {}
            }
        }
    }

    /// Show a check's findings: a full check's replace all; a focused check's replace those
    /// of its files in the last ones. Returns the findings now shown.
    fn show(
        &mut self,
        last: Option<(Vec<Diagnostic>, Sources)>,
        files: Option<&BTreeSet<String>>,
        found: Vec<Diagnostic>,
        sources: Sources,
    ) -> anyhow::Result<(Vec<Diagnostic>, Sources)> {
        let Some(files) = files else {
            self.publish(&found, &sources, None)?;
            return Ok((found, sources));
        };
        self.publish(&found, &sources, Some(files))?;
        let mut all: Vec<Diagnostic> =
            last.map(|(d, _)| d).unwrap_or_default().into_iter().filter(|d| !files.contains(&d.file)).collect();
        all.extend(found);
        crate::diag::sort(&mut all);
        Ok((all, sources))
    }

    /// Check the guides typed in (each with its translations), off the editor's path.
    fn check_focused_in_background(&mut self, edits: u64, tx: mpsc::Sender<Event>) {
        let typed = std::mem::take(&mut self.typed);
        let Some(site) = self.ws.site.clone() else {
            self.check_in_background(edits, tx);
            return;
        };
        let focus = workspace::focus(&site, &typed);
        let mut files: BTreeSet<String> = focus.iter().map(|&i| site.pages[i].source.path.clone()).collect();
        // A guide that does not parse has no page: its loader findings are still its own.
        files.extend(typed);
        let (loaded, sources, today) = (self.ws.loaded.clone(), self.ws.sources.clone(), self.ws.today);
        std::thread::spawn(move || {
            let today = today.unwrap_or_else(|| crate::clock::today_in(site.config.timezone.as_deref()));
            // The loader's findings of these files (of guides that no longer parse too).
            let loaded = loaded.into_iter().filter(|d| files.contains(&d.file)).collect();
            let found = crate::check::check_focused(&site, today, loaded, &focus);
            let _ = tx.send(Event::Checked { edits, files: Some(files), found, sources });
        });
    }

    /// Run every check on a snapshot of the site, off the editor's path.
    fn check_in_background(&self, edits: u64, tx: mpsc::Sender<Event>) {
        let Some(site) = self.ws.site.clone() else {
            let (found, sources) = (self.ws.loaded.clone(), self.ws.sources.clone());
            let _ = tx.send(Event::Checked { edits, files: None, found, sources });
            return;
        };
        let (loaded, sources, today) = (self.ws.loaded.clone(), self.ws.sources.clone(), self.ws.today);
        std::thread::spawn(move || {
            let today = today.unwrap_or_else(|| crate::clock::today_in(site.config.timezone.as_deref()));
            let found = crate::check::check(&site, today, loaded);
            let _ = tx.send(Event::Checked { edits, files: None, found, sources });
        });
    }

    /// Findings per file, each file's list replacing the last one; files that lost all their
    /// findings get an empty list. `only`: the findings are those of these files (a focused
    /// check), the other files keep theirs.
    fn publish(
        &mut self,
        diags: &[Diagnostic],
        sources: &Sources,
        only: Option<&BTreeSet<String>>,
    ) -> anyhow::Result<()> {
        let mut by_file: BTreeMap<&str, Vec<lsp_types::Diagnostic>> = BTreeMap::new();
        for d in diags {
            let text = sources.get(&d.file).map_or("", |f| f.text.as_str());
            by_file.entry(d.file.as_str()).or_default().push(to_lsp(d, text));
        }
        let now: BTreeSet<String> = by_file.keys().map(|f| (*f).to_string()).collect();
        let gone: Vec<String> = match only {
            Some(files) => files.iter().filter(|f| self.published.contains(*f) && !now.contains(*f)).cloned().collect(),
            None => self.published.difference(&now).cloned().collect(),
        };
        for file in &gone {
            self.send_diagnostics(file, Vec::new())?;
        }
        for (file, list) in by_file {
            self.send_diagnostics(file, list)?;
        }
        match only {
            Some(_) => {
                for file in gone {
                    self.published.remove(&file);
                }
                self.published.extend(now);
            }
            None => self.published = now,
        }
        Ok(())
    }

    fn send_diagnostics(&self, rel: &str, diagnostics: Vec<lsp_types::Diagnostic>) -> anyhow::Result<()> {
        let Ok(uri) = Url::from_file_path(self.ws.root.join(rel)) else { return Ok(()) };
        let params = PublishDiagnosticsParams { uri, diagnostics, version: None };
        let note = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
        self.connection.sender.send(Message::Notification(note)).context("cannot send findings to the editor")
    }

    /// Apply a document notification; what it changed, if anything.
    fn notification(&mut self, n: Notification) -> anyhow::Result<Option<Change>> {
        let rel = |uri: &Url| uri.to_file_path().ok().and_then(|p| self.ws.rel(&p));
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params) else {
                    return Ok(None);
                };
                let Some(rel) = rel(&p.text_document.uri) else { return Ok(None) };
                Ok(Some(self.edited(rel, p.text_document.text)))
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params) else {
                    return Ok(None);
                };
                let Some(rel) = rel(&p.text_document.uri) else { return Ok(None) };
                // Full sync: the last change holds the whole text.
                let Some(change) = p.content_changes.into_iter().last() else { return Ok(None) };
                Ok(Some(self.edited(rel, change.text)))
            }
            DidSaveTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(n.params) else {
                    return Ok(None);
                };
                let Some(rel) = rel(&p.text_document.uri) else { return Ok(None) };
                self.ws.saved(&rel)?;
                Ok(Some(Change::Site))
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params) else {
                    return Ok(None);
                };
                let Some(rel) = rel(&p.text_document.uri) else { return Ok(None) };
                self.ws.closed(&rel)?;
                Ok(Some(Change::Site))
            }
            _ => Ok(None),
        }
    }

    /// A buffer was opened or typed in.
    fn edited(&mut self, rel: String, text: String) -> Change {
        if self.ws.edited(&rel, text) { Change::Guide(rel) } else { Change::Site }
    }

    fn request(&self, req: Request, last: Option<&(Vec<Diagnostic>, Sources)>) -> Response {
        let id = req.id.clone();
        let result = match req.method.as_str() {
            HoverRequest::METHOD => parse::<HoverParams>(req).map(|p| {
                let doc = p.text_document_position_params;
                serde_json::to_value(self.hover(&doc.text_document.uri, doc.position))
            }),
            Completion::METHOD => parse::<CompletionParams>(req).map(|p| {
                let doc = p.text_document_position;
                serde_json::to_value(self.completion(&doc.text_document.uri, doc.position))
            }),
            GotoDefinition::METHOD => parse::<GotoDefinitionParams>(req).map(|p| {
                let doc = p.text_document_position_params;
                serde_json::to_value(self.definition(&doc.text_document.uri, doc.position))
            }),
            CodeActionRequest::METHOD => {
                parse::<CodeActionParams>(req).map(|p| serde_json::to_value(self.code_actions(&p, last)))
            }
            other => return method_not_found(id, other),
        };
        match result {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err(e)) => Response::new_err(id, lsp_server::ErrorCode::InternalError as i32, e.to_string()),
            Err(e) => Response::new_err(id, lsp_server::ErrorCode::InvalidParams as i32, format!("{e:#}")),
        }
    }

    /// The document's path from the site root, its text and the kept site.
    fn doc(&self, uri: &Url) -> Option<(String, &str, &crate::model::Site)> {
        let rel = self.ws.rel(&uri.to_file_path().ok()?)?;
        let text = self.ws.text(&rel)?;
        Some((rel, text, self.ws.site.as_deref()?))
    }

    fn hover(&self, uri: &Url, pos: lsp_types::Position) -> Option<lsp_types::Hover> {
        let (_, text, site) = self.doc(uri)?;
        let (fact, span) = features::fact_at(site, text, position::offset(text, pos))?;
        Some(features::hover(site, fact, position::range(text, span)))
    }

    fn completion(&self, uri: &Url, pos: lsp_types::Position) -> Option<Vec<lsp_types::CompletionItem>> {
        let (rel, text, site) = self.doc(uri)?;
        features::completions(site, text, position::offset(text, pos), features::locale_of(site, &rel))
    }

    fn definition(&self, uri: &Url, pos: lsp_types::Position) -> Option<GotoDefinitionResponse> {
        let (_, text, site) = self.doc(uri)?;
        let (fact, _) = features::fact_at(site, text, position::offset(text, pos))?;
        let facts = self.ws.text("facts.yaml")?;
        let uri = Url::from_file_path(self.ws.root.join("facts.yaml")).ok()?;
        // The fact's key (a top-level `id:` line), else its value.
        let key = [format!("{}:", fact.id), format!("\"{}\":", fact.id), format!("'{}':", fact.id)]
            .iter()
            .find_map(|k| {
                if facts.starts_with(k.as_str()) { Some(0) } else { facts.find(&format!("\n{k}")).map(|i| i + 1) }
            })
            .map_or(fact.span.clone(), |at| at..at + fact.id.len());
        Some(GotoDefinitionResponse::Scalar(Location { uri, range: position::range(facts, key) }))
    }

    fn code_actions(
        &self,
        p: &CodeActionParams,
        last: Option<&(Vec<Diagnostic>, Sources)>,
    ) -> Vec<CodeActionOrCommand> {
        let (Some((rel, text, site)), Some((diags, sources))) = (self.doc(&p.text_document.uri), last) else {
            return Vec::new();
        };
        let Some(checked) = sources.get(&rel).map(|f| f.text.as_str()) else { return Vec::new() };
        let (from, to) = (position::offset(text, p.range.start), position::offset(text, p.range.end));
        // Only findings whose text is still where it was when they were found (an edit since
        // then may have moved it: the next check offers the fix again).
        let still = |s: &std::ops::Range<usize>| checked.get(s.clone()).is_some_and(|t| text.get(s.clone()) == Some(t));
        diags
            .iter()
            .filter(|d| d.file == rel && d.span.as_ref().is_some_and(|s| s.start <= to && from <= s.end && still(s)))
            .filter_map(|d| {
                let fix = features::fix(site, d)?;
                Some(CodeActionOrCommand::CodeAction(features::action(
                    &p.text_document.uri,
                    text,
                    d,
                    to_lsp(d, text),
                    fix,
                )))
            })
            .collect()
    }
}

fn parse<P: serde::de::DeserializeOwned>(req: Request) -> anyhow::Result<P> {
    serde_json::from_value(req.params).with_context(|| format!("malformed {} request", req.method))
}

fn method_not_found(id: RequestId, method: &str) -> Response {
    Response::new_err(id, lsp_server::ErrorCode::MethodNotFound as i32, format!("upfront lsp does not answer {method}"))
}

/// A finding as the editor shows it: the rule as its code, the hint after the message.
fn to_lsp(d: &Diagnostic, text: &str) -> lsp_types::Diagnostic {
    let span = d.span.clone().unwrap_or(0..0);
    let message = match &d.hint {
        Some(h) => format!("{}\nhint: {h}", d.message),
        None => d.message.clone(),
    };
    lsp_types::Diagnostic {
        range: position::range(text, span),
        severity: Some(match d.level {
            Level::Error => DiagnosticSeverity::ERROR,
            Level::Warning => DiagnosticSeverity::WARNING,
            Level::Note => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.rule.to_string())),
        source: Some("upfront".into()),
        message,
        ..lsp_types::Diagnostic::default()
    }
}
