//! Parsers that keep byte spans: SQL statements, and a span-aware YAML/JSON tree.

pub mod sql;
pub mod tree;
