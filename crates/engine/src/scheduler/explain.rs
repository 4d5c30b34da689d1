//! Learner-facing explanations of filter reasons and plugins, beside
//! upstream's own reason text.

use super::{node_affinity, node_name, node_ports, node_unschedulable, taint_toleration};

/// A learner-facing explanation of a filter reason or plugin (the reason
/// text itself stays upstream's), for the "why Pending" table.
pub fn explain(reason_or_plugin: &str) -> crate::text::Text {
    use crate::text::Text;
    let r = reason_or_plugin;
    let (ko, en) = if r.starts_with("Insufficient ") || r == "NodeResourcesFit" {
        (
            "노드의 할당 가능(allocatable) 자원에서 이미 배치된 파드들의 요청(requests)을 뺀 나머지가 이 파드의 요청보다 작습니다. 실제 사용량이 아니라 requests의 합으로 판단합니다.",
            "What is left of the node's allocatable resources after the requests of pods already there is less than this pod requests. The scheduler counts requests, not actual usage.",
        )
    } else if r == "Too many pods" {
        (
            "노드가 받을 수 있는 파드 수(allocatable pods, 보통 110)에 도달했습니다.",
            "The node already runs as many pods as it allows (allocatable pods, usually 110).",
        )
    } else if r == taint_toleration::REASON || r == "TaintToleration" {
        (
            "노드에 NoSchedule/NoExecute 테인트가 있는데 파드에 맞는 톨러레이션이 없습니다. 컨트롤 플레인 노드가 보통 이렇게 막혀 있습니다.",
            "The node has a NoSchedule/NoExecute taint the pod does not tolerate; control-plane nodes are usually tainted this way.",
        )
    } else if r == node_affinity::REASON || r == "NodeAffinity" {
        (
            "파드의 nodeSelector나 필수 노드 어피니티가 이 노드의 레이블과 맞지 않습니다.",
            "The pod's nodeSelector or required node affinity does not match this node's labels.",
        )
    } else if r == node_unschedulable::REASON || r == "NodeUnschedulable" {
        (
            "노드가 cordon되어(spec.unschedulable) 새 파드를 받지 않습니다.",
            "The node is cordoned (spec.unschedulable) and takes no new pods.",
        )
    } else if r == node_name::REASON || r == "NodeName" {
        ("파드의 spec.nodeName이 다른 노드를 가리킵니다.", "The pod's spec.nodeName names another node.")
    } else if r == node_ports::REASON || r == "NodePorts" {
        (
            "파드가 요청한 hostPort를 이 노드의 다른 파드가 이미 쓰고 있습니다.",
            "Another pod on this node already uses a hostPort this pod asks for.",
        )
    } else if r == "NodeResourcesBalancedAllocation" {
        (
            "CPU와 메모리가 비슷한 비율로 쓰이게 되는 노드에 높은 점수를 줍니다.",
            "Scores nodes higher when CPU and memory would end up used in similar proportions.",
        )
    } else if r.contains("Preemption is not helpful") {
        (
            "이 노드에서는 다른 파드를 내보내도(선점) 해결되지 않는 이유로 탈락했습니다.",
            "Evicting other pods (preemption) would not help on this node.",
        )
    } else if r.contains("No preemption victims") {
        (
            "우선순위가 더 낮은 파드가 없어 선점으로 자리를 만들 수 없습니다.",
            "No lower-priority pods could be evicted to make room.",
        )
    } else if r.contains("preemptionPolicy=Never") {
        (
            "파드의 preemptionPolicy가 Never라서 다른 파드를 내보내지(선점하지) 않고 자리가 날 때까지 기다립니다.",
            "The pod's preemptionPolicy is Never: it evicts no other pod (no preemption) and waits for room.",
        )
    } else if r.contains("terminating pod on the nominated node") {
        (
            "선점으로 내보낸 파드가 지정된 노드(nominatedNodeName)에서 아직 종료 중입니다. 종료가 끝나면 이 파드가 그 노드에 배치됩니다.",
            "A pod preempted for this one is still terminating on the nominated node (nominatedNodeName); once it is gone, this pod is placed there.",
        )
    } else {
        ("스케줄러 플러그인의 판단입니다.", "A scheduler plugin's verdict.")
    };
    Text::new(ko, en)
}
