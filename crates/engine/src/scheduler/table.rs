//! The per-node table the learner sees: every filter's verdict and every
//! score on every node ("why here / why Pending").

use serde::Serialize;

use super::framework::Status;

/// One filter's verdict on one node, for the "why" table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FilterVerdict {
    pub plugin: &'static str,
    pub status: Status,
}

/// One score plugin's numbers on one node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScoreCell {
    pub plugin: &'static str,
    pub raw: i64,
    pub normalized: i64,
    pub weight: i64,
    pub weighted: i64,
    /// The plugin skipped this pod (PreScore `Skip`): it adds nothing.
    pub skipped: bool,
}

/// One node's row in the table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NodeRow {
    pub node: String,
    /// Every filter, in framework order (upstream stops at the first failure;
    /// the table shows them all and marks that one).
    pub filters: Vec<FilterVerdict>,
    pub first_failure: Option<&'static str>,
    pub feasible: bool,
    pub scores: Vec<ScoreCell>,
    pub total: Option<i64>,
}

/// The per-node table behind a scheduling decision: "why here / why Pending".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SchedulingTable {
    pub rows: Vec<NodeRow>,
    /// The best-scoring feasible node(s) in this table.
    pub best: Vec<String>,
    /// The FitError text when no node is feasible.
    pub message: Option<String>,
    /// How many nodes upstream would check before stopping (sampling).
    pub nodes_to_find: usize,
}
