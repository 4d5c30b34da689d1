//! `podplay-node` as a library: the pieces the command-line binary is built
//! from, kept apart so that they can be unit-tested.
//!
//! Process shape (after pause.c, containerd's sandbox and youki): the
//! supervisor (`run`) re-executes itself as a holder (`__holder`, the pause
//! process that owns the pod's net, ipc and uts namespaces) and as one shim
//! per container (`__container`), so that no `fork` ever happens in a
//! multi-threaded process. See README.md beside this crate.

pub mod cgroup;
pub mod debug;
pub mod helper;
pub mod inspect;
pub mod manifest;
pub mod msg;
pub mod oci;
pub mod pod;
pub mod probe;
pub mod resize;
pub mod rootfs;
pub mod run;
pub mod serve;
pub mod state;
pub mod userns;
pub mod volumes;
