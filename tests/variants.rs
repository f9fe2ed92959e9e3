//! Sibling plans in other scripts and layouts, each a small hand-written fixture in
//! `tests/fixtures/`: names resolve whatever the script, and are reported as printed.

use plangraph::model::Outcome;
use plangraph::model::Plan;
use plangraph::read::source::{decode, InputEncoding};
use plangraph::resolve::registry::DEFAULT_BASE;
use plangraph::{parse, Registry, UserMetadata};

fn parse_bytes(name: &str, bytes: &[u8]) -> Plan {
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let source = decode(name, bytes, InputEncoding::Auto).unwrap();
    parse(&source, &registry, &UserMetadata::default()).unwrap()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// (printed name, outcome, full official name) of every slot.
fn slots(plan: &Plan) -> Vec<(String, Outcome, Option<String>)> {
    plan.slots()
        .map(|(_, _, s)| {
            let full = s.agency.as_ref().map(|a| plan.agencies[a].name_zh.clone());
            (
                s.printed_name.clone().unwrap_or_default(),
                s.resolution,
                full,
            )
        })
        .collect()
}

#[test]
fn traditional_script_from_a_big5_mirror() {
    let text = fixture("traditional-2016.txt");
    let (big5, _, unmappable) = encoding_rs::BIG5.encode(&text);
    assert!(!unmappable);
    let plan = parse_bytes("traditional-2016.txt", &big5);
    assert_eq!(plan.source.encoding, "Big5");
    assert_eq!(plan.document.year, Some(2016));
    let titles: Vec<&str> = plan.tasks.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        titles,
        ["加強互聯網領域侵權假冒治理", "加強商標行政執法"],
        "titles as printed"
    );
    assert_eq!(
        slots(&plan),
        vec![
            (
                "工業和信息化部".into(),
                Outcome::Exact,
                Some("工业和信息化部".into())
            ),
            (
                "工商總局".into(),
                Outcome::Alias,
                Some("国家工商行政管理总局".into())
            ),
            (
                "新聞出版廣電總局".into(),
                Outcome::Alias,
                Some("国家新闻出版广电总局".into())
            ),
            (
                "國家網信辦".into(),
                Outcome::Alias,
                Some("国家互联网信息办公室".into())
            ),
            (
                "工商總局".into(),
                Outcome::Alias,
                Some("国家工商行政管理总局".into())
            ),
            ("公安部".into(), Outcome::Exact, Some("公安部".into())),
            ("海關總署".into(), Outcome::Exact, Some("海关总署".into())),
            (
                "國務院法制辦".into(),
                Outcome::Alias,
                Some("国务院法制办公室".into())
            ),
            (
                "國家知識產權局".into(),
                Outcome::Exact,
                Some("国家知识产权局".into())
            ),
        ]
    );
    let roles: Vec<_> = plan.tasks[1].subtasks[0]
        .parenthetical
        .slots
        .iter()
        .map(|s| s.role.as_str())
        .collect();
    assert_eq!(roles, ["lead", "responsible", "responsible"]);
    assert!(plan.tasks[1].subtasks[1].parenthetical.open_list);
    let mentioned: Vec<&str> = plan.mentions.iter().map(|m| m.name.as_str()).collect();
    assert!(mentioned.contains(&"剑网行动"), "{mentioned:?}");
    assert!(
        mentioned.contains(&"中华人民共和国著作权法")
            && mentioned.contains(&"中华人民共和国专利法"),
        "{mentioned:?}"
    );
}

#[test]
fn taiwan_wordings_inside_agency_names() {
    let plan = parse_bytes("taiwan-2017.txt", fixture("taiwan-2017.txt").as_bytes());
    assert_eq!(
        slots(&plan),
        vec![
            (
                "工業和資訊化部".into(),
                Outcome::Exact,
                Some("工业和信息化部".into())
            ),
            (
                "國家智慧財產權局".into(),
                Outcome::Exact,
                Some("国家知识产权局".into())
            ),
            (
                "國家網信辦".into(),
                Outcome::Alias,
                Some("国家互联网信息办公室".into())
            ),
        ]
    );
}

