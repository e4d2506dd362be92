//! `wg init DIR`: writes a commented starter data directory (org, groups, tasks,
//! meetings, calendar) that passes `wg check` and explains every key. The global
//! `--lang` picks the language of the comments and the examples. It never overwrites:
//! if any of the files exists, nothing is written.
//!
//! Dates in the examples fall in the as-of date's quarter, so a fresh directory has
//! nothing overdue and `wg meeting agenda` has something to show.

use crate::context::Context;
use crate::i18n::msg;
use crate::model::{Lang, Org, Quarter};
use crate::render::text::one_line;
use crate::{Because, Error, Exit};
use std::io::Write;
use std::path::Path;

pub fn run(dir: &Path, ctx: &Context, out: &mut dyn Write) -> Result<Exit, Error> {
    // No org yet: the org's defaults are the built-in ones.
    let defaults = Org {
        name: String::new(),
        short_name: None,
        timezone: None,
        lang: Lang::Zh,
        warnings: crate::model::WarningRules::default(),
    };
    let lang = ctx.lang(&defaults);
    let today = ctx.today(&defaults)?;
    let q = Quarter::of(today);
    let files = starter(lang, q);

    let existing: Vec<String> = files
        .iter()
        .map(|(name, _)| dir.join(name))
        .filter(|p| p.exists())
        .map(|p| one_line(&p.display().to_string()).into_owned())
        .collect();
    if !existing.is_empty() {
        return Err(Error::Usage(msg::init_files_exist(&existing)));
    }
    std::fs::create_dir_all(dir).because(|| msg::cannot_create_dir(&dir.display().to_string()))?;
    let mut written = Vec::new();
    for (name, text) in &files {
        let path = dir.join(name);
        if let Err(e) = write_new(&path, text) {
            // Leave nothing half-made behind.
            for p in &written {
                let _ = std::fs::remove_file(p);
            }
            return Err(e);
        }
        written.push(path);
    }
    // `.gitignore` keeps the edits' lock file out of git. One that is there already
    // (the directory may be a repository's root) is left alone, as every file is.
    let ignore = dir.join(".gitignore");
    let mut ignore_note = None;
    if ignore.exists() {
        let lists_lock = std::fs::read_to_string(&ignore).is_ok_and(|t| {
            t.lines()
                .any(|l| l.trim().trim_start_matches('/') == crate::edit::LOCK_FILE)
        });
        if !lists_lock {
            ignore_note = Some(msg::gitignore_left_alone(
                &ignore.display().to_string(),
                crate::edit::LOCK_FILE,
            ));
        }
    } else {
        let text = match lang {
            Lang::Zh => GITIGNORE_ZH,
            Lang::En => GITIGNORE_EN,
        };
        if let Err(e) = write_new(&ignore, text) {
            for p in &written {
                let _ = std::fs::remove_file(p);
            }
            return Err(e);
        }
        written.push(ignore);
    }
    // A path is text like any other: a directory named with ESC must not reach the
    // terminal raw.
    let shown = |p: &std::path::Path| one_line(&p.display().to_string()).into_owned();
    for p in &written {
        writeln!(out, "{}", shown(p))?;
    }
    if let Some(note) = ignore_note {
        writeln!(out, "\n{}", note.get(lang))?;
    }
    let next = msg::init_next(&shown(dir));
    writeln!(out, "\n{}", next.get(lang))?;
    Ok(Exit::Ok)
}

/// Creates `path`, failing if it exists (another process may have made it since the
/// check).
fn write_new(path: &Path, text: &str) -> Result<(), Error> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .because(|| msg::cannot_create(&path.display().to_string()))?;
    f.write_all(text.as_bytes())
        .because(|| msg::cannot_write(&path.display().to_string()))?;
    Ok(())
}

/// The five files, with the example dates filled in.
fn starter(lang: Lang, q: Quarter) -> Vec<(&'static str, String)> {
    let templates = match lang {
        Lang::Zh => [ORG_ZH, GROUPS_ZH, TASKS_ZH, MEETINGS_ZH, CALENDAR_ZH],
        Lang::En => [ORG_EN, GROUPS_EN, TASKS_EN, MEETINGS_EN, CALENDAR_EN],
    };
    let first = q.first_day();
    let last = q.last_day();
    let mid = first + chrono::Duration::days(14);
    let fill = |t: &str| {
        t.replace("{QUARTER}", &q.to_string())
            .replace("{YEAR}", &first.format("%Y").to_string())
            .replace("{FIRST}", &first.to_string())
            .replace("{MID}", &mid.to_string())
            .replace("{LAST}", &last.to_string())
    };
    [
        "org.toml",
        "groups.toml",
        "tasks.toml",
        "meetings.toml",
        "calendar.toml",
    ]
    .into_iter()
    .zip(templates)
    .map(|(name, t)| (name, fill(t)))
    .collect()
}

