//! The app's handle on the simulated cluster. Until the engine's `Cluster`
//! lands on this branch, this keeps the virtual clock and the pods applied
//! from the editor (parsed into the engine's typed model), and nothing more:
//! no phases, no scheduling, no events are invented here.

use podplay_engine::model::Pod;
use podplay_engine::{SimTime, Text};
use serde::Deserialize;

/// The most pods the stand-in keeps (a limit on everything).
const PODS_MAX: usize = 5_000;

/// One applied pod and where the app placed it in the picture.
#[derive(Clone, Debug, PartialEq)]
pub struct PodEntry {
    pub pod: Pod,
    pub applied_at: SimTime,
}

#[derive(Debug, Default)]
pub struct Sim {
    now: SimTime,
    pods: Vec<PodEntry>,
    /// Every manifest applied so far, as one multi-document YAML: applying it
    /// to a fresh cluster recreates the pods (what a reload restores).
    applied_log: String,
}

/// The most text the applied log keeps; past it, only the latest manifest is kept.
const APPLIED_LOG_MAX: usize = 256 * 1024;

impl Sim {
    pub fn new() -> Sim {
        Sim::default()
    }

    pub fn now(&self) -> SimTime {
        self.now
    }

    pub fn pods(&self) -> &[PodEntry] {
        &self.pods
    }

    pub fn applied_log(&self) -> &str {
        &self.applied_log
    }

    pub fn pod(&self, name: &str) -> Option<&PodEntry> {
        self.pods.iter().find(|p| p.pod.metadata.name == name)
    }

    /// Moves the virtual clock forward.
    pub fn advance_by(&mut self, ms: u64) {
        self.now = self.now.plus_ms(ms);
    }

    /// Applies every `kind: Pod` document in `source` (create or replace, by
    /// name) and returns the names applied.
    pub fn apply_yaml(&mut self, source: &str) -> Result<Vec<String>, Text> {
        let mut names = Vec::new();
        for document in serde_yaml::Deserializer::from_str(source) {
            let value = serde_yaml::Value::deserialize(document).map_err(|e| {
                Text::new(format!("YAML을 읽지 못했습니다: {e}"), format!("could not read the YAML: {e}"))
            })?;
            if value.is_null() {
                continue;
            }
            let kind = value.get("kind").and_then(|k| k.as_str()).unwrap_or("");
            if kind != "Pod" {
                return Err(Text::new(
                    format!("아직 Pod 종류만 적용할 수 있습니다 (받은 kind: {kind:?})."),
                    format!("only kind: Pod can be applied for now (got kind: {kind:?})."),
                ));
            }
            let pod: Pod = serde_yaml::from_value(value).map_err(|e| {
                Text::new(format!("파드로 읽지 못했습니다: {e}"), format!("not a valid Pod: {e}"))
            })?;
            let name = pod.metadata.name.clone();
            if name.is_empty() {
                return Err(Text::new(
                    "metadata.name이 비어 있습니다.",
                    "metadata.name: Required value: name or generateName is required",
                ));
            }
            let entry = PodEntry { pod, applied_at: self.now };
            if let Some(old) = self.pods.iter_mut().find(|p| p.pod.metadata.name == name) {
                *old = entry;
            } else if self.pods.len() < PODS_MAX {
                self.pods.push(entry);
            } else {
                return Err(Text::new(
                    format!("파드는 {PODS_MAX}개까지만 만들 수 있습니다."),
                    format!("at most {PODS_MAX} pods can be created."),
                ));
            }
            names.push(name);
        }
        if !names.is_empty() {
            if !self.applied_log.is_empty() && self.applied_log.len() + source.len() < APPLIED_LOG_MAX {
                self.applied_log.push_str("\n---\n");
            } else {
                self.applied_log.clear();
            }
            self.applied_log.push_str(source);
        }
        Ok(names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::STARTER_YAML;

    #[test]
    fn applies_pods_and_replaces_by_name() {
        let mut sim = Sim::new();
        assert_eq!(sim.apply_yaml(STARTER_YAML), Ok(vec!["hello".to_string()]));
        assert_eq!(sim.apply_yaml(STARTER_YAML), Ok(vec!["hello".to_string()]));
        assert_eq!(sim.pods().len(), 1);
        sim.advance_by(1500);
        assert_eq!(sim.now(), SimTime(1500));
    }

    #[test]
    fn refuses_what_it_cannot_apply() {
        let mut sim = Sim::new();
        for bad in ["kind: Deployment\n", "kind: Pod\nmetadata: {}\nspec: {containers: []}\n", "a: ["] {
            assert!(sim.apply_yaml(bad).is_err(), "{bad}");
        }
        assert!(sim.pods().is_empty());
    }
}