#[test]
fn pinyin_leaked_by_a_ruby_scraper_is_dropped() {
    let text = fixture("ruby-pinyin-2017.txt");
    let plan = parse_bytes("ruby-pinyin-2017.txt", text.as_bytes());
    assert_eq!(plan.tasks[0].title, "加强重点产品监管");
    assert_eq!(
        slots(&plan),
        vec![
            (
                "質檢總局".into(),
                Outcome::Alias,
                Some("国家质量监督检验检疫总局".into())
            ),
            (
                "工业和信息化部".into(),
                Outcome::Exact,
                Some("工业和信息化部".into())
            ),
        ]
    );
    // Spans still point at the original text, pinyin and all.
    let slot = &plan.tasks[0].subtasks[0].parenthetical.slots[0];
    let original: String = text
        .chars()
        .skip(slot.span.begin)
        .take(slot.span.end - slot.span.begin)
        .collect();
    assert_eq!(original, "質(zhì)檢總局");
}

#[test]
fn provincial_units_are_local_agencies_of_their_own() {
    let text = fixture("province-2020.txt");
    let plan = parse_bytes("province-2020.txt", text.as_bytes());
    let levels: Vec<(String, Outcome, Option<String>)> = plan
        .slots()
        .map(|(_, _, s)| {
            (
                s.printed_name.clone().unwrap_or_default(),
                s.resolution,
                s.level.clone(),
            )
        })
        .collect();
    let local =
        |name: &str, level: &str| (name.to_string(), Outcome::Local, Some(level.to_string()));
    assert_eq!(
        levels,
        vec![
            local("省市场监管局", "province"),
            local("省商务厅", "province"),
            local("海口海关", "customs district"),
            local("省知识产权局", "province"),
            local("省农业农村厅", "province"),
            local("市公安局", "municipal"),
            local("县市场监管局", "county"),
        ]
    );
    assert!(
        plan.slots().all(|(_, _, s)| s.agency.is_none()),
        "never resolved to a national body"
    );
    assert_eq!(plan.sections.len(), 1);
    assert_eq!(
        plan.tasks[0].subtasks[0].parenthetical.slots[0]
            .role
            .as_str(),
        "lead"
    );

    // In the graph each is a node of its own in the plan, with its level, and the graph conforms.
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let options = plangraph::graph::mapping::MappingOptions::default();
    let quads = plangraph::graph::mapping::map_plan(&plan, &registry, &options).unwrap();
    let levels: Vec<String> = quads
        .iter()
        .filter(|q| q.predicate.as_str() == "https://w3id.org/plangraph#level")
        .map(|q| q.object.to_string())
        .collect();
    assert_eq!(levels.len(), 7);
    let data: oxigraph::model::Dataset = quads.into_iter().collect();
    let violations = plangraph::store::shacl::Shapes::bundled()
        .unwrap()
        .validate(&data)
        .unwrap()
        .violations;
    assert!(violations.is_empty(), "{violations:#?}");
}

#[test]
fn a_state_council_notice_frame_gives_the_metadata() {
    let plan = parse_bytes("notice-2015.txt", fixture("notice-2015.txt").as_bytes());
    let doc = &plan.document;
    assert_eq!(doc.identifier.as_deref(), Some("国办发〔2015〕17号"));
    assert_eq!(doc.issuer.as_deref(), Some("国务院办公厅"));
    assert_eq!(doc.issued.as_deref(), Some("2015-03-18"));
    assert_eq!(doc.year, Some(2015));
    assert_eq!(plan.sections.len(), 1);
    assert_eq!(plan.tasks.len(), 2);
    let names: Vec<&str> = plan.mentions.iter().map(|m| m.name.as_str()).collect();
    assert!(
        names.contains(&"剑网行动") && names.contains(&"红盾护农行动"),
        "{names:?}"
    );
}

