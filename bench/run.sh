#!/usr/bin/env bash
# Backroute throughput benchmark: Backroute against the equivalent shell pipelines, backup and
# restore, side by side in one run. See docs/performance.md.
#
#   bench/run.sh [--size MB] [--dir DIR] [--runs N] [--out FILE_PREFIX] [--only gzip,zstd,none]
#
# --size  data set size in MB (10^6 bytes), default 1000; half CSV/JSON text, half float32 vectors,
#         generated from fixed seeds (bench/DataGen.java) under DIR/data, reused when already there
# --dir   working folder, default /tmp/backroute-bench (needs ~3x the data set size free)
# --runs  best of N for every measurement (default 1)
# --out   results prefix, default bench/results/latest (writes .md and .csv)
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size=1000
dir=/tmp/backroute-bench
runs=1
out="$home/bench/results/latest"
only="gzip,zstd,none"
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

for tool in tar gzip pigz zstd openssl sha256sum /usr/bin/time java; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y pigz zstd openssl time)" >&2; exit 2; }
done

data="$dir/data"
work="$dir/work"
mkdir -p "$dir" "$(dirname "$out")"

# (a) the data set, reproducible: same seeds, same bytes
if [ "$(cat "$dir/data.size" 2>/dev/null)" != "$size" ]; then
  echo "generating ${size} MB data set in $data ..." >&2
  rm -rf "$data"
  java "$home/bench/DataGen.java" "$data" "$size"
  echo "$size" > "$dir/data.size"
fi
bytes=$(du -sb "$data" | cut -f1)

# (b) the jar, built once
"$home/backroute" --version >/dev/null

# Keys: a Backroute keyset, and a passphrase for openssl (the shell baseline's cost is the same with any key).
rm -rf "$work"; mkdir -p "$work"
"$home/backroute" keygen --out "$work/keyset.json" >/dev/null
pass="bench-$(date +%s)"

config() { # compression level -> config file
  local c="$1" level="$2" f="$work/config-$1.json" lvl=""
  [ "$c" != none ] && lvl="\"compression_level\": $level,"
  cat > "$f" <<JSON
{ "backup_dir": "$work/backroute",
  "backup_types": { "data_files": { "compression": "$c", $lvl "encrypt": true, "source": { "paths": ["$data"] } } },
  "storage": { "local": { "type": "local", "path": "$work/backroute/store" } },
  "encryption": { "keyset_file": "$work/keyset.json" } }
JSON
  echo "$f"
}

