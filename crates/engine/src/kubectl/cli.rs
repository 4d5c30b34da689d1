//! The command and flag tables, and a flag parser that behaves like cobra and
//! pflag (the libraries kubectl is built on): flags in any order, `--f=v`,
//! `--f v`, `-n ns`, `-nns`, `-n=ns`, combined boolean shorthands, `--` to end
//! flags, and their error texts verbatim (`unknown flag: --foo`,
//! `unknown shorthand flag: 'x' in -x`, `flag needs an argument: …`).
//! Follows `github.com/spf13/pflag/flag.go` (`parseLongArg`, `parseShortArg`)
//! and `github.com/spf13/cobra/command.go` (`findSuggestions`).

use std::collections::BTreeMap;

/// How a flag takes its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `--flag` alone means true; `--flag=false` is allowed.
    Bool,
    /// One value; the last occurrence wins.
    Str,
    /// A value that may be given many times (and, for `-L`, comma-separated).
    List,
    /// A value that may be omitted (`--dry-run` means `--dry-run=client`).
    OptStr(&'static str),
}

/// One flag of a command.
#[derive(Clone, Copy, Debug)]
pub struct Flag {
    pub long: &'static str,
    pub short: Option<char>,
    pub kind: Kind,
    pub help: &'static str,
}

const fn f(long: &'static str, short: Option<char>, kind: Kind, help: &'static str) -> Flag {
    Flag { long, short, kind, help }
}

/// The flags every command accepts.
pub const GLOBAL_FLAGS: &[Flag] = &[
    f("namespace", Some('n'), Kind::Str, "If present, the namespace scope for this CLI request"),
    f("help", Some('h'), Kind::Bool, "help for this command"),
];

const NS_ALL: Flag =
    f("all-namespaces", Some('A'), Kind::Bool, "If present, list the requested object(s) across all namespaces.");
const OUTPUT: Flag =
    f("output", Some('o'), Kind::Str, "Output format. One of: (json, yaml, name, wide, jsonpath=...).");
const SELECTOR: Flag = f(
    "selector",
    Some('l'),
    Kind::Str,
    "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.",
);
const FILENAME: Flag = f(
    "filename",
    Some('f'),
    Kind::List,
    "The files that contain the configurations (editor.yaml, a lesson file, or - for the editor).",
);
const DRY_RUN: Flag = f("dry-run", None, Kind::OptStr("client"), "Must be \"none\", \"server\", or \"client\".");
const OVERWRITE: Flag = f("overwrite", None, Kind::Bool, "If true, allow labels/annotations to be overwritten.");
const ALL: Flag = f("all", None, Kind::Bool, "Select all resources in the namespace of the specified resource types.");
const CONTAINER: Flag = f("container", Some('c'), Kind::Str, "Container name.");

/// What runs a command: each implemented verb's `run` in `cmd/`, matched
/// once in `cmd::run_verb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    Get,
    Describe,
    Apply,
    Create,
    Run,
    Delete,
    Label,
    Annotate,
    Logs,
    Exec,
    Top,
    PortForward,
    Scale,
    Cordon,
    Uncordon,
    Explain,
    Version,
    ApiResources,
    Events,
    Help,
    Patch,
    Replace,
    Wait,
    Diff,
    Edit,
    Config,
    ClusterInfo,
    ApiVersions,
    Taint,
    Drain,
    Cp,
    Debug,
    Rollout,
    Set,
    Attach,
}

/// The group `kubectl help` lists a command under (kubectl's
/// `pkg/cmd/cmd.go` command groups), in the order it lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Beginner,
    Intermediate,
    Deploy,
    ClusterManagement,
    Troubleshooting,
    Advanced,
    Settings,
    Other,
}

/// One kubectl command: the one table of verbs that dispatch, `kubectl
/// help` and completion read.
#[derive(Debug)]
pub struct KubectlCommand {
    pub name: &'static str,
    pub group: Group,
    pub aliases: &'static [&'static str],
    /// The one-line summary kubectl's help prints.
    pub en: &'static str,
    /// The same summary in Korean.
    pub ko: &'static str,
    pub usage: &'static str,
    pub flags: &'static [Flag],
    /// What runs it; `None` for a real kubectl command the playground does
    /// not implement.
    pub verb: Option<Verb>,
}

