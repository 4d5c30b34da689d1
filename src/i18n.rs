//! The app's own strings, each in Korean and English. Nothing the app shows
//! is written inline in one language: it names a [`Msg`], or calls one of the
//! formatting functions below, which hold both languages side by side.

pub use podplay_engine::{Lang, Text};

macro_rules! messages {
    ($($key:ident => ($ko:expr, $en:expr $(,)?),)*) => {
        /// A message key for every string the app itself shows.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Msg { $($key,)* }

        impl Msg {
            /// Every key, for tests that check both languages are complete.
            pub const ALL: &'static [Msg] = &[$(Msg::$key,)*];

            /// The message in the given language.
            pub fn get(self, lang: Lang) -> &'static str {
                let (ko, en) = match self { $(Msg::$key => ($ko, $en),)* };
                match lang {
                    Lang::Ko => ko,
                    Lang::En => en,
                }
            }
        }
    };
}

messages! {
    Tagline => (
        "파드가 실제로 어떻게 동작하는지 브라우저에서 직접 다뤄 보며 배우는 놀이터",
        "A playground for learning how Pods really work, right in your browser",
    ),
    EditorTitle => ("매니페스트", "Manifest"),
    EditorLabel => ("파드 YAML 편집기", "Pod YAML editor"),
    NoProblems => ("문제가 없습니다.", "No problems found."),
    ProblemsTitle => ("진단 결과", "Diagnostics"),
    Language => ("언어", "Language"),
    KubernetesVersion => ("기준 쿠버네티스 버전", "Kubernetes version"),
    SeverityError => ("오류", "error"),
    SeverityWarning => ("경고", "warning"),
    SeverityLint => ("참고", "note"),
    LineCol => ("줄:열", "line:col"),
    GoToLine => ("이 줄로 이동", "Go to this line"),
    QuickFix => ("빠른 수정", "Quick fix"),
    Apply => ("적용", "Apply"),
    ApplyShortcut => ("Ctrl+Enter로도 적용할 수 있습니다", "Ctrl+Enter applies too"),
    ApplyBlocked => (
        "오류를 먼저 고쳐야 적용할 수 있습니다.",
        "Fix the errors first, then apply.",
    ),
    Share => ("공유", "Share"),
    ShareLink => ("공유 링크", "Share link"),
    ShareReady => (
        "링크를 만들었습니다. 복사해서 보내면 같은 매니페스트가 열립니다.",
        "Link ready. Copy and send it: it opens this same manifest.",
    ),
    ShareCopied => ("링크를 클립보드에 복사했습니다.", "Link copied to the clipboard."),
    ShareBroken => (
        "공유 링크를 읽지 못했습니다. 링크가 잘렸거나 바뀐 것 같습니다. 저장된 작업을 대신 열었습니다.",
        "That share link could not be read: it looks cut short or changed. Your saved work opened instead.",
    ),
    ShareTooBig => (
        "공유 링크가 너무 큽니다. 저장된 작업을 대신 열었습니다.",
        "That share link is too large. Your saved work opened instead.",
    ),
    ShareNewer => (
        "이 공유 링크는 더 새로운 Podplay에서 만들어졌습니다. 저장된 작업을 대신 열었습니다.",
        "That share link comes from a newer Podplay. Your saved work opened instead.",
    ),
    ShareOpened => ("공유 링크의 매니페스트를 열었습니다.", "Opened the manifest from the share link."),
    JournalFull => (
        "저장된 기록이 한도를 넘어, 한도 이후에 실행한 명령은 복원하지 못했습니다. 시계는 복원했습니다.",
        "The saved history reached its limit: commands run after that point were not restored. The clock was.",
    ),
    Dismiss => ("닫기", "Dismiss"),
    ViewsLabel => ("보기", "Views"),
    TabCluster => ("클러스터", "Cluster"),
    TabPod => ("파드", "Pod"),
    TabTraffic => ("트래픽", "Traffic"),
    TabEvents => ("이벤트와 로그", "Events & logs"),
    TabTerminal => ("터미널", "Terminal"),
    TabLessons => ("레슨", "Lessons"),
    ClockLabel => ("가상 시계", "Virtual clock"),
    Play => ("재생", "Play"),
    Pause => ("일시 정지", "Pause"),
    Step => ("1초 진행", "Step 1 s"),
    Speed => ("속도", "Speed"),
    Elapsed => ("경과 시간", "Elapsed"),
    ClusterEmpty => (
        "아직 파드가 없습니다. 매니페스트를 적용(Ctrl+Enter)하면 여기에 나타납니다.",
        "No pods yet. Apply a manifest (Ctrl+Enter) and it appears here.",
    ),
    PodsTitle => ("파드", "Pods"),
    NodesTitle => ("노드", "Nodes"),
    PendingTitle => ("대기 중인 파드", "Pending pods"),
    Cpu => ("CPU", "cpu"),
    Memory => ("메모리", "memory"),
    WhyTitle => ("노드별 스케줄링 판단", "The scheduler's verdict per node"),
    Fits => ("배치 가능?", "Fits?"),
    Score => ("점수", "Score"),
    Yes => ("가능", "yes"),
    Node => ("노드", "Node"),
    Phase => ("단계", "Phase"),
    Ready => ("준비됨?", "Ready?"),
    State => ("상태", "State"),
    ContainersTitle => ("컨테이너 상태", "Container states"),
    Container => ("컨테이너", "Container"),
    Time => ("시각", "Time"),
    Kind => ("종류", "Kind"),
    From => ("보낸 곳", "From"),
    To => ("받는 곳", "To"),
    Detail => ("내용", "Detail"),
    Containers => ("컨테이너", "Containers"),
    Restarts => ("재시작", "Restarts"),
    LastExit => ("마지막 종료", "Last exit"),
    ReadyYes => ("준비됨", "ready"),
    ReadyNo => ("준비 안 됨", "not ready"),
    Image => ("이미지", "Image"),
    PodNone => (
        "클러스터 보기에서 파드를 눌러 안을 들여다보세요.",
        "Pick a pod in the cluster view to look inside it.",
    ),
    PodPictureTitle => ("파드 안의 네임스페이스와 볼륨", "Namespaces and volumes inside the pod"),
    NsShared => ("공유: 네트워크 · UTS · IPC", "shared: network · UTS · IPC"),
    NsSharedUser => ("공유: 네트워크 · UTS · IPC · 사용자(user)", "shared: network · UTS · IPC · user"),
    NsMnt => ("마운트(mnt)", "mount (mnt)"),
    NsPid => ("프로세스(pid)", "process (pid)"),
    NsPidShared => ("공유 프로세스(pid) 네임스페이스", "shared process (pid) namespace"),
    NsPidJoined => ("공유 프로세스(pid)", "shared process (pid)"),
    EphemeralTag => ("임시 컨테이너(디버그)", "ephemeral (debug)"),
    PodIp => ("파드 IP", "Pod IP"),
    PodIpNone => ("아직 할당되지 않음", "not assigned yet"),
    Hostname => ("호스트 이름", "hostname"),
    Volumes => ("볼륨", "Volumes"),
    TextDescription => ("그림 설명", "Text description of the picture"),
    TrafficNone => (
        "파드를 선택하면 그 안의 트래픽(localhost, 볼륨, 프로브, 외부 통신)이 여기에 흐릅니다.",
        "Pick a pod and its traffic (localhost, volumes, probes, the outside) flows here.",
    ),
    Timeline => ("타임라인", "Timeline"),
    FollowClock => ("현재 시각 따라가기", "Follow the clock"),
    TrafficQuiet => (
        "이 파드에는 아직 트래픽이 없습니다. 시계를 재생해 보세요.",
        "No traffic in this pod yet. Play the clock.",
    ),
    Legend => ("범례", "Legend"),
    KindLocalhost => ("localhost (파드 안)", "localhost (inside the pod)"),
    KindPodNetwork => ("파드 네트워크", "pod network"),
    KindExternal => ("클러스터 밖으로", "to the outside"),
    KindVolumeWrite => ("볼륨 쓰기", "volume write"),
    KindVolumeRead => ("볼륨 읽기", "volume read"),
    KindProbe => ("kubelet 프로브", "kubelet probe"),
    PacketsInFlight => ("이동 중인 패킷", "packets in flight"),
    EventsNone => ("아직 이벤트가 없습니다.", "No events yet."),
    LogsNone => ("아직 로그가 없습니다.", "No logs yet."),
    EventsTitle => ("이벤트", "Events"),
    LogsTitle => ("로그", "Logs"),
    TerminalLabel => ("kubectl 터미널", "kubectl terminal"),
    TerminalInput => ("명령 입력", "Command input"),
    TerminalOutput => ("터미널 출력", "Terminal output"),
    TerminalHint => (
        "↑/↓ 이전 명령 · Tab 자동 완성 · Ctrl+L 화면 지우기",
        "↑/↓ history · Tab completes · Ctrl+L clears",
    ),
    TerminalWelcome => (
        "kubectl 명령을 입력해 보세요. 예: kubectl get pods",
        "Type a kubectl command, for example: kubectl get pods",
    ),
    TerminalNotReady => (
        "kubectl은 아직 연결되지 않았습니다. 지금은 clear, help만 쓸 수 있습니다.",
        "kubectl is not connected yet. For now only clear and help work.",
    ),
    TerminalHelp => (
        "쓸 수 있는 명령: kubectl …, ssh 노드이름, clear, help",
        "Commands: kubectl …, ssh NODE, clear, help",
    ),
    NodeShell => ("노드 셸", "node shell"),
    FileCopied => ("터미널 파일로 복사했습니다:", "copied to the terminal's files:"),
    FileDownload => ("클릭하면 파일을 다운로드합니다", "click to download the file"),
    FileIsEditor => (
        "editor.yaml은 편집기의 내용이라 덮어쓰지 않았습니다. 다른 이름으로 복사하세요(예: ./copy.yaml).",
        "editor.yaml is the editor's text, so it was not overwritten. Copy to another name (for example ./copy.yaml).",
    ),
    LessonPick => ("왼쪽에서 레슨을 선택해 시작하세요.", "Pick a lesson to start."),
    LessonStarter => ("처음부터 다시 (레슨 클러스터와 시작 매니페스트)", "Start over (the lesson's cluster and starter)"),
    LessonSolution => ("풀이 보기", "Show the solution"),
    LessonGoals => ("목표", "Goals"),
    GoalDone => ("달성", "done"),
    GoalOpen => ("아직", "not yet"),
    LessonHint => ("힌트", "Hint"),
    LessonNextHint => ("힌트 하나 더 보기", "Show a hint"),
    LessonHintsLeft => ("힌트를 모두 본 뒤에 풀이를 볼 수 있습니다.", "The solution unlocks after every hint was shown."),
    LessonPrev => ("← 이전 레슨", "← Previous lesson"),
    LessonNext => ("다음 레슨 →", "Next lesson →"),
    LessonMap => ("레슨 목록", "Lesson map"),
    LessonDoneMark => ("완료", "done"),
    LessonUnknown => (
        "그런 레슨은 없습니다. 목록에서 레슨을 선택하거나 샌드박스에서 자유롭게 실험해 보세요.",
        "There is no such lesson. Pick one from the map, or experiment freely in the sandbox.",
    ),
    Sandbox => ("샌드박스 (레슨 없이)", "Sandbox (no lesson)"),
    SandboxOn => (
        "샌드박스 모드입니다. 목표 없이 매니페스트와 kubectl 명령을 자유롭게 실험해 보세요. 레슨은 목록에서 언제든 다시 열 수 있습니다.",
        "Sandbox mode: no goals, experiment freely with manifests and kubectl. Open a lesson from the map at any time.",
    ),
    LessonComplete => ("레슨 완료! 아래 요약을 복사해 선생님께 보내거나 공유할 수 있습니다.", "Lesson complete! Copy the summary below to hand in or share."),
    LessonSummary => ("완료 요약", "Completion summary"),
    CopySummary => ("요약 복사", "Copy the summary"),
    Copied => ("복사했습니다.", "Copied."),
    ProgressTitle => ("진행 상황", "Progress"),
    ProgressExport => ("진행 상황 내보내기", "Export progress"),
    ProgressImport => ("진행 상황 가져오기", "Import progress"),
    ProgressImported => ("진행 상황을 가져와 합쳤습니다.", "Progress imported and merged."),
    ProgressCount => ("완료한 레슨", "Lessons done"),
    LessonsNone => (
        "레슨 팩을 읽지 못했습니다.",
        "The lesson pack could not be loaded.",
    ),
    PredictTitle => ("결과 예측", "Predict the outcome"),
    PredictAsk => (
        "적용하기 전에 먼저 답을 선택하세요. 선택한 답은 바꿀 수 없습니다.",
        "Answer before you Apply. Your answer is locked once picked.",
    ),
    PredictLocked => (
        "답을 선택했습니다. 계속 진행하면 시뮬레이션이 결과를 보여 줍니다.",
        "Answer locked in. Carry on: the simulation will show what happens.",
    ),
    PredictRight => ("맞혔습니다!", "Right!"),
    PredictRightChoice => ("정답", "the right answer"),
    HintConcept => ("개념", "Concept"),
    HintPointer => ("단서", "Pointer"),
    HintAnswer => ("정답", "Answer"),
    Debrief => ("무슨 일이 있었나", "What just happened"),
    ParTitle => ("기준 타수(par)", "Par"),
    TroubleshootNote => ("이 레슨은 터미널에서만 고칩니다", "Fix this one from the terminal"),
    TroubleshootApply => (
        "이 레슨은 터미널에서만 고칩니다. 편집기는 읽기 전용이라 적용할 수 없습니다.",
        "Fix this one from the terminal: the editor is read-only, so there is nothing to apply.",
    ),
    ShowHook => ("그림에서 보기", "Show me"),
    ToleratedLabel => ("이 레슨에서는 괜찮음", "fine in this lesson"),
}

