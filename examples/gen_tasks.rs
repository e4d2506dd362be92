//! Writes a synthetic but realistic wg data directory of N tasks for the scale benchmark
//! (`bench/run.sh`), and optionally the same tasks as taskwarrior import JSON.
//!
//! ```text
//! cargo run --release --example gen_tasks -- --tasks 100000 --out /tmp/wg100k \
//!     --today 2026-11-29 [--split 8] [--taskwarrior /tmp/tw100k.json] [--seed 1]
//! ```
//!
//! The organisation is a provincial federation with its departments, industry unions,
//! affiliates, the government bodies it works with and the 13 city federations; people
//! carry Chinese names and titles; groups are the leading group, its office and six
//! special groups. Tasks spread over those groups with a realistic mix: about 20% are
//! overdue on `--today`, some repeat, some carry progress notes, targets and outcomes.
//!
//! Output is deterministic: the same arguments give the same bytes (a seeded
//! splitmix64, no `rand`). On stdout it prints one `key=value` line that the benchmark
//! script reads: the overdue count it expects and an open task to mark done.
//!
//! **Agreeing with taskwarrior.** wg calls a task overdue when `due < today` (dates);
//! taskwarrior when `due < now` (instants), so a task due today at 00:00 is overdue to
//! taskwarrior only. Dues are written as `T000000Z` and no task falls due (next
//! occurrence, for a repeating one) within one day of `--today`; with `TZ=UTC` and
//! `--today` the current UTC date, both tools then count the same tasks all through
//! that day and the next. A repeating task becomes one pending taskwarrior task due on
//! its next occurrence (taskwarrior's own recurrence would spawn one task per period).

use chrono::{Datelike, Duration, Months, NaiveDate};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: gen_tasks --tasks N --out DIR --today YYYY-MM-DD [--split K] [--taskwarrior FILE] [--seed S]";

