//! Debrief and predict-explain placeholders: `{{restarts POD CONTAINER}}`,
//! `{{exitCode POD CONTAINER}}`, `{{reason POD CONTAINER}}`, `{{node POD}}`,
//! `{{qos POD}}`, `{{phase POD}}`, `{{podIP POD}}`, `{{events REASON}}`,
//! `{{traffic TYPE}}` and `{{lastLog POD CONTAINER}}`, filled from the run's
//! [`World`]. Pods are in `default` unless written `NAMESPACE/POD`. The
//! loader rejects unknown ones; a value that does not exist renders as `-`.

use super::eval::{PodFacts, World};
use super::schema::TRAFFIC_TYPES;
use crate::text::Text;

/// The upper bound of placeholders filled in one text; later ones stay as written.
const PLACEHOLDERS_MAX: usize = 256;
/// The upper bound of one placeholder's inside, in bytes.
const INNER_MAX: usize = 256;

/// One parsed placeholder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Placeholder {
    /// `restartCount` of a container.
    Restarts(PodRef, String),
    /// The exit code of the current, else the last, termination.
    ExitCode(PodRef, String),
    /// The current state's reason, else the last termination's.
    Reason(PodRef, String),
    /// The node a pod is bound to.
    Node(PodRef),
    /// The pod's QoS class.
    Qos(PodRef),
    /// The pod's phase.
    Phase(PodRef),
    /// The pod's IP.
    PodIp(PodRef),
    /// The total count of events with this reason.
    Events(String),
    /// How much traffic of this type was seen.
    Traffic(String),
    /// The container's last log line.
    LastLog(PodRef, String),
}

/// A pod named in a placeholder: `POD` (in `default`) or `NAMESPACE/POD`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PodRef {
    pub(crate) namespace: String,
    pub(crate) name: String,
}

impl PodRef {
    fn parse(word: &str) -> PodRef {
        match word.split_once('/') {
            Some((ns, name)) => PodRef { namespace: ns.to_string(), name: name.to_string() },
            None => PodRef { namespace: "default".to_string(), name: word.to_string() },
        }
    }
}

/// The placeholder names and how each is written, for error messages.
const FORMS: &str = "restarts POD CONTAINER, exitCode POD CONTAINER, reason POD CONTAINER, node POD, qos POD, \
                     phase POD, podIP POD, events REASON, traffic TYPE, lastLog POD CONTAINER";

/// Parses the inside of `{{…}}`.
pub(crate) fn parse(inner: &str) -> Result<Placeholder, Text> {
    let words: Vec<&str> = inner.split_whitespace().collect();
    let bad = || {
        Text::new(
            format!("알 수 없는 자리표시자 {{{{{inner}}}}}입니다. 쓸 수 있는 형식: {FORMS}"),
            format!("unknown placeholder {{{{{inner}}}}}; expected one of: {FORMS}"),
        )
    };
    let parsed = match words.as_slice() {
        ["restarts", pod, c] => Placeholder::Restarts(PodRef::parse(pod), c.to_string()),
        ["exitCode", pod, c] => Placeholder::ExitCode(PodRef::parse(pod), c.to_string()),
        ["reason", pod, c] => Placeholder::Reason(PodRef::parse(pod), c.to_string()),
        ["lastLog", pod, c] => Placeholder::LastLog(PodRef::parse(pod), c.to_string()),
        ["node", pod] => Placeholder::Node(PodRef::parse(pod)),
        ["qos", pod] => Placeholder::Qos(PodRef::parse(pod)),
        ["phase", pod] => Placeholder::Phase(PodRef::parse(pod)),
        ["podIP", pod] => Placeholder::PodIp(PodRef::parse(pod)),
        ["events", reason] => Placeholder::Events(reason.to_string()),
        ["traffic", ty] if TRAFFIC_TYPES.contains(ty) => Placeholder::Traffic(ty.to_string()),
        ["traffic", ty] => {
            let types = TRAFFIC_TYPES.join(", ");
            return Err(Text::new(
                format!("{{{{traffic {ty}}}}}: 트래픽 종류는 {types} 중 하나여야 합니다."),
                format!("{{{{traffic {ty}}}}}: the traffic type must be one of {types}"),
            ));
        }
        _ => return Err(bad()),
    };
    Ok(parsed)
}

