//! Integration tests that run real pods with the `podplay-node` binary:
//! namespaces, localhost, emptyDir, OOM, CPU quota, back-off, init order,
//! exec, refusals, and cleanup after Ctrl-C and after SIGKILL of the runner.

mod common;

use common::*;

fn ns(row: &serde_json::Value, name: &str) -> u64 {
    row["namespaces"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["ns"] == name)
        .and_then(|c| c["inode"].as_u64())
        .unwrap_or_else(|| panic!("no {name} inode in {row}"))
}

fn two_sleepers(name: &str, share: bool) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  shareProcessNamespace: {share}\n  terminationGracePeriodSeconds: 0\n  containers:\n  - name: a\n    image: busybox\n    command: [sleep, '3601']\n  - name: b\n    image: busybox:1.36\n    command: [sleep, '3602']\n"
    )
}

#[test]
fn containers_share_net_ipc_uts_but_not_mnt_or_pid() {
    if !can_run("containers_share_net_ipc_uts_but_not_mnt_or_pid") {
        return;
    }
    let name = unique("ns");
    let mut pod = start(&name, &two_sleepers(&name, false), &[], &[]);
    pod.wait_for("all containers started", 20);
    let info = pod.inspect();
    let fp = footprint(&info);
    let rows = info["rows"].as_array().unwrap();
    let (pause, a, b) = (&rows[0], &rows[1], &rows[2]);
    for n in ["net", "ipc", "uts"] {
        assert_eq!(ns(a, n), ns(b, n), "{n}");
        assert_eq!(ns(a, n), ns(pause, n), "{n}");
    }
    for n in ["mnt", "pid"] {
        assert_ne!(ns(a, n), ns(b, n), "{n}");
        assert_ne!(ns(a, n), ns(pause, n), "{n}");
    }
    // And none of them is the host's.
    let host_net = std::fs::read_link("/proc/self/ns/net").unwrap();
    assert_ne!(host_net.to_string_lossy(), format!("net:[{}]", ns(a, "net")));
    // The text table says the same.
    let table = String::from_utf8(cli(&["inspect", &name]).stdout).unwrap();
    let shared: usize = table
        .lines()
        .filter(|l| l.starts_with("a ") || l.starts_with("b "))
        .map(|l| l.matches(" shared").count())
        .sum();
    assert_eq!(shared, 6, "{table}");
    let (code, out) = pod.stop();
    assert_eq!(code, 130, "{out}");
    assert!(out.contains(&format!("pod/{name} deleted")), "{out}");
    assert_clean(&name, &fp);
}

#[test]
fn share_process_namespace_puts_everyone_under_pause() {
    if !can_run("share_process_namespace_puts_everyone_under_pause") {
        return;
    }
    let name = unique("spn");
    let mut pod = start(&name, &two_sleepers(&name, true), &[], &[]);
    pod.wait_for("all containers started", 20);
    let info = pod.inspect();
    let fp = footprint(&info);
    let rows = info["rows"].as_array().unwrap();
    assert_eq!(ns(&rows[1], "pid"), ns(&rows[0], "pid"));
    assert_eq!(ns(&rows[2], "pid"), ns(&rows[0], "pid"));
    assert_ne!(ns(&rows[1], "mnt"), ns(&rows[2], "mnt"));
    // From inside container a, b's process is visible, and PID 1 is the pause process.
    let out = cli(&["exec", &name, "-c", "a", "--", "ps", "-o", "pid,args"]);
    let ps = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{ps} {}", String::from_utf8_lossy(&out.stderr));
    assert!(ps.contains("sleep 3602"), "{ps}");
    assert!(ps.lines().any(|l| l.trim_start().starts_with("1 ") && l.contains("__holder")), "{ps}");
    pod.stop();
    assert_clean(&name, &fp);
}