/// `N pods` in the language's own shape.
pub fn pods_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ko => format!("파드 {n}개"),
        Lang::En if n == 1 => "1 pod".to_string(),
        Lang::En => format!("{n} pods"),
    }
}

/// `N more` for what a view leaves out.
pub fn more(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ko => format!("외 {n}개 더 있음"),
        Lang::En => format!("and {n} more"),
    }
}

/// The cluster view's one-line summary.
pub fn cluster_summary(lang: Lang, nodes: usize, ready: usize, pods: usize, pending: usize) -> String {
    match lang {
        Lang::Ko => format!("노드 {nodes}개(준비됨 {ready}개) · 파드 {pods}개 · 대기 중 {pending}개"),
        Lang::En => format!("{nodes} nodes ({ready} ready) · {pods} pods · {pending} pending"),
    }
}

/// A crash-looping container's countdown: `left_ms` of a `period_ms` back-off.
pub fn backoff(lang: Lang, left_ms: u64, period_ms: u64) -> String {
    let (left, period) = (left_ms.div_ceil(1000), period_ms / 1000);
    match lang {
        Lang::Ko if left == 0 => format!("지금 재시작하는 중 (백오프 {period}초)"),
        Lang::En if left == 0 => format!("restarting now (back-off {period}s)"),
        Lang::Ko => format!("{left}초 후 재시작 (백오프 {period}초)"),
        Lang::En => format!("restarting in {left}s (back-off {period}s)"),
    }
}

