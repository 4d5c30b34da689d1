//! The event stream in kubectl's shape (type, reason, object, message,
//! count, first and last seen), with upstream's correlator deduplication:
//! an identical event increments `count` instead of appearing twice
//! (`k8s.io/client-go/tools/record/events_cache.go`).

use std::collections::{BTreeMap, VecDeque};

use serde::Serialize;

use crate::text::Text;
use crate::time::SimTime;

/// `Normal` or `Warning`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum EventType {
    Normal,
    Warning,
}

impl EventType {
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Normal => "Normal",
            EventType::Warning => "Warning",
        }
    }
}

/// The object an event is about (`involvedObject`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ObjectRef {
    pub kind: String,
    pub namespace: String,
    pub name: String,
    pub uid: String,
}

/// One event, as `kubectl get events` / `describe` show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Event {
    /// Order of first appearance.
    pub seq: u64,
    #[serde(rename = "type")]
    pub type_: EventType,
    pub reason: String,
    pub object: ObjectRef,
    pub message: String,
    pub count: u32,
    pub first_seen: SimTime,
    pub last_seen: SimTime,
    /// The reporting component (`default-scheduler`, `kubelet`, `replicaset-controller`, …).
    pub source: String,
    /// The node, for kubelet events.
    pub host: Option<String>,
}

impl Event {
    /// A short "why?" for this event's reason, in both languages.
    pub fn explain(&self) -> Text {
        super::explain::event(&self.reason, &self.object.kind)
    }

    /// kubectl's FROM column (`kubelet` or `default-scheduler`).
    pub fn from(&self) -> &str {
        &self.source
    }
}

/// The event log: bounded, deduplicated, deterministic.
pub struct EventLog {
    events: VecDeque<Event>,
    index: BTreeMap<(ObjectRef, EventType, String, String, String), u64>,
    next_seq: u64,
    max: usize,
}

impl EventLog {
    pub fn new(max: usize) -> EventLog {
        EventLog { events: VecDeque::new(), index: BTreeMap::new(), next_seq: 0, max: max.max(1) }
    }

    /// Records an event or bumps the count of an identical one.
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &mut self,
        now: SimTime,
        type_: EventType,
        object: &ObjectRef,
        reason: &str,
        message: String,
        source: &str,
        host: Option<&str>,
    ) -> u64 {
        let key = (object.clone(), type_, reason.to_string(), message, source.to_string());
        if let Some(seq) = self.index.get(&key).copied() {
            let first = self.events.front().map_or(0, |e| e.seq);
            if let Some(e) = seq.checked_sub(first).and_then(|i| self.events.get_mut(i as usize)) {
                e.count = e.count.saturating_add(1);
                e.last_seen = now;
                return seq;
            }
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        let (object, type_, reason, message, source) = key.clone();
        self.events.push_back(Event {
            seq,
            type_,
            reason,
            object,
            message,
            count: 1,
            first_seen: now,
            last_seen: now,
            source,
            host: host.map(str::to_string),
        });
        self.index.insert(key, seq);
        while self.events.len() > self.max {
            if let Some(old) = self.events.pop_front() {
                self.index.remove(&(old.object, old.type_, old.reason, old.message, old.source));
            }
        }
        seq
    }

    pub fn iter(&self) -> impl Iterator<Item = &Event> {
        self.events.iter()
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }
}
