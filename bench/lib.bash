# Shared by bench/run.sh and bench/daily.sh (sourced, not run).

# dataset DIR SIZE_MB: the data set of bench/DataGen.java in DIR/data, generated once per size (same
# seeds, same bytes) and reused while DIR/data.size says it is that size.
dataset() {
  local dir="$1" size="$2" home
  home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  if [ "$(cat "$dir/data.size" 2>/dev/null)" != "$size" ]; then
    echo "generating ${size} MB data set in $dir/data ..." >&2
    rm -rf "$dir/data"
    java "$home/bench/DataGen.java" "$dir/data" "$size"
    echo "$size" > "$dir/data.size"
  fi
}

# measure NAME CMD...: best of $runs by wall time; records wall, cpu (user+sys), peak RSS (KB, largest
# process) in WALL, CPU, RSS; prints a line with MB/s of $bytes. Before each run: eval $PREP, the files
# of $data in page cache, sync. A failing command prints its output ($work/cmd.log) and exits 1.
declare -A WALL CPU RSS
ORDER=()
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
  ORDER+=("$name")
  local rate; rate=$(awk "BEGIN{printf \"%7.1f MB/s\", $bytes / 1e6 / ${WALL[$name]}}")
  [[ "$name" == *startup* ]] && rate="  (fixed)   "
  printf '  %-44s %7.1f s  %s  cpu %6.1f s  rss %5d MB\n' "$name" "${WALL[$name]}" "$rate" "${CPU[$name]}" $((RSS[$name] / 1024)) >&2
}
