#!/usr/bin/env bash
# build.sh: for action.yml, runs folio build in DIRECTORY with the action's
# inputs (FORMATS, SHARD, STRICT), the cache in CACHE, the editions into OUT
# and the report into REPORT; writes the number of publications the report
# lists to $GITHUB_OUTPUT (publications=N) and exits with folio's status (1
# for a content error). Under GitHub Actions folio also prints every
# diagnostic as an annotation on its line.
set -euo pipefail
case "$STRICT" in
  true | false) ;;
  *) echo "::error::folio action: strict is \"$STRICT\"; want true or false"; exit 2 ;;
esac
args=(build --cache "$CACHE" --out "$OUT" --report "$REPORT")
[ -z "$FORMATS" ] || args+=(--format "$FORMATS")
[ -z "$SHARD" ] || args+=(--shard "$SHARD")
[ "$STRICT" != true ] || args+=(--strict)
mkdir -p "$(dirname "$REPORT")"
rm -f "$REPORT"
status=0
(cd "$DIRECTORY" && folio "${args[@]}") || status=$?
n=0
[ ! -s "$REPORT" ] || n=$(jq '.publications | length' "$REPORT")
echo "publications=$n" >> "$GITHUB_OUTPUT"
if [ "$n" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "folio: ${SHARD:+shard $SHARD: }no publications assigned; nothing to upload"
fi
exit "$status"
