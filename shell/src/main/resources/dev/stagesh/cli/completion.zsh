#compdef stagesh
# zsh completion for stagesh (printed by `stagesh completion zsh`): put it in a directory of
# $fpath as _stagesh, or source it after compinit.
# On Tab it asks `stagesh __complete WORDS... CURRENT`, which answers in cobra's protocol: one
# candidate a line (a tab, then a description), then `:DIRECTIVE` (4: no files, 16: directories).
_stagesh() {
    local out line directive
    local -a lines described
    out=$("${words[1]}" __complete "${(@)words[2,CURRENT]}" 2>/dev/null) || return 1
    lines=("${(@f)out}")
    directive=${lines[-1]#:}
    for line in "${(@)lines[1,-2]}"; do
        if [[ $line == *$'\t'* ]]; then
            described+=("${${line%%$'\t'*}//:/\\:}:${line#*$'\t'}")
        else
            described+=("${line//:/\\:}")
        fi
    done
    (( ${#described} )) && _describe -t values stagesh described
    if (( directive & 16 )); then
        _files -/
    elif (( ! (directive & 4) )); then
        _files
    fi
    return 0
}
if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
    _stagesh "$@"
else
    compdef _stagesh stagesh
fi