impl KubectlCommand {
    /// Whether the playground implements it.
    pub fn implemented(&self) -> bool {
        self.verb.is_some()
    }
}

const fn cmd(
    verb: Verb,
    group: Group,
    name: &'static str,
    en: &'static str,
    ko: &'static str,
    usage: &'static str,
    flags: &'static [Flag],
) -> KubectlCommand {
    KubectlCommand { name, group, aliases: &[], en, ko, usage, flags, verb: Some(verb) }
}

const fn later(group: Group, name: &'static str, en: &'static str, ko: &'static str) -> KubectlCommand {
    KubectlCommand { name, group, aliases: &[], en, ko, usage: "", flags: &[], verb: None }
}

/// Every kubectl command, in the order `kubectl help` lists them.
pub const COMMANDS: &[KubectlCommand] = &[
    cmd(Verb::Create, Group::Beginner, "create", "Create a resource from a file or from stdin", "파일이나 표준 입력으로 리소스를 생성합니다", "kubectl create -f FILENAME [options]",
        &[FILENAME, DRY_RUN, OUTPUT,
          // `create configmap` and `create secret generic` (create_configmap.go, create_secret.go).
          f("from-literal", None, Kind::List, "Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)"),
          f("from-file", None, Kind::List, "Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used."),
          f("type", None, Kind::Str, "The type of secret to create"),
          f("append-hash", None, Kind::Bool, "Append a hash of the configmap to its name."),
          // create deployment|job|cronjob
          f("image", None, Kind::List, "Image names to run. A deployment can have multiple images set for multi-container pod."),
          f("replicas", Some('r'), Kind::Str, "Number of replicas to create. Default is 1."),
          f("port", None, Kind::Str, "The containerPort that this deployment exposes."),
          f("schedule", None, Kind::Str, "A schedule in the Cron format the job should be run with."),
          f("restart", None, Kind::Str, "job's restart policy. supported values: OnFailure, Never"),
          f("from", None, Kind::Str, "The name of the resource to create a Job from (only cronjob is supported)."),
          // create priorityclass (create_priorityclass.go).
          f("value", None, Kind::Str, "the value of this priority class."),
          f("global-default", None, Kind::Bool, "global-default specifies whether this PriorityClass should be considered as the default priority."),
          f("description", None, Kind::Str, "description is an arbitrary string that usually provides guidelines on when this priority class should be used."),
          f("preemption-policy", None, Kind::Str, "preemption-policy is the policy for preempting pods with lower priority.")]),
    later(Group::Beginner, "expose", "Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service", "파드 등을 새 서비스로 노출합니다"),
    cmd(Verb::Run, Group::Beginner, "run", "Run a particular image on the cluster", "지정한 이미지로 파드를 실행합니다", "kubectl run NAME --image=image [--env=\"key=value\"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]",
        &[f("image", None, Kind::Str, "The image for the container to run."),
          f("restart", None, Kind::Str, "The restart policy for this Pod.  Legal values [Always, OnFailure, Never]."),
          f("labels", Some('l'), Kind::Str, "Comma separated labels to apply to the pod. Will override previous values."),
          f("env", None, Kind::List, "Environment variables to set in the container."),
          f("port", None, Kind::Str, "The port that this container exposes."),
          f("command", None, Kind::Bool, "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default."),
          f("image-pull-policy", None, Kind::Str, "The image pull policy for the container."),
          f("stdin", Some('i'), Kind::Bool, "Keep stdin open on the container in the pod, even if nothing is attached."),
          f("tty", Some('t'), Kind::Bool, "Allocate a TTY for the container in the pod."),
          f("rm", None, Kind::Bool, "If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with '--attach' or with '-i/--stdin'."),
          f("attach", None, Kind::Bool, "If true, wait for the Pod to start running, and then attach to the Pod as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true. With '--restart=Never' the exit code of the container process is returned."),
          f("quiet", Some('q'), Kind::Bool, "If true, suppress prompt messages."),
          DRY_RUN, OUTPUT]),
    cmd(Verb::Set, Group::Beginner, "set", "Set specific features on objects", "오브젝트의 특정 기능을 설정합니다", "kubectl set SUBCOMMAND [options]",
        &[FILENAME, SELECTOR, ALL, OUTPUT, DRY_RUN,
          f("containers", Some('c'), Kind::Str, "The names of containers in the selected pod templates to change - may use wildcards"),
          f("list", None, Kind::Bool, "If true, display the environment and any changes in the standard format."),
          f("env", Some('e'), Kind::List, "Specify a key-value pair for an environment variable to set into each container."),
          f("overwrite", None, Kind::Bool, "If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment."),
          f("limits", None, Kind::Str, "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'."),
          f("requests", None, Kind::Str, "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.")]),
    cmd(Verb::Explain, Group::Intermediate, "explain", "Get documentation for a resource", "리소스의 문서를 보여 줍니다", "kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [options]",
        &[f("recursive", None, Kind::Bool, "When true, print the name of all the fields recursively."),
          f("api-version", None, Kind::Str, "Use given api-version (group/version) of the resource.")]),
    cmd(Verb::Get, Group::Intermediate, "get", "Display one or many resources", "하나 이상의 리소스를 표시합니다", "kubectl get [(-o|--output=)json|yaml|name|wide|jsonpath=...] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]",
        &[OUTPUT, SELECTOR, NS_ALL, FILENAME,
          f("show-labels", None, Kind::Bool, "When printing, show all labels as the last column (default hide labels column)."),
          f("label-columns", Some('L'), Kind::List, "Accepts a comma separated list of labels that are going to be presented as columns."),
          f("watch", Some('w'), Kind::Bool, "After listing/getting the requested object, watch for changes."),
          f("field-selector", None, Kind::Str, "Selector (field query) to filter on, supports '=', '==', and '!='. The server only supports a limited number of field queries per type."),
          f("no-headers", None, Kind::Bool, "When using the default or custom-column output format, don't print headers (default print headers)."),
          f("sort-by", None, Kind::Str, "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string.")]),
    cmd(Verb::Edit, Group::Intermediate, "edit", "Edit a resource on the server", "서버의 리소스를 편집합니다", "kubectl edit (RESOURCE/NAME | -f FILENAME) [options]",
        &[FILENAME, OUTPUT]),
    cmd(Verb::Delete, Group::Intermediate, "delete", "Delete resources by file names, stdin, resources and names, or by resources and label selector", "파일, 리소스 이름 또는 레이블 셀렉터로 리소스를 삭제합니다", "kubectl delete ([-f FILENAME] | TYPE [(NAME | -l label | --all)]) [options]",
        &[FILENAME, SELECTOR, ALL, NS_ALL,
          f("grace-period", None, Kind::Str, "Period of time in seconds given to the resource to terminate gracefully."),
          f("force", None, Kind::Bool, "If true, immediately remove resources from API and bypass graceful deletion."),
          f("now", None, Kind::Bool, "If true, resources are signaled for immediate shutdown (same as --grace-period=1)."),
          f("wait", None, Kind::Bool, "If true, wait for resources to be gone before returning."),
          DRY_RUN]),
    cmd(Verb::Rollout, Group::Deploy, "rollout", "Manage the rollout of a resource", "리소스의 롤아웃을 관리합니다", "kubectl rollout SUBCOMMAND [options]",
        &[FILENAME, SELECTOR, OUTPUT, DRY_RUN,
          f("revision", None, Kind::Str, "See the details, including podTemplate of the revision specified"),
          f("to-revision", None, Kind::Str, "The revision to rollback to. Default to 0 (last revision)."),
          f("timeout", None, Kind::Str, "The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h)."),
          f("watch", Some('w'), Kind::Bool, "Watch the status of the rollout until it's done.")]),
    cmd(Verb::Scale, Group::Deploy, "scale", "Set a new size for a deployment, replica set, or replication controller", "디플로이먼트나 레플리카셋의 레플리카 수를 바꿉니다", "kubectl scale [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]",
        &[FILENAME, SELECTOR, ALL, OUTPUT,
          f("replicas", None, Kind::Str, "The new desired number of replicas. Required."),
          f("current-replicas", None, Kind::Str, "Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.")]),
    later(Group::Deploy, "autoscale", "Auto-scale a deployment, replica set, stateful set, or replication controller", "자동 스케일링을 설정합니다"),
    later(Group::ClusterManagement, "certificate", "Modify certificate resources", "인증서 리소스를 수정합니다"),
    cmd(Verb::ClusterInfo, Group::ClusterManagement, "cluster-info", "Display cluster information", "클러스터 정보를 표시합니다", "kubectl cluster-info [flags] [options]", &[]),
    cmd(Verb::Top, Group::ClusterManagement, "top", "Display resource (CPU/memory) usage", "리소스(CPU/메모리) 사용량을 표시합니다", "kubectl top (pod|node) [NAME | -l label] [options]",
        &[SELECTOR, NS_ALL, f("containers", None, Kind::Bool, "If present, print usage of containers within a pod."),
          f("sort-by", None, Kind::Str, "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'."),
          f("no-headers", None, Kind::Bool, "If present, print output without headers.")]),
    cmd(Verb::Cordon, Group::ClusterManagement, "cordon", "Mark node as unschedulable", "노드를 스케줄 불가로 표시합니다", "kubectl cordon NODE [options]", &[SELECTOR, DRY_RUN]),
    cmd(Verb::Uncordon, Group::ClusterManagement, "uncordon", "Mark node as schedulable", "노드를 다시 스케줄 가능으로 표시합니다", "kubectl uncordon NODE [options]", &[SELECTOR, DRY_RUN]),
    cmd(Verb::Drain, Group::ClusterManagement, "drain", "Drain node in preparation for maintenance", "유지 보수를 위해 노드를 비웁니다", "kubectl drain NODE [options]",
        &[SELECTOR, DRY_RUN,
          f("force", None, Kind::Bool, "Continue even if there are pods that do not declare a controller."),
          f("ignore-daemonsets", None, Kind::Bool, "Ignore DaemonSet-managed pods."),
          f("delete-emptydir-data", None, Kind::Bool, "Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained)."),
          f("grace-period", None, Kind::Str, "Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used."),
          f("timeout", None, Kind::Str, "The length of time to wait before giving up, zero means infinite"),
          f("pod-selector", None, Kind::Str, "Label selector to filter pods on the node"),
          f("disable-eviction", None, Kind::Bool, "Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.")]),
    cmd(Verb::Taint, Group::ClusterManagement, "taint", "Update the taints on one or more nodes", "노드의 테인트를 수정합니다", "kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]",
        &[SELECTOR, DRY_RUN,
          f("overwrite", None, Kind::Bool, "If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints."),
          f("all", None, Kind::Bool, "Select all nodes in the cluster")]),
    cmd(Verb::Describe, Group::Troubleshooting, "describe", "Show details of a specific resource or group of resources", "리소스의 자세한 정보를 보여 줍니다", "kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]",
        &[SELECTOR, NS_ALL, FILENAME, f("show-events", None, Kind::Bool, "If true, display events related to the described object.")]),
    cmd(Verb::Logs, Group::Troubleshooting, "logs", "Print the logs for a container in a pod", "파드 안 컨테이너의 로그를 출력합니다", "kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]",
        &[CONTAINER,
          f("previous", Some('p'), Kind::Bool, "If true, print the logs for the previous instance of the container in a pod if it exists."),
          f("follow", Some('f'), Kind::Bool, "Specify if the logs should be streamed."),
          f("tail", None, Kind::Str, "Lines of recent log file to display."),
          f("timestamps", None, Kind::Bool, "Include timestamps on each line in the log output."),
          f("all-containers", None, Kind::Bool, "Get all containers' logs in the pod(s)."),
          SELECTOR,
          f("since", None, Kind::Str, "Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used."),
          f("since-time", None, Kind::Str, "Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used."),
          f("prefix", None, Kind::Bool, "Prefix each log line with the log source (pod name and container name)"),
          f("max-log-requests", None, Kind::Str, "Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5."),
          f("all-pods", None, Kind::Bool, "Get logs from all pod(s). Sets prefix to true.")]),
    cmd(Verb::Attach, Group::Troubleshooting, "attach", "Attach to a running container", "실행 중인 컨테이너에 연결합니다", "kubectl attach (POD | TYPE/NAME) -c CONTAINER [options]",
        &[CONTAINER,
          f("stdin", Some('i'), Kind::Bool, "Pass stdin to the container"),
          f("tty", Some('t'), Kind::Bool, "Stdin is a TTY"),
          f("quiet", Some('q'), Kind::Bool, "Only print output from the remote session")]),
    cmd(Verb::Exec, Group::Troubleshooting, "exec", "Execute a command in a container", "컨테이너 안에서 명령을 실행합니다", "kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]",
        &[CONTAINER,
          f("stdin", Some('i'), Kind::Bool, "Pass stdin to the container"),
          f("tty", Some('t'), Kind::Bool, "Stdin is a TTY")]),
    cmd(Verb::PortForward, Group::Troubleshooting, "port-forward", "Forward one or more local ports to a pod", "로컬 포트를 파드로 포워딩합니다", "kubectl port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]",
        &[f("address", None, Kind::List, "Addresses to listen on (comma separated).")]),
    later(Group::Troubleshooting, "proxy", "Run a proxy to the Kubernetes API server", "API 서버로 가는 프록시를 실행합니다"),
    cmd(Verb::Cp, Group::Troubleshooting, "cp", "Copy files and directories to and from containers", "컨테이너와 파일을 주고받습니다", "kubectl cp <file-spec-src> <file-spec-dest> [options]",
        &[CONTAINER,
          f("no-preserve", None, Kind::Bool, "The copied file/directory's ownership and permissions will not be preserved in the container"),
          f("retries", None, Kind::Str, "Set number of retries to complete a copy operation from a container. Specify 0 to disable or any negative value for infinite retrying. The default is 0 (no retry).")]),
    later(Group::Troubleshooting, "auth", "Inspect authorization", "권한을 확인합니다"),
    cmd(Verb::Events, Group::Troubleshooting, "events", "List events", "이벤트를 나열합니다", "kubectl events [(-o|--output=)json|yaml|name] [--for TYPE/NAME] [--types=Normal,Warning] [options]",
        &[NS_ALL, OUTPUT,
          f("for", None, Kind::Str, "Filter events to only those pertaining to the specified resource."),
          f("types", None, Kind::List, "Output only events of given types."),
          f("no-headers", None, Kind::Bool, "When using the default output format, don't print headers.")]),
    cmd(Verb::Diff, Group::Advanced, "diff", "Diff the live version against a would-be applied version", "적용될 내용과 현재 상태의 차이를 보여 줍니다", "kubectl diff -f FILENAME [options]",
        &[FILENAME]),
    cmd(Verb::Debug, Group::Troubleshooting, "debug", "Create debugging sessions for troubleshooting workloads and nodes", "디버깅 세션을 만듭니다", "kubectl debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ] [options]",
        &[CONTAINER,
          f("image", None, Kind::Str, "Container image to use for debug container."),
          f("target", None, Kind::Str, "When using an ephemeral container, target processes in this container name."),
          f("profile", None, Kind::Str, "Options are \"legacy\", \"general\", \"baseline\", \"netadmin\", \"restricted\" or \"sysadmin\". Defaults to \"general\"."),
          f("stdin", Some('i'), Kind::Bool, "Keep stdin open on the container(s) in the pod, even if nothing is attached."),
          f("tty", Some('t'), Kind::Bool, "Allocate a TTY for the debugging container."),
          f("quiet", Some('q'), Kind::Bool, "If true, suppress informational messages."),
          f("attach", None, Kind::Bool, "If true, wait for the container to start running, and then attach as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true."),
          f("image-pull-policy", None, Kind::Str, "The image pull policy for the container. If left empty, this value will not be specified by the client and defaulted by the server.")]),
    cmd(Verb::Apply, Group::Advanced, "apply", "Apply a configuration to a resource by file name or stdin", "파일이나 표준 입력의 구성을 리소스에 적용합니다", "kubectl apply (-f FILENAME | -k DIRECTORY) [options]",
        &[FILENAME, DRY_RUN, OUTPUT]),
    cmd(Verb::Patch, Group::Advanced, "patch", "Update fields of a resource", "리소스의 필드를 수정합니다", "kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]",
        &[FILENAME, DRY_RUN, OUTPUT,
          f("patch", Some('p'), Kind::Str, "The patch to be applied to the resource JSON file."),
          f("patch-file", None, Kind::Str, "A file containing a patch to be applied to the resource."),
          f("type", None, Kind::Str, "The type of patch being provided; one of [json merge strategic]"),
          f("subresource", None, Kind::Str, "If specified, patch will operate on the subresource of the requested object."),
          f("local", None, Kind::Bool, "If true, patch will operate on the content of the file, not the server-side resource.")]),
    cmd(Verb::Replace, Group::Advanced, "replace", "Replace a resource by file name or stdin", "리소스를 교체합니다", "kubectl replace -f FILENAME [options]",
        &[FILENAME, DRY_RUN, OUTPUT,
          f("force", None, Kind::Bool, "If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation."),
          f("grace-period", None, Kind::Str, "Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).")]),
    cmd(Verb::Wait, Group::Advanced, "wait", "Experimental: Wait for a specific condition on one or many resources", "리소스가 특정 상태가 될 때까지 기다립니다", "kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
        &[FILENAME, SELECTOR, ALL, OUTPUT,
          f("for", None, Kind::List, "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true. Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity."),
          f("timeout", None, Kind::Str, "The length of time to wait before giving up. Zero means check once and don't wait, negative means wait for a week.")]),
    later(Group::Advanced, "kustomize", "Build a kustomization target from a directory or URL", "kustomization을 빌드합니다"),
    cmd(Verb::Label, Group::Settings, "label", "Update the labels on a resource", "리소스의 레이블을 수정합니다", "kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
        &[OVERWRITE, SELECTOR, ALL, f("list", None, Kind::Bool, "If true, display the labels for a given resource."), NS_ALL]),
    cmd(Verb::Annotate, Group::Settings, "annotate", "Update the annotations on a resource", "리소스의 어노테이션을 수정합니다", "kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
        &[OVERWRITE, SELECTOR, ALL, f("list", None, Kind::Bool, "If true, display the annotations for a given resource."), NS_ALL]),
    later(Group::Settings, "completion", "Output shell completion code for the specified shell (bash, zsh, fish, or powershell)", "셸 자동 완성 코드를 출력합니다"),
    cmd(Verb::ApiResources, Group::Other, "api-resources", "Print the supported API resources on the server", "서버가 지원하는 API 리소스를 출력합니다", "kubectl api-resources [flags] [options]",
        &[OUTPUT, f("namespaced", None, Kind::OptStr("true"), "If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default."),
          f("no-headers", None, Kind::Bool, "When using the default or custom-column output format, don't print headers (default print headers)."),
          f("verbs", None, Kind::List, "Limit to resources that support the specified verbs."),
          f("api-group", None, Kind::Str, "Limit to resources in the specified API group.")]),
    cmd(Verb::ApiVersions, Group::Other, "api-versions", "Print the supported API versions on the server, in the form of \"group/version\"", "서버가 지원하는 API 버전을 출력합니다", "kubectl api-versions [options]", &[]),
    cmd(Verb::Config, Group::Other, "config", "Modify kubeconfig files", "kubeconfig 파일을 수정합니다", "kubectl config SUBCOMMAND [options]",
        &[f("current", None, Kind::Bool, "Modify the current context"),
          f("minify", None, Kind::Bool, "Remove all information not used by current-context from the output"),
          f("raw", None, Kind::Bool, "Display raw byte data and sensitive data"),
          f("no-headers", None, Kind::Bool, "When using the default or custom-column output format, don't print headers (default print headers)."),
          f("cluster", None, Kind::Str, "cluster for the context entry in kubeconfig"),
          f("user", None, Kind::Str, "user for the context entry in kubeconfig"),
          OUTPUT]),
    later(Group::Other, "plugin", "Provides utilities for interacting with plugins", "플러그인을 다룹니다"),
    cmd(Verb::Version, Group::Other, "version", "Print the client and server version information", "클라이언트와 서버의 버전 정보를 출력합니다", "kubectl version [flags] [options]",
        &[OUTPUT, f("client", None, Kind::Bool, "If true, shows client version only (no server required).")]),
    cmd(Verb::Help, Group::Other, "help", "Help about any command", "명령에 대한 도움말을 보여 줍니다", "kubectl help [command] [options]", &[]),
];