/// One sentence saying that a container mounts a volume at a path.
pub fn mounts(lang: Lang, container: &str, volume: &str, path: &str) -> String {
    match lang {
        Lang::Ko => format!("컨테이너 {container}은(는) 볼륨 {volume}을(를) {path}에 마운트합니다."),
        Lang::En => format!("Container {container} mounts volume {volume} at {path}."),
    }
}

/// The sentence that opens a pod picture's text description.
pub fn pod_summary(lang: Lang, pod: &str, containers: usize, ip: &str, hostname: &str) -> String {
    match lang {
        Lang::Ko => format!(
            "파드 {pod}에는 컨테이너 {containers}개가 있고, 모두 하나의 네트워크·UTS·IPC 네임스페이스를 공유합니다(파드 IP: {ip}, 호스트 이름: {hostname}). 그래서 서로 localhost로 통신할 수 있습니다."
        ),
        Lang::En => format!(
            "Pod {pod} has {containers} container(s), all sharing one network, UTS and IPC namespace: pod IP {ip}, hostname {hostname}. They reach each other over localhost."
        ),
    }
}

/// The sentence about the mount and process namespaces.
pub fn pid_summary(lang: Lang, shared: bool) -> &'static str {
    match (lang, shared) {
        (Lang::Ko, false) => "각 컨테이너는 자기만의 마운트 네임스페이스와 프로세스 네임스페이스를 가집니다. 다른 컨테이너의 프로세스는 보이지 않습니다.",
        (Lang::En, false) => "Each container has its own mount and process namespace: it cannot see the other containers' processes.",
        (Lang::Ko, true) => "shareProcessNamespace가 켜져 있어 모든 컨테이너가 프로세스 네임스페이스 하나를 공유합니다. 서로의 프로세스가 보입니다. 마운트 네임스페이스는 여전히 컨테이너마다 따로입니다.",
        (Lang::En, true) => "shareProcessNamespace is on, so all containers share one process namespace and see each other's processes. Each still has its own mount namespace.",
    }
}

