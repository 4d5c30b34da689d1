//! The pod view: what is inside one pod, as an SVG picture with a text
//! description beside it for screen readers. One shared box for the
//! network, UTS and IPC namespaces (labelled with the pod IP and hostname),
//! a box per container with its own mount and process namespaces (the
//! process boxes merge into one when `shareProcessNamespace` is on), and the
//! volumes as drawers wired to the containers that mount them.

use podplay_engine::model::Pod;
use podplay_engine::Lang;
use yew::prelude::*;

use crate::i18n::{self, Msg};

/// The most containers and volumes drawn (a limit on everything); the text
/// description still lists them all.
const DRAWN_MAX: usize = 12;
const BOX_W: i32 = 170;
const GAP: i32 = 20;
const PAD: i32 = 16;
const HEAD: i32 = 58;
/// The narrowest the pod box gets, so its two-line label fits.
const POD_W_MIN: i32 = 420;
const BOX_H: i32 = 150;
const DRAWER_W: i32 = 150;
const DRAWER_H: i32 = 46;

/// Where things go in the picture, computed from the pod alone (pure, testable).
#[derive(Debug, PartialEq)]
pub struct Picture {
    pub width: i32,
    pub height: i32,
    pub pod_box: (i32, i32, i32, i32),
    /// (name, image, x, y) of each container box.
    pub containers: Vec<(String, String, i32, i32)>,
    pub shared_pid: bool,
    /// (name, kind, x, y) of each volume drawer.
    pub volumes: Vec<(String, &'static str, i32, i32)>,
    /// (container index, volume index, mount path).
    pub mounts: Vec<(usize, usize, String)>,
}

/// The hostname a pod's containers see, by the engine's rule (the kubelet's
/// 63-character cut included).
pub fn hostname(pod: &Pod) -> String {
    podplay_engine::names::pod_hostname(&pod.metadata.name, pod.spec.hostname.as_deref())
}

fn volume_kind(v: &podplay_engine::model::Volume) -> &'static str {
    if v.empty_dir.is_some() {
        "emptyDir"
    } else if v.config_map.is_some() {
        "configMap"
    } else if v.secret.is_some() {
        "secret"
    } else if v.host_path.is_some() {
        "hostPath"
    } else if v.downward_api.is_some() {
        "downwardAPI"
    } else if v.projected.is_some() {
        "projected"
    } else if v.persistent_volume_claim.is_some() {
        "persistentVolumeClaim"
    } else {
        "volume"
    }
}

pub fn layout(pod: &Pod) -> Picture {
    let containers: Vec<_> = pod.spec.containers.iter().take(DRAWN_MAX).collect();
    let n = containers.len().max(1) as i32;
    let shared_pid = pod.spec.share_process_namespace == Some(true);
    let inner_w = n * BOX_W + (n - 1) * GAP;
    let pid_band = if shared_pid { 44 } else { 0 };
    let pod_h = HEAD + BOX_H + pid_band + PAD;
    let volumes: Vec<_> = pod.spec.volumes.iter().take(DRAWN_MAX).collect();
    let v = volumes.len() as i32;
    let drawers_w = v * DRAWER_W + (v - 1).max(0) * GAP;
    let width = (inner_w + 2 * PAD).max(drawers_w + 2 * PAD).max(POD_W_MIN) + 20;
    let pod_w = (inner_w + 2 * PAD).max(POD_W_MIN);
    let pod_box = (10, 10, pod_w, pod_h);
    let boxes = containers
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let x = 10 + PAD + i as i32 * (BOX_W + GAP);
            (c.name.clone(), c.image.clone().unwrap_or_default(), x, 10 + HEAD)
        })
        .collect();
    let drawer_y = 10 + pod_h + 50;
    let drawers_x0 = 10 + PAD;
    let drawers: Vec<_> = volumes
        .iter()
        .enumerate()
        .map(|(i, vol)| (vol.name.clone(), volume_kind(vol), drawers_x0 + i as i32 * (DRAWER_W + GAP), drawer_y))
        .collect();
    let mut mounts = Vec::new();
    for (ci, c) in containers.iter().enumerate() {
        for m in &c.volume_mounts {
            if let Some(vi) = volumes.iter().position(|v| v.name == m.name) {
                mounts.push((ci, vi, m.mount_path.clone()));
            }
        }
    }
    let height = if drawers.is_empty() { 10 + pod_h + 10 } else { drawer_y + DRAWER_H + 10 };
    Picture { width, height, pod_box, containers: boxes, shared_pid, volumes: drawers, mounts }
}

