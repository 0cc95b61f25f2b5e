#!/bin/sh
# Stamps the release with the version docker build was given.
set -eu
if [ -z "${VERSION:-}" ]; then
  echo "release.sh: VERSION is not set" >&2
  exit 1
fi
echo "myapp ${VERSION} built $(date -u +%Y-%m-%d)"
