//! From a manifest to a plan: loading and checking the Pod, resolving images
//! without a registry, and the kubelet's rules for commands, environment,
//! limits and restart back-off.

use std::collections::BTreeMap;

use podplay_engine::expansion::expand;
use podplay_engine::image_ref::ImageRef;
use podplay_engine::model::{Container, Pod};
use podplay_engine::quantity::Quantity;
use podplay_engine::{Diagnostic, Severity, Span, Text};

use crate::msg;

/// Loads a Pod: the engine's diagnostics first (so errors are the browser's
/// own), then the typed model. The lead switches this to the validator's
/// `parse()` at merge time; nothing else in this crate parses manifests.
pub fn load_pod(source: &str) -> Result<Pod, Vec<Diagnostic>> {
    // The browser's validator, so that errors here are the browser's errors.
    let parsed = podplay_engine::parse(source);
    if parsed.diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(parsed.diagnostics);
    }
    let mut pods = parsed.objects.into_iter().filter_map(|located| match located.object {
        podplay_engine::Object::Pod(pod) => Some(pod),
        _ => None,
    });
    match (pods.next(), pods.next()) {
        (Some(pod), None) => Ok(pod),
        (None, _) => Err(vec![Diagnostic::new(
            Severity::Error,
            "node-one-pod",
            "kind",
            Span::point(1, 1),
            "podplay-node runs exactly one object of kind Pod",
            Text::new(
                "podplay-node는 kind: Pod 객체 하나만 실행합니다.",
                "podplay-node runs exactly one object of kind: Pod.",
            ),
        )]),
        (Some(_), Some(_)) => Err(vec![Diagnostic::new(
            Severity::Error,
            "node-one-pod",
            "",
            Span::point(1, 1),
            "podplay-node runs one Pod at a time; the file holds several",
            Text::new(
                "podplay-node는 한 번에 파드 하나만 실행합니다. 파일에 파드가 여러 개 있습니다.",
                "podplay-node runs one Pod at a time; the file holds several.",
            ),
        )]),
    }
}

/// Host-exposing settings found in a pod, as `(field path, message)`.
pub fn host_exposure(pod: &Pod) -> Vec<(String, Text)> {
    let mut out = Vec::new();
    let spec = &pod.spec;
    for (flag, field) in
        [(spec.host_network, "spec.hostNetwork"), (spec.host_pid, "spec.hostPID"), (spec.host_ipc, "spec.hostIPC")]
    {
        if flag == Some(true) {
            out.push((field.to_string(), msg::refused(field)));
        }
    }
    for (i, v) in spec.volumes.iter().enumerate() {
        if v.host_path.is_some() {
            let field = format!("spec.volumes[{i}].hostPath");
            out.push((field.clone(), msg::refused(&field)));
        }
    }
    for (kind, list) in [("initContainers", &spec.init_containers), ("containers", &spec.containers)] {
        for (i, c) in list.iter().enumerate() {
            let privileged =
                c.security_context.as_ref().and_then(|s| s.get("privileged")).and_then(|p| p.as_bool()) == Some(true);
            if privileged {
                let field = format!("spec.{kind}[{i}].securityContext.privileged");
                out.push((field.clone(), msg::refused(&field)));
            }
        }
    }
    out
}

/// What a container image resolves to on this node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Image {
    /// The built-in busybox image. `stand_in` names the image busybox
    /// stands in for (e.g. nginx), which changes the default command.
    Busybox { stand_in: Option<String> },
    /// A local OCI image layout directory (`oci:/path`), unpacked rootfs.
    OciLayout(String),
}

