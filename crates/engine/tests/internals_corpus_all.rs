//! Every pod of the docs corpus runs in the pod runtime for a virtual
//! minute: nothing panics, containers either start or fail for a reason
//! the runtime names (a missing ConfigMap, an unpullable image), and no
//! script of the docs meets a syntax error (bash-only syntax is reported as unsupported).

mod internals_support;

use internals_support::{corpus, Harness};
use podplay_engine::model::Pod;
use podplay_engine::runtime::ContainerRuntime;

/// The pod (or pod template) of each document of a manifest.
fn pods_of(text: &str) -> Vec<Pod> {
    let mut out = Vec::new();
    for doc in podplay_engine::yaml::load(text).documents {
        let value = doc.root.to_value();
        let kind = value.get("kind").and_then(|k| k.as_str()).unwrap_or("");
        let spec = match kind {
            "Pod" => Some(value.clone()),
            "CronJob" => value
                .get("spec")
                .and_then(|s| s.get("jobTemplate"))
                .and_then(|j| j.get("spec"))
                .and_then(|s| s.get("template"))
                .cloned(),
            _ => value.get("spec").and_then(|s| s.get("template")).cloned(),
        };
        let Some(spec) = spec else { continue };
        if let Ok(mut pod) = serde_json::from_value::<Pod>(spec) {
            if pod.metadata.name.is_empty() {
                pod.metadata.name = "from-template".to_string();
            }
            // The StatefulSet controller adds a claim volume per volumeClaimTemplate.
            let templates = value.get("spec").and_then(|s| s.get("volumeClaimTemplates")).and_then(|v| v.as_array());
            for t in templates.into_iter().flatten() {
                let name = t.get("metadata").and_then(|m| m.get("name")).and_then(|n| n.as_str()).unwrap_or("");
                let claim = format!("{{name: {name}, persistentVolumeClaim: {{claimName: {name}-0}}}}");
                if let Ok(v) = podplay_engine::yaml::from_str(&claim) {
                    pod.spec.volumes.push(v);
                }
            }
            out.push(pod);
        }
    }
    out
}

#[test]
fn every_corpus_pod_runs_for_a_minute() {
    let Some(dir) = corpus() else { return };
    let Ok(index) = std::fs::read_to_string(dir.join("INDEX.tsv")) else { return };
    let mut ran = 0;
    let mut unexplained = Vec::new();
    for row in index.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        let (Some(path), Some(features)) = (cols.first(), cols.get(3)) else { continue };
        if !features.contains("has-pod-spec") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(dir.join(path)) else { continue };
        for pod in pods_of(&text).into_iter().take(8) {
            let mut h = Harness::new(pod.clone());
            h.create();
            for c in pod.spec.init_containers.iter().chain(pod.spec.containers.iter()) {
                if let Err(e) = h.rt.start(&h.id(&c.name), c, h.now) {
                    let known = matches!(e.reason.as_str(), "FailedMount" | "ErrImagePull");
                    if !known && !features.contains("quirk") {
                        unexplained.push(format!("{path} {}: {} {}", c.name, e.reason, e.message));
                    }
                }
            }
            h.advance_ms(60_000);
            let _ = h.rt.inspect(&h.uid);
            for c in pod.spec.init_containers.iter().chain(pod.spec.containers.iter()) {
                for line in h.logs(&c.name) {
                    if line.contains("syntax error") && !line.contains("not supported by this simulated shell") {
                        unexplained.push(format!("{path} {}: {line}", c.name));
                    }
                }
            }
            ran += 1;
        }
    }
    assert!(ran > 100, "only {ran} pods ran");
    assert!(unexplained.is_empty(), "{}", unexplained.join("\n"));
}
