//! The virtual clock's controls: play/pause, step one second, speed
//! (0.5×–10×), and the elapsed virtual time. The ticking itself is an effect
//! in the app, never here.

use podplay_engine::{Lang, SimTime};
use yew::prelude::*;

use crate::i18n::Msg;
use crate::state::SPEEDS_X10;

#[derive(Properties, PartialEq)]
pub struct ClockProps {
    pub lang: Lang,
    pub now: SimTime,
    pub playing: bool,
    pub speed_x10: u32,
    pub on_playing: Callback<bool>,
    pub on_step: Callback<()>,
    pub on_speed: Callback<u32>,
}

/// `x.y×` for a speed in tenths.
pub fn speed_label(speed_x10: u32) -> String {
    if speed_x10 % 10 == 0 {
        format!("{}×", speed_x10 / 10)
    } else {
        format!("{}.{}×", speed_x10 / 10, speed_x10 % 10)
    }
}

/// Elapsed virtual time as `m:ss.s`.
pub fn elapsed(now: SimTime) -> String {
    let ms = now.as_millis();
    format!("{}:{:02}.{}", ms / 60_000, ms / 1000 % 60, ms / 100 % 10)
}

#[component]
pub fn Clock(props: &ClockProps) -> Html {
    let lang = props.lang;
    let playing = props.playing;
    let toggle = props.on_playing.reform(move |_: MouseEvent| !playing);
    let step = props.on_step.reform(|_: MouseEvent| ());
    let on_speed = {
        let cb = props.on_speed.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(v) = select.value().parse() {
                cb.emit(v);
            }
        })
    };
    let (glyph, label) = if playing { ("❚❚ ", Msg::Pause) } else { ("▶ ", Msg::Play) };
    html! {
        <div class="clock" role="group" aria-label={Msg::ClockLabel.get(lang)}>
            <button id="play" type="button" onclick={toggle} aria-pressed={playing.to_string()}>
                { glyph }{ label.get(lang) }
            </button>
            <button id="step" type="button" onclick={step} disabled={playing}>{ "» " }{ Msg::Step.get(lang) }</button>
            <label>
                { Msg::Speed.get(lang) }{ " " }
                <select id="speed" onchange={on_speed}>
                    { for SPEEDS_X10.iter().map(|&s| html! {
                        <option value={s.to_string()} selected={s == props.speed_x10}>{ speed_label(s) }</option>
                    }) }
                </select>
            </label>
            <span class="elapsed">
                <span class="visually-hidden">{ Msg::Elapsed.get(lang) }{ " " }</span>
                <time id="clock-now">{ elapsed(props.now) }</time>
            </span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(speed_label(5), "0.5×");
        assert_eq!(speed_label(100), "10×");
        assert_eq!(elapsed(SimTime(61_250)), "1:01.2");
    }
}
