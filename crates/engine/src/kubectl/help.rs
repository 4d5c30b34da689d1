//! `kubectl help`, `kubectl --help` and `kubectl CMD --help`: the command
//! list in English as kubectl prints it, with a Korean explanation beside it.
//! Layout follows `kubectl --help` (k8s.io/kubectl/pkg/cmd/cmd.go command groups).

use std::fmt::Write as _;

use super::cli::{Group, KubectlCommand, COMMANDS, GLOBAL_FLAGS};
use super::CommandOutput;
use crate::text::Text;

/// The groups in the order `kubectl help` prints them, with their titles.
const GROUPS: &[(Group, &str, &str)] = &[
    (Group::Beginner, "Basic Commands (Beginner)", "기본 명령 (입문)"),
    (Group::Intermediate, "Basic Commands (Intermediate)", "기본 명령 (중급)"),
    (Group::Deploy, "Deploy Commands", "배포 명령"),
    (Group::ClusterManagement, "Cluster Management Commands", "클러스터 관리 명령"),
    (Group::Troubleshooting, "Troubleshooting and Debugging Commands", "문제 해결과 디버깅 명령"),
    (Group::Advanced, "Advanced Commands", "고급 명령"),
    (Group::Settings, "Settings Commands", "설정 명령"),
    (Group::Other, "Other Commands", "기타 명령"),
];

/// `kubectl` / `kubectl help` / `help`.
pub fn top_level() -> CommandOutput {
    let mut en = String::from(
        "kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n",
    );
    let mut ko = String::from("kubectl은 쿠버네티스 클러스터를 제어합니다. 이 플레이그라운드에서 쓸 수 있는 명령:\n");
    let mut note = String::from("The commands of kubectl, as this playground supports them:\n");
    for (group, title, title_ko) in GROUPS {
        let _ = write!(en, "\n{title}:\n");
        let _ = writeln!(ko, "\n{title_ko}:");
        let _ = writeln!(note, "\n{title}:");
        // `help` itself is listed by cobra apart from the groups.
        for c in COMMANDS.iter().filter(|c| c.group == *group && c.name != "help") {
            let _ = writeln!(en, "  {:<15} {}", c.name, c.en);
            if c.implemented() {
                let _ = writeln!(ko, "  {:<15} {}", c.name, c.ko);
                let _ = writeln!(note, "  {:<15} {}", c.name, c.en);
            } else {
                let _ = writeln!(ko, "  {:<15} {} (이 플레이그라운드에서는 아직 지원하지 않음)", c.name, c.ko);
                let _ = writeln!(note, "  {:<15} {} (not available in this playground yet)", c.name, c.en);
            }
        }
    }
    en.push_str("\nUsage:\n  kubectl [flags] [options]\n\nUse \"kubectl <command> --help\" for more information about a given command.\n");
    CommandOutput { stdout: en, explain: Some(Text::new(ko, note)), ..CommandOutput::default() }
}

/// `kubectl CMD --help`.
pub fn command(c: &KubectlCommand) -> CommandOutput {
    let mut out = format!("{}.\n\nOptions:\n", c.en);
    for f in c.flags.iter().chain(GLOBAL_FLAGS) {
        let short = f.short.map(|s| format!("-{s}, ")).unwrap_or_else(|| "    ".to_string());
        let _ = writeln!(out, "    {short}--{}:\n\t{}\n", f.long, f.help);
    }
    let _ = write!(out, "Usage:\n  {}\n", c.usage);
    CommandOutput { stdout: out, explain: Some(Text::new(c.ko, c.en)), ..CommandOutput::default() }
}
