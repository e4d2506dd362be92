//! Every user-facing label of reports, in Chinese and English, in one table.
//! Diagnostics are in English (see README: "Languages").

use crate::model::{Cadence, GroupKind, Lang, Repeat, Role, Status, UnitKind, Warning};

macro_rules! labels {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// A label; [`L::get`] gives its text in a language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum L { $($key),* }

        impl L {
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((L::$key, Lang::Zh) => $zh, (L::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

labels! {
    // Group kinds and cadences.
    KindLeading => "领导小组", "Leading group";
    KindOffice => "办公室", "Office";
    KindSpecial => "专项小组", "Special group";
    Quarterly => "每季度", "quarterly";
    Monthly => "每月", "monthly";
    AsNeeded => "根据需要不定期", "as needed";
    // Default role titles.
    Leader => "组长", "Leader";
    Deputy => "副组长", "Deputy leader";
    ExecutiveDeputy => "常务副组长", "Executive deputy leader";
    Member => "成员", "Member";
    Director => "主任", "Director";
    DeputyDirector => "副主任", "Deputy director";
    ExecutiveDeputyDirector => "常务副主任", "Executive deputy director";
    // Unit kinds.
    Department => "机关部门", "department";
    IndustryUnion => "产业工会", "industry union";
    Affiliate => "直属单位", "affiliate";
    External => "外部单位", "external";
    // Roster fields and columns.
    Kind => "类型", "Kind";
    Parent => "上级", "Parent";
    HostUnit => "设在", "Hosted by";
    Meets => "会议", "Meets";
    LeadUnit => "牵头单位", "Lead unit";
    MemberUnits => "成员单位", "Member units";
    Duties => "主要职责", "Duties";
    Seats => "组成人员", "Seats";
    Role => "职务", "Role";
    Name => "姓名", "Name";
    Title => "职务", "Title";
    PersonTitle => "单位职务", "Title";
    Unit => "单位", "Unit";
    Group => "小组", "Group";
    Groups => "小组", "Groups";
    Leads => "牵头", "Leads";
    MemberOf => "成员", "Member of";
    Id => "编号", "ID";
    Tasks => "任务", "Tasks";
    Email => "邮箱", "Email";
    NoTasks => "（无任务）", "(no tasks)";
    NoSeats => "（未在任何小组任职）", "(holds no seat)";
    // Not "—" in Chinese: terminals set up for Chinese draw it two columns wide, and
    // the columns of a table would no longer line up.
    None => "无", "—";
    // Tasks.
    TaskTitle => "任务", "Task";
    Owner => "责任人", "Owner";
    Due => "截止", "Due";
    Status => "状态", "Status";
    Start => "开始", "Start";
    DoneOn => "完成日期", "Done on";
    Repeat => "重复", "Repeats";
    DoneThrough => "已完成至", "Done through";
    Targets => "服务对象", "Serves";
    Outcome => "成效要求", "Outcome";
    Units => "配合单位", "Supporting units";
    Updates => "进展情况", "Progress notes";
    DaysOverdue => "逾期天数", "Days overdue";
    WorkingDaysOverdue => "逾期工作日", "Working days overdue";
    Missed => "漏办次数", "Missed";
    Todo => "未开始", "todo";
    InProgress => "进行中", "in progress";
    Blocked => "受阻", "blocked";
    Done => "已完成", "done";
    Cancelled => "已取消", "cancelled";
    Monthly2 => "每月", "monthly";
    Quarterly2 => "每季度", "quarterly";
    Yearly => "每年", "yearly";
    // Edits (wg tasks done|status|note): the one line saying what changed.
    EditStatus => "状态", "status";
    EditDoneOn => "完成日期", "done_on";
    EditDoneThrough => "已完成至", "done_through";
    EditNoteAdded => "新增进展情况", "note added";
    EditReadings => "指标数据", "readings";
    EditRemoved => "已删除", "removed";
    EditUnchanged => "未改变", "unchanged";
    // wg tasks add|edit|extend.
    EditAdded => "已新增任务", "task added";
    EditNewFile => "新文件", "new file";
    EditDryRun => "预览，未写入", "dry run, nothing written";
    EditWouldGo => "将写入", "would go to";
    EditNothing => "无变化", "nothing to change";
    EditExtended => "延期", "extended";
    EditOriginalDue => "原截止", "original_due";
    // Meetings, the agenda and the evaluation (wg meeting, wg report). Templates fill
    // `{name}` placeholders (command::meeting::fill).
    AgendaTitle => "{group}{quarter}会议议程", "{group} — agenda, {quarter}";
    AgendaQuarter => "{year}年{q}", "{year} {q}";
    AgendaQ1 => "第一季度", "Q1";
    AgendaQ2 => "第二季度", "Q2";
    AgendaQ3 => "第三季度", "Q3";
    AgendaQ4 => "第四季度", "Q4";
    AgendaMeeting => "会议名称", "Meeting";
    AgendaDate => "会议时间", "Date";
    AgendaPlace => "会议地点", "Place";
    AgendaChair => "主持人", "Chair";
    AgendaAttendees => "出席人员", "Attendees";
    AgendaAllMembers => "{group}全体成员（名单附后）", "all members of the {group} (list annexed)";
    AgendaToBeSet => "待定", "to be set";
    AgendaMeetsNote => "注：本小组{cadence}召开会议，不按季度召开；本议程汇总{quarter}情况，供召开会议时使用。", "Note: this group meets {cadence}, not quarterly; this agenda sums up {quarter} for whenever it meets.";
    AgendaDirectives => "一、传达学习上级重要会议、文件和指示批示精神", "1. Directives to convey and study";
    AgendaReports => "二、听取工作进展情况汇报", "2. Progress reports";
    AgendaProblems => "三、研究解决工作推进中的问题矛盾", "3. Problems to solve";
    AgendaNextStage => "四、部署下一阶段重点任务（{quarter}）", "4. Next stage: key tasks due in {quarter}";
    AgendaOther => "五、其他事项", "5. Other business";
    AgendaAnnex => "附：出席人员名单", "Annex: attendees";
    AgendaNoDirectives => "（无待传达学习的上级精神）", "(no directives awaiting study)";
    AgendaNoReports => "（无下属小组）", "(no groups report to this one)";
    AgendaNoProblems => "（无逾期、受阻或进度滞后的任务）", "(no overdue, blocked or behind-schedule tasks)";
    AgendaNoNextStage => "（下一季度无到期任务）", "(no open tasks fall due next quarter)";
    AgendaNone => "（无）", "(none)";
    AgendaReportItem => "{group}工作进展情况（汇报人：{reporter}）", "{group} (reported by {reporter})";
    AgendaNoReporter => "未指定", "not named";
    AgendaFigures => "本季度到期任务 {due} 项，已完成 {done} 项；本季度完成任务 {done_in} 项；在办任务 {open} 项，其中逾期 {overdue} 项、受阻 {blocked} 项", "Due this quarter: {done} of {due} done; done this quarter: {done_in}; open: {open}, of which {overdue} overdue and {blocked} blocked";
    AgendaOverdueBy => "截止 {due}，逾期 {days} 天", "Due {due}, {days} days overdue";
    AgendaMissed => "（漏办 {missed} 次）", " ({missed} occurrences missed)";
    AgendaWorkingDays => "（{n} 个工作日）", " ({n} working days)";
    AgendaDueOn => "截止 {due}", "Due {due}";
    AgendaLatest => "最新进展", "Latest progress";
    AgendaExtended => "延期任务 {count} 项：{tasks}", "Extended: {tasks}";
    AgendaExtendedTask => "{id} {title}（原截止 {original}，延期至 {due}）", "{id} {title} (originally due {original}, now {due})";
    AgendaExtendedFrom => "（原截止 {original}，已延期）", " (extended from {original})";
    MtgDate => "日期", "Date";
    MtgQuarter => "季度", "Quarter";
    MtgTitle => "会议", "Meeting";
    MtgPlace => "地点", "Place";
    MtgPlanned => "计划召开", "planned";
    MtgHeld => "已召开", "held";
    MtgMissing => "！本季度无会议", "! no meeting";
    MtgCount => "会议 {count} 次；{missing} 个季度缺少季度会议", "Meetings: {count}; quarters without a quarterly meeting: {missing}";
    MtgMissingMonth => "！本月无会议", "! no meeting this month";
    MtgCountMonths => "；{missing} 个月缺少月度会议", "; months without a monthly meeting: {missing}";
    EvalTitle => "{quarter}检查评估（截至 {cutoff}）", "Evaluation, {quarter} (as of {cutoff})";
    EvalDue => "到期任务", "Due";
    EvalDone => "已完成", "Done";
    EvalOnTime => "按期完成", "On time";
    EvalLate => "逾期完成", "Late";
    EvalOverdue => "逾期未完成", "Overdue";
    EvalOpen => "在办", "Open";
    EvalBlocked => "受阻", "Blocked";
    EvalExtended => "延期", "Extended";
    EvalExtendedTask => "{id}（原截止 {original}，延期至 {due}，{days} 天）", "{id} (originally due {original}, now {due}: {days} days)";
    EvalRate => "按期完成率", "On-time rate";
    EvalTotal => "合计", "Total";
    EvalNoLeadUnit => "（未定牵头单位）", "(no lead unit)";
    EvalNote => "注：统计截至 {cutoff}（季度末或今日，取其早者），季度末前未完成的到期任务计为逾期未完成；到期任务 = 已完成 + 逾期未完成 + 在办；按期完成率 = 按期完成 ÷（已完成 + 逾期未完成）；受阻为 {as_of} 处于受阻状态的全部任务（不论截止日期）；延期为原截止日期在本季度、截止日期已推后的任务（按新的截止日期统计）；预警统计 {as_of} 的全部在办任务（不论截止日期）。", "Note: counted as of {cutoff} (the quarter's end or today, whichever is earlier): a task not done by the quarter's end is overdue; due = done + overdue + open; on-time rate = on time / (done + overdue); blocked counts every task blocked on {as_of}, whatever its due date; extended counts the tasks originally due in the quarter whose deadline was moved later (counted under their new due date); warnings count every task open on {as_of}, whatever its due date.";
    EvalNoteBacklog => "上期结转 = 截止日期在本季度之前、本季度开始时仍未完成的任务 = 结转已完成（截至 {cutoff} 已完成）+ 结转未完成；重复任务有本季度前的期次未完成的，计为结转未完成。", "Carried in = due before the quarter and still open at its start = carried, done (done by {cutoff}) + carried, open; a repeating task with an occurrence before the quarter not done counts as carried, open.";
    EvalNoteOutcome => "有量化指标 = 本季度到期和上期结转的任务中设有成效指标的任务；成效达标 = 其中各项指标截至 {cutoff} 的最新数据均达到目标的任务；完成但成效未达标 = 已完成（计入已完成）但有指标未达到目标的任务；进度滞后 = {as_of} 时间进度超过目标完成进度 20 个百分点以上的在办任务。", "With indicators = tasks due in the quarter or carried in that have indicators; outcome met = of those, every indicator's latest reading by {cutoff} reaches its target; done, outcome not met = done (and counted as done) with an indicator short of its target; behind schedule = open on {as_of} with the share of time elapsed more than 20 points ahead of the share of a target reached.";
    EvalNoteRank => "排名按按期完成率从高到低，完成率相同者名次并列；没有已到期任务的不参与排名（排名为“无”）。", "Ranked by on-time rate, highest first, equal rates sharing a place; a row with nothing settled by the cut-off has no rate and no rank (—).";
    EvalNoteSupporting => "每项任务只计入其牵头单位；配合单位另表统计其配合（不牵头）的任务，不重复计入合计。", "Each task counts under its lead unit only; the supporting units' table counts the tasks each supports (and does not lead), and is not part of the total.";
    EvalUnranked => "未排名（截至统计日无已到期任务）：{names}", "Not ranked (nothing settled by the cut-off): {names}";
    EvalRank => "排名", "Rank";
    EvalCarried => "上期结转", "Carried in";
    EvalCleared => "结转已完成", "Carried, done";
    EvalCarriedOpen => "结转未完成", "Carried, open";
    EvalWithIndicators => "有量化指标", "With indicators";
    EvalOutcomeMet => "成效达标", "Outcome met";
    EvalDoneUnmet => "完成但成效未达标", "Done, outcome not met";
    EvalBehind => "进度滞后", "Behind schedule";
    EvalNoOwner => "（未定责任人）", "(no owner)";
    EvalSupporting => "配合单位（只计配合、不牵头的任务，不计入合计）", "Supporting units (tasks they support but do not lead; not in the total)";
    IcsCalendar => "{org}会议和任务日程", "{org}: meetings and deadlines";
    IcsMeeting => "{group}会议", "{group} meeting";
    IcsDue => "截止：{id} {title}", "Due: {id} {title}";
    // Task reports (wg tasks list|overdue|due|show).
    TasksHeading => "任务清单", "Tasks";
    OverdueHeading => "逾期任务", "Overdue tasks";
    DueHeading => "近期到期任务", "Tasks falling due";
    NoOverdue => "没有逾期任务", "Nothing is overdue";
    NoMatch => "没有符合条件的任务", "No task matches";
    ByGroup => "按小组汇总", "By group";
    ByUnit => "按牵头单位汇总", "By lead unit";
    ByOwner => "按责任人汇总", "By owner";
    Band1To7 => "1-7天", "1-7 days";
    Band8To30 => "8-30天", "8-30 days";
    Band31To90 => "31-90天", "31-90 days";
    BandOver90 => "90天以上", "over 90 days";
    Total => "合计", "Total";
    DaysLeft => "剩余天数", "Days left";
    WorkingDaysLeft => "剩余工作日", "Working days left";
    NextDue => "下次截止", "Next due";
    DoneLate => "逾期完成", "done late";
    Late => "逾期", "late";
    DoneOnTime => "按期完成", "on time";
    WrittenIn => "所在文件", "Written in";
    Unassigned => "（未指定）", "(none)";
    NoUpdates => "（无进展记录）", "(no progress notes)";
    OriginalDue => "原截止", "Original due";
    ExtendedBy => "已延期 {days} 天", "extended by {days} days";
    Extended => "延期", "extended";
    UpdateProblems => "存在问题", "Problems";
    UpdateNextSteps => "下一步措施", "Next steps";
    UpdateBy => "报送", "Reported by";
    AsOf => "截至", "as of";
    // Graded warnings (预警): the column, the levels, and the counts in the agenda and
    // the evaluation.
    Warning => "预警", "Warning";
    WarnRed => "红", "red";
    WarnYellow => "黄", "yellow";
    WarnBlue => "蓝", "blue";
    WarnGreen => "绿", "green";
    AgendaWarnings => "预警：红色 {red} 项、黄色 {yellow} 项、绿色 {green} 项", "Warnings: {red} red, {yellow} yellow, {green} green";
    AgendaWarningsBlue => "预警：红色 {red} 项、黄色 {yellow} 项、蓝色 {blue} 项、绿色 {green} 项", "Warnings: {red} red, {yellow} yellow, {blue} blue, {green} green";
    EvalRed => "红色预警", "Red";
    EvalYellow => "黄色预警", "Yellow";
    EvalBlue => "蓝色预警", "Blue";
    EvalGreen => "绿色（正常）", "Green";
    // Indicators (成效要求 as numbers) and behind schedule: tasks show, the agenda, the
    // evaluation.
    Indicators => "成效指标", "Indicators";
    IndReading => "{name} {value}/{target}{unit}，{share}", "{name} {value}/{target}{unit}, {share}";
    IndNoReading => "{name} 暂无数据（目标 {target}{unit}）", "{name}: no reading yet (target {target}{unit})";
    IndAsOf => "截至 {date}", "as of {date}";
    IndMet => "已达标", "met";
    IndNotMet => "未达标", "not met";
    BehindSchedule => "进度滞后", "Behind schedule";
    BehindWord => "进度滞后", "behind schedule";
    BehindDetail => "时间已过 {elapsed}，目标完成 {reached}", "{elapsed} of the time gone, {reached} of the target reached";
    Yes => "是", "yes";
    No => "否", "no";
    AgendaIndicators => "成效（{task}）：{indicators}", "Outcomes ({task}): {indicators}";
    // One unit's page (wg roster unit).
    UnitAliases => "又称", "Also written";
    UnitLeads => "牵头小组", "Leads";
    UnitMemberOf => "参加小组", "Member of";
    UnitHosts => "设有", "Hosts";
    UnitPeople => "本单位人员", "People";
}

pub fn group_kind(kind: GroupKind) -> L {
    match kind {
        GroupKind::Leading => L::KindLeading,
        GroupKind::Office => L::KindOffice,
        GroupKind::Special => L::KindSpecial,
    }
}

pub fn cadence(c: Cadence) -> L {
    match c {
        Cadence::Quarterly => L::Quarterly,
        Cadence::Monthly => L::Monthly,
        Cadence::AsNeeded => L::AsNeeded,
    }
}

pub fn unit_kind(k: UnitKind) -> L {
    match k {
        UnitKind::Department => L::Department,
        UnitKind::IndustryUnion => L::IndustryUnion,
        UnitKind::Affiliate => L::Affiliate,
        UnitKind::External => L::External,
    }
}

pub fn status(s: Status) -> L {
    match s {
        Status::Todo => L::Todo,
        Status::InProgress => L::InProgress,
        Status::Blocked => L::Blocked,
        Status::Done => L::Done,
        Status::Cancelled => L::Cancelled,
    }
}

/// The level's word: 红 黄 蓝 绿 / red yellow blue green.
pub fn warning(w: Warning) -> L {
    match w {
        Warning::Red => L::WarnRed,
        Warning::Yellow => L::WarnYellow,
        Warning::Blue => L::WarnBlue,
        Warning::Green => L::WarnGreen,
    }
}

pub fn repeat(r: Repeat) -> L {
    match r {
        Repeat::Monthly => L::Monthly2,
        Repeat::Quarterly => L::Quarterly2,
        Repeat::Yearly => L::Yearly,
    }
}

/// The title of a role in a group of a kind, before the group's own `role_titles`.
pub fn default_role_title(kind: GroupKind, role: Role, executive: bool) -> L {
    match (kind, role, executive) {
        (_, Role::Member, _) => L::Member,
        (GroupKind::Office, Role::Leader, _) => L::Director,
        (GroupKind::Office, Role::Deputy, false) => L::DeputyDirector,
        (GroupKind::Office, Role::Deputy, true) => L::ExecutiveDeputyDirector,
        (_, Role::Leader, _) => L::Leader,
        (_, Role::Deputy, false) => L::Deputy,
        (_, Role::Deputy, true) => L::ExecutiveDeputy,
    }
}

/// The title of a seat as shown: the group's `role_titles` first, then the default.
pub fn role_title(group: &crate::model::Group, role: Role, executive: bool, lang: Lang) -> String {
    let own = match (role, executive) {
        (Role::Leader, _) => &group.role_titles.leader,
        (Role::Deputy, true) => &group.role_titles.executive_deputy,
        (Role::Deputy, false) => &group.role_titles.deputy,
        (Role::Member, _) => &group.role_titles.member,
    };
    match own {
        Some(t) => t.clone(),
        None => default_role_title(group.kind, role, executive)
            .get(lang)
            .to_owned(),
    }
}
