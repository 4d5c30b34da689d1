//! A kube-scheduler in the framework's shape: filter plugins say which nodes
//! can run a pod (with every reason a node fails), score plugins rank the
//! feasible ones, and a failed cycle becomes upstream's `FitError` text.
//!
//! Follows `pkg/scheduler/schedule_one.go` (node sampling with
//! `percentageOfNodesToScore`, rotating start index, `selectHost` tie-break)
//! and `pkg/scheduler/framework/types.go` (`FitError.Error`). Plugins live one
//! per file; default weights come from
//! `pkg/scheduler/apis/config/v1/default_plugins.go`.
//!
//! The framework's types are in `framework`, one cycle in `schedule`, the
//! failure text in `fit_error`, the learner's table in `table` and its
//! explanations in `explain`.

mod admission;
mod balanced_allocation;
mod explain;
mod fit_error;
mod framework;
mod node_affinity;
mod node_name;
mod node_ports;
mod node_resources_fit;
mod node_unschedulable;
mod preemption;
mod schedule;
mod table;
mod taint_toleration;

pub use admission::{admission_check, Rejection};
pub use balanced_allocation::BalancedAllocation;
pub use explain::explain;
pub use fit_error::FitError;
pub use framework::*;
pub use node_affinity::NodeAffinityPlugin;
pub use node_name::NodeName;
pub use node_ports::NodePorts;
pub use node_resources_fit::NodeResourcesFit;
pub use node_unschedulable::NodeUnschedulable;
pub use preemption::{preempt, Preemption, Preemptor, Resident};
pub use schedule::{Decision, Scheduler};
pub use table::{FilterVerdict, NodeRow, SchedulingTable, ScoreCell};
pub use taint_toleration::TaintToleration;
