//! The validation rules, one per file, and the one registry of them.
//!
//! Each rule's doc comment reads like a ruff rule (What it does / Why is
//! this bad / Example / Use instead); its `ko`/`en` text is what the learner
//! sees beside upstream's message. Errors follow
//! `pkg/apis/core/validation/validation.go`, warnings follow
//! `pkg/api/pod/warnings.go`, lints are Podplay's own.

mod annotations;
mod best_effort;
mod container_image;
mod container_name;
mod container_ports;
mod container_restart_rules;
mod containers_required;
mod cpu_decimal;
mod cron_schedule;
mod cronjob_name;
mod cronjob_spec;
mod deprecated_node_label;
mod dns_config;
mod dns_policy;
mod duplicate_container_name;
mod duplicate_env;
mod duplicate_port;
mod env_vars;
mod ephemeral_containers;
mod fractional_bytes;
mod grace_period;
mod host_aliases;
mod host_network_ports;
mod host_port_conflict;
mod image_latest;
mod image_pull_policy;
mod image_volume;
mod init_container_probes;
mod labels;
mod lifecycle_hooks;
mod memory_without_unit;
mod node_affinity;
mod object_name;
mod placeholder;
mod pod_affinity;
mod pod_resources;
pub(crate) mod priority_class;
mod probes;
mod resize_policy;
mod resources;
mod restart_policy;
mod run_as_root_with_non_root;
mod security_context;
mod security_profiles;
mod selector_mismatch;
mod share_process_namespace;
mod sysctls;
mod tolerations;
mod topology_spread;
mod volume_mounts;
mod volumes;
mod workload_restart_policy;
mod yaml11_boolean;

use crate::diag::{Diagnostic, Severity, Span};
use crate::model::{Container, ObjectMeta, PodSpec};
use crate::text::Text;
use crate::validate::locate::locate;
use crate::yaml::YamlNode;

/// What a rule looks at.
pub enum RuleCheck {
    /// An object's or template's `metadata`.
    Meta(fn(&MetaCtx, &mut Report)),
    /// A pod spec (of a Pod or of a pod template).
    Pod(fn(&PodCtx, &mut Report)),
    /// The raw document tree (before decoding).
    Tree(fn(&YamlNode, &mut Report)),
    /// A whole decoded object's tree, with its kind.
    Object(fn(&YamlNode, &str, &mut Report)),
}

/// One validation rule.
pub struct Rule {
    /// The rule's name, e.g. `invalid-container-name`.
    pub code: &'static str,
    pub severity: Severity,
    /// Our explanation and fix hint, in Korean.
    pub ko: &'static str,
    /// Our explanation and fix hint, in English.
    pub en: &'static str,
    pub check: RuleCheck,
}

/// Every rule, in the order they run.
pub static RULES: &[&Rule] = &[
    &object_name::RULE,
    &selector_mismatch::RULE,
    &cronjob_name::RULE,
    &cron_schedule::RULE,
    &priority_class::RULE,
    &cronjob_spec::RULE,
    &labels::RULE,
    &annotations::RULE,
    &containers_required::RULE,
    &container_name::RULE,
    &duplicate_container_name::RULE,
    &container_image::RULE,
    &container_ports::RULE,
    &host_port_conflict::RULE,
    &host_network_ports::RULE,
    &resources::RULE,
    &pod_resources::RULE,
    &resize_policy::RULE,
    &restart_policy::RULE,
    &workload_restart_policy::RULE,
    &init_container_probes::RULE,
    &probes::RULE,
    &lifecycle_hooks::RULE,
    &container_restart_rules::RULE,
    &volumes::RULE,
    &volume_mounts::RULE,
    &image_volume::RULE,
    &env_vars::RULE,
    &share_process_namespace::RULE,
    &tolerations::RULE,
    &dns_policy::RULE,
    &dns_config::RULE,
    &host_aliases::RULE,
    &security_context::RULE,
    &security_profiles::RULE,
    &sysctls::RULE,
    &node_affinity::RULE,
    &pod_affinity::RULE,
    &topology_spread::RULE,
    &image_pull_policy::RULE,
    &ephemeral_containers::RULE,
    &grace_period::RULE,
    &duplicate_port::RULE,
    &duplicate_env::RULE,
    &deprecated_node_label::RULE,
    &fractional_bytes::RULE,
    &memory_without_unit::RULE,
    &cpu_decimal::RULE,
    &image_latest::RULE,
    &run_as_root_with_non_root::RULE,
    &best_effort::RULE,
    &placeholder::RULE,
    &yaml11_boolean::RULE,
];

