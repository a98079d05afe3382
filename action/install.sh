#!/usr/bin/env bash
# install.sh BIN: for action.yml, puts the folio release that FOLIO_REF names
# (a tag vX.Y.Z of the repository FOLIO_REPO) into the folder BIN: the
# archive for this runner's OS and architecture from the GitHub release, its
# SHA-256 checked against the release's checksums.txt. Writes from=release to
# $GITHUB_OUTPUT, or from=source when there is no such release (a branch, a
# commit, a local action, or a tag not released yet), for action.yml to build
# folio from the action's own checkout instead. A checksum that does not
# match fails the step.
set -euo pipefail
bin=$1
ref=${FOLIO_REF:-}
repo=${FOLIO_REPO:-}
# where the runner leaves github.action_ref empty (it has, in composite
# actions), the action's folder names both: .../_actions/OWNER/NAME/REF
path=${GITHUB_ACTION_PATH:-}
path=${path//\\//}
if [ -z "$ref" ] && [[ "$path" == */_actions/*/*/* ]]; then
  rest=${path#*/_actions/}
  IFS=/ read -r owner name ref _ <<<"$rest"
  repo="$owner/$name"
fi
server=${GITHUB_SERVER_URL:-https://github.com}
from_source() {
  echo "folio: $1; building folio from the action's checkout"
  echo "from=source" >> "$GITHUB_OUTPUT"
  exit 0
}
if [ -z "$ref" ] || [ -z "$repo" ]; then
  from_source "the action has no ref (a local action)"
fi
[[ "$ref" =~ ^v[0-9]+\.[0-9]+\.[0-9]+ ]] || from_source "$ref is not a release tag"
case "${RUNNER_OS:-}" in
  Linux) os=linux ;; macOS) os=darwin ;; Windows) os=windows ;;
  *) from_source "no release build for the OS ${RUNNER_OS:-unknown}" ;;
esac
case "${RUNNER_ARCH:-}" in
  X64) arch=amd64 ;; ARM64) arch=arm64 ;;
  *) from_source "no release build for the architecture ${RUNNER_ARCH:-unknown}" ;;
esac
ext=tar.gz
[ "$os" != windows ] || ext=zip
name="folio_${ref#v}_${os}_${arch}.$ext"
url="$server/$repo/releases/download/$ref"
tmp=$(mktemp -d)
if ! curl -fsSL --retry 3 -o "$tmp/$name" "$url/$name" || ! curl -fsSL --retry 3 -o "$tmp/checksums.txt" "$url/checksums.txt"; then
  from_source "no release $ref of $repo with $name"
fi
want=$(awk -v n="$name" '$2 == n || $2 == "*" n {print $1}' "$tmp/checksums.txt")
if command -v sha256sum >/dev/null; then
  got=$(sha256sum "$tmp/$name" | awk '{print $1}')
else
  got=$(shasum -a 256 "$tmp/$name" | awk '{print $1}')
fi
if [ -z "$want" ] || [ "$got" != "$want" ]; then
  echo "::error::folio: $name from $url: SHA-256 $got, but checksums.txt says '${want:-nothing}'"
  exit 1
fi
mkdir -p "$bin"
case "$ext" in
  zip) if command -v unzip >/dev/null; then unzip -q -o "$tmp/$name" -d "$tmp/x"; else 7z x -y -o"$tmp/x" "$tmp/$name" >/dev/null; fi ;;
  *) mkdir -p "$tmp/x" && tar -xzf "$tmp/$name" -C "$tmp/x" ;;
esac
for f in folio folio.exe; do
  [ ! -f "$tmp/x/$f" ] || cp "$tmp/x/$f" "$bin/$f"
done
echo "folio: release $ref of $repo ($name, SHA-256 checked)"
echo "from=release" >> "$GITHUB_OUTPUT"