/// Finds a command by name.
pub fn find(name: &str) -> Option<&'static KubectlCommand> {
    COMMANDS.iter().find(|c| c.name == name || c.aliases.contains(&name))
}

/// Cobra's suggestions for a mistyped command: Levenshtein distance at most 2
/// (case-insensitive) or a prefix of the command's name.
pub fn suggestions(typed: &str) -> Vec<&'static str> {
    let lower = typed.to_lowercase();
    COMMANDS
        .iter()
        .filter(|c| {
            strsim::levenshtein(&lower, c.name) <= 2 || (!lower.is_empty() && c.name.starts_with(lower.as_str()))
        })
        .map(|c| c.name)
        .collect()
}

/// A parsed command line.
#[derive(Debug)]
pub struct Invocation {
    pub command: &'static KubectlCommand,
    /// Positional arguments before `--`.
    pub args: Vec<String>,
    /// Everything after `--`, if it appeared.
    pub after_dash: Option<Vec<String>>,
    /// Flag values by long name, in the order given.
    pub flags: BTreeMap<&'static str, Vec<String>>,
}

impl Invocation {
    /// The last value of a flag.
    pub fn get(&self, long: &str) -> Option<&str> {
        self.flags.get(long).and_then(|v| v.last()).map(String::as_str)
    }