#[test]
fn exec_runs_inside_the_container_with_its_env_and_exit_code() {
    if !can_run("exec_runs_inside_the_container_with_its_env_and_exit_code") {
        return;
    }
    let name = unique("exec");
    let yaml = format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  terminationGracePeriodSeconds: 0\n  containers:\n  - name: c\n    image: busybox\n    workingDir: /work\n    env: [{{name: COLOR, value: blue}}]\n    command: [sh, -c, 'echo made > /work/made; sleep 3600']\n");
    let mut pod = start(&name, &yaml, &[], &[]);
    pod.wait_for("all containers started", 20);
    let fp = footprint(&pod.inspect());
    let out = cli(&["exec", &name, "--", "sh", "-c", "cat /work/made; echo $COLOR; pwd; hostname; exit 3"]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("made\nblue\n/work\n{name}\n"));
    pod.stop();
    assert_clean(&name, &fp);
}

#[test]
fn container_b_fetches_from_container_a_over_localhost() {
    if !can_run("container_b_fetches_from_container_a_over_localhost") {
        return;
    }
    let name = unique("lo");
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  terminationGracePeriodSeconds: 0\n  containers:\n  - name: web\n    image: busybox\n    command: [sh, -c, 'mkdir -p /www && echo hello-from-web > /www/index.html && exec httpd -f -p 8080 -h /www']\n  - name: client\n    image: busybox\n    command: [sh, -c, 'until wget -q -O- http://localhost:8080/; do sleep 0.1; done; sleep 3600']\n"
    );
    let mut pod = start(&name, &yaml, &[], &[]);
    pod.wait_for("[client] hello-from-web", 20);
    let fp = footprint(&pod.inspect());
    pod.stop();
    assert_clean(&name, &fp);
}

#[test]
fn an_empty_dir_is_shared_on_disk_and_in_memory() {
    if !can_run("an_empty_dir_is_shared_on_disk_and_in_memory") {
        return;
    }
    let name = unique("ed");
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  terminationGracePeriodSeconds: 0\n  containers:\n  - name: writer\n    image: busybox\n    command: [sh, -c, 'echo disk-note > /data/msg; echo mem-note > /cache/msg; sleep 3600']\n    volumeMounts: [{{name: data, mountPath: /data}}, {{name: cache, mountPath: /cache}}]\n  - name: reader\n    image: busybox\n    command: [sh, -c, 'until cat /in/msg /mem/msg; do sleep 0.1; done; grep \" /mem \" /proc/mounts; touch /in/x || echo read-only-ok; sleep 3600']\n    volumeMounts: [{{name: data, mountPath: /in, readOnly: true}}, {{name: cache, mountPath: /mem}}]\n  volumes:\n  - name: data\n    emptyDir: {{}}\n  - name: cache\n    emptyDir: {{medium: Memory, sizeLimit: 1Mi}}\n"
    );
    let mut pod = start(&name, &yaml, &[], &[]);
    let out = pod.wait_for("read-only-ok", 20);
    assert!(out.contains("[reader] disk-note"), "{out}");
    assert!(out.contains("[reader] mem-note"), "{out}");
    assert!(out.lines().any(|l| l.starts_with("[reader] tmpfs /mem tmpfs") && l.contains("size=1024k")), "{out}");
    let fp = footprint(&pod.inspect());
    pod.stop();
    assert_clean(&name, &fp);
}

#[test]
fn a_memory_hog_is_oom_killed_with_137() {
    if !can_run("a_memory_hog_is_oom_killed_with_137") {
        return;
    }
    let name = unique("oom");
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  restartPolicy: Never\n  containers:\n  - name: hog\n    image: busybox\n    command: [sh, -c, 'sleep 0.3; exec dd if=/dev/zero of=/dev/null bs=64M count=1']\n    resources: {{limits: {{memory: 32Mi}}}}\n"
    );
    let mut pod = start(&name, &yaml, &[], &[]);
    pod.wait_for("all containers started", 20);
    let fp = footprint(&pod.inspect());
    let (code, out) = pod.wait_exit(30);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("container \"hog\": Terminated: OOMKilled (exit code 137)"), "{out}");
    assert!(out.contains("phase Failed"), "{out}");
    assert_clean(&name, &fp);
}

