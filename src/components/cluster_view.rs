//! The cluster view: the pods on the cluster, each a button that opens the
//! pod view. Nodes, capacity bars and the scheduler's "why" table join here
//! when the engine's cluster lands on this branch.

use podplay_engine::Lang;
use yew::prelude::*;

use crate::i18n::{self, Msg};

/// What the view shows of one pod.
#[derive(Clone, Debug, PartialEq)]
pub struct PodCard {
    pub name: String,
    pub containers: Vec<String>,
    /// Phase or kubectl STATUS text when the engine provides one.
    pub status: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct ClusterViewProps {
    pub lang: Lang,
    pub pods: Vec<PodCard>,
    pub selected: Option<AttrValue>,
    pub on_pick: Callback<String>,
}

/// The most pod cards drawn at once; the rest are summarised (a limit on everything).
const CARDS_MAX: usize = 200;

#[component]
pub fn ClusterView(props: &ClusterViewProps) -> Html {
    let lang = props.lang;
    if props.pods.is_empty() {
        return html! { <p class="empty">{ Msg::ClusterEmpty.get(lang) }</p> };
    }
    let cards = props.pods.iter().take(CARDS_MAX).map(|p| {
        let name = p.name.clone();
        let onclick = props.on_pick.reform(move |_: MouseEvent| name.clone());
        let selected = props.selected.as_deref() == Some(p.name.as_str());
        html! {
            <li>
                <button type="button" class={classes!("pod-card", selected.then_some("selected"))}
                    data-pod={p.name.clone()} aria-pressed={selected.to_string()} {onclick}>
                    <span class="pod-name">{ &p.name }</span>
                    <span class="pod-status">{ p.status.clone().unwrap_or_else(|| Msg::Unscheduled.get(lang).to_string()) }</span>
                    <span class="pod-containers">
                        { format!("{}: {}", Msg::Containers.get(lang), p.containers.join(", ")) }
                    </span>
                </button>
            </li>
        }
    });
    html! {
        <div class="cluster-view">
            <h3>{ Msg::PendingTitle.get(lang) }{ " · " }{ i18n::pods_count(lang, props.pods.len()) }</h3>
            <ul class="pod-cards">{ for cards }</ul>
        </div>
    }
}
