#!/usr/bin/env bash
# summary.sh REPORT [SHARD]: the Markdown job summary of a folio build, from
# its --report (action.yml appends it to $GITHUB_STEP_SUMMARY): every edition
# with its status, files and pages, the totals, and the diagnostics. A shard
# assigned no publication says so; a missing report says folio wrote none.
set -euo pipefail
report=$1
shard=${2:-}
title="folio build"
[ -z "$shard" ] || title="folio build, shard $shard"
echo "### $title"
echo
if [ ! -s "$report" ]; then
  echo "folio wrote no report: it stopped before building (see the step's log)."
  exit 0
fi
if [ "$(jq '.publications | length' "$report")" -eq 0 ]; then
  if [ -n "$shard" ]; then
    echo "Shard $shard: no publications assigned (the hash of no publication's id picks this shard)."
  else
    echo "No publications built."
  fi
else
  echo "| publication | language | status | files | pages |"
  echo "| --- | --- | --- | --- | --- |"
  jq -r '.publications[] | .id as $id | .editions[]? |
    "| \($id) | \(.lang) | \(.status) | \([.outputs[]?.path | capture("\\.(?<f>(print\\.)?pdf|epub|html)$").f] | reduce .[] as $f ([]; if index([$f]) then . else . + [$f] end) | join(", ")) | \([.outputs[]? | select(.pages != null) | .pages][0] // "") |"' "$report"
fi
echo
jq -r '(.publications //= []) | "\(.publications | length) publication(s), \([.publications[].editions[]?] | length) edition(s), \([.publications[].editions[]?.outputs[]?] | length) file(s); \(.errors) error(s), \(.warnings) warning(s)."' "$report"
if [ "$(jq '.errors + .warnings' "$report")" -gt 0 ]; then
  echo
  echo "#### Diagnostics"
  echo
  # every diagnostic once: those of no publication, then each publication's
  jq -r '((.diagnostics // []) + [(.publications // [])[].diagnostics[]?])[] |
    "- `\(.pos.file)\(if .pos.line then ":\(.pos.line)" else "" end)\(if .pos.col then ":\(.pos.col)" else "" end)` **\(.severity)**: \(.message | gsub("<"; "&lt;"))"' "$report"
fi