/// The metadata a `Meta` rule checks.
pub struct MetaCtx<'a> {
    pub meta: &'a ObjectMeta,
    /// `metadata` or `spec.template.metadata`.
    pub path: &'a str,
    pub kind: &'a str,
    /// True inside a pod template (no name needed).
    pub template: bool,
}

/// Which list a container is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContainerKind {
    Init,
    Regular,
}

/// The pod spec a `Pod` rule checks.
pub struct PodCtx<'a> {
    pub spec: &'a PodSpec,
    /// The spec's tree, for what the typed model does not hold.
    pub node: Option<&'a YamlNode>,
    /// `spec` or `spec.template.spec`.
    pub path: &'a str,
    /// Volumes the controller adds (a StatefulSet's volumeClaimTemplates).
    pub extra_volumes: &'a [String],
    /// The kind of the object that holds the spec (`Pod`, `Deployment`, …).
    pub kind: &'a str,
}

impl<'a> PodCtx<'a> {
    /// Every container with its path: init containers first, as upstream
    /// validates them.
    pub fn containers(&self) -> Vec<(String, &'a Container, ContainerKind)> {
        let mut v = Vec::new();
        for (i, c) in self.spec.init_containers.iter().enumerate() {
            v.push((format!("{}.initContainers[{i}]", self.path), c, ContainerKind::Init));
        }
        for (i, c) in self.spec.containers.iter().enumerate() {
            v.push((format!("{}.containers[{i}]", self.path), c, ContainerKind::Regular));
        }
        v
    }

    /// Every container's tree with its path, init containers first, for
    /// the fields the typed model does not hold (securityContext, …).
    pub fn container_nodes(&self) -> Vec<(String, &'a YamlNode, ContainerKind)> {
        let mut v = Vec::new();
        let Some(node) = self.node else { return v };
        for (field, kind) in [("initContainers", ContainerKind::Init), ("containers", ContainerKind::Regular)] {
            for (i, c) in crate::validate::format::tree::seq_at(node, field).iter().enumerate() {
                v.push((format!("{}.{field}[{i}]", self.path), c, kind));
            }
        }
        v
    }
}

/// Where in the located field a diagnostic points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum At {
    /// The value (for `Invalid value`).
    Value,
    /// The key (for a field that should not be there).
    Key,
}

/// Collects a document's findings and locates them.
pub struct Report<'a> {
    root: &'a YamlNode,
    out: Vec<Diagnostic>,
}

/// The most findings one document reports.
const MAX_FINDINGS: usize = 500;

impl<'a> Report<'a> {
    pub fn new(root: &'a YamlNode) -> Report<'a> {
        Report { root, out: Vec::new() }
    }

    /// Reports `message` about the field at `path`, with the rule's own text.
    pub fn emit(&mut self, rule: &Rule, path: &str, message: String, at: At) {
        self.emit_explained(rule, path, message, at, Text::new(rule.ko, rule.en));
    }

    /// Reports with an explanation made for this finding.
    pub fn emit_explained(&mut self, rule: &Rule, path: &str, message: String, at: At, explain: Text) {
        let place = locate(self.root, path);
        let span = match (at, place.found) {
            (At::Value, true) => place.value,
            _ => place.key,
        };
        self.emit_at(rule, path, span, message, explain);
    }

    /// Reports at a known span.
    pub fn emit_at(&mut self, rule: &Rule, path: &str, span: Span, message: String, explain: Text) {
        if self.out.len() < MAX_FINDINGS {
            self.out.push(Diagnostic::new(rule.severity, rule.code, path, span, message, explain));
        }
    }

    /// The last finding, to attach a quick fix to it.
    pub fn last_mut(&mut self) -> Option<&mut Diagnostic> {
        self.out.last_mut()
    }

    /// The document tree findings are located in.
    pub fn root(&self) -> &'a YamlNode {
        self.root
    }

