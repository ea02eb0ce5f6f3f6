# bash completion for herald(1): commands, their options, and the values
# herald knows (list --state). tests/packaging/check_cli_docs.py checks it
# against `herald --help`.
_herald() {
  local cur prev words cword
  _init_completion || return
  local commands="run build check version status list resend retry approve reject reload confirm-deletions passwd migrate-state"
  local command="" i
  for ((i = 1; i < cword; i++)); do
    if [[ " $commands " == *" ${words[i]} "* ]]; then
      command=${words[i]}
      break
    fi
  done
  case $prev in
    -c | --config)
      _filedir 'y?(a)ml'
      return
      ;;
    -s | --state)
      COMPREPLY=($(compgen -W "pending in_flight sent dead awaiting_approval rejected" -- "$cur"))
      return
      ;;
    --role)
      COMPREPLY=($(compgen -W "viewer editor admin" -- "$cur"))
      return
      ;;
    -t | --target | -n | --limit | -d | --delivery | --text)
      return
      ;;
  esac
  local options
  case $command in
    # -c/--config is also the program's own option: herald -c PATH status.
    "") COMPREPLY=($(compgen -W "$commands --config --help --version" -- "$cur")); return ;;
    run | build | check | migrate-state) options="--config --help" ;;
    version) options="--help" ;;
    status) options="--config --json --utc --help" ;;
    reload | confirm-deletions) options="--config --json --help" ;;
    list) options="--config --json --utc --target --state --limit --help" ;;
    resend) options="--config --json --target --dry-run --now --help" ;;
    retry) options="--config --json --target --help" ;;
    approve) options="--config --json --target --delivery --text --help" ;;
    reject) options="--config --json --target --delivery --help" ;;
    passwd) options="--config --role --print --help" ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$options -h" -- "$cur"))
  elif [[ $command == check ]]; then
    _filedir -d
  fi
}
complete -F _herald herald