    /// Whether a boolean flag is set to true.
    pub fn on(&self, long: &str) -> bool {
        self.get(long) == Some("true")
    }

    /// Every value of a list flag, with comma-separated values split.
    pub fn list(&self, long: &str) -> Vec<String> {
        self.flags
            .get(long)
            .map(|v| v.iter().flat_map(|s| s.split(',')).filter(|s| !s.is_empty()).map(str::to_string).collect())
            .unwrap_or_default()
    }

    /// Every value of a list flag as given (no comma splitting).
    pub fn raw_list(&self, long: &str) -> Vec<String> {
        self.flags.get(long).cloned().unwrap_or_default()
    }
}

/// A flag error, with pflag's message (printed after `error: `).
#[derive(Debug, PartialEq, Eq)]
pub struct FlagError(pub String);

fn lookup_long(command: &KubectlCommand, name: &str) -> Option<Flag> {
    command.flags.iter().chain(GLOBAL_FLAGS).find(|fl| fl.long == name).copied()
}

fn lookup_short(command: &KubectlCommand, c: char) -> Option<Flag> {
    command.flags.iter().chain(GLOBAL_FLAGS).find(|fl| fl.short == Some(c)).copied()
}

fn set(
    flags: &mut BTreeMap<&'static str, Vec<String>>,
    flag: Flag,
    value: String,
    shown: &str,
) -> Result<(), FlagError> {
    let value = if flag.kind == Kind::Bool {
        match value.as_str() {
            "1" | "t" | "T" | "true" | "TRUE" | "True" => "true".to_string(),
            "0" | "f" | "F" | "false" | "FALSE" | "False" => "false".to_string(),
            _ => {
                return Err(FlagError(format!(
                    "invalid argument \"{value}\" for \"{shown}\" flag: strconv.ParseBool: parsing \"{value}\": invalid syntax"
                )))
            }
        }
    } else {
        value
    };
    flags.entry(flag.long).or_default().push(value);
    Ok(())
}

