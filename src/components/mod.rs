//! The app's components, one per file.

pub mod editor;
pub mod header;
