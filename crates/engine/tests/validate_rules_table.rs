//! Table tests for the rules of pod-level settings (securityContext,
//! sysctls, DNS, host aliases, affinity, topology spread) and of CronJobs:
//! each row is a pod spec fragment and the exact upstream messages its rule
//! reports, or none for a valid fragment.

use podplay_engine::{check, Diagnostic};

/// A Pod with one container and `fragment` (indented by two spaces) added
/// to its spec.
fn pod(fragment: &str) -> String {
    let body: String = fragment.lines().map(|l| format!("  {l}\n")).collect();
    format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n{body}  containers:\n  - name: web\n    image: nginx:1.27\n")
}

fn messages(source: &str, rule: &str) -> Vec<String> {
    let diags: Vec<Diagnostic> = check(source);
    diags.into_iter().filter(|d| d.rule == rule).map(|d| d.message).collect()
}

fn run(table: &[(&str, &str, &[&str])]) {
    for (rule, fragment, want) in table {
        let got = messages(&pod(fragment), rule);
        assert_eq!(got, *want, "{rule} for:\n{fragment}");
    }
}

#[test]
fn security_context() {
    let r = "invalid-security-context";
    run(&[
        (r, "securityContext: {fsGroup: 2147483648}", &["spec.securityContext.fsGroup: Invalid value: 2147483648: must be between 0 and 2147483647, inclusive"]),
        (r, "securityContext: {supplementalGroups: [1000, -5]}", &["spec.securityContext.supplementalGroups[1]: Invalid value: -5: must be between 0 and 2147483647, inclusive"]),
        (r, "securityContext: {fsGroupChangePolicy: Sometimes}", &["spec.securityContext.fsGroupChangePolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnRootMismatch\""]),
        (r, "securityContext: {supplementalGroupsPolicy: Union}", &["spec.securityContext.supplementalGroupsPolicy: Unsupported value: \"Union\": supported values: \"Merge\", \"Strict\""]),
        (r, "securityContext: {runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000, fsGroupChangePolicy: OnRootMismatch}", &[]),
        (r, "hostUsers: false\nhostPID: true", &["spec.HostPID: Forbidden: when `pod.Spec.HostUsers` is false"]),
        (r, "hostUsers: false\nhostNetwork: true", &["spec.hostNetwork: Forbidden: when `pod.Spec.HostUsers` is false"]),
        (r, "hostUsers: true\nhostNetwork: true", &[]),
        // runAsNonRoot with root passes validation (the kubelet refuses it later).
        (r, "securityContext: {runAsNonRoot: true, runAsUser: 0}", &[]),
    ]);
    let container = |sc: &str| {
        format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    securityContext: {sc}\n")
    };
    let rows: &[(&str, &[&str])] = &[
        ("{runAsGroup: -1}", &["spec.containers[0].securityContext.runAsGroup: Invalid value: -1: must be between 0 and 2147483647, inclusive"]),
        ("{procMount: Masked}", &["spec.containers[0].securityContext.procMount: Unsupported value: \"Masked\": supported values: \"Default\", \"Unmasked\""]),
        ("{procMount: Unmasked}", &["spec.containers[0].securityContext.procMount: Invalid value: \"Unmasked\": `hostUsers` must be false to use `Unmasked`"]),
        (
            "{allowPrivilegeEscalation: false, capabilities: {add: [NET_ADMIN, CAP_SYS_ADMIN]}}",
            &["spec.containers[0].securityContext: Invalid value: {\"Capabilities\":{\"Add\":[\"NET_ADMIN\",\"CAP_SYS_ADMIN\"],\"Drop\":null},\"Privileged\":null,\"SELinuxOptions\":null,\"WindowsOptions\":null,\"RunAsUser\":null,\"RunAsGroup\":null,\"RunAsNonRoot\":null,\"ReadOnlyRootFilesystem\":null,\"AllowPrivilegeEscalation\":false,\"ProcMount\":null,\"SeccompProfile\":null,\"AppArmorProfile\":null}: cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"],
        ),
        // SYS_ADMIN without the CAP_ prefix is not what upstream compares against.
        ("{allowPrivilegeEscalation: false, capabilities: {add: [SYS_ADMIN]}}", &[]),
        ("{privileged: true}", &[]),
        ("{allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: {drop: [ALL]}}", &[]),
    ];
    for (sc, want) in rows {
        assert_eq!(messages(&container(sc), r), *want, "{sc}");
    }
    // With user namespaces, Unmasked is allowed.
    let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  hostUsers: false\n  containers:\n  - name: web\n    image: nginx:1.27\n    securityContext: {procMount: Unmasked}\n";
    assert_eq!(messages(src, r), Vec::<String>::new());
}