fn main() -> ExitCode {
    match Args::parse(std::env::args().skip(1)).and_then(|args| run(&args)) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("gen_tasks: {msg}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

struct Args {
    tasks: usize,
    out: PathBuf,
    today: NaiveDate,
    split: usize,
    taskwarrior: Option<PathBuf>,
    seed: u64,
}

impl Args {
    fn parse(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
        let (mut tasks, mut out, mut today, mut split, mut taskwarrior, mut seed) =
            (None, None, None, 0, None, 1);
        while let Some(flag) = it.next() {
            let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
            match flag.as_str() {
                "--tasks" => {
                    tasks = Some(
                        value()?
                            .parse::<usize>()
                            .map_err(|e| format!("--tasks: {e}"))?,
                    )
                }
                "--out" => out = Some(PathBuf::from(value()?)),
                "--today" => {
                    let v = value()?;
                    today = Some(
                        NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                            .map_err(|e| format!("--today {v}: {e}"))?,
                    );
                }
                "--split" => {
                    split = value()?
                        .parse::<usize>()
                        .map_err(|e| format!("--split: {e}"))?
                }
                "--taskwarrior" => taskwarrior = Some(PathBuf::from(value()?)),
                "--seed" => {
                    seed = value()?
                        .parse::<u64>()
                        .map_err(|e| format!("--seed: {e}"))?
                }
                "-h" | "--help" => return Err("help".into()),
                other => return Err(format!("unknown argument {other}")),
            }
        }
        Ok(Args {
            tasks: tasks.ok_or("--tasks is required")?,
            out: out.ok_or("--out is required")?,
            today: today.ok_or("--today is required")?,
            split,
            taskwarrior,
            seed,
        })
    }
}

/// splitmix64: tiny, fast, and the same sequence on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0); the modulo bias is irrelevant here.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % ((hi - lo + 1).max(1) as u64)) as i64
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------
// The organisation
// ---------------------------------------------------------------------------------

struct Unit {
    id: String,
    name: String,
    kind: &'static str,
    aliases: Vec<String>,
}

struct Person {
    id: String,
    name: String,
    title: String,
    unit: Option<usize>,
}

struct Group {
    id: &'static str,
    name: &'static str,
    kind: &'static str,
    prefix: &'static str,
    lead_unit: Option<usize>,
    member_units: Vec<usize>,
    leader: usize,
    deputies: Vec<usize>,
    members: Vec<usize>,
    duties: Vec<&'static str>,
    /// Title phrases of this group's tasks (a city and a target are put in front).
    work: &'static [&'static str],
    /// Relative share of the tasks.
    weight: usize,
}

/// (id, name, kind): the federation's own departments, industry unions, affiliates and
/// the government bodies it coordinates with. Aliases: the "省总工会…" spelling.
const UNITS: &[(&str, &str, &str)] = &[
    ("bangongshi", "办公室（研究室）", "department"),
    ("zuzhi", "组织部", "department"),
    ("xuanjiao", "宣传教育和网络工作部", "department"),
    ("quanyi", "权益保障部", "department"),
    ("laojing", "劳动和经济工作部", "department"),
    ("jiceng", "基层工作部", "department"),
    ("falv", "法律工作部", "department"),
    ("nvzhigong", "女职工部", "department"),
    ("caiwu", "财务资产管理部", "department"),
    ("caimao", "省财贸轻纺工会工作委员会", "industry-union"),
    ("bushu", "省部属企事业单位工会工作委员会", "industry-union"),
    ("haiyuan", "省海员交通工会", "industry-union"),
    ("youzheng", "省邮政工会", "industry-union"),
    ("ganxiao", "省总工会干部学校", "affiliate"),
    ("baoshe", "江苏工人报社", "affiliate"),
    ("wangxin", "省总工会网络与信息中心", "affiliate"),
    ("fuwu", "省职工服务中心", "affiliate"),
    ("renshe", "江苏省人力资源和社会保障厅", "external"),
    ("jiaotong", "江苏省交通运输厅", "external"),
    ("shichang", "江苏省市场监督管理局", "external"),
    ("youzhengju", "江苏省邮政管理局", "external"),
];

/// The 13 city federations: (id, city).
const CITIES: &[(&str, &str)] = &[
    ("nanjing", "南京市"),
    ("wuxi", "无锡市"),
    ("xuzhou", "徐州市"),
    ("changzhou", "常州市"),
    ("suzhou", "苏州市"),
    ("nantong", "南通市"),
    ("lianyungang", "连云港市"),
    ("huaian", "淮安市"),
    ("yancheng", "盐城市"),
    ("yangzhou", "扬州市"),
    ("zhenjiang", "镇江市"),
    ("taizhou", "泰州市"),
    ("suqian", "宿迁市"),
];

const SURNAMES: &[(&str, &str)] = &[
    ("王", "wang"),
    ("李", "li"),
    ("张", "zhang"),
    ("刘", "liu"),
    ("陈", "chen"),
    ("杨", "yang"),
    ("黄", "huang"),
    ("赵", "zhao"),
    ("吴", "wu"),
    ("周", "zhou"),
    ("徐", "xu"),
    ("孙", "sun"),
    ("马", "ma"),
    ("朱", "zhu"),
    ("胡", "hu"),
    ("郭", "guo"),
    ("何", "he"),
    ("高", "gao"),
    ("林", "lin"),
    ("罗", "luo"),
    ("郑", "zheng"),
    ("梁", "liang"),
    ("谢", "xie"),
    ("宋", "song"),
    ("唐", "tang"),
    ("韩", "han"),
    ("冯", "feng"),
    ("邓", "deng"),
    ("曹", "cao"),
    ("彭", "peng"),
    ("曾", "zeng"),
    ("肖", "xiao"),
    ("田", "tian"),
    ("董", "dong"),
    ("袁", "yuan"),
    ("潘", "pan"),
    ("蒋", "jiang"),
    ("蔡", "cai"),
    ("杜", "du"),
    ("叶", "ye"),
    ("程", "cheng"),
    ("苏", "su"),
    ("魏", "wei"),
    ("丁", "ding"),
    ("任", "ren"),
    ("沈", "shen"),
    ("姚", "yao"),
    ("卢", "lu"),
    ("钱", "qian"),
    ("戴", "dai"),
];

const GIVEN: &[(&str, &str)] = &[
    ("伟", "wei"),
    ("芳", "fang"),
    ("娜", "na"),
    ("敏", "min"),
    ("静", "jing"),
    ("丽", "li"),
    ("强", "qiang"),
    ("磊", "lei"),
    ("军", "jun"),
    ("洋", "yang"),
    ("勇", "yong"),
    ("艳", "yan"),
    ("杰", "jie"),
    ("娟", "juan"),
    ("涛", "tao"),
    ("明", "ming"),
    ("超", "chao"),
    ("秀", "xiu"),
    ("霞", "xia"),
    ("平", "ping"),
    ("刚", "gang"),
    ("桂", "gui"),
    ("华", "hua"),
    ("建", "jian"),
    ("国", "guo"),
    ("文", "wen"),
    ("红", "hong"),
    ("海", "hai"),
    ("燕", "yan"),
    ("玲", "ling"),
    ("斌", "bin"),
    ("亮", "liang"),
    ("鹏", "peng"),
    ("宇", "yu"),
    ("辉", "hui"),
    ("峰", "feng"),
    ("婷", "ting"),
    ("晨", "chen"),
    ("琳", "lin"),
    ("振", "zhen"),
    ("春", "chun"),
    ("志", "zhi"),
    ("荣", "rong"),
    ("新", "xin"),
    ("立", "li"),
    ("金", "jin"),
    ("晓", "xiao"),
    ("永", "yong"),
    ("德", "de"),
    ("雪", "xue"),
];

const TARGETS: &[&str] = &[
    "货车司机",
    "网约车司机",
    "快递员",
    "外卖送餐员",
    "网约配送员",
];

const NOTES: &[&str] = &[
    "已召开专题推进会，明确责任分工和时间节点",
    "已完成摸底调查，形成工作台账",
    "已在部分县（市、区）开展试点",
    "已与相关平台企业对接，达成初步共识",
    "进度滞后，已约谈有关单位并提出整改要求",
    "已完成阶段性任务，正在总结经验做法",
    "受疫情影响，线下活动推迟举办",
    "经费已落实，正在组织实施",
    "已报送阶段性工作情况",
    "相关平台企业配合不够，已提请领导小组协调",
];

/// A special group as written below: id, name, task id prefix, lead unit id, member
/// unit ids, duties, and the work its tasks are about.
type Special = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

struct Org {
    units: Vec<Unit>,
    people: Vec<Person>,
    groups: Vec<Group>,
    /// Index of the first city federation in `units`.
    first_city: usize,
}

fn build_org(rng: &mut Rng) -> Org {
    let mut units: Vec<Unit> = UNITS
        .iter()
        .map(|&(id, name, kind)| Unit {
            id: id.into(),
            name: name.into(),
            kind,
            aliases: if kind == "department" {
                vec![format!("省总工会{name}")]
            } else {
                Vec::new()
            },
        })
        .collect();
    let first_city = units.len();
    for &(id, city) in CITIES {
        units.push(Unit {
            id: format!("{id}-zgh"),
            name: format!("{city}总工会"),
            kind: "affiliate",
            aliases: vec![format!("{}总工会", city.trim_end_matches('市'))],
        });
    }
    let unit = |id: &str| units.iter().position(|u| u.id == id).unwrap_or(0);

    let mut names = HashSet::new();
    let mut ids = HashSet::new();
    let mut people = Vec::new();
    let mut person = |rng: &mut Rng, title: String, unit: Option<usize>| -> usize {
        loop {
            let (sur, sur_py) = *rng.pick(SURNAMES);
            let (g1, g1_py) = *rng.pick(GIVEN);
            let (name, py) = if rng.chance(30) {
                (format!("{sur}{g1}"), format!("{sur_py}{g1_py}"))
            } else {
                let (g2, g2_py) = *rng.pick(GIVEN);
                (format!("{sur}{g1}{g2}"), format!("{sur_py}{g1_py}{g2_py}"))
            };
            if !names.insert(name.clone()) {
                continue;
            }
            // Different characters can share a pinyin (许/徐): number the second one.
            let mut id = py.clone();
            let mut n = 2;
            while !ids.insert(id.clone()) {
                id = format!("{py}{n}");
                n += 1;
            }
            people.push(Person {
                id,
                name,
                title,
                unit,
            });
            return people.len() - 1;
        }
    };

    let chair = person(rng, "省总工会党组书记、副主席".into(), None);
    let vice: Vec<usize> = (0..4)
        .map(|_| person(rng, "省总工会副主席".into(), None))
        .collect();
    // Every unit gets a head and one to three others, so every unit is in use.
    let mut heads = Vec::new();
    let mut staff: Vec<Vec<usize>> = Vec::new();
    for (u, un) in units.iter().enumerate() {
        let (head, deputy, other): (&str, &str, &[&str]) = match un.kind {
            "department" => (
                "部长",
                "副部长",
                &["一级调研员", "二级调研员", "一级主任科员"],
            ),
            "industry-union" => ("主任", "副主任", &["二级调研员", "干事"]),
            "external" => ("处长", "副处长", &["一级主任科员"]),
            _ if u >= first_city => ("主席", "副主席", &["基层工作部部长", "权益保障部部长"]),
            _ => ("主任", "副主任", &["科长"]),
        };
        let prefix = if un.kind == "department" {
            format!("省总工会{}", un.name)
        } else {
            un.name.clone()
        };
        heads.push(person(rng, format!("{prefix}{head}"), Some(u)));
        let mut list = vec![person(rng, format!("{prefix}{deputy}"), Some(u))];
        for _ in 0..rng.range(0, 2) {
            let title = format!("{prefix}{}", rng.pick(other));
            list.push(person(rng, title, Some(u)));
        }
        staff.push(list);
    }
    let cities: Vec<usize> = (first_city..units.len()).collect();

    let mut groups = vec![
        Group {
            id: "leading",
            name: "省总推进新就业形态群体工会工作领导小组",
            kind: "leading",
            prefix: "LD",
            lead_unit: None,
            member_units: Vec::new(),
            leader: chair,
            deputies: vice.clone(),
            members: (0..first_city)
                .filter(|&u| units[u].kind != "external")
                .map(|u| heads[u])
                .collect(),
            duties: vec![
                "统一部署和组织开展新就业形态群体有关工作",
                "研究制定落实措施，协调解决工作推进中有关重大问题",
                "指导全省各级工会开展新就业形态群体工作",
            ],
            work: &[
                "召开领导小组季度会议，听取各专项小组工作汇报",
                "传达学习全总新就业形态劳动者权益维护工作会议精神",
                "督查督办新就业形态群体工作重点任务",
                "与厅局建立联席会议机制",
            ],
            weight: 2,
        },
        Group {
            id: "office",
            name: "领导小组办公室",
            kind: "office",
            prefix: "BG",
            lead_unit: Some(unit("jiceng")),
            member_units: ["bangongshi", "zuzhi", "falv", "caiwu", "ganxiao"]
                .map(unit)
                .to_vec(),
            leader: vice[3],
            deputies: vec![heads[unit("jiceng")]],
            members: ["bangongshi", "zuzhi", "falv", "caiwu", "ganxiao"]
                .map(|u| heads[unit(u)])
                .to_vec(),
            duties: vec![
                "协调、落实、督查、督办领导小组有关部署安排",
                "做好日常事务处理、会议组织、文件起草、经费保障等工作",
            ],
            work: &[
                "报送新就业形态群体工作季度进展情况",
                "起草年度工作要点",
                "组织专题调研并形成调研报告",
                "落实专项工作经费保障",
            ],
            weight: 8,
        },
    ];
    let specials: [Special; 6] = [
        (
            "membership",
            "建会入会专项小组",
            "JH",
            "jiceng",
            &["zuzhi", "haiyuan", "youzheng", "caimao", "bushu", "wangxin"],
            &[
                "大力推进新就业形态群体建会入会工作，扩大工会组织有效覆盖",
                "探索网上入会全流程操作，将会员信息纳入实名制数据库动态管理",
            ],
            &[
                "工会组建专项行动",
                "集中入会活动",
                "会员实名制信息采集",
                "行业工会联合会组建",
                "平台企业工会组建",
                "“八小时以外”入会服务",
            ],
        ),
        (
            "ideology",
            "思想政治引领专项小组",
            "SX",
            "xuanjiao",
            &["laojing", "baoshe", "wangxin"],
            &[
                "开展“四史”学习教育，持续开展“中国梦·劳动美”主题宣传教育活动",
                "加强对典型经验的宣传报道",
            ],
            &[
                "“中国梦·劳动美”主题宣讲",
                "“四史”学习教育进站点活动",
                "先进典型选树宣传",
                "职业道德教育",
            ],
        ),
        (
            "rights",
            "维权服务专项小组",
            "WQ",
            "quanyi",
            &[
                "laojing",
                "jiceng",
                "falv",
                "nvzhigong",
                "haiyuan",
                "youzheng",
                "caimao",
                "fuwu",
                "renshe",
            ],
            &[
                "推动落实新就业形态群体收入、社会保障、劳动安全等权益",
                "开展技能提升、“关爱六送”等精准服务",
                "推进集体协商、签订集体合同工作",
            ],
            &[
                "“关爱六送”服务活动",
                "技能提升培训",
                "行业集体协商",
                "职业伤害保障政策宣传",
                "困难职工帮扶",
            ],
        ),
        (
            "security",
            "维护安全专项小组",
            "AQ",
            "falv",
            &["xuanjiao", "quanyi", "jiceng", "wangxin", "shichang"],
            &["着眼重点群体和头部企业，及时排查矛盾风险隐患，多方协作化解纠纷"],
            &[
                "劳动关系矛盾风险排查",
                "劳动争议调解",
                "法律援助服务",
                "舆情监测与处置",
            ],
        ),
        (
            "stations",
            "服务阵地建设专项小组",
            "FW",
            "laojing",
            &[
                "jiceng",
                "haiyuan",
                "youzheng",
                "fuwu",
                "jiaotong",
                "youzhengju",
            ],
            &[
                "合力推动司机之家等服务阵地建设",
                "规范和做好工会户外劳动者服务站点相关工作",
            ],
            &[
                "“司机之家”建设",
                "户外劳动者服务站点提档升级",
                "“暖心驿站”建设",
                "服务站点运行情况督查",
            ],
        ),
        (
            "digital",
            "智慧工会建设专项小组",
            "SZ",
            "wangxin",
            &["jiceng", "zuzhi", "bangongshi", "caiwu"],
            &["建设网上入会、网上服务平台", "推进会员数据互联互通"],
            &[
                "网上入会平台功能完善",
                "会员服务卡推广",
                "工会数据对接",
                "线上服务专区建设",
            ],
        ),
    ];
    for (s, (id, name, prefix, lead, members, duties, work)) in specials.into_iter().enumerate() {
        let lead = unit(lead);
        let mut member_units: Vec<usize> = members.iter().map(|m| unit(m)).collect();
        // Each special group also works through a handful of city federations.
        for k in 0..4 {
            member_units.push(cities[(s * 2 + k * 3) % cities.len()]);
        }
        let mut seat_people: Vec<usize> = member_units.iter().map(|&u| heads[u]).collect();
        seat_people.extend(
            member_units
                .iter()
                .filter_map(|&u| staff[u].first().copied())
                .take(3),
        );
        seat_people.extend(staff[lead].iter().copied());
        groups.push(Group {
            id,
            name,
            kind: "special",
            prefix,
            lead_unit: Some(lead),
            member_units,
            leader: vice[s % vice.len()],
            deputies: vec![heads[lead]],
            members: seat_people,
            duties: duties.to_vec(),
            work,
            weight: 15,
        });
    }
    Org {
        units,
        people,
        groups,
        first_city,
    }
}

/// A reference to a person as people write it: usually the name, sometimes the id, and
/// for two-character names now and then padded with a space the way the annex aligns
/// them ("张 柯").
fn person_ref(rng: &mut Rng, p: &Person) -> String {
    let chars: Vec<char> = p.name.chars().collect();
    match rng.below(10) {
        0 => p.id.clone(),
        1 if chars.len() == 2 => format!("{} {}", chars[0], chars[1]),
        _ => p.name.clone(),
    }
}

fn unit_ref(rng: &mut Rng, u: &Unit) -> String {
    match rng.below(10) {
        0 => u.id.clone(),
        1 if !u.aliases.is_empty() => u.aliases[0].clone(),
        _ => u.name.clone(),
    }
}

fn toml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn toml_list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| toml_str(s)).collect();
    format!("[{}]", inner.join(", "))
}