const ORG_ZH: &str = r#"# org.toml — 组织、单位和人员（必需文件）
#
# 这是 wg 数据目录的起始文件，由 `wg init` 生成。把示例换成你们自己的组织、单位和人员，
# 然后运行 `wg check`：所有文件中的所有问题会一次列出，并指明文件、行和列。
#
# 通用规则：
# - 日期写成不带引号的 TOML 日期，如 2026-03-31。
# - 引用人员或单位时，写它的 id、name 或 aliases 中的任何一个都可以；名字里的空白
#   不计（"张 三" 就是 张三）。
# - 写错的键名会报错，并提示最接近的正确键名。

[org]
name = "示例市总工会"            # 必填：组织名称
short_name = "市总"              # 可选：简称
timezone = "Asia/Shanghai"       # 可选：IANA 时区名，决定“今天”是哪一天（默认用系统时区）
lang = "zh"                      # 可选："zh" 或 "en"，报表标签和提示信息的语言（默认 "zh"）

# [org.warnings]：可选，预警。在办任务逾期为红色，距截止 yellow_days 天以内为黄色
# （有 calendar.toml 时按工作日计），其余为绿色；已完成、已取消的任务不预警。
[org.warnings]
yellow_days = 3                  # 默认 3
# blue_days = 15                 # 可选：距截止 15 天以内为蓝色（比黄色更早的提醒），须大于 yellow_days

# [[units]]：单位，每个一节。小组的牵头单位、成员单位和任务的牵头单位都引用这里。
[[units]]
name = "基层工作部"               # 必填，唯一：单位名称
id = "jiceng"                    # 可选，唯一：命令行上好输入的短名（默认等于 name）
kind = "department"              # 可选：department 机关部门（默认）| industry-union 产业工会
                                 #       | affiliate 直属单位 | external 外部单位（如厅局）
aliases = ["市总工会基层工作部"]    # 可选：同一单位在文件里的其他写法

[[units]]
name = "权益保障部"
id = "quanyi"

# [[people]]：人员，每人一节。
[[people]]
name = "张三"                     # 必填：姓名
id = "zhangsan"                  # 可选，唯一（默认等于 name；两人同名时必须写）
title = "市总工会副主席"           # 可选：职务，议程和名单里显示
unit = "jiceng"                  # 可选：所在单位（单位引用）
email = "zhangsan@example.org"   # 可选：邮箱

[[people]]
name = "李四"
title = "市总工会基层工作部部长"
unit = "基层工作部"

[[people]]
name = "王五"
title = "市总工会权益保障部部长"
unit = "quanyi"
"#;

const GROUPS_ZH: &str = r#"# groups.toml — 领导小组、办公室和专项小组（必需文件）
#
# 必须恰有一个 kind = "leading" 的小组（领导小组），它不写 parent；办公室和专项小组都要
# 写 parent，各小组组成一棵树。小组按本文件中的顺序显示。
# 一个人在同一个小组里只能有一个席位，但可以在多个小组任职。

[[groups]]
id = "leading"                   # 必填，唯一：编号，命令行上使用（wg roster show leading）
name = "示例工作领导小组"          # 必填：名称
short_name = "领导小组"            # 可选：简称；表格为适应终端宽度而变窄时，小组一栏显示它
kind = "leading"                 # 必填：leading 领导小组 | office 办公室 | special 专项小组
meets = "quarterly"              # 可选：quarterly 每季度 | monthly 每月 | as-needed 根据需要（默认）
leader = "张三"                   # 组长（人员引用）；季度会议议程中的主持人
deputies = ["李四"]               # 副组长（人员引用列表）
executive_deputy = "李四"         # 可选：常务副组长，须是 deputies 中的一人
members = ["王五"]                # 成员（人员引用列表）
duties = [                       # 主要职责，每项一个字符串
  "统一部署和组织开展有关工作",
  "协调解决工作推进中的重大问题",
]
# role_titles：可选，改写席位的称呼；不写时按小组类型取默认值（领导小组、专项小组：
# 组长/副组长/常务副组长/成员；办公室：主任/副主任/常务副主任/成员）。例如：
# role_titles = { leader = "组长", deputy = "副组长", executive_deputy = "常务副组长", member = "成员" }

