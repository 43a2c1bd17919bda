//! Parsers that keep byte spans: SQL statements, and a span-aware tree read from YAML or JSON.

pub mod json;
pub mod sql;
pub mod tree;
