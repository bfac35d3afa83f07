//! ## What it does
//! Flags host devices handed to a container: each `devices:` entry (short syntax
//! `/dev/host[:/dev/container[:permissions]]`, long syntax `{source, target, permissions}`,
//! CDI names such as `nvidia.com/gpu=all`) and each `device_cgroup_rules:` entry (Compose),
//! or `HostConfig.Devices` / `DeviceCgroupRules` (live container). One finding per device or
//! rule, naming it and what it is: a raw disk, `/dev/kmsg`, a GPU, a serial port, `/dev/fuse` …
//!
//! Not flagged: an entry whose permissions grant neither read nor write (`/dev/sda:/dev/sda:m`,
//! `c 8:* m`): it lets the container create the node but not open it.
//!
//! ## Why is this bad?
//! A device node bypasses the container's filesystem isolation: a mapped disk
//! (`/dev/sda`, `/dev/nvme0n1`, `/dev/mapper/*`) is read and written directly, whatever the
//! mounts say, so the container can read `/etc/shadow` of the host or plant a setuid binary on
//! it. `/dev/kmsg` exposes and injects kernel log lines; GPUs, USB buses and serial ports are
//! kernel drivers with a large attack surface, shared with the host. A `device_cgroup_rules`
//! entry lets the container `mknod` and open every device of a class (`b *:* rwm` is every
//! disk). Even when a device is needed (a Zigbee stick, a GPU, `/dev/net/tun` for a VPN), the
//! mapping is worth knowing about and keeping as narrow as possible.
//!
//! ## Example
//! ```yaml
//! services:
//!   backup:
//!     image: example/backup:2.0
//!     devices:
//!       - /dev/sda:/dev/sda
//!     device_cgroup_rules:
//!       - "b *:* rwm"
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   backup:
//!     image: example/backup:2.0
//!     volumes:
//!       - /srv/data:/data:ro   # the data, not the disk
//! ```
//!
//! ## References
//! - compose-lint CL-0016 (named only on findings about the devices it covers: disks, loop and
//!   device-mapper nodes, `/dev/kmsg`, the whole `/dev`, block and catch-all cgroup rules);
//!   CIS Docker Benchmark 5.18
//! - <https://docs.docker.com/reference/compose-file/services/#devices>
//! - <https://docs.docker.com/reference/compose-file/services/#device_cgroup_rules>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW507",
    name: "host-devices",
    summary: "Host device exposed to the container",
    practice: Practice::LeastPrivilege,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::High,
    equivalents: &["CL-0016", "CIS-5.18"],
    default_enabled: true,
};

/// `/dev//sda` and `/dev/./sda` name `/dev/sda`; trailing slashes are dropped.
fn normalize(path: &str) -> String {
    let parts: Vec<&str> = path.trim().split('/').filter(|p| !p.is_empty() && *p != ".").collect();
    format!("/{}", parts.join("/"))
}

/// `name` starts with `prefix` followed by at least one char of `next` class (or anything when
/// `next` is None).
fn prefixed(name: &str, prefix: &str, next: fn(char) -> bool) -> bool {
    name.strip_prefix(prefix).and_then(|r| r.chars().next()).is_some_and(next)
}

