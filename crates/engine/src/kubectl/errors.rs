//! Our explanations, in Korean and English, of the error lines kubectl
//! prints. A command that knows more says it itself (`CommandOutput::explain`);
//! every other failed line is explained here by what the line says, so no
//! error reaches the learner without an explanation in both languages. The
//! error lines themselves stay kubectl's English, verbatim.

use crate::text::Text;

/// The line an explanation is about: the first line that reads as an error
/// (`error: …`, `Error from server …`, `The Pod "x" is invalid …`), else the
/// first line that is not empty.
pub fn error_line(stderr: &str) -> &str {
    let is_error = |l: &&str| {
        l.starts_with("error:")
            || l.starts_with("Error from server")
            || (l.starts_with("The ") && l.contains(" is invalid"))
    };
    stderr
        .lines()
        .find(is_error)
        .or_else(|| stderr.lines().find(|l| !l.trim().is_empty() && !l.starts_with("Defaulted container")))
        .unwrap_or("")
}

/// One pattern of the catalogue: what the error line contains, and the explanation.
type Rule = (&'static str, &'static str, &'static str);

/// Error lines by a fixed part of their text, with what they mean for the
/// learner. The first matching pattern wins, so narrower patterns come first.
const RULES: &[Rule] = &[
    (
        "because it is being terminated",
        "네임스페이스가 삭제되는 중(Terminating)이라 그 안에 새 오브젝트를 만들 수 없습니다. 네임스페이스가 사라진 뒤 다시 만들거나 다른 네임스페이스를 쓰세요.",
        "The namespace is being deleted (Terminating), so nothing new can be created in it. Wait until it is gone and create it again, or use another namespace.",
    ),
    (
        "this namespace may not be deleted",
        "default, kube-system, kube-public 네임스페이스는 클러스터가 쓰므로 API 서버가 삭제를 막습니다.",
        "The default, kube-system and kube-public namespaces are needed by the cluster, so the API server refuses to delete them.",
    ),
    (
        "does not match the namespace",
        "파일의 metadata.namespace와 `-n`으로 준 네임스페이스가 다릅니다. 둘을 맞추거나 `-n`을 빼세요.",
        "The file's metadata.namespace and the namespace given with `-n` differ. Make them agree, or leave out `-n`.",
    ),
    (
        "cannot be retrieved by name across all namespaces",
        "이름으로 찾을 때는 네임스페이스 하나를 지정해야 합니다. `-A` 대신 `-n 네임스페이스`를 쓰세요.",
        "Looking an object up by name needs one namespace: use `-n NAMESPACE` instead of `-A`.",
    ),
    (
        "no context exists with the name",
        "kubeconfig에 그런 컨텍스트가 없습니다. `kubectl config get-contexts`로 목록을 확인하세요.",
        "The kubeconfig has no such context; `kubectl config get-contexts` lists them.",
    ),
    (
        "exceeded its progress deadline",
        "디플로이먼트가 progressDeadlineSeconds 안에 진행하지 못했습니다. `kubectl describe deployment`의 Conditions와 새 파드의 이벤트(이미지, 프로브, 자원)를 확인하세요. `kubectl rollout undo`로 되돌릴 수 있습니다.",
        "The Deployment made no progress within progressDeadlineSeconds. Check its Conditions in `kubectl describe deployment` and the new pods' events (image, probes, resources). `kubectl rollout undo` goes back.",
    ),
    (
        "has been implemented for",
        "이 종류에는 롤아웃 기록이 없습니다. `kubectl rollout`은 디플로이먼트(그리고 데몬셋, 스테이트풀셋)에 씁니다.",
        "This kind has no rollouts. `kubectl rollout` works on Deployments (and DaemonSets, StatefulSets).",
    ),
    (
        "cannot specify --from and command",
        "`--from=cronjob/이름`으로 만드는 잡은 크론잡의 템플릿을 그대로 씁니다. `--` 뒤의 명령을 빼세요.",
        "A Job made `--from=cronjob/NAME` uses the CronJob's template as is; drop the command after `--`.",
    ),
    (
        "and --overwrite is false",
        "이미 있는 환경 변수를 바꾸려면 `--overwrite`를 빼거나 `--overwrite=true`로 두세요.",
        "To change an existing variable, leave out `--overwrite=false` (it is true by default).",
    ),
    (
        "failed to create",
        "API 서버가 만들기를 거부했습니다. 같은 이름이 이미 있는지(`kubectl get`), 이름과 값이 규칙에 맞는지 확인하세요.",
        "The API server refused to create it. Check whether the name is taken (`kubectl get`) and that the name and values follow the rules.",
    ),
    (
        "you may only specify a single resource type",
        "`-w`는 한 번에 한 가지 리소스 종류만 지켜볼 수 있습니다. 예: `kubectl get pods -w`",
        "`-w` watches one resource type at a time, e.g. `kubectl get pods -w`.",
    ),
    (
        "no objects passed to",
        "파일에 쿠버네티스 오브젝트가 없습니다. `apiVersion`, `kind`, `metadata.name`이 있는 매니페스트인지 확인하세요.",
        "The file holds no Kubernetes object. Check that it is a manifest with `apiVersion`, `kind` and `metadata.name`.",
    ),
    (
        "invalid restart policy",
        "`--restart`에는 `Always`, `OnFailure`, `Never` 중 하나를 씁니다. 한 번만 실행할 파드는 `--restart=Never`입니다.",
        "`--restart` takes `Always`, `OnFailure` or `Never`; a pod that runs once is `--restart=Never`.",
    ),
    (
        "invalid label spec",
        "레이블은 `키=값` 형식으로 씁니다(지울 때는 `키-`). 키와 값에는 영숫자, '-', '_', '.'만 쓸 수 있습니다.",
        "Labels are written `key=value` (and `key-` to remove one); keys and values use letters, digits, '-', '_' and '.'.",
    ),
    (
        "invalid annotation spec",
        "어노테이션은 `키=값` 형식으로 씁니다(지울 때는 `키-`).",
        "Annotations are written `key=value` (and `key-` to remove one).",
    ),
    (
        "update is required",
        "바꿀 내용을 `키=값`(추가·변경) 또는 `키-`(삭제)로 적으세요. 예: `kubectl label pod web tier=front`",
        "Give the change as `key=value` (add or change) or `key-` (remove), e.g. `kubectl label pod web tier=front`.",
    ),
    (
        "already has a value",
        "이미 값이 있는 키입니다. 바꾸려면 `--overwrite`를 붙이세요.",
        "The key already has a value. Add `--overwrite` to replace it.",
    ),
    (
        "invalid port",
        "포트는 1부터 65535 사이의 숫자여야 합니다. 예: `--port=80`",
        "A port is a number from 1 to 65535, e.g. `--port=80`.",
    ),
    (
        "Invalid dry-run value",
        "`--dry-run`에는 `none`, `client`, `server` 중 하나를 씁니다. 미리 보기는 `--dry-run=client -o yaml`입니다.",
        "`--dry-run` takes `none`, `client` or `server`; to preview, use `--dry-run=client -o yaml`.",
    ),
    (
        "there is no need to specify a resource type as a separate argument",
        "`pod/web`처럼 종류/이름 형식을 쓸 때는 앞에 종류를 따로 쓰지 않습니다: `kubectl get pod/web`.",
        "With the type/name form such as `pod/web`, do not repeat the type: `kubectl get pod/web`.",
    ),
    (
        "resource/name form",
        "종류/이름 형식은 `pod/web`처럼 종류와 이름을 하나씩 써야 합니다.",
        "The type/name form needs one type and one name, like `pod/web`.",
    ),
    (
        "resource(s) were provided, but no name was specified",
        "대상의 이름을 지정하세요. 모두 고르려면 `--all`, 레이블로 고르려면 `-l app=web`처럼 쓰세요.",
        "Name the object; use `--all` for every one of that type, or `-l app=web` to select by label.",
    ),
    (
        "is not available in this playground",
        "실제 kubectl에는 있지만 이 플레이그라운드는 파드, 노드, 이벤트, 디플로이먼트, 레플리카셋, 잡만 다룹니다.",
        "Real kubectl has this, but this playground serves only pods, nodes, events, deployments, replicasets and jobs.",
    ),
    (
        "cannot attach to",
        "이 명령은 파드에만 쓸 수 있습니다. 파드 이름이나 `pod/이름`을 지정하세요.",
        "This command works on pods only: give a pod name or `pod/NAME`.",
    ),
    (
        "for \"--tail\" flag",
        "`--tail`에는 보여 줄 마지막 줄 수를 정수로 씁니다. 예: `--tail=20` (`-1`은 전부)",
        "`--tail` takes how many last lines to show, as a whole number, e.g. `--tail=20` (`-1` for all).",
    ),
    (
        "for \"--grace-period\" flag",
        "`--grace-period`에는 초 단위 정수를 씁니다. 예: `--grace-period=0 --force`는 즉시 삭제입니다.",
        "`--grace-period` takes whole seconds, e.g. `--grace-period=0 --force` deletes at once.",
    ),
    (
        "cannot exec into a container in a completed pod",
        "이미 끝난(Succeeded/Failed) 파드의 컨테이너에서는 명령을 실행할 수 없습니다. 실행 중인 파드를 고르세요.",
        "A pod that has finished (Succeeded or Failed) runs no containers to exec into. Pick a running pod.",
    ),
    (
        "port '",
        "포트는 `로컬:원격` 형식의 1~65535 숫자입니다. 예: `kubectl port-forward web 8080:80`",
        "Ports are numbers from 1 to 65535 as `LOCAL:REMOTE`, e.g. `kubectl port-forward web 8080:80`.",
    ),
    (
        "--output must be",
        "이 명령이 받는 `-o` 값만 쓸 수 있습니다. `kubectl <명령> --help`로 확인하세요.",
        "This command accepts only the `-o` values it names; see `kubectl <command> --help`.",
    ),
    (
        "is waiting to start",
        "컨테이너가 아직 시작되지 않아 로그가 없습니다. `kubectl get pod`으로 상태(ContainerCreating, ImagePullBackOff 등)를 확인하고 잠시 뒤 다시 시도하세요.",
        "The container has not started, so it has no log yet. Check its status with `kubectl get pod` (ContainerCreating, ImagePullBackOff, …) and try again shortly.",
    ),
    (
        "previous terminated container",
        "`--previous`는 재시작 전 컨테이너의 로그를 보여 줍니다. 이 컨테이너는 아직 재시작한 적이 없습니다.",
        "`--previous` shows the log of the container before its last restart; this container has not restarted yet.",
    ),
    (
        "cannot be handled as a",
        "API 서버가 이 YAML을 해당 종류의 오브젝트로 읽지 못했습니다. 필드 이름과 값의 타입(문자열, 숫자, 목록)을 확인하세요.",
        "The API server could not read this YAML as that kind of object. Check the field names and the value types (string, number, list).",
    ),
    (
        "no matches for kind",
        "이 `kind`/`apiVersion` 조합을 API 서버가 모릅니다. 예: Pod는 `v1`, Deployment는 `apps/v1`, Job은 `batch/v1`.",
        "The API server does not know this `kind` with this `apiVersion`. Pods are `v1`, Deployments `apps/v1`, Jobs `batch/v1`.",
    ),
    (
        "(NotFound)",
        "API 서버에 그런 오브젝트가 없습니다. 이름과 네임스페이스(-n)를 확인하고 `kubectl get`으로 목록을 보세요.",
        "The API server has no such object. Check the name and the namespace (-n); `kubectl get` lists what exists.",
    ),
    (
        "(AlreadyExists)",
        "같은 이름의 오브젝트가 이미 있습니다. 바꾸려면 `kubectl apply -f`를 쓰거나 먼저 삭제하세요.",
        "An object with this name already exists. Use `kubectl apply -f` to change it, or delete it first.",
    ),
    (
        "is invalid",
        "API 서버의 검증에서 거부되었습니다. 오류에 적힌 필드 경로(예: `spec.containers[0].name`)를 편집기에서 고치세요.",
        "The API server's validation rejected it. Fix the field the error names (e.g. `spec.containers[0].name`) in the editor.",
    ),
    (
        "output format",
        "출력 형식이 올바르지 않습니다. `-o wide`, `-o yaml`, `-o json`, `-o name`, `-o jsonpath='{.metadata.name}'` 중 하나를 쓰세요.",
        "The output format is not valid. Use one of `-o wide`, `-o yaml`, `-o json`, `-o name`, `-o jsonpath='{.metadata.name}'`.",
    ),
    (
        "template",
        "JSONPath 템플릿이 올바르지 않습니다. 중괄호로 감싸세요. 예: `-o jsonpath='{.status.podIP}'`",
        "The JSONPath template is not valid. Wrap it in braces, e.g. `-o jsonpath='{.status.podIP}'`.",
    ),
    (
        "custom-columns",
        "`custom-columns`는 `제목:경로`를 쉼표로 이어 씁니다. 예: `-o custom-columns=NAME:.metadata.name,IP:.status.podIP`",
        "`custom-columns` takes `HEADER:path` pairs separated by commas, e.g. `-o custom-columns=NAME:.metadata.name,IP:.status.podIP`.",
    ),
    (
        "jsonpath",
        "JSONPath 식을 해석할 수 없습니다. 예: `{.items[*].metadata.name}`, `{range .items[*]}{.metadata.name}{\"\\n\"}{end}`",
        "The JSONPath expression cannot be parsed, e.g. `{.items[*].metadata.name}`, `{range .items[*]}{.metadata.name}{\"\\n\"}{end}`.",
    ),
];

/// The explanation of a failed command's stderr: the catalogue's (the line
/// itself is already on screen above it), else one that quotes the line. `exit_code` explains `kubectl exec`'s
/// `command terminated with exit code N`.
pub fn explain_stderr(stderr: &str) -> Text {
    if let Some(code) = stderr.lines().find_map(|l| l.strip_prefix("command terminated with exit code ")) {
        return Text::new(
            format!("kubectl은 정상 동작했고, 컨테이너 안에서 실행한 명령이 종료 코드 {code}(으)로 끝났습니다. 위의 출력이 그 명령의 오류 메시지입니다."),
            format!("kubectl worked; the command run inside the container exited with code {code}. The output above is that command's own error."),
        );
    }
    let line = error_line(stderr);
    if missing_namespace(line) {
        return Text::new(
            "그런 네임스페이스가 없습니다. `kubectl get ns`로 있는 네임스페이스를 확인하고, 필요하면 `kubectl create namespace 이름`으로 만드세요.",
            "There is no such namespace. `kubectl get ns` lists them; create one with `kubectl create namespace NAME`.",
        );
    }
    if let Some((_, ko, en)) = RULES.iter().find(|(pattern, _, _)| line.contains(pattern)) {
        return Text::new(*ko, *en);
    }
    Text::new(format!("kubectl이 오류를 보고했습니다: {line}"), format!("kubectl reported an error: {line}"))
}

/// Whether [`explain_stderr`] has a specific explanation for this stderr
/// (not only the line quoted back).
pub fn has_specific_explanation(stderr: &str) -> bool {
    stderr.lines().any(|l| l.starts_with("command terminated with exit code "))
        || missing_namespace(error_line(stderr))
        || RULES.iter().any(|(pattern, _, _)| error_line(stderr).contains(pattern))
}

/// `namespaces "dev" not found`, alone or after `error when creating "f.yaml": `.
fn missing_namespace(line: &str) -> bool {
    line.contains("namespaces \"") && line.ends_with("not found")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_explains_in_both_languages() {
        for (pattern, ko, en) in RULES {
            assert!(!ko.is_empty() && !en.is_empty(), "{pattern}");
            assert!(ko.chars().any(|c| ('가'..='힣').contains(&c)), "the Korean text of {pattern} is Korean");
            let t = explain_stderr(&format!("error: something {pattern} happened\n"));
            assert!(
                t.en.contains(en) || RULES.iter().any(|(p, _, e)| t.en.contains(e) && pattern.contains(p)),
                "{pattern}"
            );
        }
    }

    #[test]
    fn the_error_line_is_found_past_notes() {
        let stderr = "Defaulted container \"a\" out of: a, b\nError from server (NotFound): pods \"x\" not found\n";
        assert_eq!(error_line(stderr), "Error from server (NotFound): pods \"x\" not found");
        assert!(explain_stderr(stderr).ko.contains("오브젝트가 없습니다"));
        assert!(!has_specific_explanation("error: something nobody wrote a rule for\n"));
    }

    #[test]
    fn namespace_errors_have_their_own_explanations() {
        let missing = explain_stderr(
            "Error from server (NotFound): error when creating \"x.yaml\": namespaces \"dev\" not found\n",
        );
        assert!(missing.en.contains("kubectl create namespace"), "{missing:?}");
        let terminating = explain_stderr("Error from server (Forbidden): pods \"x\" is forbidden: unable to create new content in namespace dev because it is being terminated\n");
        assert!(terminating.ko.contains("Terminating"), "{terminating:?}");
        let pod = explain_stderr("Error from server (NotFound): pods \"x\" not found\n");
        assert!(!pod.en.contains("namespace NAME"), "a missing pod is not a missing namespace: {pod:?}");
    }
}
