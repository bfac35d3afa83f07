//! Local images (surface I) and what containers need to know about them.
//!
//! [`Client::images`] lists the daemon's images (`GET /images/json`, top-level only, dangling
//! ones included), then asks for each image's configuration (`GET /images/{id}/json`) and
//! history (`GET /images/{id}/history`), a bounded number at a time, and normalises the pair
//! with [`image_from`] into an [`ImageSpec`]. The normaliser works on the JSON the daemon
//! sends, so recorded answers (`tests/fixtures/image_*.json`) test it without a daemon.
//!
//! The same image list answers the questions a live container's rules ask about its image:
//! [`link_images`] fills `RuntimeState::image_current_id` (what the container's image
//! reference points to *now*, DW105), `image_created` (DW104) and `image_env` (DW604), and
//! [`inventory`] counts images and containers for the daemon (DW1008).
//! [`Client::add_processes`] lists the processes of running containers (`GET
//! /containers/{id}/top`, DW906).

use std::collections::HashMap;

use bollard::query_parameters::{ListContainersOptionsBuilder, ListImagesOptionsBuilder};
use dockward_spec::image::HistoryEntry;
use dockward_spec::{ImageRef, ImageSpec, Inventory};
use futures_util::stream::{self, StreamExt};
use serde_json::Value;

use crate::normalize::LiveContainer;
use crate::{Client, EngineError, bounded, map_error};

/// How many image or container calls are in flight at once: enough to hide the daemon's
/// latency on a host with hundreds of images, few enough not to flood it.
const IN_FLIGHT: usize = 16;

/// Placeholders the daemon puts in `RepoTags` / `RepoDigests` of untagged images.
const NO_TAG: &str = "<none>:<none>";
const NO_DIGEST: &str = "<none>@<none>";

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(|s| s.as_str()).map(str::to_string).collect())
        .unwrap_or_default()
}

fn non_empty(v: &Value) -> Option<String> {
    v.as_str().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// `GET /images/{id}/json` and `GET /images/{id}/history` → [`ImageSpec`]. Missing or
/// malformed fields leave the spec's defaults (the JSON comes from the daemon, but an image's
/// configuration is whatever its author wrote). `containers` is left at 0: the image's own
/// JSON does not say.
pub fn image_from(inspect: &Value, history: &Value) -> ImageSpec {
    let cfg = &inspect["Config"];
    let healthcheck = strings(&cfg["Healthcheck"]["Test"]);
    let labels = cfg["Labels"]
        .as_object()
        .map(|m| {
            m.iter().filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string()))).collect()
        })
        .unwrap_or_default();
    let history = history
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|h| HistoryEntry {
                    created_by: h["CreatedBy"].as_str().unwrap_or("").to_string(),
                    created: h["Created"].as_i64().unwrap_or(0),
                    // The Engine API does not report the image config's `empty_layer` flag.
                    empty_layer: false,
                    comment: h["Comment"].as_str().unwrap_or("").to_string(),
                })
                .collect()
        })
        .unwrap_or_default();
    ImageSpec {
        id: inspect["Id"].as_str().unwrap_or("").to_string(),
        repo_tags: strings(&inspect["RepoTags"]).into_iter().filter(|t| t != NO_TAG).collect(),
        repo_digests: strings(&inspect["RepoDigests"])
            .into_iter()
            .filter(|d| d != NO_DIGEST)
            .collect(),
        created: non_empty(&inspect["Created"]),
        user: non_empty(&cfg["User"]),
        env: strings(&cfg["Env"]),
        labels,
        // An empty `Test` means "inherit": in a final image config there is nothing left to
        // inherit, so it is no health check.
        healthcheck: (!healthcheck.is_empty()).then_some(healthcheck),
        history,
        containers: 0,
    }
}

/// The key two references share when they name the same repository and tag:
/// `docker.io/library/busybox:latest` for `busybox`, `busybox:latest` and
/// `docker.io/library/busybox`. None for a digest reference (it cannot move) and for what
/// does not parse.
fn tag_key(reference: &str) -> Option<String> {
    let r = ImageRef::parse(reference).ok()?;
    if r.digest.is_some() {
        return None;
    }
    Some(format!("{}:{}", r.full_name(), r.tag_or_latest()))
}

/// Fill each live container's image facts from the local images: `image_current_id` (the ID
/// its `Config.Image` tag resolves to now; None when the tag is gone, or the container was
/// created by image ID or digest), `image_created` and `image_env` (of the image it runs, when
/// that is still local).
pub fn link_images(containers: &mut [LiveContainer], images: &[ImageSpec]) {
    let by_id: HashMap<&str, &ImageSpec> = images.iter().map(|i| (i.id.as_str(), i)).collect();
    let mut by_tag: HashMap<String, &str> = HashMap::new();
    for image in images {
        for tag in &image.repo_tags {
            if let Some(key) = tag_key(tag) {
                by_tag.insert(key, image.id.as_str());
            }
        }
    }
    for c in containers {
        let reference = c.spec.image.as_ref().map(|i| i.value.raw.clone());
        let Some(rt) = c.spec.runtime.as_mut() else { continue };
        if let Some(image) = rt.image_id.as_deref().and_then(|id| by_id.get(id)) {
            rt.image_created = image.created.clone();
            rt.image_env = Some(image.env.clone());
        }
        let by_id_ref = |r: &str| {
            let hex = r.strip_prefix("sha256:").unwrap_or(r);
            r.starts_with("sha256:")
                || rt
                    .image_id
                    .as_deref()
                    .is_some_and(|id| id.trim_start_matches("sha256:").starts_with(hex))
        };
        rt.image_current_id = reference
            .as_deref()
            .filter(|r| !by_id_ref(r))
            .and_then(tag_key)
            .and_then(|k| by_tag.get(&k))
            .map(|id| id.to_string());
    }
}

