# fish completion for herald(1). tests/packaging/check_cli_docs.py checks it
# against `herald --help`.
set -l commands run build check version status list resend retry reload confirm-deletions
complete -c herald -f
complete -c herald -n "not __fish_seen_subcommand_from $commands" -l help -s h -d 'print help'
complete -c herald -n "not __fish_seen_subcommand_from $commands" -l version -d 'print the version'
complete -c herald -n "not __fish_seen_subcommand_from $commands" -a run -d 'keep the feeds current and serve them'
complete -c herald -n "not __fish_seen_subcommand_from $commands" -a build -d 'read every post and write every feed'
complete -c herald -n "not __fish_seen_subcommand_from $commands" -a check -d 'report every problem in the posts'
complete -c herald -n "not __fish_seen_subcommand_from $commands" -a version -d 'print the version'
complete -c herald -n "not __fish_seen_subcommand_from $commands" -a status -d 'the daemon, its posts and deliveries'
complete -c herald -n "not __fish_seen_subcommand_from $commands" -a list -d 'recent posts and their delivery state'
complete -c herald -n "not __fish_seen_subcommand_from $commands" -a resend -d 'announce a post again'
complete -c herald -n "not __fish_seen_subcommand_from $commands" -a retry -d 'requeue dead deliveries now'
complete -c herald -n "not __fish_seen_subcommand_from $commands" -a reload -d 're-read the configuration'
complete -c herald -n "not __fish_seen_subcommand_from $commands" -a confirm-deletions -d 'apply the held post deletions'
complete -c herald -n "__fish_seen_subcommand_from $commands" -s h -l help -d 'print help'
# Before the command too: herald -c PATH status.
complete -c herald -n "not __fish_seen_subcommand_from version" -s c -l config -r -F -d 'configuration file'
complete -c herald -n "__fish_seen_subcommand_from status list resend retry reload confirm-deletions" -l json -d 'print one line of JSON'
complete -c herald -n "__fish_seen_subcommand_from list resend retry" -s t -l target -x -d 'only this target'
complete -c herald -n "__fish_seen_subcommand_from list" -s s -l state -x -a 'pending in_flight sent dead' -d 'only posts with a delivery in this state'
complete -c herald -n "__fish_seen_subcommand_from list" -s n -l limit -x -d 'at most this many posts'
complete -c herald -n "__fish_seen_subcommand_from status list" -l utc -d 'times in UTC'
complete -c herald -n "__fish_seen_subcommand_from resend" -l dry-run -d 'print what would be sent; send nothing'
complete -c herald -n "__fish_seen_subcommand_from resend" -l now -d 'jump the queue: not paced'
complete -c herald -n "__fish_seen_subcommand_from check" -a '(__fish_complete_directories)' -d 'content directory'