/// Resolves an image reference. `aliases` maps image references, or
/// repositories as the engine's catalogue names them (`polinux/stress`),
/// or their last component (`stress`), to `busybox`, from
/// `--image NAME=busybox`. Anything else is ErrImagePull, as in the simulation.
pub fn resolve_image(image: &str, aliases: &BTreeMap<String, String>) -> Result<Image, Text> {
    if let Some(path) = image.strip_prefix("oci:") {
        return Ok(Image::OciLayout(path.to_string()));
    }
    let reference = ImageRef::lenient(image);
    let short = reference.short_name().to_string();
    if short == "busybox" {
        return Ok(Image::Busybox { stand_in: None });
    }
    let target = aliases.get(image).or_else(|| aliases.get(reference.repository())).or_else(|| aliases.get(&short));
    match target.map(String::as_str) {
        Some("busybox") => Ok(Image::Busybox { stand_in: Some(short) }),
        Some(other) if other.starts_with("oci:") => Ok(Image::OciLayout(other.trim_start_matches("oci:").to_string())),
        _ => Err(msg::err_image_pull(image)),
    }
}

/// What an image says about how to run it (OCI image config's
/// Entrypoint, Cmd, Env, WorkingDir).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImageConfig {
    pub entrypoint: Vec<String>,
    pub cmd: Vec<String>,
    pub env: Vec<(String, String)>,
    pub working_dir: Option<String>,
}

/// The built-in busybox image's config: no entrypoint, cmd `sh`, as Docker
/// Hub's busybox. Standing in for nginx it serves a page on :80 with busybox httpd.
pub fn busybox_config(stand_in: Option<&str>) -> ImageConfig {
    let cmd = match stand_in {
        Some("nginx") => vec![
            "sh".into(),
            "-c".into(),
            "mkdir -p /usr/share/nginx/html && echo '<h1>Welcome to nginx!</h1><p>(busybox httpd standing in for nginx on podplay-node)</p>' > /usr/share/nginx/html/index.html && exec httpd -f -p 80 -h /usr/share/nginx/html".into(),
        ],
        _ => vec!["sh".into()],
    };
    ImageConfig { cmd, env: vec![("PATH".into(), DEFAULT_PATH.into())], ..ImageConfig::default() }
}

/// The PATH images conventionally set.
pub const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// The container's environment: the image's, then the pod's env in order
/// (later entries may refer to earlier ones with `$(NAME)`).
pub fn container_env(c: &Container, hostname: &str, image: &ImageConfig) -> BTreeMap<String, String> {
    let mut env = BTreeMap::new();
    env.insert("PATH".to_string(), DEFAULT_PATH.to_string());
    for (k, v) in &image.env {
        env.insert(k.clone(), v.clone());
    }
    env.insert("HOSTNAME".to_string(), hostname.to_string());
    env.entry("HOME".to_string()).or_insert_with(|| "/root".to_string());
    for e in &c.env {
        let value = expand(e.value.as_deref().unwrap_or(""), |n| env.get(n).cloned());
        env.insert(e.name.clone(), value);
    }
    env
}

/// The argv the container runs: `command` replaces the image's Entrypoint
/// (and drops its Cmd), `args` replaces Cmd (docs: "Define a Command and
/// Arguments for a Container"; pkg/kubelet/kuberuntime/helpers.go).
pub fn container_argv(c: &Container, image: &ImageConfig, env: &BTreeMap<String, String>) -> Vec<String> {
    let argv: Vec<String> = match (c.command.is_empty(), c.args.is_empty()) {
        (false, _) => c.command.iter().chain(&c.args).cloned().collect(),
        (true, false) => image.entrypoint.iter().chain(&c.args).cloned().collect(),
        (true, true) => image.entrypoint.iter().chain(&image.cmd).cloned().collect(),
    };
    argv.iter().map(|a| expand(a, |n| env.get(n).cloned())).collect()
}

/// Limits the node enforces for one container, in cgroup units.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    pub memory_bytes: Option<i64>,
    /// CFS quota in microseconds per 100 ms period.
    pub cpu_quota_us: Option<i64>,
    /// cpu.shares (v1) from the CPU request.
    pub cpu_shares: Option<i64>,
    pub pids_max: Option<i64>,
}

/// The CFS period the kubelet uses (100 ms).
pub const CPU_PERIOD_US: i64 = 100_000;