/// The sentence about a pod with its own user namespace (`hostUsers: false`).
pub fn user_summary(lang: Lang) -> &'static str {
    match lang {
        Lang::Ko => "hostUsers: false이므로 파드는 자기만의 사용자(user) 네임스페이스를 가지고, 모든 컨테이너가 이를 공유합니다. 컨테이너 안의 root(UID 0)는 호스트에서 권한 없는 UID로 매핑됩니다.",
        Lang::En => "hostUsers is false, so the pod has its own user namespace, shared by all its containers: root (UID 0) inside maps to an unprivileged UID on the host.",
    }
}

/// The sentence about one ephemeral container (`kubectl debug`): what it
/// runs and whose processes it sees.
pub fn ephemeral(lang: Lang, name: &str, image: &str, target: Option<&str>, shared_pid: bool) -> String {
    match (lang, target, shared_pid) {
        (Lang::Ko, _, true) => format!(
            "임시 컨테이너 {name}({image})은(는) kubectl debug로 추가되었습니다. 파드의 공유 프로세스 네임스페이스에 들어가 모든 컨테이너의 프로세스가 보입니다. 마운트 네임스페이스는 따로입니다."
        ),
        (Lang::En, _, true) => format!(
            "Ephemeral container {name} ({image}) was added by kubectl debug. It is in the pod's shared process namespace and sees every container's processes; its mount namespace is its own."
        ),
        (Lang::Ko, Some(t), false) => format!(
            "임시 컨테이너 {name}({image})은(는) kubectl debug --target={t}로 추가되었습니다. {t} 컨테이너와 프로세스 네임스페이스를 공유하므로 {t}의 프로세스가 보입니다. 마운트 네임스페이스는 따로입니다."
        ),
        (Lang::En, Some(t), false) => format!(
            "Ephemeral container {name} ({image}) was added by kubectl debug --target={t}. It shares the process namespace of container {t}, so it sees {t}'s processes; its mount namespace is its own."
        ),
        (Lang::Ko, None, false) => format!(
            "임시 컨테이너 {name}({image})은(는) kubectl debug로 추가되었습니다. 자기만의 마운트 네임스페이스와 프로세스 네임스페이스를 가집니다. --target을 주면 대상 컨테이너의 프로세스를 볼 수 있습니다."
        ),
        (Lang::En, None, false) => format!(
            "Ephemeral container {name} ({image}) was added by kubectl debug. It has its own mount and process namespace; with --target it would see that container's processes."
        ),
    }
}