/// The picture in words, one sentence per item, for screen readers and for
/// everyone who prefers reading.
pub fn describe(pod: &Pod, ip: Option<&str>, lang: Lang) -> Vec<String> {
    let ip = ip.unwrap_or(Msg::PodIpNone.get(lang));
    let mut out = vec![
        i18n::pod_summary(lang, &pod.metadata.name, pod.spec.containers.len(), ip, &hostname(pod)),
        i18n::pid_summary(lang, pod.spec.share_process_namespace == Some(true)).to_string(),
    ];
    for v in &pod.spec.volumes {
        let mut any = false;
        for c in &pod.spec.containers {
            for m in c.volume_mounts.iter().filter(|m| m.name == v.name) {
                out.push(i18n::mounts(lang, &c.name, &v.name, &m.mount_path));
                any = true;
            }
        }
        if !any {
            out.push(i18n::unmounted(lang, &v.name));
        }
    }
    out
}

/// One container's live state, from the cluster and the runtime.
#[derive(Clone, Debug, PartialEq)]
pub struct ContainerRow {
    pub name: String,
    /// `Running`, `Waiting: CrashLoopBackOff`, `Terminated: Completed (0)`.
    pub state: String,
    pub ready: bool,
    pub restarts: u32,
    /// The kubelet's message, e.g. `back-off 20s restarting failed container=…`.
    pub message: Option<String>,
    /// In `CrashLoopBackOff`: (ms left, whole back-off in ms) on the virtual clock.
    pub backoff: Option<(u64, u64)>,
    /// The last termination, e.g. `Error (1)`.
    pub last_exit: Option<String>,
}

/// Namespace inode numbers as the runtime reports them (equal when shared).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NsInodes {
    pub net: u64,
    /// Per container, in spec order: (mnt, pid).
    pub per_container: Vec<(u64, u64)>,
}

#[derive(Properties, PartialEq)]
pub struct PodViewProps {
    pub lang: Lang,
    pub pod: Option<Pod>,
    #[prop_or_default]
    pub ip: Option<AttrValue>,
    /// kubectl's STATUS and the node, e.g. `Running on worker-1`.
    #[prop_or_default]
    pub status: Option<AttrValue>,
    #[prop_or_default]
    pub containers: Vec<ContainerRow>,
    #[prop_or_default]
    pub inodes: Option<NsInodes>,
}

