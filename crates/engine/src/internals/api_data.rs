//! The ConfigMaps and Secrets the kubelet projects into pods (configMap,
//! secret and projected volumes, `envFrom`, `valueFrom`), kept in step with
//! what the API server holds (`cluster/objects.rs`).

use std::collections::BTreeMap;

use super::PodRuntime;

/// Objects' data by `(namespace, name)`.
pub type DataByName = BTreeMap<(String, String), BTreeMap<String, String>>;

impl PodRuntime {
    /// Replaces the stored ConfigMaps and Secrets (Secrets already decoded
    /// from base64) with the API's; projected volumes are refreshed only
    /// when something changed.
    pub fn sync_api_data(&mut self, config_maps: DataByName, secrets: DataByName) {
        if self.config_maps == config_maps && self.secrets == secrets {
            return;
        }
        self.config_maps = config_maps;
        self.secrets = secrets;
        self.refresh_projections();
    }
}