fn write_org(org: &Org, dir: &Path) -> Result<(), String> {
    let mut s = String::new();
    s.push_str(
        "# org.toml — generated by `cargo run --example gen_tasks` for the scale benchmark.\n",
    );
    s.push_str("# 基准测试用的合成数据（非真实）。\n\n");
    s.push_str("[org]\nname = \"江苏省总工会\"\nshort_name = \"省总\"\ntimezone = \"Asia/Shanghai\"\nlang = \"zh\"\n");
    for u in &org.units {
        let _ = write!(
            s,
            "\n[[units]]\nid = {}\nname = {}\nkind = \"{}\"\n",
            toml_str(&u.id),
            toml_str(&u.name),
            u.kind
        );
        if !u.aliases.is_empty() {
            let _ = writeln!(s, "aliases = {}", toml_list(&u.aliases));
        }
    }
    for p in &org.people {
        let _ = write!(
            s,
            "\n[[people]]\nid = {}\nname = {}\ntitle = {}\n",
            toml_str(&p.id),
            toml_str(&p.name),
            toml_str(&p.title)
        );
        if let Some(u) = p.unit {
            let _ = writeln!(s, "unit = {}", toml_str(&org.units[u].id));
        }
    }
    write(&dir.join("org.toml"), &s)
}

