//! Every user-facing label of reports, in Chinese and English, in one table.
//! Diagnostics are in English (see README: "Languages").

use crate::model::{Cadence, GroupKind, Lang, Repeat, Role, Status, UnitKind};

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
    None => "—", "—";
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
        None => default_role_title(group.kind, role, executive).get(lang).to_owned(),
    }
}