    pub fn finish(self) -> Vec<Diagnostic> {
        self.out
    }
}

/// Runs the metadata rules.
pub fn run_meta(meta: &ObjectMeta, path: &str, kind: &str, template: bool, report: &mut Report) {
    let ctx = MetaCtx { meta, path, kind, template };
    for rule in RULES {
        if let RuleCheck::Meta(f) = rule.check {
            f(&ctx, report);
        }
    }
}

/// Runs the pod spec rules.
pub fn run_pod(
    spec: &PodSpec,
    node: Option<&YamlNode>,
    path: &str,
    extra_volumes: &[String],
    kind: &str,
    report: &mut Report,
) {
    let ctx = PodCtx { spec, node, path, extra_volumes, kind };
    for rule in RULES {
        if let RuleCheck::Pod(f) = rule.check {
            f(&ctx, report);
        }
    }
}

/// Runs the object rules over a decoded document.
pub fn run_object(root: &YamlNode, kind: &str, report: &mut Report) {
    for rule in RULES {
        if let RuleCheck::Object(f) = rule.check {
            f(root, kind, report);
        }
    }
}

/// Runs the tree rules over a document.
pub fn lint_tree(root: &YamlNode, out: &mut Vec<Diagnostic>) {
    let mut report = Report::new(root);
    for rule in RULES {
        if let RuleCheck::Tree(f) = rule.check {
            f(root, &mut report);
        }
    }
    out.extend(report.finish());
}

/// One step of a path during a tree walk.
#[derive(Clone, Copy)]
pub enum Seg<'n> {
    Key(&'n str),
    Index(usize),
}

/// Builds the path string of a walk position (only when a rule reports).
pub fn path_of(segs: &[Seg]) -> String {
    let mut out = String::new();
    for s in segs {
        match s {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Walks every scalar value of a tree (not keys), with its path as
/// segments, up to a bound.
pub fn walk_scalars<'n>(root: &'n YamlNode, mut f: impl FnMut(&[Seg<'n>], &'n YamlNode)) {
    let mut stack: Vec<(usize, Option<Seg<'n>>, &'n YamlNode)> = vec![(0, None, root)];
    let mut segs: Vec<Seg<'n>> = Vec::new();
    let mut visited = 0usize;
    while let Some((depth, seg, node)) = stack.pop() {
        visited += 1;
        if visited > 200_000 {
            return;
        }
        segs.truncate(depth);
        if let Some(s) = seg {
            segs.push(s);
        }
        let depth = segs.len();
        match &node.kind {
            crate::yaml::NodeKind::Map(entries) => {
                for (k, v) in entries.iter().rev() {
                    let name = k.as_scalar().map(|s| s.text.as_str()).unwrap_or("");
                    stack.push((depth, Some(Seg::Key(name)), v));
                }
            }
            crate::yaml::NodeKind::Seq(items) => {
                for (i, v) in items.iter().enumerate().rev() {
                    stack.push((depth, Some(Seg::Index(i)), v));
                }
            }
            crate::yaml::NodeKind::Scalar(_) => f(&segs, node),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_codes_are_unique_and_texts_bilingual() {
        let mut seen = std::collections::HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.code), "duplicate rule code {}", r.code);
            assert!(!r.ko.is_empty() && !r.en.is_empty(), "{}", r.code);
            assert!(r.ko.chars().any(|c| ('가'..='힣').contains(&c)), "{} ko text is not Korean", r.code);
        }
    }
}
