# bash completion for stagesh (printed by `stagesh completion bash`).
# On Tab it asks `stagesh __complete WORDS... CURRENT`, which answers in cobra's protocol: one
# candidate a line (a tab, then a description), then `:DIRECTIVE` (4: no files, 16: directories).
_stagesh() {
    local cur=${COMP_WORDS[COMP_CWORD]} out line directive
    out=$("${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) || return 0
    directive=${out##*:}
    COMPREPLY=()
    while IFS= read -r line; do
        case $line in
            :*) ;;
            *) COMPREPLY+=("${line%%$'\t'*}") ;;
        esac
    done <<<"$out"
    if (( directive & 16 )); then
        compopt -o filenames 2>/dev/null
        COMPREPLY+=($(compgen -d -- "$cur"))
    elif (( ! (directive & 4) )); then
        compopt -o filenames 2>/dev/null
        COMPREPLY+=($(compgen -f -- "$cur"))
    fi
}
complete -F _stagesh stagesh
