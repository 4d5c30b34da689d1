//! The cluster view: nodes with capacity bars and the pods placed on them
//! (coloured by phase, and labelled with it: colour is never the only
//! signal), and Pending pods aside with the scheduler's per-node "why"
//! table. Past a few dozen nodes the view aggregates: a summary line and
//! the busiest nodes first, so a 5000-node cluster stays usable.

use podplay_engine::Lang;
use yew::prelude::*;

use crate::components::hook::hooked;
use crate::i18n::{self, Msg};

/// One pod as a chip: its name, kubectl STATUS and phase (for colour).
#[derive(Clone, Debug, PartialEq)]
pub struct PodChip {
    pub name: String,
    pub status: String,
    /// `pending`, `running`, `succeeded`, `failed`, `unknown`.
    pub phase: &'static str,
}

/// One node: name, status, requested/allocatable (milli-CPU, bytes) and its pods.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeCard {
    pub name: String,
    pub status: String,
    pub ready: bool,
    pub cpu: (i64, i64),
    pub memory: (i64, i64),
    pub pods: Vec<PodChip>,
}

/// A pod no node has taken, with the reasons per node.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingPod {
    pub chip: PodChip,
    /// The FitError text (`0/3 nodes are available: …`).
    pub message: Option<String>,
    /// (node, reason it was refused, or empty when it fits; score).
    pub rows: Vec<(String, String, Option<i64>)>,
    /// Nodes of the table left out (big clusters); the FitError counts them all.
    pub hidden_rows: usize,
}

#[derive(Properties, PartialEq)]
pub struct ClusterViewProps {
    pub lang: Lang,
    pub nodes: Vec<NodeCard>,
    pub pending: Vec<PendingPod>,
    pub selected: Option<AttrValue>,
    pub on_pick: Callback<String>,
    /// A lesson hook target to highlight (`node:worker-1`).
    #[prop_or_default]
    pub highlight: Option<AttrValue>,
}

/// The most node cards drawn; the rest are summarised (a limit on everything).
pub const NODES_DRAWN_MAX: usize = 48;
/// The most pod chips drawn on one node.
const CHIPS_MAX: usize = 40;

fn percent(used: i64, total: i64) -> i64 {
    if total <= 0 {
        0
    } else {
        (used.saturating_mul(100) / total).clamp(0, 100)
    }
}

fn bar(label: Msg, lang: Lang, (used, total): (i64, i64), text: String) -> Html {
    let p = percent(used, total);
    html! {
        <div class="cap">
            <span class="cap-label">{ label.get(lang) }</span>
            <span class="cap-bar" role="meter" aria-valuemin="0" aria-valuemax="100" aria-valuenow={p.to_string()}
                aria-label={format!("{} {p}%", label.get(lang))}>
                <span class={classes!("cap-fill", (p >= 90).then_some("full"))} style={format!("width:{p}%")} />
            </span>
            <span class="cap-text">{ text }</span>
        </div>
    }
}

fn chip(p: &PodChip, selected: &Option<AttrValue>, on_pick: &Callback<String>) -> Html {
    let name = p.name.clone();
    let onclick = on_pick.reform(move |_: MouseEvent| name.clone());
    let is = selected.as_deref() == Some(p.name.as_str());
    html! {
        <li>
            <button type="button" class={classes!("pod-chip", p.phase, is.then_some("selected"))}
                data-pod={p.name.clone()} data-status={p.status.clone()} aria-pressed={is.to_string()} {onclick}>
                <span class="pod-name">{ &p.name }</span>
                <span class="pod-status">{ &p.status }</span>
            </button>
        </li>
    }
}

fn gib(bytes: i64) -> String {
    let tenths = bytes.max(0) / (1024 * 1024 * 1024 / 10);
    format!("{}.{} Gi", tenths / 10, tenths % 10)
}

