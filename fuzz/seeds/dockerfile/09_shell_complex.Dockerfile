FROM debian
SHELL ["/bin/sh", "-c"]
RUN set -e; for f in a b "c d"; do echo "$f" | tr a-z A-Z; done; \
    if [ -n "$(cat /etc/os-release | grep -c ID=)" ]; then :; else exit 1; fi; \
    case "$x" in (a|b) echo ab ;; *) echo other ;; esac; \
    { echo group; } > /dev/null 2>&1 & wait; \
    f() { local y=$((1 + 2 * 3)); echo $y; }; f; \
    echo `echo backticks $(echo nested "$(echo deep)")`; \
    arr=(1 2 3); echo "${arr[@]}"; <<<'herestring' cat; \
    cat <<'X' | sed 's/a/b/'
