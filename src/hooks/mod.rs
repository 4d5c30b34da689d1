//! The app's hooks: each returns a handle with domain methods.

pub mod use_cluster;

pub use use_cluster::{use_cluster, ClusterHandle};