#[component]
pub fn ClusterView(props: &ClusterViewProps) -> Html {
    let lang = props.lang;
    let total_pods: usize = props.nodes.iter().map(|n| n.pods.len()).sum::<usize>() + props.pending.len();
    let ready = props.nodes.iter().filter(|n| n.ready).count();
    let mut order: Vec<&NodeCard> = props.nodes.iter().collect();
    if order.len() > NODES_DRAWN_MAX {
        // Busiest first, so what matters is on screen.
        order.sort_by_key(|n| std::cmp::Reverse((n.pods.len(), percent(n.cpu.0, n.cpu.1))));
    }
    let hidden = order.len().saturating_sub(NODES_DRAWN_MAX);
    let highlight = props.highlight.as_deref();
    let nodes = order.into_iter().take(NODES_DRAWN_MAX).map(|n| {
        let hook = format!("node:{}", n.name);
        let class = classes!("node", (!n.ready).then_some("not-ready"), hooked(&hook, highlight));
        html! {
            <li {class} data-node={n.name.clone()} data-hook={hook}>
                <div class="node-head">
                    <span class="node-name">{ &n.name }</span>
                    <span class="node-status">{ &n.status }</span>
                </div>
                { bar(Msg::Cpu, lang, n.cpu, format!("{}m / {}m", n.cpu.0, n.cpu.1)) }
                { bar(Msg::Memory, lang, n.memory, format!("{} / {}", gib(n.memory.0), gib(n.memory.1))) }
                <ul class="chips">
                    { for n.pods.iter().take(CHIPS_MAX).map(|p| chip(p, &props.selected, &props.on_pick)) }
                </ul>
                if n.pods.len() > CHIPS_MAX {
                    <p class="more">{ i18n::more(lang, n.pods.len() - CHIPS_MAX) }</p>
                }
            </li>
        }
    });
    let pending = props.pending.iter().map(|p| {
        html! {
            <li class="pending-pod">
                <ul class="chips">{ chip(&p.chip, &props.selected, &props.on_pick) }</ul>
                if let Some(m) = &p.message {
                    <p class="fit-error">{ m }</p>
                }
                if !p.rows.is_empty() {
                    <table class="why">
                        <caption class="visually-hidden">{ Msg::WhyTitle.get(lang) }</caption>
                        <thead><tr>
                            <th scope="col">{ Msg::NodesTitle.get(lang) }</th>
                            <th scope="col">{ Msg::Fits.get(lang) }</th>
                            <th scope="col">{ Msg::Score.get(lang) }</th>
                        </tr></thead>
                        <tbody>
                            { for p.rows.iter().map(|(node, reason, score)| html! {
                                <tr>
                                    <th scope="row">{ node }</th>
                                    <td>{ if reason.is_empty() { format!("✓ {}", Msg::Yes.get(lang)) } else { format!("✗ {reason}") } }</td>
                                    <td>{ score.map(|s| s.to_string()).unwrap_or_else(|| "—".into()) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                    if p.hidden_rows > 0 {
                        <p class="more">{ i18n::more(lang, p.hidden_rows) }</p>
                    }
                }
            </li>
        }
    });
    html! {
        <div class="cluster-view">
            <p class="summary" id="cluster-summary">
                { i18n::cluster_summary(lang, props.nodes.len(), ready, total_pods, props.pending.len()) }
            </p>
            if total_pods == 0 {
                <p class="empty">{ Msg::ClusterEmpty.get(lang) }</p>
            }
            <div class="cluster-grid">
                <section aria-labelledby="nodes-title">
                    <h3 id="nodes-title">{ Msg::NodesTitle.get(lang) }</h3>
                    <ul class="nodes">{ for nodes }</ul>
                    if hidden > 0 {
                        <p class="more">{ i18n::more(lang, hidden) }</p>
                    }
                </section>
                if !props.pending.is_empty() {
                    <section aria-labelledby="pending-title" class="pending">
                        <h3 id="pending-title">{ Msg::PendingTitle.get(lang) }</h3>
                        <ul class="pending-list">{ for pending }</ul>
                    </section>
                }
            </div>
        </div>
    }
}