/// What a host device path is, and whether compose-lint CL-0016 covers it.
fn classify(path: &str) -> (Option<&'static str>, bool) {
    let lower = |c: char| c.is_ascii_lowercase();
    let digit = |c: char| c.is_ascii_digit();
    let any = |_: char| true;
    let p = path;
    let disk = "block device: the host disk is read and written directly, bypassing every mount and file permission";
    if p == "/dev" {
        return (Some("every host device node, every disk included"), true);
    }
    if prefixed(p, "/dev/sd", lower)
        || prefixed(p, "/dev/nvme", any)
        || prefixed(p, "/dev/vd", lower)
        || prefixed(p, "/dev/xvd", lower)
        || prefixed(p, "/dev/mmcblk", any)
        || prefixed(p, "/dev/md", digit)
        || prefixed(p, "/dev/md/", any)
        || prefixed(p, "/dev/disk/", any)
        || prefixed(p, "/dev/block/", any)
        || prefixed(p, "/dev/dm-", any)
        || prefixed(p, "/dev/mapper/", any)
        || prefixed(p, "/dev/rbd", any)
        || prefixed(p, "/dev/zd", digit)
        || prefixed(p, "/dev/zvol/", any)
        || prefixed(p, "/dev/nbd", digit)
        || prefixed(p, "/dev/mtdblock", any)
        || p.strip_prefix("/dev/hd").is_some_and(|r| {
            let mut cs = r.chars();
            cs.next().is_some_and(lower) && cs.all(digit)
        })
    {
        return (Some(disk), true);
    }
    if p == "/dev/zfs" {
        return (Some("ZFS control device: manage every pool of the host"), true);
    }
    if p.starts_with("/dev/loop") || p == "/dev/char/10:237" {
        return (Some("loop device: mount arbitrary disk images"), true);
    }
    if p == "/dev/kmsg" || p == "/dev/char/1:11" {
        return (Some("kernel log buffer: read and inject host kernel log lines"), true);
    }
    let (what, cl) = match p {
        "/dev/mem" | "/dev/kmem" | "/dev/port" => ("host physical memory / I/O ports", false),
        "/dev/fuse" => ("FUSE: user-space filesystems served by the container", false),
        "/dev/net/tun" => ("TUN/TAP: create network interfaces", false),
        "/dev/kfd" => ("AMD GPU compute device", false),
        "/dev/bus/usb" => ("every USB device on the host", false),
        "/dev/input" => ("host input devices: keystrokes and mouse events readable", false),
        "/dev/snd" => ("host sound devices: microphones readable", false),
        "/dev/console" | "/dev/tty" | "/dev/tty0" => ("host console", false),
        _ if p.starts_with("/dev/dri") => ("DRM GPU device", false),
        _ if p.starts_with("/dev/nvidia") => ("NVIDIA GPU device", false),
        _ if p.starts_with("/dev/bus/usb/") => ("USB device", false),
        _ if p.starts_with("/dev/input/") => ("host input device: keystrokes readable", false),
        _ if p.starts_with("/dev/video") || p.starts_with("/dev/media") => {
            ("video capture device: cameras readable", false)
        }
        _ if p.starts_with("/dev/ttyUSB")
            || p.starts_with("/dev/ttyACM")
            || p.starts_with("/dev/ttyAMA")
            || p.starts_with("/dev/ttyS")
            || p.starts_with("/dev/serial") =>
        {
            ("serial port", false)
        }
        _ if p.starts_with("/dev/i2c")
            || p.starts_with("/dev/spidev")
            || p.starts_with("/dev/gpio") =>
        {
            ("I2C/SPI/GPIO hardware bus", false)
        }
        _ if p.starts_with("/dev/hidraw") => ("raw HID device", false),
        _ if p.starts_with("/dev/tty") => ("host terminal", false),
        _ if p.starts_with("/dev/sg") => {
            ("SCSI generic device: raw commands to a disk or tape", false)
        }
        _ => return (None, false),
    };
    (Some(what), cl)
}

/// Do these permissions (`rwm` letters) open the device for reading or writing?
fn grants_access(perms: &str) -> bool {
    perms.contains(['r', 'w', 'W'])
}