#[test]
fn a_cpu_limit_throttles() {
    if !can_run("a_cpu_limit_throttles") {
        return;
    }
    let name = unique("cpu");
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  terminationGracePeriodSeconds: 0\n  containers:\n  - name: spin\n    image: busybox\n    command: [sh, -c, 'while :; do :; done']\n    resources: {{limits: {{cpu: 100m}}}}\n"
    );
    let mut pod = start(&name, &yaml, &[], &[]);
    pod.wait_for("all containers started", 20);
    let info = pod.inspect();
    let fp = footprint(&info);
    let cgroups: Vec<std::path::PathBuf> =
        info["rows"][1]["cgroups"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().into()).collect();
    let quota_file = cgroups.iter().map(|c| c.join("cpu.cfs_quota_us")).find(|f| f.exists());
    match quota_file {
        Some(f) => assert_eq!(std::fs::read_to_string(f).unwrap().trim(), "10000"),
        None => {
            let max = cgroups.iter().map(|c| c.join("cpu.max")).find(|f| f.exists()).expect("a cpu controller file");
            assert_eq!(std::fs::read_to_string(max).unwrap().trim(), "10000 100000");
        }
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let throttled = cgroups.iter().filter_map(|c| std::fs::read_to_string(c.join("cpu.stat")).ok()).find_map(|s| {
            s.lines().find_map(|l| l.strip_prefix("nr_throttled ")).and_then(|v| v.trim().parse::<u64>().ok())
        });
        if throttled.unwrap_or(0) >= 3 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "never throttled: {throttled:?}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    pod.stop();
    assert_clean(&name, &fp);
}

