//! Ownership and permission wording for the host file rules (DW1002 sockets, DW1003
//! configuration files): which bits exceed the CIS maximum, how to name an owner, and the
//! `chmod` that removes exactly the excess (never adds a bit the file did not have).

use dockward_spec::host_files::PathFacts;

/// Permission bits of `mode` not allowed by `max` (a real bitmask: 0o600 fits 0o660, 0o670
/// does not; setuid, setgid and sticky count as excess unless `max` has them).
pub fn excess(mode: u32, max: u32) -> u32 {
    mode & 0o7777 & !max
}

/// `0666`, `4755`.
pub fn octal(mode: u32) -> String {
    format!("{:04o}", mode & 0o7777)
}

/// The excess bits in words: `setuid, group write, others read/write`.
pub fn describe(bits: u32) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (bit, name) in [(0o4000, "setuid"), (0o2000, "setgid"), (0o1000, "sticky")] {
        if bits & bit != 0 {
            parts.push(name.into());
        }
    }
    for (shift, class) in [(6, "owner"), (3, "group"), (0, "others")] {
        let b = (bits >> shift) & 0o7;
        let words: Vec<&str> = [(0o4, "read"), (0o2, "write"), (0o1, "execute")]
            .iter()
            .filter(|(m, _)| b & m != 0)
            .map(|(_, w)| *w)
            .collect();
        if !words.is_empty() {
            parts.push(format!("{class} {}", words.join("/")));
        }
    }
    parts.join(", ")
}

/// The symbolic `chmod` mode removing `bits`: `g-w,o-rw`, `u-s`, `o-t`.
pub fn chmod_removing(bits: u32) -> String {
    let mut parts = Vec::new();
    for (shift, class, special, special_letter) in
        [(6, 'u', 0o4000, 's'), (3, 'g', 0o2000, 's'), (0, 'o', 0o1000, 't')]
    {
        let b = (bits >> shift) & 0o7;
        let mut letters = String::new();
        for (m, l) in [(0o4, 'r'), (0o2, 'w'), (0o1, 'x')] {
            if b & m != 0 {
                letters.push(l);
            }
        }
        if bits & special != 0 {
            letters.push(special_letter);
        }
        if !letters.is_empty() {
            parts.push(format!("{class}-{letters}"));
        }
    }
    parts.join(",")
}

/// `root (uid 0)`, `uid 1000` when the name is unknown.
pub fn owner(p: &PathFacts) -> String {
    match &p.owner {
        Some(n) => format!("{n} (uid {})", p.uid),
        None => format!("uid {}", p.uid),
    }
}

/// `docker (gid 105)`, `gid 1234` when the name is unknown.
pub fn group(p: &PathFacts) -> String {
    match &p.group {
        Some(n) => format!("{n} (gid {})", p.gid),
        None => format!("gid {}", p.gid),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bitmask_not_numeric_comparison() {
        assert_eq!(excess(0o600, 0o660), 0);
        assert_eq!(excess(0o660, 0o660), 0);
        assert_eq!(excess(0o666, 0o660), 0o006);
        assert_eq!(excess(0o670, 0o660), 0o010);
        assert_eq!(excess(0o2660, 0o660), 0o2000);
        assert_eq!(excess(0o4755, 0o644), 0o4111);
        assert_eq!(excess(0o444, 0o644), 0);
        // Below the maximum as a number, above it as a mask.
        assert_eq!(excess(0o622, 0o644), 0o022);
        assert_eq!(excess(0o606, 0o660), 0o006);
    }

    #[test]
    fn words_and_chmod() {
        assert_eq!(describe(0o006), "others read/write");
        assert_eq!(describe(0o4111), "setuid, owner execute, group execute, others execute");
        assert_eq!(chmod_removing(0o006), "o-rw");
        assert_eq!(chmod_removing(0o4111), "u-xs,g-x,o-x");
        assert_eq!(chmod_removing(0o3020), "g-ws,o-t");
        assert_eq!(octal(0o666), "0666");
        assert_eq!(octal(0o4755), "4755");
    }
}
