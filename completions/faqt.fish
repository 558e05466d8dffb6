# fish completion for faqt(1). Installed as
# share/fish/vendor_completions.d/faqt.fish; tests/packaging/completions_test.py checks
# that it names every command and option of the binary.

set -l commands init new check index search show answer suggest walk list categories report export help

complete -c faqt -f
# Global options, before or after the command.
complete -c faqt -s h -l help -d 'Print help and exit'
complete -c faqt -n __fish_use_subcommand -l version -d 'Print the version and exit'
complete -c faqt -s C -l kb -x -a '(__fish_complete_directories)' -d 'Use the knowledge base in DIR'
complete -c faqt -l color -x -a 'auto always never' -d 'Colour output'
complete -c faqt -s q -l quiet -d 'Print only errors'

complete -c faqt -n "not __fish_seen_subcommand_from $commands" -a init -d 'Create a new knowledge base'
complete -c faqt -n "not __fish_seen_subcommand_from $commands" -a new -d 'Create an article from a template'
complete -c faqt -n "not __fish_seen_subcommand_from $commands" -a check -d 'Validate every article and faqt.toml'
complete -c faqt -n "not __fish_seen_subcommand_from $commands" -a index -d 'Bring the search index up to date'
complete -c faqt -n "not __fish_seen_subcommand_from $commands" -a search -d 'Search the knowledge base'
complete -c faqt -n "not __fish_seen_subcommand_from $commands" -a show -d 'Show one article'
complete -c faqt -n "not __fish_seen_subcommand_from $commands" -a answer -d 'Print the canned answer of an article, ready to paste'
complete -c faqt -n "not __fish_seen_subcommand_from $commands" -a suggest -d 'Suggest the articles that answer a ticket'
complete -c faqt -n "not __fish_seen_subcommand_from $commands" -a walk -d 'Walk a troubleshooting flow and print the ticket note'
complete -c faqt -n "not __fish_seen_subcommand_from $commands" -a list -d 'List articles by filter and sort'
complete -c faqt -n "not __fish_seen_subcommand_from $commands" -a categories -d 'Show the category tree with article counts'
complete -c faqt -n "not __fish_seen_subcommand_from $commands" -a report -d 'Ticket volume, coverage and what to write next, from a ticket export'
complete -c faqt -n "not __fish_seen_subcommand_from $commands" -a export -d 'Write the static help site'
complete -c faqt -n "not __fish_seen_subcommand_from $commands" -a help -d 'Show the manual page of a command'

