FROM node:20 AS build
WORKDIR /src
COPY ["package.json", "package-lock.json", "./"]
RUN ["npm", "ci", "--omit=dev"]
CMD ["node", "server.js"]
ENTRYPOINT ["/sbin/tini", "--"]
ENTRYPOINT [ "broken json", ]
CMD ["\u0041", "a\"b", "tab\there"]
HEALTHCHECK --interval=30s --timeout=3s CMD ["curl", "-f", "http://localhost/"]
HEALTHCHECK NONE
VOLUME ["/data", "/logs"]
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
STOPSIGNAL SIGTERM
EXPOSE 80/tcp 443/udp 8000-8010