/// One piece of a text: plain text or a placeholder's inside.
pub(crate) enum Piece<'a> {
    Plain(&'a str),
    Inner(&'a str),
}

/// Splits a text at `{{…}}`. An unclosed `{{` and everything after it is
/// plain text; `unclosed` says so.
pub(crate) fn pieces(text: &str) -> (Vec<Piece<'_>>, bool) {
    let mut out = Vec::new();
    let mut rest = text;
    let mut count = 0usize;
    while let Some(start) = rest.find("{{") {
        if count >= PLACEHOLDERS_MAX {
            break;
        }
        count += 1;
        let after = rest.get(start + 2..).unwrap_or("");
        let Some(end) = after.find("}}") else {
            out.push(Piece::Plain(rest));
            return (out, true);
        };
        out.push(Piece::Plain(rest.get(..start).unwrap_or("")));
        out.push(Piece::Inner(after.get(..end).unwrap_or("")));
        rest = after.get(end + 2..).unwrap_or("");
    }
    out.push(Piece::Plain(rest));
    (out, false)
}

/// Every problem with the placeholders of a text (for the loader).
pub(crate) fn problems(text: &str) -> Vec<Text> {
    let (parts, unclosed) = pieces(text);
    let mut out = Vec::new();
    for p in parts {
        if let Piece::Inner(inner) = p {
            if inner.len() > INNER_MAX {
                out.push(Text::new("자리표시자가 너무 깁니다.", "placeholder too long"));
            } else if let Err(e) = parse(inner) {
                out.push(e);
            }
        }
    }
    if unclosed {
        out.push(Text::new("닫히지 않은 자리표시자 `{{`가 있습니다.", "unclosed placeholder `{{`"));
    }
    out
}

/// Fills a debrief's or a predict explanation's placeholders from the run's
/// world. What does not exist renders as `-`; an unknown or unclosed
/// placeholder stays as written (the loader rejects those). Bounded: at
/// most a few hundred placeholders are filled; never panics.
pub fn render_placeholders(text: &str, world: &dyn World) -> String {
    let (parts, _) = pieces(text);
    let mut pods: Option<Vec<PodFacts>> = None;
    let mut out = String::with_capacity(text.len());
    for p in parts {
        match p {
            Piece::Plain(s) => out.push_str(s),
            Piece::Inner(inner) => match parse(inner).ok().filter(|_| inner.len() <= INNER_MAX) {
                Some(ph) => {
                    let all = pods.get_or_insert_with(|| world.pods());
                    out.push_str(&value(&ph, all, world).unwrap_or_else(|| "-".to_string()));
                }
                None => {
                    out.push_str("{{");
                    out.push_str(inner);
                    out.push_str("}}");
                }
            },
        }
    }
    out
}

/// One placeholder's value (`Ok(None)` when what it names does not exist),
/// or why its inside is not a placeholder.
pub(crate) fn fill(inner: &str, world: &dyn World) -> Result<Option<String>, Text> {
    let ph = parse(inner)?;
    Ok(value(&ph, &world.pods(), world))
}

fn value(ph: &Placeholder, pods: &[PodFacts], world: &dyn World) -> Option<String> {
    let pod = |r: &PodRef| pods.iter().find(|p| p.namespace == r.namespace && p.name == r.name);
    let container = |r: &PodRef, c: &str| pod(r).and_then(|p| p.containers.iter().find(|x| x.name == c)).cloned();
    match ph {
        Placeholder::Restarts(r, c) => container(r, c).map(|c| c.restart_count.to_string()),
        Placeholder::ExitCode(r, c) => container(r, c).and_then(|c| c.exit_code).map(|x| x.to_string()),
        Placeholder::Reason(r, c) => container(r, c).and_then(|c| c.reason.or(c.last_reason)),
        Placeholder::Node(r) => pod(r).and_then(|p| p.node.clone()),
        Placeholder::Qos(r) => pod(r).map(|p| p.qos_class.clone()).filter(|q| !q.is_empty()),
        Placeholder::Phase(r) => pod(r).map(|p| p.phase.clone()).filter(|q| !q.is_empty()),
        Placeholder::PodIp(r) => pod(r).and_then(|p| p.pod_ip.clone()),
        Placeholder::Events(reason) => Some(
            world
                .events()
                .iter()
                .filter(|e| &e.reason == reason)
                .fold(0u64, |acc, e| acc.saturating_add(u64::from(e.count.max(1))))
                .to_string(),
        ),
        Placeholder::Traffic(ty) => Some(world.traffic().iter().filter(|t| &t.kind == ty).count().to_string()),
        Placeholder::LastLog(r, c) => {
            pod(r)?;
            world.logs(&r.namespace, &r.name, c).last().cloned()
        }
    }
}
