//! In-place resize for real: `podplay-node resize` rewrites a running
//! container's cgroup, the new value is in the cgroup files under
//! /sys/fs/cgroup, and the kernel's OOM killer acts at the new limit.

mod common;

use common::*;

fn cgroup_file(info: &serde_json::Value, row: usize, file: &str) -> std::path::PathBuf {
    info["rows"][row]["cgroups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| std::path::Path::new(c.as_str().unwrap()).join(file))
        .find(|f| f.exists())
        .unwrap_or_else(|| panic!("no {file} in {info}"))
}

fn read(f: &std::path::Path) -> String {
    std::fs::read_to_string(f).unwrap().trim().to_string()
}

/// A container allocating 48 MiB at a time lives under a 96 MiB limit; after
/// `resize --memory 32Mi` the next allocation is OOM-killed at the new limit.
#[test]
fn a_memory_decrease_applies_live_and_oom_kills_at_the_new_limit() {
    if !can_run("a_memory_decrease_applies_live_and_oom_kills_at_the_new_limit") {
        return;
    }
    let name = unique("resize");
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  restartPolicy: Never\n  containers:\n  - name: hog\n    image: busybox\n    command: [sh, -c, 'i=0; while :; do dd if=/dev/zero of=/dev/null bs=48M count=1 2>/dev/null || exit $?; i=$((i+1)); echo alloc-ok $i; sleep 0.2; done']\n    resources: {{limits: {{memory: 96Mi, cpu: 100m}}}}\n"
    );
    let mut pod = start(&name, &yaml, &[], &[]);
    pod.wait_for("[hog] alloc-ok 3", 30);
    let info = pod.inspect();
    let fp = footprint(&info);
    assert!(info["cgroup_layout"] == "v1" || info["cgroup_layout"] == "v2", "{info}");
    let v1 = info["cgroup_layout"] == "v1";
    let (mem_file, cpu_file) =
        if v1 { ("memory.limit_in_bytes", "cpu.cfs_quota_us") } else { ("memory.max", "cpu.max") };
    let mem = cgroup_file(&info, 1, mem_file);
    let cpu = cgroup_file(&info, 1, cpu_file);
    assert!(mem.starts_with("/sys/fs/cgroup"), "{}", mem.display());
    assert_eq!(read(&mem), (96u64 << 20).to_string());
    assert_eq!(info["rows"][1]["memory_limit"], 96u64 << 20);
    // The CPU limit changes live too (100m → 500m).
    let out = cli(&["resize", &name, "-c", "hog", "--cpu", "500m"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(read(&cpu), if v1 { "50000".to_string() } else { "50000 100000".to_string() });
    assert!(pod.child.try_wait().unwrap().is_none(), "the container keeps running through a CPU resize");
    // Memory 96Mi → 32Mi while the 48 MiB allocations go on.
    let survived_before = pod.output().matches("[hog] alloc-ok").count();
    let out = cli(&["resize", &name, "-c", "hog", "--memory", "32Mi"]);
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains(&format!("pod/{name} resized (container hog)")), "{stdout}");
    assert!(stdout.contains(&format!("{}: {} -> {}", mem.display(), 96u64 << 20, 32u64 << 20)), "{stdout}");
    assert_eq!(read(&mem), (32u64 << 20).to_string(), "the new limit is in {}", mem.display());
    let resized = pod.inspect();
    assert_eq!(resized["rows"][1]["memory_limit"], 32u64 << 20, "{resized}");
    let (code, out) = pod.wait_exit(30);
    eprintln!(
        "measured: {survived_before} allocations of 48 MiB survived under 96Mi; after resize to 32Mi: {}",
        out.lines().filter(|l| l.contains("OOMKilled")).collect::<Vec<_>>().join(" | ")
    );
    assert!(survived_before >= 3, "{out}");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("container \"hog\": Terminated: OOMKilled (exit code 137)"), "{out}");
    let resized_at = out.find("[hog] alloc-ok").unwrap();
    assert!(resized_at < out.find("OOMKilled").unwrap(), "{out}");
    assert_clean(&name, &fp);
}

/// The reverse: under 32Mi a 48 MiB allocation would be OOM-killed; after
/// `resize --memory 96Mi` (v1: memsw raised first) the same allocations succeed.
#[test]
fn a_memory_increase_lets_a_bigger_allocation_live() {
    if !can_run("a_memory_increase_lets_a_bigger_allocation_live") {
        return;
    }
    let name = unique("resize-up");
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  restartPolicy: Never\n  containers:\n  - name: hog\n    image: busybox\n    command: [sh, -c, 'until [ -f /tmp/go ]; do sleep 0.05; done; for i in 1 2 3; do dd if=/dev/zero of=/dev/null bs=48M count=1 2>/dev/null || exit $?; echo alloc-ok $i; done']\n    resources: {{limits: {{memory: 32Mi}}}}\n"
    );
    let mut pod = start(&name, &yaml, &[], &[]);
    pod.wait_for("all containers started", 20);
    let info = pod.inspect();
    let fp = footprint(&info);
    let mem = cgroup_file(&info, 1, if info["cgroup_layout"] == "v1" { "memory.limit_in_bytes" } else { "memory.max" });
    assert_eq!(read(&mem), (32u64 << 20).to_string());
    let out = cli(&["resize", &name, "-c", "hog", "--memory", "96Mi"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(read(&mem), (96u64 << 20).to_string());
    let exec = cli(&["exec", &name, "--", "touch", "/tmp/go"]);
    assert!(exec.status.success(), "{exec:?}");
    let (code, out) = pod.wait_exit(30);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("[hog] alloc-ok 3"), "{out}");
    assert!(out.contains("container \"hog\": Terminated: Completed (exit code 0)"), "{out}");
    assert!(!out.contains("OOMKilled"), "{out}");
    assert_clean(&name, &fp);
}

