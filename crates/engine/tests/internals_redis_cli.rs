//! `redis-cli` inside a pod: the seed-000 counter app finds redis through
//! `REDIS_HOST`, and the two ways its connection fails print redis-cli's own
//! words (hiredis: `gai_strerror` for a name that does not resolve,
//! `strerror` for a refused connection).

mod internals_support;

use internals_support::{pod_from_yaml, Harness};
use podplay_engine::runtime::TrafficKind;

const COUNTER: &str = r#"
apiVersion: v1
kind: Pod
metadata: {name: counter}
spec:
  containers:
  - name: app
    image: redis:7.4
    env: [{name: REDIS_HOST, value: localhost}]
    command: ["sh", "-c", "sleep 3600"]
  - name: db
    image: redis:7.4
"#;

fn counter() -> Harness {
    let mut h = Harness::new(pod_from_yaml(COUNTER));
    h.start_all();
    h.advance_ms(500);
    h
}

#[test]
fn redis_host_localhost_reaches_the_redis_of_the_same_pod() {
    let mut h = counter();
    let out = h.exec("app", &["sh", "-c", "redis-cli -h \"$REDIS_HOST\" INCR count"]);
    assert_eq!(out.stdout, "1\n");
    h.advance_ms(0);
    let local = h.traffic(TrafficKind::Localhost);
    assert!(local.iter().any(|t| t.from == "app" && t.to == "db"), "{local:?}");
}

#[test]
fn a_container_name_is_not_a_host_name() {
    let mut h = counter();
    let out = h.exec("app", &["redis-cli", "-h", "db", "INCR", "count"]);
    assert_eq!(out.stderr, "Could not connect to Redis at db:6379: Name or service not known\n");
}

#[test]
fn nothing_listening_is_connection_refused() {
    let mut h = counter();
    let out = h.exec("app", &["redis-cli", "-h", "localhost", "-p", "6380", "PING"]);
    assert_eq!(out.stderr, "Could not connect to Redis at localhost:6380: Connection refused\n");
}