# init
complete -c faqt -n '__fish_seen_subcommand_from init' -l title -x -d 'Title of the knowledge base'
complete -c faqt -n '__fish_seen_subcommand_from init' -l force -d 'Create it even inside another knowledge base'
complete -c faqt -n '__fish_seen_subcommand_from init' -a '(__fish_complete_directories)'
# new
complete -c faqt -n '__fish_seen_subcommand_from new' -a 'faq known-error howto flow'
complete -c faqt -n '__fish_seen_subcommand_from new' -l category -x -d 'Ticket category'
complete -c faqt -n '__fish_seen_subcommand_from new' -l dir -x -a '(__fish_complete_directories)' -d 'Folder below the KB root'
complete -c faqt -n '__fish_seen_subcommand_from new' -l lang -x -d 'Language of the article'
complete -c faqt -n '__fish_seen_subcommand_from new' -l edit -d 'Open the new file in $VISUAL or $EDITOR'
complete -c faqt -n '__fish_seen_subcommand_from new' -l force -d 'Overwrite an existing file'
# check
complete -c faqt -n '__fish_seen_subcommand_from check' -l format -x -a 'text json' -d 'Output format'
complete -c faqt -n '__fish_seen_subcommand_from check' -l json -d 'Same as --format json'
complete -c faqt -n '__fish_seen_subcommand_from check' -l strict -d 'Warnings also make the exit status 1'
# index
complete -c faqt -n '__fish_seen_subcommand_from index' -l rebuild -d 'Build the index again from scratch'
complete -c faqt -n '__fish_seen_subcommand_from index' -l watch -d 'Keep the index current as files change'
# search and list share the article filters
complete -c faqt -n '__fish_seen_subcommand_from search list' -l type -x -a 'faq known-error howto flow' -d 'Article type'
complete -c faqt -n '__fish_seen_subcommand_from search list' -l status -x -a 'investigating workaround fixed wont-fix' -d 'Known-error status'
complete -c faqt -n '__fish_seen_subcommand_from search list' -l severity -x -a 'critical high medium low' -d 'Known-error severity'
complete -c faqt -n '__fish_seen_subcommand_from search list' -l category -x -d 'In this category or below it'
complete -c faqt -n '__fish_seen_subcommand_from search list' -l tag -x -d 'With this tag'
complete -c faqt -n '__fish_seen_subcommand_from search list' -l product -x -d 'About this product'
complete -c faqt -n '__fish_seen_subcommand_from search list' -l lang -x -d 'In this language'
complete -c faqt -n '__fish_seen_subcommand_from search list' -l internal -d 'Only internal articles'
complete -c faqt -n '__fish_seen_subcommand_from search list' -l public -d 'Only public articles'
complete -c faqt -n '__fish_seen_subcommand_from search list' -l drafts -d 'Include drafts'
complete -c faqt -n '__fish_seen_subcommand_from search list' -l limit -x -d 'Show at most N results'
complete -c faqt -n '__fish_seen_subcommand_from search list' -l json -d 'JSON output'
# search
complete -c faqt -n '__fish_seen_subcommand_from search list' -l version -x -d 'Hide known errors fixed in this version or before it'
complete -c faqt -n '__fish_seen_subcommand_from search' -l facets -d 'Count the results by type, category and status'
complete -c faqt -n '__fish_seen_subcommand_from search' -l offset -x -d 'Skip the first N results'
complete -c faqt -n '__fish_seen_subcommand_from search' -l no-correct -d 'Search misspelt words as typed'
complete -c faqt -n '__fish_seen_subcommand_from search' -l explain -d 'Show why each result ranked where it did'
complete -c faqt -n '__fish_seen_subcommand_from search' -l no-refresh -d 'Search the index as it is'
# show
complete -c faqt -n '__fish_seen_subcommand_from show' -l format -x -a 'text markdown html json' -d 'Output format'
complete -c faqt -n '__fish_seen_subcommand_from show' -l json -d 'Same as --format json'
complete -c faqt -n '__fish_seen_subcommand_from show' -l lang -x -d 'Show the translation in this language'
# list
complete -c faqt -n '__fish_seen_subcommand_from list' -l sort -x -a 'id title updated review_by type status severity' -d 'Sort key'
complete -c faqt -n '__fish_seen_subcommand_from list' -l reverse -d 'Reverse the order'
# categories
complete -c faqt -n '__fish_seen_subcommand_from categories' -l uncovered -d 'Only categories no article covers'
complete -c faqt -n '__fish_seen_subcommand_from categories' -l json -d 'JSON output'
# report
complete -c faqt -n '__fish_seen_subcommand_from report' -l tickets -r -F -d "The ticket system's export (- = stdin)"
complete -c faqt -n '__fish_seen_subcommand_from report' -l since -x -d 'Count from this day on (YYYY-MM-DD)'
complete -c faqt -n '__fish_seen_subcommand_from report' -l until -x -d 'Count up to this day, included (YYYY-MM-DD)'
complete -c faqt -n '__fish_seen_subcommand_from report' -l period -x -a 'week month' -d 'Count per week or month'
complete -c faqt -n '__fish_seen_subcommand_from report' -l by -x -a 'category customer priority agent' -d 'What the groups are'
complete -c faqt -n '__fish_seen_subcommand_from report' -l format -x -a 'text json csv html' -d 'Output format'
complete -c faqt -n '__fish_seen_subcommand_from report' -l json -d 'Print the report as JSON'
complete -c faqt -n '__fish_seen_subcommand_from report' -l out -r -F -d 'Write the report to this file'
complete -c faqt -n '__fish_seen_subcommand_from report' -l tz -x -d 'The zone to count days in'
complete -c faqt -n '__fish_seen_subcommand_from report' -l date-format -x -d 'How the export writes its dates'
complete -c faqt -n '__fish_seen_subcommand_from report' -l preset -x -a 'osticket znuny glpi jira zendesk freshdesk servicenow rt' -d 'The ticket system'
complete -c faqt -n '__fish_seen_subcommand_from report' -l encoding -x -a 'utf-8 windows-1250 windows-1252 latin1 iso-8859-2' -d "The export's encoding"
complete -c faqt -n '__fish_seen_subcommand_from report' -l delimiter -x -a "',' ';' '|' tab" -d 'The CSV delimiter'
complete -c faqt -n '__fish_seen_subcommand_from report' -l closed -x -d 'A status that means closed'
complete -c faqt -n '__fish_seen_subcommand_from report' -l coverage-sample -x -d 'Run suggest on the N most recent tickets'
complete -c faqt -n '__fish_seen_subcommand_from report' -l id-column -x -d "The export's column for this role"
complete -c faqt -n '__fish_seen_subcommand_from report' -l subject-column -x -d "The export's column for this role"
complete -c faqt -n '__fish_seen_subcommand_from report' -l body-column -x -d "The export's column for this role"
complete -c faqt -n '__fish_seen_subcommand_from report' -l category-column -x -d "The export's column for this role"
complete -c faqt -n '__fish_seen_subcommand_from report' -l created-column -x -d "The export's column for this role"
complete -c faqt -n '__fish_seen_subcommand_from report' -l resolved-column -x -d "The export's column for this role"
complete -c faqt -n '__fish_seen_subcommand_from report' -l status-column -x -d "The export's column for this role"
complete -c faqt -n '__fish_seen_subcommand_from report' -l priority-column -x -d "The export's column for this role"
complete -c faqt -n '__fish_seen_subcommand_from report' -l customer-column -x -d "The export's column for this role"
complete -c faqt -n '__fish_seen_subcommand_from report' -l agent-column -x -d "The export's column for this role"
complete -c faqt -n '__fish_seen_subcommand_from report' -l product-column -x -d "The export's column for this role"
complete -c faqt -n '__fish_seen_subcommand_from report' -l version-column -x -d "The export's column for this role"
complete -c faqt -n '__fish_seen_subcommand_from report' -l first-response-column -x -d "The export's column for this role"
complete -c faqt -n '__fish_seen_subcommand_from report' -l from-name-column -x -d "The export's column for this role"
complete -c faqt -n '__fish_seen_subcommand_from report' -l from-address-column -x -d "The export's column for this role"
complete -c faqt -n '__fish_seen_subcommand_from report' -l updated-column -x -d "The export's column for this role"
complete -c faqt -n '__fish_seen_subcommand_from report' -l resolution-time-column -x -d "The export's column for this role"
complete -c faqt -n '__fish_seen_subcommand_from report' -l no-refresh -d 'Read the index as it is'

