//! Strategic merge patch over JSON values: objects merge key by key, lists
//! merge by the merge key the API types declare (`patchMergeKey`) or are
//! replaced, and the `$patch`, `$retainKeys`, `$deleteFromPrimitiveList`
//! and `$setElementOrder` directives work. Follows
//! `staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go`
//! (`mergeMap`, `mergeSlice`, `mergeSortedSlice`).
//!
//! Upstream reads each list's strategy from the Go type's struct tags; the
//! kinds served here have no two lists of one name with different tags, so
//! the table below is keyed by the field's name.

use serde_json::{Map, Value};

/// How a list field is patched (its `patchStrategy` and `patchMergeKey`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ListStrategy {
    /// No strategy: the patch's list replaces the live one (`tolerations`, `args`).
    Replace,
    /// `patchStrategy:"merge"` on a list of objects, by this key.
    MergeKey(&'static str),
    /// `patchStrategy:"merge"` on a list of scalars (`finalizers`): a union.
    MergeScalars,
}

/// The strategy of a list field, from the `patchStrategy`/`patchMergeKey`
/// tags of `staging/src/k8s.io/api/core/v1/types.go` and `apps/v1`.
fn list_strategy(field: &str) -> ListStrategy {
    match field {
        "containers"
        | "initContainers"
        | "ephemeralContainers"
        | "volumes"
        | "env"
        | "imagePullSecrets"
        | "resourceClaims"
        | "schedulingGates" => ListStrategy::MergeKey("name"),
        "volumeMounts" => ListStrategy::MergeKey("mountPath"),
        "volumeDevices" => ListStrategy::MergeKey("devicePath"),
        "ports" => ListStrategy::MergeKey("containerPort"),
        "hostAliases" => ListStrategy::MergeKey("ip"),
        "topologySpreadConstraints" => ListStrategy::MergeKey("topologyKey"),
        "conditions" | "addresses" => ListStrategy::MergeKey("type"),
        "ownerReferences" => ListStrategy::MergeKey("uid"),
        "finalizers" => ListStrategy::MergeScalars,
        _ => ListStrategy::Replace,
    }
}

/// Why a strategic merge patch was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SmpError {
    /// A malformed patch (`mergepatch.ErrBadPatchType` and friends): a 400.
    BadRequest(String),
    /// Any other failure (a missing merge key): the server answers 500
    /// with the bare message.
    Internal(String),
}

/// How deep a patch may nest (a patch is at most as deep as the YAML
/// loader allows; this bounds the recursion for any caller).
const DEPTH_MAX: usize = 64;

/// `patch` applied to `original` as a strategic merge patch.
pub(crate) fn strategic_merge(original: &Value, patch: &Value) -> Result<Value, SmpError> {
    let (Value::Object(o), Value::Object(p)) = (original, patch) else {
        return Err(SmpError::BadRequest("invalid JSON document".to_string()));
    };
    Ok(merge_map(o.clone(), p, 0)?.map(Value::Object).unwrap_or_else(|| Value::Object(Map::new())))
}

/// Merges `patch` into `original`; `None` when the map is deleted (`$patch: delete`).
fn merge_map(
    mut original: Map<String, Value>,
    patch: &Map<String, Value>,
    depth: usize,
) -> Result<Option<Map<String, Value>>, SmpError> {
    if depth > DEPTH_MAX {
        return Err(SmpError::BadRequest("patch is nested too deeply".to_string()));
    }
    if let Some(directive) = patch.get("$patch") {
        return match directive.as_str() {
            Some("replace") => {
                let mut p = patch.clone();
                p.remove("$patch");
                Ok(Some(strip(&p, depth)?))
            }
            Some("delete") => Ok(None),
            _ => Err(SmpError::BadRequest(format!(
                "unknown patch type: {} in map: {}",
                go_value(directive),
                go_value(&Value::Object(patch.clone()))
            ))),
        };
    }
    if let Some(retain) = patch.get("$retainKeys") {
        let Value::Array(keys) = retain else {
            return Err(SmpError::BadRequest(format!("invalid patch format for $retainKeys: {}", go_value(retain))));
        };
        let keep: Vec<&str> = keys.iter().filter_map(Value::as_str).collect();
        original.retain(|k, _| keep.contains(&k.as_str()));
    }
    for (k, v) in patch {
        if let Some(field) = k.strip_prefix("$deleteFromPrimitiveList/") {
            if let (Some(Value::Array(live)), Value::Array(gone)) = (original.get_mut(field), v) {
                live.retain(|x| !gone.contains(x));
            }
            continue;
        }
        if k.starts_with('$') {
            // `$retainKeys` was applied above; `$setElementOrder/...` only
            // orders, and the merge keeps the patch's order already.
            continue;
        }
        if v.is_null() {
            original.remove(k);
            continue;
        }
        let merged = match (original.remove(k), v) {
            (Some(Value::Object(o)), Value::Object(p)) => merge_map(o, p, depth + 1)?.map(Value::Object),
            (Some(Value::Array(o)), Value::Array(p)) => Some(merge_list(k, o, p, depth + 1)?),
            (None, Value::Object(p)) => merge_map(Map::new(), p, depth + 1)?.map(Value::Object),
            (None, Value::Array(p)) => Some(merge_list(k, Vec::new(), p, depth + 1)?),
            (_, other) => Some(other.clone()),
        };
        if let Some(m) = merged {
            original.insert(k.clone(), m);
        }
    }
    Ok(Some(original))
}