/// A volume nobody mounts.
pub fn unmounted(lang: Lang, volume: &str) -> String {
    match lang {
        Lang::Ko => format!("볼륨 {volume}은(는) 어느 컨테이너에도 마운트되지 않았습니다."),
        Lang::En => format!("Volume {volume} is not mounted by any container."),
    }
}

/// A copied file the terminal could not keep: it already holds `max` files
/// or as many bytes as it keeps.
pub fn files_full(lang: Lang, name: &str, max: usize) -> String {
    match lang {
        Lang::Ko => format!("터미널 파일이 한도(파일 {max}개, 합계 1 MiB)에 도달해 {name}을(를) 보관하지 못했습니다."),
        Lang::En => {
            format!("The terminal's files are at their limit ({max} files, 1 MiB in all), so {name} was not kept.")
        }
    }
}

/// The banner while `kubectl edit` has an object open in the editor.
pub fn editing(lang: Lang, target: &str) -> String {
    match lang {
        Lang::Ko => format!("{target} 편집 중 — Apply를 누르면 저장합니다"),
        Lang::En => format!("editing {target} — Apply saves it"),
    }
}

/// The terminal's answer to a command it does not know.
pub fn unknown_command(lang: Lang, cmd: &str) -> String {
    match lang {
        Lang::Ko => format!("{cmd}: 명령을 찾을 수 없습니다. help를 입력해 보세요."),
        Lang::En => format!("{cmd}: command not found. Try help."),
    }
}