fn write_groups(org: &Org, dir: &Path, rng: &mut Rng) -> Result<(), String> {
    let mut s = String::new();
    s.push_str(
        "# groups.toml — generated by `cargo run --example gen_tasks` for the scale benchmark.\n",
    );
    let parent = org
        .groups
        .iter()
        .find(|g| g.kind == "leading")
        .map_or("leading", |g| g.id);
    for g in &org.groups {
        let _ = write!(
            s,
            "\n[[groups]]\nid = \"{}\"\nname = {}\nkind = \"{}\"\n",
            g.id,
            toml_str(g.name),
            g.kind
        );
        if g.kind != "leading" {
            let _ = writeln!(s, "parent = \"{parent}\"");
        }
        if let (true, Some(u)) = (g.kind == "office", g.lead_unit) {
            let _ = writeln!(s, "host_unit = {}", toml_str(&org.units[u].name));
        }
        let meets = if g.kind == "leading" {
            "quarterly"
        } else {
            "as-needed"
        };
        let _ = writeln!(s, "meets = \"{meets}\"");
        let _ = writeln!(
            s,
            "leader = {}",
            toml_str(&person_ref(rng, &org.people[g.leader]))
        );
        let refs = |rng: &mut Rng, list: &[usize]| -> Vec<String> {
            list.iter()
                .map(|&p| person_ref(rng, &org.people[p]))
                .collect()
        };
        if !g.deputies.is_empty() {
            let deputies = refs(rng, &g.deputies);
            let _ = writeln!(s, "deputies = {}", toml_list(&deputies));
            if g.kind == "leading" {
                let _ = writeln!(
                    s,
                    "executive_deputy = {}",
                    toml_str(&deputies[deputies.len() - 1])
                );
            }
        }
        // A person holds one seat per group: members exclude the leader and deputies.
        let mut seen: HashSet<usize> = g.deputies.iter().copied().collect();
        seen.insert(g.leader);
        let members: Vec<usize> = g
            .members
            .iter()
            .copied()
            .filter(|p| seen.insert(*p))
            .collect();
        let _ = writeln!(s, "members = {}", toml_list(&refs(rng, &members)));
        if let Some(u) = g.lead_unit {
            let _ = writeln!(s, "lead_unit = {}", toml_str(&unit_ref(rng, &org.units[u])));
        }
        if !g.member_units.is_empty() {
            let units: Vec<String> = g
                .member_units
                .iter()
                .map(|&u| unit_ref(rng, &org.units[u]))
                .collect();
            let _ = writeln!(s, "member_units = {}", toml_list(&units));
        }
        let duties: Vec<String> = g.duties.iter().map(|d| (*d).to_owned()).collect();
        let _ = writeln!(s, "duties = {}", toml_list(&duties));
    }
    write(&dir.join("groups.toml"), &s)
}