#[test]
fn security_profiles() {
    let r = "invalid-security-profile";
    run(&[
        (r, "securityContext:\n  seccompProfile: {type: RuntimeDefault, localhostProfile: x.json}", &["spec.securityContext.seccompProfile.localhostProfile: Invalid value: {\"Type\":\"RuntimeDefault\",\"LocalhostProfile\":\"x.json\"}: can only be set when seccomp type is Localhost"]),
        (r, "securityContext:\n  seccompProfile: {type: Default}", &["spec.securityContext.seccompProfile.type: Unsupported value: \"Default\": supported values: \"Localhost\", \"RuntimeDefault\", \"Unconfined\""]),
        (r, "securityContext:\n  seccompProfile: {type: Localhost, localhostProfile: /etc/seccomp/audit.json}", &["spec.securityContext.seccompProfile.localhostProfile: Invalid value: \"/etc/seccomp/audit.json\": must be a relative path"]),
        (r, "securityContext:\n  seccompProfile: {type: Localhost, localhostProfile: ../audit.json}", &["spec.securityContext.seccompProfile.localhostProfile: Invalid value: \"../audit.json\": must not contain '..'"]),
        (r, "securityContext:\n  seccompProfile: {type: Localhost, localhostProfile: profiles/audit.json}", &[]),
        (r, "securityContext:\n  appArmorProfile: {type: Localhost}", &["spec.securityContext.appArmorProfile.localhostProfile: Required value: must be set when AppArmor type is Localhost"]),
        (r, "securityContext:\n  appArmorProfile: {type: Localhost, localhostProfile: ' k8s-apparmor'}", &["spec.securityContext.appArmorProfile.localhostProfile: Invalid value: \" k8s-apparmor\": must not be padded with whitespace"]),
        (r, "securityContext:\n  appArmorProfile: {type: Unconfined, localhostProfile: k8s-apparmor}", &["spec.securityContext.appArmorProfile.localhostProfile: Invalid value: \"k8s-apparmor\": can only be set when AppArmor type is Localhost"]),
        (r, "securityContext:\n  appArmorProfile: {type: Localhost, localhostProfile: k8s-apparmor-example-deny-write}", &[]),
        (r, "securityContext:\n  appArmorProfile: {type: RuntimeDefault}", &[]),
    ]);
}

#[test]
fn run_as_root_lint() {
    let r = "run-as-root-with-non-root";
    run(&[
        (
            r,
            "securityContext: {runAsNonRoot: true, runAsUser: 0}",
            &["spec.securityContext.runAsUser: container's runAsUser breaks non-root policy (container: web)"],
        ),
        (r, "securityContext: {runAsNonRoot: true, runAsUser: 1000}", &[]),
        (r, "securityContext: {runAsNonRoot: false, runAsUser: 0}", &[]),
    ]);
}

#[test]
fn sysctls() {
    let r = "invalid-sysctl";
    run(&[
        (r, "securityContext:\n  sysctls: [{name: Net.core.somaxconn, value: '1024'}]", &["spec.securityContext.sysctls[0].name: Invalid value: \"Net.core.somaxconn\": must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$"]),
        (r, "securityContext:\n  sysctls: [{name: '', value: '1'}]", &["spec.securityContext.sysctls[0].name: Required value"]),
        (r, "hostNetwork: true\nsecurityContext:\n  sysctls: [{name: net.core.somaxconn, value: '1024'}]", &["spec.securityContext.sysctls[0].name: Invalid value: \"net.core.somaxconn\": may not be specified when 'hostNetwork' is true"]),
        (r, "hostIPC: true\nsecurityContext:\n  sysctls: [{name: kernel.shm_rmid_forced, value: '1'}]", &["spec.securityContext.sysctls[0].name: Invalid value: \"kernel.shm_rmid_forced\": may not be specified when 'hostIPC' is true"]),
        (r, "securityContext:\n  sysctls:\n  - {name: kernel.shm_rmid_forced, value: '0'}\n  - {name: net.ipv4.route.min_pmtu, value: '1000'}\n  - {name: net/ipv4/ip_local_port_range, value: '1024 65535'}", &[]),
    ]);
}

