//! Short "why?" texts for event reasons, in Korean and English, for the UI.

use crate::text::Text;

/// Explains an event reason (the message itself stays upstream's).
pub fn event(reason: &str, kind: &str) -> Text {
    let (ko, en) = match reason {
        "Scheduled" => (
            "스케줄러가 필터를 통과한 노드 중 점수가 가장 높은 노드에 파드를 배정했습니다. 이제 그 노드의 kubelet이 파드를 실행합니다.",
            "The scheduler bound the pod to the highest-scoring node among those that passed every filter; that node's kubelet now runs it.",
        ),
        "FailedScheduling" => (
            "어떤 노드도 모든 필터를 통과하지 못해 파드가 Pending으로 남아 있습니다. 메시지의 숫자는 각 이유로 탈락한 노드 수입니다. 클러스터가 바뀌면(노드 추가, 파드 삭제, 레이블 변경) 스케줄러가 다시 시도합니다.",
            "No node passed every filter, so the pod stays Pending. The numbers count nodes rejected for each reason. The scheduler retries when the cluster changes (a node added, a pod deleted, a label changed).",
        ),
        "Pulling" => ("kubelet이 레지스트리에서 컨테이너 이미지를 내려받기 시작했습니다.", "The kubelet started downloading the container image from the registry."),
        "Pulled" => (
            "이미지가 노드에 준비되었습니다. 한 번 받은 이미지는 노드에 캐시되어 다음에는 바로 쓰입니다(imagePullPolicy가 Always가 아닐 때).",
            "The image is on the node. Once pulled it is cached there and reused (unless imagePullPolicy is Always).",
        ),
        "Created" => ("kubelet이 컨테이너 런타임에 컨테이너를 만들었습니다.", "The kubelet created the container in the container runtime."),
        "Started" => ("컨테이너의 메인 프로세스가 시작되었습니다.", "The container's main process started."),
        "Killing" => (
            "kubelet이 컨테이너를 멈추고 있습니다. preStop 훅을 실행한 뒤 SIGTERM을 보내고, 유예 기간(terminationGracePeriodSeconds)이 지나도 살아 있으면 SIGKILL을 보냅니다.",
            "The kubelet is stopping the container: preStop hook, then SIGTERM, then SIGKILL if it is still alive when the grace period (terminationGracePeriodSeconds) ends.",
        ),
        "BackOff" => (
            "컨테이너가 계속 종료되어 kubelet이 재시작을 미루고 있습니다(CrashLoopBackOff). 대기 시간은 10초에서 시작해 두 배씩 늘어 최대 5분이며, 10분 동안 문제없이 실행되면 초기화됩니다. 이미지 받기 실패에도 같은 방식의 대기가 적용됩니다.",
            "The container keeps exiting, so the kubelet delays the restart (CrashLoopBackOff): 10 s, doubling up to 5 min, reset after 10 min of running. Failed image pulls back off the same way.",
        ),
        "Failed" => (
            "kubelet이 작업에 실패했습니다. 이미지 이름이나 태그가 틀렸거나, 레지스트리에 없거나, 컨테이너를 시작할 수 없을 때 나타납니다.",
            "A kubelet step failed: typically a wrong image name or tag, an image missing from the registry, or a container that cannot start.",
        ),
        "Unhealthy" => (
            "프로브가 실패했습니다. liveness 프로브가 failureThreshold번 연속 실패하면 컨테이너를 재시작하고, readiness 프로브가 실패하면 파드를 Ready에서 빼서 서비스 트래픽을 받지 않게 합니다.",
            "A probe failed. After failureThreshold liveness failures in a row the container is restarted; a failing readiness probe takes the pod out of Ready so Services stop sending it traffic.",
        ),
        "ErrImageNeverPull" => (
            "imagePullPolicy가 Never인데 노드에 이미지가 없습니다. kubelet은 이미지를 받지 않으므로 미리 노드에 있어야 합니다.",
            "imagePullPolicy is Never and the image is not on the node; the kubelet will not pull it.",
        ),
        "SuccessfulCreate" => (
            "컨트롤러가 파드 템플릿으로 새 파드를 만들었습니다. 이름 뒤의 무작위 문자열과 새 UID가 붙습니다.",
            "The controller made a new pod from its pod template, with a random name suffix and a new UID.",
        ),
        "SuccessfulDelete" => ("컨트롤러가 원하는 개수보다 많은 파드를 지웠습니다.", "The controller deleted pods beyond the desired count."),
        "ScalingReplicaSet" => (
            "디플로이먼트가 레플리카셋의 파드 수를 조정했습니다. 파드 템플릿이 바뀌면 새 레플리카셋이 만들어집니다.",
            "The Deployment changed a ReplicaSet's size; a changed pod template gets a new ReplicaSet.",
        ),
        "Completed" => ("잡의 파드가 필요한 만큼 성공적으로 끝나 잡이 완료되었습니다.", "Enough of the Job's pods succeeded: the Job is complete."),
        "BackoffLimitExceeded" => (
            "잡의 파드가 backoffLimit보다 많이 실패해 잡이 실패로 끝났습니다.",
            "The Job's pods failed more often than backoffLimit allows: the Job failed.",
        ),
        "NodeNotReady" => (
            "노드의 kubelet이 상태를 보고하지 않습니다. 그 노드의 파드는 Ready가 아니게 되고, 톨러레이션 시간(기본 300초)이 지나면 축출됩니다.",
            "The node's kubelet stopped reporting. Its pods become not Ready and are evicted when their toleration time (300 s by default) runs out.",
        ),
        "NodeReady" => ("노드가 다시 Ready가 되었습니다.", "The node is Ready again."),
        "NodeNotSchedulable" => (
            "노드가 cordon되어 새 파드를 받지 않습니다. 이미 실행 중인 파드는 그대로입니다.",
            "The node is cordoned: no new pods are scheduled there; running pods stay.",
        ),
        "NodeSchedulable" => ("노드가 uncordon되어 다시 새 파드를 받을 수 있습니다.", "The node is uncordoned and takes new pods again."),
        "TaintManagerEviction" => (
            "노드의 NoExecute 테인트를 견디는 시간이 끝나 파드가 축출(삭제)됩니다. 컨트롤러가 있는 파드는 다른 노드에 새로 만들어집니다.",
            "The pod's toleration of the node's NoExecute taint ran out, so it is evicted (deleted); a controller will create a replacement elsewhere.",
        ),
        "FailedPostStartHook" => (
            "postStart 훅이 실패해서 kubelet이 컨테이너를 종료했습니다. 컨테이너는 restartPolicy에 따라 다시 시작되고, 계속 실패하면 CrashLoopBackOff가 됩니다. 보안을 위해 이벤트에는 훅의 출력이 없으니, 훅 명령을 `kubectl exec`로 직접 실행해 보세요.",
            "The postStart hook failed, so the kubelet killed the container; it restarts as its restartPolicy says and, if it keeps failing, ends in CrashLoopBackOff. The event leaves out the hook's output (it may hold secrets): run the hook's command with `kubectl exec` to see it.",
        ),
        "FailedPreStopHook" => ("preStop 훅이 실패했습니다. 그래도 kubelet은 컨테이너를 계속 멈춥니다.", "The preStop hook failed; the kubelet goes on stopping the container."),
        _ => {
            return Text::new(
                format!("{kind}에 대한 '{reason}' 이벤트입니다."),
                format!("A '{reason}' event about a {kind}."),
            )
        }
    };
    Text::new(ko, en)
}
