//! Every user-facing text of wg, in Chinese and English, in one place: the labels of
//! reports ([`L`]), and the messages wg itself writes — diagnostics, hints, usage
//! errors, edit refusals, warnings — ([`msg`], each a [`Text`] holding both
//! languages), and the Chinese `--help` ([`help_zh`]). See README, "Languages".

use crate::model::{Cadence, GroupKind, Lang, Repeat, Role, Status, UnitKind, Warning};
use std::borrow::Cow;

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
    // `{name}` placeholders (view::words::fill).
    AgendaTitle => "{group}{quarter}会议议程", "{group} — agenda, {quarter}";
    // The minutes (wg meeting minutes).
    MinutesTitle => "{group}{when}会议纪要", "{group} — minutes of the meeting, {when}";
    MinutesDecisions => "三、会议议定事项", "3. Decisions";
    MinutesNoDecisions => "（本次会议没有议定事项）", "(the meeting made no decisions)";
    MinutesDue => "完成时限", "Due";
    MinutesNoDue => "未定", "not set";
    MinutesTask => "任务编号", "Task";
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
    EvalChartTitle => "{quarter}到期任务完成情况", "Tasks due in {quarter}";
    EvalChartAxis => "任务数（项）", "Tasks";
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
    ByOffice => "按下级单位汇总", "By office";
    Office => "下级单位", "Office";
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
    // The task reports' sentences and punctuation (view::tasks). Templates fill
    // `{name}` placeholders.
    AsOfDate => "截至 {date}", "as of {date}";
    HeadingDetail => "{what}（{detail}）", "{what} ({detail})";
    HeadingCount => "{heading}：{count}", "{heading}: {count}";
    CountTasks => "共 {n} 项", "{n} tasks";
    CountOneTask => "共 1 项", "1 task";
    DueWindow => "{from} 至 {through}", "{from} to {through}";
    DueWindowWorking => "{from} 至 {through}，{n} 个工作日", "{from} to {through}, {n} working days";
    ListSep => "、", ", ";
    Colon => "：", ": ";
    Readings => "（{list}）", " ({list})";
    ShowTitle => "{id} {title}", "{id} {title}";
    Field => "{label}：{value}", "{label}: {value}";
    UpdateLine => "{date}：{note}", "{date}: {note}";
    // The ledger (台账) of tasks: a spreadsheet's columns and sheets.
    LedgerNo => "序号", "No.";
    LedgerMatter => "事项", "Task";
    LedgerGoal => "目标要求", "Target";
    LedgerDeadline => "完成时限", "Deadline";
    LedgerProgress => "进展情况", "Progress";
    LedgerSheet => "任务台账", "Tasks";
    LedgerOverdueSheet => "逾期任务", "Overdue tasks";
    LedgerDueSheet => "近期到期任务", "Falling due";
    LedgerSummarySheet => "逾期汇总", "Summary";
    LedgerOverdueTitle => "逾期任务台账", "Overdue tasks";
    LedgerDueTitle => "近期到期任务台账", "Tasks falling due";
    // The 督办通报 (tasks overdue on paper).
    BulletinTitle => "关于重点任务逾期未办结情况的督办通报", "Bulletin on key tasks overdue";
    BulletinOverall => "总体情况", "Overall";
    BulletinOpening => "截至{date}，{scope}共有任务{total}项，已办结{done}项，占比{share}；未办结{open}项，其中逾期未办结{overdue}项（红色预警），临近截止{yellow}项（黄色预警）。", "As of {date}, {scope}{total} tasks: {done} done ({share}); {open} open, of which {overdue} overdue (red) and {yellow} close to their deadline (yellow).";
    BulletinScope => "{group}", "{group}: ";
    BulletinCancelled => "另有已取消任务{n}项，不计入。", "Cancelled, not counted: {n}.";
    SentenceSep => "", " ";
    BulletinNoneOverdue => "没有逾期未办结的任务。", "No task is overdue.";
    BulletinLagging => "从牵头单位看，逾期任务较多的是{units}。", "By lead unit, the most overdue tasks are with {units}.";
    BulletinUnitCount => "{unit}（{n}项）", "{unit} ({n})";
    BulletinNoLeadUnit => "未定牵头单位", "No lead unit";
    BulletinLongest => "逾期时间最长的是{id}“{title}”，已逾期{days}天。", "The longest overdue is {id} “{title}”: {days} days.";
    BulletinTasks => "逾期未办结任务", "Overdue tasks";
    BulletinUnitHeading => "{unit}（{n}项）", "{unit} ({n})";
    BulletinSummary => "逾期情况汇总", "Summary";
    BulletinRequirements => "工作要求", "What is asked";
    BulletinAsk => "各牵头单位要对照本通报，逐项分析逾期原因，明确整改措施和完成时限，加快推进；办理情况及时报送{office}。", "Each lead unit is asked to find why each of its tasks above is late, set the steps and dates to finish it, and report to the {office}.";
    // The 督办通知单 (wg tasks notice).
    NoticeTitle => "督办通知单", "Supervision notice";
    NoticeAddressee => "{unit}：", "To: {unit}";
    NoticeBody => "截至{date}，你单位牵头的任务中，逾期未办结{overdue}项，临近截止（黄色预警）{yellow}项，具体如下：", "As of {date}, of the tasks your unit leads, overdue: {overdue}; close to their deadline (yellow): {yellow}. They are:";
    NoticeBodyOverdue => "截至{date}，你单位牵头的任务中，逾期未办结{overdue}项，具体如下：", "As of {date}, of the tasks your unit leads, overdue: {overdue}. They are:";
    NoticeBodyYellow => "截至{date}，你单位牵头的任务中，临近截止（黄色预警）{yellow}项，具体如下：", "As of {date}, of the tasks your unit leads, close to their deadline (yellow): {yellow}. They are:";
    NoticeReply => "请抓紧办理，并于{date}前将办理情况书面报送{office}。", "Please act on them and report in writing to the {office} by {date}.";
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
    // Punctuation and sentence frames of the documents (view::words and the views).
    PunctField => "{label}：{value}", "{label}: {value}";
    PunctLabel => "{label}：", "{label}:";
    PunctWith => "{name}（{extra}）", "{name} ({extra})";
    PunctNameTitle => "{name}，{title}", "{name}, {title}";
    PunctSep => "；", "; ";
    PunctComma => "，", ", ";
    PunctList => "、", ", ";
    PunctLegend => "{id} = {name}", "{id} = {name}";
    PunctIdTitle => "{id} {title}", "{id} {title}";
    UnitHeading => "{name}（{id}，{kind}）", "{name} ({id}, {kind})";
    // Sheet names (a spreadsheet's tabs) and table captions.
    SheetEvaluation => "检查评估", "Evaluation";
    SheetSupporting => "配合单位", "Supporting units";
    SheetNextStage => "下一阶段任务", "Next stage";
    SheetAttendees => "出席人员", "Attendees";
    SheetMeetings => "会议", "Meetings";
    SheetRoster => "成员名单", "Members";
    SheetUnits => "单位参与情况", "Units";
    SheetSeats => "任职情况", "Seats";
    SheetTasks => "任务", "Tasks";
    // The meeting list as a document of its own (a ledger's title row).
    MtgListTitle => "会议计划与召开情况", "Meetings planned and held";
    // The evaluation on paper (检查评估报告).
    EvalPaperTitle => "{quarter}重点任务检查评估情况报告", "Evaluation of key tasks, {quarter}";
    EvalPaperAsOf => "（统计截至{date}）", "(counted as of {date})";
    EvalPaperOpening => "截至{date}，本季度到期任务{due}项，已完成{done}项（其中按期完成{on_time}项、逾期完成{late}项），逾期未完成{overdue}项，在办{open}项，按期完成率{rate}；受阻任务{blocked}项，延期任务{extended}项。", "As of {date}, {due} tasks fell due this quarter: {done} done ({on_time} on time, {late} late), {overdue} overdue and {open} open; the on-time rate is {rate}. {blocked} tasks are blocked and {extended} were extended.";
    EvalPaperBacklog => "上期结转任务{carried}项，已完成{cleared}项，仍未完成{carried_open}项。", "{carried} tasks were carried in from earlier quarters: {cleared} done, {carried_open} still open.";
    EvalPaperOutcome => "设有量化指标的任务{with}项，成效达标{met}项，完成但成效未达标{unmet}项，进度滞后{behind}项。", "Of {with} tasks with indicators, {met} met the outcome, {unmet} were done short of it and {behind} are behind schedule.";
    EvalPaperWarnings => "在办任务中，红色预警{red}项、黄色预警{yellow}项、绿色（正常）{green}项。", "Of the open tasks, {red} are red, {yellow} yellow and {green} green.";
    EvalPaperWarningsBlue => "在办任务中，红色预警{red}项、黄色预警{yellow}项、蓝色预警{blue}项、绿色（正常）{green}项。", "Of the open tasks, {red} are red, {yellow} yellow, {blue} blue and {green} green.";
    EvalPaperLowest => "按期完成率最低的是{names}（{rate}）。", "The lowest on-time rate: {names} ({rate}).";
    EvalPaperNoRate => "暂无", "not yet known";
    EvalPaperByGroup => "各小组完成情况", "By group";
    EvalPaperByUnit => "各牵头单位完成情况", "By lead unit";
    EvalPaperByOwner => "各责任人完成情况", "By owner";
    EvalPaperByOffice => "各地完成情况", "By office";
    EvalPaperSupporting => "配合单位情况", "Supporting units";
    EvalPaperAttention => "需要关注的任务", "Tasks to watch";
    // The roster as the 名单 annex.
    RosterAnnexTitle => "{group}成员名单", "{group}: members";
    RosterAnnexGroup => "{group}成员", "{group}";
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

// ---------------------------------------------------------------------------------------
// Messages.

/// A message in both languages. It stays data until it is printed: a diagnostic is made
/// while the files are read, before anyone knows which language the org wants, and the
/// renderer picks the language ([`Text::get`]).
///
/// There is deliberately no `From<String>`: every message goes through [`msg`] (or says
/// with [`Text::verbatim`] that it reads the same in both languages), so an English
/// literal cannot slip into a Chinese run unnoticed.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Text {
    zh: Cow<'static, str>,
    en: Cow<'static, str>,
}