/// A kubectl subcommand the open lesson does not allow.
pub fn not_in_lesson(lang: Lang, sub: &str, allowed: &[String]) -> String {
    let list = allowed.join(", ");
    match lang {
        Lang::Ko => format!("이 레슨에서는 kubectl {sub}을(를) 쓰지 않습니다. 쓸 수 있는 명령: {list}\n"),
        Lang::En => format!("this lesson does not use kubectl {sub}; the commands it allows: {list}\n"),
    }
}

/// A predict's verdict when the learner picked another choice.
pub fn predict_wrong(lang: Lang, answer: &str) -> String {
    match lang {
        Lang::Ko => format!("아쉽게도 틀렸습니다. 정답은 {answer}입니다."),
        Lang::En => format!("Not this time: the answer is {answer}."),
    }
}

/// A predict's verdict when the outcome came before any answer.
pub fn predict_unanswered(lang: Lang, answer: &str) -> String {
    match lang {
        Lang::Ko => format!("답을 선택하기 전에 결과가 나왔습니다. 정답은 {answer}입니다."),
        Lang::En => format!("The outcome came before an answer: it is {answer}."),
    }
}

/// `2 applies, 3 commands` in the language's own shape.
pub fn work(lang: Lang, applies: u32, commands: u32) -> String {
    match lang {
        Lang::Ko => format!("적용 {applies}번, 명령 {commands}개"),
        Lang::En => {
            let a = if applies == 1 { "apply" } else { "applies" };
            let c = if commands == 1 { "command" } else { "commands" };
            format!("{applies} {a}, {commands} {c}")
        }
    }
}

/// The learner's work beside the lesson's par, LearnGitBranching's golf:
/// `you: 2 applies, 3 commands · par: 1 apply, 2 commands`.
pub fn par_line(lang: Lang, you: (u32, u32), par: (u32, u32)) -> String {
    let (mine, theirs) = (work(lang, you.0, you.1), work(lang, par.0, par.1));
    match lang {
        Lang::Ko => format!("내 기록: {mine} · 기준 타수(par): {theirs}"),
        Lang::En => format!("you: {mine} · par: {theirs}"),
    }
}

