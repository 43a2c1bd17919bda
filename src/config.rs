//! `atlas9.toml`: found from the working directory upward to the repository root.
//! Unknown keys and unknown rule ids are errors that name the file, the line and a likely fix.

use crate::checks::migrations::framework::Framework;
use crate::checks::openapi::casing::{Acronyms, Convention};
use crate::checks::secrets;
use crate::diagnostics::{Severity, Span};
use crate::registry;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name atlas9 looks for.
pub const FILE_NAME: &str = "atlas9.toml";

/// Files larger than this are skipped unless `[files] max_file_size` says otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 4 * 1024 * 1024;

/// The oldest Postgres major still supported by the community when this release was cut.
pub const DEFAULT_POSTGRES_VERSION: u32 = 15;

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawConfig {
    rules: RawRules,
    files: RawFiles,
    overrides: Vec<RawOverride>,
    migrations: MigrationsConfig,
    openapi: OpenApiConfig,
    secrets: secrets::RawSettings,
    policies: PoliciesConfig,
    ci: CiConfig,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawRules {
    select: Option<Vec<Spanned<String>>>,
    ignore: Vec<Spanned<String>>,
    severity: BTreeMap<Spanned<String>, Level>,
    fail_on: Option<Severity>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawFiles {
    include: Vec<Spanned<String>>,
    exclude: Vec<Spanned<String>>,
    max_file_size: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    paths: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Level>,
}

/// A severity, or `off` to disable a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Disable the rule.
    Off,
    /// Report as a note.
    Note,
    /// Report as a warning.
    Warning,
    /// Report as an error.
    Error,
}

impl Level {
    fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Note => Some(Severity::Note),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// `[migrations]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MigrationsConfig {
    /// The Postgres major version migrations run against; rules gate on it.
    pub postgres_version: u32,
    /// Globs (relative to the project root) of migration files; when set, only these are linted.
    pub paths: Vec<String>,
    /// Force a framework instead of detecting one per file.
    pub framework: Option<Framework>,
    /// The value the fix inserts for `SET lock_timeout`.
    pub lock_timeout: String,
    /// The value the fix inserts for `SET statement_timeout`.
    pub statement_timeout: String,
    /// Lint down migrations too.
    pub check_down: bool,
}

impl Default for MigrationsConfig {
    fn default() -> Self {
        Self {
            postgres_version: DEFAULT_POSTGRES_VERSION,
            paths: Vec::new(),
            framework: None,
            lock_timeout: "5s".into(),
            statement_timeout: "10min".into(),
            check_down: false,
        }
    }
}

/// `[openapi]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OpenApiConfig {
    /// Globs (relative to the project root) of API descriptions to check even when their content
    /// does not say `openapi:`/`swagger:` at the top.
    pub paths: Vec<String>,
    /// How initialisms are written: inferred (`consistent`), `as-words` or `upper`.
    pub acronyms: Acronyms,
    /// A convention per kind of name; a kind not set here is inferred from the API itself.
    pub casing: CasingConfig,
    /// The `maximum` the fix gives an unbounded page-size parameter.
    pub max_page_size: u64,
    /// The idempotency header POSTs that create must accept. When unset, the rule applies only
    /// to APIs that use an `Idempotency-Key` header somewhere.
    pub idempotency_header: Option<String>,
}

impl Default for OpenApiConfig {
    fn default() -> Self {
        Self {
            paths: Vec::new(),
            acronyms: Acronyms::default(),
            casing: CasingConfig::default(),
            max_page_size: 100,
            idempotency_header: None,
        }
    }
}

/// `[policies]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PoliciesConfig {
    /// The team's `.rego` files, or directories of them, relative to the project root.
    pub paths: Vec<String>,
}

/// `[ci]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CiConfig {
    /// The `timeout-minutes` the fix gives a job without one.
    pub timeout_minutes: u32,
}

impl Default for CiConfig {
    fn default() -> Self {
        Self {
            timeout_minutes: 30,
        }
    }
}