/// Resizing something that is not there says so.
#[test]
fn resize_refuses_unknown_pods_containers_and_quantities() {
    if !can_run("resize_refuses_unknown_pods_containers_and_quantities") {
        return;
    }
    let out = cli(&["resize", "no-such-pod-anywhere", "--memory", "64Mi"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no running pod named \"no-such-pod-anywhere\""));
    let name = unique("resize-bad");
    let yaml = format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  terminationGracePeriodSeconds: 0\n  containers:\n  - name: c\n    image: busybox\n    command: [sleep, '3600']\n    resources: {{limits: {{memory: 64Mi}}}}\n");
    let mut pod = start(&name, &yaml, &[], &[]);
    pod.wait_for("all containers started", 20);
    let fp = footprint(&pod.inspect());
    let out = cli(&["resize", &name, "-c", "nope", "--memory", "64Mi"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("container nope is not valid for pod {name}")));
    let out = cli(&["resize", &name, "--memory", "lots"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--memory \"lots\": invalid quantity"), "{out:?}");
    pod.stop();
    assert_clean(&name, &fp);
}

/// cgroup v2: resize writes memory.max on a real v2 hierarchy. On a hybrid
/// machine whose memory controller is bound to v1, no cgroup2 mount (not the
/// machine's, not a fresh one in a private mount namespace) can offer it, and
/// the test says so.
#[test]
fn a_memory_resize_on_cgroup_v2() {
    if !can_run("a_memory_resize_on_cgroup_v2") {
        return;
    }
    let v2_root = if std::fs::read_to_string("/sys/fs/cgroup/cgroup.controllers").is_ok() {
        "/sys/fs/cgroup".to_string()
    } else {
        // A cgroup2 mount of our own, in a private mount namespace, to see what v2 offers here.
        let dir = std::env::temp_dir().join(format!("podplay-node-cg2-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let probe = std::process::Command::new("unshare")
            .args([
                "-m",
                "sh",
                "-c",
                &format!("mount -t cgroup2 none {0} && cat {0}/cgroup.controllers", dir.display()),
            ])
            .output()
            .unwrap();
        let _ = std::fs::remove_dir(&dir);
        let offered = String::from_utf8_lossy(&probe.stdout).trim().to_string();
        if !offered.split_whitespace().any(|c| c == "memory") {
            eprintln!(
                "\n*** skipped the cgroup v2 part of a_memory_resize_on_cgroup_v2: a fresh cgroup2 mount here offers only [{offered}]{}; the memory controller is bound to the v1 hierarchy at /sys/fs/cgroup/memory, and a controller belongs to one hierarchy at a time, so memory.max cannot exist on this kernel's v2 hierarchy. The v1 path (memory.limit_in_bytes) is tested by a_memory_decrease_applies_live_and_oom_kills_at_the_new_limit. ***\n",
                match String::from_utf8_lossy(&probe.stderr).trim() {
                    "" => String::new(),
                    err => format!(" ({err})"),
                }
            );
            return;
        }
        // memory is free for v2 (v1 does not hold it): the machine's own mount has it too.
        "/sys/fs/cgroup/unified".to_string()
    };
    let name = unique("resize-v2");
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  restartPolicy: Never\n  containers:\n  - name: hog\n    image: busybox\n    command: [sh, -c, 'i=0; while :; do dd if=/dev/zero of=/dev/null bs=48M count=1 2>/dev/null || exit $?; i=$((i+1)); echo alloc-ok $i; sleep 0.2; done']\n    resources: {{limits: {{memory: 96Mi}}}}\n"
    );
    let mut pod = start(&name, &yaml, &["--pids-limit", "0"], &[("PODPLAY_NODE_CGROUP_ROOT", &v2_root)]);
    pod.wait_for("[hog] alloc-ok 3", 30);
    let info = pod.inspect();
    assert_eq!(info["cgroup_layout"], "v2", "{info}");
    let fp = footprint(&info);
    let max = cgroup_file(&info, 1, "memory.max");
    assert_eq!(read(&max), (96u64 << 20).to_string());
    let out = cli(&["resize", &name, "-c", "hog", "--memory", "32Mi"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(read(&max), (32u64 << 20).to_string());
    let (code, out) = pod.wait_exit(30);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("container \"hog\": Terminated: OOMKilled (exit code 137)"), "{out}");
    assert_clean(&name, &fp);
}
