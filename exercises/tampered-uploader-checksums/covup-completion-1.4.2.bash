# bash completion for covup 1.4.2
_covup() {
  local cur prev
  cur="${COMP_WORDS[COMP_CWORD]}"
  prev="${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
    -f) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
    -t|-u) return ;;
  esac
  COMPREPLY=( $(compgen -W "-t -f -u" -- "$cur") )
}
complete -F _covup covup covup-1.4.2.sh
