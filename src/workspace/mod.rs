//! Finding the files to check and deciding what each one is.

mod classify;
pub mod git;
mod source;
mod walk;

pub use classify::{FileKind, classify};
pub use source::{LineIndex, Position, SourceFile};
pub use walk::{Candidate, Discovery, discover, relative};