#[test]
fn a_portal_metadata_block_and_an_excerpt_starting_at_item_13() {
    let plan = parse_bytes("portal-2017.txt", fixture("portal-2017.txt").as_bytes());
    let doc = &plan.document;
    assert_eq!(doc.identifier.as_deref(), Some("国办发〔2017〕46号"));
    assert_eq!(doc.issuer.as_deref(), Some("国务院办公厅"));
    assert_eq!(doc.issued.as_deref(), Some("2017-05-16"));
    assert_eq!(doc.published.as_deref(), Some("2017-05-31"));
    let numbers: Vec<u32> = plan.tasks.iter().map(|t| t.number).collect();
    assert_eq!(numbers, [13, 14]);
}

#[test]
fn a_leading_group_plan_with_groups_numbered_tasks_and_later_wordings() {
    let plan = parse_bytes(
        "leading-group-2022.txt",
        fixture("leading-group-2022.txt").as_bytes(),
    );
    assert_eq!(
        plan.document.identifier.as_deref(),
        Some("打假发〔2022〕1号")
    );
    assert_eq!(plan.document.year, Some(2022));
    let ids: Vec<&str> = plan.tasks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        ["1", "1.1", "1.2", "2", "2.3", "3"],
        "1. tasks nest under （一） groups, numbers run on"
    );
    assert_eq!(plan.sections.len(), 2);
    // Brackets that assign nothing stay text; a task without a parenthetical has no subtask.
    assert_eq!(plan.task("1.1").unwrap().subtasks.len(), 1);
    assert!(plan.task("2.3").unwrap().subtasks.is_empty());
    assert!(plan.task("2.3").unwrap().unassigned.is_some());
    let slots = slots(&plan);
    assert_eq!(
        slots,
        vec![
            (
                "中央网信办".into(),
                Outcome::Alias,
                Some("国家互联网信息办公室".into())
            ),
            (
                "工业和信息化部".into(),
                Outcome::Exact,
                Some("工业和信息化部".into())
            ),
            (
                "市场监管总局".into(),
                Outcome::Alias,
                Some("国家市场监督管理总局".into())
            ),
            ("商务部".into(), Outcome::Exact, Some("商务部".into())),
            (
                "国家知识产权局".into(),
                Outcome::Exact,
                Some("国家知识产权局".into())
            ),
            (
                "全国打击侵权假冒工作领导小组各成员单位".into(),
                Outcome::Collective,
                Some("全国打击侵犯知识产权和制售假冒伪劣商品工作领导小组成员单位".into())
            ),
        ]
    );
    let roles: Vec<&str> = plan.task("1.2").unwrap().subtasks[0]
        .parenthetical
        .slots
        .iter()
        .map(|s| s.role.as_str())
        .collect();
    assert_eq!(
        roles,
        ["lead", "responsible", "responsible"],
        "X牵头，Y、Z按职责分工分别负责"
    );
}

#[test]
fn run_in_headings_inside_a_group_head_their_subtasks() {
    let plan = parse_bytes("run-in-2021.txt", fixture("run-in-2021.txt").as_bytes());
    let task = &plan.tasks[0];
    assert_eq!(task.title, "加强重点领域治理");
    let subtasks: Vec<(Option<&str>, &str)> = task
        .subtasks
        .iter()
        .map(|s| (s.heading.as_deref(), s.text.as_str()))
        .collect();
    assert_eq!(
        subtasks,
        vec![
            (
                Some("互联网领域侵权假冒治理"),
                "开展“剑网2021”专项行动，规范网络直播营销活动。"
            ),
            (
                Some("农村和城乡结合部市场治理"),
                "加强农村假冒伪劣食品整治。"
            ),
            (None, "加强农资打假。"),
        ]
    );
    assert_eq!(
        task.subtasks[2].parenthetical.slots[0].role.as_str(),
        "lead"
    );
    let names: Vec<&str> = plan.mentions.iter().map(|m| m.name.as_str()).collect();
    assert!(names.contains(&"剑网行动"), "{names:?}");
}

