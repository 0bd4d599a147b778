# bash completion for alembic-squash(1). Installed as
# share/bash-completion/completions/alembic-squash; or source this file.

_alembic_squash() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  local prev=""
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  local commands="history heads doctor snapshot diff plan squash adopt verify restore help"
  local global="--config --database-url --ini -c --name -n --versions --archive-dir --scratch-url -x --json
    --quiet -q --verbose -v --help -h --version"
  local valued="--config|--database-url|--ini|-c|--name|-n|--versions|--archive-dir|--scratch-url|-x|--from|\
--out|--through|--revision-id|--message|--date|--fill|--targets-file|--schemas|--jobs|--assume|\
--fail-on|--replay-engine"

  # The command is the first word that is neither an option nor an option's value.
  local command="" i word
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    if [[ $word == -* ]]; then
      [[ $word != *=* && $word =~ ^($valued)$ ]] && ((i++))
    else
      command=$word
      break
    fi
  done

  COMPREPLY=()
  case $prev in
    --config | --ini | -c | --out | --targets-file)
      COMPREPLY=($(compgen -f -- "$cur"))
      return
      ;;
    --versions | --archive-dir)
      COMPREPLY=($(compgen -d -- "$cur"))
      return
      ;;
    --from)
      COMPREPLY=($(compgen -W "live chain" -- "$cur") $(compgen -f -- "$cur"))
      return
      ;;
    --replay-engine)
      COMPREPLY=($(compgen -W "auto builtin alembic" -- "$cur"))
      return
      ;;
    --fail-on)
      COMPREPLY=($(compgen -W "hazard" -- "$cur"))
      return
      ;;
    --database-url | --scratch-url | -x | --through | --revision-id | --message | --date | --fill | --schemas | --assume)
      return
      ;;
  esac

  local options=""
  case $command in
    doctor) options="--no-database --replay --strict" ;;
    snapshot) options="--from --out --privileges --replay-engine --scratch-replay" ;;
    diff) options="--markdown --privileges --replay-engine --scratch-replay" ;;
    plan) options="--sql --fail-on --through --revision-id --message --date --fill --privileges
      --replay-engine --scratch-replay" ;;
    squash) options="--yes --through --revision-id --message --date --fill --privileges
      --replay-engine --scratch-replay" ;;
    adopt) options="--targets-file --schemas --jobs --plan --assume --no-migrate --privileges" ;;
    verify) options="--privileges" ;;
    restore) options="--files-only" ;;
  esac

  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$global $options" -- "$cur"))
  elif [[ -z $command ]]; then
    COMPREPLY=($(compgen -W "$commands" -- "$cur"))
  else
    case $command in
      diff) COMPREPLY=($(compgen -W "live chain" -- "$cur") $(compgen -f -- "$cur")) ;;
      restore) COMPREPLY=($(compgen -d -- "$cur")) ;;
      help) COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;
    esac
  fi
}

complete -F _alembic_squash alembic-squash