/// Counts for the daemon: images (top-level, as `docker images`), those no container uses,
/// dangling ones; containers, running and not.
pub fn inventory(images: &[ImageSpec], containers: &[LiveContainer]) -> Inventory {
    let running = containers.iter().filter(|c| c.state == "running").count();
    Inventory {
        images: images.len(),
        images_unused: images.iter().filter(|i| i.containers == 0).count(),
        images_dangling: images.iter().filter(|i| i.repo_tags.is_empty()).count(),
        containers: containers.len(),
        containers_running: running,
        containers_stopped: containers.len() - running,
    }
}

/// The command lines of `GET /containers/{id}/top` (`ps -ef`): the `CMD` column (`COMMAND`
/// for other `ps` formats; else the last one).
pub fn processes_from(top: &Value) -> Vec<String> {
    let titles = strings(&top["Titles"]);
    let col = titles.iter().position(|t| t == "CMD" || t == "COMMAND");
    top["Processes"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .filter_map(|r| r.as_array())
                .filter_map(|r| match col {
                    Some(i) => r.get(i),
                    None => r.last(),
                })
                .filter_map(|v| v.as_str())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

impl Client {
    /// Every local image (`GET /images/json`), inspected with its history (at most
    /// [`IN_FLIGHT`] calls at once, each bounded by the client's timeout), with the number of
    /// containers (running or stopped) created from it; sorted by target then ID. An image
    /// removed while it is being read is skipped.
    pub fn images(&self) -> Result<Vec<ImageSpec>, EngineError> {
        let opts = ListImagesOptionsBuilder::default().all(false).build();
        let list =
            bounded(&self.rt, self.timeout, &self.endpoint, self.docker.list_images(Some(opts)))?;
        let copts = ListContainersOptionsBuilder::default().all(true).build();
        let containers = bounded(
            &self.rt,
            self.timeout,
            &self.endpoint,
            self.docker.list_containers(Some(copts)),
        )?;
        let mut uses: HashMap<String, usize> = HashMap::new();
        for c in &containers {
            if let Some(id) = c.image_id.as_deref().filter(|s| !s.is_empty()) {
                *uses.entry(id.to_string()).or_default() += 1;
            }
        }
        let fetch = |id: String| async move {
            let both = async {
                tokio::join!(self.docker.inspect_image(&id), self.docker.image_history(&id))
            };
            match tokio::time::timeout(self.timeout, both).await {
                Err(_) => Err(EngineError::Unreachable {
                    endpoint: self.endpoint.clone(),
                    reason: format!(
                        "no answer within {} s reading image {id}",
                        self.timeout.as_secs_f32()
                    ),
                }),
                Ok((Ok(inspect), Ok(history))) => {
                    let to = |v: Result<Value, serde_json::Error>| v.unwrap_or(Value::Null);
                    Ok(Some(image_from(
                        &to(serde_json::to_value(inspect)),
                        &to(serde_json::to_value(history)),
                    )))
                }
                Ok((Err(e), _)) | Ok((_, Err(e))) => match map_error(&self.endpoint, None, e) {
                    EngineError::Api { reason, .. } if reason.contains("HTTP 404") => Ok(None),
                    e => Err(e),
                },
            }
        };
        let ids: Vec<String> = list.into_iter().map(|s| s.id).collect();
        let results: Vec<Result<Option<ImageSpec>, EngineError>> = self.rt.block_on(
            stream::iter(ids).map(fetch).buffer_unordered(self.in_flight.min(IN_FLIGHT)).collect(),
        );
        let mut out = Vec::with_capacity(results.len());
        for r in results {
            if let Some(mut image) = r? {
                image.containers = uses.get(&image.id).copied().unwrap_or(0);
                out.push(image);
            }
        }
        out.sort_by(|a, b| a.target().cmp(&b.target()).then_with(|| a.id.cmp(&b.id)));
        Ok(out)
    }

    /// Sets `RuntimeState::processes` of every running container from `GET
    /// /containers/{id}/top` (default `ps` arguments), at most [`IN_FLIGHT`] at once, each
    /// bounded by the timeout. A container whose processes cannot be listed (it stopped
    /// meanwhile, the daemon refused) keeps `None`: that is not an audit failure.
    pub fn add_processes(&self, containers: &mut [LiveContainer]) {
        let running: Vec<(usize, String)> = containers
            .iter()
            .enumerate()
            .filter(|(_, c)| c.state == "running")
            .map(|(i, c)| (i, c.id.clone()))
            .collect();
        let top = |(i, id): (usize, String)| async move {
            let answer = tokio::time::timeout(
                self.timeout,
                self.docker.top_processes(&id, None::<bollard::query_parameters::TopOptions>),
            )
            .await;
            let procs = match answer {
                Ok(Ok(t)) => serde_json::to_value(t).ok().map(|v| processes_from(&v)),
                _ => None,
            };
            (i, procs)
        };
        let found: Vec<(usize, Option<Vec<String>>)> = self.rt.block_on(
            stream::iter(running)
                .map(top)
                .buffer_unordered(self.in_flight.min(IN_FLIGHT))
                .collect(),
        );
        for (i, procs) in found {
            if let Some(rt) = containers.get_mut(i).and_then(|c| c.spec.runtime.as_mut()) {
                rt.processes = procs;
            }
        }
    }
}
