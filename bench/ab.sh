#!/usr/bin/env bash
# Compares two commits' `renewals build` side by side on one generated
# estate: the runs interleaved (A, B, A, B, ...), each a first build into
# fresh folders after a sync, and prints every run and the medians of wall
# time and peak RSS.
#
#   bench/ab.sh                     HEAD~1 against HEAD, 100,000 devices
#   bench/ab.sh v1.2.0 main         any two revisions
#   BENCH_DEVICES=1000000 BENCH_RUNS=7 bench/ab.sh A B
#
# A trick stays in the code only when this shows it gains at least 15 %
# in wall time or peak memory (docs/benchmarks.md records every A/B).
set -euo pipefail
cd "$(dirname "$0")/.."
a=${1:-HEAD~1}
b=${2:-HEAD}
devices=${BENCH_DEVICES:-100000}
runs=${BENCH_RUNS:-5}
command -v /usr/bin/time >/dev/null || { echo "GNU time is needed: apt-get install time"; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/renewals-ab.XXXXXX")
trap 'git worktree remove --force "$work/src-a" 2>/dev/null || true; git worktree remove --force "$work/src-b" 2>/dev/null || true; rm -rf "$work"' EXIT
for side in a b; do
  rev=$a
  [ "$side" = b ] && rev=$b
  git worktree add -q --detach "$work/src-$side" "$rev"
  (cd "$work/src-$side" && go build -o "$work/renewals-$side" ./cmd/renewals)
done
"$work/renewals-b" sample -q -out "$work/estate" -devices "$devices" >/dev/null
[ -d node_modules/echarts ] && ln -s "$PWD/node_modules" "$work/estate/node_modules"

declare -A walls rss
for r in $(seq 1 "$runs"); do
  for side in a b; do
    for d in public archive; do
      if [ -d "$work/estate/$d" ]; then mv "$work/estate/$d" "$work/old-$d-$side-$r"; fi
    done
    sync
    /usr/bin/time -v -o "$work/time" "$work/renewals-$side" build -q -config "$work/estate/report.toml" >/dev/null 2>"$work/err" || {
      echo "build $side ($r) failed:"; tail -5 "$work/err"; exit 1; }
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); print (length(t) == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2]}' "$work/time")
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
    walls[$side]="${walls[$side]:-} $wall"
    rss[$side]="${rss[$side]:-} $((kb / 1024))"
    rm -rf "$work"/old-*
  done
done

median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
echo "$devices devices, $runs runs each, interleaved; machine: $(nproc) cores, $(go version | cut -d' ' -f3)"
echo "| side | revision | wall (s) per run | median | peak RSS (MB) per run | median |"
echo "| --- | --- | --- | ---: | --- | ---: |"
for side in a b; do
  rev=$a
  [ "$side" = b ] && rev=$b
  # shellcheck disable=SC2086
  echo "| $side | $(git rev-parse --short "$rev") | ${walls[$side]# } | $(median ${walls[$side]}) s | ${rss[$side]# } | $(median ${rss[$side]}) |"
done