[[groups]]
id = "office"
name = "领导小组办公室"
kind = "office"
parent = "leading"               # 上级小组的 id（office 和 special 必填）
host_unit = "基层工作部"           # 可选：办公室设在哪个单位
meets = "as-needed"
leader = "李四"                   # 办公室主任
members = ["王五"]
lead_unit = "基层工作部"           # 牵头单位（单位引用）；小组的任务默认由它牵头
member_units = ["权益保障部"]       # 成员单位（单位引用列表）
duties = ["协调、落实、督查、督办领导小组有关部署安排"]

[[groups]]
id = "membership"
name = "建会入会专项小组"
kind = "special"
parent = "leading"
leader = "李四"
members = ["王五"]
lead_unit = "jiceng"
member_units = ["quanyi"]
duties = ["推进新就业形态劳动者建会入会工作"]
"#;

const GITIGNORE_ZH: &str = "# wg 修改数据时使用的锁文件，不纳入版本管理\n.wg.lock\n# wg tasks remind --sendmail 的发送记录，不是数据\n.wg-sent.toml\n";
const GITIGNORE_EN: &str = "# the lock file wg takes while it edits the data; not for git\n.wg.lock\n# what wg tasks remind --sendmail mailed: a log, not data\n.wg-sent.toml\n";

const TASKS_ZH: &str = r#"# tasks.toml — 任务清单（可选文件）
#
# 任务也可以分放在 tasks/ 目录下的多个 .toml 文件里（例如每个小组一个文件）。
# 逾期：状态不是 done 或 cancelled，写了 due，且 due 早于今天（当天到期不算逾期）。
# 修改状态、记录进展可以直接编辑本文件，也可以用 wg tasks add / edit / extend / done / status / note。

[[tasks]]
id = "JH-01"                     # 必填，在所有任务文件中唯一：字母、数字和 - _ .
title = "开展快递员集中入会活动"     # 必填：任务名称
group = "membership"             # 必填：所属小组的 id
lead_unit = "基层工作部"           # 可选：牵头单位（默认为所属小组的 lead_unit）
units = ["权益保障部"]             # 可选：配合单位
owner = "李四"                    # 可选：责任人
start = {FIRST}               # 可选：开始日期
due = {LAST}                 # 可选：截止日期；没有 due 的任务不会逾期
status = "in-progress"           # 可选：todo | in-progress | blocked | done | cancelled（默认 todo）
                                 # 也可以写 未开始 | 进行中 | 受阻 | 已完成 | 已取消
# done_on = {LAST}           # status 为 done 时必填（完成日期），其他状态不能写
targets = ["快递员"]               # 可选：服务对象
outcome = "新发展会员不少于 500 人"  # 可选：成效要求
# original_due = {MID}       # 由 wg tasks extend（延期）写入：第一次延期前的截止日期

[[tasks.updates]]                # 可选：进展情况，每条一节，从早到晚
date = {MID}                # 必填：日期
note = "已在两个区开展试点"         # 必填：进展内容（进展情况）
problems = "部分站点负责人不配合"    # 可选：存在问题
next_steps = "下周约谈站点负责人"    # 可选：下一步措施
by = "基层工作部"                  # 可选：报送的单位或个人

[[tasks]]
id = "LD-01"
title = "向领导小组报送季度工作总结"
group = "office"
owner = "李四"
due = {LAST}
repeat = "quarterly"             # 可选：monthly | quarterly | yearly（或 每月 | 每季度 | 每年）。从 due 起每月/每季/每年一次，
                                 # 没有的日子取当月最后一天（1 月 31 日 → 2 月 28 日）
# done_through = {LAST}      # 可选，仅重复任务：已完成到哪一次（wg tasks done 会推进它）
"#;

const MEETINGS_ZH: &str = r#"# meetings.toml — 会议和需要传达学习的上级精神（可选文件）
#
# `wg meeting agenda` 用这里的会议（时间、地点、其他议题）和上级精神生成季度会议议程；
# `wg meeting list` 列出会议，并标出领导小组（meets = "quarterly"）没有开会的季度；
# `wg meeting ics` 导出日历。

[[meetings]]
group = "leading"                # 必填：小组 id
date = {LAST}                # 必填：会议日期（计划召开或已召开）
title = "领导小组第一次会议"        # 可选：会议名称
location = "市总工会 3 楼会议室"    # 可选：地点
items = ["审议任务清单和责任分工"]   # 可选：会议的其他议题，列在议程“其他事项”中

