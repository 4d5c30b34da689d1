//! Traffic: packets animated along paths between endpoints (containers, the
//! kubelet, the outside, volumes) with requestAnimationFrame. Yew renders the
//! static picture once; each frame writes one SVG path per packet kind (a
//! distinct shape per kind, so colour is never the only signal), which keeps
//! 500 packets well inside a 16 ms frame.

use std::cell::{Cell, RefCell};
use std::fmt::Write as _;
use std::rc::Rc;

use gloo::render::{request_animation_frame, AnimationFrame};
use podplay_engine::Lang;
use yew::prelude::*;

use crate::components::hook::hooked;
use crate::i18n::Msg;

/// The most packets in flight (a limit on everything).
pub const PACKETS_MAX: usize = 500;

/// Packet kinds, each with its own shape and colour.
pub const KINDS: [&str; 6] = ["localhost", "pod-network", "external", "volume-write", "volume-read", "probe"];

/// What each kind is called, in the order of [`KINDS`].
pub const KIND_NAMES: [Msg; 6] = [
    Msg::KindLocalhost,
    Msg::KindPodNetwork,
    Msg::KindExternal,
    Msg::KindVolumeWrite,
    Msg::KindVolumeRead,
    Msg::KindProbe,
];

/// A place packets travel between.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Endpoint {
    pub label: String,
    pub x: f64,
    pub y: f64,
    /// The lesson hook targets it stands for (`container:app`, `probe`).
    pub hook: String,
}

/// One packet: from one endpoint to another, starting `start_ms` into the
/// animation and taking `dur_ms` (real milliseconds at 1×).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flight {
    pub from: usize,
    pub to: usize,
    pub start_ms: f64,
    pub dur_ms: f64,
    pub kind: usize,
}

/// Appends one packet's shape at (x, y) to an SVG path: a circle, square,
/// diamond, triangle, or a bar, by kind.
pub fn shape(d: &mut String, kind: usize, x: f64, y: f64) {
    // Whole pixels: no float formatting in the bundle, and the picture is drawn at about 1:1.
    let (x, y) = (x.round() as i32, y.round() as i32);
    let _ = match kind % 6 {
        0 => write!(d, "M{} {}m-4 0a4 4 0 1 0 8 0a4 4 0 1 0-8 0", x, y),
        1 => write!(d, "M{} {}h8v8h-8z", x - 4, y - 4),
        2 => write!(d, "M{} {}l5 5-5 5-5-5z", x, y - 5),
        3 => write!(d, "M{} {}l5 9h-10z", x, y - 5),
        4 => write!(d, "M{} {}h10v5h-10z", x - 5, y - 2),
        _ => write!(d, "M{} {}l4 4 4-4 4 4", x - 6, y - 2),
    };
}

/// Where every packet is at animation time `t_ms`, as one path per kind.
/// Finished packets are dropped unless `looping`.
pub fn frame_paths(endpoints: &[Endpoint], flights: &[Flight], t_ms: f64, looping: bool) -> [String; 6] {
    let mut paths: [String; 6] = Default::default();
    for f in flights.iter().take(PACKETS_MAX) {
        let (Some(a), Some(b)) = (endpoints.get(f.from), endpoints.get(f.to)) else { continue };
        let mut p = (t_ms - f.start_ms) / f.dur_ms.max(1.0);
        if looping {
            p = p.rem_euclid(1.0);
        } else if !(0.0..=1.0).contains(&p) {
            continue;
        }
        let (x, y) = (a.x + (b.x - a.x) * p, a.y + (b.y - a.y) * p);
        if let Some(d) = paths.get_mut(f.kind % 6) {
            shape(d, f.kind, x, y);
        }
    }
    paths
}

struct Anim {
    endpoints: Vec<Endpoint>,
    flights: Rc<Vec<Flight>>,
    looping: bool,
    speed: f64,
    /// Animation time at the first frame (the virtual clock's now, in ms).
    base_ms: f64,
    paths: Vec<web_sys::Element>,
    start: Cell<Option<f64>>,
    alive: Cell<bool>,
    handle: RefCell<Option<AnimationFrame>>,
}

