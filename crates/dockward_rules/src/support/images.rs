//! Every image reference of a Dockerfile: `FROM`, `COPY --from=<image>`, `RUN --mount=from=`.
//! Stage names, `scratch` and numeric stage indexes are not images.

use crate::context::DockerfileCtx;
use dockward_dockerfile::ast::{Keyword, Span};
use dockward_dockerfile::instruction;
use dockward_dockerfile::model::BaseKind;
use dockward_spec::ImageRef;

#[derive(Debug, Clone)]
pub enum RefState {
    Image(ImageRef),
    /// Depends on ARGs without a value; the names are listed.
    Unresolved(Vec<String>),
    Invalid(String),
}

#[derive(Debug, Clone)]
pub struct ImageUse {
    /// As written.
    pub raw: String,
    /// After ARG expansion.
    pub expanded: String,
    pub span: Span,
    pub state: RefState,
    /// Index of the instruction.
    pub inst: usize,
    /// `FROM`, `COPY --from` or `RUN --mount=from`.
    pub via: &'static str,
}

pub fn image_uses(ctx: &DockerfileCtx) -> Vec<ImageUse> {
    let mut out = Vec::new();
    for st in &ctx.model.stages {
        let state = match &st.base.kind {
            BaseKind::Image(r) => RefState::Image(r.clone()),
            BaseKind::Unresolved(v) => RefState::Unresolved(v.clone()),
            BaseKind::Invalid(e) => RefState::Invalid(e.clone()),
            BaseKind::Scratch | BaseKind::Stage(_) => continue,
        };
        out.push(ImageUse {
            raw: st.base.raw.clone(),
            expanded: st.base.expanded.clone(),
            span: st.base.span,
            state,
            inst: st.from,
            via: "FROM",
        });
    }
    for inst in ctx.instructions() {
        let Some(stage) = ctx.model.stage_of(inst.index) else { continue };
        let mut refs: Vec<(String, Span, &'static str)> = Vec::new();
        if matches!(inst.keyword, Keyword::Copy | Keyword::Add)
            && let Some(f) = inst.flag("from")
            && let (Some(v), Some(s)) = (&f.value, f.value_span)
        {
            refs.push((v.clone(), s, "COPY --from"));
        }
        if inst.keyword == Keyword::Run {
            for m in instruction::mounts(inst) {
                if let Some(from) = m.get("from") {
                    refs.push((from.to_string(), m.span, "RUN --mount=from"));
                }
            }
        }
        for (raw, span, via) in refs {
            let ex = ctx.model.expand_at(inst.index, &raw);
            if ctx.model.stage_by_ref(&ex.value, stage).is_some()
                || ex.value.eq_ignore_ascii_case("scratch")
            {
                continue;
            }
            // A bare word that is not a known stage: BuildKit treats it as an image.
            let state = if !ex.unresolved.is_empty() {
                RefState::Unresolved(ex.unresolved.clone())
            } else {
                match ImageRef::parse(&ex.value) {
                    Ok(r) => RefState::Image(r),
                    Err(e) => RefState::Invalid(e.to_string()),
                }
            };
            out.push(ImageUse { raw, expanded: ex.value, span, state, inst: inst.index, via });
        }
    }
    out.sort_by_key(|u| u.span.start);
    out
}
