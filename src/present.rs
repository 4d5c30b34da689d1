//! Glue between the engine's views and the components' plain props: what
//! each view shows, picked out of `Sim`. No Kubernetes logic lives here;
//! it only selects and formats what the engine reports.

use podplay_engine::kubelet::status::ContainerStatus;
use podplay_engine::kubelet::{ContainerState, Phase};
use podplay_engine::runtime::TrafficKind;
use podplay_engine::{PodView, SimTime};

use crate::components::cluster_view::{NodeCard, PendingPod, PodChip};
use crate::components::events::EventRow;
use crate::components::pod_view::{ContainerRow, NsInodes};
use crate::components::traffic::{Endpoint, Flight};
use crate::sim::Sim;

fn phase_class(p: Phase) -> &'static str {
    match p {
        Phase::Pending => "pending",
        Phase::Running => "running",
        Phase::Succeeded => "succeeded",
        Phase::Failed => "failed",
        Phase::Unknown => "unknown",
    }
}

fn chip(p: &PodView) -> PodChip {
    PodChip { name: p.name.clone(), status: p.status.clone(), phase: phase_class(p.phase) }
}

/// The most pending pods whose scheduling table is computed per render (each
/// table looks at every node), and the most rows kept from one table.
pub const WHY_TABLES_MAX: usize = 5;
pub const WHY_ROWS_MAX: usize = 12;

