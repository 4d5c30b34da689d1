//! The limits on what one YAML source may hold, so that every input is
//! read in bounded time and memory.

/// The largest source the engine reads, in bytes.
pub const MAX_SOURCE_BYTES: usize = 4 * 1024 * 1024;
/// The deepest nesting of mappings and sequences accepted.
pub const MAX_DEPTH: usize = 256;
/// The most nodes one source may expand to, aliases included.
pub const MAX_NODES: usize = 1_000_000;
/// The most YAML-level diagnostics (duplicate keys, tabs) one source reports.
pub const MAX_YAML_DIAGNOSTICS: usize = 200;
/// The most documents one source may hold.
pub const MAX_DOCUMENTS: usize = 10_000;