/// The patch with its directives and nulls removed (what a new value becomes).
fn strip(patch: &Map<String, Value>, depth: usize) -> Result<Map<String, Value>, SmpError> {
    Ok(merge_map(Map::new(), patch, depth + 1)?.unwrap_or_default())
}

/// Merges the list `field` of a patch into the live list.
fn merge_list(field: &str, original: Vec<Value>, patch: &[Value], depth: usize) -> Result<Value, SmpError> {
    let strategy = list_strategy(field);
    let key = match strategy {
        ListStrategy::Replace => {
            let mut out = Vec::new();
            for p in patch {
                out.push(match p {
                    Value::Object(m) => Value::Object(strip(m, depth)?),
                    other => other.clone(),
                });
            }
            return Ok(Value::Array(out));
        }
        ListStrategy::MergeScalars => {
            let mut out = original;
            for p in patch {
                if !out.contains(p) {
                    out.push(p.clone());
                }
            }
            return Ok(Value::Array(out));
        }
        ListStrategy::MergeKey(key) => key,
    };
    let live_order: Vec<Value> = original.iter().filter_map(|v| v.get(key).cloned()).collect();
    let mut original = original;
    let mut items: Vec<&Map<String, Value>> = Vec::new();
    for p in patch {
        let Value::Object(m) = p else {
            return Err(SmpError::Internal(format!("expected a map in the list {field}, but got {}", go_value(p))));
        };
        match m.get("$patch").and_then(Value::as_str) {
            Some("replace") => {
                // The list becomes the patch's other elements.
                original.clear();
            }
            Some("delete") => {
                let id = m.get(key).ok_or_else(|| no_merge_key(m, key))?;
                original.retain(|o| o.get(key) != Some(id));
            }
            Some("merge") => {
                return Err(SmpError::BadRequest("merging lists cannot yet be specified in the patch".to_string()));
            }
            Some(_) | None if m.contains_key("$patch") => {
                return Err(SmpError::BadRequest(format!(
                    "unknown patch type: {} in map: {}",
                    go_value(m.get("$patch").unwrap_or(&Value::Null)),
                    go_value(p)
                )));
            }
            _ => items.push(m),
        }
    }
    // Merge each patch element into the live one with its key, or add it.
    let mut patched_ids: Vec<Value> = Vec::new();
    for m in &items {
        let id = m.get(key).ok_or_else(|| no_merge_key(m, key))?.clone();
        match original.iter().position(|o| o.get(key) == Some(&id)) {
            Some(i) => {
                let live = match original.get(i) {
                    Some(Value::Object(o)) => o.clone(),
                    _ => Map::new(),
                };
                let merged = merge_map(live, m, depth + 1)?;
                match merged {
                    Some(v) => {
                        if let Some(slot) = original.get_mut(i) {
                            *slot = Value::Object(v);
                        }
                    }
                    None => {
                        original.remove(i);
                        continue;
                    }
                }
            }
            None => original.push(Value::Object(strip(m, depth)?)),
        }
        patched_ids.push(id);
    }
    Ok(Value::Array(order(original, &patched_ids, &live_order, key)))
}

