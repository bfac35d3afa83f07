//! An image's effective configuration (surface I): what `GET /images/{id}/json` and
//! `GET /images/{id}/history` say about a local image. Filled by `dockward_docker`; read by the
//! image rules (DW501, DW604, DW1205, DW104). No I/O here.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImageSpec {
    /// Image ID (`sha256:…`).
    pub id: String,
    /// `RepoTags` (`nginx:1.25`); empty for a dangling image.
    pub repo_tags: Vec<String>,
    pub repo_digests: Vec<String>,
    /// `Created` (RFC 3339), as given.
    pub created: Option<String>,
    /// `Config.User`; empty or None means root.
    pub user: Option<String>,
    /// `Config.Env` entries (`KEY=value`), in order.
    pub env: Vec<String>,
    pub labels: BTreeMap<String, String>,
    /// `Config.Healthcheck.Test` (`["CMD-SHELL", "…"]`, `["NONE"]`); None: no health check.
    pub healthcheck: Option<Vec<String>>,
    /// `GET /images/{id}/history`, newest first as the API gives it.
    pub history: Vec<HistoryEntry>,
    /// Containers (running or stopped) created from this image.
    pub containers: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HistoryEntry {
    pub created_by: String,
    /// Unix seconds.
    pub created: i64,
    /// The image config's `empty_layer` flag; false when the source does not say (the Engine
    /// API's history does not).
    pub empty_layer: bool,
    pub comment: String,
}

impl ImageSpec {
    /// How findings name the image: its first tag, else the short ID.
    pub fn target(&self) -> String {
        self.repo_tags.iter().find(|t| t.as_str() != "<none>:<none>").cloned().unwrap_or_else(
            || {
                let id = self.id.trim_start_matches("sha256:");
                format!("image {}", &id[..id.len().min(12)])
            },
        )
    }
}