/// `[openapi.casing]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CasingConfig {
    /// Schema property names.
    pub properties: Option<Convention>,
    /// Query, path and cookie parameter names.
    pub parameters: Option<Convention>,
    /// Header names.
    pub headers: Option<Convention>,
    /// Static path segments.
    pub paths: Option<Convention>,
    /// `operationId`s.
    pub operation_ids: Option<Convention>,
    /// String enum values.
    pub enums: Option<Convention>,
    /// Component schema names.
    pub schema_names: Option<Convention>,
}

/// Which rules run and at which severity, for a set of paths.
#[derive(Debug, Default)]
struct Selection {
    ignore: Vec<String>,
    severity: Vec<(String, Option<Severity>)>,
}

#[derive(Debug)]
struct Override {
    paths: GlobSet,
    selection: Selection,
}

/// The effective configuration of a run.
#[derive(Debug)]
pub struct Config {
    /// The file it came from, if any.
    pub file: Option<PathBuf>,
    /// The project root: the config file's directory, else the repository root, else the
    /// working directory. SARIF URIs and globs are relative to it.
    pub root: PathBuf,
    select: Option<Vec<String>>,
    base: Selection,
    overrides: Vec<Override>,
    /// The lowest severity that makes `check` exit 1.
    pub fail_on: Severity,
    /// Only files matching these are checked (empty: all).
    pub include: GlobSet,
    /// Files matching these are skipped.
    pub exclude: GlobSet,
    /// Bigger files are skipped.
    pub max_file_size: u64,
    /// `[migrations]`.
    pub migrations: MigrationsConfig,
    /// `[migrations] paths`, compiled.
    pub migration_paths: GlobSet,
    /// `[openapi]`.
    pub openapi: OpenApiConfig,
    /// `[openapi] paths`, compiled.
    pub openapi_paths: GlobSet,
    /// `[secrets]`.
    pub secrets: secrets::Settings,
    /// `[ci]`.
    pub ci: CiConfig,
    /// The built-in policies with the team's (`[policies] paths`), compiled; `None` when the
    /// team has none.
    team_policies: Option<std::sync::Arc<crate::policy::engine::Policies>>,
}

/// A configuration problem, pointing into the file.
#[derive(Debug, miette::Diagnostic, thiserror::Error)]
pub enum ConfigError {
    /// The file is not valid, with a location.
    #[error("{message}")]
    Invalid {
        /// What is wrong.
        message: String,
        /// The file's text, for the snippet.
        #[source_code]
        src: miette::NamedSource<String>,
        /// Where.
        #[label("here")]
        span: miette::SourceSpan,
        /// A suggestion.
        #[help]
        help: Option<String>,
    },
    /// The file could not be read.
    #[error("cannot read {path}: {reason}")]
    Unreadable {
        /// Which file.
        path: String,
        /// Why.
        reason: String,
    },
}

