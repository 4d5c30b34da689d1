//! The event stream in kubectl's shape (type, reason, object, message,
//! count, first and last seen), with upstream's correlator deduplication:
//! an identical event increments `count` instead of appearing twice
//! (`k8s.io/client-go/tools/record/events_cache.go`).

use std::collections::{HashMap, VecDeque};

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
    /// The part of the object the event is about, e.g. `spec.containers{app}`
    /// for a container's events (`involvedObject.fieldPath`); empty for the
    /// whole object.
    pub field_path: String,
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
    /// FNV-1a hash of the correlation key → sequence number. Only looked up,
    /// never iterated, so hashing cannot change any order.
    index: HashMap<u64, u64>,
    next_seq: u64,
    max: usize,
}

impl EventLog {
    pub fn new(max: usize) -> EventLog {
        EventLog { events: VecDeque::new(), index: HashMap::new(), next_seq: 0, max: max.max(1) }
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
        let h = correlation_hash(object, type_, reason, &message, source);
        if let Some(seq) = self.index.get(&h).copied() {
            let first = self.events.front().map_or(0, |e| e.seq);
            if let Some(e) = seq.checked_sub(first).and_then(|i| self.events.get_mut(i as usize)) {
                let same = e.object == *object
                    && e.type_ == type_
                    && e.reason == reason
                    && e.message == message
                    && e.source == source;
                if same {
                    e.count = e.count.saturating_add(1);
                    e.last_seen = now;
                    return seq;
                }
            }
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        let (object, reason, source) = (object.clone(), reason.to_string(), source.to_string());
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
        self.index.insert(h, seq);
        while self.events.len() > self.max {
            if let Some(old) = self.events.pop_front() {
                let oh = correlation_hash(&old.object, old.type_, &old.reason, &old.message, &old.source);
                if self.index.get(&oh) == Some(&old.seq) {
                    self.index.remove(&oh);
                }
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

/// FNV-1a over the fields upstream's correlator compares.
fn correlation_hash(o: &ObjectRef, t: EventType, reason: &str, message: &str, source: &str) -> u64 {
    let mut h = crate::hash::Fnv1a64::new();
    for part in [o.kind.as_str(), &o.namespace, &o.name, &o.uid, &o.field_path, t.as_str(), reason, message, source] {
        h.write(part.as_bytes());
        h.write(&[0xff]);
    }
    h.finish()
}