/// A `device_cgroup_rules` entry: `<a|b|c> <major|*>:<minor|*> <rwm>`.
fn parse_rule(rule: &str) -> Option<(char, &str, &str, &str)> {
    let mut it = rule.split_whitespace();
    let kind = it.next()?;
    let nums = it.next()?;
    let access = it.next()?;
    if it.next().is_some() {
        return None;
    }
    let kind = match kind {
        "a" | "b" | "c" => kind.chars().next()?,
        _ => return None,
    };
    let (major, minor) = nums.split_once(':')?;
    let num = |s: &str| s == "*" || (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
    if !num(major)
        || !num(minor)
        || access.is_empty()
        || !access.chars().all(|c| matches!(c, 'r' | 'w' | 'm'))
    {
        return None;
    }
    Some((kind, major, minor, access))
}

/// What a cgroup rule opens, and whether CL-0016 covers it.
fn describe_rule(kind: char, major: &str, minor: &str) -> (String, bool) {
    match (kind, major, minor) {
        ('a', _, _) => ("every device, disks included".into(), true),
        ('b', "*", _) => ("every block device: the host disks".into(), true),
        ('b', m, _) => (format!("block devices of major {m}: host disks"), true),
        ('c', "*", _) => ("every character device (`/dev/mem`, `/dev/kmsg` …)".into(), true),
        ('c', "1", "*") => ("memory devices (`/dev/mem`, `/dev/port`, `/dev/kmsg`)".into(), true),
        ('c', "1", "11") => ("`/dev/kmsg`, the kernel log buffer".into(), true),
        ('c', "10", "*") => {
            ("misc devices (`/dev/loop-control`, `/dev/fuse`, `/dev/net/tun` …)".into(), true)
        }
        ('c', "10", "237") => ("`/dev/loop-control`".into(), true),
        ('c', "10", "200") => ("`/dev/net/tun`".into(), false),
        ('c', "10", "229") => ("`/dev/fuse`".into(), false),
        ('c', m, _) => {
            let known = match m {
                "4" => Some("terminals"),
                "13" => Some("input devices"),
                "81" => Some("video4linux devices (cameras)"),
                "116" => Some("ALSA sound devices"),
                "166" => Some("USB modems (`/dev/ttyACM*`)"),
                "188" => Some("USB serial ports (`/dev/ttyUSB*`)"),
                "189" => Some("USB devices"),
                "195" => Some("NVIDIA GPUs"),
                "226" => Some("DRM GPUs"),
                _ => None,
            };
            (
                known.map_or_else(
                    || format!("character devices of major {m}"),
                    |k| format!("{k} (character major {m})"),
                ),
                false,
            )
        }
        _ => ("devices".into(), false),
    }
}

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    for d in &ctx.spec.devices {
        let dev = &d.value;
        if dev.host.trim().is_empty() {
            continue;
        }
        if dev
            .permissions
            .as_deref()
            .map(str::trim)
            .is_some_and(|p| !p.is_empty() && !grants_access(p))
        {
            continue;
        }
        let (what, cl) = if dev.cdi {
            (Some("CDI device: the driver's device nodes and libraries are injected"), false)
        } else {
            classify(&normalize(&dev.host))
        };
        let mut msg = format!("{} maps host device `{}`", ctx.what(), dev.host.trim());
        if let Some(c) = dev
            .container
            .as_deref()
            .filter(|c| !c.is_empty() && normalize(c) != normalize(&dev.host))
        {
            msg.push_str(&format!(" to `{c}`"));
        }
        if let Some(w) = what {
            msg.push_str(&format!(" ({w})"));
        }
        let fix = if what
            .is_some_and(|w| w.starts_with("block device") || w.starts_with("every host device"))
        {
            "Remove the device; if the service only needs data on that disk, bind-mount the directory it needs (read-only if possible) instead of the device."
        } else {
            "Remove the device unless the service's job needs it; then map only the specific device node (not a directory of them), with the narrowest permissions (`r` rather than `rwm`)."
        };
        let mut f = ctx.finding_at(&RULE, d, msg).with_fix(fix);
        if !cl {
            f = f.with_equivalents(["CIS-5.18"]);
        }
        out.push(f);
    }
    for r in &ctx.spec.device_cgroup_rules {
        let Some((kind, major, minor, access)) = parse_rule(&r.value) else { continue };
        if !grants_access(access) {
            continue;
        }
        let (what, cl) = describe_rule(kind, major, minor);
        let mut f = ctx
            .finding_at(&RULE, r, format!("{} allows device cgroup rule `{}` ({what}): the container may create and open matching host device nodes", ctx.what(), r.value.trim()))
            .with_fix("Remove the rule, or narrow it to the single device the service needs (`c <major>:<minor> rw`).");
        if !cl {
            f = f.with_equivalents(["CIS-5.18"]);
        }
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_devices() {
        assert!(classify("/dev/sda1").1);
        assert!(classify("/dev/nvme0n1").1);
        assert!(classify("/dev/hda").1);
        assert_eq!(classify("/dev/hdmi0"), (None, false));
        assert!(!classify("/dev/snd").1);
        assert!(classify("/dev/snd").0.is_some());
        assert_eq!(classify("/dev/mdadm"), (None, false));
        assert_eq!(normalize("//dev/./kmsg/"), "/dev/kmsg");
    }

    #[test]
    fn cgroup_rules() {
        assert_eq!(parse_rule("b  8:* rwm"), Some(('b', "8", "*", "rwm")));
        assert_eq!(parse_rule("c 1:3"), None); // Docker requires the access field
        assert_eq!(parse_rule("x 1:3 rwm"), None);
        assert_eq!(parse_rule("c 1 rwm"), None);
        assert_eq!(parse_rule("c 1:3 rwx"), None);
    }
}
