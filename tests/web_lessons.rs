//! Browser tests of issue 19's lesson pieces, mounted in real headless
//! Chromium: the predict card locks a pick and reveals the answer, a
//! troubleshooting lesson's editor is read-only, hints carry their grade,
//! and the completion summary sets the learner's work beside the par.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use podplay::components::editor::Editor;
use podplay::components::lessons::{Goal, LessonLive, Lessons};
use podplay::components::predict::PredictCard;
use podplay::lesson_extras::{Extras, Par};
use podplay::sim::Tally;
use podplay_engine::{Lang, Text};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn root() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

fn click(root: &web_sys::Element, selector: &str) {
    let el: web_sys::HtmlElement =
        root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}")).dyn_into().unwrap();
    el.click();
}

fn text(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector).unwrap().map(|e| e.text_content().unwrap_or_default()).unwrap_or_default()
}

fn attr(root: &web_sys::Element, selector: &str, name: &str) -> Option<String> {
    root.query_selector(selector).unwrap().and_then(|e| e.get_attribute(name))
}

#[derive(Properties, PartialEq)]
struct CardHost {
    revealed: bool,
}

/// A predict card wired as the lesson panel wires it: the first pick stays.
#[component]
fn Card(props: &CardHost) -> Html {
    let picked = use_state(|| None::<usize>);
    let on_pick = {
        let picked = picked.clone();
        Callback::from(move |i: usize| {
            if picked.is_none() {
                picked.set(Some(i));
            }
        })
    };
    html! {
        <PredictCard lang={Lang::Ko} id="restarts" question={Text::new("60초 뒤 재시작 횟수는?", "Restarts after 60 s?")}
            choices={vec![Text::new("0번", "0"), Text::new("3번", "3"), Text::new("10번", "10")]} answer={1}
            picked={*picked} revealed={props.revealed}
            explain={Text::new("이번 실행에서는 `3`번 재시작했습니다.", "It restarted `3` times in this run.")} {on_pick} />
    }
}

#[wasm_bindgen_test]
async fn a_predict_card_locks_the_pick_and_reveals_the_answer_once_shown() {
    let root = root();
    let mut handle = yew::Renderer::<Card>::with_root_and_props(root.clone(), CardHost { revealed: false }).render();
    yew::scheduler::flush().await;
    assert_eq!(attr(&root, ".predict", "data-state").as_deref(), Some("open"));
    assert!(text(&root, ".predict-ask").contains("적용하기 전에"), "{}", text(&root, ".predict"));
    click(&root, "[data-choice='2']");
    yew::scheduler::flush().await;
    assert_eq!(attr(&root, ".predict", "data-state").as_deref(), Some("locked"));
    assert_eq!(attr(&root, "[data-choice='2']", "aria-checked").as_deref(), Some("true"));
    assert!(attr(&root, "[data-choice='0']", "disabled").is_some(), "every choice is locked");
    // Nothing is revealed before the simulation has shown it.
    assert!(root.query_selector(".predict-verdict").unwrap().is_none());
    assert!(!text(&root, ".predict").contains("이번 실행"));

    handle.update(CardHost { revealed: true });
    yew::scheduler::flush().await;
    assert_eq!(attr(&root, ".predict", "data-state").as_deref(), Some("revealed"));
    assert_eq!(attr(&root, ".predict-verdict", "data-verdict").as_deref(), Some("wrong"));
    assert!(text(&root, ".predict-verdict").contains("정답은 3번"), "{}", text(&root, ".predict-verdict"));
    assert!(root.query_selector("[data-choice='1'].right").unwrap().is_some());
    assert!(root.query_selector("[data-choice='2'].wrong").unwrap().is_some());
    assert!(text(&root, ".predict-explain code").contains('3'), "{}", text(&root, ".predict-explain"));
}

#[wasm_bindgen_test]
async fn a_troubleshooting_editor_is_read_only_and_apply_says_why() {
    let root = root();
    let applied = Rc::new(std::cell::Cell::new(0));
    let on_apply = {
        let applied = applied.clone();
        Callback::from(move |()| applied.set(applied.get() + 1))
    };
    let props = yew::props!(podplay::components::editor::EditorProps {
        lang: Lang::Ko,
        source: AttrValue::from("kind: Pod\n"),
        diagnostics: Vec::new(),
        on_edit: Callback::noop(),
        on_apply,
        read_only: true,
    });
    yew::Renderer::<Editor>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    assert!(attr(&root, "#yaml", "readonly").is_some(), "the textarea is read-only");
    assert!(text(&root, "#editor-readonly").contains("이 레슨은 터미널에서만 고칩니다"));
    assert!(attr(&root, "#apply", "disabled").is_some());
    assert!(attr(&root, "#apply", "title").unwrap_or_default().contains("터미널"));
    click(&root, "#apply");
    yew::scheduler::flush().await;
    assert_eq!(applied.get(), 0, "a disabled Apply applies nothing");
}

