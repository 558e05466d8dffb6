# bash completion for faqt(1). Installed as
# share/bash-completion/completions/faqt; tests/packaging/completions_test.py checks
# that it names every command and option of the binary.

_faqt() {
    local cur prev words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion || return
    else
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD - 1]}
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    fi

    local commands="init new check index search show answer suggest walk list categories report export help"
    local global="-h --help --version -C --kb --color -q --quiet"
    local filters="--type --status --severity --category --tag --product --lang --internal --public --drafts"

    # Values of options.
    case $prev in
        -C | --kb | --dir | --out | -o | --theme | --dump-theme)
            COMPREPLY=($(compgen -d -- "$cur"))
            return
            ;;
        --color)
            COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
            return
            ;;
        --type)
            COMPREPLY=($(compgen -W "faq known-error howto flow" -- "$cur"))
            return
            ;;
        --status)
            COMPREPLY=($(compgen -W "investigating workaround fixed wont-fix" -- "$cur"))
            return
            ;;
        --severity)
            COMPREPLY=($(compgen -W "critical high medium low" -- "$cur"))
            return
            ;;
        --format)
            COMPREPLY=($(compgen -W "text markdown html json" -- "$cur"))
            return
            ;;
        --sort)
            COMPREPLY=($(compgen -W "id title updated review_by type status severity" -- "$cur"))
            return
            ;;
        --title | --category | --tag | --product | --lang | --version | --limit | --offset)
            return
            ;;
    esac

    # The command is the first word that is not an option or an option's value.
    local i command=""
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            -C | --kb | --color) ((i++)) ;;
            -*) ;;
            *)
                command=${words[i]}
                break
                ;;
        esac
    done

    local options
    case $command in
        "")
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "$global" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "$commands" -- "$cur"))
            fi
            return
            ;;
        init) options="--title --force" ;;
        new)
            options="--category --dir --lang --edit --force"
            if [[ $cur != -* && $((cword - i)) -eq 1 ]]; then
                COMPREPLY=($(compgen -W "faq known-error howto flow" -- "$cur"))
                return
            fi
            ;;
        check) options="--format --json --strict" ;;
        index) options="--rebuild --watch" ;;
        search) options="$filters --version --facets --limit --offset --json --explain --no-correct --no-refresh" ;;
        show) options="--format --json --lang" ;;
        answer) options="--var --lang --format --internal --copy --json" ;;
        walk) options="--answers --lang --copy --json" ;;
        suggest) options="--subject --body --category --product --version --limit --lang --answer --var --format --json --explain --batch --id-column --subject-column --body-column --category-column --encoding --preset --delimiter --no-refresh" ;;
        list) options="$filters --version --sort --reverse --limit --json" ;;
        categories) options="--uncovered --json" ;;
        report) options="--tickets --since --until --period --by --format --json --out --tz --date-format --preset --encoding --delimiter --closed --coverage-sample --id-column --subject-column --body-column --category-column --created-column --resolved-column --status-column --priority-column --customer-column --agent-column --product-column --version-column --first-response-column --from-name-column --from-address-column --updated-column --resolution-time-column --no-refresh" ;;
        export) options="--out --clean --strict --theme --dump-theme --json" ;;
        help)
            COMPREPLY=($(compgen -W "$commands toml query flow" -- "$cur"))
            return
            ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options -h --help -C --kb --color -q --quiet" -- "$cur"))
    elif [[ $command == init ]]; then
        COMPREPLY=($(compgen -d -- "$cur"))
    fi
}

complete -F _faqt faqt
