//! Requests into a pod from outside it: `kubectl port-forward` and the
//! kubelet's probes.

use super::host::CtrHost;
use super::{HttpAnswer, PodRuntime};
use crate::runtime::{ContainerId, ProbeAction, ProbeResult};
use crate::shell::{Proto, Request};
use crate::text::Text;
use crate::time::SimTime;

impl PodRuntime {
    /// A request from outside the pod to one of its ports (`kubectl
    /// port-forward` or the pod IP), answered by whichever container listens.
    pub fn port_forward_request(
        &mut self,
        pod_uid: &str,
        port: u16,
        path: &str,
        now: SimTime,
    ) -> Result<HttpAnswer, Text> {
        let Some(sb) = self.sandboxes.get_mut(pod_uid) else {
            return Err(Text::new("파드를 찾을 수 없습니다.", "pod not found"));
        };
        let pod_ip = sb.pod_ip.clone();
        self.dirty = true;
        self.clock = self.clock.max(now);
        let mut h = CtrHost {
            cwd: None,
            sb,
            ctr: String::new(),
            now,
            events: &mut self.events,
            outside: &mut self.outside,
            event_bytes: &mut self.event_bytes,
            others: None,
        };
        let req = Request {
            host: pod_ip.clone(),
            port,
            proto: Proto::Http { path: path.to_string() },
            agent: "kubectl".to_string(),
        };
        match h.route("outside", &req, 0) {
            Ok(r) => Ok(HttpAnswer { status: r.status, body: r.body }),
            Err(_) => Err(Text::new(
                format!("파드의 {port}번 포트에서 수신 대기 중인 컨테이너가 없습니다."),
                format!("error forwarding port {port} to pod {pod_uid}, uid : failed to execute portforward in network namespace: failed to connect to localhost:{port} inside namespace: connection refused"),
            )),
        }
    }

    /// Runs one probe against a container.
    pub(super) fn run_probe(&mut self, id: &ContainerId, action: &ProbeAction, now: SimTime) -> ProbeResult {
        let running = self.ctr(id).is_some_and(|c| c.running);
        if !running {
            return ProbeResult::Failure { message: format!("container \"{}\" is not running", id.container) };
        }
        // A probe is a request like any other: it can write logs and files
        // that waiting programs (`tail -F`) must see at the next wake-up.
        self.dirty = true;
        self.clock = self.clock.max(now);
        let Some(sb) = self.sandboxes.get_mut(&id.pod_uid) else {
            return ProbeResult::Failure { message: "pod not found".into() };
        };
        let pod_ip = sb.pod_ip.clone();
        match action {
            ProbeAction::Exec { command } => match self.exec(id, command, now) {
                Ok(out) if out.exit_code == 0 => ProbeResult::Success,
                Ok(out) => {
                    let msg = format!("{}{}", out.stdout, out.stderr);
                    ProbeResult::Failure { message: msg.trim_end().to_string() }
                }
                Err(t) => ProbeResult::Failure { message: t.en },
            },
            // Failure wording follows pkg/probe/http/http.go and pkg/probe/tcp/tcp.go.
            // HTTP, TCP and gRPC probes are one request from the kubelet;
            // only what counts as success and the failure wording differ.
            ProbeAction::HttpGet { .. } | ProbeAction::TcpSocket { .. } | ProbeAction::Grpc { .. } => {
                let (target, port, proto) = match action {
                    ProbeAction::HttpGet { port, path, host } => {
                        (host.clone().unwrap_or_else(|| pod_ip.clone()), *port, Proto::Http { path: path.clone() })
                    }
                    ProbeAction::TcpSocket { port } | ProbeAction::Grpc { port } => {
                        (pod_ip.clone(), *port, Proto::Connect)
                    }
                    ProbeAction::Exec { .. } => return ProbeResult::Failure { message: "not a network probe".into() },
                };
                let req = Request {
                    host: target.clone(),
                    port,
                    proto,
                    agent: format!("kube-probe/{}", crate::KUBERNETES_VERSION),
                };
                let mut h = CtrHost {
                    cwd: None,
                    sb,
                    ctr: id.container.clone(),
                    now,
                    events: &mut self.events,
                    outside: &mut self.outside,
                    event_bytes: &mut self.event_bytes,
                    others: None,
                };
                let answer = h.route("kubelet", &req, 0);
                match (action, answer) {
                    (ProbeAction::HttpGet { .. }, Ok(r)) if (200..400).contains(&r.status) => ProbeResult::Success,
                    (ProbeAction::HttpGet { .. }, Ok(r)) => {
                        ProbeResult::Failure { message: format!("HTTP probe failed with statuscode: {}", r.status) }
                    }
                    (ProbeAction::HttpGet { path, .. }, Err(_)) => ProbeResult::Failure {
                        message: format!("Get \"http://{target}:{port}{path}\": dial tcp {target}:{port}: connect: connection refused"),
                    },
                    (_, Ok(_)) => ProbeResult::Success,
                    (ProbeAction::Grpc { .. }, Err(_)) => ProbeResult::Failure {
                        message: format!("timeout: failed to connect service \"{target}:{port}\" within 1s: context deadline exceeded"),
                    },
                    (_, Err(_)) => ProbeResult::Failure { message: format!("dial tcp {target}:{port}: connect: connection refused") },
                }
            }
        }
    }
}