impl Config {
    /// The configuration used when no file is found.
    pub fn default_for(root: PathBuf) -> Self {
        Self {
            file: None,
            root,
            select: None,
            base: Selection::default(),
            overrides: Vec::new(),
            fail_on: Severity::Warning,
            include: GlobSet::empty(),
            exclude: GlobSet::empty(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            migrations: MigrationsConfig::default(),
            migration_paths: GlobSet::empty(),
            openapi: OpenApiConfig::default(),
            openapi_paths: GlobSet::empty(),
            secrets: secrets::Settings::default(),
            ci: CiConfig::default(),
            team_policies: None,
        }
    }

    /// Find `atlas9.toml` from `cwd` upward (stopping at the repository root) and load it.
    pub fn discover(cwd: &Path) -> Result<Self, Box<ConfigError>> {
        let mut dir = Some(cwd);
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                return Self::load(&candidate);
            }
            if d.join(".git").exists() {
                return Ok(Self::default_for(d.to_path_buf()));
            }
            dir = d.parent();
        }
        Ok(Self::default_for(cwd.to_path_buf()))
    }

    /// Load a given file.
    pub fn load(path: &Path) -> Result<Self, Box<ConfigError>> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Unreadable {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        Self::parse(&text, path)
    }

    /// Parse `text` as the content of `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Self, Box<ConfigError>> {
        let invalid = |message: String, span: Span, help: Option<String>| {
            Box::new(ConfigError::Invalid {
                message: format!("{}: {message}", path.display()),
                src: miette::NamedSource::new(path.display().to_string(), text.to_string()),
                span: (span.start, span.end - span.start).into(),
                help,
            })
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let span = e
                .span()
                .map_or(Span::default(), |r| Span::new(r.start, r.end));
            let (message, help) = explain_toml_error(e.message());
            invalid(message, span, help)
        })?;
        let root = path
            .parent()
            .map(|p| {
                if p.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    p
                }
            })
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        Self::build(raw, Some(path.to_path_buf()), root)
            .map_err(|(message, span, help)| invalid(message, span, help))
    }

    fn build(
        raw: RawConfig,
        file: Option<PathBuf>,
        root: PathBuf,
    ) -> Result<Self, (String, Span, Option<String>)> {
        // Pack rules must be known before rule ids in the selection are checked.
        let packs = secrets::load_packs(&root, raw.secrets.packs())
            .map_err(|e| (e, Span::default(), None))?;
        secrets::install(packs);
        // So are the rules of the team's policies.
        let team_policies = crate::policy::load_sources(&root, &raw.policies.paths, false)
            .and_then(crate::policy::install)
            .map_err(|e| (e, Span::default(), None))?;
        let secrets = raw
            .secrets
            .compile()
            .map_err(|e| (e, Span::default(), None))?;
        let selection = |ignore: Vec<Spanned<String>>,
                         severity: BTreeMap<Spanned<String>, Level>| {
            let ignore = ignore
                .into_iter()
                .map(check_selector)
                .collect::<Result<Vec<_>, _>>()?;
            let severity = severity
                .into_iter()
                .map(|(k, v)| check_selector(k).map(|k| (k, v.severity())))
                .collect::<Result<Vec<_>, _>>()?;
            Ok::<_, (String, Span, Option<String>)>(Selection { ignore, severity })
        };
        let select = raw
            .rules
            .select
            .map(|s| s.into_iter().map(check_selector).collect())
            .transpose()?;
        let base = selection(raw.rules.ignore, raw.rules.severity)?;
        let overrides = raw
            .overrides
            .into_iter()
            .map(|o| {
                Ok(Override {
                    paths: globs(o.paths)?,
                    selection: selection(o.ignore, o.severity)?,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let unspanned = |paths: &[String]| {
            paths
                .iter()
                .map(|p| Spanned::new(0..0, p.clone()))
                .collect()
        };
        let migration_paths = globs(unspanned(&raw.migrations.paths))?;
        let openapi_paths = globs(unspanned(&raw.openapi.paths))?;
        Ok(Self {
            file,
            root,
            select,
            base,
            overrides,
            fail_on: raw.rules.fail_on.unwrap_or(Severity::Warning),
            include: globs(raw.files.include)?,
            exclude: globs(raw.files.exclude)?,
            max_file_size: raw.files.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE),
            migrations: raw.migrations,
            migration_paths,
            openapi: raw.openapi,
            openapi_paths,
            secrets,
            ci: raw.ci,
            team_policies,
        })
    }

    /// The policies that check documents: the built-in ones, with the team's if it has any.
    pub fn policies(&self) -> std::sync::Arc<crate::policy::engine::Policies> {
        self.team_policies
            .clone()
            .unwrap_or_else(crate::policy::builtin)
    }

    /// Replace the selection with command-line `--select` and add `--ignore`.
    pub fn apply_cli(&mut self, select: &[String], ignore: &[String]) -> Result<(), String> {
        for s in select.iter().chain(ignore) {
            check_selector(Spanned::new(0..0, s.clone())).map_err(|(m, _, h)| match h {
                Some(h) => format!("{m} ({h})"),
                None => m,
            })?;
        }
        if !select.is_empty() {
            self.select = Some(select.to_vec());
        }
        self.base.ignore.extend(ignore.iter().cloned());
        Ok(())
    }

    /// True when the selection may run rules of `domain` (the ignore lists are not consulted, so
    /// this can say yes for a domain whose rules are all off).
    pub fn selects_domain(&self, domain: &str) -> bool {
        self.select.as_ref().is_none_or(|s| {
            s.iter().any(|sel| {
                matches(sel, domain) || sel.strip_prefix(domain).is_some_and(|r| r.starts_with('/'))
            })
        })
    }

    /// The severity of `rule` in `rel`, or `None` when the rule is off there.
    pub fn severity(&self, rule: &registry::Rule, rel: &str) -> Option<Severity> {
        self.severity_from(rule, rel, rule.severity)
    }

    /// [`Config::severity`], starting from `default` instead of the rule's own default.
    pub fn severity_from(
        &self,
        rule: &registry::Rule,
        rel: &str,
        default: Severity,
    ) -> Option<Severity> {
        let selected = rule.id.starts_with("atlas9/")
            || self
                .select
                .as_ref()
                .is_none_or(|s| s.iter().any(|sel| matches(sel, rule.id)));
        if !selected {
            return None;
        }
        let mut level = self.base.apply(rule.id, Some(default));
        for o in &self.overrides {
            if o.paths.is_match(rel) {
                level = o.selection.apply(rule.id, level);
            }
        }
        level
    }
}

impl Selection {
    /// A severity changes the level of a rule that runs; it never turns an ignored rule back on.
    fn apply(&self, id: &str, level: Option<Severity>) -> Option<Severity> {
        if self.ignore.iter().any(|s| matches(s, id)) {
            return None;
        }
        let mut level = level?;
        // A rule id is more specific than a domain prefix, so it wins.
        for specific in [false, true] {
            for (sel, sev) in &self.severity {
                if matches(sel, id) && (sel.contains('/') == specific) {
                    match sev {
                        Some(s) => level = *s,
                        None => return None,
                    }
                }
            }
        }
        Some(level)
    }
}

/// True when selector `sel` (a rule id or a domain) covers `id`.
pub fn matches(sel: &str, id: &str) -> bool {
    sel == id
        || id
            .strip_prefix(sel)
            .is_some_and(|rest| rest.starts_with('/'))
}

fn check_selector(s: Spanned<String>) -> Result<String, (String, Span, Option<String>)> {
    let span = Span::new(s.span().start, s.span().end);
    let value = s.into_inner();
    if registry::all().any(|r| matches(&value, r.id)) {
        return Ok(value);
    }
    let candidates = registry::all().map(|r| r.id).chain(registry::domains());
    let help = suggest(&value, candidates).map(|s| format!("did you mean `{s}`?"));
    Err((format!("unknown rule or domain `{value}`"), span, help))
}

fn globs(patterns: Vec<Spanned<String>>) -> Result<GlobSet, (String, Span, Option<String>)> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let span = Span::new(p.span().start, p.span().end);
        let glob =
            Glob::new(p.get_ref()).map_err(|e| (format!("invalid glob: {e}"), span, None))?;
        b.add(glob);
        // `dir` and `dir/` also mean everything below it, as in .gitignore.
        let below = format!("{}/**", p.get_ref().trim_end_matches('/'));
        if let Ok(g) = Glob::new(&below) {
            b.add(g);
        }
    }
    b.build()
        .map_err(|e| (format!("invalid glob: {e}"), Span::default(), None))
}

/// The closest of `candidates` to `word`, if any is close.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Turn serde's "unknown field `x`, expected one of `a`, `b`" into a message and a suggestion.
fn explain_toml_error(message: &str) -> (String, Option<String>) {
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return (message.trim().to_string(), None);
    };
    let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
    let options: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let help = suggest(field, options.iter().copied())
        .map(|s| format!("did you mean `{s}`?"))
        .or_else(|| {
            (!options.is_empty()).then(|| format!("expected one of: {}", options.join(", ")))
        });
    (format!("unknown key `{field}`"), help)
}
