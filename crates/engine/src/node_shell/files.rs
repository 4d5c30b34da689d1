//! What a kubeadm node's disk holds when the learner first looks: the
//! kubelet's configuration (`/var/lib/kubelet/config.yaml`, as `kubeadm
//! init`/`join` write it, with `staticPodPath: /etc/kubernetes/manifests`),
//! the manifest directory, `/etc/hostname`, and a home directory.

use crate::internals::fs::Tree;

/// The kubelet's static pod directory (kubeadm's `staticPodPath`).
pub(crate) const STATIC_POD_PATH: &str = "etc/kubernetes/manifests";

/// `/var/lib/kubelet/config.yaml` as kubeadm 1.35 writes it
/// (cmd/kubeadm/app/componentconfigs/kubelet.go: `staticPodPath`,
/// `clusterDNS`, `cgroupDriver: systemd`, and zero durations that mean the
/// kubelet's defaults, such as `fileCheckFrequency: 0s` = 20s).
const KUBELET_CONFIG: &str = "apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: systemd
clusterDNS:
- 10.96.0.10
clusterDomain: cluster.local
containerRuntimeEndpoint: \"\"
cpuManagerReconcilePeriod: 0s
crashLoopBackOff: {}
evictionPressureTransitionPeriod: 0s
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: \"0\"
    text:
      infoBufferSize: \"0\"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
resolvConf: /run/systemd/resolve/resolv.conf
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
";

/// The kubeadm drop-in that starts the kubelet with that file.
const KUBEADM_DROP_IN: &str = "# Note: This dropin only works with kubeadm and kubelet v1.11+
[Service]
Environment=\"KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf\"
Environment=\"KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml\"
# This is a file that \"kubeadm init\" and \"kubeadm join\" generates at runtime, populating the KUBELET_KUBEADM_ARGS variable dynamically
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
# This is a file that the user can use for overrides of the kubelet args as a last resort. Preferably, the user should use
# the .NodeRegistration.KubeletExtraArgs object in the configuration files instead. KUBELET_EXTRA_ARGS should be sourced from this file.
EnvironmentFile=-/etc/default/kubelet
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
";

/// A node's disk at first sight.
pub(crate) fn node_disk(node: &str, control_plane: bool) -> Tree {
    let mut t = Tree::new();
    for dir in [
        "root",
        "tmp",
        "etc/kubernetes/pki",
        STATIC_POD_PATH,
        "var/lib/kubelet",
        "var/log/pods",
        "usr/lib/systemd/system/kubelet.service.d",
    ] {
        let _ = t.mkdir_all(dir);
    }
    t.put("etc/hostname", &format!("{node}\n"));
    t.put("etc/os-release", "PRETTY_NAME=\"Ubuntu 24.04.3 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"24.04\"\nID=ubuntu\n");
    t.put("var/lib/kubelet/config.yaml", KUBELET_CONFIG);
    t.put(
        "var/lib/kubelet/kubeadm-flags.env",
        "KUBELET_KUBEADM_ARGS=\"--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10.1\"\n",
    );
    t.put("usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf", KUBEADM_DROP_IN);
    t.put("etc/kubernetes/kubelet.conf", "");
    t.put("etc/kubernetes/pki/ca.crt", "");
    if control_plane {
        for f in ["admin.conf", "controller-manager.conf", "scheduler.conf", "super-admin.conf"] {
            t.put(&format!("etc/kubernetes/{f}"), "");
        }
    }
    t
}
