//! The pod view: what is inside one pod, as an SVG picture with a text
//! description beside it for screen readers. One shared box for the
//! network, UTS and IPC namespaces (labelled with the pod IP and hostname),
//! a box per container with its own mount and process namespaces (the
//! process boxes merge into one when `shareProcessNamespace` is on), the
//! ephemeral containers `kubectl debug` added (dashed and labelled, with
//! their state; one with `--target` is drawn beside its target, their
//! process boxes merged into one), and the volumes as drawers wired to the
//! containers that mount them.

use std::collections::BTreeMap;

use podplay_engine::model::Pod;
use podplay_engine::Lang;
use yew::prelude::*;

use crate::components::hook::hooked;
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

/// How much taller every box gets when an ephemeral container is drawn:
/// room for its "ephemeral (debug)" label and its state.
const EPHEMERAL_EXTRA_H: i32 = 36;
/// The band under the boxes for a process namespace several containers share.
const PID_BAND_H: i32 = 44;

/// One container's box in the picture.
#[derive(Debug, PartialEq)]
pub struct ContainerBox {
    pub name: String,
    pub image: String,
    pub x: i32,
    pub y: i32,
    /// An ephemeral container (`kubectl debug`), not one of the spec's.
    pub ephemeral: bool,
    /// The container whose process namespace it joins (`--target`).
    pub target: Option<String>,
}