#[component]
pub fn PodView(props: &PodViewProps) -> Html {
    let lang = props.lang;
    let Some(pod) = &props.pod else {
        return html! { <p class="empty">{ Msg::PodNone.get(lang) }</p> };
    };
    let pic = layout(pod);
    let ip = props.ip.as_deref();
    let (px, py, pw, ph) = pic.pod_box;
    let shared_label = format!(
        "{}: {} · {}: {}",
        Msg::PodIp.get(lang),
        ip.unwrap_or(Msg::PodIpNone.get(lang)),
        Msg::Hostname.get(lang),
        hostname(pod)
    );
    let inode = |i: usize, pick: fn(&(u64, u64)) -> u64| -> String {
        props
            .inodes
            .as_ref()
            .and_then(|n| n.per_container.get(i))
            .map(|p| format!("inode {}", pick(p)))
            .unwrap_or_default()
    };
    let container_boxes = pic.containers.iter().enumerate().map(|(i, (name, image, x, y))| {
        let (x, y) = (*x, *y);
        let mnt_title = inode(i, |p| p.0);
        let pid_title = inode(i, |p| p.1);
        let mount_count = pic.mounts.iter().filter(|m| pic.containers.get(m.0).map(|c| &c.0) == Some(name)).count();
        html! {
            <g class="container" data-name={name.clone()}>
                <rect x={x.to_string()} y={y.to_string()} width={BOX_W.to_string()} height={BOX_H.to_string()} rx="8" class="c-box" />
                <text x={(x + 10).to_string()} y={(y + 22).to_string()} class="c-name">{ trim(name, 18) }</text>
                <text x={(x + 10).to_string()} y={(y + 40).to_string()} class="c-image">{ trim(image, 22) }</text>
                <g class="ns-mnt">
                    <title>{ mnt_title }</title>
                    <rect x={(x + 8).to_string()} y={(y + 54).to_string()} width={(BOX_W - 16).to_string()} height="36" rx="5" class="ns mnt" />
                    <text x={(x + 16).to_string()} y={(y + 77).to_string()} class="ns-label">
                        { format!("{} · {}", Msg::NsMnt.get(lang), mount_count) }
                    </text>
                </g>
                if !pic.shared_pid {
                    <g class="ns-pid">
                        <title>{ pid_title }</title>
                        <rect x={(x + 8).to_string()} y={(y + 98).to_string()} width={(BOX_W - 16).to_string()} height="36" rx="5" class="ns pid" />
                        <text x={(x + 16).to_string()} y={(y + 121).to_string()} class="ns-label">{ Msg::NsPid.get(lang) }</text>
                    </g>
                }
            </g>
        }
    });
    let shared_pid = pic.shared_pid.then(|| {
        let y = py + HEAD + BOX_H + 4;
        html! {
            <g class="ns-pid shared">
                <rect x={(px + PAD).to_string()} y={y.to_string()} width={(pw - 2 * PAD).to_string()} height="36" rx="5" class="ns pid" />
                <text x={(px + PAD + 10).to_string()} y={(y + 23).to_string()} class="ns-label">{ Msg::NsPidShared.get(lang) }</text>
            </g>
        }
    });
    let wires = pic.mounts.iter().filter_map(|(ci, vi, path)| {
        let c = pic.containers.get(*ci)?;
        let v = pic.volumes.get(*vi)?;
        let (x1, y1) = (c.2 + BOX_W / 2, c.3 + BOX_H);
        let (x2, y2) = (v.2 + DRAWER_W / 2, v.3);
        Some(html! {
            <line class="mount" x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()}>
                <title>{ format!("{} → {} ({})", c.0, v.0, path) }</title>
            </line>
        })
    });
    let drawers = pic.volumes.iter().map(|(name, kind, x, y)| {
        html! {
            <g class="volume" data-name={name.clone()}>
                <rect x={x.to_string()} y={y.to_string()} width={DRAWER_W.to_string()} height={DRAWER_H.to_string()} rx="4" class="drawer" />
                <line x1={(x + DRAWER_W / 2 - 14).to_string()} y1={(y + 8).to_string()} x2={(x + DRAWER_W / 2 + 14).to_string()} y2={(y + 8).to_string()} class="handle" />
                <text x={(x + 10).to_string()} y={(y + 26).to_string()} class="v-name">{ trim(name, 18) }</text>
                <text x={(x + 10).to_string()} y={(y + 40).to_string()} class="v-kind">{ *kind }</text>
            </g>
        }
    });
    let sentences = describe(pod, ip, lang);
    html! {
        <div class="pod-view">
            <h3 id="pod-title">{ format!("{}: {}", Msg::TabPod.get(lang), pod.metadata.name) }</h3>
            if let Some(status) = &props.status {
                <p class="pod-status-line" id="pod-status">{ status.clone() }</p>
            }
            <svg class="pod-picture" role="img" aria-labelledby="pod-title" aria-describedby="pod-description"
                viewBox={format!("0 0 {} {}", pic.width, pic.height)} width={pic.width.to_string()}>
                <g class="ns-shared" data-ns="net uts ipc">
                    <rect x={px.to_string()} y={py.to_string()} width={pw.to_string()} height={ph.to_string()} rx="12" class="pod-box" />
                    <text x={(px + 12).to_string()} y={(py + 22).to_string()} class="pod-label">{ Msg::NsShared.get(lang) }</text>
                    <text x={(px + 12).to_string()} y={(py + 42).to_string()} class="pod-sub">{ shared_label }</text>
                </g>
                { for container_boxes }
                { for shared_pid }
                { for wires }
                { for drawers }
                <g id="packets" class="packets" />
            </svg>
            if !props.containers.is_empty() {
                <table class="containers" id="container-states">
                    <caption>{ Msg::ContainersTitle.get(lang) }</caption>
                    <thead><tr>
                        <th scope="col">{ Msg::Container.get(lang) }</th>
                        <th scope="col">{ Msg::State.get(lang) }</th>
                        <th scope="col">{ Msg::Ready.get(lang) }</th>
                        <th scope="col">{ Msg::Restarts.get(lang) }</th>
                    </tr></thead>
                    <tbody>
                        { for props.containers.iter().map(|c| html! {
                            <tr data-container={c.name.clone()}>
                                <th scope="row">{ &c.name }</th>
                                <td>
                                    { &c.state }
                                    if let Some(m) = &c.message {
                                        <span class="state-message">{ m }</span>
                                    }
                                    if let Some((left, period)) = c.backoff {
                                        <span class="backoff" data-left-ms={left.to_string()}>
                                            <progress max={period.to_string()} value={period.saturating_sub(left).to_string()}
                                                aria-hidden="true"></progress>
                                            { i18n::backoff(lang, left, period) }
                                        </span>
                                    }
                                    if let Some(exit) = &c.last_exit {
                                        <span class="last-exit">{ Msg::LastExit.get(lang) }{ ": " }{ exit }</span>
                                    }
                                </td>
                                <td>
                                    <span aria-hidden="true">{ if c.ready { "✓ " } else { "✗ " } }</span>
                                    { if c.ready { Msg::ReadyYes.get(lang) } else { Msg::ReadyNo.get(lang) } }
                                </td>
                                <td class="restarts">{ c.restarts }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            <details class="description" open=true>
                <summary>{ Msg::TextDescription.get(lang) }</summary>
                <ul id="pod-description">
                    { for sentences.into_iter().map(|s| html! { <li>{ s }</li> }) }
                </ul>
            </details>
        </div>
    }
}

/// Cuts a label to `max` characters with an ellipsis, for boxes of fixed size.
fn trim(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(yaml: &str) -> Pod {
        podplay_engine::yaml::from_str(yaml).unwrap()
    }

    const TWO: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: two}\nspec:\n  volumes: [{name: logs, emptyDir: {}}, {name: spare, emptyDir: {}}]\n  containers:\n  - {name: app, image: busybox, volumeMounts: [{name: logs, mountPath: /var/log}]}\n  - {name: tail, image: busybox, volumeMounts: [{name: logs, mountPath: /logs}]}\n";

    #[test]
    fn volumes_are_wired_to_the_containers_that_mount_them() {
        let pic = layout(&pod(TWO));
        assert_eq!(pic.containers.len(), 2);
        assert_eq!(pic.volumes.len(), 2);
        assert_eq!(pic.mounts, vec![(0, 0, "/var/log".into()), (1, 0, "/logs".into())]);
        assert!(!pic.shared_pid);
    }

    #[test]
    fn the_description_says_what_is_shared() {
        let text = describe(&pod(TWO), None, Lang::En).join("\n");
        assert!(text.contains("Container tail mounts volume logs at /logs."), "{text}");
        assert!(text.contains("Volume spare is not mounted"), "{text}");
        assert!(text.contains("its own mount and process namespace"), "{text}");
        let shared = TWO.replace("spec:\n", "spec:\n  shareProcessNamespace: true\n");
        let text = describe(&pod(&shared), Some("10.244.0.5"), Lang::Ko).join("\n");
        assert!(text.contains("10.244.0.5") && text.contains("shareProcessNamespace"), "{text}");
    }

    #[test]
    fn hostname_follows_spec_then_name() {
        assert_eq!(hostname(&pod(TWO)), "two");
        assert_eq!(hostname(&pod("metadata: {name: a}\nspec: {hostname: h, containers: []}\n")), "h");
        // A long pod name is cut to 63 characters and loses a trailing '-', as the kubelet does.
        let long = format!("{}-{}", "a".repeat(62), "b".repeat(10));
        assert_eq!(hostname(&pod(&format!("metadata: {{name: {long}}}\nspec: {{containers: []}}\n"))), "a".repeat(62));
    }
}
