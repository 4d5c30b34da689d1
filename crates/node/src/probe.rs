//! Startup and liveness probes, run from inside the pod: `__probe` is a
//! re-executed helper that joins the container's namespaces and runs an exec,
//! tcpSocket or httpGet check, exiting 0 on success. Semantics follow
//! pkg/kubelet/prober (prober.go, worker.go): periodSeconds, timeoutSeconds,
//! failureThreshold, initialDelaySeconds, and HTTP 200–399 as success.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::time::Duration;

use podplay_engine::model::{Container, IntOrString, Probe};
use serde::{Deserialize, Serialize};

/// What one probe run needs, precomputed by the supervisor.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ProbeSpec {
    /// `exec`, `tcp` or `http`.
    pub kind: String,
    pub command: Vec<String>,
    pub port: u16,
    pub path: String,
    pub timeout_ms: u64,
    pub env: BTreeMap<String, String>,
    pub working_dir: String,
    pub cgroup_procs: Vec<PathBuf>,
}

/// Probe timing, with upstream's defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timing {
    pub initial_delay_ms: u64,
    pub period_ms: u64,
    pub failure_threshold: u32,
}

pub fn timing(p: &Probe) -> Timing {
    let secs = |v: Option<i32>, default: i32| v.unwrap_or(default).max(0) as u64 * 1000;
    Timing {
        initial_delay_ms: secs(p.initial_delay_seconds, 0),
        period_ms: secs(p.period_seconds, 10).max(1000),
        failure_threshold: p.failure_threshold.unwrap_or(3).max(1) as u32,
    }
}

/// Resolves a probe's action (named ports through the container's ports).
/// gRPC probes are not supported: `None`.
pub fn spec_of(p: &Probe, c: &Container) -> Option<ProbeSpec> {
    let port = |port: &IntOrString| -> u16 {
        match port {
            IntOrString::Int(n) => u16::try_from(*n).unwrap_or(0),
            IntOrString::String(name) => c
                .ports
                .iter()
                .find(|cp| cp.name.as_deref() == Some(name))
                .and_then(|cp| u16::try_from(cp.container_port).ok())
                .unwrap_or(0),
        }
    };
    let timeout_ms = p.timeout_seconds.unwrap_or(1).max(1) as u64 * 1000;
    if let Some(e) = &p.exec {
        return Some(ProbeSpec { kind: "exec".into(), command: e.command.clone(), timeout_ms, ..ProbeSpec::default() });
    }
    if let Some(t) = &p.tcp_socket {
        return Some(ProbeSpec { kind: "tcp".into(), port: port(&t.port), timeout_ms, ..ProbeSpec::default() });
    }
    if let Some(h) = &p.http_get {
        return Some(ProbeSpec {
            kind: "http".into(),
            port: port(&h.port),
            path: h.path.clone().unwrap_or_else(|| "/".into()),
            timeout_ms,
            ..ProbeSpec::default()
        });
    }
    None
}

/// `__probe PID SPEC-JSON`: runs one probe inside the container; 0 = success.
pub fn probe_main(pid: i32, spec_json: &str) -> i32 {
    // SAFETY: prctl with an integer signal number.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong, 0, 0, 0);
    }
    let Ok(spec) = serde_json::from_str::<ProbeSpec>(spec_json) else {
        println!("bad probe spec");
        return 2;
    };
    match spec.kind.as_str() {
        "exec" => match crate::helper::exec_in(pid, &spec.cgroup_procs, &spec.env, &spec.working_dir, &spec.command) {
            Ok(0) => 0,
            Ok(code) => {
                println!("command {:?} exited with {code}", spec.command);
                1
            }
            Err(e) => {
                println!("{e}");
                1
            }
        },
        "tcp" | "http" => {
            let joined = std::fs::File::open(format!("/proc/{pid}/ns/net"))
                .map_err(|e| e.to_string())
                .and_then(|f| nix::sched::setns(f, nix::sched::CloneFlags::CLONE_NEWNET).map_err(|e| e.to_string()));
            if let Err(e) = joined {
                println!("{e}");
                return 1;
            }
            let addr = SocketAddr::from(([127, 0, 0, 1], spec.port));
            let timeout = Duration::from_millis(spec.timeout_ms);
            let mut stream = match TcpStream::connect_timeout(&addr, timeout) {
                Ok(s) => s,
                Err(e) => {
                    println!("dial tcp {addr}: {e}");
                    return 1;
                }
            };
            if spec.kind == "tcp" {
                return 0;
            }
            let _ = stream.set_read_timeout(Some(timeout));
            let request = format!(
                "GET {} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\nUser-Agent: kube-probe/{}\r\n\r\n",
                spec.path,
                spec.port,
                podplay_engine::KUBERNETES_VERSION
            );
            let mut head = [0u8; 64];
            let n = stream.write_all(request.as_bytes()).and_then(|_| stream.read(&mut head)).unwrap_or(0);
            let status: u16 = String::from_utf8_lossy(head.get(..n).unwrap_or(&[]))
                .split_whitespace()
                .nth(1)
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            if (200..400).contains(&status) {
                0
            } else {
                println!("HTTP probe failed with statuscode: {status}");
                1
            }
        }
        other => {
            println!("unsupported probe {other}");
            2
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_named_ports() {
        let c: Container =
            podplay_engine::yaml::from_str("name: c\nports: [{name: http, containerPort: 8080}]\n").unwrap();
        let p: Probe = podplay_engine::yaml::from_str("httpGet: {path: /healthz, port: http}\n").unwrap();
        let s = spec_of(&p, &c).unwrap();
        assert_eq!((s.kind.as_str(), s.port, s.path.as_str(), s.timeout_ms), ("http", 8080, "/healthz", 1000));
        assert_eq!(timing(&p), Timing { initial_delay_ms: 0, period_ms: 10_000, failure_threshold: 3 });
        let g: Probe = podplay_engine::yaml::from_str("grpc: {port: 9000}\n").unwrap();
        assert!(spec_of(&g, &c).is_none());
    }
}