#[test]
fn a_crash_looping_container_backs_off_doubling() {
    if !can_run("a_crash_looping_container_backs_off_doubling") {
        return;
    }
    let name = unique("crash");
    let yaml = format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  containers:\n  - name: c\n    image: busybox\n    command: [sh, -c, 'echo boom; exit 3']\n");
    let mut pod = start(&name, &yaml, &[], &[("PODPLAY_NODE_BACKOFF_MS", "50")]);
    let out = pod.wait_for("back-off 400ms", 20);
    let positions: Vec<usize> = ["back-off 50ms", "back-off 100ms", "back-off 200ms", "back-off 400ms"]
        .iter()
        .map(|p| out.find(p).unwrap_or_else(|| panic!("{p} missing:\n{out}")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{out}");
    assert!(out.contains(&format!("restarting failed container=c pod={name}")), "{out}");
    assert!(out.matches("Terminated: Error (exit code 3)").count() >= 4, "{out}");
    // Each run's log line comes before its termination.
    assert!(out.matches("[c] boom").count() >= 4, "{out}");
    let first_boom = out.find("[c] boom").unwrap();
    assert!(first_boom < out.find("Terminated: Error (exit code 3)").unwrap(), "{out}");
    let info = pod.inspect();
    assert!(info["rows"][1]["restart_count"].as_u64().unwrap() >= 3, "{info}");
    let fp = footprint(&info);
    let (_, out) = pod.stop();
    assert!(out.contains("CrashLoopBackOff") || out.contains("Terminated"), "{out}");
    assert_clean(&name, &fp);
}

#[test]
fn init_containers_then_sidecars_then_containers() {
    if !can_run("init_containers_then_sidecars_then_containers") {
        return;
    }
    let name = unique("init");
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  restartPolicy: Never\n  terminationGracePeriodSeconds: 5\n  initContainers:\n  - name: setup\n    image: busybox\n    command: [sh, -c, 'echo configured > /cfg/app.conf']\n    volumeMounts: [{{name: cfg, mountPath: /cfg}}]\n  - name: side\n    image: busybox\n    restartPolicy: Always\n    command: [sh, -c, 'trap \"echo side-got-term; exit 0\" TERM; while :; do sleep 0.1; done']\n  containers:\n  - name: main\n    image: busybox\n    command: [cat, /cfg/app.conf]\n    volumeMounts: [{{name: cfg, mountPath: /cfg}}]\n  volumes:\n  - name: cfg\n    emptyDir: {{}}\n"
    );
    let mut pod = start(&name, &yaml, &[], &[]);
    let (code, out) = pod.wait_exit(30);
    assert_eq!(code, 0, "{out}");
    let order: Vec<usize> = [
        "container \"setup\": Started",
        "container \"setup\": Terminated: Completed (exit code 0)",
        "container \"side\": Started",
        "container \"main\": Started",
        "container \"main\": Terminated: Completed (exit code 0)",
        "phase Succeeded",
        "container \"side\": Terminated",
    ]
    .iter()
    .map(|p| out.find(p).unwrap_or_else(|| panic!("{p} missing:\n{out}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{out}");
    assert!(out.contains("[main] configured"), "{out}");
    // The sidecar got SIGTERM (graceful) rather than SIGKILL.
    assert!(out.contains("[side] side-got-term"), "{out}");
    assert!(!out.contains("restarting failed container=side"), "{out}");
}

#[test]
fn an_image_the_node_lacks_is_err_image_pull() {
    if !can_run("an_image_the_node_lacks_is_err_image_pull") {
        return;
    }
    let name = unique("pull");
    let yaml = format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  terminationGracePeriodSeconds: 0\n  containers:\n  - name: web\n    image: nginx:1.29\n  - name: ok\n    image: busybox\n    command: [sleep, '3600']\n");
    let mut pod = start(&name, &yaml, &[], &[]);
    let out = pod.wait_for("container \"ok\": Started", 20);
    assert!(out.contains("container \"web\": Waiting: ErrImagePull"), "{out}");
    assert!(out.contains("--image nginx:1.29=busybox"), "{out}");
    let fp = footprint(&pod.inspect());
    pod.stop();
    assert_clean(&name, &fp);
}

#[test]
fn a_failing_command_is_a_start_error() {
    if !can_run("a_failing_command_is_a_start_error") {
        return;
    }
    let name = unique("noexe");
    let yaml = format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  restartPolicy: Never\n  containers:\n  - name: c\n    image: busybox\n    command: [no-such-binary]\n");
    let mut pod = start(&name, &yaml, &[], &[]);
    let (code, out) = pod.wait_exit(20);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("StartError (exit code 128)"), "{out}");
    assert!(out.contains("executable file not found in $PATH"), "{out}");
}

#[test]
fn sigkill_of_the_runner_leaves_nothing_after_the_sweep() {
    if !can_run("sigkill_of_the_runner_leaves_nothing_after_the_sweep") {
        return;
    }
    let name = unique("kill");
    let mut pod = start(&name, &two_sleepers(&name, false), &[], &[]);
    pod.wait_for("all containers started", 20);
    let fp = footprint(&pod.inspect());
    assert_eq!(fp.pids.len(), 3);
    pod.child.kill().unwrap(); // SIGKILL
    let _ = pod.child.wait();
    // Processes die with their parents (PDEATHSIG) and namespaces; mounts were
    // only ever in private mount namespaces. The state directory and cgroups
    // stay until the next start sweeps them.
    assert_no_processes(&name, &fp);
    assert!(fp.state_dir.exists(), "the state directory waits for the sweep");
    let out = cli(&["sweep"]);
    assert!(out.status.success());
    assert_clean(&name, &fp);
}

#[test]
fn host_settings_are_refused_without_the_flag() {
    let name = unique("host");
    let dir = std::env::temp_dir().join(format!("podplay-node-test-{name}"));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("pod.yaml");
    std::fs::write(&file, format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  hostNetwork: true\n  containers:\n  - name: c\n    image: busybox\n")).unwrap();
    for cmd in ["run", "validate"] {
        let out = cli(&[cmd, "-f", file.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{cmd}: {err}");
        assert!(err.contains("spec.hostNetwork") && err.contains("--allow-host"), "{cmd}: {err}");
    }
    let out = cli(&["--lang", "ko", "validate", "-f", file.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("거부합니다"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn validate_reports_the_engines_diagnostics() {
    let dir = std::env::temp_dir().join(format!("podplay-node-test-{}", unique("val")));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.yaml");
    std::fs::write(&bad, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a\n").unwrap();
    let out = cli(&["validate", "-f", bad.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    let engine = podplay_engine::check("apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a\n");
    assert!(err.contains(&engine[0].message), "{err}");
    let good = dir.join("good.yaml");
    std::fs::write(
        &good,
        "apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec: {containers: [{name: c, image: busybox}]}\n",
    )
    .unwrap();
    assert!(cli(&["validate", "-f", good.to_str().unwrap()]).status.success());
    let _ = std::fs::remove_dir_all(&dir);
}

/// On a hybrid machine, the empty cgroup2 mount at /sys/fs/cgroup/unified
/// exercises the v2 paths: containers join `podplay/<pod>/<container>` and the
/// directories are removed; a limit without its controller is a clear error.
#[test]
fn cgroup_v2_layout_is_used_when_cgroup2_is_the_root() {
    if !can_run("cgroup_v2_layout_is_used_when_cgroup2_is_the_root") {
        return;
    }
    let unified = "/sys/fs/cgroup/unified";
    if !std::fs::read_to_string("/proc/self/mountinfo")
        .unwrap_or_default()
        .lines()
        .any(|l| l.contains(&format!(" {unified} ")) && l.contains("cgroup2"))
    {
        eprintln!(
            "\n*** skipped cgroup_v2_layout_is_used_when_cgroup2_is_the_root: no cgroup2 mount at {unified} ***\n"
        );
        return;
    }
    let name = unique("v2");
    let mut pod =
        start(&name, &two_sleepers(&name, false), &["--pids-limit", "0"], &[("PODPLAY_NODE_CGROUP_ROOT", unified)]);
    pod.wait_for("all containers started", 20);
    let info = pod.inspect();
    assert_eq!(info["cgroup_layout"], "v2", "{info}");
    let fp = footprint(&info);
    let pid = info["rows"][1]["pid"].as_i64().unwrap();
    let own = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).unwrap();
    assert!(own.lines().any(|l| l.starts_with("0::/podplay/") && l.ends_with("/a")), "{own}");
    pod.stop();
    assert_clean(&name, &fp);

    let name = unique("v2lim");
    let yaml = format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  containers:\n  - name: c\n    image: busybox\n    resources: {{limits: {{memory: 16Mi}}}}\n");
    let mut pod = start(&name, &yaml, &["--pids-limit", "0"], &[("PODPLAY_NODE_CGROUP_ROOT", unified)]);
    let (code, out) = pod.wait_exit(20);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("memory.max"), "{out}");
    let leftovers: Vec<_> = std::fs::read_dir(format!("{unified}/podplay"))
        .map(|d| {
            d.flatten().map(|e| e.file_name().to_string_lossy().to_string()).filter(|n| n.starts_with(&name)).collect()
        })
        .unwrap_or_default();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_sidecar_startup_probe_gates_the_containers_and_liveness_restarts() {
    if !can_run("a_sidecar_startup_probe_gates_the_containers_and_liveness_restarts") {
        return;
    }
    let name = unique("probe");
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  terminationGracePeriodSeconds: 0\n  initContainers:\n  - name: side\n    image: busybox\n    restartPolicy: Always\n    command: [sh, -c, 'sleep 1.5; touch /tmp/ready; exec sleep 3600']\n    startupProbe: {{exec: {{command: [test, -f, /tmp/ready]}}, periodSeconds: 1}}\n  containers:\n  - name: web\n    image: busybox\n    command: [sleep, '3600']\n    livenessProbe: {{httpGet: {{path: /healthz, port: 8080}}, periodSeconds: 1, failureThreshold: 2}}\n"
    );
    let mut pod = start(&name, &yaml, &[], &[("PODPLAY_NODE_BACKOFF_MS", "50")]);
    let out = pod.wait_for("back-off 50ms restarting failed container=web", 20);
    let order: Vec<usize> = [
        "container \"side\": Started (pid",
        "container \"side\": Unhealthy: Startup probe failed",
        "container \"side\": Started: startup probe succeeded",
        "container \"web\": Started (pid",
        "container \"web\": Unhealthy: Liveness probe failed: dial tcp 127.0.0.1:8080",
        "container \"web\": Killing: Container web failed liveness probe, will be restarted",
        "container \"web\": Terminated: Error (exit code 137)",
    ]
    .iter()
    .map(|p| out.find(p).unwrap_or_else(|| panic!("{p} missing:\n{out}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{out}");
    let fp = footprint(&pod.inspect());
    pod.stop();
    assert_clean(&name, &fp);
}

/// Not root: podplay-node enters a user namespace of its own and runs the pod
/// there (no cgroup limits); `inspect` and `exec` work for the same user.
#[test]
fn without_root_the_pod_runs_in_a_user_namespace() {
    if !can_run("without_root_the_pod_runs_in_a_user_namespace") {
        return;
    }
    let nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];
    let probe = std::process::Command::new(nobody[0])
        .args(&nobody[1..])
        .args(["unshare", "--user", "--map-root-user", "true"])
        .status();
    if !probe.map(|s| s.success()).unwrap_or(false) {
        eprintln!("\n*** skipped without_root_the_pod_runs_in_a_user_namespace: setpriv missing or unprivileged user namespaces disabled ***\n");
        return;
    }
    let name = unique("rootless");
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  terminationGracePeriodSeconds: 0\n  containers:\n  - name: web\n    image: busybox\n    command: [sh, -c, 'mkdir -p /www && echo rootless-web > /www/index.html && exec httpd -f -p 8080 -h /www']\n  - name: client\n    image: busybox\n    command: [sh, -c, 'until wget -q -O- http://localhost:8080/; do sleep 0.1; done; sleep 3600']\n"
    );
    let mut pod = start_as(&nobody, &name, &yaml, &[], &[]);
    let out = pod.wait_for("[client] rootless-web", 20);
    assert!(out.contains("running without memory, CPU and pids limits"), "{out}");
    let info = pod.inspect();
    assert_eq!(info["cgroup_layout"], "none");
    let rows = info["rows"].as_array().unwrap();
    assert_eq!(ns(&rows[1], "net"), ns(&rows[2], "net"));
    assert_ne!(ns(&rows[1], "mnt"), ns(&rows[2], "mnt"));
    let out = cli_as(&nobody, &["exec", &name, "-c", "client", "--", "sh", "-c", "id -u; hostname"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("0\n{name}\n"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fp = footprint(&info);
    assert!(
        fp.state_dir.starts_with("/tmp/podplay-node-65534") || std::env::var_os("XDG_RUNTIME_DIR").is_some(),
        "{}",
        fp.state_dir.display()
    );
    pod.stop();
    assert_clean(&name, &fp);
}

#[test]
fn serve_shows_a_real_pod_to_the_web_app() {
    if !can_run("serve_shows_a_real_pod_to_the_web_app") {
        return;
    }
    use std::io::{Read, Write};
    let name = unique("serve");
    let mut pod = start(&name, &two_sleepers(&name, false), &[], &[]);
    pod.wait_for("all containers started", 20);
    let fp = footprint(&pod.inspect());
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut server = std::process::Command::new(BIN)
        .args(["serve", "--port", &port.to_string()])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let response = loop {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            write!(s, "GET /api/pods/{name} HTTP/1.1\r\nHost: x\r\nOrigin: http://localhost:8080\r\n\r\n").unwrap();
            let mut r = String::new();
            s.read_to_string(&mut r).unwrap();
            break r;
        }
        assert!(std::time::Instant::now() < deadline, "serve never listened");
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    // The WebSocket pushes the list of running pods.
    let (mut ws, _) = tungstenite::connect(format!("ws://127.0.0.1:{port}/api/watch")).unwrap();
    let pushed = ws.read().unwrap().into_text().unwrap().to_string();
    let list: serde_json::Value = serde_json::from_str(&pushed).unwrap();
    assert!(list.as_array().unwrap().iter().any(|p| p["pod"] == name.as_str()), "{pushed}");
    let _ = ws.close(None);
    // A page from another origin is refused.
    let mut req =
        tungstenite::client::IntoClientRequest::into_client_request(format!("ws://127.0.0.1:{port}/api/watch"))
            .unwrap();
    req.headers_mut().insert("Origin", "https://evil.example".parse().unwrap());
    assert!(tungstenite::connect(req).is_err());
    server.kill().unwrap();
    let _ = server.wait();
    assert!(response.starts_with("HTTP/1.1 200 OK"), "{response}");
    assert!(response.contains("Access-Control-Allow-Origin: http://localhost:8080"), "{response}");
    let body: serde_json::Value = serde_json::from_str(response.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    assert_eq!(body["pod"], name.as_str());
    assert_eq!(body["rows"].as_array().unwrap().len(), 3);
    assert_eq!(body["rows"][1]["namespaces"][0]["shared"], true);
    pod.stop();
    assert_clean(&name, &fp);
}

#[test]
fn the_copy_fallback_keeps_the_image_untouched_and_logs_are_kept() {
    if !can_run("the_copy_fallback_keeps_the_image_untouched_and_logs_are_kept") {
        return;
    }
    let name = unique("copy");
    let yaml = format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  terminationGracePeriodSeconds: 0\n  containers:\n  - name: c\n    image: busybox\n    command: [sh, -c, 'rm /bin/ls && echo removed-ls; echo line-two; sleep 3600']\n  - name: d\n    image: busybox\n    command: [sh, -c, 'sleep 0.3; ls /bin/ls && echo d-still-has-ls; sleep 3600']\n");
    let store = std::env::temp_dir().join(format!("podplay-node-store-{name}"));
    let mut pod = start(
        &name,
        &yaml,
        &[],
        &[("PODPLAY_NODE_ROOTFS", "copy"), ("PODPLAY_NODE_IMAGE_DIR", store.to_str().unwrap())],
    );
    pod.wait_for("[d] d-still-has-ls", 20);
    let info = pod.inspect();
    assert_eq!(info["rows"][1]["rootfs"], "copy");
    let logs = cli(&["logs", &name, "-c", "c"]);
    assert_eq!(String::from_utf8_lossy(&logs.stdout), "removed-ls\nline-two\n");
    let ambiguous = cli(&["logs", &name]);
    assert!(String::from_utf8_lossy(&ambiguous.stderr).contains("a container name must be specified"), "{ambiguous:?}");
    let fp = footprint(&info);
    pod.stop();
    assert_clean(&name, &fp);
    // The image (the read-only lower layer) still has what container c removed from its copy.
    let images: Vec<_> = std::fs::read_dir(&store)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("busybox-"))
        .collect();
    assert_eq!(images.len(), 1);
    assert!(images[0].path().join("rootfs/bin/ls").is_symlink());
    let _ = std::fs::remove_dir_all(&store);
}

#[test]
fn host_path_is_bound_with_allow_host() {
    if !can_run("host_path_is_bound_with_allow_host") {
        return;
    }
    let name = unique("hostpath");
    let host_dir = std::env::temp_dir().join(format!("podplay-node-hostpath-{name}"));
    std::fs::create_dir_all(&host_dir).unwrap();
    std::fs::write(host_dir.join("in.txt"), "from-the-host\n").unwrap();
    let yaml = format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  restartPolicy: Never\n  containers:\n  - name: c\n    image: busybox\n    command: [sh, -c, 'cat /host/in.txt; echo from-the-pod > /host/out.txt']\n    volumeMounts: [{{name: h, mountPath: /host}}]\n  volumes:\n  - name: h\n    hostPath: {{path: {}}}\n", host_dir.display());
    let mut pod = start(&name, &yaml, &["--allow-host"], &[]);
    let (code, out) = pod.wait_exit(20);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("[c] from-the-host"), "{out}");
    assert_eq!(std::fs::read_to_string(host_dir.join("out.txt")).unwrap(), "from-the-pod\n");
    let _ = std::fs::remove_dir_all(&host_dir);
}

#[test]
fn a_second_ctrl_c_kills_at_once_instead_of_waiting_the_grace_period() {
    if !can_run("a_second_ctrl_c_kills_at_once_instead_of_waiting_the_grace_period") {
        return;
    }
    let name = unique("twice");
    // `sleep` as PID 1 of its pid namespace ignores SIGTERM, so the first
    // Ctrl-C alone would wait the whole 60 s grace period.
    let yaml = format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  terminationGracePeriodSeconds: 60\n  containers:\n  - name: c\n    image: busybox\n    command: [sleep, '3600']\n");
    let mut pod = start(&name, &yaml, &[], &[]);
    pod.wait_for("all containers started", 20);
    let fp = footprint(&pod.inspect());
    let pid = pod.child.id() as i32;
    // SAFETY: signals to our own child.
    unsafe { libc::kill(pid, libc::SIGINT) };
    pod.wait_for("received a termination signal", 10);
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(pod.child.try_wait().unwrap().is_none(), "still in the grace period");
    unsafe { libc::kill(pid, libc::SIGINT) };
    let (code, out) = pod.wait_exit(15);
    assert_eq!(code, 130, "{out}");
    assert!(out.contains("container \"c\": Terminated: Error (exit code 137)"), "{out}");
    assert_clean(&name, &fp);
}
