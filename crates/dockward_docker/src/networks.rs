//! `GET /networks` → [`NetworkFacts`] and the default bridge's inter-container communication.
//!
//! The list endpoint carries each network's `Options` (verified on Engine 20.10, API 1.41), so
//! one call gives both every network and the default bridge's `enable_icc`: no
//! `GET /networks/bridge` is needed.

use dockward_spec::NetworkFacts;
use serde_json::Value;

use crate::host::boolish;

/// The name Docker gives the default bridge network.
const DEFAULT_BRIDGE: &str = "bridge";

fn string(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or_default().to_string()
}

/// The network objects of a list answer, or the one object of an inspect answer.
fn items(list: &Value) -> impl Iterator<Item = &Value> {
    let all: &[Value] = match list {
        Value::Array(a) => a,
        Value::Object(_) => std::slice::from_ref(list),
        _ => &[],
    };
    all.iter().filter(|n| n.is_object())
}

/// The networks of a `GET /networks` answer (an array), sorted by name then ID. A single
/// network object (a `GET /networks/{id}` answer) is read as a list of one; anything else
/// (`Value::Null` when the daemon did not answer) gives no networks.
pub fn networks_from(list: &Value) -> Vec<NetworkFacts> {
    let mut out: Vec<NetworkFacts> = items(list)
        .map(|n| NetworkFacts {
            name: string(n, "Name"),
            id: string(n, "Id"),
            driver: string(n, "Driver"),
            scope: string(n, "Scope"),
            internal: boolish(n.get("Internal")).unwrap_or(false),
            options: n
                .get("Options")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                // Options are strings in the API; keep any other scalar as its JSON text.
                .map(|(k, v)| (k.clone(), v.as_str().map_or_else(|| v.to_string(), str::to_string)))
                .collect(),
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    out
}

/// `com.docker.network.bridge.enable_icc` of the default bridge (`bridge`); None when the
/// daemon has none (`--bridge=none`) or its options were not given.
pub fn bridge_icc(list: &Value) -> Option<bool> {
    let bridge =
        items(list).find(|n| n.get("Name").and_then(Value::as_str) == Some(DEFAULT_BRIDGE))?;
    match bridge.get("Options") {
        // The daemon records the option on the default bridge; absent means the default (on).
        Some(Value::Object(o)) => {
            Some(boolish(o.get("com.docker.network.bridge.enable_icc")).unwrap_or(true))
        }
        _ => None,
    }
}
