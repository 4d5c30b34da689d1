//! Ephemeral containers for real: `podplay-node debug POD --image busybox
//! --target C` joins the target's pid namespace and the pod's net, ipc and
//! uts namespaces, with a root of its own.

mod common;

use common::*;

#[test]
fn a_debug_container_sees_the_targets_processes() {
    if !can_run("a_debug_container_sees_the_targets_processes") {
        return;
    }
    let name = unique("debug");
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  terminationGracePeriodSeconds: 0\n  containers:\n  - name: app\n    image: busybox\n    command: [sh, -c, 'echo secret-of-app > /tmp/app-file; exec sleep 3601']\n  - name: other\n    image: busybox\n    command: [sleep, '3602']\n"
    );
    let mut pod = start(&name, &yaml, &[], &[]);
    pod.wait_for("all containers started", 20);
    let info = pod.inspect();
    let fp = footprint(&info);
    // The target's processes (and only the target's: `other` has its own pid namespace).
    let out = cli(&[
        "debug", &name, "--image", "busybox", "--target", "app", "--", "sh", "-c",
        "ps -o pid,args; hostname; cat /proc/1/root/tmp/app-file; ls /tmp/app-file 2>/dev/null || echo own-root; readlink /proc/self/ns/net; readlink /proc/self/ns/pid",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(stderr.contains("Defaulting debug container name to debugger-"), "{stderr}");
    assert!(stdout.lines().any(|l| l.trim_start().starts_with("1 ") && l.contains("sleep 3601")), "{stdout}");
    assert!(!stdout.contains("sleep 3602"), "{stdout}");
    assert!(stdout.contains(&format!("\n{name}\n")), "the pod's hostname (uts): {stdout}");
    assert!(stdout.contains("secret-of-app"), "through /proc/1/root, as kubectl debug's docs show: {stdout}");
    assert!(stdout.contains("own-root"), "{stdout}");
    let rows = info["rows"].as_array().unwrap();
    let net = rows[0]["namespaces"][0]["inode"].as_u64().unwrap();
    let app_pid_ns = rows[1]["namespaces"][4]["inode"].as_u64().unwrap();
    assert!(stdout.contains(&format!("net:[{net}]")), "the pod's net namespace: {stdout}");
    assert!(stdout.contains(&format!("pid:[{app_pid_ns}]")), "the target's pid namespace: {stdout}");
    eprintln!("measured: debug container output:\n{stdout}");

    // While it runs, inspect lists it as an ephemeral container in the target's pid namespace.
    let mut bg = std::process::Command::new(BIN)
        .args(["debug", &name, "--image", "busybox", "--target", "app", "-c", "dbg", "--", "sleep", "30"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let row = loop {
        let info = pod.inspect();
        let row = info["rows"].as_array().unwrap().iter().find(|r| r["container"] == "dbg").cloned();
        if let Some(row) = row.filter(|r| r["pid"].is_i64()) {
            break row;
        }
        assert!(std::time::Instant::now() < deadline, "dbg never showed in inspect: {info}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(row["kind"], "ephemeral", "{row}");
    assert_eq!(row["namespaces"][4]["inode"].as_u64(), Some(app_pid_ns), "{row}");
    assert_eq!(row["namespaces"][0]["shared"], true, "{row}");
    // Deleting the pod ends the debug container with it.
    pod.stop();
    let status = bg.wait().unwrap();
    assert!(!status.success(), "{status}");
    assert_clean(&name, &fp);
}

#[test]
fn debug_refuses_an_unknown_target() {
    if !can_run("debug_refuses_an_unknown_target") {
        return;
    }
    let name = unique("debug-bad");
    let yaml = format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  terminationGracePeriodSeconds: 0\n  containers:\n  - name: app\n    image: busybox\n    command: [sleep, '3600']\n");
    let mut pod = start(&name, &yaml, &[], &[]);
    pod.wait_for("all containers started", 20);
    let fp = footprint(&pod.inspect());
    let out = cli(&["debug", &name, "--image", "busybox", "--target", "nope", "--", "true"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!("container nope is not valid for pod {name}")),
        "{out:?}"
    );
    pod.stop();
    assert_clean(&name, &fp);
}