/// Reads a container's limits. Follows pkg/kubelet/cm/helpers_linux.go
/// (MilliCPUToQuota, MilliCPUToShares); a bad quantity is an error naming the field.
pub fn limits_of(c: &Container, pids_max: Option<i64>) -> Result<Limits, String> {
    let mut limits = Limits { pids_max, ..Limits::default() };
    let Some(res) = &c.resources else { return Ok(limits) };
    let q = |map: &BTreeMap<String, String>, key: &str, kind: &str| -> Result<Option<Quantity>, String> {
        match map.get(key) {
            None => Ok(None),
            Some(s) => {
                Quantity::parse(s).map(Some).map_err(|e| format!("resources.{kind}.{key}: Invalid value: {s:?}: {e:?}"))
            }
        }
    };
    if let Some(m) = q(&res.limits, "memory", "limits")? {
        limits.memory_bytes = Some(m.value().max(4096));
    }
    if let Some(cpu) = q(&res.limits, "cpu", "limits")? {
        let milli = cpu.milli_value().max(1);
        limits.cpu_quota_us = Some((milli * CPU_PERIOD_US / 1000).max(1000));
    }
    let request = q(&res.requests, "cpu", "requests")?.or(q(&res.limits, "cpu", "limits")?);
    if let Some(cpu) = request {
        limits.cpu_shares = Some((cpu.milli_value() * 1024 / 1000).max(2));
    }
    Ok(limits)
}

/// Restart back-off as the engine and kubelet do it: `base` doubling per
/// restart, capped at 30 × base (10 s → 300 s by default).
/// Follows pkg/kubelet/kubelet.go (backOffPeriod, MaxContainerBackOff).
pub fn backoff_ms(base_ms: u64, restarts: u32) -> u64 {
    let cap = base_ms.saturating_mul(30);
    base_ms.saturating_mul(1u64 << restarts.min(20)).min(cap)
}

/// Whether a container that exited with `code` restarts under `policy`.
pub fn should_restart(policy: &str, code: i32) -> bool {
    match policy {
        "Never" => false,
        "OnFailure" => code != 0,
        _ => true,
    }
}

/// The reason kubectl shows for a terminated container.
pub fn terminated_reason(code: i32, oom: bool) -> &'static str {
    if oom {
        "OOMKilled"
    } else if code == 0 {
        "Completed"
    } else {
        "Error"
    }
}

/// A native sidecar: an init container with `restartPolicy: Always`.
pub fn is_sidecar(c: &Container) -> bool {
    c.restart_policy.as_deref() == Some("Always")
}

