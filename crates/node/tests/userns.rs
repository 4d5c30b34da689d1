//! `hostUsers: false` for real: the pod gets its own user namespace whose
//! uid_map and gid_map map 0 to a 65536-id range on the host; root in the
//! container is that unprivileged host id, and `inspect` shows the mapping.

mod common;

use common::*;

fn fields(map: &str) -> Vec<String> {
    map.split_whitespace().map(str::to_string).collect()
}

#[test]
fn host_users_false_runs_the_pod_in_its_own_user_namespace() {
    if !can_run("host_users_false_runs_the_pod_in_its_own_user_namespace") {
        return;
    }
    let name = unique("userns");
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  hostUsers: false\n  terminationGracePeriodSeconds: 0\n  containers:\n  - name: c\n    image: busybox\n    command: [sh, -c, 'echo uid_map $(cat /proc/self/uid_map); echo gid_map $(cat /proc/self/gid_map); id; touch /owned-by-pod-root && echo root-can-write; sleep 3600']\n  - name: d\n    image: busybox\n    command: [sleep, '3600']\n"
    );
    let mut pod = start(&name, &yaml, &[], &[]);
    let out = pod.wait_for("[c] root-can-write", 20);
    pod.wait_for("all containers started", 10);
    let info = pod.inspect();
    let fp = footprint(&info);
    let base = info["userns_base"].as_u64().unwrap_or_else(|| panic!("no userns_base: {info}"));
    assert!(base >= 65536 && base % 65536 == 0, "{base}");
    let want = vec!["0".to_string(), base.to_string(), "65536".to_string()];
    // Inside: /proc/self/uid_map and gid_map show the mapping, and id says root.
    let line = |p: &str| out.lines().find(|l| l.starts_with(p)).unwrap_or_else(|| panic!("{p} missing:\n{out}"));
    assert_eq!(fields(line("[c] uid_map"))[2..], want[..], "{out}");
    assert_eq!(fields(line("[c] gid_map"))[2..], want[..], "{out}");
    assert!(line("[c] uid=0(root) gid=0(root)").contains("uid=0(root)"), "{out}");
    assert!(out.contains(&format!("uid_map and gid_map \"0 {base} 65536\"")), "{out}");
    // inspect: every container's uid_map, one user namespace for the pod, not the host's.
    let rows = info["rows"].as_array().unwrap();
    let host_user = std::fs::read_link("/proc/self/ns/user").unwrap().to_string_lossy().to_string();
    for row in &rows[1..] {
        assert_eq!(fields(row["uid_map"].as_str().unwrap()), want, "{row}");
        assert_eq!(row["user_ns"], rows[0]["user_ns"], "the pod's containers share its user namespace: {row}");
        assert_ne!(format!("user:[{}]", row["user_ns"]), host_user, "{row}");
    }
    // Outside: the container's root is the host id `base`.
    let pid = rows[1]["pid"].as_i64().unwrap();
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let uids = status.lines().find(|l| l.starts_with("Uid:")).unwrap();
    assert_eq!(fields(uids)[1..], [base.to_string(), base.to_string(), base.to_string(), base.to_string()], "{uids}");
    let table = String::from_utf8(cli(&["inspect", &name]).stdout).unwrap();
    assert!(table.contains(&format!("hostUsers=false (uid_map: 0 {base} 65536)")), "{table}");
    // exec enters the same user namespace.
    let ex = cli(&["exec", &name, "-c", "d", "--", "sh", "-c", "cat /proc/self/uid_map; id -u"]);
    let ex_out = String::from_utf8_lossy(&ex.stdout).to_string();
    assert!(ex.status.success(), "{ex_out}{}", String::from_utf8_lossy(&ex.stderr));
    assert_eq!(fields(&ex_out), [want.clone(), vec!["0".to_string()]].concat(), "{ex_out}");
    eprintln!("measured: uid_map inside = {:?}; host Uid of the container's root = {base}", line("[c] uid_map"));
    pod.stop();
    assert_clean(&name, &fp);
}

/// Without hostUsers: false the pod keeps the host's user namespace (the identity map).
#[test]
fn by_default_the_pod_uses_the_hosts_user_namespace() {
    if !can_run("by_default_the_pod_uses_the_hosts_user_namespace") {
        return;
    }
    let name = unique("hostusers");
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  restartPolicy: Never\n  containers:\n  - name: c\n    image: busybox\n    command: [sh, -c, 'echo uid_map $(cat /proc/self/uid_map)']\n"
    );
    let mut pod = start(&name, &yaml, &[], &[]);
    let (code, out) = pod.wait_exit(20);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("[c] uid_map 0 0 4294967295"), "{out}");
    assert!(!out.contains("user namespace (hostUsers: false)"), "{out}");
}