#[test]
fn a_news_page_quoting_the_plan() {
    let plan = parse_bytes("news-2019.txt", fixture("news-2019.txt").as_bytes());
    assert_eq!(
        plan.document.page_headline.as_deref(),
        Some("全国打击侵权假冒工作领导小组印发2019年工作要点")
    );
    assert_eq!(
        plan.document.page_posted.as_deref(),
        Some("2019-06-03T10:21:00")
    );
    assert_eq!(plan.document.year, Some(2019));
    assert_eq!(plan.tasks.len(), 2);
    assert!(plan
        .preamble
        .as_ref()
        .unwrap()
        .text
        .starts_with("新华社北京6月3日电"));
    // The related-news list after the body is chrome, not a task or a mention.
    assert_eq!(
        plan.tasks[1].subtasks[0].parenthetical.printed,
        "（海关总署负责）"
    );
    let names: Vec<&str> = plan.mentions.iter().map(|m| m.name.as_str()).collect();
    assert!(
        names.contains(&"剑网行动") && names.contains(&"龙腾行动"),
        "{names:?}"
    );
    assert!(
        !names.contains(&"铁拳行动"),
        "related news is chrome: {names:?}"
    );
    // 2019: 市场监管总局 exists, 国家版权局 too; 中央宣传部 is the Party's publicity department.
    let resolved: Vec<Option<String>> = plan
        .slots()
        .map(|(_, _, s)| s.agency.as_ref().map(|a| plan.agencies[a].name_zh.clone()))
        .collect();
    assert!(resolved.iter().all(Option::is_some), "{resolved:?}");
}

#[test]
fn a_pdf_text_dump_with_hard_wraps_page_markers_and_a_cut_off_end() {
    let text = fixture("pdf-2018.txt");
    let plan = parse_bytes("pdf-2018.txt", text.as_bytes());
    assert_eq!(plan.tasks.len(), 3);
    let first = &plan.tasks[0].subtasks[0];
    assert_eq!(first.text, "加强互联网领域侵权假冒治理。深入开展打击网络侵权假冒专项行动，加强知识产权保护,严厉打击违法犯罪。");
    assert!(plan.tasks[0].title == "加强互联网领域侵权假冒治理");
    let names: Vec<String> = first
        .parenthetical
        .slots
        .iter()
        .filter_map(|s| s.printed_name.clone())
        .collect();
    assert_eq!(
        names,
        ["工业和信息化部", "公安部", "国家网信办"],
        "a name broken across lines and a page marker inside the parenthetical"
    );
    assert!(first.parenthetical.slots.iter().all(|s| s.agency.is_some()));
    // The span of a name broken by a line break still covers it in the original.
    let slot = &first.parenthetical.slots[0];
    let original: String = text
        .chars()
        .skip(slot.span.begin)
        .take(slot.span.end - slot.span.begin)
        .collect();
    assert_eq!(original, "工业和信\n息化部");
    let second = &plan.tasks[1].subtasks[0].parenthetical;
    assert_eq!(second.slots[0].role.as_str(), "lead");
    assert_eq!(second.slots[0].printed_name.as_deref(), Some("农业农村部"));
    // The last page is cut off inside a parenthetical that has no verb yet: no agency is
    // invented for it; the clauses stay as text with no agency named.
    let cut = &plan.tasks[2];
    assert!(cut.subtasks.is_empty());
    assert!(cut
        .unassigned
        .as_ref()
        .unwrap()
        .text
        .ends_with("安全管理制度。（国家邮政局、"));
}

#[test]
fn state_council_opinions_of_the_same_shape() {
    let plan = parse_bytes("opinions-2019.txt", fixture("opinions-2019.txt").as_bytes());
    assert_eq!(plan.document.identifier.as_deref(), Some("国发〔2019〕8号"));
    assert_eq!(plan.document.issuer.as_deref(), Some("国务院"));
    assert_eq!(plan.document.issued.as_deref(), Some("2019-03-01"));
    assert_eq!(plan.tasks.len(), 2);
    let lead = &plan.tasks[1].subtasks[0].parenthetical.slots[0];
    assert_eq!(
        (lead.role.as_str(), lead.resolution),
        ("lead", Outcome::Alias)
    );
    assert_eq!(
        plan.agencies[lead.agency.as_ref().unwrap()].name_zh,
        "国家发展和改革委员会"
    );
}