/// `/etc/hosts` as the kubelet writes it (pkg/kubelet/kubelet_pods.go
/// managedHostsFileContent). The pod has loopback only, so its name maps to 127.0.1.1.
pub fn hosts_file(hostname: &str) -> String {
    format!(
        "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n127.0.1.1\t{hostname}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(src: &str) -> Pod {
        load_pod(src).unwrap()
    }

    #[test]
    fn images_resolve_without_a_registry() {
        let none = BTreeMap::new();
        let table = [
            ("busybox", true),
            ("busybox:1.36", true),
            ("registry.k8s.io/busybox:1.27.2", true),
            ("docker.io/library/busybox@sha256:abc", true),
            ("nginx:1.29", false),
            ("localhost:5000/app", false),
        ];
        for (image, ok) in table {
            assert_eq!(resolve_image(image, &none).is_ok(), ok, "{image}");
        }
        let aliases = BTreeMap::from([("nginx".to_string(), "busybox".to_string())]);
        assert_eq!(resolve_image("nginx:1.29", &aliases), Ok(Image::Busybox { stand_in: Some("nginx".into()) }));
        assert_eq!(ImageRef::lenient("localhost:5000/team/app:v1").short_name(), "app");
    }

    // The node named `polinux/stress` by its last component only, where the
    // catalogue names it `polinux/stress`: an alias by that name was missed.
    #[test]
    fn images_are_named_as_the_catalogue_names_them() {
        let image = "polinux/stress:1.0.4";
        let repository = ImageRef::lenient(image).repository().to_string();
        assert_eq!(repository, "polinux/stress");
        assert_eq!(podplay_engine::internals::catalogue::lookup(image).kind, "stress");
        let aliases = BTreeMap::from([(repository, "busybox".to_string())]);
        assert_eq!(resolve_image(image, &aliases), Ok(Image::Busybox { stand_in: Some("stress".into()) }));
        let by_short_name = BTreeMap::from([("stress".to_string(), "busybox".to_string())]);
        assert!(resolve_image(image, &by_short_name).is_ok());
    }

    #[test]
    fn backoff_doubles_and_caps_like_the_kubelet() {
        let got: Vec<u64> = (0..7).map(|r| backoff_ms(10_000, r)).collect();
        assert_eq!(got, [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
        assert_eq!(backoff_ms(100, 40), 3_000);
    }

    #[test]
    fn restart_policy_table() {
        for (policy, code, restart) in [
            ("Always", 0, true),
            ("Always", 1, true),
            ("OnFailure", 0, false),
            ("OnFailure", 2, true),
            ("Never", 1, false),
        ] {
            assert_eq!(should_restart(policy, code), restart, "{policy} {code}");
        }
    }

    #[test]
    fn dollar_paren_expansion() {
        let env = BTreeMap::from([("A".to_string(), "x".to_string())]);
        for (input, want) in
            [("$(A)", "x"), ("$$(A)", "$(A)"), ("$(B)", "$(B)"), ("a$b", "a$b"), ("$(A", "$(A"), ("$(A)$(A)-", "xx-")]
        {
            assert_eq!(expand(input, |n| env.get(n).cloned()), want, "{input}");
        }
    }

    #[test]
    fn command_args_and_limits() {
        let p = pod("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: busybox\n    command: [echo]\n    args: [\"$(GREETING) world\"]\n    env: [{name: GREETING, value: hello}]\n    resources: {limits: {memory: 64Mi, cpu: 250m}}\n");
        let c = &p.spec.containers[0];
        let env = container_env(c, "p", &busybox_config(None));
        assert_eq!(container_argv(c, &busybox_config(None), &env), ["echo", "hello world"]);
        let l = limits_of(c, Some(100)).unwrap();
        assert_eq!(
            l,
            Limits {
                memory_bytes: Some(64 << 20),
                cpu_quota_us: Some(25_000),
                cpu_shares: Some(256),
                pids_max: Some(100)
            }
        );
    }

    #[test]
    fn command_and_args_against_entrypoint_and_cmd() {
        let image = ImageConfig { entrypoint: vec!["/ep".into()], cmd: vec!["c1".into()], ..ImageConfig::default() };
        let v = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        for (command, args, want) in [
            (v(&[]), v(&[]), v(&["/ep", "c1"])),
            (v(&["/cmd"]), v(&[]), v(&["/cmd"])),
            (v(&[]), v(&["a1"]), v(&["/ep", "a1"])),
            (v(&["/cmd"]), v(&["a1"]), v(&["/cmd", "a1"])),
        ] {
            let c =
                Container { name: "c".into(), command: command.clone(), args: args.clone(), ..Container::default() };
            assert_eq!(container_argv(&c, &image, &BTreeMap::new()), want, "{command:?} {args:?}");
        }
    }

    #[test]
    fn host_settings_are_found() {
        let p = pod("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: true\n  containers:\n  - name: c\n    image: busybox\n    securityContext: {privileged: true}\n  volumes:\n  - name: h\n    hostPath: {path: /etc}\n");
        let fields: Vec<String> = host_exposure(&p).into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            ["spec.hostNetwork", "spec.volumes[0].hostPath", "spec.containers[0].securityContext.privileged"]
        );
    }

    #[test]
    fn bad_manifests_are_diagnosed() {
        assert!(load_pod("kind: Pod\nmetadata: {name: [\n").is_err());
        assert!(load_pod("apiVersion: v1\nkind: Deployment\nmetadata: {name: d}\nspec: {containers: [{name: c}]}\n")
            .is_err());
        assert!(load_pod(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}, {name: c}]}\n"
        )
        .is_err());
    }
}