// ---------------------------------------------------------------------------------
// Tasks
// ---------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Todo,
    InProgress,
    Blocked,
    Done,
    Cancelled,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Todo => "todo",
            Status::InProgress => "in-progress",
            Status::Blocked => "blocked",
            Status::Done => "done",
            Status::Cancelled => "cancelled",
        }
    }
}

struct Task {
    id: String,
    title: String,
    group: usize,
    lead_unit: Option<String>,
    units: Vec<String>,
    owner: Option<String>,
    start: Option<NaiveDate>,
    due: Option<NaiveDate>,
    status: Status,
    done_on: Option<NaiveDate>,
    /// (months between occurrences, done_through)
    repeat: Option<(u32, Option<NaiveDate>)>,
    targets: Vec<String>,
    outcome: Option<String>,
    updates: Vec<(NaiveDate, String)>,
    /// Where taskwarrior must see it due, and whether it is overdue on --today.
    next_due: Option<NaiveDate>,
    overdue: bool,
    /// For the taskwarrior copy: when a deleted task was closed.
    closed_on: Option<NaiveDate>,
}

/// The `n`th occurrence from `first`, with wg's rule: the same day of the month where
/// it exists, else the month's last day (chrono's `checked_add_months` does exactly this).
fn occurrence(first: NaiveDate, months: u32, n: u32) -> Option<NaiveDate> {
    first.checked_add_months(Months::new(months * n))
}

