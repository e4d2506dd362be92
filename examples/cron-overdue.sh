#!/bin/sh
# The weekly 督办 mail from cron: the overdue list to the office, data errors to the admin.
#
# Install it somewhere fixed and call it by its absolute path from the crontab
# (examples/crontab):
#
#   install -m 755 examples/cron-overdue.sh ~/bin/wg-cron-overdue
#   30 8 * * 1  $HOME/bin/wg-cron-overdue
#
# What it does with wg's exit code:
#   1  something is overdue: mails the list, as Markdown (not JSON), to WG_MAIL_TO;
#   0  nothing is overdue: no mail;
#   2  the data (or the command line) is wrong, and anything else (127: wg not found):
#      mails wg's messages to WG_MAIL_ADMIN under its own subject; no overdue mail.
# Warnings of a run that worked (say, a calendar.toml that does not cover this year) go
# to this script's stderr, which cron mails to the crontab's owner (MAILTO).
# Arguments are passed on to `wg tasks overdue`: `wg-cron-overdue --by unit`.
#
# Cron runs commands with PATH=/usr/bin:/bin, which has no ~/.cargo/bin: wg is named
# by its full path here. `mail` is looked up on PATH (mailx, s-nail or bsd-mailx).
# Change the values below, or set them in the crontab (NAME=value lines above the entry).

WG="${WG:-$HOME/.cargo/bin/wg}"                        # the wg binary, by absolute path
WG_DATA="${WG_DATA:-/srv/wg-data}"                     # the data directory
WG_MAIL_TO="${WG_MAIL_TO:-office@example.org}"         # who gets the overdue list
WG_MAIL_ADMIN="${WG_MAIL_ADMIN:-wg-admin@example.org}" # who gets data errors
WG_MAIL_FORMAT="${WG_MAIL_FORMAT:-markdown}"           # markdown, or table (one wide line a task)

# The list is UTF-8; cron sets no locale, and some mail programs need one to send it as text.
LANG="${LANG:-C.UTF-8}"
export LANG

out=$(mktemp) || exit 2
err=$(mktemp) || { rm -f "$out"; exit 2; }
trap 'rm -f "$out" "$err"' EXIT

"$WG" --data "$WG_DATA" tasks overdue --exit-code --format "$WG_MAIL_FORMAT" "$@" >"$out" 2>"$err"
status=$?

case $status in
0)
    cat "$err" >&2
    ;;
1)
    # The list's own heading, "逾期任务（截至 2026-03-02）：共 6 项", is the subject.
    heading=$(sed -n '1{s/^#* *//;p;}' "$out")
    mail -s "督办：${heading:-逾期任务}" "$WG_MAIL_TO" <"$out" || exit 2
    cat "$err" >&2
    ;;
2)
    {
        printf 'wg tasks overdue found errors in %s; the overdue list was not sent.\n' "$WG_DATA"
        printf 'Fix them (wg check lists them all), and the next run sends the list.\n\n'
        cat "$err"
    } | mail -s "wg：数据有误，督办未发出" "$WG_MAIL_ADMIN" || exit 2
    ;;
*)
    {
        printf '%s exited %s; the overdue list was not sent.\n\n' "$WG" "$status"
        cat "$err"
    } | mail -s "wg：无法运行（退出码 $status），督办未发出" "$WG_MAIL_ADMIN" || exit 2
    ;;
esac
exit 0
