//! The app's components, one per file.

pub mod clock;
pub mod cluster_view;
pub mod editor;
pub mod events;
pub mod header;
pub mod hook;
pub mod lessons;
pub mod pod_view;
pub mod predict;
pub mod tabs;
pub mod terminal;
pub mod traffic;