[[directives]]
title = "上级工会关于推进新就业形态劳动者入会工作的通知"   # 必填：文件或会议精神
from = "上级工会"                  # 可选：来文单位
date = {FIRST}                # 必填：收到或印发日期
# studied_on = {LAST}        # 可选：领导小组传达学习的日期；不写表示尚未学习，会列入议程
"#;

const CALENDAR_ZH: &str = r#"# calendar.toml — 法定节假日和调休上班日（可选文件）
#
# 有了这个文件，逾期任务还会显示逾期的工作日数，`wg tasks due --working-days` 按工作日
# 计算。请照国务院办公厅每年发布的部分节假日安排通知填写；本文件没有写到的年份按周一至
# 周五计算，wg 会提示一次。删除本文件则不计算工作日。
#
# 每段放假写一节 [[holidays]]，每个调休上班的周末写一节 [[workdays]]，例如：
#
# [[holidays]]
# name = "国庆节"                 # 必填：节日名称
# from = {YEAR}-10-01             # 必填：放假第一天
# to = {YEAR}-10-07               # 必填：放假最后一天
#
# [[workdays]]
# date = {YEAR}-10-10             # 必填：调休上班的日期
# name = "国庆节调休"              # 可选
"#;

const ORG_EN: &str = r#"# org.toml — the organisation, its units and its people (required)
#
# A starter file written by `wg init`. Replace the examples with your own, then run
# `wg check`: it lists every problem in every file at once, with file, line and column.
#
# Rules for every file:
# - Dates are TOML dates without quotes: 2026-03-31.
# - A person or unit may be referred to by its id, its name or one of its aliases;
#   whitespace inside names is ignored ("Mary  Okafor" is Mary Okafor).
# - A misspelt key is an error, with the nearest right key suggested.

[org]
name = "Example City Trades Council"   # required: the organisation's name
short_name = "ECTC"              # optional: short name
timezone = "Europe/London"       # optional: IANA zone; decides what "today" is (default: the system's)
lang = "en"                      # optional: "zh" or "en", the language of report labels and messages (default "zh")

# [org.warnings]: optional, graded warnings. An open task is red when overdue, yellow
# when due within yellow_days (working days when calendar.toml exists), else green;
# done and cancelled tasks have no level.
[org.warnings]
yellow_days = 3                  # the default
# blue_days = 15                 # optional: due within 15 days is blue (an earlier notice); more than yellow_days

# [[units]]: one table a unit. Groups and tasks refer to them as lead and member units.
[[units]]
name = "Organising Department"   # required, unique
id = "organising"                # optional, unique: a short handle for the command line (default: name)
kind = "department"              # optional: department (default) | industry-union | affiliate
                                 #           | external (a body outside the organisation)
aliases = ["Organising Dept"]    # optional: other spellings of the same unit

[[units]]
name = "Rights and Advice"
id = "rights"

# [[people]]: one table a person.
[[people]]
name = "Mary Okafor"             # required
id = "mary-okafor"               # optional, unique (default: name; required when two share a name)
title = "President"              # optional: shown on agendas and rosters
unit = "organising"              # optional: a unit reference
email = "mary@example.org"       # optional

[[people]]
name = "Tom Hughes"
title = "Head of Organising"
unit = "Organising Department"

[[people]]
name = "Priya Shah"
title = "Head of Rights and Advice"
unit = "rights"
"#;

const GROUPS_EN: &str = r#"# groups.toml — the leading group, its office and special groups (required)
#
# Exactly one group has kind = "leading" and no parent; every office and special group
# names its parent, and the groups form a tree. Groups are shown in file order.
# A person holds at most one seat in a group, and may sit in many groups.

[[groups]]
id = "steering"                  # required, unique: what you type (wg roster show steering)
name = "Steering Group"          # required
# short_name = "Steering"        # optional: shown instead of the name in tables narrowed to fit a terminal
kind = "leading"                 # required: leading | office | special
meets = "quarterly"              # optional: quarterly | monthly | as-needed (default)
leader = "Mary Okafor"           # a person reference; chairs the quarterly meeting
deputies = ["Tom Hughes"]        # person references
executive_deputy = "Tom Hughes"  # optional: must be one of the deputies
members = ["Priya Shah"]         # person references
duties = [                       # one duty a string
  "Set the priorities for organising gig-economy workers",
  "Resolve problems the groups cannot solve on their own",
]
# role_titles: optional names for the seats; unset ones default by kind (Leader,
# Deputy leader, Executive deputy leader, Member; in an office Director, Deputy
# director, Executive deputy director, Member). For example:
# role_titles = { leader = "Chair", deputy = "Vice-chair", executive_deputy = "First vice-chair", member = "Member" }