# measure NAME CMD...: best of $runs by wall time; records wall, cpu (user+sys), peak RSS (KB, largest process)
declare -A WALL CPU RSS
measure() {
  local name="$1"; shift
  local best="" i
  for ((i = 0; i < runs; i++)); do
    [ -n "${PREP:-}" ] && eval "$PREP"
    cat "$data"/*/* > /dev/null   # the data set in page cache for everyone
    sync
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" bash -c "$*" > "$work/cmd.log" 2>&1 \
      || { echo "FAILED: $name" >&2; cat "$work/cmd.log" >&2; exit 1; }
    read -r e u s m < <(tail -1 "$work/time")
    if [ -z "$best" ] || awk "BEGIN{exit !($e < $best)}"; then
      best=$e; WALL[$name]=$e; CPU[$name]=$(awk "BEGIN{printf \"%.1f\", $u + $s}"); RSS[$name]=$m
    fi
  done
  printf '  %-34s %7.1f s  %7.1f MB/s  cpu %6.1f s  rss %5d MB\n' "$name" "${WALL[$name]}" \
    "$(awk "BEGIN{print $bytes / 1e6 / ${WALL[$name]}}")" "${CPU[$name]}" $((RSS[$name] / 1024)) >&2
}

br="$home/backroute"
shell_out="$work/shell"
restore="$work/restore"
rows=()
row() { rows+=("$1|$2|$3|$4"); } # op|compression|name|baseline-name

echo "data set: $bytes bytes in $(find "$data" -type f | wc -l) files; $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg); best of $runs" >&2
for c in ${only//,/ }; do
  case "$c" in
    gzip) level=6; ext=tar.gz.enc ;;
    zstd) level=3; ext=tar.zst.enc ;;
    none) level=0; ext=tar.enc ;;
    *) echo "unknown compression $c" >&2; exit 2 ;;
  esac
  cfg=$(config "$c" "$level")
  echo "== $c" >&2
  # Backup. Backroute: tar + content SHA-256 + compression + AES-256-GCM + stored SHA-256 + fsync.
  PREP="rm -rf '$work/backroute'"
  measure "backroute backup $c" "'$br' backup --config '$cfg' --type data_files --force"
  PREP="rm -f '$shell_out'*"
  case "$c" in
    gzip)
      measure "tar|gzip -6|openssl|sha256sum" "tar -cf - -C '$data' . | gzip -6 | openssl enc -aes-256-ctr -pbkdf2 -pass pass:$pass | tee >(sha256sum > '$shell_out.sha') > '$shell_out.gz.enc'; sync '$shell_out.gz.enc'"
      measure "tar|pigz -6" "tar -cf - -C '$data' . | pigz -6 > '$shell_out.gz'; sync '$shell_out.gz'"
      # Restore inputs for the shell pipelines.
      row backup gzip "backroute backup gzip" "tar|gzip -6|openssl|sha256sum"
      row backup gzip "backroute backup gzip" "tar|pigz -6" ;;
    zstd)
      measure "tar|zstd -3 -T0" "tar -cf - -C '$data' . | zstd -q -3 -T0 > '$shell_out.zst'; sync '$shell_out.zst'"
      row backup zstd "backroute backup zstd" "tar|zstd -3 -T0" ;;
    none)
      measure "tar|openssl enc" "tar -cf - -C '$data' . | openssl enc -aes-256-ctr -pbkdf2 -pass pass:$pass > '$shell_out.enc'; sync '$shell_out.enc'"
      row backup none "backroute backup none" "tar|openssl enc" ;;
  esac
  stored=$(find "$work/backroute/store" -name "*.$ext" | head -1)
  echo "  stored: $(stat -c %s "$stored") bytes ($ext)" >&2
  # Restore. Backroute: read + stored SHA-256 + decrypt + decompress + content SHA-256 + untar.
  PREP="rm -rf '$restore'"
  measure "backroute restore $c" "'$br' recover --config '$cfg' --backup-path data_files:latest --destination '$restore'"
  PREP="rm -rf '$restore'; mkdir -p '$restore'"
  case "$c" in
    gzip)
      measure "sha256sum|openssl -d|gunzip|tar -x" "tee >(sha256sum >/dev/null) < '$shell_out.gz.enc' | openssl enc -d -aes-256-ctr -pbkdf2 -pass pass:$pass | gzip -d | tar -xf - -C '$restore'"
      measure "pigz -d|tar -x" "pigz -d < '$shell_out.gz' | tar -xf - -C '$restore'"
      row restore gzip "backroute restore gzip" "sha256sum|openssl -d|gunzip|tar -x"
      row restore gzip "backroute restore gzip" "pigz -d|tar -x" ;;
    zstd)
      measure "zstd -d|tar -x" "zstd -q -d < '$shell_out.zst' | tar -xf - -C '$restore'"
      row restore zstd "backroute restore zstd" "zstd -d|tar -x" ;;
    none)
      measure "openssl -d|tar -x" "openssl enc -d -aes-256-ctr -pbkdf2 -pass pass:$pass < '$shell_out.enc' | tar -xf - -C '$restore'"
      row restore none "backroute restore none" "openssl -d|tar -x" ;;
  esac
  PREP=""
  rm -rf "$restore" "$shell_out"* "$work/backroute"
done

# Report: every measurement, then the ratios the issue's targets are about.
mbs() { awk "BEGIN{printf \"%.1f\", $bytes / 1e6 / $1}"; }
{
  echo "# Backroute benchmark $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Data set: $((bytes / 1000000)) MB ($(find "$data" -type f | wc -l) files, half CSV/JSON, half float32), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load before: $(cut -d' ' -f1-3 /proc/loadavg | tee /dev/null), best of $runs."
  echo
  echo "| operation | compression | Backroute MB/s | CPU s | peak RSS MB | shell pipeline | shell MB/s | CPU s | peak RSS MB | ratio |"
  echo "|---|---|---:|---:|---:|---|---:|---:|---:|---:|"
  for r in "${rows[@]}"; do
    IFS='|' read -r op c name base <<< "$r"
    ratio=$(awk "BEGIN{printf \"%.2f\", ${WALL[$base]} / ${WALL[$name]}}")
    echo "| $op | $c | $(mbs "${WALL[$name]}") | ${CPU[$name]} | $((RSS[$name] / 1024)) | \`$base\` | $(mbs "${WALL[$base]}") | ${CPU[$base]} | $((RSS[$base] / 1024)) | ${ratio}x |"
  done
} > "$out.md"
{
  echo "operation,compression,tool,wall_s,mb_per_s,cpu_s,peak_rss_kb"
  for r in "${rows[@]}"; do
    IFS='|' read -r op c name base <<< "$r"
    for n in "$name" "$base"; do
      echo "$op,$c,\"$n\",${WALL[$n]},$(mbs "${WALL[$n]}"),${CPU[$n]},${RSS[$n]}"
    done
  done | awk '!seen[$0]++'
} > "$out.csv"
cat "$out.md"
echo >&2
echo "written: $out.md $out.csv" >&2
