//! `kubectl top pod|node`: CPU and memory usage as metrics-server reports
//! it. Mirrors `staging/src/k8s.io/kubectl/pkg/cmd/top/top_pod.go` and
//! `top_node.go`.

use std::fmt::Write as _;

use super::objects::{select_nodes, select_pods, sorted_nodes, sorted_pods};
use super::util::{label_filter, no_resources, Cmd};
use crate::kubectl::backend::Backend;
use crate::kubectl::format::table;
use crate::kubectl::sel::LabelFilter;
use crate::kubectl::CommandOutput;
use crate::text::Text;

/// `kubectl top pod|node` (cmd/top/top_pod.go, top_node.go): CPU in
/// millicores (`12m`) and memory in mebibytes (`35Mi`).
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let filter = match label_filter(c) {
        Ok(f) => f,
        Err(e) => return e,
    };
    let kind = c.inv.args.first().map(String::as_str).unwrap_or("");
    // `kubectl top` alone is a parent command: cobra prints its help.
    if kind.is_empty() {
        return crate::kubectl::help::command(c.inv.command);
    }
    // `--sort-by=cpu|memory` (top_pod.go / top_node.go `Validate`).
    let sort_by = c.inv.get("sort-by").filter(|s| !s.is_empty());
    if sort_by.is_some_and(|s| s != "cpu" && s != "memory") {
        return CommandOutput::error(
            "error: --sort-by accepts only cpu or memory",
            Some(Text::new(
                "`--sort-by`에는 cpu 또는 memory만 쓸 수 있습니다.",
                "`--sort-by` takes cpu or memory only.",
            )),
        );
    }
    let res = crate::kubectl::resources::resolve(kind).map(|r| r.plural);
    let names: Vec<String> = c.inv.args.get(1..).map(<[String]>::to_vec).unwrap_or_default();
    match res {
        Some("pods") => top_pods(b, c, &filter, &names),
        Some("nodes") => top_nodes(b, c, &filter, &names),
        _ => CommandOutput::error(
            if kind.is_empty() {
                "error: unknown command \"\" for \"kubectl top\"\nUse \"kubectl top pod\" or \"kubectl top node\"."
                    .to_string()
            } else {
                format!("error: unknown command \"{kind}\" for \"kubectl top\"\n\nDid you mean this?\n\tpod\n\tnode")
            },
            Some(Text::new(
                "`kubectl top pod` 또는 `kubectl top node`를 쓰세요.",
                "Use `kubectl top pod` or `kubectl top node`.",
            )),
        ),
    }
}

/// Memory as `top` prints it: whole mebibytes.
fn mib(bytes: u64) -> String {
    format!("{}Mi", bytes / (1024 * 1024))
}