impl Text {
    pub fn new(zh: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// A message without arguments: no allocation.
    pub const fn fixed(zh: &'static str, en: &'static str) -> Text {
        Text {
            zh: Cow::Borrowed(zh),
            en: Cow::Borrowed(en),
        }
    }

    /// Text that is the same in both languages: a path, a name from the data, code.
    pub fn verbatim(s: impl Into<Cow<'static, str>>) -> Text {
        let s = s.into();
        Text {
            zh: s.clone(),
            en: s,
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    pub fn en(&self) -> &str {
        &self.en
    }

    pub fn zh(&self) -> &str {
        &self.zh
    }

    /// Whether either language holds `pat` (for tests and for checks of a message).
    pub fn contains(&self, pat: &str) -> bool {
        self.zh.contains(pat) || self.en.contains(pat)
    }

    /// The same change made to both languages.
    pub fn map(&self, f: impl Fn(Lang, &str) -> String) -> Text {
        Text::new(f(Lang::Zh, &self.zh), f(Lang::En, &self.en))
    }

    /// Texts joined, with a separator for each language (`、` and `, `).
    pub fn join(parts: &[Text], zh: &str, en: &str) -> Text {
        let side = |lang: Lang, sep: &str| {
            parts
                .iter()
                .map(|p| p.get(lang))
                .collect::<Vec<_>>()
                .join(sep)
        };
        Text::new(side(Lang::Zh, zh), side(Lang::En, en))
    }
}

/// English, for logs, `{:?}` and the rare plumbing that has no language (tests).
impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.zh == self.en {
            write!(f, "{:?}", self.en)
        } else {
            write!(f, "{:?}/{:?}", self.en, self.zh)
        }
    }
}

/// A message can be an error's cause (a value parser's, in clap's error).
impl std::error::Error for Text {}

/// A value put into a message. Most read the same in both languages (a name, a path, a
/// number); a [`Text`] gives the words of the language being written.
pub trait Arg {
    fn pick(&self, lang: Lang) -> Cow<'_, str>;
}

impl Arg for str {
    fn pick(&self, _: Lang) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl Arg for String {
    fn pick(&self, _: Lang) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl Arg for Cow<'_, str> {
    fn pick(&self, _: Lang) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl Arg for Text {
    fn pick(&self, lang: Lang) -> Cow<'_, str> {
        Cow::Borrowed(self.get(lang))
    }
}

impl<T: Arg + ?Sized> Arg for &T {
    fn pick(&self, lang: Lang) -> Cow<'_, str> {
        (**self).pick(lang)
    }
}

macro_rules! display_args {
    ($($t:ty),*) => {
        $(impl Arg for $t {
            fn pick(&self, _: Lang) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        })*
    };
}
display_args!(usize, u32, u64, i32, i64, f64, char, chrono::NaiveDate);

/// Defines message functions, the Chinese next to the English: each argument is put in
/// by [`Arg`], so a [`Text`] argument comes in its own language. Placeholders name the
/// arguments (`{name}`); in a message with arguments, literal braces are doubled.
macro_rules! messages {
    ($($(#[$m:meta])* $name:ident($($args:tt)*) => $zh:literal, $en:literal;)*) => {
        $(message_fn!($(#[$m])* $name($($args)*) => $zh, $en);)*
    };
}

macro_rules! message_fn {
    ($(#[$m:meta])* $name:ident() => $zh:literal, $en:literal) => {
        $(#[$m])*
        pub fn $name() -> Text {
            Text::fixed($zh, $en)
        }
    };
    ($(#[$m:meta])* $name:ident($($arg:ident: $ty:ty),+ $(,)?) => $zh:literal, $en:literal) => {
        $(#[$m])*
        #[allow(unused_variables)]
        pub fn $name($($arg: $ty),+) -> Text {
            let zh = { $(let $arg = Arg::pick(&$arg, Lang::Zh);)+ format!($zh) };
            let en = { $(let $arg = Arg::pick(&$arg, Lang::En);)+ format!($en) };
            Text::new(zh, en)
        }
    };
}

/// Every message wg writes, by area. Chinese uses full-width punctuation (，。：；“”（）)
/// but keeps paths, keys and code in ASCII (`due = 2026-03-31`).
pub mod msg {
    use super::{Arg, Text};
    use crate::model::Lang;

    messages! {
        // The frame of every message.
        error_prefix() => "错误：", "error: ";
        warning_prefix() => "警告：", "warning: ";
        /// A note pointing at another place: "first defined at: tasks.toml:3:6".
        see_also(what: &Text, place: &str) => "{what}：{place}", "{what}: {place}";
        did_you_mean(name: &str) => "是否指“{name}”？", "did you mean \"{name}\"?";
        did_you_mean_one_of(list: &Text) => "是否指以下之一：{list}？", "did you mean one of {list}?";

        // Finding the data directory and reading its files.
        data_dir_missing(dir: &str) => "数据目录 {dir} 不存在", "data directory {dir} does not exist";
        data_dir_not_a_dir(dir: &str) => "数据目录 {dir} 不是目录", "data directory {dir} is not a directory";
        data_dir_without_org(dir: &str) => "数据目录 {dir} 中没有 org.toml", "data directory {dir} has no org.toml";
        data_dir_help() => "请让 --data（或 WG_DATA）指向存放 org.toml 的目录，或运行 `wg init DIR` 新建一个", "point --data (or WG_DATA) at the directory that holds org.toml, or run `wg init DIR` to start one";
        no_data_dir(cwd: &str) => "从 {cwd} 找不到数据目录", "no data directory found from {cwd}";
        no_data_dir_help(cwd: &str, data_org: &str) => "已经找过：--data 和 WG_DATA（都没有设置）、{cwd} 及它上面每一级目录中的 org.toml 或 offices.toml（都没有）、{data_org}（不存在）。请用 --data DIR 指定、设置 WG_DATA、进入数据目录，或运行 `wg init DIR` 新建一个", "tried: --data and WG_DATA (neither set), org.toml or offices.toml in {cwd} and every directory above it (not found), {data_org} (not found). Pass --data DIR, set WG_DATA, cd to the data directory, or run `wg init DIR` to start one";
        file_is_a_dir(path: &str) => "{path} 是目录，不是文件", "{path} is a directory, not a file";
        file_missing(path: &str) => "{path} 不存在", "{path} is missing";
        file_unreadable(path: &str, why: &Text) => "无法读取 {path}：{why}", "{path} cannot be read: {why}";
        required_files_help() => "org.toml 和 groups.toml 是必需的；`wg init DIR` 可以写出一套起步文件", "org.toml and groups.toml are required; `wg init DIR` writes a starter set";
        check_permissions_help() => "请检查这个文件的权限，或者删除它", "check the file's permissions, or remove it";
        not_utf8(path: &str) => "{path} 不是有效的 UTF-8 文本", "{path} is not valid UTF-8";
        not_utf8_label() => "不是 UTF-8", "not UTF-8";
        save_as_utf8() => "请把文件另存为 UTF-8 编码（不要用 GBK/GB2312）", "save the file as UTF-8 (not GBK/GB2312)";

        // TOML syntax.
        toml_syntax(what: &Text) => "TOML 语法错误：{what}", "TOML syntax: {what}";
        fix_this_line() => "请修正这一行；这个文件能读通以后，其余部分才会接着检查", "fix this line; the rest of this file is checked once it parses";
        not_written_yyyy_mm_dd(written: &str) => "{written} 不是 YYYY-MM-DD 格式的日期", "{written} is not written YYYY-MM-DD";
        two_digits_each(fix: &str) => "月和日都要写成两位数：{fix}", "write the month and the day with two digits each: {fix}";
        not_a_real_date(written: &str) => "{written} 不是实际存在的日期", "{written} is not a real date";
        not_a_real_date_help() => "日期写作 YYYY-MM-DD，如 2021-09-30；请核对月份和日子", "dates are written YYYY-MM-DD, like 2021-09-30; check the month and the day";
        write_it_as(date: chrono::NaiveDate) => "应写成 {date}", "write it as {date}";
        dates_with_hyphens(fix: &str) => "日期按“年-月-日”用连字符写，月和日各两位，不加引号：{fix}", "write dates as year-month-day with hyphens, two digits each for the month and the day, and no quotes: {fix}";
        not_a_toml_date() => "不是 TOML 的日期写法", "not a date as TOML writes it";
        dates_with_hyphens_like(key: &str) => "日期按“年-月-日”用连字符写，不加引号，如 {key} = 2021-12-31", "write dates as year-month-day with hyphens and no quotes, like {key} = 2021-12-31";
        control_character(code: &str) => "控制字符 U+{code}", "control character U+{code}";
        control_character_help(code: &str) => "TOML 不允许文本中有控制字符；请删掉它，或写成 \\u{code}", "TOML does not allow control characters in text; remove it, or write it as \\u{code}";
        multi_line_never_closed() => "这个多行字符串没有结束", "this multi-line string is never closed";
        end_the_text_with(quotes: &str) => "请在文本末尾写上 {quotes}", "end the text with {quotes}";
        table_then_array_of_tables(name: &str) => "[{name}] 在上面是单个表，不能再写成 [[{name}]] 表的列表：请每一处都写成 [[{name}]]", "[{name}] is a single table above, so it cannot also be a list of [[{name}]] tables: write every one as [[{name}]]";
        table_twice(name: &str) => "[{name}] 在这个文件里出现了两次；请把两处合并成一处", "[{name}] appears twice in this file; merge the two into one";
        key_then_table(line: usize, name: &str) => "第 {line} 行已经写了 `{name} = …`，一个名称只能设置一次：请删掉那一行，把每一项都写成 [[{name}]] 表", "line {line} already sets `{name} = …`, and a name is set only once: remove that line and write each entry as a [[{name}]] table";
        defined_above(name: &str) => "“{name}”在上面已经定义过（作为键或表）；一个名称只能定义一次", "\"{name}\" is already defined above (as a key or a table); a name can be defined only once";
        written_twice() => "写了两次", "written twice";
        not_a_character() => "不是字符", "not a character";
        unicode_escape_help() => "\\u 转义用四位十六进制数表示一个字符（\\u00E9），\\U 用八位；D800–DFFF 不是字符", "a \\u escape names a character by four hex digits (\\u00E9), or \\U by eight; D800–DFFF are not characters";
        nested_too_deeply() => "嵌套太深", "nested too deeply";
        nested_too_deeply_help() => "这里的表和列表嵌套太深，wg 读不了；wg 的文件最多只需要 [[tasks.updates]] 这一层", "tables and lists nest too deeply here for wg to read; wg's files never need more than [[tasks.updates]]";
        full_width_closing_quote() => "这段文字以全角引号（” 或 “）结尾，全角引号不能结束字符串；请改用半角 \"", "this text ends with a full-width quote (” or “), which does not close it; type a half-width \" instead";
        put_text_in_quotes() => "文本要放在半角双引号里：key = \"…\"", "put text in double quotes: key = \"…\"";
        missing_closing_quote() => "文本缺少结尾的 \"；字符串必须在它开始的那一行结束", "the text is missing its closing \"; a string must end on the line it starts";
        key_set_earlier() => "这个键在同一个表的前面已经设置过；请只保留一个", "this key is already set earlier in the same table; keep one of them";
        close_the_list() => "请用 ] 结束列表", "close the list with ]";
        full_width_where_toml_needs(name: &Text, ascii: &str) => "TOML 语法错误：{name} 处应为 `{ascii}`", "TOML syntax: {name} where TOML needs `{ascii}`";
        full_width_space_where_toml_needs() => "TOML 语法错误：全角空格（U+3000）处应为普通空格", "TOML syntax: full-width space (U+3000) where TOML needs an ordinary space";
        full_width_space_fix() => "用普通空格代替全角空格（U+3000）", "an ordinary space instead of the full-width one (U+3000)";
        switch_to_half_width(fixes: &Text) => "请把输入法切换到半角，{fixes}", "switch the input method to half-width and type {fixes}";

        // Roll-ups (逐级汇总): offices.toml and the offices it names.
        what_offices_toml() => "offices.toml 文件", "offices.toml";
        what_rollup() => "[rollup] 表", "[rollup]";
        what_office() => "[[offices]] 条目", "[[offices]] entry";
        office_id() => "下级单位编号", "office id";
        no_rollup_table() => "offices.toml 缺少 [rollup] 表", "offices.toml has no [rollup] table";
        no_rollup_here() => "这里没有 [rollup]", "no [rollup] here";
        start_with_rollup() => "请在文件开头写上 [rollup] 和 name = \"…\"（汇总这一级的名称）", "start the file with [rollup] and name = \"…\" (the level that rolls up)";
        no_offices() => "offices.toml 中没有 [[offices]] 条目", "offices.toml names no [[offices]]";
        add_an_office() => "每个下级单位写一个 [[offices]] 条目：id、name、data（它的数据目录，相对于 offices.toml）", "add one [[offices]] entry per office: id, name, data (its data directory, relative to offices.toml)";
        bad_office_id(id: &str) => "下级单位编号“{id}”不可用", "office id \"{id}\" cannot be used";
        not_an_office_id() => "不是可用的编号", "not a usable id";
        office_id_like() => "编号只能用字母、数字和 - _ .（不能有冒号：它用来连接编号，如 nanjing:JH-01），如 \"nanjing\"", "an id holds letters, digits and - _ . only (no colon: it joins ids, as in nanjing:JH-01), like \"nanjing\"";
        office_data_problem(data: &str, dir: &str, why: &Text) => "下级单位的数据目录 data = \"{data}\"：{dir} {why}", "office data directory data = \"{data}\": {dir} {why}";
        no_data_here() => "这里没有数据目录", "no data directory here";
        office_data_help() => "data 是下级单位的数据目录（存放 org.toml），相对于 offices.toml 所在的目录；请核对路径，或先 git clone 这个下级单位的仓库", "data is the office's data directory (holding org.toml), relative to the directory of offices.toml; check the path, or git clone the office's repository first";
        office_is_a_rollup(data: &str, dir: &str) => "下级单位的数据目录 data = \"{data}\"（{dir}）本身也是汇总目录（有 offices.toml）", "office data directory data = \"{data}\" ({dir}) is itself a roll-up (it holds offices.toml)";
        a_rollup_here() => "这是汇总目录", "a roll-up";
        office_is_a_rollup_help() => "汇总只读取各下级单位自己的数据目录，不能嵌套（嵌套可能成环）；请让 data 指向存放 org.toml 的目录", "a roll-up reads offices' own data directories and does not nest (nesting could make a cycle); point data at a directory that holds org.toml";
        office_same_data(id: &str, other: &str) => "下级单位“{id}”的数据目录与“{other}”的相同", "office \"{id}\" has the same data directory as \"{other}\"";
        same_directory() => "同一个目录", "the same directory";
        one_office_per_directory() => "一个数据目录只能属于一个下级单位，否则任务会被重复统计", "a data directory belongs to one office only, or its tasks would be counted twice";
        both_org_and_offices(dir: &str) => "{dir} 中既有 org.toml 又有 offices.toml", "{dir} holds both org.toml and offices.toml";
        both_org_and_offices_help() => "一个目录要么是一个单位的数据目录（org.toml），要么是汇总目录（offices.toml）；请把其中一个移到别的目录", "a directory is either one office's data (org.toml) or a roll-up (offices.toml); move one of them elsewhere";
        office_has_errors(id: &str, name: &str, dir: &str, errors: usize) => "下级单位 {id}（{name}，{dir}）有 {errors} 处错误，见上", "office {id} ({name}, {dir}) has {errors} error(s), shown above";
        office_has_errors_help() => "请在这个下级单位自己的仓库里改正；加上 --skip-broken 可以先看其余下级单位（退出码仍为 2）", "fix them in the office's own repository; pass --skip-broken to see the other offices meanwhile (the exit code is still 2)";
        office_left_out(id: &str, name: &str, dir: &str, errors: usize) => "已略去下级单位 {id}（{name}，{dir}）：它有 {errors} 处错误，见上", "left out office {id} ({name}, {dir}): it has {errors} error(s), shown above";
        office_warnings_differ(id: &str, first: &str) => "下级单位“{id}”的 [org.warnings] 与“{first}”的不同；汇总时所有任务都按“{first}”的预警规则分级", "office \"{id}\" has other [org.warnings] than \"{first}\"; the roll-up grades every task by \"{first}\"'s rules";
        office_warnings_differ_help() => "各下级单位统一预警规则，汇总中的预警才可比", "give the offices the same warning rules, so that the roll-up's warnings compare";
        rollup_edit_refused(dir: &str, offices: &str) => "{dir} 是汇总目录，只能读不能改；请到下级单位自己的数据目录里修改：{offices}", "{dir} is a roll-up, which wg only reads; edit an office's own data directory instead: {offices}";
        rollup_edit_in_office(dir: &str, office: &str, office_dir: &str, id: &str) => "{dir} 是汇总目录，只能读不能改；这项任务属于下级单位 {office}：请在它的数据目录里修改，如 wg --data {office_dir} …（任务编号 {id}）", "{dir} is a roll-up, which wg only reads; the task is office {office}'s: edit it in that office's data directory, as in wg --data {office_dir} … (task id {id})";
        office_not_in_rollup() => "--office 只用于汇总目录（offices.toml）", "--office works on a roll-up (offices.toml) only";
        no_such_office(id: &str, hint: &Text) => "没有下级单位“{id}”；{hint}", "no office \"{id}\"; {hint}";
        office_ids_are(list: &Text) => "下级单位编号有：{list}", "office ids are: {list}";
        by_office_not_in_rollup() => "--by office 只用于汇总目录（offices.toml）", "--by office works on a roll-up (offices.toml) only";

        // The files' data: fields of a table.
        unknown_key(key: &str, what: &Text) => "{what}中有未知的键 `{key}`", "unknown key `{key}` in {what}";
        unknown_key_label() => "未知的键", "unknown key";
        outside_any_table() => "不在任何表里", "outside any table";
        key_belongs_in_entry(key: &str, header: &str) => "`{key}` 应写在某个 {header} 条目里；请把它移到一行 `{header}` 的下面", "`{key}` belongs inside a {header} entry; move it below a `{header}` line";
        key_belongs_in(key: &str, header: &str) => "`{key}` 应写在 {header} 里；请把它移到 `{header}` 这一行的下面", "`{key}` belongs inside {header}; move it below the `{header}` line";
        key_belongs_in_one_of(key: &str, headers: &str) => "`{key}` 应写在 {headers} 中的某个表里；请把它移到相应的表头行下面", "`{key}` belongs in one of the tables {headers}; move it below the right header line";
        did_you_mean_key(key: &str) => "是否指 `{key}`？", "did you mean `{key}`?";
        keys_are(what: &Text, keys: &Text) => "{what}可用的键有：{keys}", "{what} keys are: {keys}";
        must_be(key: &str, what: &Text, expected: &Text, found: &Text) => "{what}的 `{key}` 应为{expected}，而不是{found}", "`{key}` in {what} must be {expected}, not {found}";
        expected(what: &Text) => "应为{what}", "expected {what}";
        remove_the_quotes(key: &str, date: chrono::NaiveDate) => "去掉引号：{key} = {date}", "remove the quotes: {key} = {date}";
        dates_without_quotes() => "日期不加引号，如 2021-09-30", "write dates without quotes, like 2021-09-30";
        put_it_in_brackets(key: &str) => "请放进方括号：{key} = [\"…\"]", "put it in brackets: {key} = [\"…\"]";
        add_key(key: &str) => "请在这个表中加上 `{key} = …`", "add `{key} = …` to this table";
        add_key_value(key: &str, value: &str) => "请在这个表中加上 `{key} = \"{value}\"`", "add `{key} = \"{value}\"` to this table";
        add_key_one_of(key: &str, values: &Text) => "请在这个表中加上 `{key} = …`：{values}", "add `{key} = …` to this table: {values}";
        missing_key(what: &Text, key: &str) => "{what}缺少必填的键 `{key}`", "{what} is missing required key `{key}`";
        no_key_here(key: &str) => "这里没有 `{key}`", "no `{key}` here";
        key_is_empty(key: &str, what: &Text) => "{what}的 `{key}` 是空的", "`{key}` in {what} is empty";
        empty() => "空值", "empty";
        key_not_a_real_date(key: &str, what: &Text, date: &str) => "{what}的 `{key}` 不是实际存在的日期：{date}", "`{key}` in {what} is not a real date: {date}";
        no_such_day() => "没有这一天", "no such day";
        key_is_a_date_time(key: &str, what: &Text) => "{what}的 `{key}` 应为日期，而不是日期时间", "`{key}` in {what} must be a date, not a date-time";
        has_a_time_of_day() => "带有时刻", "has a time of day";
        write_the_date_alone(key: &str, date: &str) => "只写日期：{key} = {date}", "write the date alone: {key} = {date}";
        key_cannot_be(key: &str, what: &Text, value: &str) => "{what}的 `{key}` 不能是“{value}”", "`{key}` in {what} cannot be \"{value}\"";
        not_one_of(names: &Text) => "应为以下之一：{names}", "not one of: {names}";
        // What a value is, or must be.
        a_string() => "字符串", "a string";
        a_list_of_strings() => "字符串列表", "a list of strings";
        a_date() => "日期", "a date";
        a_date_time() => "日期时间", "a date-time";
        a_time() => "时刻", "a time";
        a_list_of_tables() => "表的列表", "a list of tables";
        a_table() => "表", "a table";
        a_number() => "数字", "a number";
        true_false() => "true/false", "true/false";
        a_list() => "列表", "a list";
        // The tables, as messages name them.
        what_org_toml() => "org.toml 文件", "org.toml";
        what_org() => "[org] 表", "[org]";
        what_unit() => "单位", "unit";
        what_person() => "人员", "person";
        what_groups_toml() => "groups.toml 文件", "groups.toml";
        what_group() => "小组", "group";
        what_role_titles() => "role_titles 表", "role_titles";
        what_task_file() => "任务文件", "a task file";
        what_task() => "任务", "task";
        what_update() => "进展情况（[[tasks.updates]]）", "progress note ([[tasks.updates]])";
        what_meetings_toml() => "meetings.toml 文件", "meetings.toml";
        what_meeting() => "会议", "meeting";
        what_directive() => "上级精神（[[directives]]）", "directive";
        what_decision() => "会议议定事项（[[meetings.decisions]]）", "meeting decision ([[meetings.decisions]])";
        place_in_decision(key: &str, n: usize, date: &str) => "{date} 会议第 {n} 项议定事项的 {key}", "{key} of decision {n} of the meeting on {date}";
        decision_task_unknown(id: &str, place: &Text) => "没有编号为 {id} 的任务（{place}）", "no task has the id {id} ({place})";
        no_task_with_this_id() => "没有这个编号的任务", "no task has this id";
        decision_task_help() => "task 是跟踪这项议定事项的任务的编号，由 `wg tasks add --from-meeting` 写入；请核对编号，或删掉这一行再运行一次", "task is the id of the task that tracks the decision, written by `wg tasks add --from-meeting`; check the id, or remove the line and run it again";
        what_calendar_toml() => "calendar.toml 文件", "calendar.toml";
        what_holiday() => "节假日", "holiday";
        what_workday() => "调休上班日（[[workdays]]）", "made-up working day ([[workdays]])";

        // References to people, units and groups.
        unknown_reference(kind: &Text, name: &str, place: &Text) => "未知的{kind}“{name}”（{place}）", "unknown {kind} \"{name}\" in {place}";
        no_such_person() => "查无此人", "no such person";
        no_such_unit() => "查无此单位", "no such unit";
        must_be_listed(kind: &Text) => "每个{kind}都必须在 org.toml 中列出；请核对那里的写法", "every {kind} must be listed in org.toml; check the spelling there";
        ambiguous_reference(name: &str, place: &Text, n: usize, kinds: &Text, list: &Text) => "“{name}”（{place}）可能是 {n} 个{kinds}中的任何一个：{list}", "\"{name}\" in {place} could be any of {n} {kinds}: {list}";
        ambiguous() => "有歧义", "ambiguous";
        refer_by_id(kind: &Text, ids: &Text) => "请用编号指明{kind}：{ids}", "refer to the {kind} by id: {ids}";
        kind_person() => "人员", "person";
        kind_people() => "人员", "people";
        kind_unit() => "单位", "unit";
        kind_units() => "单位", "units";
        kind_group() => "小组", "group";
        kind_groups() => "小组", "groups";
        unknown_group(name: &str, place: &Text) => "未知的小组“{name}”（{place}）", "unknown group \"{name}\" in {place}";
        no_group_with_this_id() => "没有这个编号的小组", "no group has this id";
        group_name_not_id(name: &str, id: &str) => "“{name}”是小组 {id} 的名称；任务用编号指明所属小组：group = \"{id}\"", "\"{name}\" is the name of group \"{id}\"; tasks name their group by id: group = \"{id}\"";
        group_ids_are(ids: &Text) => "小组编号有：{ids}", "group ids are: {ids}";
        groups_are(ids: &Text) => "小组有：{ids}", "groups are: {ids}";
        // Where a reference stands.
        place_unit_of(person: &str) => "{person}的 unit", "the unit of {person}";
        place_in_group(key: &str, group: &str) => "小组 {group} 的 {key}", "{key} of group {group}";
        place_task(task: &str) => "任务 {task}", "task {task}";
        place_in_task(key: &str, task: &str) => "任务 {task} 的 {key}", "{key} of task {task}";
        place_meeting() => "会议", "meeting";
        /// A person among candidates: "王军（wangjun2，省总工会副主席）".
        person_label(name: &str, id: &str, title: &str) => "{name}（{id}，{title}）", "{name} ({id}, {title})";
        person_label_without_title(name: &str, id: &str) => "{name}（{id}）", "{name} ({id})";
        unit_label(name: &str) => "“{name}”", "\"{name}\"";

        // org.toml.
        no_org_table() => "org.toml 中没有 [org] 表", "org.toml has no [org] table";
        no_org_here() => "这个文件里没有 [org]", "no [org] in this file";
        start_with_org() => "文件开头先写组织：一行 `[org]`，再写 `name = \"…\"`", "start the file with the organisation: a line `[org]`, then `name = \"…\"`";
        already_names_unit(name: &str, unit: &Text) => "“{name}”已经是单位 {unit} 的名称", "\"{name}\" already names unit {unit}";
        used_twice() => "用了两次", "used twice";
        one_unit_per_name() => "每个名称和别名只能指一个单位", "each name and alias must name one unit only";
        two_people_named(name: &str) => "有两个人都叫“{name}”", "two people are named \"{name}\"";
        same_name_again() => "同名", "same name again";
        the_first_is_at() => "第一个在", "the first is at";
        give_each_an_id() => "请给他们各加一个 `id`（由字母和数字组成的简短代号），并在小组和任务中用它指明是谁", "give each of them an `id` (a short handle of letters and digits) and refer to them by it in groups and tasks";
        unknown_time_zone(zone: &str) => "未知的时区“{zone}”", "unknown time zone \"{zone}\"";
        not_an_iana_zone() => "不是 IANA 时区", "not an IANA time zone";
        time_zone_like() => "请使用 \"Asia/Shanghai\" 或 \"Europe/London\" 这样的名称", "use a name like \"Asia/Shanghai\" or \"Europe/London\"";
        duplicate(what: &Text, value: &str) => "重复的{what}“{value}”", "duplicate {what} \"{value}\"";
        defined_again_here() => "在这里又定义了一次", "defined again here";
        first_defined_at() => "第一次定义在", "first defined at";
        must_be_unique(what: &Text) => "每个{what}都必须是唯一的", "each {what} must be unique";
        unit_id() => "单位编号", "unit id";
        person_id() => "人员编号", "person id";
        group_id() => "小组编号", "group id";

        // groups.toml.
        bad_group_id(id: &str) => "小组编号“{id}”含有字母、数字和 - _ . 以外的字符", "group id \"{id}\" has characters other than letters, digits, - _ .";
        typed_on_the_command_line() => "要在命令行上输入", "typed on the command line";
        group_id_like() => "请用一个简短的词，如 \"office\" 或 \"membership\"", "use a short word such as \"office\" or \"membership\"";
        two_seats(person: &Text, group: &str) => "{person}在小组 {group} 中占了两个席位", "{person} holds two seats in group {group}";
        second_seat() => "第二个席位", "second seat";
        first_seat_at() => "第一个席位在", "first seat at";
        one_seat_help() => "一个人在一个小组中最多占一个席位；请保留较高的那个", "a person holds at most one seat in a group; keep the higher one";
        executive_not_deputy(name: &str, group: &str) => "小组 {group} 的 executive_deputy“{name}”不在它的 deputies 中", "executive_deputy \"{name}\" of group {group} is not one of its deputies";
        not_in_deputies() => "不在 `deputies` 中", "not in `deputies`";
        executive_is_a_deputy() => "常务副职（常务）也必须列在 `deputies` 中", "the executive deputy (常务) must also be listed in `deputies`";
        no_leader(group: &str) => "小组 {group} 没有 leader", "group {group} has no leader";
        no_leader_label() => "没有 `leader`", "no `leader`";
        add_leader() => "请加上 `leader = \"…\"`；工作进展汇报以组长为汇报人", "add `leader = \"…\"`; progress reports name the leader as reporter";
        leading_with_parent(group: &str) => "领导小组 {group} 不能有上级", "the leading group {group} cannot have a parent";
        remove_this() => "请删掉这一项", "remove this";
        leading_is_the_root() => "领导小组是整棵树的根", "the leading group is the root of the tree";
        unknown_parent(name: &str, group: &str) => "小组 {group} 的上级小组“{name}”不存在", "unknown parent group \"{name}\" of group {group}";
        no_parent(kind: &Text, group: &str) => "{kind} {group} 没有上级（parent）", "{kind} group {group} has no parent";
        no_parent_label() => "没有 `parent`", "no `parent`";
        needs_parent() => "办公室和专项小组需要 `parent = \"<小组编号>\"`，通常是领导小组", "office and special groups need `parent = \"<group id>\"`, usually the leading group";
        no_leading_group() => "没有 kind 为 \"leading\" 的小组", "no group has kind \"leading\"";
        none_is_leading() => "这些小组都不是领导小组", "none of the groups is the leading group";
        exactly_one_leading() => "必须有且只有一个领导小组：kind = \"leading\"", "exactly one group must be the leading group (领导小组): kind = \"leading\"";
        second_leading_group(group: &str) => "第二个领导小组：{group}", "a second leading group: {group}";
        leading_again() => "又一个 kind = \"leading\"", "kind = \"leading\" again";
        first_leading_at() => "第一个领导小组在", "the first leading group is at";
        only_one_leading() => "只能有一个小组是领导小组", "exactly one group may be the leading group";
        groups_form_a_cycle(path: &str) => "小组的上级关系形成了循环：{path}", "groups form a cycle: {path}";
        parent_leads_back() => "上级又回到了这里", "parent leads back here";
        parents_form_a_tree() => "上级关系必须在领导小组之下构成一棵树", "parents must form a tree under the leading group";

        // Tasks.
        duplicate_task_id(id: &str) => "重复的任务编号“{id}”", "duplicate task id \"{id}\"";
        task_ids_unique() => "任务编号在所有任务文件中都必须是唯一的", "task ids must be unique across all task files";
        unknown_status(value: &str) => "未知的状态“{value}”", "unknown status \"{value}\"";
        not_a_status() => "不是状态", "not a status";
        statuses_are(list: &Text) => "状态可以是：{list}", "statuses are: {list}";
        did_you_mean_status(guess: &str, list: &Text) => "是否指“{guess}”？状态可以是：{list}", "did you mean \"{guess}\"? statuses are: {list}";
        bad_task_id(id: &str) => "任务编号“{id}”只能含字母、数字和 - _ .", "task id \"{id}\" may hold only letters, digits, - _ .";
        not_a_valid_task_id() => "不是有效的任务编号", "not a valid task id";
        task_id_like() => "请用 \"JH-01\" 这样的编号", "use an id such as \"JH-01\"";
        done_without_done_on(task: &str) => "任务 {task} 已完成，但没有 `done_on`", "task {task} is done but has no `done_on`";
        status_is_done() => "状态是已完成", "status is done";
        add_done_on() => "请加上 `done_on = YYYY-MM-DD`，即完成的日期", "add `done_on = YYYY-MM-DD`, the day it was finished";
        done_on_but_not_done(task: &str, status: &Text) => "任务 {task} 有 `done_on`，但状态是{status}", "task {task} has `done_on` but its status is {status}";
        only_done_tasks_have_done_on() => "只有已完成的任务才有 done_on", "only done tasks have done_on";
        set_done_or_remove_done_on() => "请设置 `status = \"done\"`，或删掉 `done_on`", "set `status = \"done\"`, or remove `done_on`";
        done_through_without_repeat(task: &str) => "任务 {task} 有 `done_through`，但它不是重复任务", "task {task} has `done_through` but does not repeat";
        only_for_repeating_tasks() => "只用于重复任务", "only for repeating tasks";
        add_repeat_or_remove() => "请加上 `repeat = \"monthly\"`（或 quarterly、yearly），或删掉 `done_through`", "add `repeat = \"monthly\"` (or quarterly, yearly), or remove `done_through`";
        repeat_without_due(task: &str) => "重复任务 {task} 没有 `due`", "repeating task {task} has no `due`";
        repeats_from_what_date() => "从哪一天开始重复？", "repeats from what date?";
        add_first_due() => "请加上 `due = YYYY-MM-DD`，即第一次的截止日期", "add `due = YYYY-MM-DD`, the first occurrence";
        starts_after_due(task: &str) => "任务 {task} 的开始日期晚于截止日期", "task {task} starts after it is due";
        start_after_due(start: chrono::NaiveDate, due: chrono::NaiveDate) => "开始 {start} 晚于截止 {due}", "start {start} is after due {due}";

        // meetings.toml and calendar.toml.
        studied_before_issued() => "上级精神的学习日期早于下发日期", "directive studied before it was issued";
        date_is_before(a: chrono::NaiveDate, b: chrono::NaiveDate) => "{a} 早于 {b}", "{a} is before {b}";
        holiday_ends_before_it_begins(name: &str) => "节假日“{name}”的结束日期早于开始日期", "holiday {name} ends before it begins";
        holiday_longer_than_a_year(name: &str) => "节假日“{name}”超过一年", "holiday {name} is longer than a year";
        check_the_year() => "请核对年份", "check the year";
        workday_on_a_weekday(date: chrono::NaiveDate, weekday_zh: &str, weekday_en: &str) => "调休上班日 {date} 是{weekday_zh}，本来就是工作日", "made-up working day {date} is a {weekday_en}, a working day anyway";
        not_a_weekend_day() => "不是周末", "not a weekend day";
        workdays_help() => "[[workdays]] 列的是因节假日调休而上班的周末（调休上班）；请核对日期", "[[workdays]] lists the weekend days worked in exchange for a holiday (调休上班); check the date";

        // Warnings about the data.
        unused_unit(name: &str) => "单位“{name}”没有被任何人员、小组或任务用到", "unit \"{name}\" is not used by any person, group or task";
        unused() => "未使用", "unused";
        unused_unit_help() => "请删掉它，或在小组的 lead_unit/member_units 或任务中引用它", "remove it, or refer to it from a group's lead_unit/member_units or a task";
    }

    messages! {
        // The command line and the environment.
        arg_not_a_real_date(typed: &str, month: &str, days: u32) => "“{typed}”不是实际存在的日期：{month} 只有 {days} 天", "\"{typed}\" is not a real date: {month} has {days} days";
        arg_expected_date(typed: &str) => "应为 2026-03-31 这样的日期，而不是“{typed}”", "expected a date like 2026-03-31, got \"{typed}\"";
        arg_expected_lang(typed: &str) => "应为 zh 或 en，而不是“{typed}”", "expected zh or en, got \"{typed}\"";
        arg_expected_quarter(typed: &str) => "应为 2026Q3 这样的季度（年份 0001 到 9999、Q、1 到 4），而不是“{typed}”", "expected a quarter like 2026Q3 (year 0001 to 9999, Q, 1 to 4), got \"{typed}\"";
        arg_outside_the_years(typed: &str) => "“{typed}”超出了 wg 处理的日期范围：年份 0001 到 9999，用四位数写（YYYY-MM-DD）", "\"{typed}\" is outside the dates wg handles: the years 0001 to 9999, written with four digits (YYYY-MM-DD)";
        clock_outside_the_years(today: chrono::NaiveDate, first: chrono::NaiveDate, last: chrono::NaiveDate) => "系统时钟显示今天是 {today}，超出了 wg 处理的日期范围（{first} 至 {last}）；请用 --today DATE 指定日期", "the clock says today is {today}, outside the dates wg handles ({first} to {last}); pass --today DATE";
        cannot_read_cwd(why: &Text) => "无法读取当前目录：{why}", "cannot read the current directory: {why}";
        bad_wg_now(typed: &str) => "WG_NOW 应为 2026-06-30T17:30:00Z 这样的时刻，而不是“{typed}”", "WG_NOW must be an instant like 2026-06-30T17:30:00Z, got \"{typed}\"";
        cannot_write_output() => "无法写出输出", "cannot write output";
        on_flag(flag: &str, what: &Text) => "--{flag}：{what}", "--{flag}: {what}";

        // Output formats.
        no_output_format(command: &str) => "`{command}` 没有输出格式", "`{command}` has no output format";
        cannot_print(command: &str, format: &str, offered: &Text) => "`{command}` 不能输出 {format}；请选择 --format {offered}", "`{command}` cannot print {format}; choose --format {offered}";
        refuses_format(command: &str, prints: &Text, format: &str) => "`{command}` {prints}，不能输出 {format}；请去掉 --format", "`{command}` {prints} and cannot print {format}; drop --format";
        prints_file_names() => "写出文件并列出文件名", "writes files and prints their names";
        prints_a_shell_script() => "总是输出 shell 脚本", "always prints a shell script";
        prints_one_line() => "只输出一行，说明改了什么", "prints one line saying what changed";
        prints_icalendar() => "总是输出 iCalendar", "always prints iCalendar";

        // Names typed on the command line.
        no_such_name(kind: &Text, name: &str) => "没有{kind}“{name}”", "no {kind} \"{name}\"";
        no_such_name_near(kind: &Text, name: &str, hint: &Text) => "没有{kind}“{name}”；{hint}", "no {kind} \"{name}\"; {hint}";
        ambiguous_name(name: &str, n: usize, kinds: &Text, list: &Text) => "“{name}”可能是 {n} 个{kinds}中的任何一个：{list}；请改为输入编号", "\"{name}\" could be any of {n} {kinds}: {list}; type the id instead";
        candidate(name: &str, id: &str) => "{name}（编号 {id}）", "{name} (id {id})";
        candidate_with_title(name: &str, id: &str, title: &str) => "{name}（编号 {id}，{title}）", "{name} (id {id}, {title})";
        no_such_status(typed: &str, hint: &Text) => "没有状态“{typed}”；{hint}", "no status \"{typed}\"; {hint}";
        no_task_serves(typed: &str, hint: &Text) => "没有任务服务“{typed}”；{hint}", "no task serves \"{typed}\"; {hint}";
        no_task_has_targets() => "没有任务写了 `targets`", "no task has `targets`";
        targets_in_the_data(list: &Text) => "数据中的服务对象有：{list}", "targets in the data: {list}";
        no_task_with_id(id: &str) => "没有编号为“{id}”的任务（`wg tasks list` 可以列出每个任务的编号）", "no task has the id \"{id}\" (`wg tasks list` shows every task's id)";
        no_task_with_id_near(id: &str, hint: &Text) => "没有编号为“{id}”的任务；{hint}（`wg tasks list` 可以列出每个任务的编号）", "no task has the id \"{id}\"; {hint} (`wg tasks list` shows every task's id)";
        working_days_need_a_calendar(dir: &str) => "--working-days 需要工作日日历，但 {dir} 中没有 calendar.toml；请添加一个（见 README 的“calendar.toml”），或去掉 --working-days", "--working-days needs the working-day calendar, but {dir} has no calendar.toml; add one (see README, \"calendar.toml\") or leave out --working-days";

        // Edits.
        unknown_status_typed(typed: &str, list: &Text) => "未知的状态“{typed}”；状态可以是：{list}", "unknown status \"{typed}\"; statuses are: {list}";
        unknown_status_typed_near(typed: &str, near: &str, list: &Text) => "未知的状态“{typed}”；是否指“{near}”？状态可以是：{list}", "unknown status \"{typed}\"; did you mean \"{near}\"? Statuses are: {list}";
        only_these_edit_tasks() => "只有 `done`、`status`、`note`、`edit` 和 `extend` 会修改任务", "only `done`, `status`, `note`, `edit` and `extend` edit tasks";
        already_done(id: &str) => "任务 {id} 已经完成；没有做任何改动。要重新打开它：`wg tasks status {id} in-progress`", "task {id} is already done; nothing changed. To reopen it: `wg tasks status {id} in-progress`";
        already_done_on(id: &str, on: chrono::NaiveDate) => "任务 {id} 已于 {on} 完成；没有做任何改动。要重新打开它：`wg tasks status {id} in-progress`", "task {id} is already done on {on}; nothing changed. To reopen it: `wg tasks status {id} in-progress`";
        task_cancelled(id: &str) => "任务 {id} 已取消；没有做任何改动。要重新打开它：`wg tasks status {id} todo`", "task {id} is cancelled; nothing changed. To reopen it: `wg tasks status {id} todo`";
        repeats_so_no_on(id: &str, on: chrono::NaiveDate) => "任务 {id} 是重复任务，文件只记录完成到哪一次（done_through），不记录哪一天完成；请去掉 --on {on}（可以用 --note 记下日期）", "task {id} repeats, and the file records only which occurrences are done (done_through), not the day; drop --on {on} (use --note to record the day)";
        no_next_occurrence(id: &str) => "任务 {id} 是重复任务，但没有下一次；请检查它的 `due` 和 `done_through`", "task {id} repeats but has no next occurrence; check its `due` and `done_through`";
        done_through_ahead(id: &str, through: chrono::NaiveDate, next: chrono::NaiveDate, upcoming: chrono::NaiveDate) => "任务 {id} 已经完成至 {through}，再下一次（{next}）还不是即将到来的那一次（{upcoming}）；没有做任何改动", "task {id} is done through {through} already, and the occurrence after that ({next}) is not yet the one coming up ({upcoming}); nothing changed";
        done_in_the_future(on: chrono::NaiveDate, today: chrono::NaiveDate) => "--on {on} 晚于统计日期 {today}；任务不能在将来完成（可以用 --today 改变统计日期）", "--on {on} is after the as-of date {today}; a task cannot be done in the future (pass --today to change the as-of date)";
        empty_note() => "进展情况是空的；请写上进展情况的内容", "the note is empty; give the text of the progress note";
        edit_refused(id: &str, shown: &str) => "对任务 {id} 的这项修改会使数据无效，已被拒绝；{shown} 没有改变", "this edit of task {id} would make the data invalid, so it was refused; {shown} is unchanged";
        edit_refused_help() => "下面的问题出在这项修改将要写入的文本里；请手工修正数据，或者换一种改法", "the problems below are in the text the edit would have written; fix the data by hand, or change the edit";
        task_file_not_read(id: &str, file: &str) => "任务 {id} 来自 {file}，但那个文件没有读到", "task {id} comes from {file} but that file was not read";
        changed_while_editing(shown: &str) => "wg 修改 {shown} 期间，它被别的程序改动了；什么也没有写入。请再运行一次这个命令", "{shown} changed while wg was editing it (another program wrote it); nothing was written. Run the command again";
        cannot_edit(id: &str, shown: &str) => "无法修改 {shown} 中的任务 {id}；什么也没有写入。请手工编辑这个文件", "cannot edit task {id} in {shown}; nothing was written. Edit the file by hand";
        edit_not_as_planned(id: &str, shown: &str) => "对 {shown} 中任务 {id} 的修改结果与预期不符，已被拒绝，什么也没有写入；请把这个问题作为程序缺陷报告", "the edit of task {id} in {shown} did not come out as planned, so it was refused and nothing was written; please report this as a bug";
        task_lines_moved() => "这个任务所在的行与读取时不一致", "the task's lines are not where the loader found them";
        toml_edit_cannot_parse() => "toml_edit 无法解析这个任务的表", "toml_edit cannot parse the task's table";
        toml_edit_would_reformat() => "toml_edit 会改变这个任务各行的格式", "toml_edit would reformat the task's lines";
        no_task_table_with_id(id: &str) => "读取时找到的位置上没有编号为“{id}”的 [[tasks]] 表", "no [[tasks]] table with id \"{id}\" where the loader found it";
        tasks_inline() => "任务写成了内联列表（`tasks = [{ … }]`）；wg 只修改 `[[tasks]]` 表", "the tasks are written as an inline list (`tasks = [{ … }]`); wg edits only `[[tasks]]` tables";
        no_task_tables(id: &str) => "读取时找到任务“{id}”的位置上没有 `[[tasks]]` 表", "no `[[tasks]]` tables where the loader found task \"{id}\"";
        date_not_in_toml(date: chrono::NaiveDate) => "日期 {date} 无法写成 TOML", "the date {date} cannot be written in TOML";
        updates_not_a_list() => "`updates` 既不是 [[tasks.updates]] 表，也不是列表", "`updates` is neither [[tasks.updates]] tables nor a list";
        task_is_gone(id: &str) => "任务 {id} 不见了", "task {id} is gone";
        task_reads_back_wrong(id: &str) => "任务 {id} 读回来与预期不符", "task {id} does not read back as intended";
        cannot_open_lock_file(path: &str) => "无法打开锁文件 {path}；wg 要能读它，或能在它所在的目录里创建它，才能修改那里的文件", "cannot open the lock file {path}; wg needs to read it, or to create it in its directory, to edit files there";
        cannot_lock(path: &str) => "无法锁定 {path}", "cannot lock {path}";
        lock_held(path: &str, secs: u64) => "另一个程序占用锁 {path} 已有 {secs} 秒，这次修改已经放弃，什么也没有改。它多半是另一个正在进行的 `wg` 修改：请等它结束后再试。锁不会比持有它的进程存在得更久；要查看是哪个进程持有它：`fuser -v {path}`", "another program has held the lock {path} for {secs} s, so this edit gave up and changed nothing. It is probably another `wg` edit: wait for it to finish and try again. A lock never outlives its process; to see which process holds it: `fuser -v {path}`";

        // Files wg writes.
        cannot_read(path: &str) => "无法读取 {path}", "cannot read {path}";
        cannot_write(path: &str) => "无法写入 {path}", "cannot write {path}";
        cannot_create(path: &str) => "无法创建 {path}", "cannot create {path}";
        cannot_create_dir(path: &str) => "无法创建目录 {path}", "cannot create directory {path}";
        cannot_resolve(path: &str) => "无法解析路径 {path}", "cannot resolve {path}";
        cannot_replace(path: &str) => "无法替换 {path}", "cannot replace {path}";
        cannot_write_the_new(path: &str) => "无法写入新的 {path}", "cannot write the new {path}";
        no_temporary_file_beside(path: &str) => "无法在 {path} 旁边创建临时文件；请检查它所在的目录是否可写", "cannot create a temporary file beside {path}; check that its directory is writable";
        out_no_temporary_file(path: &str) => "无法写入 {path}：无法在它旁边创建临时文件；请检查它所在的目录是否可写", "cannot write {path}: cannot create a temporary file beside it; check that its directory is writable";
        out_not_a_file_name(path: &str) => "--out “{path}”不是文件名；请给出文件的路径，或用 - 表示标准输出", "--out \"{path}\" is not the name of a file; give a file's path, or - for standard output";
        out_dangling_link(path: &str, link: &str) => "--out {path} 是指向 {link} 的符号链接，而那个文件不存在；请先创建那个文件，或删掉这个链接", "--out {path} is a symlink to {link}, which does not exist; create that file first, or remove the link";
        out_no_directory(path: &str, dir: &str) => "无法写入 {path}：目录 {dir} 不存在；请先创建它", "cannot write {path}: the directory {dir} does not exist; create it first";
        cannot_open_for_writing(path: &str, what: &Text) => "无法打开 {path}（{what}）进行写入", "cannot open {path} ({what}) for writing";
        cannot_write_to(path: &str, what: &Text) => "无法写入 {path}（{what}）", "cannot write to {path} ({what})";
        changed_while_opening(path: &str) => "wg 打开 {path} 期间它发生了变化；什么也没有写入。请再运行一次这个命令", "{path} changed while wg was opening it; nothing was written. Run the command again";
        a_fifo() => "FIFO", "a FIFO";
        a_character_device() => "字符设备", "a character device";
        a_block_device() => "块设备", "a block device";
        a_socket() => "套接字", "a socket";
        a_directory() => "目录", "a directory";
        not_a_regular_file() => "特殊文件", "not a regular file";
        // wg export.
        export_needs_out() => "`wg export` 需要 --out FILE（写到标准输出用 --out -）", "`wg export` needs --out FILE (--out - for standard output)";
        // wg tasks notice.
        notice_nothing(unit: &str, date: chrono::NaiveDate) => "{unit}牵头的任务中，截至 {date} 没有逾期或预警（红色、黄色）的任务，无需督办通知单；什么也没有写入", "nothing that {unit} leads is overdue or warned (red, yellow) as of {date}: there is no notice to send, and nothing was written";
        out_not_offered(command: &str) => "`{command}` 不写文件，不接受 --out", "`{command}` writes no file and takes no --out";
        // Formats that are files (docx; xlsx beside it).
        file_format_needs_out(command: &str, format: &str) => "`{command} --format {format}` 写出的是文件，需要 --out FILE（写到管道用 --out -）", "`{command} --format {format}` writes a file and needs --out FILE (--out - for a pipe)";
        file_format_on_terminal(format: &str) => "{format} 文件是二进制文件，不写到终端上；请用 --out FILE 指定文件，或接到管道（--out - | …）", "a {format} file is binary and is not written to a terminal; give --out FILE, or pipe it (--out - | …)";
        export_binary_on_terminal() => "SQLite 数据库是二进制文件，不写到终端上；请用 --out FILE 指定文件，或接到管道（--out - | …），或改用 --format sql", "an SQLite database is binary and is not written to a terminal; give --out FILE, or pipe it (--out - | …), or use --format sql";
        export_unstorable(list: &Text) => "无法导出：数据库不能原样保存下列值；请在数据文件中修改它们，这次什么也没有写入：\n  {list}", "cannot export: a database cannot keep these values as they are; change them in the data files (nothing was written):\n  {list}";
        export_nul(place: &str) => "{place} 含有字符 U+0000（NUL）", "{place} holds the character U+0000 (NUL)";
        export_not_finite(place: &str) => "{place} 不是有限的数", "{place} is not a finite number";
        export_sqlite_failed() => "SQLite 无法建立导出的数据库", "SQLite could not build the export's database";
        export_sqlite_insert(table: &str) => "无法插入表 {table}", "cannot insert into {table}";
        export_does_not_fit(what: &str) => "wg 的缺陷：导出的数据与它的表结构不符：{what}；请报告这个问题", "wg bug: the export does not fit its schema: {what}; please report it";
        // --format xlsx (the 台账).
        /// The title row of a ledger: the document's title and its as-of date.
        xlsx_title_as_of(title: &str, date: &str) => "{title}（截至{date}）", "{title} (as of {date})";
        xlsx_cell_too_long(sheet: &str, cell: &str, chars: usize) => "无法写出 Excel 文件：工作表“{sheet}”的单元格 {cell} 有 {chars} 个字符，Excel 的单元格最多容纳 32767 个；请缩短数据文件中的这段文字，这次什么也没有写入", "cannot write the Excel file: cell {cell} of sheet \"{sheet}\" holds {chars} characters, and an Excel cell holds at most 32,767; shorten that text in the data files (nothing was written)";
        xlsx_too_many_rows(sheet: &str, rows: usize) => "无法写出 Excel 文件：工作表“{sheet}”需要 {rows} 行，Excel 的工作表最多 1048576 行；请用筛选条件缩小范围，或改用 --format csv，这次什么也没有写入", "cannot write the Excel file: sheet \"{sheet}\" needs {rows} rows, and an Excel sheet holds at most 1,048,576; narrow the list with a filter, or use --format csv (nothing was written)";
        xlsx_too_many_columns(sheet: &str, columns: usize) => "无法写出 Excel 文件：工作表“{sheet}”有 {columns} 列，Excel 的工作表最多 16384 列", "cannot write the Excel file: sheet \"{sheet}\" has {columns} columns, and an Excel sheet holds at most 16,384";
        /// A ledger's page footer (Excel's codes: &C centre, &P page, &N pages).
        xlsx_footer() => "&C第 &P 页，共 &N 页", "&CPage &P of &N";
        xlsx_failed() => "无法生成 Excel 文件", "cannot build the Excel file";
        init_next(dir: &str) => "下一步：编辑这些文件，然后运行 `wg --data {dir} check`", "Next: edit these files, then run `wg --data {dir} check`";

        // Warnings on stderr.
        calendar_does_not_cover_one(years: &str) => "calendar.toml 没有覆盖 {years} 年；这一年的工作日按周一至周五计算（请把这一年的节假日加入 calendar.toml）", "calendar.toml does not cover {years}; working days in that year were counted Monday to Friday (add the year's holidays to calendar.toml)";
        calendar_does_not_cover_many(years: &str) => "calendar.toml 没有覆盖 {years} 年；这些年份的工作日按周一至周五计算（请把这些年份的节假日加入 calendar.toml）", "calendar.toml does not cover {years}; working days in those years were counted Monday to Friday (add the year's holidays to calendar.toml)";
    }

    /// The warning for years the calendar lacks ("2023, 2025–2026").
    pub fn calendar_does_not_cover(years: &str, count: usize) -> Text {
        let zh_years = years.replace(", ", "、");
        let t = if count == 1 {
            calendar_does_not_cover_one(years)
        } else {
            calendar_does_not_cover_many(years)
        };
        Text::new(t.zh().replace(years, &zh_years), t.en().to_owned())
    }

    /// `--out PATH` is something wg does not write to.
    pub fn out_refused(path: &str, kind: &Text, is_dir: bool) -> Text {
        let (zh_tail, en_tail) = if is_dir {
            ("，放在这个目录里", " in it")
        } else {
            ("", "")
        };
        Text::new(
            format!(
                "--out {path} 是{}；wg 只写入普通文件（会替换它）、FIFO 或字符设备。请给出一个文件的路径{zh_tail}",
                kind.zh()
            ),
            format!(
                "--out {path} is {}; wg writes only to a regular file (which it replaces), a FIFO or a character device. Give the path of a file{en_tail}",
                kind.en()
            ),
        )
    }

    /// `wg init` refuses: these files are there.
    pub fn init_files_exist(existing: &[String]) -> Text {
        let verb = if existing.len() == 1 {
            "exists"
        } else {
            "exist"
        };
        Text::new(
            format!(
                "{} 已经存在；wg init 不会覆盖已有的文件。请换一个新目录，或把它们移走",
                existing.join("、")
            ),
            format!(
                "{} already {verb}; wg init writes nothing over existing files. Choose a new directory, or move them away",
                existing.join(", ")
            ),
        )
    }

    /// What `wg check` counted, for its summary line.
    pub struct CheckCounts {
        pub files: usize,
        pub units: usize,
        pub people: usize,
        pub groups: usize,
        pub tasks: usize,
        pub meetings: usize,
        pub directives: usize,
        pub warnings: usize,
    }

    /// `data: 5 files, 3 units, 1 person, …; 0 errors, 1 warning`.
    pub fn check_summary(dir: &str, c: &CheckCounts) -> Text {
        let en = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        Text::new(
            format!(
                "{dir}：{} 个文件、{} 个单位、{} 人、{} 个小组、{} 项任务、{} 次会议、{} 份上级精神；0 个错误，{} 个警告",
                c.files, c.units, c.people, c.groups, c.tasks, c.meetings, c.directives, c.warnings
            ),
            format!(
                "{dir}: {}, {}, {}, {}, {}, {}, {}; 0 errors, {}",
                en(c.files, "file", "files"),
                en(c.units, "unit", "units"),
                en(c.people, "person", "people"),
                en(c.groups, "group", "groups"),
                en(c.tasks, "task", "tasks"),
                en(c.meetings, "meeting", "meetings"),
                en(c.directives, "directive", "directives"),
                en(c.warnings, "warning", "warnings"),
            ),
        )
    }

    /// The last line of a roll-up run with `--skip-broken` that left offices out: what
    /// the output covers (it was printed, so not "nothing was done"), which offices it
    /// lacks, and the next step.
    pub fn offices_left_out(kept: usize, total: usize, left_out: &[String]) -> Text {
        let offices = |n: usize| if n == 1 { "office" } else { "offices" };
        let n = left_out.len();
        Text::new(
            format!(
                "以上输出只含 {total} 个下级单位中的 {kept} 个；略去了有错误的 {n} 个：{}。请在下级单位自己的仓库里改正，然后再运行 `wg check`",
                left_out.join("、")
            ),
            format!(
                "the output covers {kept} of {total} {}; {n} {} with errors {} left out: {}. Fix {} in the office's own repository, then run `wg check` again",
                offices(total),
                offices(n),
                if n == 1 { "was" } else { "were" },
                left_out.join(", "),
                if n == 1 { "it" } else { "them" },
            ),
        )
    }

    /// The last line of a failed load: how many problems, and the next step.
    pub fn data_has_errors(errors: usize, warnings: usize) -> Text {
        let en = |n: usize, what: &str| {
            if n == 1 {
                format!("1 {what}")
            } else {
                format!("{n} {what}s")
            }
        };
        let (zh_also, en_also) = if warnings > 0 {
            (
                format!("和 {warnings} 个警告"),
                format!(" and {}", en(warnings, "warning")),
            )
        } else {
            (String::new(), String::new())
        };
        Text::new(
            format!(
                "数据中有 {errors} 个错误{zh_also}，什么也没有做。请修正数据，然后再运行 `wg check`"
            ),
            format!(
                "the data has {}{en_also}; nothing was done. Fix the data, then run `wg check` again",
                en(errors, "error")
            ),
        )
    }

    messages! {
        // Added with the merge of main: dates outside 0001–9999, numbers, [org.warnings].
        remove_the_quotes_from(key: &str, value: &str) => "去掉引号：{key} = {value}", "remove the quotes: {key} = {value}";
        key_outside_the_years(key: &str, what: &Text, date: &str) => "{what}的 `{key}` 超出了 wg 处理的日期范围：{date}", "`{key}` in {what} is outside the dates wg handles: {date}";
        year_0000() => "0000 年", "year 0000";
        out_of_range_help() => "日期从 0001-01-01 到 9999-12-31：年份是四位数，而且不能是 0000", "dates run from 0001-01-01 to 9999-12-31: the year has four digits and is not 0000";
        key_too_large(key: &str, what: &Text) => "{what}的 `{key}` 太大了", "`{key}` in {what} is too large";
        too_large_a_number() => "数字太大", "too large a number";
        key_not_whole(key: &str, what: &Text, value: &str) => "{what}的 `{key}` 应为整数，而不是 {value}", "`{key}` in {what} must be a whole number, not {value}";
        not_a_whole_number() => "不是整数", "not a whole number";
        write_a_whole_number(key: &str) => "请写一个整数，如 {key} = 3", "write a whole number, like {key} = 3";
        a_whole_number() => "整数", "a whole number";
        true_or_false() => "布尔值（true 或 false）", "true or false";
        agenda_past_the_last_day(quarter: &str, last: chrono::NaiveDate) => "{quarter} 的议程要部署下一季度的任务，而那已超过 wg 处理的最后一天 {last}；请选择更早的 --quarter", "the agenda of {quarter} would deploy the tasks of the quarter after it, past {last}, the last day wg handles; choose an earlier --quarter";
        cannot_write_yaml() => "无法写出 YAML", "cannot write YAML";
        yaml_not_escaped(code: &str) => "无法写出 YAML：字符 U+{code} 无法转义；请把这个问题作为程序缺陷报告（--format json 是安全的）", "cannot write YAML: the character U+{code} could not be escaped; please report this as a bug (--format json is safe)";
        prints_roff() => "总是输出 roff", "always prints roff";
        cannot_create_the_dir(path: &str) => "无法创建目录 {path}", "cannot create the directory {path}";
        what_org_warnings() => "[org.warnings] 表", "[org.warnings]";
        yellow_days_by_default(days: u32) => "yellow_days（默认为 {days}）", "yellow_days, {days} by default";
        blue_not_more_than_yellow(blue: u32, yellow: &Text) => "blue_days = {blue} 不大于 {yellow}：没有任务会是蓝色", "blue_days = {blue} is not more than {yellow}: no task would ever be blue";
        not_more_than_yellow_days() => "不大于 yellow_days", "not more than yellow_days";
        yellow_days_is_set_at() => "yellow_days 设在", "yellow_days is set at";
        blue_is_the_earlier_notice(yellow: u32) => "蓝色是更早的提醒：请让 blue_days 大于 {yellow}（办公室常用 10 或 15），或者删掉 blue_days，不设蓝色预警", "blue is the earlier notice: make blue_days more than {yellow} (offices often use 10 or 15), or remove blue_days to have no blue level";
        negative_days() => "天数是负数", "a negative number of days";
        write_zero_or_more(key: &str) => "请写 0 或更大的数；{key} = 0 只提醒今天到期的任务", "write 0 or more; {key} = 0 warns only of tasks due today";
        too_many_days() => "天数太多", "too many days";
        write_a_number_of_days(key: &str) => "请写一个天数，如 {key} = 15", "write a number of days, like {key} = 15";
        days_cannot_be(key: &str, value: i64) => "[org.warnings] 表的 `{key}` 不能是 {value}", "`{key}` in [org.warnings] cannot be {value}";
        no_such_level(typed: &str, hint: &Text) => "没有预警级别“{typed}”；{hint}", "no level \"{typed}\"; {hint}";
        levels_are(list: &Text) => "级别可以是：{list}", "levels are: {list}";
        did_you_mean_level(guess: &str, list: &Text) => "是否指“{guess}”？级别可以是：{list}", "did you mean \"{guess}\"? levels are: {list}";
        no_blue_level(yellow: u32) => "没有任务会是蓝色，因为 org.toml 的 [org.warnings] 中没有设 `blue_days`；要用蓝色预警，请在那里加上 `blue_days = 15`（蓝色是比黄色更早的提醒，黄色指 {yellow} 天内到期）", "no task can be blue, because org.toml sets no `blue_days` in [org.warnings]; add `blue_days = 15` there to use blue (an earlier notice than yellow, which is due within {yellow} days)";
        // What is at a path (load::read): said after the path, "tasks.toml 不存在".
        path_problem(path: &str, what: &Text) => "{path} {what}", "{path} {what}";
        data_dir_problem(dir: &str, what: &Text) => "数据目录 {dir} {what}", "data directory {dir} {what}";
        does_not_exist() => "不存在", "does not exist";
        is_not_a_directory() => "不是目录", "is not a directory";
        has_no_org_toml() => "中没有 org.toml", "has no org.toml";
        kind_a_file() => "文件", "a file";
        kind_a_fifo() => "命名管道（FIFO）", "a FIFO (named pipe)";
        kind_other() => "既不是文件也不是目录的东西", "neither a file nor a directory";
        is_missing() => "不存在", "is missing";
        is_a_dangling_symlink(to: &str) => "是指向 {to} 的失效符号链接", "is a dangling symlink to {to}";
        is_a_symlink_loop() => "是循环的符号链接", "is a symlink loop";
        not_a_file() => "不是文件", "not a file";
        not_a_regular_file_either() => "不是普通文件", "not a regular file";
        not_a_directory() => "不是目录", "not a directory";
        is_a_symlink_to(to: &str, kind: &Text, not: &Text) => "是指向 {to} 的符号链接，而那是{kind}，{not}", "is a symlink to {to}, which is {kind}, {not}";
        is_a_kind(kind: &Text, not: &Text) => "是{kind}，{not}", "is {kind}, {not}";
        permission_denied() => "无法读取：没有权限", "cannot be read: permission denied";
        too_big(mib: u64, max: u64) => "有 {mib} MiB；wg 读取的数据文件最大为 {max} MiB", "is {mib} MiB; wg reads data files of at most {max} MiB";
        grew_while_read() => "在 wg 读取期间变大了", "grew while wg was reading it";
        cannot_be_read(why: &Text) => "无法读取：{why}", "cannot be read: {why}";
        check_the_path() => "它不在那里（或已不在）；请核对路径", "it is not there (any more); check the path";
        dangling_help() => "这个链接指向的东西不存在：请恢复它的目标，让它指向正确的文件，或删掉这个链接", "the link points at nothing: restore its target, point the link at the right one, or remove the link";
        loop_help() => "这个链接又指回了自己：请让它指向真正的文件，或删掉它", "the link leads back to itself: point it at the real file, or remove it";
        a_file_belongs_here() => "这里应该是文件：请把这个目录移走或改名", "a file belongs here: move the directory away or rename it";
        only_regular_files() => "wg 只读取普通文件（或指向普通文件的符号链接）：请把 TOML 文件本身放在这里，或删掉这个", "wg reads only regular files (or symlinks to them): put the TOML file itself here, or remove this";
        a_directory_belongs_here() => "这里应该是目录（或指向目录的符号链接）：请把它改名或删掉", "a directory belongs here (or a symlink to one): rename or remove this";
        give_read_access() => "请让运行 wg 的用户能读这个文件（chmod a+r），并能进入它上面的各级目录（a+x），或者以文件所有者的身份运行 wg", "give the user that runs wg read access to it (chmod a+r) and to the directories above it (a+x), or run wg as its owner";
        give_directory_access() => "请让运行 wg 的用户能访问这个目录（chmod a+rx），或者以目录所有者的身份运行 wg", "give the user that runs wg access to the directory (chmod a+rx), or run wg as its owner";
        too_big_help() => "是不是弄错了文件？wg 的数据文件是文本；长的任务清单可以分成 tasks/ 下的多个文件", "is it the right file? wg's data files are text; split a long task list into files under tasks/";
        grew_help() => "有程序正在写它；等它写完再运行 wg", "something is writing to it; run wg again when it has finished";
        check_the_disk() => "请检查这个文件和它所在的磁盘", "check the file and the disk it is on";
        date_outside_the_years(written: &str) => "{written} 超出了 wg 处理的日期范围", "{written} is outside the dates wg handles";
        not_a_year_in_range() => "年份不在 0001 到 9999 之间", "not a year from 0001 to 9999";
        // Edits, as main hardened them.
        kept_changing(shown: &str) => "wg 修改 {shown} 期间，它一直在变（有别的程序在写它）；什么也没有写入。请等那个程序写完，再运行一次这个命令", "{shown} kept changing while wg was editing it (another program is writing it); nothing was written. Let that program finish, then run the command again";
        hard_links_broken(shown: &str, links: u64) => "{shown} 有 {links} 个硬链接；这次修改在原处写了一个新文件，所以其他链接里还是旧的内容", "{shown} had {links} hard links; the edit wrote a new file in its place, so the other links still hold the old text";
        written_but_unchecked(what: &Text, shown: &str) => "{what}已写入 {shown}，但 wg 无法确认同一时刻没有别的程序写这个文件", "{what} was written to {shown}, but wg could not check that no other program wrote the file at the same moment";
        old_file_still_open(shown: &str) => "另一个程序还以写入方式打开着旧的 {shown}（`lsof +L1` 可以看到）；它现在写的内容会进入旧文件，而不是 {shown}", "another program still has the old {shown} open for writing (`lsof +L1` shows it); what it writes now goes there, not into {shown}";
        done_through_the_last(id: &str) => "任务 {id} 已经完成到最后一次：wg 的日期到 9999-12-31 为止，下一次会落在它之后；没有做任何改动", "task {id} is done through its last occurrence: wg's dates end with 9999-12-31, and the next would fall after it; nothing changed";
        mixed_line_endings() => "这个文件混用了 CRLF 和 LF 两种行尾，而这次修改改动的行太多，无法保留每一行原来的行尾；请把文件保存成同一种行尾（大多数编辑器都可以），再运行一次这个命令", "the file mixes CRLF and LF line endings, and this edit changes too many lines to keep each line's own; save the file with one kind of line ending (most editors can) and run the command again";
        cannot_read_the_old_file_back() => "替换之后无法读回旧文件", "cannot read the old file back after replacing it";
        no_longer_a_regular_file() => "它已经不是普通文件了", "it is no longer a regular file";
        rescued(shown: &str, saved: &str) => "wg 用这次修改替换 {shown} 时，另一个程序写了它，而在 wg 把那次写入放回去之前 {shown} 又被改了；那次写入保存在 {saved}。请把它和 {shown} 对照，手工合并，如果修改不见了就再运行一次这个命令", "another program wrote {shown} while wg was replacing it with this edit, and {shown} was changed again before wg could put that write back; it is saved in {saved}. Compare it with {shown}, merge by hand, then run the command again if the edit is missing";
        not_rescued(shown: &str, why: &Text) => "wg 用这次修改替换 {shown} 时，另一个程序写了它，而 wg 无法保存那次写入（{why}）；请手工检查 {shown}", "another program wrote {shown} while wg was replacing it with this edit, and wg could not save that write ({why}); check {shown} by hand";
        not_rescued_in(shown: &str, saved: &str, why: &Text) => "wg 用这次修改替换 {shown} 时，另一个程序写了它，而 wg 无法把那次写入保存到 {saved}（{why}）；请手工检查 {shown}", "another program wrote {shown} while wg was replacing it with this edit, and wg could not save that write in {saved} ({why}); check {shown} by hand";
        too_many_rescued(shown: &str) => "wg 用这次修改替换 {shown} 时，另一个程序写了它，而 wg 无法保存那次写入（已经有 100 个保存下来的副本）；请手工检查 {shown}", "another program wrote {shown} while wg was replacing it with this edit, and wg could not save that write (100 rescued copies are there already); check {shown} by hand";
        lock_file_flickers(path: &str) => "锁文件 {path} 一会儿出现一会儿消失；是不是有程序在删除它？请让它停下，再运行一次这个命令", "the lock file {path} keeps appearing and disappearing; is a program deleting it? Stop it and run the command again";
        lock_not_regular(path: &str, what: &Text) => "锁文件 {path} 是{what}，不是普通文件，所以 wg 没有用它，什么也没有改。请删掉它（wg 会新建一个），并且不要把 `.wg.lock` 放进版本管理（把它加入 .gitignore）", "the lock file {path} is {what}, not a regular file, so wg did not use it and changed nothing. Remove it (wg makes a new one), and keep `.wg.lock` out of version control (add it to .gitignore)";
        a_symbolic_link() => "符号链接", "a symbolic link";
        a_device() => "设备", "a device";
        not_a_plain_file() => "特殊文件", "not a plain file";
    }

    messages! {
        gitignore_left_alone(path: &str, lock: &str) => "注意：{path} 已存在，未改动；请在其中加一行 {lock}", "Note: {path} exists and was left alone; add the line {lock} to it";
        // Edits, as main added them (edit, extend, the three-part note, add).
        the_edit_of_task(id: &str) => "对任务 {id} 的修改", "the edit of task {id}";
        not_written(what: &Text, shown: &str) => "{what}没有写入，{shown} 没有改变", "{what} was not written and {shown} is unchanged";
        note_in_the_future(date: chrono::NaiveDate, today: chrono::NaiveDate) => "--on {date} 晚于统计日期 {today}；进展情况记录的是已经发生的事（可以用 --today 改变统计日期）", "--on {date} is after the as-of date {today}; a progress note reports what has happened (pass --today to change the as-of date)";
        flag_is_empty(flag: &str) => "{flag} 是空的；请写上内容，或者不用 {flag}", "{flag} is empty; give its text, or leave {flag} out";
        nothing_to_edit(id: &str) => "没有要修改的内容；请至少给出 --title、--owner、--lead-unit、--units、--start、--due、--outcome、--targets 中的一个（要把任务 {id} 的截止日期往后推，请用 `wg tasks extend`）", "nothing to edit; give at least one of --title, --owner, --lead-unit, --units, --start, --due, --outcome, --targets (to move the deadline of task {id} later, use `wg tasks extend`)";
        title_is_empty() => "--title 是空的；任务必须有标题", "--title is empty; a task needs a title";
        extend_done(id: &str) => "任务 {id} 已完成；已完成的任务没有可以延期的截止日期。没有做任何改动", "task {id} is done; a done task has no deadline to extend. Nothing changed";
        extend_cancelled(id: &str) => "任务 {id} 已取消；已取消的任务没有可以延期的截止日期。没有做任何改动", "task {id} is cancelled; a cancelled task has no deadline to extend. Nothing changed";
        extend_repeating(id: &str) => "任务 {id} 是重复任务：它的 `due` 是整个系列的第一次，移动它会移动每一次。没有做任何改动；要移动整个系列，请用 `wg tasks edit {id} --due DATE`", "task {id} repeats: its `due` is the first occurrence of the series, and moving it would move every occurrence. Nothing changed; to move the series, `wg tasks edit {id} --due DATE`";
        extend_without_due(id: &str) => "任务 {id} 没有可以延期的截止日期；请用 `wg tasks edit {id} --due DATE` 给它一个", "task {id} has no due date to extend; give it one with `wg tasks edit {id} --due DATE`";
        extend_not_later(to: chrono::NaiveDate, due: chrono::NaiveDate, id: &str) => "--to {to} 不晚于任务 {id} 的截止日期 {due}；延期是把截止日期往后推。没有做任何改动；要更正写错的截止日期，请用 `wg tasks edit {id} --due DATE`", "--to {to} is not after the due date {due} of task {id}; an extension (延期) moves the deadline later. Nothing changed; to correct a wrong due date, `wg tasks edit {id} --due DATE`";
        extend_still_overdue(to: chrono::NaiveDate, today: chrono::NaiveDate, id: &str) => "--to {to} 早于统计日期 {today}，任务 {id} 仍会逾期；请延期到 {today} 或更晚。没有做任何改动", "--to {to} is before the as-of date {today}, so task {id} would still be overdue; extend it to {today} or later. Nothing changed";
        reason_is_empty() => "--reason 是空的；延期要记下截止日期为什么推后", "--reason is empty; an extension records why the deadline moved";
        /// The progress note an extension writes into the file, in the org's language.
        extended_note(due: chrono::NaiveDate, to: chrono::NaiveDate, reason: &str) => "由 {due} 延期至 {to}：{reason}", "Extended from {due} to {to}: {reason}";
        no_unit_or_person(typed: &str) => "没有单位或人员“{typed}”", "no unit or person \"{typed}\"";
        no_unit_or_person_near(typed: &str, hint: &Text) => "没有单位或人员“{typed}”；{hint}", "no unit or person \"{typed}\"; {hint}";
        both_unit_and_person(typed: &str, unit: &str, unit_id: &str, person: &str, person_id: &str) => "“{typed}”既是单位 {unit}（编号 {unit_id}），又是人员 {person}（编号 {person_id}）；请输入你所指的那一个的编号", "\"{typed}\" is both the unit {unit} (id {unit_id}) and the person {person} (id {person_id}); type the id of the one you mean";
        prints_the_new_task() => "输出写入文件的新任务", "prints the new task as it is written in the file";
        kept_changing_while_adding(shown: &str) => "wg 往 {shown} 添加任务期间，它一直在变（有别的程序在写它）；什么也没有写入。请等那个程序写完，再运行一次这个命令", "{shown} kept changing while wg was adding to it (another program is writing it); nothing was written. Let that program finish, then run the command again";
        new_task_not_as_planned(id: &str) => "新任务 {id} 读回来与预期不符，已被拒绝，什么也没有写入；请把这个问题作为程序缺陷报告", "the new task {id} did not read back as planned, so it was refused and nothing was written; please report this as a bug";
        not_read_back(path: &str) => "{path} 没有读回来", "{path} was not read back";
        the_new_task(id: &str) => "新任务 {id}", "the new task {id}";
        not_added(what: &Text, file: &str) => "{what}没有添加，{file} 没有改变", "{what} was not added and {file} is unchanged";
        not_a_repeat(typed: &str) => "“{typed}”不是重复周期；请用 monthly、quarterly 或 yearly（每月、每季度、每年）", "\"{typed}\" is not a repeat; use monthly, quarterly or yearly (每月, 每季度, 每年)";
        repeat_needs_due() => "--repeat 需要 --due：第一次的日期", "--repeat needs --due: the date of the first occurrence";
        not_a_task_id(typed: &str) => "“{typed}”不是任务编号；编号只能含字母、数字和 - _ .（如 JH-05）", "\"{typed}\" is not a task id; ids hold only letters, digits, - _ . (e.g. JH-05)";
        task_exists(id: &str, place: &str, title: &str) => "任务 {id} 已经存在（{place}，“{title}”）", "task {id} exists already ({place}, \"{title}\")";
        task_exists_next(id: &str, place: &str, title: &str, group: &str, next: &str) => "任务 {id} 已经存在（{place}，“{title}”）；小组 {group} 下一个可用的编号是 {next}", "task {id} exists already ({place}, \"{title}\"); the next free id in group {group} is {next}";
        no_numbered_ids() => "没有任何任务的编号以数字结尾", "no task has an id ending in a number";
        no_shared_prefix(used: &Text) => "其他小组的编号没有共同的前缀（{used}）", "the other groups' ids do not share one prefix ({used})";
        group_has_no_numbered_ids() => "有任务，但编号都不以数字结尾", "has tasks, but none whose id ends in a number";
        group_has_no_tasks() => "还没有任务", "has no tasks yet";
        cannot_choose_an_id(group: &str, own: &Text, others: &Text, upper: &str) => "小组 {group} {own}，而且{others}，所以 wg 无法选定编号；请用 --id 给出一个（如 --id {upper}-01）", "group {group} {own}, and {others}, so wg cannot choose an id; give one with --id (e.g. --id {upper}-01)";
        ids_ran_out(group: &str) => "小组 {group} 的编号数字已经用完；请用 --id 给出一个", "the ids of group {group} have run out of numbers; give one with --id";
        has_no_directory(path: &str) => "{path} 没有所在目录", "{path} has no directory";
        has_no_file_name(path: &str) => "{path} 没有文件名", "{path} has no file name";
        appeared_while_adding(path: &str) => "wg 添加任务期间出现了 {path}", "{path} appeared while wg was adding to it";
    }

    messages! {
        unknown_unit_or_person(name: &str, place: &Text) => "未知的单位或人员“{name}”（{place}）", "unknown unit or person \"{name}\" in {place}";
        no_such_unit_or_person() => "查无此单位或人员", "no such unit or person";
        by_names_a_unit_or_person() => "`by` 写的是 org.toml 中列出的单位或人员；请核对那里的写法", "`by` names a unit or a person listed in org.toml; check the spelling there";
        both_a_unit_and_a_person(name: &str, place: &Text, both: &Text) => "“{name}”（{place}）既是单位又是人员：{both}", "\"{name}\" in {place} is both a unit and a person: {both}";
        refer_to_unit_or_person_by_id() => "请用编号指明是哪个单位或人员", "refer to the unit or the person by its id";
        place_note_by(date: chrono::NaiveDate, task: &str) => "任务 {task} 中 {date} 那条进展情况的 `by`", "`by` of the progress note of {date} in task {task}";
        short_name_help() => "请写上窄表中显示的简称（如 \"办公室\"），或删掉这一行", "write the short form narrow tables show (e.g. \"办公室\"), or remove the line";
        same_short_name(a: &str, b: &str, short: &str) => "小组 {a} 和 {b} 的 short_name 都是“{short}”", "groups {a} and {b} have the same short_name \"{short}\"";
        same_short_name_again() => "同一个简称又出现了", "the same short name again";
        first_given_at() => "第一次写在", "first given at";
        one_short_name_each() => "窄表中显示的是简称；请给每个小组各起一个", "narrowed tables show the short name; give each group its own";
        original_due_without_due(task: &str) => "任务 {task} 有 `original_due`，但没有 `due`", "task {task} has `original_due` but no `due`";
        extended_to_when() => "从这一天延期到哪一天？", "extended from this date to when?";
        original_due_help() => "`original_due` 是延期（`wg tasks extend`）之前的截止日期；请加上 `due = YYYY-MM-DD`，或删掉 `original_due`", "`original_due` is the due date before an extension (`wg tasks extend`); add `due = YYYY-MM-DD`, or remove `original_due`";
        original_due_not_before(task: &str, original: chrono::NaiveDate, due: chrono::NaiveDate) => "任务 {task} 的 `original_due` 是 {original}，截止日期却是 {due}：不算延期", "task {task} has `original_due` {original} but is due {due}: it does not count as extended";
        not_before_due() => "不早于截止日期", "not before due";
        original_due_not_before_help() => "延期会把 `due` 推到 `original_due` 之后；如果这个任务没有延期，请删掉 `original_due`", "an extension moves `due` later than `original_due`; remove `original_due` if the task was not extended";
    }

    messages! {
        // Indicators and readings (成效要求 as numbers).
        chinese_key_needs_quotes() => "中文的键要加引号", "a key in Chinese needs quotes";
        quote_the_chinese_key(key: &str) => "不加引号的键只能含 ASCII 字母、数字、- 和 _；请把中文名称放进引号：\"{key}\" = …", "a key without quotes may hold only ASCII letters, digits, - and _; put the Chinese name in quotes: \"{key}\" = …";
        what_indicator() => "指标（[[tasks.indicators]]）", "indicator ([[tasks.indicators]])";
        key_in(key: &str, what: &Text) => "{what}的 `{key}` ", "`{key}` in {what}";
        place_note_of(date: chrono::NaiveDate, place: &Text) => "{place} 中 {date} 的进展情况", "the progress note of {date} in {place}";
        place_a_note_of(place: &Text) => "{place} 的一条进展情况", "a progress note of {place}";
        target_not_positive(place: &Text, value: f64) => "{place} 的指标目标值应大于 0，而不是 {value}", "the target of an indicator of {place} must be more than 0, not {value}";
        not_more_than_zero() => "不大于 0", "not more than 0";
        target_help() => "目标值是要达到的数（target = 50）；读数达到它就算完成", "the target is the number to reach (target = 50); a reading reaches it when it is as large";
        two_indicators_named(place: &Text, name: &str) => "{place} 有两个指标都叫“{name}”", "{place} has two indicators named \"{name}\"";
        named_again_here() => "在这里又用了一次", "named again here";
        first_named_at() => "第一次用在", "first named at";
        indicator_names_unique() => "一个任务的每个指标都要有自己的名称（空格不算）；请合并这两个，或改掉其中一个的名称", "each indicator of a task needs its own name (spaces do not count); merge the two or rename one";
        reading_of(name: &str, at: &Text) => "{at}里“{name}”的读数", "the reading of \"{name}\" in {at}";
        reading_below_zero(what: &Text, n: f64) => "{what}小于 0：{n}", "{what} is below 0: {n}";
        below_zero() => "小于 0", "below 0";
        reading_help() => "读数是截至这条进展情况的日期已达到目标的多少，0 或更大", "a reading is how much of the target is reached as of the note's date, 0 or more";
        reading_twice(at: &Text, name: &str) => "{at}两次给出了“{name}”", "{at} gives \"{name}\" twice";
        given_again_here() => "在这里又给了一次", "given again here";
        keep_one_reading() => "名称比较时不计空格；请只保留一个读数", "names are matched without their spaces; keep one reading";
        unknown_indicator(name: &str, at: &Text) => "未知的指标“{name}”（{at}的 `values`）", "unknown indicator \"{name}\" in `values` of {at}";
        no_such_indicator() => "查无此指标", "no such indicator";
        no_indicators_help() => "这个任务没有指标：请给它加一个带 `name` 和 `target` 的 [[tasks.indicators]] 表", "the task has no indicators: add a [[tasks.indicators]] table with `name` and `target` to the task";
        the_tasks_indicators_are(list: &Text) => "这个任务的指标有：{list}", "the task's indicators are: {list}";
        number_alone_and_unit(digits: &str, unit: &str) => "数字单独写，单位另写：target = {digits}, unit = \"{unit}\"", "write the number alone and the unit apart: target = {digits}, unit = \"{unit}\"";
        number_alone(key: &str, digits: &str) => "只写数字：{key} = {digits}", "write the number alone: {key} = {digits}";
        number_without_quotes(key: &str) => "请写不带引号的数字，如 {key} = 50", "write a number without quotes, like {key} = 50";
        must_be_a_number(what: &Text, found: &Text) => "{what}应为数字，而不是{found}", "{what} must be a number, not {found}";
        expected_a_number() => "应为数字", "expected a number";
        write_a_number(key: &str) => "请写一个数字，如 {key} = 50", "write a number, like {key} = 50";
        not_a_finite_number_in(what: &Text) => "{what}不是有限的数", "{what} is not a finite number";
        not_a_finite_number() => "不是有限的数", "not a finite number";
        write_an_ordinary_number(key: &str) => "请写一个普通的数，如 {key} = 50", "write an ordinary number, like {key} = 50";
        task_has_no_indicators(id: &str, file: &str) => "任务 {id} 没有指标；请先在 {file} 中给它加一个 [[tasks.indicators]] 表（name、target）", "task {id} has no indicators; add a [[tasks.indicators]] table (name, target) to it in {file} first";
        value_not_name_equals(typed: &str, example: &str) => "--value “{typed}”：请把指标和读数写成 NAME=N，如 --value {example}=35", "--value \"{typed}\": write the indicator and its reading as NAME=N, like --value {example}=35";
        did_you_mean_indicator(hint: &Text, all: &Text) => "{hint}它的指标有：{all}", "{hint} its indicators are: {all}";
        indicators_are(all: &Text) => "它的指标有：{all}", "its indicators are: {all}";
        task_has_no_such_indicator(id: &str, name: &str, hint: &Text) => "任务 {id} 没有指标“{name}”；{hint}", "task {id} has no indicator \"{name}\"; {hint}";
        value_not_a_reading(typed: &str, name: &str) => "--value “{typed}”：读数必须是 0 或更大的数，如 {name}=35（单位就是指标的单位）", "--value \"{typed}\": the reading must be a number of 0 or more, like {name}=35 (the unit is the indicator's)";
        value_given_twice(name: &str) => "“{name}”给了两次；每个指标的读数只给一次", "\"{name}\" is given twice; give each indicator's reading once";
    }

    /// The warning levels with their Chinese words: red (红), yellow (黄), …
    pub fn warning_list() -> Text {
        let zh: Vec<String> = crate::model::Warning::ALL
            .iter()
            .map(|(en, zh, _, _)| format!("{en}（{zh}）"))
            .collect();
        let en: Vec<String> = crate::model::Warning::ALL
            .iter()
            .map(|(en, zh, _, _)| format!("{en} ({zh})"))
            .collect();
        Text::new(zh.join("、"), en.join(", "))
    }

    /// "did you mean …?" for the nearest names, or nothing when there are none.
    pub fn did_you_mean_any<S: AsRef<str>>(near: &[S]) -> Option<Text> {
        match near {
            [] => None,
            [one] => Some(did_you_mean(one.as_ref())),
            many => Some(did_you_mean_one_of(&quoted_list(many))),
        }
    }

    /// Names from the data, quoted: “甲”、“乙” / "甲", "乙".
    pub fn quoted_list<S: AsRef<str>>(items: &[S]) -> Text {
        let zh: Vec<String> = items.iter().map(|s| format!("“{}”", s.as_ref())).collect();
        let en: Vec<String> = items
            .iter()
            .map(|s| format!("\"{}\"", s.as_ref()))
            .collect();
        Text::new(zh.join("、"), en.join(", "))
    }

    /// Words as they are typed (ids, keys): a、b / a, b.
    pub fn plain_list<S: AsRef<str>>(items: &[S]) -> Text {
        let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
        Text::new(items.join("、"), items.join(", "))
    }

    /// Values to type in TOML, the last one after "or": "a", "b" or "c" (quotes are
    /// ASCII in both languages: they are what to type).
    pub fn or_list(items: &[&str]) -> Text {
        let quoted: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
        match quoted.split_last() {
            None => Text::default(),
            Some((last, [])) => Text::verbatim(last.clone()),
            Some((last, init)) => Text::new(
                format!("{} 或 {last}", init.join("、")),
                format!("{} or {last}", init.join(", ")),
            ),
        }
    }

    /// The statuses with their Chinese words: todo (未开始), in-progress (进行中), …
    pub fn status_list() -> Text {
        let zh: Vec<String> = crate::model::Status::ALL
            .iter()
            .map(|(en, zh, _)| format!("{en}（{zh}）"))
            .collect();
        let en: Vec<String> = crate::model::Status::ALL
            .iter()
            .map(|(en, zh, _)| format!("{en} ({zh})"))
            .collect();
        Text::new(zh.join("、"), en.join(", "))
    }

    /// A full-width character as a message names it: "full-width comma ，".
    pub fn full_width_name(c: char) -> Text {
        let (zh, en) = match c {
            '\u{3000}' => return Text::fixed("全角空格（U+3000）", "full-width space (U+3000)"),
            '“' | '”' | '‘' | '’' => ("引号", "quote"),
            '＝' => ("等号", "equals sign"),
            '，' => ("逗号", "comma"),
            '［' | '］' => ("方括号", "bracket"),
            '｛' | '｝' => ("花括号", "brace"),
            '：' => ("冒号", "colon"),
            '＃' => ("井号", "number sign"),
            _ => ("字符", "character"),
        };
        Text::new(format!("全角{zh} {c}"), format!("full-width {en} {c}"))
    }

    /// What to type instead of some full-width characters: "`,` instead of ，".
    pub fn full_width_fix(ascii: &str, chars: &[char]) -> Text {
        if ascii == " " {
            return full_width_space_fix();
        }
        let chars: Vec<String> = chars.iter().map(char::to_string).collect();
        let chars = chars.join(" ");
        Text::new(
            format!("用 {ascii} 代替 {chars}"),
            format!("{ascii} instead of {chars}"),
        )
    }

    /// The hint for a line with full-width punctuation, naming each character once.
    pub fn full_width_on_line(chars: &[char]) -> Text {
        let shown = |lang: Lang| {
            chars
                .iter()
                .map(|&c| match (c, lang) {
                    ('\u{3000}', Lang::Zh) => "全角空格 U+3000".to_owned(),
                    ('\u{3000}', Lang::En) => "U+3000, a full-width space".to_owned(),
                    (c, _) => c.to_string(),
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        Text::new(
            format!(
                "这一行有全角标点（{}）；请把输入法切换到半角，改为输入 \" = , [ ]",
                shown(Lang::Zh)
            ),
            format!(
                "this line has full-width punctuation ({}); switch the input method to half-width and type \" = , [ ] instead",
                shown(Lang::En)
            ),
        )
    }

    /// What the TOML parser said, in Chinese where we know its words: "invalid basic
    /// string, expected `\"`". Words we do not know stay as the parser wrote them.
    pub fn toml_parser(message: &str) -> Text {
        let (what, expected) = match message.split_once(", expected ") {
            Some((what, expected)) => (Some(what), Some(expected)),
            None => match message.strip_prefix("expected ") {
                Some(expected) => (None, Some(expected)),
                None => (Some(message), None),
            },
        };
        let zh_what = what.map(|w| toml_words(w).unwrap_or(w));
        let zh_expected = expected.map(|e| {
            e.split(", ")
                .map(|part| {
                    toml_words(part)
                        .map(str::to_owned)
                        .or_else(|| between(part))
                        .unwrap_or_else(|| part.to_owned())
                })
                .collect::<Vec<_>>()
                .join("、")
        });
        // A space between 应为 and what follows only where that is ASCII (`]`, 2026).
        let expected = |e: &str| match e.chars().next() {
            Some(c) if c.is_ascii() => format!("应为 {e}"),
            _ => format!("应为{e}"),
        };
        let zh = match (zh_what, zh_expected) {
            (Some(w), Some(e)) => format!("{w}，{}", expected(&e)),
            (Some(w), None) => w.to_owned(),
            (None, Some(e)) => expected(&e),
            (None, None) => String::new(),
        };
        Text::new(zh, message.to_owned())
    }

    /// "day between 01 and 28": 01 到 28 之间的日子.
    fn between(part: &str) -> Option<String> {
        let (what, range) = part.split_once(" between ")?;
        let (low, high) = range.split_once(" and ")?;
        let what = match what {
            "day" => "日子",
            "month" => "月份",
            _ => return None,
        };
        Some(format!("{low} 到 {high} 之间的{what}"))
    }

    /// The parser's words we say in Chinese.
    fn toml_words(words: &str) -> Option<&'static str> {
        let zh = match words {
            "invalid basic string" | "invalid string" => "字符串写法有误",
            "invalid multi-line basic string" => "多行字符串写法有误",
            "invalid literal string" => "单引号字符串写法有误",
            "invalid multi-line literal string" => "多行单引号字符串写法有误",
            "string values must be quoted" => "文本值必须加引号",
            "duplicate key" => "键重复",
            "unclosed array" => "列表没有结束",
            "unclosed array table" => "[[…]] 表头没有结束",
            "unclosed table" => "[…] 表头没有结束",
            "unclosed inline table" => "内联表没有结束",
            "unexpected key or value" => "多出了键或值",
            "unexpected content" => "多出了内容",
            "invalid unquoted key" | "invalid key" => "键的写法有误",
            "invalid table" => "表头写法有误",
            "invalid value" => "值的写法有误",
            "missing value" | "missing value for key" => "缺少值",
            "missing escaped value" => "转义字符不完整",
            "missing comma between array elements" => "列表元素之间缺少逗号",
            "missing comma between key-value pairs" => "键值对之间缺少逗号",
            "missing assignment between key-value pairs" => "键值对缺少 =",
            "extra comma in array" => "列表中多了逗号",
            "extra comma in inline table" => "内联表中多了逗号",
            "extra `=`" => "多了一个 `=`",
            "invalid key-value pair" => "键值对写法有误",
            "invalid inline table element" => "内联表的元素写法有误",
            "invalid integer number" | "invalid float" => "数字写法有误",
            "invalid date-time" | "invalid datetime" => "日期时间写法有误",
            "invalid date" => "日期写法有误",
            "invalid time" => "时刻写法有误",
            "invalid boolean" => "布尔值写法有误",
            "unexpected leading zero" => "数字前面多了 0",
            "recursion limit" => "嵌套层数超过上限",
            "cannot recurse further; max recursion depth met" => "嵌套太深，超过上限",
            "cannot extend value of type string with a dotted key" => {
                "不能用带点的键扩展一个字符串值"
            }
            // What the parser expected instead.
            "newline" => "换行",
            "literal string" => "字符串",
            "unicode hexadecimal value" => "Unicode 十六进制数",
            "non-double-quote visible characters" => "双引号以外的可见字符",
            "a four-digit year (YYYY)" => "四位数的年份（YYYY）",
            "a two-digit month (MM)" => "两位数的月份（MM）",
            "a two-digit day (DD)" => "两位数的日子（DD）",
            "month" => "月份",
            "day" => "日子",
            "letters" => "字母",
            "numbers" => "数字",
            _ => return None,
        };
        Some(zh)
    }

    // The feedback forms (进度反馈) and the reminders (催办): `wg tasks form|intake|remind`.
    messages! {
        prints_a_form() => "总是写出 xlsx 格式的反馈表", "always writes the form as xlsx";
        prints_what_it_takes_in() => "输出读入了什么", "prints what it takes in";
        form_needs_out() => "反馈表是 xlsx 文件：请用 --out FILE.xlsx 指定写到哪里（--out - 接到管道）", "the form is an xlsx file: give --out FILE.xlsx (--out - to pipe it)";
        form_binary_on_terminal() => "反馈表是二进制的 xlsx 文件，不写到终端上；请用 --out FILE.xlsx 指定文件，或接到管道（--out - | …）", "the form is a binary xlsx file and is not written to a terminal; give --out FILE.xlsx, or pipe it (--out - | …)";
        form_needs_unit_or_owner() => "请用 --unit 指定牵头单位，或用 --owner 指定责任人", "give the lead unit with --unit, or the owner with --owner";
        form_no_open_tasks(who: &str) => "{who} 没有未完成的任务，没有写出反馈表", "{who} has no open task; no form was written";
        form_not_made() => "无法生成反馈表", "cannot make the form";
        form_place(file: &str, sheet: &str, row: u32, col: &str, header: &str) => "{file}，工作表“{sheet}”，第 {row} 行，{col} 列（{header}）", "{file}, sheet \"{sheet}\", row {row}, column {col} ({header})";
        form_cell_problem(place: &Text, what: &Text) => "{place}：{what}", "{place}: {what}";
        form_cannot_read(file: &str, why: &Text) => "无法读取反馈表 {file}：{why}", "cannot read the form {file}: {why}";
        form_not_a_file(file: &str) => "{file} 不是普通文件，没有读取", "{file} is not a regular file; not read";
        form_unreadable(file: &str, why: &str) => "{file} 不是能读取的 xlsx 工作簿：{why}", "{file} is not a workbook wg can read: {why}";
        form_without_meta(file: &str, sheet: &str) => "{file} 不是 wg 的反馈表（没有隐藏的工作表“{sheet}”）：请用 `wg tasks form` 生成反馈表，填好后再读入", "{file} is not a wg feedback form (it has no hidden sheet \"{sheet}\"): make forms with `wg tasks form` and take in those";
        form_without_sheet(file: &str, sheet: &str) => "{file} 中没有反馈表的工作表“{sheet}”", "{file} has no form sheet \"{sheet}\"";
        form_without_header(file: &str, sheet: &str) => "{file}，工作表“{sheet}”：前十行中找不到表头（要有“编号”和“进展情况”两列）", "{file}, sheet \"{sheet}\": no header row in the first ten rows (it needs the columns 编号 and 进展情况)";
        form_bad_date(place: &Text, written: &str) => "{place}：“{written}”不是日期；请填写日期单元格，或写成 2026年9月30日、2026/9/30、2026-09-30", "{place}: \"{written}\" is not a date; enter a date cell, or write it as 2026年9月30日, 2026/9/30 or 2026-09-30";
        form_bad_status(place: &Text, written: &str) => "{place}：状态“{written}”无法识别；请从列表中选择：进行中、受阻、已完成", "{place}: the status \"{written}\" is not one wg reads; pick one of the list: 进行中, 受阻, 已完成 (in-progress, blocked, done)";
        form_negative_number(place: &Text, written: &str) => "{place}：指标不能是负数（填写的是“{written}”）；请填写 0 或更大的数值", "{place}: an indicator's value cannot be negative (\"{written}\" is given); give 0 or more";
        form_bad_number(place: &Text, written: &str) => "{place}：“{written}”不是数字；指标请只填写数值（不小于 0，不带单位）", "{place}: \"{written}\" is not a number; give the indicator's value only (0 or more, without its unit)";
        form_row_without_id(place: &Text) => "{place}：这一行填写了内容，但没有编号；请不要增加行，也不要删掉编号", "{place}: this row has entries but no 编号; do not add rows, nor clear the 编号";
        form_other_data_set(file: &str, theirs: &str, ours: &str) => "{file} 是“{theirs}”的反馈表，不属于这个数据目录（{ours}），没有读入任何内容", "{file} is a form of \"{theirs}\", not of this data directory ({ours}); nothing was taken in";
        form_addressee_gone(file: &str, who: &str) => "{file} 是发给“{who}”的反馈表，但数据中已经没有这个单位或人员", "{file} was made for \"{who}\", who is no longer in the data";
        form_date_in_future(file: &str, date: chrono::NaiveDate, today: chrono::NaiveDate) => "{file}：填报日期 {date} 晚于今天（{today}）", "{file}: the report date {date} is after today ({today})";
        form_task_not_on_form(place: &Text, id: &str) => "{place}：任务 {id} 不在这张反馈表上；请在它的牵头单位的反馈表上填报，或用 `wg tasks note`", "{place}: task {id} is not on this form; report it on its lead unit's form, or with `wg tasks note`";
        form_progress_missing(place: &Text) => "{place}：填写了存在问题、下一步措施或指标，但进展情况是空的；请填写进展情况", "{place}: problems, next steps or indicator values are filled in but the progress is empty; fill in the progress";
        form_no_such_indicator(place: &Text, id: &str) => "{place}：任务 {id} 没有这个指标；请清空这个单元格", "{place}: task {id} has no such indicator; clear this cell";
        form_done_date_without_done(place: &Text) => "{place}：填写了完成日期，但状态不是“已完成”；请把状态选为已完成，或清空完成日期", "{place}: a done date is given but the status is not 已完成 (done); pick 已完成 or clear the date";
        intake_refused() => "读入被拒绝，没有修改任何文件", "intake refused; no file was changed";
        the_intake() => "反馈表的读入", "the intake of the forms";
        intake_form_head(file: &str, who: &str, date: chrono::NaiveDate) => "{file}（{who}，填报日期 {date}）：", "{file} ({who}, report date {date}):";
        intake_nothing_filled() => "没有填写任何内容", "nothing filled in";
        intake_row(row: u32, id: &str, what: &str) => "第 {row} 行 {id}：{what}", "row {row} {id}: {what}";
        intake_already_recorded() => "已经记录过，未重复添加", "already recorded; nothing added";
        intake_status_not_applied(asked: &str, now: &str) => "状态“{asked}”未采用：任务现在是“{now}”", "status {asked} not applied: the task is {now} now";
        intake_note_added(date: chrono::NaiveDate) => "新增进展情况（{date}）", "progress note added ({date})";
        intake_status(from: &str, to: &str) => "状态 {from} → {to}", "status {from} → {to}";
        intake_done_on(date: chrono::NaiveDate) => "完成日期 {date}", "done on {date}";
        intake_done_through(date: chrono::NaiveDate) => "已完成至 {date}", "done through {date}";
        intake_readings(list: &str) => "指标 {list}", "indicators {list}";
        intake_summary() => "汇总：", "Summary:";
        intake_unit_rows(who: &str, added: usize, already: usize) => "{who}：采用 {added} 行，已记录过 {already} 行", "{who}: {added} rows taken, {already} already recorded";
        intake_all_reported() => "未报送单位：无", "Not reported: none";
        intake_unreported(list: &str) => "未报送单位：{list}", "Not reported: {list}";
        intake_unreported_without_log(list: &str) => "未报送单位（没有 .wg-sent.toml 的发送记录，按有未完成任务的牵头单位计）：{list}", "Not reported (no sends in .wg-sent.toml, so every lead unit with open tasks counts): {list}";
        intake_unreported_one(who: &str, since: chrono::NaiveDate) => "{who}（{since} 发出）", "{who} (sent {since})";
        intake_dry_run() => "（试运行：没有写入任何文件）", "(dry run: nothing was written)";
        intake_nothing_written() => "没有新内容，没有修改任何文件", "nothing new; no file was changed";
        intake_written(files: &str) => "已写入 {files}", "written: {files}";
        remind_needs_out() => "请用 --out DIR 指定写出催办函和反馈表的目录（不存在时会创建）", "give the directory for the letters and forms with --out DIR (made if missing)";
        remind_out_not_a_dir(path: &str) => "--out {path} 不是目录；催办要写出多个文件，请指定一个目录", "--out {path} is not a directory; a reminder writes several files, so give a directory";
        no_sendmail() => "在 PATH 中找不到 sendmail；请安装一个邮件传输程序（如 msmtp-mta、postfix），或不加 --sendmail，把写出的文件手工发送", "no sendmail on PATH; install a mail transfer agent (msmtp-mta, postfix, …), or leave out --sendmail and send the files written by hand";
        remind_written(letter: &str, form: &str, n: usize) => "{letter}、{form}（{n} 项任务）", "{letter}, {form} ({n} tasks)";
        remind_mailed(who: &str, to: &str) => "已发送给 {who}：{to}", "mailed to {who}: {to}";
        remind_nothing() => "没有逾期或预警的任务，没有写出催办函", "no task is overdue or warned; no letter written";
        remind_already_sent(list: &str) => "今天已经发送过、没有重发（重发请加 --force）：{list}", "mailed today already, not sent again (--force sends again): {list}";
        remind_no_address(list: &str) => "没有邮箱地址、没有发送：{list}（请在 org.toml 中给人员加上 email）", "no email address, not mailed: {list} (add `email` to their people in org.toml)";
        unusable_address(who: &str, address: &str) => "{who} 的邮箱地址“{address}”无法使用，已跳过", "the address \"{address}\" of {who} cannot be used; left out";
        sendmail_failed(who: &str, why: &str) => "发给 {who} 的邮件没有发出：sendmail {why}", "the mail to {who} was not sent: sendmail {why}";
        sent_file_broken(path: &str, why: &str) => "{path} 无法读取：{why}。这是 wg 记录已发送邮件的文件；请修正或删掉它（删掉后，今天已发的邮件可能会重发）", "{path} cannot be read: {why}. It is wg's record of the mails sent; fix it or remove it (once removed, today's mails may go again)";
    }

    /// An I/O error from the system, with the usual ones said in Chinese too (the
    /// system's own words, and the os error number, stay in the English).
    pub fn io_error(e: &std::io::Error) -> Text {
        use std::io::ErrorKind;
        // wg's own words in an I/O error (`io::Error::other(msg::…)`).
        if let Some(text) = e.get_ref().and_then(|inner| inner.downcast_ref::<Text>()) {
            return text.clone();
        }
        let zh = match e.kind() {
            ErrorKind::NotFound => "文件或目录不存在",
            ErrorKind::PermissionDenied => "没有权限",
            ErrorKind::AlreadyExists => "已经存在",
            ErrorKind::IsADirectory => "是目录",
            ErrorKind::NotADirectory => "不是目录",
            ErrorKind::StorageFull => "磁盘空间不足",
            ErrorKind::ReadOnlyFilesystem => "文件系统是只读的",
            ErrorKind::InvalidData => "数据无效",
            ErrorKind::BrokenPipe => "管道已关闭",
            ErrorKind::Interrupted => "被中断",
            // Not yet a stable name to match on (`io_error_more`).
            kind if format!("{kind:?}") == "FilesystemLoop" => "符号链接形成了循环",
            _ => return Text::verbatim(e.to_string()),
        };
        let zh = match e.raw_os_error() {
            Some(n) => format!("{zh}（os error {n}）"),
            None => zh.to_owned(),
        };
        Text::new(zh, e.to_string())
    }

    // wg tasks import: reading the ledger.
    messages! {
        import_file_missing(shown: &str) => "台账文件 {shown} 不存在", "the ledger {shown} does not exist";
        import_not_a_regular_file(shown: &str) => "{shown} 不是普通文件（是管道、设备或其他特殊文件）", "{shown} is not a regular file (a FIFO, a device or another special file)";
        import_not_a_ledger(shown: &str) => "{shown} 既不是 .xlsx 也不是 .csv 文件；请在 Excel 或 WPS 中另存为 .xlsx（Excel 工作簿）或 .csv（逗号分隔）", "{shown} is neither an .xlsx nor a .csv file; save it from Excel or WPS as .xlsx (Excel workbook) or .csv (comma-separated)";
        import_old_format(shown: &str) => "{shown} 是旧格式（.xls/.et/.ods）；请在 Excel 或 WPS 中另存为 .xlsx（Excel 工作簿）后再导入", "{shown} is in an old format (.xls/.et/.ods); save it from Excel or WPS as .xlsx (Excel workbook), then import that";
        import_not_an_xlsx(shown: &str) => "{shown} 不是 .xlsx 工作簿（不是 zip 压缩包）；如果它是旧的 .xls 或改了扩展名的文件，请在 Excel 或 WPS 中另存为 .xlsx", "{shown} is not an .xlsx workbook (it is not a zip archive); if it is an old .xls or a renamed file, save it from Excel or WPS as .xlsx";
        import_unreadable_xlsx(shown: &str, why: &str) => "{shown} 无法作为 .xlsx 工作簿读取：{why}；请在 Excel 或 WPS 中打开并重新另存为 .xlsx", "{shown} cannot be read as an .xlsx workbook: {why}; open it in Excel or WPS and save it again as .xlsx";
        import_unreadable_sheet(shown: &str, sheet: &str, why: &str) => "{shown} 的工作表“{sheet}”无法读取：{why}", "sheet \"{sheet}\" of {shown} cannot be read: {why}";
        import_no_sheets(shown: &str) => "{shown} 没有工作表", "{shown} has no sheets";
        import_no_such_sheet(shown: &str, sheet: &str, all: &Text) => "{shown} 中没有名为“{sheet}”的工作表；它的工作表有：{all}", "{shown} has no sheet named \"{sheet}\"; its sheets are: {all}";
        import_no_such_sheet_near(shown: &str, sheet: &str, near: &str, all: &Text) => "{shown} 中没有名为“{sheet}”的工作表；是否指“{near}”？它的工作表有：{all}", "{shown} has no sheet named \"{sheet}\"; did you mean \"{near}\"? Its sheets are: {all}";
        import_csv_has_no_sheets(shown: &str, sheet: &str) => "--sheet “{sheet}”：{shown} 是 CSV 文件，没有工作表", "--sheet \"{sheet}\": {shown} is a CSV file, which has no sheets";
        import_csv_encoding(shown: &str) => "{shown} 既不是 UTF-8 也不是 GB18030（GBK）编码；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”", "{shown} is neither UTF-8 nor GB18030 (GBK); save it from Excel as \"CSV UTF-8 (Comma delimited)\"";
        import_read_as_gb18030(shown: &str) => "{shown} 不是 UTF-8 编码，已按 GB18030（GBK）读取", "{shown} is not UTF-8; it was read as GB18030 (GBK)";
        import_csv_unreadable(shown: &str, row: usize, why: &str) => "{shown} 第 {row} 行附近无法按 CSV 读取：{why}", "{shown} cannot be read as CSV near row {row}: {why}";
        import_sheet_of(shown: &str, sheet: &str) => "{shown} 的工作表“{sheet}”", "sheet \"{sheet}\" of {shown}";
        import_empty_csv(file: &str) => "{file} 是空的；请打开它确认任务已经保存进去（从 Excel 或 WPS 另存为 CSV 时，请另存有任务的工作表），或者直接读入 .xlsx 台账", "{file} is empty; open it to check that the tasks were saved in it (saving a CSV from Excel or WPS saves the sheet on screen: save the one with the tasks), or import the .xlsx ledger itself";
        import_empty_sheet(what: &Text) => "{what}是空的；请用 --sheet 选择有任务的工作表", "{what} is empty; pick the sheet with the tasks with --sheet";
        import_no_header_row(what: &Text, titles: &Text, all: &Text) => "{what}的前十行中找不到表头行：没有一行有名为 {titles} 的列。表头单元格要正好是这些列名之一：{all}", "no header row in the first ten rows of {what}: no row has a column named {titles}. Header cells must be exactly one of these column names: {all}";
        import_no_rows(what: &Text, row: usize) => "{what}在表头（第 {row} 行）下面没有任务行", "{what} has no task rows below its header (row {row})";
        import_bad_date(raw: &str) => "“{raw}”不是能读懂的日期；请写成 2026-09-30、2026/9/30、2026.9.30、2026年9月30日或 2026年9月底，没有期限写“长期”，或用日期格式的单元格", "\"{raw}\" is not a date wg can read; write it as 2026-09-30, 2026/9/30, 2026.9.30, 2026年9月30日 or 2026年9月底, write 长期 for no deadline, or use a date cell";
        import_bad_status(raw: &str, list: &Text) => "“{raw}”不是任务状态；状态可以是：{list}", "\"{raw}\" is not a task status; a status is one of: {list}";

        // wg tasks import: the rows against the data.
        import_bad_id(id: &str) => "编号“{id}”不能作为任务编号：只能用字母、数字和 - _ .；或者把这一列的表头改成“序号”", "\"{id}\" cannot be a task id: use letters, digits and - _ . only; or head this column 序号 (a running number)";
        import_id_twice(id: &str, first: usize) => "编号 {id} 在第 {first} 行已经用过；每个任务的编号只能有一个", "id {id} is already used in row {first}; each task needs its own id";
        import_id_in_other_group(id: &str, its: &str, place: &str, row_group: &str) => "编号 {id} 已是小组 {its} 的任务（{place}），这一行却属于小组 {row_group}；请给这一行另编一个号，或改正它的小组", "id {id} is already a task of group {its} ({place}), but this row belongs to group {row_group}; give the row another id, or correct its group";
        import_group_cell_empty() => "这一行的“小组”是空的；请填写小组，或用 --group 指定没有填写小组的任务所属的小组", "this row's 小组 (group) cell is empty; fill it in, or pass --group with the group of the tasks that have none";
        import_no_group() => "这一行没有小组：台账没有“小组”列；请用 --group 指定这些任务所属的小组", "this row has no group: the ledger has no 小组 column; pass --group with the group the tasks belong to";
        import_no_title() => "这一行没有任务名称（事项）", "this row has no title (事项)";
        import_title_twice(first: usize, group: &str) => "第 {first} 行已有同名的任务（小组 {group}）；同一个小组中任务名称不能重复", "row {first} already has a task of that title (group {group}); two tasks of one group cannot share a title";
        import_done_on_not_done(raw: &str, status: &str) => "有完成日期“{raw}”，状态却是“{status}”；完成日期只用于已完成的任务", "a completion date \"{raw}\" with status \"{status}\": only done tasks have one";
        from_meeting_refused() => "会议议定事项生成的任务会使数据无效，已被拒绝；什么也没有写入", "the tasks made from the meeting's decisions would make the data invalid, so they were refused; nothing was written";
        import_refused() => "导入的任务会使数据无效，已被拒绝；什么也没有写入", "the imported tasks would make the data invalid, so the import was refused; nothing was written";
        import_not_as_planned() => "导入的任务读回来与预期不符，已被拒绝，什么也没有写入；请把这个问题作为程序缺陷报告", "the imported tasks did not read back as planned, so they were refused and nothing was written; please report this as a bug";
        the_imported_tasks(file: &str) => "导入到 {file} 的任务", "the tasks imported into {file}";

        // wg tasks import: what it prints.
        prints_the_import() => "输出列的对应关系和新增的任务", "prints the column mapping and the tasks it adds";
        import_at_row(file: &str, row: usize) => "{file} 第 {row} 行", "{file}: row {row}";
        bad_email(value: &str) => "email “{value}”不是一个邮箱地址", "email \"{value}\" is not one mail address";
        not_one_address() => "应为一个地址，如 name@example.org", "expected one address, like name@example.org";
        email_like() => "每人只写一个地址，不带姓名、空格或逗号：email = \"zhang@example.org\"", "write one address per person, without a name, spaces or commas: email = \"zhang@example.org\"";
        import_formulas_without_values(file: &str, cells: &str) => "{file} 中有公式没有保存计算结果（{cells}），按公式本身读取；请在 Excel 或 WPS 中打开并保存后再导入", "{file} has formulas without their values saved ({cells}), read as the formulas themselves; open and save it in Excel or WPS, then import it";
        import_at_cell(file: &str, row: usize, letter: &str, header: &str) => "{file} 第 {row} 行 {letter} 列（{header}）", "{file}: row {row}, column {letter} ({header})";
        import_problem(at: &Text, what: &Text) => "{at}：{what}", "{at}: {what}";
        import_row_refused(file: &str) => "{file} 有 1 处问题，什么也没有导入；请改正后再导入", "a problem in {file}, so nothing was imported; correct it and import again";
        import_rows_refused(n: usize, file: &str) => "{file} 有 {n} 处问题，什么也没有导入；请改正后再导入", "{n} problems in {file}, so nothing was imported; correct them and import again";
        import_mapping_head(what: &Text, row: usize) => "{what}，表头在第 {row} 行：", "{what}, header row {row}:";
        import_running_number() => "序号（不作编号）", "running number (not an id)";
        import_first_note() => "进展情况（第一条进展）", "first progress note";
        import_same_as(letter: &str) => "忽略（与 {letter} 列相同）", "ignored (same as column {letter})";
        import_ignored(list: &Text) => "忽略的列：{list}", "ignored: {list}";
        import_row(row: usize) => "第 {row} 行", "row {row}";
        import_exists(row: &Text, id: &str, place: &str) => "{row}：{id} 已有此任务（{place}），与台账一致，未改动", "{row}: {id} is already a task ({place}), as in the ledger; left unchanged";
        import_exists_differs(row: &Text, id: &str, place: &str, list: &Text) => "{row}：{id} 已有此任务（{place}），未改动；与台账不同之处：{list}", "{row}: {id} is already a task ({place}); left unchanged; differs from the ledger in: {list}";
        import_difference(key: &str, ledger: &str, file: &str) => "{key} 台账为“{ledger}”、文件中为“{file}”", "{key} \"{ledger}\" in the ledger, \"{file}\" in the file";
        import_done_on_assumed(id: &str, date: chrono::NaiveDate) => "{id} 状态为已完成但没有完成日期：完成日期记为 {date}（当前日期）", "{id} is done but has no completion date: done_on is taken as {date} (the as-of date)";
        import_added(n: usize, same: usize) => "新增 {n} 项任务，{same} 项已有", "added {n} tasks, {same} already there";
        // Minutes and decisions (wg meeting minutes, wg tasks add --from-meeting).
        no_meetings_at_all() => "meetings.toml 中没有会议", "meetings.toml has no meetings";
        meetings_there_are(list: &Text) => "已有的会议：{list}", "the meetings there are: {list}";
        meeting_listed_held(group: &str, date: &str) => "{group} {date}（已召开）", "{group} {date} (held)";
        meeting_listed_planned(group: &str, date: &str) => "{group} {date}（计划召开）", "{group} {date} (planned)";
        meetings_that_day(date: &str, list: &Text) => "当天（{date}）的会议：{list}", "the meetings on {date}: {list}";
        meetings_of_group(group: &str, list: &Text) => "小组 {group} 的会议：{list}", "the meetings of group {group}: {list}";
        group_has_no_meetings(group: &str, list: &Text) => "meetings.toml 中没有小组 {group} 的会议；已有的会议：{list}", "meetings.toml has no meeting of group {group}; the meetings there are: {list}";
        meeting_is_planned(group: &str, date: &str, today: &str) => "小组 {group} {date} 的会议是计划召开的（统计日期 {today} 之后），还没有召开，没有会议纪要和议定事项", "the meeting of {group} on {date} is planned (after the as-of date {today}), not held: it has no minutes or decisions yet";
        no_meeting_on(date: &str, there: &Text) => "{date} 没有会议。{there}", "no meeting on {date}. {there}";
        no_group_meeting_on(group: &str, date: &str, there: &Text) => "{date} 小组 {group} 没有开会。{there}", "group {group} has no meeting on {date}. {there}";
        several_met_that_day(date: &str, groups: &str, first: &str) => "{date} 有几个小组开会：{groups}；请指明小组，如 --group {first}（或 --from-meeting {first}:{date}）", "several groups met on {date}: {groups}; name the group, like --group {first} (or --from-meeting {first}:{date})";
        no_held_meeting(group: &str, today: &str, there: &Text) => "小组 {group} 在 {today} 之前（含当天）没有召开过会议。{there}", "group {group} has held no meeting on or before {today}. {there}";
        from_meeting_not_a_date(typed: &str) => "“{typed}”不是会议日期：请写成 YYYY-MM-DD，或 GROUP:YYYY-MM-DD", "\"{typed}\" is not a meeting date: write YYYY-MM-DD, or GROUP:YYYY-MM-DD";
        from_meeting_nothing_new(n: usize, date: &str) => "没有要新增的任务：{date} 会议的 {n} 项议定事项都已有任务", "nothing to add: all {n} decisions of the meeting on {date} have their tasks already";
        from_meeting_no_decisions(date: &str) => "{date} 的会议没有议定事项（[[meetings.decisions]]），没有要新增的任务", "the meeting on {date} has no decisions ([[meetings.decisions]]): no tasks to add";
        decision_written_inline(place: &str, n: usize) => "{place}：第 {n} 项议定事项写在一行里（decisions = [{{…}}]），wg 无法在其中记下任务编号；请把它写成 [[meetings.decisions]] 表", "{place}: decision {n} is written inline (decisions = [{{…}}]), where wg cannot record its task; write it as a [[meetings.decisions]] table";
        the_tasks_from_meeting(date: &str) => "{date} 会议议定事项的任务", "the tasks of the meeting on {date}";
        decision_has_task(n: usize, text: &str, id: &str) => "议定事项 {n}（{text}）已有任务 {id}", "decision {n} ({text}) has its task already: {id}";
        decision_records_task(n: usize, place: &str, id: &str) => "议定事项 {n}（{place}）记下 task = \"{id}\"", "decision {n} ({place}) records task = \"{id}\"";
        from_meeting_not_as_planned() => "写入后重新读取的任务或议定事项与计划的不同；什么也没有写入", "the tasks or decisions read back differ from what was planned; nothing was written";
        import_would_add(n: usize, same: usize) => "将新增 {n} 项任务，{same} 项已有（试运行，什么也没有写入）", "would add {n} tasks, {same} already there (dry run: nothing was written)";
        import_nothing_new(same: usize) => "没有要新增的任务：{same} 行都已是任务", "nothing to add: all {same} rows are already tasks";
    }
}

/// The Chinese `--help`: the `about` of the command at `path` ("" is wg itself, then
/// "tasks", "tasks list", …) when `arg` is `None`, else the `help` of its argument with
/// that id. `cli::command` puts them in at run time; a test walks the whole tree, so a
/// command or an option without its Chinese text fails it.
pub fn help_zh(path: &str, arg: Option<&str>) -> Option<&'static str> {
    const FILTERS: [&str; 3] = ["tasks list", "tasks overdue", "tasks due"];
    let text = match (path, arg) {
        ("", None) => {
            "用 TOML 文件管理工作专班的组织架构和任务，回答办公室每周要问的问题：谁在哪个岗位、哪些任务逾期、会议议程有哪些内容"
        }
        ("", Some("data")) => {
            "数据目录（存放 org.toml）。默认：从当前目录往上最近一个存放 org.toml（或 offices.toml）的目录，否则用 ./data"
        }
        ("", Some("today")) => "统计日期，YYYY-MM-DD。默认：按组织所在时区的今天",
        ("", Some("format")) => "输出格式，并非每个命令都提供所有格式",
        ("", Some("lang")) => {
            "标签、提示信息和帮助的语言。默认：组织的 `lang`，不在数据目录中时按 LC_ALL、LC_MESSAGES、LANG"
        }
        ("", Some("color")) => {
            "颜色：auto（在终端上；遵从 NO_COLOR、CLICOLOR_FORCE、TERM=dumb）、always 或 never"
        }
        ("", Some("bom")) => {
            "与 --format csv 同用：开头加字节顺序标记（BOM），便于中文 Windows 上的 Excel 打开"
        }
        ("", Some("out")) => {
            "输出写入 FILE，而不是标准输出（`-`：标准输出）；docx、xlsx 和 SQLite 必须给出。文件会被原子地替换；符号链接写到它指向的文件；设备或 FIFO 直接写入。（`wg man`：手册页写入的目录）"
        }
        ("", Some("width")) => {
            "表格宽度为N列，长的单元格在列内折行（输出到管道时也一样）；0表示不折行。默认：在终端上用终端的宽度（$COLUMNS，否则终端自己的宽度），输出到管道时不折行"
        }
        ("", Some("skip_broken")) => {
            "用于汇总目录：照常输出没有错误的下级单位，在标准错误中列出有错误的下级单位及其错误；退出码仍为 2"
        }
        ("check", None) => "检查全部数据文件；每个问题都注明 文件:行:列 并给出提示",
        ("check", Some("strict")) => "有警告时以退出码 1 结束",
        ("roster", None) => "人员分工：小组、席位、人员和单位",
        ("roster show", None) => "全部小组（或其中一个）：席位、职务、单位、职责和会议安排",
        ("roster show", Some("group")) => "小组编号（如 office、membership）",
        ("roster person", None) => "某个人担任的全部席位，以及他负责的任务",
        ("roster person", Some("name")) => "姓名、编号或带空格的姓名（\"张 柯\"）",
        ("roster units", None) => "单位 × 小组对照表：谁牵头（牵头）、谁参加（成员）",
        ("roster unit", None) => "某个单位牵头或参加的小组，以及它的任务",
        ("roster unit", Some("name")) => "单位名称、编号或别名",
        ("tasks", None) => {
            "任务清单：逾期任务、近期到期、单个任务；新增、修改、延期、标记完成、添加进展情况"
        }
        ("tasks list", None) => "任务清单，按截止日期排序",
        ("tasks overdue", None) => "逾期任务，逾期最久的在前，后附按逾期天数分段的汇总",
        ("tasks due", None) => "从今天到今天 + DAYS 天内到期的任务",
        (p, Some("group")) if FILTERS.contains(&p) => "只看这个小组（编号）的任务",
        (p, Some("unit")) if FILTERS.contains(&p) => {
            "只看这个单位牵头或配合的任务（名称、编号或别名）"
        }
        (p, Some("owner")) if FILTERS.contains(&p) => "只看这个人负责的任务",
        (p, Some("status")) if FILTERS.contains(&p) => {
            "只看这个状态的任务（todo、in-progress、blocked、done、cancelled，或 未开始 …）"
        }
        (p, Some("target")) if FILTERS.contains(&p) => "只看服务这个群体的任务（如 货车司机）",
        (p, Some("due_before")) if FILTERS.contains(&p) => "只看截止日期早于这一天的任务",
        (p, Some("due_after")) if FILTERS.contains(&p) => "只看截止日期晚于这一天的任务",
        (p, Some("office")) if FILTERS.contains(&p) => {
            "用于汇总目录：只看这个下级单位（offices.toml 中的编号）的任务"
        }
        (p, Some("warning")) if FILTERS.contains(&p) => {
            "只看这个预警级别的在办任务：red、yellow、blue、green（红 黄 蓝 绿）"
        }
        ("tasks overdue", Some("by")) => {
            "按所属小组（默认）、牵头单位或责任人汇总。与 --format csv 同用时，CSV 输出的是这份汇总（每个小组、单位或责任人一行），而不是任务"
        }
        ("tasks overdue", Some("exit_code")) => {
            "有逾期任务时以退出码 1 结束（供 cron 使用），没有时为 0"
        }
        ("tasks due", Some("within")) => "往后看多少天",
        ("tasks due", Some("working_days")) => "DAYS 按工作日计算（需要 calendar.toml）",
        ("tasks show", None) => "单个任务及其进展情况",
        ("tasks show", Some("id")) => "任务编号（如 JH-01）",
        ("tasks notice", None) => {
            "督办通知单：某牵头单位的逾期和预警（红色、黄色）任务，写成发给该单位的通知，限 7 日内（有 calendar.toml 时顺延到工作日）书面报送办理情况"
        }
        ("tasks notice", Some("unit")) => "要督办的牵头单位（名称、编号或别名）",
        ("tasks done", None) => "把任务标记为已完成（重复任务：标记下一次）",
        ("tasks done", Some("id")) => "任务编号（如 JH-01）",
        ("tasks done", Some("on")) => "完成的日期。默认：统计日期",
        ("tasks done", Some("note")) => "同时添加一条进展情况",
        ("tasks status", None) => "修改任务的状态",
        ("tasks status", Some("id")) => "任务编号（如 JH-01）",
        ("tasks status", Some("status")) => {
            "todo、in-progress、blocked、done、cancelled（或 未开始 进行中 受阻 已完成 已取消）"
        }
        ("tasks note", None) => "添加一条进展情况，可同时写上存在问题和下一步措施",
        ("tasks note", Some("id")) => "任务编号（如 JH-01）",
        ("tasks note", Some("text")) => "做了什么（进展情况）",
        ("tasks note", Some("problems")) => "存在问题",
        ("tasks note", Some("next_steps")) => "下一步措施",
        ("tasks note", Some("by")) => "报送的单位或人员（名称、编号或别名）",
        ("tasks note", Some("on")) => "进展情况的日期。默认：统计日期",
        ("tasks note", Some("values")) => {
            "这条进展情况时某个指标的读数，NAME=N（任务的指标名称；有几个指标就写几次）"
        }
        ("tasks add", None) => "立项交办：把新任务加到它所属小组的文件里；输出新任务",
        ("tasks add", Some("group")) => {
            "所属小组（编号）。与 --from-meeting 同用时：没有写明 group 的议定事项的任务所属小组"
        }
        ("tasks add", Some("title")) => "任务名称",
        ("tasks add", Some("id")) => "任务编号。默认：小组的编号前缀加下一个数字（JH-04 → JH-05）",
        ("tasks add", Some("lead_unit")) => "牵头单位。默认：小组的牵头单位",
        ("tasks add", Some("units")) => "配合单位，用逗号分隔",
        ("tasks add", Some("owner")) => "责任人",
        ("tasks add", Some("start")) => "开始日期",
        ("tasks add", Some("due")) => "截止日期；没有截止日期的任务永远不会逾期",
        ("tasks add", Some("repeat")) => {
            "monthly、quarterly 或 yearly（每月、每季度、每年）；需要 --due，即第一次的日期"
        }
        ("tasks add", Some("targets")) => "服务对象，用逗号分隔",
        ("tasks add", Some("outcome")) => "成效要求",
        ("tasks add", Some("dry_run")) => "只输出新任务，什么也不写入",
        ("tasks add", Some("from_meeting")) => {
            "为 DATE 召开的会议每项还没有任务的议定事项新增一项任务（那天有几个小组开会时写 GROUP:DATE），并把新任务编号记入 meetings.toml"
        }
        ("tasks edit", None) => "就地修改任务的字段：用于更正（推后截止日期请用 `extend`）",
        ("tasks edit", Some("id")) => "任务编号（如 JH-01）",
        ("tasks edit", Some("title")) => "任务名称",
        ("tasks edit", Some("owner")) => "责任人",
        ("tasks edit", Some("lead_unit")) => "牵头单位",
        ("tasks edit", Some("units")) => "配合单位，用逗号分隔（要写全：新的列表会替换旧的）",
        ("tasks edit", Some("start")) => "开始日期",
        ("tasks edit", Some("due")) => "更正截止日期；延期请用 `wg tasks extend`",
        ("tasks edit", Some("outcome")) => "成效要求",
        ("tasks edit", Some("targets")) => "服务对象，用逗号分隔（新的列表会替换旧的）",
        ("tasks extend", None) => "延期：把截止日期往后推，原因记入一条进展情况",
        ("tasks extend", Some("id")) => "任务编号（如 JH-01）",
        ("tasks extend", Some("to")) => "新的截止日期，要晚于现在的",
        ("tasks extend", Some("reason")) => "延期的原因（记入一条进展情况）",
        ("tasks import", None) => "导入任务台账（Excel 或 CSV）：新的行成为任务",
        ("tasks import", Some("file")) => {
            "台账：.xlsx 工作簿或 .csv 文件（UTF-8，或 Excel 另存的 GB18030）"
        }
        ("tasks import", Some("group")) => "台账没有“小组”列时，任务所属的小组（编号或名称）",
        ("tasks import", Some("sheet")) => "要读的工作表（默认：工作簿的第一张）",
        ("tasks import", Some("dry_run")) => "输出列的对应关系和将要新增的任务，不写入任何文件",
        ("tasks form", None) => {
            "进度反馈表（xlsx）：某牵头单位（或责任人）的未完成任务，供填写；需要 --out FILE.xlsx"
        }
        ("tasks form", Some("unit")) => "牵头单位（名称、编号或别名）",
        ("tasks form", Some("owner")) => "责任人（姓名或编号），代替牵头单位",
        ("tasks intake", None) => {
            "读入填好的进度反馈表：每个填写了的行记一条进展情况，并更新状态；列出已发反馈表而未报送的单位"
        }
        ("tasks intake", Some("files")) => {
            "填好的反馈表（xlsx，经 Excel、WPS 或 LibreOffice 另存的也可以）"
        }
        ("tasks intake", Some("dry_run")) => "只输出将要记入的内容，不写入任何文件",
        ("tasks remind", None) => {
            "催办：给每个有逾期或预警任务的牵头单位（或责任人）写一封催办函和一张反馈表，放在 --out DIR 目录中；加 --sendmail 发送邮件"
        }
        ("tasks remind", Some("by")) => "按牵头单位（unit）或按责任人（owner）各写一份",
        ("tasks remind", Some("sendmail")) => {
            "用 `sendmail -t` 把每份催办发到有关人员的 email 地址"
        }
        ("tasks remind", Some("force")) => "今天已经发送过的也再发一次",
        ("meeting", None) => "会议：季度会议议程、会议纪要、会议列表、导出 iCalendar",
        ("meeting agenda", None) => "某个小组季度会议的议程（默认：领导小组，本季度）",
        ("meeting agenda", Some("quarter")) => "季度，如 2026Q3。默认：本季度",
        ("meeting agenda", Some("group")) => "小组编号。默认：领导小组",
        ("meeting list", None) => {
            "已计划和已召开的会议；按季度开会的小组没有开会的季度，按月开会的小组没有开会的月份"
        }
        ("meeting minutes", None) => {
            "已召开会议的会议纪要：出席人员、传达学习和听取汇报的内容、会议议定事项（默认：领导小组最近一次已召开的会议）"
        }
        ("meeting minutes", Some("date")) => {
            "会议日期。默认：统计日期当天或之前最近一次已召开的会议"
        }
        ("meeting minutes", Some("group")) => {
            "小组编号。默认：领导小组（给出 --date 时：那天开会的小组）"
        }
        ("meeting ics", None) => "会议（加 --deadlines 时还有任务截止日期）导出为 iCalendar",
        ("meeting ics", Some("deadlines")) => "把每个未完成任务的截止日期作为全天事件加入",
        ("report", None) => {
            "按小组、牵头单位或责任人的检查评估：到期、完成、按期、逾期完成、逾期未完成、在办的任务；上期结转；对照指标的成效"
        }
        ("report", Some("quarter")) => "要评估的季度，如 2026Q3。默认：本季度",
        ("report", Some("by")) => {
            "按所属小组、按牵头单位（配合单位另列）、按责任人（责任分工）或在汇总目录中按下级单位评估；单位、责任人和下级单位按按期完成率排名"
        }
        ("export", None) => {
            "把数据导出为数据库：SQLite 文件，或 PostgreSQL 和 SQLite 都能载入的 SQL"
        }
        ("init", None) => "写出一个带注释、能通过 `wg check` 的起步数据目录",
        ("init", Some("dir")) => "要创建的目录（其中还不能有数据文件）",
        ("completions", None) => "输出命令行补全脚本（bash、zsh、fish、elvish、powershell）",
        ("completions", Some("shell")) => "哪个 shell",
        ("man", None) => "输出 roff 格式的手册页（`wg man | man -l -`；手册页是英文的）",
        _ => return None,
    };
    Some(text)
}
