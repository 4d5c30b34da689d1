//! `kubectl get componentstatuses` (`cs`): the health of the control
//! plane's scheduler, controller manager and etcd, from the deprecated
//! `v1 ComponentStatus` API, whose every response carries the API server's
//! deprecation warning. Follows `pkg/registry/core/componentstatus/rest.go`
//! (the components a kubeadm control plane validates) and the table
//! columns of `pkg/printers/internalversion/printers.go`
//! (`printComponentStatus`).

use serde_json::{json, Value};

use super::util::{output, Cmd};
use crate::kubectl::format::table;
use crate::kubectl::printers::{list_of, to_json, to_yaml, Output};
use crate::kubectl::CommandOutput;
use crate::text::Text;

/// The warning header the API server sends with every ComponentStatus response.
const WARNING: &str = "Warning: v1 ComponentStatus is deprecated in v1.19+\n";

/// The components, in the order a kubeadm cluster typically lists them.
const COMPONENTS: [&str; 3] = ["scheduler", "controller-manager", "etcd-0"];

/// Whether a typed resource names ComponentStatus.
pub(crate) fn is_component_status(typed: &str) -> bool {
    let base = typed.split('/').next().unwrap_or("").to_lowercase();
    let base = base.split('.').next().unwrap_or("");
    matches!(base, "cs" | "componentstatus" | "componentstatuses")
}

fn object(name: &str) -> Value {
    json!({
        "apiVersion": "v1",
        "conditions": [{"message": "ok", "status": "True", "type": "Healthy"}],
        "kind": "ComponentStatus",
        "metadata": {"creationTimestamp": null, "name": name},
    })
}

/// `kubectl get cs [NAME…]`.
pub(crate) fn run(c: &Cmd) -> CommandOutput {
    let out_fmt = match output(c) {
        Ok(o) => o,
        Err(e) => return e,
    };
    let mut names: Vec<String> = Vec::new();
    for (i, a) in c.inv.args.iter().enumerate() {
        match a.split_once('/') {
            Some((_, n)) => names.push(n.to_string()),
            None if i > 0 => names.push(a.clone()),
            None => {}
        }
    }
    for n in &names {
        if !COMPONENTS.contains(&n.as_str()) {
            return CommandOutput {
                stderr: format!("{WARNING}Error from server (NotFound): componentstatuses \"{n}\" not found\n"),
                exit_code: 1,
                explain: Some(Text::new(
                    format!("`{n}`라는 컴포넌트는 없습니다. 있는 것: {}", COMPONENTS.join(", ")),
                    format!("There is no component `{n}`. The components are: {}", COMPONENTS.join(", ")),
                )),
                ..CommandOutput::default()
            };
        }
    }
    let chosen: Vec<&str> =
        if names.is_empty() { COMPONENTS.to_vec() } else { names.iter().map(String::as_str).collect() };
    let single = names.len() == 1;
    let stdout = match out_fmt {
        Output::Json | Output::Yaml => {
            let v = if single {
                object(chosen.first().copied().unwrap_or(""))
            } else {
                list_of(chosen.iter().map(|n| object(n)).collect())
            };
            if out_fmt == Output::Json {
                to_json(&v)
            } else {
                to_yaml(&v)
            }
        }
        Output::Name => chosen.iter().map(|n| format!("componentstatus/{n}\n")).collect(),
        _ => {
            let mut t = String::new();
            if !c.inv.on("no-headers") {
                t.push_str("NAME\tSTATUS\tMESSAGE\tERROR\n");
            }
            for n in &chosen {
                t.push_str(&format!("{n}\tHealthy\tok\t\n"));
            }
            table(&t)
        }
    };
    CommandOutput {
        stdout,
        stderr: WARNING.to_string(),
        explain: Some(Text::new(
            "ComponentStatus API는 v1.19부터 사용 중단(deprecated)되었습니다. 컨트롤 플레인 상태는 `kubectl get pods -n kube-system`이나 API 서버의 `/livez`, `/readyz`로 확인하는 것이 권장됩니다.",
            "The ComponentStatus API is deprecated since v1.19. Check the control plane with `kubectl get pods -n kube-system`, or the API server's `/livez` and `/readyz` endpoints, instead.",
        )),
        ..CommandOutput::default()
    }
}