/// Where things go in the picture, computed from the pod alone (pure, testable).
#[derive(Debug, PartialEq)]
pub struct Picture {
    pub width: i32,
    pub height: i32,
    pub pod_box: (i32, i32, i32, i32),
    /// The containers' boxes: the spec's, each followed by the ephemeral
    /// containers that target it, then the other ephemeral containers.
    pub containers: Vec<ContainerBox>,
    /// The height of every container box.
    pub box_h: i32,
    pub shared_pid: bool,
    /// Boxes (first, last index) whose process namespace is one, drawn as
    /// one band under them: the whole pod with `shareProcessNamespace`, else
    /// a container and the ephemeral containers that joined it.
    pub pid_bands: Vec<(usize, usize)>,
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

/// The containers in drawing order: each of the spec's containers followed
/// by the ephemeral containers that target it (so their process namespaces
/// can be drawn as one), then the other ephemeral containers.
fn drawn_order(pod: &Pod) -> Vec<(&podplay_engine::model::Container, bool, Option<String>)> {
    let ephemeral = &pod.spec.ephemeral_containers;
    let mut out = Vec::new();
    for c in &pod.spec.containers {
        out.push((c, false, None));
        for e in ephemeral.iter().filter(|e| e.target_container_name.as_deref() == Some(c.name.as_str())) {
            out.push((&e.container, true, Some(c.name.clone())));
        }
    }
    let joined = |t: &str| pod.spec.containers.iter().any(|c| c.name == t);
    for e in ephemeral.iter().filter(|e| !e.target_container_name.as_deref().is_some_and(joined)) {
        out.push((&e.container, true, e.target_container_name.clone()));
    }
    out.truncate(DRAWN_MAX);
    out
}

/// Runs of boxes in one process namespace: a container followed by the
/// ephemeral containers that target it.
fn joined_bands(boxes: &[ContainerBox]) -> Vec<(usize, usize)> {
    let mut bands = Vec::new();
    for (i, b) in boxes.iter().enumerate().filter(|(_, b)| !b.ephemeral) {
        let joined = boxes
            .iter()
            .skip(i + 1)
            .take_while(|e| e.ephemeral && e.target.as_deref() == Some(b.name.as_str()))
            .count();
        if joined > 0 {
            bands.push((i, i + joined));
        }
    }
    bands
}

pub fn layout(pod: &Pod) -> Picture {
    let order = drawn_order(pod);
    let n = order.len().max(1) as i32;
    let shared_pid = pod.spec.share_process_namespace == Some(true);
    let inner_w = n * BOX_W + (n - 1) * GAP;
    let box_h = if order.iter().any(|o| o.1) { BOX_H + EPHEMERAL_EXTRA_H } else { BOX_H };
    let boxes: Vec<ContainerBox> = order
        .iter()
        .enumerate()
        .map(|(i, (c, ephemeral, target))| ContainerBox {
            name: c.name.clone(),
            image: c.image.clone().unwrap_or_default(),
            x: 10 + PAD + i as i32 * (BOX_W + GAP),
            y: 10 + HEAD,
            ephemeral: *ephemeral,
            target: target.clone(),
        })
        .collect();
    let pid_bands = if shared_pid {
        if boxes.is_empty() {
            Vec::new()
        } else {
            vec![(0, boxes.len() - 1)]
        }
    } else {
        joined_bands(&boxes)
    };
    let pid_band = if pid_bands.is_empty() { 0 } else { PID_BAND_H };
    let pod_h = HEAD + box_h + pid_band + PAD;
    let volumes: Vec<_> = pod.spec.volumes.iter().take(DRAWN_MAX).collect();
    let v = volumes.len() as i32;
    let drawers_w = v * DRAWER_W + (v - 1).max(0) * GAP;
    let width = (inner_w + 2 * PAD).max(drawers_w + 2 * PAD).max(POD_W_MIN) + 20;
    let pod_w = (inner_w + 2 * PAD).max(POD_W_MIN);
    let pod_box = (10, 10, pod_w, pod_h);
    let drawer_y = 10 + pod_h + 50;
    let drawers_x0 = 10 + PAD;
    let drawers: Vec<_> = volumes
        .iter()
        .enumerate()
        .map(|(i, vol)| (vol.name.clone(), volume_kind(vol), drawers_x0 + i as i32 * (DRAWER_W + GAP), drawer_y))
        .collect();
    let mut mounts = Vec::new();
    for (ci, (c, _, _)) in order.iter().enumerate() {
        for m in &c.volume_mounts {
            if let Some(vi) = volumes.iter().position(|v| v.name == m.name) {
                mounts.push((ci, vi, m.mount_path.clone()));
            }
        }
    }
    let height = if drawers.is_empty() { 10 + pod_h + 10 } else { drawer_y + DRAWER_H + 10 };
    Picture { width, height, pod_box, containers: boxes, box_h, shared_pid, pid_bands, volumes: drawers, mounts }
}

/// The picture in words, one sentence per item, for screen readers and for
/// everyone who prefers reading.
pub fn describe(pod: &Pod, ip: Option<&str>, lang: Lang) -> Vec<String> {
    let ip = ip.unwrap_or(Msg::PodIpNone.get(lang));
    let mut out = vec![
        i18n::pod_summary(lang, &pod.metadata.name, pod.spec.containers.len(), ip, &hostname(pod)),
        i18n::pid_summary(lang, pod.spec.share_process_namespace == Some(true)).to_string(),
    ];
    let shared = pod.spec.share_process_namespace == Some(true);
    for e in &pod.spec.ephemeral_containers {
        let image = e.container.image.as_deref().unwrap_or("");
        out.push(i18n::ephemeral(lang, &e.container.name, image, e.target_container_name.as_deref(), shared));
    }
    let all = || pod.spec.containers.iter().chain(pod.spec.ephemeral_containers.iter().map(|e| &e.container));
    for v in &pod.spec.volumes {
        let mut any = false;
        for c in all() {
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
    /// An ephemeral container (`kubectl debug`).
    pub ephemeral: bool,
}

/// Namespace inode numbers as the runtime reports them (equal when shared).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NsInodes {
    pub net: u64,
    /// The pod's own user namespace (`hostUsers: false`), shared by its
    /// containers; `None` when they are in the host's.
    pub user: Option<u64>,
    /// Per container (ephemeral ones too), by name: (mnt, pid).
    pub per_container: BTreeMap<String, (u64, u64)>,
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
    /// A lesson hook target to highlight (`volume:logs`, `pid`).
    #[prop_or_default]
    pub highlight: Option<AttrValue>,
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
    let inode = |name: &str, pick: fn(&(u64, u64)) -> u64| -> String {
        props
            .inodes
            .as_ref()
            .and_then(|n| n.per_container.get(name))
            .map(|p| format!("inode {}", pick(p)))
            .unwrap_or_default()
    };
    let box_h = pic.box_h;
    let hl = props.highlight.as_deref();
    // Ephemeral boxes carry two more lines (label, state); every box's
    // namespace rows move down by the same amount so they line up.
    let extra = box_h - BOX_H;
    let in_band = |i: usize| pic.pid_bands.iter().any(|(a, b)| (*a..=*b).contains(&i));
    let state_of = |name: &str| props.containers.iter().find(|c| c.name == name).map(|c| c.state.clone());
    let container_boxes = pic.containers.iter().enumerate().map(|(i, c)| {
        let (x, y) = (c.x, c.y);
        let name = &c.name;
        let mnt_title = inode(name, |p| p.0);
        let pid_title = inode(name, |p| p.1);
        let mount_count = pic.mounts.iter().filter(|m| m.0 == i).count();
        let class = if c.ephemeral { "container ephemeral" } else { "container" };
        let box_class = if c.ephemeral { "c-box ephemeral" } else { "c-box" };
        let hook = format!("container:{name}");
        let class = classes!(class, hooked(&hook, hl));
        html! {
            <g {class} data-name={name.clone()} data-hook={hook}>
                <rect x={x.to_string()} y={y.to_string()} width={BOX_W.to_string()} height={box_h.to_string()} rx="8" class={box_class} />
                <text x={(x + 10).to_string()} y={(y + 22).to_string()} class="c-name">{ trim(name, 18) }</text>
                <text x={(x + 10).to_string()} y={(y + 40).to_string()} class="c-image">{ trim(&c.image, 22) }</text>
                if c.ephemeral {
                    <text x={(x + 10).to_string()} y={(y + 58).to_string()} class="c-tag">{ Msg::EphemeralTag.get(lang) }</text>
                    <text x={(x + 10).to_string()} y={(y + 76).to_string()} class="c-state">
                        { trim(&state_of(name).unwrap_or_default(), 24) }
                    </text>
                }
                <g class={classes!("ns-mnt", hooked("mnt", hl))} data-hook="mnt">
                    <title>{ mnt_title }</title>
                    <rect x={(x + 8).to_string()} y={(y + 54 + extra).to_string()} width={(BOX_W - 16).to_string()} height="36" rx="5" class="ns mnt" />
                    <text x={(x + 16).to_string()} y={(y + 77 + extra).to_string()} class="ns-label">
                        { format!("{} · {}", Msg::NsMnt.get(lang), mount_count) }
                    </text>
                </g>
                if !in_band(i) {
                    <g class={classes!("ns-pid", hooked("pid", hl))} data-hook="pid">
                        <title>{ pid_title }</title>
                        <rect x={(x + 8).to_string()} y={(y + 98 + extra).to_string()} width={(BOX_W - 16).to_string()} height="36" rx="5" class="ns pid" />
                        <text x={(x + 16).to_string()} y={(y + 121 + extra).to_string()} class="ns-label">{ Msg::NsPid.get(lang) }</text>
                    </g>
                }
            </g>
        }
    });
    let band_y = py + HEAD + box_h + 4;
    let shared_pid = pic.shared_pid.then(|| {
        let title = pic.containers.first().map(|c| inode(&c.name, |p| p.1)).unwrap_or_default();
        html! {
            <g class={classes!("ns-pid", "shared", hooked("pid", hl))} data-hook="pid">
                <title>{ title }</title>
                <rect x={(px + PAD).to_string()} y={band_y.to_string()} width={(pw - 2 * PAD).to_string()} height="36" rx="5" class="ns pid" />
                <text x={(px + PAD + 10).to_string()} y={(band_y + 23).to_string()} class="ns-label">{ Msg::NsPidShared.get(lang) }</text>
            </g>
        }
    });
    // A container and the ephemeral containers that joined its process
    // namespace (`kubectl debug --target`): one band under their boxes.
    let joined = pic.pid_bands.iter().filter(|_| !pic.shared_pid).filter_map(|(a, b)| {
        let (first, last) = (pic.containers.get(*a)?, pic.containers.get(*b)?);
        let (x, w) = (first.x, last.x + BOX_W - first.x);
        let names: Vec<&str> = pic.containers.get(*a..=*b)?.iter().map(|c| c.name.as_str()).collect();
        let label = format!("{} · {}", Msg::NsPidJoined.get(lang), names.join(" + "));
        let chars = usize::try_from((w - 20) / 7).unwrap_or(0);
        Some(html! {
            <g class={classes!("ns-pid", "joined", hooked("pid", hl))} data-hook="pid" data-names={names.join(" ")}>
                <title>{ inode(&first.name, |p| p.1) }</title>
                <rect x={x.to_string()} y={band_y.to_string()} width={w.to_string()} height="36" rx="5" class="ns pid" />
                <text x={(x + 10).to_string()} y={(band_y + 23).to_string()} class="ns-label">{ trim(&label, chars) }</text>
            </g>
        })
    });
    let wires = pic.mounts.iter().filter_map(|(ci, vi, path)| {
        let c = pic.containers.get(*ci)?;
        let v = pic.volumes.get(*vi)?;
        let (x1, y1) = (c.x + BOX_W / 2, c.y + box_h);
        let (x2, y2) = (v.2 + DRAWER_W / 2, v.3);
        Some(html! {
            <line class="mount" x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()}>
                <title>{ format!("{} → {} ({})", c.name, v.0, path) }</title>
            </line>
        })
    });
    let drawers = pic.volumes.iter().map(|(name, kind, x, y)| {
        let hook = format!("volume:{name}");
        let class = classes!("volume", hooked(&hook, hl));
        html! {
            <g {class} data-name={name.clone()} data-hook={hook}>
                <rect x={x.to_string()} y={y.to_string()} width={DRAWER_W.to_string()} height={DRAWER_H.to_string()} rx="4" class="drawer" />
                <line x1={(x + DRAWER_W / 2 - 14).to_string()} y1={(y + 8).to_string()} x2={(x + DRAWER_W / 2 + 14).to_string()} y2={(y + 8).to_string()} class="handle" />
                <text x={(x + 10).to_string()} y={(y + 26).to_string()} class="v-name">{ trim(name, 18) }</text>
                <text x={(x + 10).to_string()} y={(y + 40).to_string()} class="v-kind">{ *kind }</text>
            </g>
        }
    });
    let mut sentences = describe(pod, ip, lang);
    // The runtime says whether the pod has its own user namespace; then the
    // pod's box is that namespace too.
    let own_user = props.inodes.as_ref().and_then(|n| n.user).is_some();
    let (shared_ns, shared_title) = if own_user {
        let at = sentences.len().min(2);
        sentences.insert(at, i18n::user_summary(lang).to_string());
        ("net uts ipc user", Msg::NsSharedUser.get(lang))
    } else {
        ("net uts ipc", Msg::NsShared.get(lang))
    };
    html! {
        <div class="pod-view" data-pod={pod.metadata.name.clone()}>
            <h3 id="pod-title">{ format!("{}: {}", Msg::TabPod.get(lang), pod.metadata.name) }</h3>
            if let Some(status) = &props.status {
                <p class="pod-status-line" id="pod-status">{ status.clone() }</p>
            }
            <svg class="pod-picture" role="img" aria-labelledby="pod-title" aria-describedby="pod-description"
                viewBox={format!("0 0 {} {}", pic.width, pic.height)} width={pic.width.to_string()}>
                <g class={classes!("ns-shared", hooked("shared-net uts ipc", hl))} data-ns={shared_ns} data-hook="shared-net uts ipc">
                    <rect x={px.to_string()} y={py.to_string()} width={pw.to_string()} height={ph.to_string()} rx="12" class="pod-box" />
                    <text x={(px + 12).to_string()} y={(py + 22).to_string()} class="pod-label">{ shared_title }</text>
                    <text x={(px + 12).to_string()} y={(py + 42).to_string()} class="pod-sub">{ shared_label }</text>
                </g>
                { for container_boxes }
                { for shared_pid }
                { for joined }
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
                            <tr data-container={c.name.clone()} class={c.ephemeral.then_some("ephemeral")}>
                                <th scope="row">
                                    { &c.name }
                                    if c.ephemeral {
                                        <span class="c-tag">{ Msg::EphemeralTag.get(lang) }</span>
                                    }
                                </th>
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
        assert!(pic.pid_bands.is_empty() && pic.containers.iter().all(|c| !c.ephemeral));
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

    const DEBUGGED: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - {name: nginx, image: nginx:1.27}\n  - {name: side, image: busybox}\n  ephemeralContainers:\n  - {name: loose, image: busybox:1.36}\n  - {name: debugger-abc, image: busybox:1.36, targetContainerName: nginx}\n";

    #[test]
    fn an_ephemeral_container_with_a_target_is_drawn_beside_it_in_one_pid_band() {
        let pic = layout(&pod(DEBUGGED));
        let drawn: Vec<_> = pic.containers.iter().map(|c| (c.name.as_str(), c.ephemeral)).collect();
        assert_eq!(drawn, vec![("nginx", false), ("debugger-abc", true), ("side", false), ("loose", true)]);
        assert_eq!(pic.containers[1].target.as_deref(), Some("nginx"));
        assert_eq!(pic.pid_bands, vec![(0, 1)], "nginx and its debugger share one process namespace");
        assert!(pic.box_h > BOX_H, "room for the ephemeral label and state");
        // The band sits inside the pod box, under the container boxes.
        let (_, py, _, ph) = pic.pod_box;
        assert!(py + HEAD + pic.box_h + 4 + 36 <= py + ph, "{pic:?}");
        // With shareProcessNamespace every box is in the one shared band.
        let shared = DEBUGGED.replace("spec:\n", "spec:\n  shareProcessNamespace: true\n");
        assert_eq!(layout(&pod(&shared)).pid_bands, vec![(0, 3)]);
        // Without ephemeral containers nothing changes.
        let plain = layout(&pod(TWO));
        assert_eq!((plain.box_h, plain.pid_bands.len()), (BOX_H, 0));
    }

    #[test]
    fn the_description_names_the_ephemeral_container_and_its_target() {
        let text = describe(&pod(DEBUGGED), None, Lang::En).join("\n");
        assert!(text.contains("Ephemeral container debugger-abc (busybox:1.36) was added by kubectl debug --target=nginx. It shares the process namespace of container nginx"), "{text}");
        assert!(text.contains("Ephemeral container loose (busybox:1.36) was added by kubectl debug. It has its own mount and process namespace"), "{text}");
        let text = describe(&pod(DEBUGGED), None, Lang::Ko).join("\n");
        assert!(
            text.contains("임시 컨테이너 debugger-abc(busybox:1.36)")
                && text.contains("nginx 컨테이너와 프로세스 네임스페이스를 공유"),
            "{text}"
        );
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