# export
complete -c faqt -n '__fish_seen_subcommand_from export' -s o -l out -x -a '(__fish_complete_directories)' -d 'Output folder'
complete -c faqt -n '__fish_seen_subcommand_from export' -l clean -d 'Empty the output folder first'
complete -c faqt -n '__fish_seen_subcommand_from export' -l strict -d 'Any warning makes the exit status 1'
complete -c faqt -n '__fish_seen_subcommand_from export' -l theme -x -a '(__fish_complete_directories)' -d 'Folder whose files override the built-in theme'
complete -c faqt -n '__fish_seen_subcommand_from export' -l dump-theme -x -a '(__fish_complete_directories)' -d 'Write the built-in theme into a folder and exit'
complete -c faqt -n '__fish_seen_subcommand_from export' -l json -d 'JSON output'
# help
complete -c faqt -n '__fish_seen_subcommand_from help' -a "$commands toml query flow"

# answer
complete -c faqt -n '__fish_seen_subcommand_from answer' -l var -x -d 'Fill placeholder {{name}}: name=value'
complete -c faqt -n '__fish_seen_subcommand_from answer' -l lang -x -d 'The answer of the translation in this language'
complete -c faqt -n '__fish_seen_subcommand_from answer' -l format -x -a 'text markdown html' -d 'Output format'
complete -c faqt -n '__fish_seen_subcommand_from answer' -l internal -d "Print an internal article's answer, marked internal"
complete -c faqt -n '__fish_seen_subcommand_from answer' -l copy -d 'Also put the answer on the clipboard'
complete -c faqt -n '__fish_seen_subcommand_from answer' -l json -d 'Print the answer as JSON'

