FROM alpine:3.19
RUN echo hi 2147483648>/tmp/out
