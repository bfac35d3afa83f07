//! Work-around for a loader gap: `Provenance::Alias { at }` is built by the YAML layer, which
//! does not know the file's name, so `at.file` is `None` and the provenance clause renders as
//! "a YAML alias/merge key at " with no position. YAML anchors and aliases live in one file,
//! so the alias is in the file the value was read from; fill that in.

use dockward_spec::container::{Located, Provenance, SourceLoc};

/// `v.via` with every alias position completed with `v.loc`'s file.
pub fn via<T>(v: &Located<T>) -> Vec<Provenance> {
    fixed(&v.via, &v.loc)
}

pub fn fixed(via: &[Provenance], loc: &SourceLoc) -> Vec<Provenance> {
    via.iter()
        .map(|p| match p {
            Provenance::Alias { at } if at.file.is_none() => {
                let mut at = at.clone();
                at.file = loc.file.clone();
                Provenance::Alias { at }
            }
            other => other.clone(),
        })
        .collect()
}