impl Anim {
    fn draw(&self, ts: f64) {
        let start = *self.start.get().get_or_insert(ts);
        self.start.set(Some(start));
        let d = frame_paths(&self.endpoints, &self.flights, self.base_ms + (ts - start) * self.speed, self.looping);
        for (el, d) in self.paths.iter().zip(d.iter()) {
            let _ = el.set_attribute("d", d);
        }
    }
}

fn schedule(anim: Rc<Anim>) {
    let next = anim.clone();
    let handle = request_animation_frame(move |ts| {
        if next.alive.get() {
            next.draw(ts);
            schedule(next.clone());
        }
    });
    *anim.handle.borrow_mut() = Some(handle);
}

/// One entry of the timeline under the picture.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineItem {
    pub at_ms: u64,
    pub label: String,
}

#[derive(Properties, PartialEq)]
pub struct TrafficProps {
    pub lang: Lang,
    pub endpoints: Vec<Endpoint>,
    pub flights: Rc<Vec<Flight>>,
    #[prop_or_default]
    pub looping: bool,
    pub playing: bool,
    pub speed_x10: u32,
    /// The virtual clock, in ms: where the animation stands.
    #[prop_or_default]
    pub now_ms: u64,
    #[prop_or_default]
    pub timeline: Rc<Vec<TimelineItem>>,
    /// A lesson hook target to highlight (`traffic:probe`, `container:app`).
    #[prop_or_default]
    pub highlight: Option<AttrValue>,
}