/// A solution's wait step, as a line under the commands to type.
pub fn wait_seconds(lang: Lang, seconds: u32) -> String {
    match lang {
        Lang::Ko => format!("# {seconds}초 기다립니다"),
        Lang::En => format!("# wait {seconds} s"),
    }
}

/// The status line after `Apply`, with kubectl's own output.
pub fn applied(lang: Lang, kubectl_said: &str) -> String {
    let list = kubectl_said.replace('\n', ", ");
    match lang {
        Lang::Ko => format!("적용했습니다: {list}"),
        Lang::En => format!("Applied: {list}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_differs_between_languages() {
        for msg in Msg::ALL {
            let (ko, en) = (msg.get(Lang::Ko), msg.get(Lang::En));
            assert!(!ko.is_empty() && !en.is_empty(), "{msg:?} is empty");
            assert_ne!(ko, en, "{msg:?} is not translated");
        }
    }

    #[test]
    fn formatted_sentences_differ_between_languages() {
        let pairs = [
            (pods_count(Lang::Ko, 2), pods_count(Lang::En, 2)),
            (mounts(Lang::Ko, "a", "v", "/p"), mounts(Lang::En, "a", "v", "/p")),
            (pod_summary(Lang::Ko, "p", 2, "ip", "h"), pod_summary(Lang::En, "p", 2, "ip", "h")),
            (unmounted(Lang::Ko, "v"), unmounted(Lang::En, "v")),
            (unknown_command(Lang::Ko, "x"), unknown_command(Lang::En, "x")),
            (applied(Lang::Ko, "a"), applied(Lang::En, "a")),
            (predict_wrong(Lang::Ko, "a"), predict_wrong(Lang::En, "a")),
            (wait_seconds(Lang::Ko, 3), wait_seconds(Lang::En, 3)),
            (predict_unanswered(Lang::Ko, "a"), predict_unanswered(Lang::En, "a")),
            (par_line(Lang::Ko, (1, 2), (1, 1)), par_line(Lang::En, (1, 2), (1, 1))),
            (more(Lang::Ko, 3), more(Lang::En, 3)),
            (cluster_summary(Lang::Ko, 1, 1, 1, 0), cluster_summary(Lang::En, 1, 1, 1, 0)),
            (backoff(Lang::Ko, 1, 10_000), backoff(Lang::En, 1, 10_000)),
            (files_full(Lang::Ko, "a", 3), files_full(Lang::En, "a", 3)),
            (ephemeral(Lang::Ko, "d", "i", Some("t"), false), ephemeral(Lang::En, "d", "i", Some("t"), false)),
            (ephemeral(Lang::Ko, "d", "i", None, false), ephemeral(Lang::En, "d", "i", None, false)),
            (ephemeral(Lang::Ko, "d", "i", None, true), ephemeral(Lang::En, "d", "i", None, true)),
        ];
        // A countdown rounds up: it says 1s until the restart, never 0s.
        assert_eq!(backoff(Lang::En, 1, 40_000), "restarting in 1s (back-off 40s)");
        assert_eq!(backoff(Lang::Ko, 23_000, 40_000), "23초 후 재시작 (백오프 40초)");
        for (ko, en) in pairs {
            assert_ne!(ko, en);
        }
        assert_ne!(pid_summary(Lang::Ko, true), pid_summary(Lang::En, true));
    }

    #[test]
    fn the_par_line_reads_as_golf() {
        assert_eq!(par_line(Lang::En, (2, 3), (1, 2)), "you: 2 applies, 3 commands · par: 1 apply, 2 commands");
        assert_eq!(par_line(Lang::En, (0, 1), (0, 1)), "you: 0 applies, 1 command · par: 0 applies, 1 command");
        assert_eq!(
            par_line(Lang::Ko, (2, 3), (1, 2)),
            "내 기록: 적용 2번, 명령 3개 · 기준 타수(par): 적용 1번, 명령 2개"
        );
    }
}
