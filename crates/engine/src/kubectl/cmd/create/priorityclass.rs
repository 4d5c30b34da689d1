//! `kubectl create priorityclass NAME --value=N [--global-default]
//! [--description=TEXT] [--preemption-policy=POLICY]` (alias `pc`). Mirrors
//! `staging/src/k8s.io/kubectl/pkg/cmd/create/create_priorityclass.go`:
//! the generated object carries `value`, `globalDefault` and `description`
//! only when set, and `preemptionPolicy` always (the flag's default is
//! `PreemptLowerPriority`); the API server judges the policy's value.

use serde_json::{json, Value};

use super::generate::{finish, one_name, Wrap};
use crate::kubectl::backend::Backend;
use crate::kubectl::cmd::util::Cmd;
use crate::kubectl::CommandOutput;
use crate::text::Text;

/// `--value`, an `int32` flag (pflag's `Int32Var`).
fn value_flag(c: &Cmd) -> Result<i64, CommandOutput> {
    let Some(v) = c.inv.get("value") else { return Ok(0) };
    let why = match v.parse::<i64>() {
        Ok(n) if i32::try_from(n).is_ok() => return Ok(n),
        Ok(_) => "value out of range",
        Err(_) if !v.is_empty() && v.trim_start_matches(['-', '+']).chars().all(|ch| ch.is_ascii_digit()) => {
            "value out of range"
        }
        Err(_) => "invalid syntax",
    };
    Err(CommandOutput::error(
        format!("Error: invalid argument \"{v}\" for \"--value\" flag: strconv.ParseInt: parsing \"{v}\": {why}\nSee 'kubectl create priorityclass --help' for usage."),
        Some(Text::new(
            "--value에는 32비트 정수를 써야 합니다(사용자 클래스는 1000000000 이하).",
            "--value takes a 32-bit whole number (at most 1000000000 for a user class).",
        )),
    ))
}

/// `kubectl create priorityclass NAME`.
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let name = match one_name(c, "priorityclass", 1) {
        Ok(n) => n,
        Err(e) => return e,
    };
    let value = match value_flag(c) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let mut obj = json!({
        "apiVersion": "scheduling.k8s.io/v1",
        "kind": "PriorityClass",
        "metadata": {"name": name},
    });
    if let Some(map) = obj.as_object_mut() {
        if let Some(d) = c.inv.get("description").filter(|d| !d.is_empty()) {
            map.insert("description".into(), Value::from(d));
        }
        if c.inv.on("global-default") {
            map.insert("globalDefault".into(), Value::Bool(true));
        }
        let policy = c.inv.get("preemption-policy").unwrap_or("PreemptLowerPriority");
        map.insert("preemptionPolicy".into(), Value::from(policy));
        if value != 0 {
            map.insert("value".into(), Value::from(value));
        }
    }
    finish(b, c, obj, "priorityclass.scheduling.k8s.io", Wrap::None)
}