# walk
complete -c faqt -n '__fish_seen_subcommand_from walk' -l answers -x -d 'The answers in order, comma-separated'
complete -c faqt -n '__fish_seen_subcommand_from walk' -l lang -x -d 'Walk the translation in this language'
complete -c faqt -n '__fish_seen_subcommand_from walk' -l copy -d 'Also put the note on the clipboard'
complete -c faqt -n '__fish_seen_subcommand_from walk' -l json -d 'Print the walk as JSON'

# suggest
complete -c faqt -n '__fish_seen_subcommand_from suggest' -l subject -x -d "The ticket's subject"
complete -c faqt -n '__fish_seen_subcommand_from suggest' -l body -x -d "The ticket's body"
complete -c faqt -n '__fish_seen_subcommand_from suggest' -l category -x -d 'Category id or ticket-system code (boosts)'
complete -c faqt -n '__fish_seen_subcommand_from suggest' -l product -x -d 'The product the ticket is about'
complete -c faqt -n '__fish_seen_subcommand_from suggest' -l version -x -d 'The product version'
complete -c faqt -n '__fish_seen_subcommand_from suggest' -l limit -x -d 'At most N suggestions'
complete -c faqt -n '__fish_seen_subcommand_from suggest' -l lang -x -d 'With --answer: the translation in this language'
complete -c faqt -n '__fish_seen_subcommand_from suggest' -l answer -d "Also print the top article's canned answer"
complete -c faqt -n '__fish_seen_subcommand_from suggest' -l var -x -d 'With --answer: fill placeholder {{name}}: name=value'
complete -c faqt -n '__fish_seen_subcommand_from suggest' -l format -x -a 'text markdown html' -d 'With --answer: output format'
complete -c faqt -n '__fish_seen_subcommand_from suggest' -l json -d 'Print the suggestions as JSON'
complete -c faqt -n '__fish_seen_subcommand_from suggest' -l explain -d 'With --json: confidence features and words searched'
complete -c faqt -n '__fish_seen_subcommand_from suggest' -l batch -r -F -d 'Every ticket of an export, JSON Lines out'
complete -c faqt -n '__fish_seen_subcommand_from suggest' -l id-column -x -d 'With --batch: the column of the ticket number'
complete -c faqt -n '__fish_seen_subcommand_from suggest' -l subject-column -x -d 'With --batch: the column of the subject'
complete -c faqt -n '__fish_seen_subcommand_from suggest' -l body-column -x -d 'With --batch: the column of the text'
complete -c faqt -n '__fish_seen_subcommand_from suggest' -l category-column -x -d 'With --batch: the column of the category'
complete -c faqt -n '__fish_seen_subcommand_from suggest' -l encoding -x -a 'utf-8 windows-1250 windows-1252 latin1 iso-8859-2' -d "With --batch: the export's encoding"
complete -c faqt -n '__fish_seen_subcommand_from suggest' -l preset -x -a 'osticket znuny glpi jira zendesk freshdesk servicenow rt' -d 'With --batch: the ticket system'
complete -c faqt -n '__fish_seen_subcommand_from suggest' -l delimiter -x -a "',' ';' '|' tab" -d 'With --batch: the CSV delimiter'
complete -c faqt -n '__fish_seen_subcommand_from suggest' -l no-refresh -d 'Read the index as it is'