/// Nodes with their pods, and the pods no node has taken (with the "why").
pub fn cluster(sim: &Sim) -> (Vec<NodeCard>, Vec<PendingPod>) {
    let pods = sim.pods();
    let mut cards: Vec<NodeCard> = sim
        .nodes()
        .into_iter()
        .map(|n| NodeCard {
            name: n.name.clone(),
            status: n.status.clone(),
            ready: n.ready,
            cpu: (n.requested.milli_cpu, n.allocatable.milli_cpu),
            memory: (n.requested.memory, n.allocatable.memory),
            pods: Vec::new(),
        })
        .collect();
    let mut pending = Vec::new();
    for p in &pods {
        match p.node.as_deref().and_then(|node| cards.iter_mut().find(|c| c.name == node)) {
            Some(card) => card.pods.push(chip(p)),
            None => {
                let table =
                    if pending.len() < WHY_TABLES_MAX { sim.scheduling_table(&p.namespace, &p.name) } else { None };
                let rows = table
                    .as_ref()
                    .map(|t| {
                        // Feasible nodes first, best score first; then the refused ones.
                        let mut rows: Vec<_> = t.rows.iter().collect();
                        rows.sort_by_key(|r| (!r.feasible, std::cmp::Reverse(r.total.unwrap_or(i64::MIN))));
                        rows.into_iter()
                            .take(WHY_ROWS_MAX)
                            .map(|r| {
                                let reason = r
                                    .filters
                                    .iter()
                                    .filter(|f| !f.status.is_success())
                                    .flat_map(|f| f.status.reasons.iter().map(|s| s.to_string()))
                                    .collect::<Vec<_>>()
                                    .join("; ");
                                (r.node.clone(), reason, r.total)
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let hidden_rows = table.as_ref().map_or(0, |t| t.rows.len().saturating_sub(WHY_ROWS_MAX));
                pending.push(PendingPod { chip: chip(p), message: table.and_then(|t| t.message), rows, hidden_rows });
            }
        }
    }
    (cards, pending)
}

fn state_text(s: &ContainerState) -> (String, Option<String>) {
    match s {
        ContainerState::Waiting { reason, message } => (format!("Waiting: {reason}"), message.clone()),
        ContainerState::Running { .. } => ("Running".to_string(), None),
        ContainerState::Terminated(t) => (format!("Terminated: {} ({})", t.reason, t.exit_code), t.message.clone()),
    }
}

/// A Go `time.Duration` as kubectl and the kubelet print it (`40s`, `2m40s`,
/// `5m0s`, `1h0m0s`), in milliseconds. Fractions are not printed for
/// back-offs, so they are refused here.
pub fn go_duration_ms(text: &str) -> Option<u64> {
    let mut total = 0u64;
    let mut digits = String::new();
    for ch in text.chars().take(24) {
        match ch {
            '0'..='9' => digits.push(ch),
            'h' | 'm' | 's' => {
                let n: u64 = digits.parse().ok()?;
                digits.clear();
                let unit = match ch {
                    'h' => 3_600_000,
                    'm' => 60_000,
                    _ => 1_000,
                };
                total = total.checked_add(n.checked_mul(unit)?)?;
            }
            _ => return None,
        }
    }
    digits.is_empty().then_some(total)
}

/// A container waiting in `CrashLoopBackOff`: how long until the kubelet
/// restarts it, and the whole back-off, both in ms of virtual time. The
/// back-off runs from the last exit for the period the kubelet's message
/// names (`back-off 40s restarting failed container=…`), as
/// `k8s.io/client-go/util/flowcontrol/backoff.go` `IsInBackOffSince` measures
/// it from the event time (pkg/kubelet/kuberuntime/kuberuntime_manager.go `doBackOff`).
pub fn backoff(status: &ContainerStatus, now: SimTime) -> Option<(u64, u64)> {
    let ContainerState::Waiting { reason, message: Some(message) } = &status.state else { return None };
    if reason != "CrashLoopBackOff" {
        return None;
    }
    let period_ms = go_duration_ms(message.strip_prefix("back-off ")?.split(' ').next()?)?;
    let until = status.last_state.as_ref()?.finished_at.plus_ms(period_ms);
    Some((until.since(now), period_ms))
}

/// What the pod view shows beyond the spec: status line, IP, container
/// states and namespace inodes.
pub fn pod_details(sim: &Sim, view: &PodView) -> (String, Option<String>, Vec<ContainerRow>, Option<NsInodes>) {
    let status = match &view.node {
        Some(node) => format!("{} · {}", view.status, node),
        None => view.status.clone(),
    };
    let ephemeral = view.ephemeral_container_statuses.iter().map(|c| (c, true));
    let rows = view
        .init_container_statuses
        .iter()
        .chain(&view.container_statuses)
        .map(|c| (c, false))
        .chain(ephemeral)
        .map(|(c, ephemeral)| {
            let (state, message) = state_text(&c.state);
            let backoff = backoff(c, sim.now());
            let last_exit = c.last_state.as_ref().map(|t| format!("{} ({})", t.reason, t.exit_code));
            ContainerRow {
                name: c.name.clone(),
                state,
                ready: c.ready,
                restarts: c.restart_count,
                message,
                backoff,
                last_exit,
                ephemeral,
            }
        })
        .collect();
    let inodes = sim.inside(&view.namespace, &view.name).map(|inside| NsInodes {
        net: inside.net_ns,
        user: inside.user_ns,
        // Every container the runtime runs, ephemeral ones included.
        per_container: inside
            .containers
            .iter()
            .map(|v| (v.name.clone(), (v.namespaces.mnt, v.namespaces.pid)))
            .collect(),
    });
    (status, view.pod_ip.clone(), rows, inodes)
}

/// The event table, newest last.
pub fn events(sim: &Sim) -> Vec<EventRow> {
    let now = sim.now();
    sim.events()
        .into_iter()
        .map(|e| EventRow {
            age_ms: now.since(e.last_seen),
            kind: e.type_,
            reason: e.reason,
            object: format!("{}/{}", e.object_kind.to_lowercase(), e.object_name),
            subobject: e.field_path,
            message: e.message,
            count: e.count,
        })
        .collect()
}

/// Per-container logs of one pod.
pub fn logs(sim: &Sim, view: &PodView) -> Vec<(String, Vec<String>)> {
    view.pod
        .spec
        .init_containers
        .iter()
        .chain(&view.pod.spec.containers)
        .map(|c| (c.name.clone(), sim.logs(&view.namespace, &view.name, &c.name).into_iter().map(|l| l.line).collect()))
        .collect()
}

fn kind_index(k: TrafficKind) -> usize {
    match k {
        TrafficKind::Localhost => 0,
        TrafficKind::PodNetwork => 1,
        TrafficKind::External => 2,
        TrafficKind::VolumeWrite => 3,
        TrafficKind::VolumeRead => 4,
        TrafficKind::Probe => 5,
    }
}

/// How long one packet takes on the virtual clock.
pub const FLIGHT_MS: f64 = 1_000.0;

/// The traffic picture of one pod: its containers in a row, the kubelet
/// above, the outside to the right, volumes below; one flight per event,
/// timed on the virtual clock. Also the event list for the timeline.
pub fn traffic(sim: &Sim, view: &PodView) -> (Vec<Endpoint>, Vec<Flight>, Vec<podplay_engine::runtime::Traffic>) {
    let mut ends = vec![Endpoint { label: "kubelet".into(), x: 60.0, y: 30.0, hook: "probe".into() }];
    let n = view.pod.spec.containers.len().min(12);
    for (i, c) in view.pod.spec.containers.iter().take(n).enumerate() {
        let hook = format!("container:{}", c.name);
        ends.push(Endpoint { label: c.name.clone(), x: 80.0 + i as f64 * 150.0, y: 130.0, hook });
    }
    let right = 80.0 + n.max(1) as f64 * 150.0;
    ends.push(Endpoint { label: "outside".into(), x: right, y: 60.0, hook: "traffic:external".into() });
    for (i, v) in view.pod.spec.volumes.iter().take(12).enumerate() {
        let hook = format!("volume:{}", v.name);
        ends.push(Endpoint { label: v.name.clone(), x: 80.0 + i as f64 * 150.0, y: 230.0, hook });
    }
    let outside = n + 1;
    let find = |name: &str| ends.iter().position(|e| e.label == name).unwrap_or(outside);
    let events = sim.traffic(&view.namespace, &view.name);
    let flights = events
        .iter()
        .rev()
        .take(crate::components::traffic::PACKETS_MAX)
        .map(|t| Flight {
            from: find(&t.from),
            to: find(&t.to),
            start_ms: t.at.as_millis() as f64,
            dur_ms: FLIGHT_MS,
            kind: kind_index(t.kind),
        })
        .collect();
    (ends, flights, events)
}

#[cfg(test)]
mod tests {
    use super::*;
    use podplay_engine::Lang;

    #[test]
    fn go_durations_read_as_kubectl_prints_them() {
        for (text, want) in [
            ("10s", Some(10_000)),
            ("40s", Some(40_000)),
            ("160s", Some(160_000)),
            ("2m40s", Some(160_000)),
            ("5m0s", Some(300_000)),
            ("1h0m0s", Some(3_600_000)),
            ("", Some(0)),
            ("40", None),
            ("1.5s", None),
            ("s", None),
            ("99999999999999999999s", None),
        ] {
            assert_eq!(go_duration_ms(text), want, "{text:?}");
        }
    }

    #[test]
    fn the_backoff_counts_down_to_the_restart() {
        let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: crasher\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: [sh, -c, 'sleep 1; exit 3']\n";
        let mut sim = Sim::new();
        sim.apply_yaml(yaml, Lang::En).unwrap();
        let status = |sim: &Sim| sim.pod("crasher").and_then(|p| p.container_statuses.first().cloned());
        // Run until the container waits in its back-off.
        let mut steps = 0;
        while status(&sim).and_then(|s| backoff(&s, sim.now())).is_none() {
            sim.advance_by(100);
            steps += 1;
            assert!(steps < 2_000, "never reached CrashLoopBackOff: {:?}", status(&sim));
        }
        let status = |sim: &Sim| status(sim).expect("the container has a status");
        let (left, period) = backoff(&status(&sim), sim.now()).unwrap();
        assert!(period >= 10_000 && left <= period, "{left} of {period}");
        let restarts = status(&sim).restart_count;
        // The countdown follows the virtual clock…
        sim.advance_by(1_000);
        assert_eq!(backoff(&status(&sim), sim.now()).map(|b| b.0), Some(left - 1_000));
        // …and at zero the kubelet sets about restarting it.
        sim.advance_by(left - 1_000 - 1);
        let before = status(&sim);
        assert_eq!(backoff(&before, sim.now()).map(|b| b.0), Some(1), "{before:?}");
        sim.advance_by(1);
        let after = status(&sim);
        // The status says CrashLoopBackOff until the new instance runs (it is being created).
        assert_eq!(backoff(&after, sim.now()), Some((0, period)), "{after:?}");
        sim.advance_by(1_000);
        let restarted = status(&sim);
        assert!(restarted.state.is_running(), "{restarted:?}");
        assert_eq!(restarted.restart_count, restarts + 1);
        assert_eq!(backoff(&restarted, sim.now()), None);
        let (_, _, rows, _) = pod_details(&sim, &sim.pod("crasher").unwrap());
        assert_eq!(rows[0].last_exit.as_deref(), Some("Error (3)"));
    }

    /// `kubectl debug --target` adds a container the pod view lists (as
    /// ephemeral, with its state) and whose process namespace is its
    /// target's, as the runtime reports it.
    #[test]
    fn a_debug_container_appears_with_its_state_and_its_targets_pid_namespace() {
        let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - {name: nginx, image: nginx:1.27}\n  - {name: writer, image: busybox:1.36, command: [sleep, '3600']}\n";
        let mut sim = Sim::new();
        sim.apply_yaml(yaml, Lang::En).unwrap();
        sim.advance_by(20_000);
        let out = sim.run("kubectl debug web -it --image=busybox:1.36 --target=nginx", Lang::En, "");
        assert_eq!(out.exit_code, 0, "{out:?}");
        sim.advance_by(5_000);
        let view = sim.pod("web").expect("the pod");
        let debugger = view.pod.spec.ephemeral_containers.first().map(|e| e.container.name.clone()).unwrap_or_default();
        assert!(debugger.starts_with("debugger-"), "{:?}", view.pod.spec);
        let (_, _, rows, inodes) = pod_details(&sim, &view);
        let row = rows.iter().find(|r| r.name == debugger).expect("the debugger has a row");
        assert!(row.ephemeral && row.state == "Running", "{row:?}");
        assert!(rows.iter().filter(|r| r.name != debugger).all(|r| !r.ephemeral), "{rows:?}");
        let inodes = inodes.expect("the runtime knows the pod");
        let (nginx, writer, dbg) =
            (inodes.per_container["nginx"], inodes.per_container["writer"], inodes.per_container[&debugger]);
        assert_eq!(dbg.1, nginx.1, "the debugger is in nginx's pid namespace");
        assert_ne!(dbg.1, writer.1);
        assert_ne!(dbg.0, nginx.0, "its mount namespace is its own");
        let pic = crate::components::pod_view::layout(&view.pod);
        assert_eq!(pic.pid_bands, vec![(0, 1)], "{pic:?}");
        assert_eq!(pic.containers.get(1).map(|c| c.name.as_str()), Some(debugger.as_str()));
    }
}