/// The merged list in upstream's order (`normalizeElementOrder`,
/// `mergeSortedSlice`): the patch's elements in the patch's order, and
/// each live-only element placed before the first patch element that comes
/// after it in the live list.
fn order(merged: Vec<Value>, patch_ids: &[Value], live_order: &[Value], key: &str) -> Vec<Value> {
    let pos = |v: &Value| v.get(key).and_then(|id| live_order.iter().position(|x| x == id));
    let (mut from_patch, server_only): (Vec<Value>, Vec<Value>) =
        merged.into_iter().partition(|v| v.get(key).is_some_and(|id| patch_ids.contains(id)));
    from_patch.sort_by_key(|v| v.get(key).and_then(|id| patch_ids.iter().position(|x| x == id)));
    let mut out = Vec::with_capacity(from_patch.len() + server_only.len());
    let mut left = server_only.into_iter().peekable();
    let mut right = from_patch.into_iter().peekable();
    loop {
        match (left.peek(), right.peek()) {
            (Some(l), Some(r)) => {
                let before = matches!((pos(l), was_live(r, live_order, key)), (Some(a), Some(b)) if a < b);
                if before {
                    out.extend(left.next());
                } else {
                    out.extend(right.next());
                }
            }
            (Some(_), None) => out.extend(left.next()),
            (None, Some(_)) => out.extend(right.next()),
            (None, None) => break,
        }
    }
    out
}

/// Where a patch element stood in the live list before the patch (`None`
/// for one the patch added).
fn was_live(v: &Value, live_order: &[Value], key: &str) -> Option<usize> {
    let id = v.get(key)?;
    live_order.iter().position(|x| x == id)
}

/// `map: map[image:nginx] does not contain declared merge key: name`
/// (`mergepatch.ErrNoMergeKey`).
fn no_merge_key(m: &Map<String, Value>, key: &str) -> SmpError {
    SmpError::Internal(format!(
        "map: {} does not contain declared merge key: {key}",
        go_value(&Value::Object(m.clone()))
    ))
}

/// A decoded JSON value as Go's `%v` prints it (`map[a:1 b:[x y]]`).
pub(crate) fn go_value(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(a) => format!("[{}]", a.iter().map(go_value).collect::<Vec<_>>().join(" ")),
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let inner: Vec<String> =
                keys.into_iter().map(|k| format!("{k}:{}", go_value(m.get(k).unwrap_or(&Value::Null)))).collect();
            format!("map[{}]", inner.join(" "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn containers_merge_by_name_and_the_new_one_comes_first() {
        // The "Update API Objects in Place Using kubectl patch" task: the
        // redis container is added, and listed before nginx.
        let live = json!({"spec": {"containers": [{"name": "patch-demo-ctr", "image": "nginx"}],
            "tolerations": [{"effect": "NoSchedule", "key": "dedicated", "value": "test-team"}]}});
        let patch = json!({"spec": {"containers": [{"name": "patch-demo-ctr-2", "image": "redis"}]}});
        let out = strategic_merge(&live, &patch);
        assert_eq!(
            out.ok().and_then(|v| v.pointer("/spec/containers").cloned()),
            Some(json!([{"name": "patch-demo-ctr-2", "image": "redis"}, {"name": "patch-demo-ctr", "image": "nginx"}]))
        );
        // Tolerations have no patch strategy: replaced.
        let patch = json!({"spec": {"tolerations": [{"effect": "NoSchedule", "key": "disktype", "value": "ssd"}]}});
        let out = strategic_merge(&live, &patch);
        assert_eq!(
            out.ok().and_then(|v| v.pointer("/spec/tolerations").cloned()),
            Some(json!([{"effect": "NoSchedule", "key": "disktype", "value": "ssd"}]))
        );
    }

    #[test]
    fn directives_and_errors() {
        let live = json!({"spec": {"containers": [{"name": "a", "image": "x"}, {"name": "b", "image": "y"}]}});
        let patch = json!({"spec": {"containers": [{"name": "a", "$patch": "delete"}]}});
        let out = strategic_merge(&live, &patch).ok();
        assert_eq!(
            out.and_then(|v| v.pointer("/spec/containers").cloned()),
            Some(json!([{"name": "b", "image": "y"}]))
        );
        let patch = json!({"spec": {"containers": [{"image": "z"}]}});
        assert_eq!(
            strategic_merge(&live, &patch),
            Err(SmpError::Internal("map: map[image:z] does not contain declared merge key: name".into()))
        );
        let live = json!({"spec": {"strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%"}}}});
        let patch = json!({"spec": {"strategy": {"$retainKeys": ["type"], "type": "Recreate"}}});
        let out = strategic_merge(&live, &patch).ok();
        assert_eq!(out.and_then(|v| v.pointer("/spec/strategy").cloned()), Some(json!({"type": "Recreate"})));
    }
}