[[groups]]
id = "office"
name = "Steering Group Office"
kind = "office"
parent = "steering"              # the parent group's id (required for office and special)
host_unit = "Organising Dept"    # optional: the unit that hosts the office
meets = "as-needed"
leader = "Tom Hughes"
members = ["Priya Shah"]
lead_unit = "Organising Department"   # a unit reference; the group's tasks default to it
member_units = ["Rights and Advice"]  # unit references
duties = ["Follow up the steering group's decisions"]

[[groups]]
id = "recruitment"
name = "Recruitment Group"
kind = "special"
parent = "steering"
leader = "Tom Hughes"
members = ["Priya Shah"]
lead_unit = "organising"
member_units = ["rights"]
duties = ["Recruit couriers and delivery riders into membership"]
"#;

const TASKS_EN: &str = r#"# tasks.toml — the task list (optional)
#
# Tasks may also live in several files under tasks/ (one a group, say).
# Overdue: status is not done or cancelled, `due` is set and before today (a task due
# today is not overdue). Edit this file by hand, or use wg tasks add / edit / extend /
# done / status / note.

[[tasks]]
id = "RC-01"                     # required, unique across task files: letters, digits, - _ .
title = "Courier recruitment drive"   # required
group = "recruitment"            # required: the owning group's id
lead_unit = "Organising Department"   # optional: defaults to the group's lead_unit
units = ["Rights and Advice"]    # optional: supporting units
owner = "Tom Hughes"             # optional: the person responsible
start = {FIRST}               # optional
due = {LAST}                 # optional; a task without due is never overdue
status = "in-progress"           # optional: todo (default) | in-progress | blocked | done | cancelled
# done_on = {LAST}           # required when status is done, an error otherwise
targets = ["couriers"]           # optional: worker groups served
outcome = "At least 500 new members"   # optional: the outcome required
# original_due = {MID}       # written by wg tasks extend: the due date before the first extension

[[tasks.updates]]                # optional progress notes, one table each, oldest first
date = {MID}                # required
note = "Pilots running in two depots"   # required: what happened
problems = "Two depot managers do not cooperate"   # optional: problems met
next_steps = "Meet the depot managers next week"   # optional: the next steps
by = "Organising Department"     # optional: the unit or person who reported

[[tasks]]
id = "OF-01"
title = "Quarterly report to the steering group"
group = "office"
owner = "Tom Hughes"
due = {LAST}
repeat = "quarterly"             # optional: monthly | quarterly | yearly, counted from due; a day
                                 # the month lacks becomes its last day (01-31 -> 02-28)
# done_through = {LAST}      # optional, repeating tasks only: last occurrence completed
"#;

const MEETINGS_EN: &str = r#"# meetings.toml — meetings, and directives to convey and study (optional)
#
# `wg meeting agenda` builds the quarterly agenda from these meetings (date, place,
# extra items) and directives; `wg meeting list` lists them and flags quarters in which
# a group with meets = "quarterly" has none; `wg meeting ics` exports a calendar.

[[meetings]]
group = "steering"               # required: a group id
date = {LAST}                # required: planned or held
title = "Steering group, first meeting"   # optional
location = "Council House, Room 2"        # optional
items = ["Agree the task list and who leads what"]   # optional: extra agenda items

[[directives]]
title = "National guidance on organising platform workers"   # required
from = "National Centre"         # optional: who issued it
date = {FIRST}                # required: received or issued
# studied_on = {LAST}        # optional: when the leading group studied it; unset = on the agenda
"#;

const CALENDAR_EN: &str = r#"# calendar.toml — public holidays and made-up working days (optional)
#
# With this file, overdue tasks also show working days overdue, and
# `wg tasks due --working-days` counts in working days. Fill it in from the official
# holiday notice for each year; a year it does not cover is counted Monday to Friday,
# and wg says so once. Delete the file to leave working days out altogether.
#
# One [[holidays]] table a holiday, one [[workdays]] table a weekend day worked:
#
# [[holidays]]
# name = "Christmas"              # required
# from = {YEAR}-12-25             # required: first day off
# to = {YEAR}-12-26               # required: last day off
#
# [[workdays]]
# date = {YEAR}-12-27             # required: a weekend day that is a working day
# name = "Make-up day"            # optional
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_is_filled() {
        for lang in [Lang::Zh, Lang::En] {
            for (name, text) in starter(lang, Quarter { year: 2026, q: 3 }) {
                for p in ["{QUARTER}", "{YEAR}", "{FIRST}", "{MID}", "{LAST}"] {
                    assert!(!text.contains(p), "{name} still has {p}");
                }
            }
        }
    }
}
