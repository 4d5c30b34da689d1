//! Minimal API defaulting and admission for pods, as kube-apiserver applies
//! them before storing (`pkg/apis/core/v1/defaults.go`, the
//! `DefaultTolerationSeconds` admission plugin).
//!
//! **Swap point:** the validator (`podplay_engine::parse`) will produce
//! defaulted objects; when it lands, `pod` can delegate to it. Keep every
//! defaulting rule the cluster relies on in this one function.

use crate::model::{Pod, Toleration};

/// Applies upstream's defaults to a pod in place.
pub fn pod(p: &mut Pod, default_toleration_seconds: i64) {
    if p.api_version.is_empty() {
        p.api_version = "v1".into();
    }
    if p.kind.is_empty() {
        p.kind = "Pod".into();
    }
    if p.metadata.namespace.is_empty() {
        p.metadata.namespace = "default".into();
    }
    let s = &mut p.spec;
    s.restart_policy.get_or_insert_with(|| "Always".into());
    s.termination_grace_period_seconds.get_or_insert(30);
    s.dns_policy.get_or_insert_with(|| "ClusterFirst".into());
    s.scheduler_name.get_or_insert_with(|| "default-scheduler".into());
    s.service_account_name.get_or_insert_with(|| "default".into());
    s.priority.get_or_insert(0);
    for c in s.init_containers.iter_mut().chain(s.containers.iter_mut()) {
        if c.image_pull_policy.is_none() {
            let image = c.image.as_deref().unwrap_or("");
            let last = image.rsplit('/').next().unwrap_or(image);
            let latest = !image.contains('@') && (!last.contains(':') || last.ends_with(":latest"));
            c.image_pull_policy = Some(if latest { "Always" } else { "IfNotPresent" }.into());
        }
        c.termination_message_path.get_or_insert_with(|| "/dev/termination-log".into());
        c.termination_message_policy.get_or_insert_with(|| "File".into());
        for port in c.ports.iter_mut() {
            port.protocol.get_or_insert_with(|| "TCP".into());
        }
        // Requests default to limits when unset.
        if let Some(r) = c.resources.as_mut() {
            for (k, v) in r.limits.clone() {
                r.requests.entry(k).or_insert(v);
            }
        }
    }
    for key in ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"] {
        let has = s.tolerations.iter().any(|t| {
            (t.key.as_deref() == Some(key) || (t.key.is_none() && t.operator.as_deref() == Some("Exists")))
                && t.effect.as_deref().is_none_or(|e| e == "NoExecute" || e.is_empty())
        });
        if !has {
            s.tolerations.push(Toleration {
                key: Some(key.into()),
                operator: Some("Exists".into()),
                value: None,
                effect: Some("NoExecute".into()),
                toleration_seconds: Some(default_toleration_seconds),
            });
        }
    }
}
