//! A span-preserving YAML document tree, built from the event API of
//! `saphyr-parser`, with the checks Kubernetes' own YAML reader makes.
//!
//! Kubernetes reads YAML through `sigs.k8s.io/yaml`, which converts YAML 1.1
//! (go-yaml) to JSON. This module keeps every key and value with its line and
//! column, rejects duplicate keys and tabs in indentation the way go-yaml does,
//! and puts a limit on everything an input controls: document size, nesting
//! depth, node count and alias expansion (a "billion laughs" bomb becomes a
//! located error, not an out-of-memory crash).
//!
//! The work is split by concern: `load` (events into trees), `node` (the
//! tree), `resolve` (scalars as go-yaml reads them), `syntax` (syntax
//! diagnostics), `decode` (trees into typed values) and `limits`.

pub mod decode;
mod limits;
mod load;
mod node;
pub mod resolve;
mod syntax;

pub use decode::{from_node, from_str, DecodeError};
pub use limits::{MAX_DEPTH, MAX_DOCUMENTS, MAX_NODES, MAX_SOURCE_BYTES, MAX_YAML_DIAGNOSTICS};
pub use load::load;
pub use node::{Document, Loaded, NodeKind, YamlNode};
pub use resolve::{Resolved, Scalar, ScalarStyle};
