//! What the node reads from the manifest besides the Pod's typed model: the
//! ConfigMaps and Secrets given in the same file (multi-document YAML), for
//! configMap and secret volumes, and `spec.hostUsers`.

use std::collections::BTreeMap;

use base64::Engine;
use serde_json::Value;

/// One ConfigMap or Secret, its keys already decoded to bytes.
pub type Data = BTreeMap<String, Vec<u8>>;

/// The objects of the file the pod's volumes may refer to.
#[derive(Clone, Debug, Default)]
pub struct Extras {
    pub config_maps: BTreeMap<String, Data>,
    pub secrets: BTreeMap<String, Data>,
    /// `spec.hostUsers` of the Pod (None when absent: the host's user namespace).
    pub host_users: Option<bool>,
}

fn decode(v: &Value) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD.decode(v.as_str()?.trim()).ok()
}

fn strings(v: &Value) -> impl Iterator<Item = (String, Vec<u8>)> + '_ {
    v.as_object().into_iter().flatten().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().as_bytes().to_vec()))
}

fn base64s(v: &Value) -> impl Iterator<Item = (String, Vec<u8>)> + '_ {
    v.as_object().into_iter().flatten().filter_map(|(k, v)| decode(v).map(|b| (k.clone(), b)))
}

/// Reads every document of `source`. A ConfigMap's `data` and `binaryData`
/// (base64); a Secret's `data` (base64) and `stringData` (plain, winning over
/// `data` as the API server merges it).
pub fn extras(source: &str) -> Extras {
    let mut out = Extras::default();
    for doc in podplay_engine::yaml::load(source).documents {
        let Ok(v) = podplay_engine::yaml::from_node::<Value>(Some(&doc.root)) else { continue };
        let name = v["metadata"]["name"].as_str().unwrap_or_default().to_string();
        match v["kind"].as_str() {
            Some("ConfigMap") => {
                let data: Data = strings(&v["data"]).chain(base64s(&v["binaryData"])).collect();
                out.config_maps.insert(name, data);
            }
            Some("Secret") => {
                let data: Data = base64s(&v["data"]).chain(strings(&v["stringData"])).collect();
                out.secrets.insert(name, data);
            }
            Some("Pod") => out.host_users = v["spec"]["hostUsers"].as_bool(),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_maps_and_secrets_are_decoded() {
        let src = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {a: hello}\nbinaryData: {b: AAE=}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {user: YWRtaW4=, pass: eA==}\nstringData: {pass: plain}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostUsers: false\n  containers: [{name: c, image: busybox}]\n";
        let e = extras(src);
        assert_eq!(e.config_maps["cm"]["a"], b"hello");
        assert_eq!(e.config_maps["cm"]["b"], [0u8, 1]);
        assert_eq!(e.secrets["s"]["user"], b"admin");
        assert_eq!(e.secrets["s"]["pass"], b"plain");
        assert_eq!(e.host_users, Some(false));
    }
}
