# Syntax = docker/dockerfile:1
#escape=\
# escape=`
#   check = error=true
# dockward: ignore-file[DW101]
# hadolint ignore=DL3008,DL3009
from   alpine  as   Final
# dockward: ignore[DW201] reason: test
run    apk update
Env key value with spaces
arg
copy
UNKNOWN instruction here
FROM
FROM --platform=$BUILDPLATFORM alpine AS
