//! `security_opt` entries as Docker applies them: for each kind (seccomp, AppArmor) the last
//! entry wins. Shared by the confinement rules DW1101–DW1103.

use crate::context::ContainerCtx;
use dockward_spec::container::{Located, SecurityOpt};

/// True when the container is privileged: DW502 reports it, and privileged already means
/// unconfined seccomp, AppArmor and SELinux.
pub fn is_privileged(ctx: &ContainerCtx) -> bool {
    ctx.spec.privileged.as_ref().is_some_and(|p| p.value)
}

/// The entries that turn a confinement off, when the last entry of that kind does.
/// `kind` returns `Some(disables)` for entries of the kind and `None` for others.
pub fn disabling_entries<'a>(
    ctx: &ContainerCtx<'a>,
    kind: fn(&SecurityOpt) -> Option<bool>,
) -> Vec<&'a Located<SecurityOpt>> {
    let opts = &ctx.spec.security_opt;
    if opts.iter().rev().find_map(|o| kind(&o.value)) != Some(true) {
        return Vec::new();
    }
    opts.iter().filter(|o| kind(&o.value) == Some(true)).collect()
}
