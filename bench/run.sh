#!/usr/bin/env bash
# Benchmarks full `renewals build` runs on generated estates and checks the
# budgets of a 2-core machine. Each estate has three quarterly snapshots,
# an EoX file and three partner quotes, and, since the estate sections, a
# NetBox export with a row per device, advisories, service targets and
# replacement prices (renewals sample).
#
#   bench/run.sh                  1k, 10k, 100k, 250k (about 1M lines) and 1M devices
#   BENCH_SIZES="1000 1000000" bench/run.sh
#   BENCH_RUNS=5 bench/run.sh     builds of each estate (default 3)
#
# Timings on a shared VM swing by a fifth from run to run, so each budget
# is checked against the median of the runs, and the runs of the sizes
# are interleaved.
#
# Prints a Markdown table; exits non-zero when a budget is missed:
#   100k devices: build ≤ 3 s wall and ≤ 1 GB peak RSS
#   about 1M lines: build ≤ 30 s and ≤ 4 GB
#   (the 10× ratios are printed, not checked: on a shared VM they measure the VM)
#   in the browser, 100k devices: first chart ≤ 1 s, largest page usable
#   ≤ 2 s, no page over 3 MB (TestBrowserBudgets, when chromium is there)
# CI does not run it: timings need a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${BENCH_SIZES:-"1000 10000 100000 250000 1000000"}
BENCH_RUNS=${BENCH_RUNS:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/renewals-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
[ -d node_modules/echarts ] || npm ci --no-audit --no-fund >/dev/null
go build -o "$work/renewals" ./cmd/renewals
command -v /usr/bin/time >/dev/null || { echo "GNU time is needed: apt-get install time"; exit 2; }

# Estates first, then the runs interleaved (every size once, then again):
# a shared VM drifts in speed over minutes, and measuring one size after
# the other would put that drift into the scaling ratios.
declare -A dir_of lines_of walls_of rss_of
for n in $sizes; do
  dir="$work/estate-$n"
  "$work/renewals" sample -q -out "$dir" -devices "$n" >/dev/null
  ln -s "$PWD/node_modules" "$dir/node_modules"
  dir_of[$n]=$dir
  lines_of[$n]=$(cat "$dir"/sample-data/20*/*.csv | wc -l)
  rss_of[$n]=0
done
# Each run is a first build: the previous run's site and archive are moved
# aside, not deleted, and the disk is synced so that no run pays for
# writing back the one before. Wall is the median run, RSS the peak.
for r in $(seq 1 "$BENCH_RUNS"); do
  for n in $sizes; do
    dir=${dir_of[$n]}
    if [ -d "$dir/public" ]; then mv "$dir/public" "$work/old-public-$n-$r"; fi
    if [ -d "$dir/archive" ]; then mv "$dir/archive" "$work/old-archive-$n-$r"; fi
    sync
    /usr/bin/time -v -o "$work/time-$n" "$work/renewals" build -q -config "$dir/report.toml" >/dev/null 2>"$work/err-$n" || {
      echo "build of $n devices failed:"; tail -5 "$work/err-$n"; exit 1; }
    walls_of[$n]="${walls_of[$n]:-} $(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, a, ":"); if (length(a) == 3) print a[1]*3600 + a[2]*60 + a[3]; else print a[1]*60 + a[2]}' "$work/time-$n")"
    rss_of[$n]=$(awk -v m="${rss_of[$n]}" -F': ' '/Maximum resident set size/ {print ($2 > m) ? $2 : m}' "$work/time-$n")
  done
done

echo "| devices | lines (3 snapshots) | build wall | peak RSS | output | pages |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
status=0
declare -A wall_of # devices → median wall, for the scaling budget
for n in $sizes; do
  dir=${dir_of[$n]}
  lines=${lines_of[$n]}
  rss=${rss_of[$n]}
  wall=$(printf '%s\n' ${walls_of[$n]} | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
  [ "$BENCH_RUNS" -gt 1 ] && echo "  $n devices, $BENCH_RUNS runs:${walls_of[$n]} s" >&2
  size=$(du -sh "$dir/public" | cut -f1)
  pages=$(find "$dir/public" -name '*.html' | wc -l)
  printf "| %s | %s | %.2f s | %d MB | %s | %s |\n" "$n" "$lines" "$wall" $((rss / 1024)) "$size" "$pages"
  if [ "$n" = 100000 ]; then
    # The browser budgets, on this estate's site (needs chromium).
    if command -v chromium >/dev/null; then
      if ! RENEWALS_BENCH_SITE="$dir/public" go test ./generator -run TestBrowserBudgets -count 1 -v > "$work/browser" 2>&1; then
        status=1
      fi
      browser=$(grep -E 'first chart|usable after|searchable after|largest page' "$work/browser" | sed 's/^ *browser_test.go:[0-9]*: /  /')
    fi
    awk -v w="$wall" 'BEGIN { exit !(w > 3) }' && { echo "budget missed: 100k devices took ${wall} s (≤ 3 s)"; status=1; }
    [ "$rss" -gt $((1024 * 1024)) ] && { echo "budget missed: 100k devices peaked at $((rss / 1024)) MB (≤ 1 GB)"; status=1; }
  fi
  if [ "$lines" -ge 900000 ] && [ "$lines" -le 1500000 ]; then
    awk -v w="$wall" 'BEGIN { exit !(w > 30) }' && { echo "budget missed: ${lines} lines took ${wall} s (≤ 30 s)"; status=1; }
    [ "$rss" -gt $((4 * 1024 * 1024)) ] && { echo "budget missed: ${lines} lines peaked at $((rss / 1024)) MB (≤ 4 GB)"; status=1; }
  fi
  wall_of[$n]=$wall
  # Every estate ten times another (10k → 100k, 100k → 1M); from 1k up,
  # fixed costs dominate and the ratio says little.
  small=$((n / 10))
  if [ $((small * 10)) -eq "$n" ] && [ "$small" -ge 10000 ] && [ -n "${wall_of[$small]:-}" ]; then
    ratio=$(awk -v a="${wall_of[$small]}" -v b="$wall" 'BEGIN { printf "%.1f", b / a }')
    scaling="${scaling:-}  ${small} → ${n} devices: ${ratio}× the time"$'\n'
  fi
done
if [ -n "${scaling:-}" ]; then
  echo
  echo "Scaling:"
  printf '%s' "$scaling"
fi
if [ -n "${browser:-}" ]; then
  echo
  echo "In headless Chromium over file://, 100k devices:"
  echo "$browser"
  grep -q -- "--- FAIL" "$work/browser" && grep -E "over [0-9]" "$work/browser" | sed 's/^ *browser_test.go:[0-9]*: /budget missed: /'
fi
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; $(go version | cut -d' ' -f3); commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
exit $status