fn days(n: i64) -> Duration {
    Duration::days(n)
}

/// A due date `offset` days from today, pushed out of the day on either side of today
/// (see the module doc).
fn due_at(today: NaiveDate, offset: i64) -> NaiveDate {
    let offset = match offset {
        -1 => -2,
        0 | 1 => 2,
        o => o,
    };
    today + days(offset)
}

fn make_task(rng: &mut Rng, org: &Org, today: NaiveDate, seq: usize, group: usize) -> Task {
    let g = &org.groups[group];
    let cities = org.first_city..org.units.len();
    let city = rng.below(cities.len() + 3);
    // Three chances in 16 that a task is province-wide rather than one city's.
    let (place, city_unit) = match cities.clone().nth(city) {
        Some(u) => (CITIES[u - org.first_city].1.to_owned(), Some(u)),
        None => ("全省".to_owned(), None),
    };
    let mut targets = Vec::new();
    if rng.chance(70) {
        targets.push((*rng.pick(TARGETS)).to_owned());
        if rng.chance(25) {
            let t = (*rng.pick(TARGETS)).to_owned();
            if !targets.contains(&t) {
                targets.push(t);
            }
        }
    }
    let who = targets.first().map_or("新就业形态劳动者", String::as_str);
    let work = rng.pick(g.work);
    let title = match rng.below(4) {
        0 => format!("{place}{work}"),
        1 => format!("在{place}开展{who}{work}"),
        2 => format!("推进{place}{work}（第{}批）", rng.range(1, 6)),
        _ => format!("{place}{work}"),
    };

    // Lead unit: a city's tasks are usually led by its federation; otherwise the group's
    // default applies, except in the leading group, which has no lead unit of its own.
    let lead_unit = match (city_unit, g.lead_unit) {
        (Some(u), _) if rng.chance(60) => Some(unit_ref(rng, &org.units[u])),
        (_, None) => {
            let u = *rng.pick(&org.groups[1].member_units);
            Some(unit_ref(rng, &org.units[u]))
        }
        _ => None,
    };
    let mut units = Vec::new();
    if !g.member_units.is_empty() {
        for _ in 0..rng.below(3) {
            let u = *rng.pick(&g.member_units);
            let u = unit_ref(rng, &org.units[u]);
            if !units.contains(&u) && Some(&u) != lead_unit.as_ref() {
                units.push(u);
            }
        }
    }
    let owner = if rng.chance(90) {
        let seats: Vec<usize> = g.deputies.iter().chain(&g.members).copied().collect();
        let p = *rng.pick(&seats);
        Some(person_ref(rng, &org.people[p]))
    } else {
        None
    };

    let status;
    let mut due = None;
    let mut done_on = None;
    let mut repeat = None;
    let mut next_due = None;
    let kind = rng.below(100);
    if kind < 5 {
        // No deadline yet: never overdue.
        status = if rng.chance(50) {
            Status::Todo
        } else {
            Status::InProgress
        };
    } else if kind < 9 {
        // Repeating reports: monthly or quarterly from a past anchor; half are behind.
        let months = if rng.chance(60) { 1 } else { 3 };
        let first = today - days(rng.range(60, 720));
        let occ: Vec<NaiveDate> = (0..)
            .map_while(|n| occurrence(first, months, n))
            .take_while(|&d| d <= today + days(1))
            .collect();
        // occ is never empty: `first` is at least 60 days back.
        let before = occ.iter().filter(|&&d| d <= today - days(2)).count();
        let done_through = if rng.chance(50) && before > 0 {
            // Behind: one to three occurrences missed, all at least two days ago.
            let missed = rng.range(1, 3).min(before as i64) as usize;
            (before > missed).then(|| occ[before - missed - 1])
        } else {
            // Up to date: the next occurrence is at least two days ahead.
            occ.last().copied()
        };
        repeat = Some((months, done_through));
        due = Some(first);
        next_due = (0..)
            .map_while(|n| occurrence(first, months, n))
            .find(|&d| done_through.is_none_or(|t| d > t));
        status = Status::InProgress;
    } else {
        let d = due_at(today, rng.range(-540, 365));
        due = Some(d);
        next_due = Some(d);
        status = if d < today {
            // A third of the past-due tasks are still open: about 20% overdue overall.
            match rng.below(100) {
                0..=16 => Status::InProgress,
                17..=23 => Status::Todo,
                24..=33 => Status::Blocked,
                34..=41 => Status::Cancelled,
                _ => Status::Done,
            }
        } else {
            match rng.below(100) {
                0..=44 => Status::Todo,
                45..=84 => Status::InProgress,
                85..=89 => Status::Blocked,
                _ => Status::Done,
            }
        };
    }
    let start = match (due, rng.chance(85)) {
        (Some(d), true) => Some(d - days(rng.range(20, 180))),
        (None, true) => Some(today - days(rng.range(0, 200))),
        _ => None,
    };
    let begun = start
        .or(due.map(|d| d - days(60)))
        .unwrap_or(today - days(90));
    if status == Status::Done {
        let d = due.unwrap_or(today);
        // Three in ten finish late; none finish after today.
        let on = if rng.chance(30) {
            d + days(rng.range(1, 45))
        } else {
            d - days(rng.range(0, 30))
        };
        done_on = Some(on.max(begun).min(today - days(1)));
    }
    let overdue =
        !matches!(status, Status::Done | Status::Cancelled) && next_due.is_some_and(|d| d < today);

    let mut updates = Vec::new();
    if rng.chance(35) {
        let first = begun.min(today);
        let last = done_on.or(due).unwrap_or(today).min(today);
        let span = (last - first).num_days().max(0);
        let mut dates: Vec<NaiveDate> = (0..rng.range(1, 3))
            .map(|_| first + days(rng.range(0, span)))
            .collect();
        dates.sort();
        for d in dates {
            updates.push((d, (*rng.pick(NOTES)).to_owned()));
        }
    }
    if status == Status::Cancelled && updates.is_empty() {
        let d = due.unwrap_or(today).max(begun).min(today - days(1));
        updates.push((d, "因工作调整取消，相关内容并入其他任务".to_owned()));
    }
    let closed_on = match status {
        Status::Cancelled => updates.last().map(|u| u.0),
        _ => done_on,
    };
    let outcome = rng.chance(30).then(|| match rng.below(3) {
        0 => format!("新建{who}工会不少于{}家", rng.range(5, 120)),
        1 => format!("发展{who}会员不少于{}人", rng.range(500, 20000)),
        _ => format!("覆盖{who}不少于{}%", rng.range(50, 95)),
    });
    Task {
        id: format!("{}-{:06}", g.prefix, seq),
        title,
        group,
        lead_unit,
        units,
        owner,
        start,
        due,
        status,
        done_on,
        repeat,
        targets,
        outcome,
        updates,
        next_due,
        overdue,
        closed_on,
    }
}

