#!/usr/bin/env bash
# Installs careerpath as a user would (cmake --install into a temporary prefix) and checks
# what lands there: the binary runs from anywhere, careerpath(1) renders with man and
# without a groff warning and covers every command and option --help lists, and the bash
# completion offers every command and, for each, exactly the options its --help lists.
# Usage: install.sh BUILD_DIR CMAKE_COMMAND
set -u
build=$1
cmake=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
status=0
fail() {
  echo "FAIL: $*" >&2
  status=1
}

"$cmake" --install "$build" --prefix "$prefix" >"$prefix/install.log" 2>&1 ||
  { cat "$prefix/install.log" >&2; fail "cmake --install"; exit 1; }
bin=$prefix/bin/careerpath
man1=$prefix/share/man/man1/careerpath.1
completion=$prefix/share/bash-completion/completions/careerpath
for f in "$bin" "$man1" "$completion"; do
  [ -f "$f" ] || fail "not installed: ${f#"$prefix"/}"
done
[ $status -eq 0 ] || exit 1

# The installed binary, from another directory: the built-in graph is compiled in.
cd "$prefix" || exit 1
"$bin" --version | grep -q '^careerpath ' || fail "--version"
"$bin" route --from "Registered Nurse" --to CNIO | grep -q '^Fastest route from Registered Nurse' ||
  fail "route"

# The commands, as --help lists them ("mobility build" is two words).
mapfile -t commands < <("$bin" --help |
  awk '/^(Commands|Research):/ { on = 1; next } /^Options:/ { on = 0 }
       on && /^  [a-z]/ { sub(/^  /, ""); sub(/  .*/, ""); print }')
[ "${#commands[@]}" -ge 12 ] || fail "only ${#commands[@]} commands in --help: ${commands[*]}"

# The options one command's --help lists, one per line, sorted.
help_options() {
  # shellcheck disable=SC2086
  "$bin" $1 --help | grep -oE '^  (-[a-z], )?--[a-z][a-z-]*' | grep -oE -- '--[a-z-]+$' | sort -u
}

# man renders the page without a warning, and it holds every command and option.
MANWIDTH=100 man --warnings -l "$man1" >"$prefix/man.txt" 2>"$prefix/man.err" || fail "man -l"
[ -s "$prefix/man.err" ] && fail "man warnings: $(head -5 "$prefix/man.err")"
for cmd in "${commands[@]}"; do
  grep -q "^   careerpath $cmd\$" "$prefix/man.txt" || fail "man page lacks 'careerpath $cmd'"
  while read -r opt; do
    grep -q -- "$opt" "$prefix/man.txt" || fail "man page lacks $opt for $cmd"
  done < <(help_options "$cmd")
done

# Completion: the commands, then each command's options, exactly those of its --help.
complete_words() { # the words typed; prints the completions offered for the last one
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _careerpath
           printf "%s\n" "${COMPREPLY[@]}"' _ "$completion" "$@"
}
offered=$(complete_words careerpath "")
for cmd in "${commands[@]}"; do
  grep -qx -- "${cmd%% *}" <<<"$offered" || fail "completion does not offer '${cmd%% *}'"
  # shellcheck disable=SC2086
  got=$(complete_words careerpath $cmd -- | sort -u)
  want=$(help_options "$cmd")
  [ "$got" = "$want" ] || fail "completion for '$cmd' offers: $(echo $got); --help lists: $(echo $want)"
done
complete_words careerpath route --format "" | grep -qx html || fail "route --format completion"
complete_words careerpath mobility "" | grep -qx build || fail "mobility subcommand completion"
exit $status
