//! The root component: owns the state reducer and the cluster, runs the
//! effects (storage, the clock's timer, `<html lang>`), and lays out the
//! editor beside the tabbed views.

use std::rc::Rc;

use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::browser;
use crate::components::clock::elapsed;
use crate::components::clock::Clock;
use crate::components::cluster_view::ClusterView;
use crate::components::editor::Editor;
use crate::components::events::Events;
use crate::components::header::Header;
use crate::components::lessons::{Goal, LessonLive, Lessons};
use crate::components::pod_view::PodView;
use crate::components::tabs::Tabs;
use crate::components::terminal::{TermOutput, Terminal};
use crate::components::traffic::{bench_scene, TimelineItem, TrafficView};
use crate::console;
use crate::hooks::use_cluster;
use crate::i18n::{self, Msg};
use crate::journal::Journal;
use crate::present;
use crate::share::Shared;
use crate::sim::Applied;
use crate::state::{Action, AppState, Status, Tab};

/// Real milliseconds between clock ticks while playing.
const TICK_MS: u32 = 100;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Where the app starts: from the browser in `start`, given in tests.
    pub initial: AppState,
    /// Manifests to apply to the fresh cluster (saved or shared work).
    #[prop_or_default]
    pub applied: String,
    /// Where the virtual clock starts.
    #[prop_or_default]
    pub clock_ms: u64,
    /// `?bench=PODSxPACKETS`: a synthetic scene for the frame benchmark.
    #[prop_or_default]
    pub bench: Option<(usize, usize)>,
    /// `?nodes=N`: a cluster of N nodes (0 is the default three).
    #[prop_or_default]
    pub nodes: usize,
    /// The saved journal to replay (wins over `applied`/`clock_ms`).
    #[prop_or_default]
    pub journal: Option<Rc<Journal>>,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let initial = props.initial.clone();
    let state = use_reducer(move || initial);
    let cluster = {
        let (applied, clock_ms, nodes, journal) =
            (props.applied.clone(), props.clock_ms, props.nodes, props.journal.clone());
        use_cluster(&state, move || browser::initial_cluster(&applied, clock_ms, nodes, journal.as_deref()))
    };
    let share_link = use_state(|| None::<String>);
    let pack = crate::lessons::use_pack();
    let bench = use_memo(props.bench, |b| b.map(|(pods, packets)| bench_scene(pods, packets)));
    // The open lesson's new-format fields (mode, predicts, hooks, par…).
    let extras = use_memo((pack.clone(), state.lesson.clone()), |(pack, lesson)| {
        let found = match (&**pack, lesson.as_deref()) {
            (Ok(p), Some(id)) => p.lesson(id).map(crate::lesson_extras::extras),
            _ => None,
        };
        Rc::new(found.unwrap_or_default())
    });
    // A troubleshooting lesson is fixed from the terminal: the editor is
    // read-only, except while `kubectl edit` has an object open in it (the
    // terminal's own way to change an object, when the lesson allows it).
    let read_only = extras.troubleshoot && state.editing.is_none();

    // Storage and the document language are effects, never reducer work.
    use_effect_with((state.lang, state.source.clone(), state.tab, state.lesson.clone()), {
        let state = state.clone();
        move |_| {
            browser::set_document_lang(state.lang);
            browser::save(&state);
        }
    });
    // The address follows the open lesson (`#/lesson/07-sidecar`), and a
    // lesson link pasted into this tab opens that lesson.
    use_effect_with(state.lesson.clone(), |lesson| browser::set_lesson_hash(lesson.as_deref()));
    use_effect_with((), {
        let state = state.clone();
        move |_| {
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "hashchange", move |_| {
                    if let Some(id) = browser::current_hash().as_deref().and_then(browser::lesson_from_hash) {
                        state.dispatch(Action::OpenLesson(id));
                        state.dispatch(Action::SelectTab(Tab::Lessons));
                    }
                })
            });
            move || drop(listener)
        }
    });
    // The open pod and the clock's speed come back after a reload too.
    use_effect_with((state.selected_pod.clone(), state.speed_x10), move |(pod, speed)| {
        browser::save_view(pod.as_deref(), *speed)
    });
    let saved_entries = use_mut_ref(|| None::<usize>);
    // Opening a lesson builds its starting cluster and puts its starter in
    // the editor, unless the cluster already is that lesson's (a reload).
    let start_lesson = {
        let state = state.clone();
        let cluster = cluster.clone();
        let pack = pack.clone();
        Callback::from(move |(id, keep_editor): (String, bool)| {
            let Ok(p) = &*pack else { return };
            let Some(l) = p.lesson(&id) else { return };
            let mut files = l.files.clone();
            files.insert(l.lesson.starter.clone(), l.starter.clone());
            let start = crate::journal::LessonStart { id: id.clone(), setup: l.lesson.setup.clone(), files };
            let (sim, problem) = crate::sim::Sim::for_lesson(start);
            cluster.reset(sim);
            state.dispatch(Action::SetPlaying(false));
            if !keep_editor {
                state.dispatch(Action::Edit(l.starter.clone()));
            }
            if let Some(why) = problem {
                state.dispatch(Action::SetStatus(Some(Status::Rejected(why))));
            }
        })
    };
    // A share link's manifest stays in the editor even when its lesson's
    // cluster has to be built anew.
    let from_link = matches!(state.status, Some(Status::Info(Msg::ShareOpened)));
    use_effect_with((state.lesson.clone(), pack.is_ok()), {
        let cluster = cluster.clone();
        let start_lesson = start_lesson.clone();
        move |(lesson, _)| {
            let current = cluster.read().lesson().map(str::to_string);
            if let Some(id) = lesson.as_ref().filter(|id| current.as_ref() != Some(*id)) {
                start_lesson.emit((id.clone(), from_link));
            }
        }
    });
    use_effect_with(state.revision, {
        let cluster = cluster.clone();
        move |_| browser::save_cluster(&cluster.read(), &mut saved_entries.borrow_mut())
    });
    // The clock ticks while playing; the timer is dropped when paused or sped up.
    // It ticks even when the engine has no deadline (`Playground::poll_timeout`
    // is `None`): the elapsed time and the AGE columns are on screen and move.
    use_effect_with((state.playing, state.speed_x10), {
        let cluster = cluster.clone();
        move |&(playing, speed_x10)| {
            let timer = playing.then(|| {
                let step_ms = u64::from(TICK_MS) * u64::from(speed_x10) / 10;
                Interval::new(TICK_MS, move || cluster.advance_by(step_ms))
            });
            move || drop(timer)
        }
    });

    fn dispatch<T: 'static>(state: &UseReducerHandle<AppState>, make: fn(T) -> Action) -> Callback<T> {
        let state = state.clone();
        Callback::from(move |v| state.dispatch(make(v)))
    }
    let on_lang = dispatch(&state, Action::SetLang);
    let on_edit = dispatch(&state, Action::Edit);
    let on_tab = dispatch(&state, Action::SelectTab);
    let on_pick = dispatch(&state, Action::SelectPod);
    let on_playing = dispatch(&state, Action::SetPlaying);
    let on_speed = dispatch(&state, Action::SetSpeed);
    let on_step = {
        let cluster = cluster.clone();
        Callback::from(move |()| cluster.advance_by(1000))
    };
    let on_apply = {
        let state = state.clone();
        let cluster = cluster.clone();
        Callback::from(move |()| {
            if read_only {
                state.dispatch(Action::SetStatus(Some(Status::Problem(Msg::TroubleshootApply))));
                return;
            }
            if state.has_errors() {
                state.dispatch(Action::SetStatus(Some(Status::Problem(Msg::ApplyBlocked))));
                return;
            }
            let editing = state.editing.is_some();
            let result = if editing {
                cluster.with_mut(|sim| sim.save_edit(&state.source, state.lang))
            } else {
                cluster.apply_yaml(&state.source, state.lang)
            };
            if editing && result.is_ok() {
                state.dispatch(Action::EndEdit);
            }
            let status = match result {
                Ok(Applied { said, pods }) => {
                    // Open the first pod applied, as the command reported it.
                    if let Some(name) = pods.into_iter().next() {
                        state.dispatch(Action::SelectPod(name));
                        state.dispatch(Action::SelectTab(Tab::Cluster));
                    }
                    // Time flows after an apply, as on a real cluster.
                    state.dispatch(Action::SetPlaying(true));
                    Status::Applied(said)
                }
                Err(why) => Status::Rejected(why),
            };
            state.dispatch(Action::SetStatus(Some(status)));
        })
    };
    let on_share = {
        let state = state.clone();
        let cluster = cluster.clone();
        let share_link = share_link.clone();
        Callback::from(move |()| {
            // The cluster travels too once something was done to it; an
            // untouched cluster lets the link apply its manifest instead.
            let journal = Some(cluster.read().journal()).filter(|j| !j.entries.is_empty()).map(|j| j.to_json());
            let url =
                browser::share_url(&Shared { manifest: state.source.clone(), lesson: state.lesson.clone(), journal });
            browser::copy_to_clipboard(&url);
            share_link.set(Some(url));
            state.dispatch(Action::SetStatus(Some(Status::Info(Msg::ShareReady))));
        })
    };
    let on_dismiss = {
        let state = state.clone();
        let share_link = share_link.clone();
        Callback::from(move |_: MouseEvent| {
            share_link.set(None);
            state.dispatch(Action::SetStatus(None));
        })
    };
    let run = {
        let cluster = cluster.clone();
        let state = state.clone();
        let lang = state.lang;
        let editor = state.source.clone();
        // The open lesson's `allowedCommands`, if it limits the terminal.
        let allowed = match (&*pack, state.lesson.as_deref()) {
            (Ok(p), Some(id)) => p.lesson(id).and_then(|l| l.lesson.allowed_commands.clone()),
            _ => None,
        };
        Callback::from(move |line: String| -> TermOutput {
            if let Some(refused) = console::refuse(&line, allowed.as_deref(), lang) {
                return refused;
            }
            let out = cluster.with_mut(|sim| console::run(sim, &line, lang, &editor));
            if let Some((target, text)) = out.edit.clone() {
                state.dispatch(Action::StartEdit(target, text));
            }
            out
        })
    };
    let complete = {
        let cluster = cluster.clone();
        let editor = state.source.clone();
        Callback::from(move |line: String| cluster.peek_mut(|sim| console::complete(sim, &line, &editor)))
    };

    let lang = state.lang;
    let sim = cluster.read();
    let selected_view = state.selected_pod.as_deref().and_then(|n| sim.pod(n));
    let highlight = state.highlight.clone().map(AttrValue::from);
    let view = match state.tab {
        Tab::Cluster => {
            let (nodes, pending) = present::cluster(&sim);
            let selected = state.selected_pod.clone().map(AttrValue::from);
            html! { <ClusterView {lang} {nodes} {pending} {selected} {on_pick} {highlight} /> }
        }
        Tab::Pod => match &selected_view {
            Some(v) => {
                let (status, ip, containers, inodes) = present::pod_details(&sim, v);
                html! {
                    <PodView {lang} pod={v.pod.clone()} ip={ip.map(AttrValue::from)}
                        status={AttrValue::from(status)} {containers} {inodes} {highlight} />
                }
            }
            None => html! { <PodView {lang} pod={None::<podplay_engine::model::Pod>} /> },
        },
        Tab::Traffic => match (&*bench, &selected_view) {
            (Some((e, f)), _) => html! {
                <TrafficView {lang} endpoints={e.clone()} flights={Rc::new(f.clone())} looping=true
                    playing=true speed_x10={state.speed_x10} />
            },
            (None, Some(v)) => {
                let (endpoints, flights, events) = present::traffic(&sim, v);
                let timeline: Vec<TimelineItem> = events
                    .iter()
                    .map(|t| TimelineItem {
                        at_ms: t.at.as_millis(),
                        label: format!("{}  {} → {}  {}", elapsed(t.at), t.from, t.to, t.detail),
                    })
                    .collect();
                html! {
                    <TrafficView {lang} {endpoints} flights={Rc::new(flights)} playing={state.playing}
                        speed_x10={state.speed_x10} now_ms={sim.now().as_millis()} timeline={Rc::new(timeline)} {highlight} />
                }
            }
            (None, None) => html! {
                <TrafficView {lang} endpoints={Vec::new()} flights={Rc::new(Vec::new())} playing=false speed_x10={state.speed_x10} />
            },
        },
        Tab::Events => {
            let events = present::events(&sim);
            let logs = selected_view.as_ref().map(|v| present::logs(&sim, v)).unwrap_or_default();
            html! { <Events {lang} {events} {logs} /> }
        }
        Tab::Terminal => {
            let prompt: AttrValue =
                sim.shell_prompt().map_or(AttrValue::Static("$"), |p| p.trim_end().to_string().into());
            html! { <Terminal {lang} {run} {complete} {prompt} /> }
        }
        Tab::Lessons => {
            let pack: Rc<Result<_, _>> = pack.clone();
            let on_select = dispatch(&state, Action::OpenLesson);
            let on_edit = dispatch(&state, Action::Edit);
            let on_sandbox = {
                let state = state.clone();
                Callback::from(move |()| state.dispatch(Action::CloseLesson))
            };
            let on_start = start_lesson.reform(|id: String| (id, false));
            let now = AttrValue::from(elapsed(sim.now()));
            let manifest = AttrValue::from(state.source.clone());
            let selected = state.lesson.clone().map(AttrValue::from);
            let goals = match (&*pack, state.lesson.as_deref()) {
                (Ok(p), Some(id)) => p
                    .lesson(id)
                    .map(|l| {
                        let checks = &l.lesson.checks;
                        let results = sim.lesson_results(checks);
                        checks
                            .iter()
                            .zip(results)
                            .map(|(c, r)| Goal { text: c.goal().clone(), passed: r.passed, detail: r.detail })
                            .collect()
                    })
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            let live = lesson_live(&sim, &extras);
            let on_hook = {
                let state = state.clone();
                Callback::from(move |h: crate::lesson_extras::Hook| {
                    state.dispatch(Action::ShowHook { tab: h.tab(), pod: h.pod.clone(), target: h.target.clone() })
                })
            };
            html! { <Lessons {lang} {pack} {selected} {on_select} {on_sandbox} {on_start} {on_edit} {goals} {now} {manifest} {live} {on_hook} /> }
        }
    };
    let status = state.status.as_ref().map(|s| {
        let (class, text) = match s {
            Status::Info(m) => ("info", m.get(lang).to_string()),
            Status::Problem(m) => ("problem", m.get(lang).to_string()),
            Status::ShareFailed(e) => ("problem", e.msg().get(lang).to_string()),
            Status::Applied(said) => ("info", i18n::applied(lang, said)),
            Status::Rejected(t) => ("problem", t.get(lang).to_string()),
            Status::Editing(target) => ("info", i18n::editing(lang, target)),
        };
        let glyph = if class == "problem" { "⚠ " } else { "ℹ " };
        html! {
            <div id="status" class={classes!("status", class)} role="status">
                <span>{ glyph }{ text }</span>
                if let Some(link) = &*share_link {
                    <input id="share-link" type="text" readonly=true value={link.clone()}
                        aria-label={Msg::ShareLink.get(lang)} />
                }
                <button type="button" class="dismiss" onclick={on_dismiss.clone()}
                    aria-label={Msg::Dismiss.get(lang)}>{ "✕" }</button>
            </div>
        }
    });
    let tab_id = state.tab.id();
    let tolerated: Vec<(String, podplay_engine::Text)> =
        extras.tolerates.iter().map(|t| (t.rule.clone(), t.why.clone())).collect();
    html! {
        <>
            <Header {lang} {on_lang} {on_share} />
            <main class="layout">
                <Editor
                    {lang}
                    source={AttrValue::from(state.source.clone())}
                    diagnostics={state.diagnostics.clone()}
                    {on_edit}
                    {on_apply}
                    {read_only}
                    {tolerated}
                />
                <section class="panel views" aria-label={Msg::ViewsLabel.get(lang)}>
                    <div class="views-head">
                        <Tabs {lang} selected={state.tab} on_select={on_tab} />
                        <Clock {lang} now={sim.now()} playing={state.playing} speed_x10={state.speed_x10}
                            {on_playing} {on_step} {on_speed} />
                    </div>
                    { for status }
                    <div class="tabpanel" role="tabpanel" id={format!("panel-{tab_id}")}
                        aria-labelledby={format!("tab-{tab_id}")} tabindex="0">
                        { view }
                    </div>
                </section>
            </main>
        </>
    }
}

/// The open lesson's live parts, judged against the cluster now: each
/// predict's `verify`, the explanations and the debrief with this run's
/// numbers, and the learner's work for the par.
fn lesson_live(sim: &crate::sim::Sim, extras: &Rc<crate::lesson_extras::Extras>) -> LessonLive {
    use crate::lesson_extras::{render, verified};
    LessonLive {
        extras: extras.clone(),
        verified: extras.predicts.iter().map(|p| verified(p, sim)).collect(),
        explains: extras.predicts.iter().map(|p| render(&p.explain, sim)).collect(),
        debrief: extras.debrief.as_ref().map(|d| render(d, sim)),
        tally: sim.tally(),
    }
}
