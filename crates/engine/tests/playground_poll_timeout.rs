//! `Playground::poll_timeout`: the next deadline of the whole simulation
//! (the cluster's timers and the programs' wake-ups), what the app's clock
//! and kubectl's watch can sleep until.

use podplay_engine::cluster::worker_node;
use podplay_engine::kubectl::{Backend, Context, Playground};
use podplay_engine::runtime::ContainerRuntime;
use podplay_engine::SimTime;

/// A pod whose program sleeps 30 s, writes a line and exits.
const SLEEPER: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: sleeper\nspec:\n  restartPolicy: Never\n  containers:\n  - name: app\n    image: busybox\n    command: [sh, -c, 'sleep 30; echo done']\n";

fn applied() -> Playground {
    let mut pg = Playground::new(1);
    let out = pg.run("kubectl apply -f editor.yaml", &Context::with_editor(SLEEPER));
    assert_eq!(out.exit_code, 0, "{}", out.stderr);
    pg
}

fn status(pg: &Playground) -> String {
    pg.cluster.pod("default", "sleeper").map(|v| v.status).unwrap_or_default()
}

#[test]
fn a_fresh_playground_has_nothing_scheduled() {
    // Without a control-plane node nothing runs, so nothing is due.
    let pg = Playground::with_nodes(1, vec![worker_node("worker-1", "4", "8Gi")]);
    assert_eq!(pg.poll_timeout(), None);
    assert_eq!(Backend::poll_timeout(&pg), None);
    // With one, only the control plane's static pods are: once they run,
    // their probes (kube-apiserver's readiness every second) are the next
    // deadline, never a pod of the learner's.
    let mut pg = Playground::new(1);
    pg.cluster.advance_by(60_000);
    assert_eq!(Backend::poll_timeout(&pg), pg.poll_timeout());
    let next = pg.poll_timeout().expect("the control plane's probes are due");
    assert!(next.since(pg.cluster.now()) <= 1_000, "kube-apiserver's readiness probe runs every second");
    assert!(pg.cluster.pods().iter().all(|p| p.namespace == "kube-system"));
}

#[test]
fn a_sleeping_program_is_a_deadline() {
    let mut pg = applied();
    assert_eq!(Backend::poll_timeout(&pg), pg.poll_timeout());
    while status(&pg) != "Running" {
        let t = pg.poll_timeout().expect("a pending pod has a deadline");
        pg.cluster.advance_to(t);
    }
    // Running, the program sleeps: its wake-up is the next deadline.
    let wake = pg.runtime().next_wakeup();
    assert!(wake.is_some(), "sleep 30 wakes up");
    assert!(pg.poll_timeout().is_some_and(|t| t <= wake.unwrap_or(SimTime::ZERO)));
}

#[test]
fn jumping_from_deadline_to_deadline_is_the_same_run_as_ticking() {
    let mut jumped = applied();
    let mut steps = 0;
    // The control plane's probes never run out of deadlines: jump until
    // the sleeper is done.
    while status(&jumped) != "Completed" {
        let t = jumped.poll_timeout().expect("a running cluster has a deadline");
        assert!(steps < 1_000, "the sleeper never completed");
        steps += 1;
        jumped.cluster.advance_to(t);
        assert!(jumped.poll_timeout().is_none_or(|next| next > t), "everything due at {t:?} ran");
    }
    let end = jumped.cluster.now();
    let mut ticked = applied();
    while ticked.cluster.now() < end {
        ticked.cluster.advance_by(100);
    }
    ticked.cluster.advance_to(end);
    let ctx = Context::default();
    for line in ["kubectl get events", "kubectl get pods -o wide", "kubectl logs sleeper"] {
        assert_eq!(jumped.run(line, &ctx).stdout, ticked.run(line, &ctx).stdout, "{line}");
    }
}
