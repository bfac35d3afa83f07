FROM alpine:3.19
RUN apk add --no-cache \
# a comment inside the continuation
    curl \

    git \
    # indented comment
    openssh-client \
 && echo done
LABEL a=b \
      c="d e" \
      "f g"=h
RUN echo \
