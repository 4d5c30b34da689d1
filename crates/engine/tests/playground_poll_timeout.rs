//! `Playground::poll_timeout`: the next deadline of the whole simulation
//! (the cluster's timers and the programs' wake-ups), what the app's clock
//! and kubectl's watch can sleep until.

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
    let pg = Playground::new(1);
    assert_eq!(pg.poll_timeout(), None);
    assert_eq!(Backend::poll_timeout(&pg), None);
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
    while let Some(t) = jumped.poll_timeout() {
        assert!(steps < 1_000, "the deadlines never ran out");
        steps += 1;
        jumped.cluster.advance_to(t);
        assert!(jumped.poll_timeout().is_none_or(|next| next > t), "everything due at {t:?} ran");
    }
    assert_eq!(status(&jumped), "Completed");
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
