//! Compose short syntaxes, parsed without I/O: ports, volumes, devices, tmpfs, byte sizes.
//!
//! They are kept apart from normalisation because merging needs them too (volumes are unique by
//! target) and because each is a small grammar worth testing on its own. The grammars follow
//! what Docker and compose-go accept (`nat.ParsePortSpec`, `format.ParseVolume`,
//! `units.RAMInBytes`).

use dockward_spec::container::{PortMapping, PortRange};

/// Split a short volume spec `[source:]target[:mode]`, keeping Windows drive letters
/// (`C:\data:/data`) inside the source. Returns (source, target, mode).
pub fn split_volume_spec(s: &str) -> (Option<String>, String, Option<String>) {
    let mut parts: Vec<String> = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == ':' {
            let drive = cur.len() == 1
                && cur.chars().all(|d| d.is_ascii_alphabetic())
                && matches!(chars.get(i + 1), Some('\\') | Some('/'))
                && parts.is_empty();
            if !drive {
                parts.push(std::mem::take(&mut cur));
                continue;
            }
        }
        cur.push(c);
    }
    parts.push(cur);
    match parts.len() {
        1 => (None, parts.remove(0), None),
        2 => {
            let t = parts.remove(1);
            (Some(parts.remove(0)), t, None)
        }
        _ => {
            let mode = parts.split_off(2).join(":");
            let t = parts.remove(1);
            (Some(parts.remove(0)), t, Some(mode))
        }
    }
}

/// Does a short-syntax volume source name a host path (bind mount) rather than a volume?
pub fn is_host_path(source: &str) -> bool {
    source.starts_with(['/', '.', '~', '\\'])
        || source.starts_with("${")
        || source.starts_with('$')
        || (source.len() >= 2
            && source.as_bytes()[1] == b':'
            && source.as_bytes()[0].is_ascii_alphabetic())
}

/// Parse the short port syntax: `[[ip:][published]:]target[/protocol]`, with ranges and
/// bracketed IPv6 addresses (`[::1]:80:80`).
pub fn parse_port(raw: &str) -> Result<PortMapping, String> {
    let s = raw.trim();
    let (spec, protocol) = match s.rsplit_once('/') {
        Some((a, p)) => (a, p.to_ascii_lowercase()),
        None => (s, "tcp".to_string()),
    };
    if !matches!(protocol.as_str(), "tcp" | "udp" | "sctp") {
        return Err(format!("invalid protocol {protocol:?} in port {raw:?}"));
    }
    let (ip, published, target) = split_port_parts(spec);
    let target =
        PortRange::parse(&target).ok_or_else(|| format!("invalid container port in {raw:?}"))?;
    let published = match published.as_deref() {
        None | Some("") => None,
        Some(p) => {
            Some(PortRange::parse(p).ok_or_else(|| format!("invalid host port in {raw:?}"))?)
        }
    };
    if let Some(p) = published
        && p.end - p.start != target.end - target.start
        && target.start != target.end
    {
        return Err(format!("host and container port ranges differ in size in {raw:?}"));
    }
    let host_ip = ip
        .map(|i| i.trim_start_matches('[').trim_end_matches(']').to_string())
        .filter(|i| !i.is_empty());
    Ok(PortMapping {
        host_ip,
        published,
        target,
        protocol,
        mode: None,
        app_protocol: None,
        name: None,
        raw: Some(raw.to_string()),
    })
}

/// (ip, published, target) the way Docker splits them: the last `:` separates the container
/// port, the one before it the host port, everything before that is the address.
fn split_port_parts(spec: &str) -> (Option<String>, Option<String>, String) {
    // A bracketed IPv6 address may contain any number of colons.
    if let Some(rest) = spec.strip_prefix('[')
        && let Some(end) = rest.find(']')
    {
        let ip = &rest[..end];
        let after = rest[end + 1..].trim_start_matches(':');
        return match after.split_once(':') {
            Some((p, t)) => (Some(ip.to_string()), Some(p.to_string()), t.to_string()),
            None => (Some(ip.to_string()), None, after.to_string()),
        };
    }
    let parts: Vec<&str> = spec.split(':').collect();
    let n = parts.len();
    let target = parts[n - 1].to_string();
    match n {
        1 => (None, None, target),
        2 => (None, Some(parts[0].to_string()), target),
        _ => (Some(parts[..n - 2].join(":")), Some(parts[n - 2].to_string()), target),
    }
}