#[test]
fn dns_config() {
    let r = "invalid-dns-config";
    let searches: Vec<String> = (0..33).map(|i| format!("s{i}.example.com")).collect();
    let many = format!("dnsConfig:\n  searches: [{}]", searches.join(", "));
    let shown: Vec<String> = searches.iter().map(|s| format!("\"{s}\"")).collect();
    let many_msg = format!(
        "spec.dnsConfig.searches: Invalid value: [{}]: must not have more than 32 search paths",
        shown.join(",")
    );
    run(&[
        (r, "dnsPolicy: None", &["spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None"]),
        (r, "dnsConfig:\n  nameservers: [1.1.1.1, 1.0.0.1, 8.8.8.8, 8.8.4.4]", &["spec.dnsConfig.nameservers: Invalid value: [\"1.1.1.1\",\"1.0.0.1\",\"8.8.8.8\",\"8.8.4.4\"]: must not have more than 3 nameservers"]),
        (r, "dnsConfig:\n  nameservers: [dns.google]", &["spec.dnsConfig.nameservers[0]: Invalid value: \"dns.google\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"]),
        (r, &many, &[many_msg.as_str()]),
        (r, "dnsConfig:\n  searches: [My_Domain.example]", &["spec.dnsConfig.searches[0]: Invalid value: \"My_Domain.example\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*')"]),
        (r, "dnsConfig:\n  searches: [_sip._tcp.example.com]", &[]),
        (r, "dnsConfig:\n  options: [{value: '2'}]", &["spec.dnsConfig.options[0]: Required value: must not be empty"]),
        (r, "dnsPolicy: None\ndnsConfig:\n  nameservers: [192.0.2.1, '2001:db8::53']\n  searches: [ns1.svc.cluster-domain.example, my.dns.search.suffix., .]\n  options: [{name: ndots, value: '2'}, {name: edns0}]", &[]),
    ]);
}