fn write_task_toml(s: &mut String, t: &Task, org: &Org) {
    let _ = write!(
        s,
        "\n[[tasks]]\nid = \"{}\"\ntitle = {}\ngroup = \"{}\"\n",
        t.id,
        toml_str(&t.title),
        org.groups[t.group].id
    );
    if let Some(u) = &t.lead_unit {
        let _ = writeln!(s, "lead_unit = {}", toml_str(u));
    }
    if !t.units.is_empty() {
        let _ = writeln!(s, "units = {}", toml_list(&t.units));
    }
    if let Some(o) = &t.owner {
        let _ = writeln!(s, "owner = {}", toml_str(o));
    }
    if let Some(d) = t.start {
        let _ = writeln!(s, "start = {d}");
    }
    if let Some(d) = t.due {
        let _ = writeln!(s, "due = {d}");
    }
    if t.status != Status::Todo {
        let _ = writeln!(s, "status = \"{}\"", t.status.as_str());
    }
    if let Some(d) = t.done_on {
        let _ = writeln!(s, "done_on = {d}");
    }
    if let Some((months, through)) = t.repeat {
        let _ = writeln!(
            s,
            "repeat = \"{}\"",
            if months == 1 { "monthly" } else { "quarterly" }
        );
        if let Some(d) = through {
            let _ = writeln!(s, "done_through = {d}");
        }
    }
    if !t.targets.is_empty() {
        let _ = writeln!(s, "targets = {}", toml_list(&t.targets));
    }
    if let Some(o) = &t.outcome {
        let _ = writeln!(s, "outcome = {}", toml_str(o));
    }
    for (d, note) in &t.updates {
        let _ = write!(
            s,
            "\n[[tasks.updates]]\ndate = {d}\nnote = {}\n",
            toml_str(note)
        );
    }
}

fn tw_date(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}T000000Z", d.year(), d.month(), d.day())
}

/// A version-4-shaped UUID for task number `seq`, from its own generator so that the
/// TOML does not depend on whether the taskwarrior copy is written.
fn uuid(seed: u64, seq: usize) -> String {
    let mut rng = Rng(seed ^ (seq as u64).wrapping_mul(0xA24B_AED4_963E_E407));
    let (a, b) = (rng.next(), rng.next());
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        0x8000 | ((b >> 48) & 0x3fff),
        b & 0xffff_ffff_ffff
    )
}

