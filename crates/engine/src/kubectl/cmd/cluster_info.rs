//! `kubectl cluster-info`: where the control plane and the cluster's
//! add-on services (`kubernetes.io/cluster-service=true` in kube-system)
//! answer. Follows
//! `staging/src/k8s.io/kubectl/pkg/cmd/clusterinfo/clusterinfo.go`
//! (`Run`, `printService`); the terminal has no colours, so the green and
//! yellow of a real terminal are left out.

use super::util::Cmd;
use crate::kubectl::backend::Backend;
use crate::kubectl::CommandOutput;
use crate::text::Text;

/// The API server's secure port on a kubeadm control plane.
const API_PORT: u16 = 6443;

/// The API server's address as kubeconfig names it: the control-plane
/// node's InternalIP on port 6443, as kubeadm sets it up.
pub(crate) fn api_server_url<B: Backend + ?Sized>(b: &B) -> String {
    let nodes = b.nodes();
    let control = nodes
        .iter()
        .find(|n| n.metadata.labels.contains_key("node-role.kubernetes.io/control-plane"))
        .or_else(|| nodes.first());
    let ip = control
        .and_then(|n| b.node_internal_ip(&n.metadata.name))
        .filter(|ip| !ip.is_empty())
        .unwrap_or_else(|| "127.0.0.1".to_string());
    format!("https://{ip}:{API_PORT}")
}

/// `kubectl cluster-info` (cmd/clusterinfo/clusterinfo.go).
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    if let Some(arg) = c.inv.args.first() {
        if arg == "dump" {
            return CommandOutput::error(
                "error: \"kubectl cluster-info dump\" is not available in this playground",
                Some(Text::new(
                    "`cluster-info dump`는 클러스터 전체(모든 오브젝트와 로그)를 덤프합니다. 이 플레이그라운드에서는 `kubectl get all -A`, `kubectl get events -A`, `kubectl logs`로 같은 정보를 확인하세요.",
                    "`cluster-info dump` dumps the whole cluster (every object and log). In this playground, look at the same information with `kubectl get all -A`, `kubectl get events -A` and `kubectl logs`.",
                )),
            );
        }
        return CommandOutput::error(
            format!("error: unknown command \"{arg}\" for \"kubectl cluster-info\""),
            Some(Text::new(
                "`kubectl cluster-info`는 인자를 받지 않습니다(하위 명령은 `dump`뿐입니다).",
                "`kubectl cluster-info` takes no arguments (its only subcommand is `dump`).",
            )),
        );
    }
    let host = api_server_url(b);
    // kubeadm's CoreDNS Service: `kube-dns` in kube-system, labelled
    // `kubernetes.io/cluster-service=true` and `kubernetes.io/name=CoreDNS`,
    // whose first port is named `dns`.
    let dns = format!("{host}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy");
    let mut out = CommandOutput::ok(format!(
        "Kubernetes control plane is running at {host}\nCoreDNS is running at {dns}\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n"
    ));
    out.explain = Some(Text::new(
        format!("API 서버(컨트롤 플레인)는 {host}에서 접속을 받습니다. kubectl은 kubeconfig에 적힌 이 주소로 모든 요청을 보냅니다. CoreDNS 줄은 kube-system 네임스페이스의 클러스터 DNS 서비스(kube-dns, 10.96.0.10)를 API 서버 프록시 경로로 보여 줍니다."),
        format!("The API server (control plane) accepts connections at {host}; kubectl sends every request to this address from its kubeconfig. The CoreDNS line is the cluster DNS Service in kube-system (kube-dns, 10.96.0.10), shown as its path through the API server's proxy."),
    ));
    out
}