#[test]
fn host_aliases() {
    let r = "invalid-host-alias";
    run(&[
        (r, "hostAliases:\n- ip: 10.1.2.3\n  hostnames: [foo_remote]", &["spec.hostAliases[0].hostnames[0]: Invalid value: \"foo_remote\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]),
        (r, "hostAliases:\n- ip: 10.1.2\n  hostnames: [foo.remote]", &["spec.hostAliases[0].ip: Invalid value: \"10.1.2\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"]),
        // hostNetwork with hostAliases is allowed.
        (r, "hostNetwork: true\nhostAliases:\n- ip: 127.0.0.1\n  hostnames: [foo.local, bar.local]\n- ip: '::1'\n  hostnames: [foo.local6]", &[]),
    ]);
}

#[test]
fn node_affinity() {
    let r = "invalid-node-affinity";
    let req = "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms";
    let wrap = |expr: &str| {
        format!("affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n      - {expr}")
    };
    let rows: Vec<(String, Vec<String>)> = vec![
        (wrap("matchExpressions: [{key: disktype, operator: Exists, values: [ssd]}]"), vec![format!("{req}[0].matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'")]),
        (wrap("matchExpressions: [{key: cores, operator: Gt, values: ['2', '4']}]"), vec![format!("{req}[0].matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'")]),
        (wrap("matchExpressions: [{key: disktype, operator: Has, values: [ssd]}]"), vec![format!("{req}[0].matchExpressions[0].operator: Invalid value: \"Has\": not a valid selector operator")]),
        (wrap("matchExpressions: [{key: disk type, operator: In, values: [ssd]}]"), vec![format!("{req}[0].matchExpressions[0].key: Invalid value: \"disk type\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")]),
        (wrap("matchFields: [{key: metadata.namespace, operator: In, values: [a]}]"), vec![format!("{req}[0].matchFields[0].key: Invalid value: \"metadata.namespace\": not a valid field selector key")]),
        (wrap("matchFields: [{key: metadata.name, operator: In, values: [node-1, node-2]}]"), vec![format!("{req}[0].matchFields[0].values: Required value: must be only one value when `operator` is 'In' or 'NotIn' for node field selector")]),
        (wrap("matchFields: [{key: metadata.name, operator: In, values: [node-1]}]"), vec![]),
        (wrap("matchExpressions: [{key: disktype, operator: In, values: ['fast ssd']}]"), vec![format!("{req}[0].matchExpressions[0].values[0]: Invalid value: \"fast ssd\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")]),
        // Preferred terms may carry any value (upstream allows it: they can still match).
        ("affinity:\n  nodeAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution:\n    - weight: 1\n      preference:\n        matchExpressions: [{key: disktype, operator: In, values: ['fast ssd']}]".into(), vec![]),
        (wrap("matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [antarctica-east1, antarctica-west1]}]"), vec![]),
        ("affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms: []".into(), vec![format!("{req}: Required value: must have at least one node selector term")]),
        (
            "affinity:\n  nodeAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution:\n    - weight: 0\n      preference:\n        matchExpressions: [{key: disktype, operator: In, values: [ssd]}]".into(),
            vec!["spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100".into()],
        ),
    ];
    for (fragment, want) in rows {
        assert_eq!(messages(&pod(&fragment), r), want, "{fragment}");
    }
}

#[test]
fn pod_affinity() {
    let r = "invalid-pod-affinity";
    run(&[
        (
            r,
            "affinity:\n  podAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution:\n    - weight: 101\n      podAffinityTerm:\n        labelSelector: {matchLabels: {app: db}}\n        topologyKey: kubernetes.io/hostname",
            &["spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 101: must be in the range 1-100"],
        ),
        (
            r,
            "affinity:\n  podAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n    - labelSelector:\n        matchExpressions: [{key: app, operator: In}]\n      topologyKey: kubernetes.io/hostname",
            &["spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"],
        ),
        (
            r,
            "affinity:\n  podAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n    - labelSelector: {matchLabels: {app: db}}\n      namespaces: [Prod]\n      topologyKey: kubernetes.io/hostname",
            &["spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespace: Invalid value: \"Prod\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"],
        ),
        (
            r,
            "affinity:\n  podAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n    - matchLabelKeys: [pod-template-hash]\n      topologyKey: kubernetes.io/hostname",
            &["spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].matchLabelKeys: Forbidden: must not be specified when labelSelector is not set"],
        ),
        (
            r,
            "affinity:\n  podAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n    - labelSelector: {matchLabels: {app: db}}\n      matchLabelKeys: [tenant]\n      mismatchLabelKeys: [tenant]\n      topologyKey: kubernetes.io/hostname",
            &["spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].matchLabelKeys[0]: Invalid value: \"tenant\": exists in both matchLabelKeys and mismatchLabelKeys"],
        ),
        (
            r,
            "affinity:\n  podAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n    - labelSelector: {matchExpressions: [{key: security, operator: In, values: [S1]}]}\n      matchLabelKeys: [pod-template-hash]\n      topologyKey: topology.kubernetes.io/zone\n  podAntiAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution:\n    - weight: 100\n      podAffinityTerm:\n        labelSelector: {matchExpressions: [{key: security, operator: Exists}]}\n        namespaceSelector: {}\n        topologyKey: kubernetes.io/hostname",
            &[],
        ),
    ]);
}

#[test]
fn topology_spread() {
    let r = "invalid-topology-spread";
    let c = |body: &str| format!("topologySpreadConstraints:\n{body}");
    let rows: Vec<(String, Vec<&str>)> = vec![
        (c("- {maxSkew: 0, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}"), vec!["spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero"]),
        (c("- {maxSkew: 1, topologyKey: '', whenUnsatisfiable: DoNotSchedule}"), vec!["spec.topologySpreadConstraints[0].topologyKey: Required value: can not be empty"]),
        (c("- {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: Sometimes}"), vec!["spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: \"Sometimes\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\""]),
        (
            c("- {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}\n- {maxSkew: 2, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}"),
            vec!["spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}: Duplicate value: \"{zone, DoNotSchedule}\""],
        ),
        (c("- {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, minDomains: 0}"), vec!["spec.topologySpreadConstraints[0].minDomains: Invalid value: 0: must be greater than zero"]),
        (c("- {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, matchLabelKeys: [app], labelSelector: {matchLabels: {app: web}}}"), vec!["spec.topologySpreadConstraints[0].matchLabelKeys[0]: Invalid value: \"app\": exists in both matchLabelKeys and labelSelector"]),
        (c("- {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, matchLabelKeys: [pod-template-hash]}"), vec!["spec.topologySpreadConstraints[0].matchLabelKeys: Forbidden: must not be specified when labelSelector is not set"]),
        (c("- {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, nodeTaintsPolicy: Respect}"), vec!["spec.topologySpreadConstraints[0].nodeTaintsPolicy: Unsupported value: \"Respect\": supported values: \"Honor\", \"Ignore\""]),
        (
            c("- maxSkew: 1\n  topologyKey: zone\n  whenUnsatisfiable: DoNotSchedule\n  labelSelector: {matchExpressions: [{key: app, operator: Exists, values: [a]}]}"),
            vec!["spec.topologySpreadConstraints[0].labelSelector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"],
        ),
        (
            c("- {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, minDomains: 2, nodeAffinityPolicy: Honor, nodeTaintsPolicy: Ignore, labelSelector: {matchLabels: {app: web}}}\n- {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway}\n- {maxSkew: 1, topologyKey: node, whenUnsatisfiable: DoNotSchedule}"),
            vec![],
        ),
    ];
    for (fragment, want) in rows {
        assert_eq!(messages(&pod(&fragment), r), want, "{fragment}");
    }
}

#[test]
fn dotted_labels_say_so() {
    // IsDNS1123Label names the dots when the name is a valid subdomain.
    let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: web.v2\n    image: nginx:1.27\n";
    assert_eq!(
        messages(src, "invalid-container-name"),
        ["spec.containers[0].name: Invalid value: \"web.v2\": must not contain dots"]
    );
}

#[test]
fn cronjobs() {
    let cron = |name: &str, schedule: &str| {
        format!("apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: {name}\nspec:\n  schedule: {schedule}\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{{name: c, image: busybox:1.36}}]\n")
    };
    let s = "invalid-cron-schedule";
    let rows: &[(&str, &[&str])] = &[
        ("'*/1 * * * *'", &[]),
        ("'0 0 13 * 5'", &[]),
        ("'@weekly'", &[]),
        ("'@every 90s'", &[]),
        ("''", &["spec.schedule: Required value"]),
        ("'* * * *'", &["spec.schedule: Invalid value: \"* * * *\": expected exactly 5 fields, found 4: [* * * *]"]),
        ("'0 25 * * *'", &["spec.schedule: Invalid value: \"0 25 * * *\": end of range (25) above maximum (23): 25"]),
        ("'CRON_TZ=UTC 0 * * * *'", &["spec.schedule: Invalid value: \"CRON_TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead"]),
        ("'TZ=UTC 0 * * *'", &[
            "spec.schedule: Invalid value: \"TZ=UTC 0 * * *\": expected exactly 5 fields, found 4: [0 * * *]",
            "spec.schedule: Invalid value: \"TZ=UTC 0 * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
        ]),
    ];
    for (schedule, want) in rows {
        assert_eq!(messages(&cron("c", schedule), s), *want, "{schedule}");
    }
    let n = "cronjob-name-too-long";
    assert_eq!(messages(&cron(&"a".repeat(52), "'@daily'"), n), Vec::<String>::new());
    assert_eq!(
        messages(&cron(&"a".repeat(53), "'@daily'"), n),
        [format!("metadata.name: Invalid value: \"{}\": must be no more than 52 characters", "a".repeat(53))]
    );
    let spec = |extra: &str| {
        format!("apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: '@daily'\n{extra}  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{{name: c, image: busybox:1.36}}]\n")
    };
    let c = "invalid-cronjob-spec";
    let rows: &[(&str, &[&str])] = &[
        ("  concurrencyPolicy: Skip\n", &["spec.concurrencyPolicy: Unsupported value: \"Skip\": supported values: \"Allow\", \"Forbid\", \"Replace\""]),
        ("  startingDeadlineSeconds: -10\n", &["spec.startingDeadlineSeconds: Invalid value: -10: must be greater than or equal to 0"]),
        ("  failedJobsHistoryLimit: -1\n", &["spec.failedJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0"]),
        ("  timeZone: Local\n", &["spec.timeZone: Invalid value: \"Local\": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"]),
        ("  timeZone: ''\n", &["spec.timeZone: Invalid value: \"\": timeZone must be nil or non-empty string"]),
        ("  timeZone: Asia/Seoul Standard\n", &["spec.timeZone: Invalid value: \"Asia/Seoul Standard\": unknown time zone Asia/Seoul Standard"]),
        ("  timeZone: Asia/Seoul\n  concurrencyPolicy: Forbid\n  startingDeadlineSeconds: 3600\n  successfulJobsHistoryLimit: 0\n", &[]),
    ];
    for (extra, want) in rows {
        assert_eq!(messages(&spec(extra), c), *want, "{extra}");
    }
    let with_selector = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: '@daily'\n  jobTemplate:\n    spec:\n      selector: {matchLabels: {app: c}}\n      template:\n        metadata: {labels: {app: c}}\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: c, image: busybox:1.36}]\n";
    assert_eq!(messages(with_selector, c), ["spec.jobTemplate.spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"c\"}}: `selector` will be auto-generated"]);
    // The CronJob rules leave other kinds alone.
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox:1.36}]\n";
    assert!(messages(job, n).is_empty());
}