/// One taskwarrior import object, on one line.
fn write_task_json(s: &mut String, t: &Task, uuid: &str, org: &Org, today: NaiveDate) {
    let entry = t.start.unwrap_or(today - days(90)).min(today - days(1));
    let status = match t.status {
        Status::Done => "completed",
        Status::Cancelled => "deleted",
        _ => "pending",
    };
    let mut tags: Vec<String> = t.targets.clone();
    if t.status == Status::Blocked {
        tags.push("blocked".into());
    }
    if let Some((months, _)) = t.repeat {
        tags.push(if months == 1 { "monthly" } else { "quarterly" }.into());
    }
    let mut obj = serde_json::Map::new();
    obj.insert("uuid".into(), uuid.into());
    obj.insert("description".into(), format!("{} {}", t.id, t.title).into());
    obj.insert("project".into(), org.groups[t.group].id.into());
    obj.insert("status".into(), status.into());
    obj.insert("entry".into(), tw_date(entry).into());
    if let Some(d) = t.next_due {
        obj.insert("due".into(), tw_date(d).into());
    }
    if let Some(d) = t.start {
        obj.insert("scheduled".into(), tw_date(d).into());
    }
    if let Some(d) = t.closed_on {
        obj.insert("end".into(), tw_date(d.max(entry)).into());
    }
    if !tags.is_empty() {
        obj.insert("tags".into(), tags.into());
    }
    if !t.updates.is_empty() {
        let notes: Vec<serde_json::Value> = t
            .updates
            .iter()
            .map(|(d, note)| serde_json::json!({"entry": tw_date(*d), "description": note}))
            .collect();
        obj.insert("annotations".into(), notes.into());
    }
    s.push_str(&serde_json::Value::Object(obj).to_string());
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn run(args: &Args) -> Result<String, String> {
    let mut rng = Rng(args.seed);
    let org = build_org(&mut rng);
    std::fs::create_dir_all(&args.out)
        .map_err(|e| format!("cannot create {}: {e}", args.out.display()))?;
    for stale in ["tasks.toml", "meetings.toml", "calendar.toml"] {
        let _ = std::fs::remove_file(args.out.join(stale));
    }
    let _ = std::fs::remove_dir_all(args.out.join("tasks"));
    write_org(&org, &args.out)?;
    write_groups(&org, &args.out, &mut rng)?;

    let total_weight: usize = org.groups.iter().map(|g| g.weight).sum();
    let pick_group = |rng: &mut Rng| {
        let mut r = rng.below(total_weight);
        for (i, g) in org.groups.iter().enumerate() {
            if r < g.weight {
                return i;
            }
            r -= g.weight;
        }
        0
    };
    let files = args.split.max(1);
    if args.split > 0 {
        std::fs::create_dir_all(args.out.join("tasks"))
            .map_err(|e| format!("cannot create tasks/: {e}"))?;
    }
    let mut tw = args.taskwarrior.as_ref().map(|_| String::from("["));
    let (mut overdue, mut bytes) = (0usize, 0usize);
    let mut sample: Option<String> = None;
    let mut seq = 0;
    for f in 0..files {
        let count = args.tasks * (f + 1) / files - args.tasks * f / files;
        let mut s = String::with_capacity(count * 400 + 200);
        s.push_str(
            "# Tasks generated by `cargo run --example gen_tasks` for the scale benchmark.\n",
        );
        s.push_str("# 基准测试用的合成任务（非真实）。\n");
        for _ in 0..count {
            seq += 1;
            let group = pick_group(&mut rng);
            let t = make_task(&mut rng, &org, args.today, seq, group);
            overdue += usize::from(t.overdue);
            // An open, plain (not repeating) task from the middle, for `tasks done`.
            if sample.is_none()
                && seq > args.tasks / 2
                && t.repeat.is_none()
                && matches!(t.status, Status::Todo | Status::InProgress)
            {
                sample = Some(format!("{} sample_uuid={}", t.id, uuid(args.seed, seq)));
            }
            write_task_toml(&mut s, &t, &org);
            if let Some(tw) = tw.as_mut() {
                tw.push_str(if seq == 1 { "\n" } else { ",\n" });
                write_task_json(tw, &t, &uuid(args.seed, seq), &org, args.today);
            }
        }
        let path = if args.split > 0 {
            args.out
                .join("tasks")
                .join(format!("part-{:03}.toml", f + 1))
        } else {
            args.out.join("tasks.toml")
        };
        bytes += s.len();
        write(&path, &s)?;
    }
    if let (Some(mut tw), Some(path)) = (tw, &args.taskwarrior) {
        tw.push_str("\n]\n");
        write(path, &tw)?;
    }
    Ok(format!(
        "tasks={} overdue={} files={} task_bytes={} sample_open={}",
        args.tasks,
        overdue,
        files,
        bytes,
        sample.unwrap_or_default()
    ))
}