/// Parses the words after the command name.
pub fn parse(command: &'static KubectlCommand, words: &[String]) -> Result<Invocation, FlagError> {
    let mut inv = Invocation { command, args: Vec::new(), after_dash: None, flags: BTreeMap::new() };
    let mut i = 0;
    while i < words.len() {
        let Some(word) = words.get(i) else { break };
        i += 1;
        if word == "--" {
            inv.after_dash = Some(words.get(i..).map(<[String]>::to_vec).unwrap_or_default());
            break;
        }
        if let Some(long) = word.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            if name.is_empty() || name.starts_with('-') || name.starts_with('=') {
                return Err(FlagError(format!("bad flag syntax: {word}")));
            }
            let Some(flag) = lookup_long(command, name) else {
                return Err(FlagError(format!("unknown flag: --{name}")));
            };
            let shown = format!("--{name}");
            let value = match (inline, flag.kind) {
                (Some(v), _) => v,
                (None, Kind::Bool) => "true".to_string(),
                (None, Kind::OptStr(default)) => default.to_string(),
                (None, _) => match words.get(i) {
                    Some(v) => {
                        i += 1;
                        v.clone()
                    }
                    None => return Err(FlagError(format!("flag needs an argument: {shown}"))),
                },
            };
            set(&mut inv.flags, flag, value, &shown)?;
            continue;
        }
        if word.len() > 1 && word.starts_with('-') {
            let shorts: Vec<char> = word.chars().skip(1).collect();
            let mut k = 0;
            while let Some(&c) = shorts.get(k) {
                let Some(flag) = lookup_short(command, c) else {
                    return Err(FlagError(format!("unknown shorthand flag: '{c}' in {word}")));
                };
                let rest: String = shorts.get(k + 1..).map(|r| r.iter().collect()).unwrap_or_default();
                let shown = format!("-{c}");
                match flag.kind {
                    Kind::Bool => {
                        if let Some(v) = rest.strip_prefix('=') {
                            set(&mut inv.flags, flag, v.to_string(), &shown)?;
                            break;
                        }
                        set(&mut inv.flags, flag, "true".to_string(), &shown)?;
                        k += 1;
                    }
                    _ => {
                        let value = if let Some(v) = rest.strip_prefix('=') {
                            v.to_string()
                        } else if !rest.is_empty() {
                            rest
                        } else if let Kind::OptStr(default) = flag.kind {
                            default.to_string()
                        } else {
                            match words.get(i) {
                                Some(v) => {
                                    i += 1;
                                    v.clone()
                                }
                                None => {
                                    return Err(FlagError(format!("flag needs an argument: '{c}' in {word}")));
                                }
                            }
                        };
                        set(&mut inv.flags, flag, value, &shown)?;
                        break;
                    }
                }
            }
            continue;
        }
        inv.args.push(word.clone());
    }
    Ok(inv)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn flags_parse_like_pflag() {
        let get = find("get").unwrap();
        let inv = parse(get, &words("pods -n kube-system -owide --show-labels -L app,tier -Lrole x")).unwrap();
        assert_eq!(inv.args, ["pods", "x"]);
        assert_eq!(inv.get("namespace"), Some("kube-system"));
        assert_eq!(inv.get("output"), Some("wide"));
        assert!(inv.on("show-labels"));
        assert_eq!(inv.list("label-columns"), ["app", "tier", "role"]);
        let inv = parse(get, &words("po --namespace=dev -n=prod -l=app=web -w")).unwrap();
        assert_eq!(inv.get("namespace"), Some("prod"));
        assert_eq!(inv.get("selector"), Some("app=web"));
        assert!(inv.on("watch"));
        let exec = find("exec").unwrap();
        let inv = parse(exec, &words("-it web -c side -- ls -l /shared")).unwrap();
        assert!(inv.on("stdin") && inv.on("tty"));
        assert_eq!(inv.after_dash.unwrap(), ["ls", "-l", "/shared"]);
    }

    #[test]
    fn flag_errors_use_pflag_wording() {
        let get = find("get").unwrap();
        let cases = [
            ("pods --foo", "unknown flag: --foo"),
            ("pods -x", "unknown shorthand flag: 'x' in -x"),
            ("pods -wx", "unknown shorthand flag: 'x' in -wx"),
            ("pods -n", "flag needs an argument: 'n' in -n"),
            ("pods --namespace", "flag needs an argument: --namespace"),
            ("pods --show-labels=maybe", "invalid argument \"maybe\" for \"--show-labels\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax"),
            ("pods ---x", "bad flag syntax: ---x"),
        ];
        for (line, want) in cases {
            assert_eq!(parse(get, &words(line)).unwrap_err(), FlagError(want.to_string()), "{line}");
        }
    }

    #[test]
    fn mistyped_commands_get_suggestions() {
        assert_eq!(suggestions("gti"), ["get"]);
        assert_eq!(suggestions("aply"), ["apply"]);
        assert_eq!(suggestions("desc"), ["describe"]);
        assert!(suggestions("zzzzzzzz").is_empty());
    }
}