/// The lesson panel on the embedded pack's first lesson, with these goals
/// and this live state.
fn mount_lessons(lang: Lang, goals: Vec<Goal>, live: LessonLive) -> web_sys::Element {
    let root = root();
    let pack = Rc::new(podplay::lessons::load());
    let props = yew::props!(podplay::components::lessons::LessonsProps {
        lang,
        pack,
        selected: Some(AttrValue::from("01-what-is-a-pod")),
        on_select: Callback::noop(),
        on_edit: Callback::noop(),
        goals,
        live,
    });
    yew::Renderer::<Lessons>::with_root_and_props(root.clone(), props).render();
    root
}

#[wasm_bindgen_test]
async fn hints_carry_their_grade_concept_pointer_answer() {
    let _ = web_sys::window().unwrap().local_storage().unwrap().unwrap().clear();
    let root = mount_lessons(Lang::Ko, Vec::new(), LessonLive::default());
    yew::scheduler::flush().await;
    while root.query_selector("#lesson-hint").unwrap().is_some() {
        click(&root, "#lesson-hint");
        yew::scheduler::flush().await;
    }
    let hints = root.query_selector_all("#lesson-hints li").unwrap();
    let n = hints.length();
    assert!(n >= 2, "the lesson has hints to grade: {n}");
    let grade = |i: u32| hints.item(i).unwrap().dyn_into::<web_sys::Element>().unwrap().get_attribute("data-grade");
    assert_eq!(grade(0).as_deref(), Some("concept"));
    assert_eq!(grade(n - 1).as_deref(), Some("answer"));
    for i in 1..n - 1 {
        assert_eq!(grade(i).as_deref(), Some("pointer"));
    }
    assert!(text(&root, "#lesson-hints li").starts_with("개념"), "{}", text(&root, "#lesson-hints"));
    let _ = web_sys::window().unwrap().local_storage().unwrap().unwrap().clear();
}

#[wasm_bindgen_test]
async fn the_completion_shows_the_debrief_and_the_par_in_the_summary() {
    let _ = web_sys::window().unwrap().local_storage().unwrap().unwrap().clear();
    let goals = vec![Goal { text: Text::new("목표", "goal"), passed: true, detail: Text::new("됨", "ok") }];
    let extras = Extras { par: Par { applies: 1, commands: 1 }, ..Extras::default() };
    let live = LessonLive {
        extras: Rc::new(extras),
        debrief: Some(Text::new("컨테이너가 **2**번 재시작했습니다.", "The container restarted **2** times.")),
        tally: Tally { applies: 2, commands: 3 },
        ..LessonLive::default()
    };
    let root = mount_lessons(Lang::En, goals, live);
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "#lesson-par"), "you: 2 applies, 3 commands · par: 1 apply, 1 command");
    assert!(text(&root, "#lesson-debrief").contains("restarted 2 times"), "{}", text(&root, "#lesson-debrief"));
    let summary: web_sys::HtmlTextAreaElement =
        root.query_selector("#lesson-summary").unwrap().unwrap().dyn_into().unwrap();
    assert!(
        summary.value().contains("- you: 2 applies, 3 commands · par: 1 apply, 1 command\n"),
        "{}",
        summary.value()
    );
    // The debrief sits above the completion summary.
    let html = root.inner_html();
    assert!(html.find("id=\"lesson-debrief\"") < html.find("id=\"lesson-summary\""), "{html}");
    let _ = web_sys::window().unwrap().local_storage().unwrap().unwrap().clear();
}

#[wasm_bindgen_test]
async fn a_tolerated_lint_is_shown_quietly_with_the_lessons_reason() {
    let yaml =
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\n";
    let diagnostics = podplay_engine::check(yaml);
    assert!(diagnostics.iter().any(|d| d.rule == "best-effort"), "{diagnostics:?}");
    let root = root();
    let why = Text::new("이 레슨은 재시작을 봅니다.", "This lesson is about restarts.");
    let props = yew::props!(podplay::components::editor::EditorProps {
        lang: Lang::Ko,
        source: AttrValue::from(yaml),
        diagnostics,
        on_edit: Callback::noop(),
        on_apply: Callback::noop(),
        tolerated: vec![("best-effort".to_string(), why)],
    });
    yew::Renderer::<Editor>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let quiet = text(&root, "#diagnostics li.tolerated[data-rule='best-effort']");
    assert!(quiet.contains("이 레슨에서는 괜찮음") && quiet.contains("재시작을 봅니다"), "{quiet}");
    assert!(root.query_selector("#diagnostics li.lint").unwrap().is_none(), "not shown as advice");
    assert!(root.query_selector(".gutter .bad").unwrap().is_none(), "no gutter mark for it");
    assert!(text(&root, "#diagnostics").contains("문제가 없습니다"));
}