#[component]
pub fn TrafficView(props: &TrafficProps) -> Html {
    let lang = props.lang;
    let group = use_node_ref();
    // The timeline index being looked at; None follows the clock.
    let scrub = use_state(|| None::<usize>);
    let scrubbed = scrub.and_then(|i| props.timeline.get(i));
    let now_ms = match scrubbed {
        Some(item) => item.at_ms as f64 + crate::present::FLIGHT_MS / 2.0,
        None => props.now_ms as f64,
    };
    let playing = props.playing && scrubbed.is_none();
    {
        let group = group.clone();
        let deps =
            (props.endpoints.clone(), props.flights.clone(), props.looping, playing, props.speed_x10, now_ms as u64);
        use_effect_with(deps, move |(endpoints, flights, looping, playing, speed_x10, now_ms)| {
            let paths: Vec<web_sys::Element> = group
                .cast::<web_sys::Element>()
                .map(|g| {
                    let list = g.children();
                    (0..list.length()).filter_map(|i| list.item(i)).collect()
                })
                .unwrap_or_default();
            let anim = Rc::new(Anim {
                endpoints: endpoints.clone(),
                flights: flights.clone(),
                looping: *looping,
                speed: f64::from(*speed_x10) / 10.0,
                base_ms: *now_ms as f64,
                paths,
                start: Cell::new(None),
                alive: Cell::new(true),
                handle: RefCell::new(None),
            });
            if *playing && !flights.is_empty() {
                schedule(anim.clone());
            }
            move || {
                anim.alive.set(false);
                anim.handle.borrow_mut().take();
            }
        });
    }
    if props.endpoints.is_empty() || (props.flights.is_empty() && props.timeline.is_empty() && !props.looping) {
        if !props.endpoints.is_empty() {
            return html! { <p class="empty">{ Msg::TrafficQuiet.get(lang) }</p> };
        }
        return html! { <p class="empty">{ Msg::TrafficNone.get(lang) }</p> };
    }
    let (w, h) = props.endpoints.iter().fold((200.0f64, 120.0f64), |(w, h), e| (w.max(e.x + 60.0), h.max(e.y + 40.0)));
    let highlight = props.highlight.as_deref();
    let nodes = props.endpoints.iter().map(|e| {
        html! {
            <g class={classes!("endpoint", hooked(&e.hook, highlight))} data-hook={e.hook.clone()}>
                <circle cx={(e.x as i32).to_string()} cy={(e.y as i32).to_string()} r="14" />
                <text x={(e.x as i32).to_string()} y={(e.y as i32 + 28).to_string()} text-anchor="middle">{ &e.label }</text>
            </g>
        }
    });
    let initial = frame_paths(&props.endpoints, &props.flights, now_ms, props.looping);
    let on_scrub = {
        let scrub = scrub.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            scrub.set(input.value().parse().ok());
        })
    };
    let follow = {
        let scrub = scrub.clone();
        Callback::from(move |_: MouseEvent| scrub.set(None))
    };
    let last = props.timeline.len().saturating_sub(1);
    html! {
        <div class="traffic-view">
            <svg class="traffic" viewBox={format!("0 0 {} {}", w as i32, h as i32)} role="img" aria-label={Msg::TabTraffic.get(lang)}>
                { for nodes }
                <g ref={group} class="packets" aria-hidden="true">
                    { for initial.iter().enumerate().map(|(i, d)| html! {
                        <path class={classes!("pk", KINDS[i])} d={d.clone()} data-hook={kind_hook(i)} />
                    }) }
                </g>
            </svg>
            if !props.timeline.is_empty() {
                <div class="timeline">
                    <label for="timeline">{ Msg::Timeline.get(lang) }</label>
                    <input id="timeline" type="range" min="0" max={last.to_string()}
                        value={scrub.unwrap_or(last).to_string()} oninput={on_scrub} />
                    <button type="button" id="timeline-live" onclick={follow} disabled={scrub.is_none()}>
                        { Msg::FollowClock.get(lang) }
                    </button>
                    <p class="timeline-item" id="timeline-item" aria-live="polite">
                        { scrubbed.or(props.timeline.last()).map(|i| i.label.clone()).unwrap_or_default() }
                    </p>
                </div>
            }
            <p class="count">
                { Msg::PacketsInFlight.get(lang) }{ ": " }<span id="packet-count">{ props.flights.len().min(PACKETS_MAX) }</span>
            </p>
            <ul class="legend" aria-label={Msg::Legend.get(lang)}>
                { for KIND_NAMES.iter().enumerate().map(|(i, m)| {
                    let mut d = String::new();
                    shape(&mut d, i, 8.0, 8.0);
                    let hook = kind_hook(i);
                    let class = classes!(hooked(&hook, highlight));
                    html! {
                        <li {class} data-hook={hook}>
                            <svg width="16" height="16" aria-hidden="true"><path class={classes!("pk", KINDS[i])} d={d} /></svg>
                            { m.get(lang) }
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}

/// The hook targets a packet kind stands for: `traffic:KIND`, and the
/// kubelet's probes are `probe` too.
fn kind_hook(kind: usize) -> String {
    let name = KINDS.get(kind).copied().unwrap_or("");
    if name == "probe" {
        format!("traffic:{name} probe")
    } else {
        format!("traffic:{name}")
    }
}

/// A deterministic stress picture for the frame benchmark: `pods` endpoints
/// in a grid and `packets` flights between them (a small LCG, no clock).
pub fn bench_scene(pods: usize, packets: usize) -> (Vec<Endpoint>, Vec<Flight>) {
    let pods = pods.clamp(1, 500);
    let cols = (pods as f64).sqrt().ceil() as usize;
    let endpoints = (0..pods)
        .map(|i| Endpoint {
            label: format!("pod-{i}"),
            x: 40.0 + (i % cols) as f64 * 110.0,
            y: 30.0 + (i / cols) as f64 * 80.0,
            hook: String::new(),
        })
        .collect();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |m: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % m.max(1)
    };
    let flights = (0..packets.min(PACKETS_MAX))
        .map(|_| Flight {
            from: next(pods),
            to: next(pods),
            start_ms: next(2000) as f64,
            dur_ms: 600.0 + next(1400) as f64,
            kind: next(6),
        })
        .collect();
    (endpoints, flights)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packets_move_along_their_path_and_vanish_when_done() {
        let ends = vec![
            Endpoint { label: "a".into(), ..Endpoint::default() },
            Endpoint { label: "b".into(), x: 100.0, ..Endpoint::default() },
        ];
        let f = vec![Flight { from: 0, to: 1, start_ms: 0.0, dur_ms: 1000.0, kind: 1 }];
        assert_eq!(frame_paths(&ends, &f, 500.0, false)[1], "M46 -4h8v8h-8z");
        assert!(frame_paths(&ends, &f, 1500.0, false)[1].is_empty());
        assert!(!frame_paths(&ends, &f, 1500.0, true)[1].is_empty());
    }

    #[test]
    fn the_bench_scene_is_deterministic_and_capped() {
        let (e, f) = bench_scene(50, 10_000);
        assert_eq!((e.len(), f.len()), (50, PACKETS_MAX));
        assert_eq!(bench_scene(50, 500).1, f);
    }
}