/// `kubectl top pod`.
fn top_pods<B: Backend + ?Sized>(b: &mut B, c: &Cmd, filter: &LabelFilter, names: &[String]) -> CommandOutput {
    let all_ns = c.inv.on("all-namespaces");
    let ns = if all_ns { None } else { Some(c.ns.as_str()) };
    let (pods, missing) = select_pods(&sorted_pods(b), ns, filter, names);
    let mut out = CommandOutput::default();
    for m in missing {
        let _ = writeln!(out.stderr, "{m}");
        out.exit_code = 1;
    }
    let containers = c.inv.on("containers");
    let mut text = String::new();
    if !c.inv.on("no-headers") {
        if all_ns {
            text.push_str("NAMESPACE\t");
        }
        text.push_str(if containers {
            "POD\tNAME\tCPU(cores)\tMEMORY(bytes)\n"
        } else {
            "NAME\tCPU(cores)\tMEMORY(bytes)\n"
        });
    }
    let mut measured = Vec::new();
    for p in &pods {
        let Some(mut usage) = b.pod_usage(&p.metadata.namespace, &p.metadata.name) else {
            continue;
        };
        // Containers in the pod's own order, as metrics-server lists them.
        let order = |n: &str| p.spec.containers.iter().position(|c| c.name == n).unwrap_or(usize::MAX);
        usage.sort_by_key(|u| order(&u.name));
        measured.push((p, usage));
    }
    // Largest first, pods by their sum and containers within each pod
    // (metricsutil's PodMetricsSorter and ContainerMetricsSorter).
    let key = |u: &crate::kubectl::backend::ContainerMetrics| match c.inv.get("sort-by") {
        Some("cpu") => u.cpu_millis,
        Some("memory") => u.memory_bytes,
        _ => 0,
    };
    if c.inv.get("sort-by").is_some_and(|s| !s.is_empty()) {
        measured.sort_by_key(|(_, usage)| std::cmp::Reverse(usage.iter().map(key).sum::<u64>()));
        for (_, usage) in &mut measured {
            usage.sort_by_key(|u| std::cmp::Reverse(key(u)));
        }
    }
    let mut rows = 0;
    for (p, usage) in measured {
        rows += 1;
        let prefix = if all_ns { format!("{}\t", p.metadata.namespace) } else { String::new() };
        if containers {
            for u in usage {
                let _ = writeln!(
                    text,
                    "{prefix}{}\t{}\t{}m\t{}",
                    p.metadata.name,
                    u.name,
                    u.cpu_millis,
                    mib(u.memory_bytes)
                );
            }
        } else {
            let cpu: u64 = usage.iter().map(|u| u.cpu_millis).sum();
            let mem: u64 = usage.iter().map(|u| u.memory_bytes).sum();
            let _ = writeln!(text, "{prefix}{}\t{cpu}m\t{}", p.metadata.name, mib(mem));
        }
    }
    if rows == 0 {
        if pods.is_empty() && out.stderr.is_empty() {
            out.stderr = no_resources(ns);
            return out;
        }
        if !pods.is_empty() {
            return CommandOutput::error(
                "error: Metrics not available for pod(s) yet",
                Some(Text::new(
                    "아직 사용량 정보가 없습니다. 파드가 Running 상태가 되고 잠시 뒤에 다시 시도하세요.",
                    "No usage yet. Try again a little after the pod is Running.",
                )),
            );
        }
        return out;
    }
    out.stdout = table(&text);
    out
}

/// `kubectl top node`: the usage of each node's pods against its allocatable.
fn top_nodes<B: Backend + ?Sized>(b: &mut B, c: &Cmd, filter: &LabelFilter, names: &[String]) -> CommandOutput {
    let (nodes, missing) = select_nodes(&sorted_nodes(b), filter, names);
    let mut out = CommandOutput::default();
    for m in missing {
        let _ = writeln!(out.stderr, "{m}");
        out.exit_code = 1;
    }
    let pods = sorted_pods(b);
    let mut text = String::new();
    if !c.inv.on("no-headers") {
        text.push_str("NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\n");
    }
    for n in &nodes {
        let (mut cpu, mut mem) = (0u64, 0u64);
        for p in pods.iter().filter(|p| p.spec.node_name.as_deref() == Some(n.metadata.name.as_str())) {
            for u in b.pod_usage(&p.metadata.namespace, &p.metadata.name).unwrap_or_default() {
                cpu = cpu.saturating_add(u.cpu_millis);
                mem = mem.saturating_add(u.memory_bytes);
            }
        }
        let status = n.status.clone().unwrap_or_default();
        let alloc = if status.allocatable.is_empty() { status.capacity } else { status.allocatable };
        let q = |k: &str, milli: bool| {
            alloc
                .get(k)
                .and_then(|v| crate::quantity::Quantity::parse(v).ok())
                .map(|q| if milli { q.milli_value() } else { q.value() })
                .unwrap_or(0)
                .max(0) as u64
        };
        let pct = |v: u64, of: u64| v.saturating_mul(100).checked_div(of).unwrap_or(0);
        let _ = writeln!(
            text,
            "{}\t{cpu}m\t{}%\t{}\t{}%",
            n.metadata.name,
            pct(cpu, q("cpu", true)),
            mib(mem),
            pct(mem, q("memory", false))
        );
    }
    out.stdout = table(&text);
    out
}
