ARG REGISTRY=docker.io
ARG BASE_TAG
ARG VARIANT=${BASE_TAG:-latest}
FROM ${REGISTRY}/library/ubuntu:${VARIANT} AS stage-${VARIANT}
ARG REGISTRY
ARG TOKEN
ENV A=${TOKEN:+set} B=${UNSET:-default} C=${REQ:?must be set} D=$HOME/x E=\$literal
ENV F="${A}${B}" G='${A}' H=${A%%.*} I=${B#pre} J=${C/x/y}
RUN echo "$A ${B} $$ ${#C} ${}" && echo ${A:-${B:-${C}}}
FROM stage-${VARIANT}
COPY --from=stage-latest /x /y
