//! The Kubernetes docs' multi-container examples
//! (website/pods/multi-container/ in the corpus) run for real, with busybox
//! standing in for nginx.

mod common;

use common::*;

/// (file, a line the pod must print, its pod name).
const EXAMPLES: [(&str, &str, &str); 4] = [
    ("adapter.yaml", "[adapter] adapted: ", "adapter-pattern-example"),
    ("localhost.yaml", "[client] <h1>Welcome to nginx!</h1>", "localhost-example"),
    ("resources.yaml", "[setup] setting up", "resources-example"),
    ("startup-coordination.yaml", "[main-app] greeting=hello", "startup-coordination-example"),
];

#[test]
fn the_docs_multi_container_examples_run_for_real() {
    if !can_run("the_docs_multi_container_examples_run_for_real") {
        return;
    }
    let Some(corpus) = corpus() else { return };
    let dir = corpus.join("website/pods/multi-container");
    for (file, expect, pod_name) in EXAMPLES {
        let yaml = std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let mut pod =
            start(&format!("corpus-{pod_name}"), &yaml, &["--image", "nginx=busybox", "--grace-period", "1"], &[]);
        pod.name = pod_name.to_string();
        pod.wait_for("all containers started", 20);
        pod.wait_for(expect, 20);
        let info = pod.inspect();
        let fp = footprint(&info);
        let rows = info["rows"].as_array().unwrap();
        // Every container shares the pause process's network namespace.
        for row in &rows[1..] {
            if row["state"] == "Running" {
                assert_eq!(row["namespaces"][0]["shared"], true, "{file}: {row}");
            }
        }
        let (code, out) = pod.stop();
        assert_eq!(code, 130, "{file}: {out}");
        assert_clean(pod_name, &fp);
    }
}