/// `512m`, `1g`, `1.5GiB`, `1024` → bytes (binary multipliers, as `docker run --memory`).
pub fn parse_bytes(s: &str) -> Option<u64> {
    let t = s.trim();
    let num_end = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (num, unit) = t.split_at(num_end);
    let n: f64 = num.parse().ok()?;
    let unit = unit.trim().to_ascii_lowercase();
    let unit = unit.strip_suffix('b').unwrap_or(&unit);
    let unit = unit.strip_suffix('i').unwrap_or(unit);
    let mult: f64 = match unit {
        "" => 1.0,
        "k" => 1024.0,
        "m" => 1024.0 * 1024.0,
        "g" => 1024.0 * 1024.0 * 1024.0,
        "t" => 1024f64.powi(4),
        "p" => 1024f64.powi(5),
        _ => return None,
    };
    let v = n * mult;
    (v.is_finite() && v >= 0.0 && v < u64::MAX as f64).then_some(v as u64)
}

/// `tmpfs:` entry: `/run:rw,noexec,size=64m` → (target, options).
pub fn parse_tmpfs(s: &str) -> (String, Vec<String>) {
    match s.split_once(':') {
        Some((t, opts)) => (
            t.to_string(),
            opts.split(',').map(str::trim).filter(|o| !o.is_empty()).map(String::from).collect(),
        ),
        None => (s.to_string(), Vec::new()),
    }
}

/// `devices:` entry: `/dev/x[:/dev/y[:rwm]]`, or a CDI name `vendor.com/class=name`.
pub fn parse_device(s: &str) -> (String, Option<String>, Option<String>, bool) {
    if !s.starts_with('/') && s.contains('=') {
        return (s.to_string(), None, None, true);
    }
    let mut it = s.splitn(3, ':');
    let host = it.next().unwrap_or_default().to_string();
    let container = it.next().map(String::from);
    let perms = it.next().map(String::from);
    (host, container, perms, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn port(s: &str) -> (Option<String>, Option<PortRange>, PortRange, String) {
        let p = parse_port(s).unwrap();
        (p.host_ip, p.published, p.target, p.protocol)
    }

    #[test]
    fn ports() {
        let r = PortRange::single;
        assert_eq!(port("80"), (None, None, r(80), "tcp".into()));
        assert_eq!(port("8080:80"), (None, Some(r(8080)), r(80), "tcp".into()));
        assert_eq!(
            port("127.0.0.1:8080:80/udp"),
            (Some("127.0.0.1".into()), Some(r(8080)), r(80), "udp".into())
        );
        assert_eq!(port("127.0.0.1::80"), (Some("127.0.0.1".into()), None, r(80), "tcp".into()));
        assert_eq!(
            port("[::1]:6001:6001"),
            (Some("::1".into()), Some(r(6001)), r(6001), "tcp".into())
        );
        assert_eq!(port("::1:6001:6001").0, Some("::1".into()));
        let range = PortRange { start: 9090, end: 9091 };
        assert_eq!(port("9090-9091:9090-9091").1, Some(range));
        assert_eq!(port("9090-9091:80").2, r(80));
        assert_eq!(port("0.0.0.0:3000-3005:3000-3005/tcp").0, Some("0.0.0.0".into()));
        assert!(parse_port("80:80/http").is_err());
        assert!(parse_port("x:80").is_err());
        assert!(parse_port("1-3:1-2").is_err());
        assert!(parse_port("99999").is_err());
    }

    #[test]
    fn volumes() {
        assert_eq!(split_volume_spec("/data"), (None, "/data".into(), None));
        assert_eq!(split_volume_spec("./a:/b"), (Some("./a".into()), "/b".into(), None));
        assert_eq!(
            split_volume_spec("vol:/b:ro,z"),
            (Some("vol".into()), "/b".into(), Some("ro,z".into()))
        );
        assert_eq!(
            split_volume_spec("C:\\x:/b:rw"),
            (Some("C:\\x".into()), "/b".into(), Some("rw".into()))
        );
        assert!(
            is_host_path("./x")
                && is_host_path("/x")
                && is_host_path("~/x")
                && is_host_path("C:\\x")
        );
        assert!(!is_host_path("data"));
    }

    #[test]
    fn sizes_tmpfs_devices() {
        assert_eq!(parse_bytes("512m"), Some(512 << 20));
        assert_eq!(parse_bytes("1g"), Some(1 << 30));
        assert_eq!(parse_bytes("1.5GiB"), Some(3 << 29));
        assert_eq!(parse_bytes("100"), Some(100));
        assert_eq!(parse_bytes("10 MB"), Some(10 << 20));
        assert_eq!(parse_bytes("x"), None);
        assert_eq!(
            parse_tmpfs("/run:rw,noexec"),
            ("/run".into(), vec!["rw".into(), "noexec".into()])
        );
        assert_eq!(
            parse_device("/dev/a:/dev/b:r"),
            ("/dev/a".into(), Some("/dev/b".into()), Some("r".into()), false)
        );
        assert!(parse_device("nvidia.com/gpu=all").3);
    }
}
