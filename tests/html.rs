//! The HTML reader (`plangraph::read::html`): the text a reader sees, and where each of its
//! characters is in the page source. Fixtures: `tests/fixtures/formats/` (made by `make-html.py`),
//! or the folder `PLANGRAPH_FORMAT_FIXTURES` names (CI remakes them there).

use plangraph::read::html::{html_text, looks_like_html, HtmlText};

/// A page of the format fixtures; a missing file fails the test, naming its path.
fn fixture(name: &str) -> String {
    let folder = std::env::var("PLANGRAPH_FORMAT_FIXTURES")
        .ok()
        .filter(|f| !f.is_empty())
        .unwrap_or_else(|| format!("{}/tests/fixtures/formats", env!("CARGO_MANIFEST_DIR")));
    let path = format!("{folder}/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn seed_text() -> String {
    plangraph::pipeline::BUNDLED_PLAN.to_string()
}

fn text(page: &str) -> String {
    html_text(page).text
}

/// Checks the map of every char: one origin per char; ranges in the page, in order; a char
/// with a one-char origin is that char of the page; a longer origin is a character reference.
fn check_origins(page: &str, h: &HtmlText) {
    let pc: Vec<char> = page.chars().collect();
    let tc: Vec<char> = h.text.chars().collect();
    assert_eq!(tc.len(), h.origin.len(), "one origin per char");
    let mut last = 0;
    for (i, (c, r)) in tc.iter().zip(&h.origin).enumerate() {
        assert!(
            r.start <= r.end && r.end <= pc.len(),
            "char {i} {c:?}: {r:?} outside the page"
        );
        // A cell spanning rows is written again in each row it covers: its characters come
        // back with the origins they had the first time.
        let repeated = r.start < last
            && tc[..i]
                .iter()
                .zip(&h.origin)
                .any(|(pc, pr)| pc == c && pr == r);
        assert!(
            r.start >= last || repeated,
            "char {i} {c:?}: origin {r:?} before the previous one ({last})"
        );
        last = last.max(r.start);
        match r.len() {
            // `、` stands for a `<br>` between the names of a table cell.
            0 => assert!(
                matches!(c, '\n' | '\t' | ' ' | '、'),
                "char {i} {c:?} inserted but not a break, tab, space or a cell's list mark"
            ),
            1 => {
                let s = pc[r.start];
                assert!(
                    s == *c || (s == '\r' && *c == '\n'),
                    "char {i} {c:?} came from {s:?}"
                );
            }
            _ => assert_eq!(
                pc[r.start],
                '&',
                "char {i} {c:?}: a longer origin is a reference: {:?}",
                &pc[r.clone()]
            ),
        }
    }
}

fn src(page: &str, r: &std::ops::Range<usize>) -> String {
    page.chars().skip(r.start).take(r.len()).collect()
}

#[test]
fn entities_named_decimal_hex() {
    let page = "<p>a&amp;b &lt;c&gt; &ldquo;引号&rdquo; &#20013;&#x6587; &#65288;一&#65289; x&nbsp;y &copy &notin; &ampz</p>";
    let h = html_text(page);
    assert_eq!(h.text, "a&b <c> “引号” 中文 （一） x\u{a0}y © ∉ &z");
    check_origins(page, &h);
}

#[test]
fn origin_of_an_entity_and_of_a_plain_char() {
    let page = "<html><body><p>工业&#21644;信息化部&nbsp;负责</p></body></html>";
    let h = html_text(page);
    assert_eq!(h.text, "工业和信息化部\u{a0}负责");
    let pc: Vec<char> = page.chars().collect();
    let tc: Vec<char> = h.text.chars().collect();
    // A literal character: its own one-char range, and it is that char of the page.
    let i = tc.iter().position(|&c| c == '信').unwrap();
    assert_eq!(h.origin[i].len(), 1);
    assert_eq!(pc[h.origin[i].clone()], ['信']);
    // An entity: the whole reference.
    let j = tc.iter().position(|&c| c == '和').unwrap();
    assert_eq!(src(page, &h.origin[j]), "&#21644;");
    let k = tc.iter().position(|&c| c == '\u{a0}').unwrap();
    assert_eq!(src(page, &h.origin[k]), "&nbsp;");
    // Code points, not bytes: the offsets count the Chinese characters as one each.
    assert_eq!(h.origin[0], 15..16);
    check_origins(page, &h);
}

#[test]
fn origin_span_of_a_phrase_is_its_place_in_the_source() {
    let page = "<div>前言</div>\n<p>  由<b>国家发展改革委</b>牵头负责。</p>";
    let h = html_text(page);
    let start = h.text.chars().position(|c| c == '国').unwrap();
    let end = start + "国家发展改革委".chars().count();
    let (a, b) = (h.origin[start].start, h.origin[end - 1].end);
    assert_eq!(src(page, &(a..b)), "国家发展改革委");
    // The line break the block inserted sits at a tag and has no width.
    let nl = h.text.chars().position(|c| c == '\n').unwrap();
    assert!(h.origin[nl].is_empty());
    assert_eq!(page.chars().nth(h.origin[nl].start), Some('<'));
}

#[test]
fn script_style_and_other_hidden_content_dropped() {
    let page = r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title> 通知 &amp; 公告 </title>
<style>p { color: red } /* 样式 < 16px */</style>
<script>if (a < b && c > d) { document.write("<p>脚本段落</p>"); }</script>
<noscript><p>请启用脚本</p></noscript></head>
<body><!-- 注释 <p>不显示</p> --><p>正文</p><template><p>模板</p></template>
<svg><title>图标</title><text>图形文字</text></svg><iframe src="x">框架</iframe>
<div hidden>隐藏</div><div style="display: none">也隐藏</div><p>结尾</p></body></html>"#;
    let h = html_text(page);
    assert_eq!(h.text, "正文\n\n结尾");
    assert_eq!(h.title.as_deref(), Some("通知 & 公告"));
    check_origins(page, &h);
}

#[test]
fn table_rows_are_lines_and_cells_tabs() {
    let page = "<p>前文</p><table><tr><th>序号</th><th>任务</th><th>牵头单位</th></tr>\
                <tr><td>1</td><td></td><td>公安部</td></tr>\
                <tr><td>2</td><td><p>第一段</p><p>第二段</p></td><td>商务部<br>海关总署</td></tr></table><p>后文</p>";
    let h = html_text(page);
    assert_eq!(
        h.text,
        "前文\n\n序号\t任务\t牵头单位\n1\t\t公安部\n2\t第一段 第二段\t商务部、海关总署\n\n后文"
    );
    check_origins(page, &h);
    let tab = h.text.chars().position(|c| c == '\t').unwrap();
    assert!(h.origin[tab].is_empty());
    assert!(src(page, &(h.origin[tab].start..h.origin[tab].start + 4)).starts_with("<th>"));
}

#[test]
fn table_with_unclosed_cells_and_leading_empty_cell() {
    let page = "<table><tr><td><td>b<td>c<tr><td>d<td>e</table>x";
    assert_eq!(text(page), "\tb\tc\nd\te\nx");
}

#[test]
fn layout_table_cells_are_blocks() {
    // A table holding another table is page layout: its cells are not columns.
    let page = "<table><tr><td><p>导航</p></td><td><p>第一段</p><p>第二段</p>\
                <table><tr><td>a</td><td>b</td></tr></table></td></tr></table>";
    assert_eq!(text(page), "导航\n\n第一段\n\n第二段\n\na\tb");
}

#[test]
fn nested_divs_make_no_blank_line_runs() {
    let page = "<div><div><div><div>一</div></div></div></div><div><div></div></div>\
                <div><section><article><p>二</p></article></section></div><p></p><p></p><p>三</p><br><br><br><br>四";
    let t = text(page);
    assert_eq!(t, "一\n\n二\n\n三\n\n四");
    assert!(!t.contains("\n\n\n"));
}

#[test]
fn br_is_one_line_break() {
    assert_eq!(text("甲<br>乙<br/>丙<br />丁"), "甲\n乙\n丙\n丁");
    assert_eq!(text("<p>甲<br><br>乙</p>"), "甲\n\n乙");
    assert_eq!(text("甲</br>乙"), "甲\n乙");
}

#[test]
fn whitespace_collapses_but_nbsp_emsp_and_ideographic_space_stay() {
    let page = "<p>\n   a   b\t\tc\r\n d  </p><p>中\n文 <b> x </b> y</p><p>&nbsp;&nbsp;一&emsp;&emsp;二&ensp;三\u{3000}四 \u{a0} 五</p>";
    let h = html_text(page);
    assert_eq!(
        h.text,
        "a b c d\n\n中 文 x y\n\n\u{a0}\u{a0}一\u{2003}\u{2003}二\u{2002}三\u{3000}四 \u{a0} 五"
    );
    check_origins(page, &h);
    // A collapsed space is inserted: empty range at the first whitespace char of its run.
    let sp = h.text.chars().position(|c| c == ' ').unwrap();
    assert!(h.origin[sp].is_empty());
    assert_eq!(page.chars().nth(h.origin[sp].start), Some(' '));
}

#[test]
fn pre_and_textarea_keep_whitespace() {
    let page = "<p>前</p><pre>\n一  二\n\n  三\t四</pre><p>后</p><textarea>甲  乙\n丙</textarea>";
    let h = html_text(page);
    assert_eq!(h.text, "前\n\n一  二\n\n三\t四\n\n后\n\n甲  乙\n丙");
    check_origins(page, &h);
}

#[test]
fn malformed_html_as_browsers_read_it() {
    // Unclosed tags, stray end tags, '<' in text, an unclosed tag at the end.
    assert_eq!(
        text("<p>一<p>二<div>三</span></p>四"),
        "一\n\n二\n\n三\n\n四"
    );
    assert_eq!(text("</>&nbsp;x</>y"), "\u{a0}xy");
    assert_eq!(text("</p></div></td>开始"), "开始");
    assert_eq!(
        text("增长率 < 5% 且 a<b 和 <3 以及 </ 完"),
        "增长率 < 5% 且 a"
    );
    assert_eq!(text("x < 5 和 y <= 6"), "x < 5 和 y <= 6");
    assert_eq!(text("文字<p class=\"a"), "文字");
    assert_eq!(text("一<!-- 未闭合的注释 <p>二"), "一");
    assert_eq!(text("一<script>var a = '<p>'"), "一");
    assert_eq!(text("<b><i>粗斜</b>斜</i>正"), "粗斜斜正");
    assert_eq!(
        text("&#0;&#xD800;&#x110000;&#128512;&"),
        "\u{fffd}\u{fffd}\u{fffd}😀&"
    );
    assert_eq!(text(""), "");
    assert_eq!(text("\u{feff}纯文本"), "纯文本");
    for page in [
        "<",
        "&",
        "&#",
        "&#x",
        "</",
        "<!",
        "<!-",
        "<!--",
        "<?",
        "<a",
        "<a b",
        "<a b=",
        "<a b='",
        "\r",
        "\r\n",
        "<pre>\r\n\r\n</pre>",
    ] {
        let h = html_text(page);
        check_origins(page, &h);
    }
}

#[test]
fn looks_like_html_tells_pages_from_text() {
    // Plain Chinese text with '<' or '>' in it is not HTML.
    assert!(!looks_like_html(
        "关于印发《工作要点》的通知\n增长率<5%,指标 >3 个。\n(一)加强监管。"
    ));
    assert!(!looks_like_html("a<b and c>d\n<<重要>>"));
    assert!(!looks_like_html(""));
    assert!(!looks_like_html("<p 不是标签"));
    // Real pages.
    assert!(looks_like_html("<!DOCTYPE html>\n<html><head>"));
    assert!(looks_like_html(
        "\u{feff}  <!-- saved --> \n<!doctype HTML><html>"
    ));
    assert!(looks_like_html(
        "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"
    ));
    assert!(looks_like_html("<HTML><BODY>旧页面</BODY></HTML>"));
    assert!(looks_like_html("<meta charset=\"gbk\"><title>t</title>"));
    assert!(looks_like_html("<div class=\"pages_content\">正文</div>"));
    assert!(looks_like_html("正文开始<p>第一段</p><p>第二段</p>"));
    for name in [
        "seed-2017.html",
        "page-table.html",
        "page-2017-authored.html",
    ] {
        assert!(looks_like_html(&fixture(name)), "{name}");
    }
    assert!(!looks_like_html(&seed_text()));
}

/// The text of the saved gov.cn-shaped page has the lines of the text it was made from.
#[test]
fn seed_2017_page_has_the_lines_of_the_text() {
    let (page, orig) = (fixture("seed-2017.html"), seed_text());
    let h = html_text(&page);
    check_origins(&page, &h);
    assert_eq!(
        h.title.as_deref(),
        Some("国务院印发关于打击知识产权和制假售假工作要点的通知_相关知识_中国政府网")
    );
    let norm = |t: &str| -> Vec<String> {
        t.lines()
            .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>())
            .filter(|l| !l.is_empty())
            .collect()
    };
    let got = norm(&h.text);
    let want = norm(&orig);
    // The page adds one line of its own: the nav bar.
    assert_eq!(got[0], "首页|新闻|政策|互动|服务|数据");
    assert_eq!(got[1..], want[..]);
    // The authored page (with its character references) reads the same as the saved one.
    let authored = fixture("page-2017-authored.html");
    let a = html_text(&authored);
    check_origins(&authored, &a);
    assert_eq!(a.text, h.text);
    // “ written as &ldquo; maps back to the whole reference.
    assert!(a.origin.iter().any(|r| src(&authored, r) == "&ldquo;"));
    assert!(a.origin.iter().any(|r| src(&authored, r) == "&#40;"));
    assert!(a.origin.iter().any(|r| src(&authored, r) == "&#x29;"));
}

#[test]
fn table_page_fixture() {
    let page = fixture("page-table.html");
    let h = html_text(&page);
    check_origins(&page, &h);
    let lines: Vec<&str> = h.text.lines().collect();
    assert!(
        lines.contains(&"序号\t工作任务\t牵头单位\t责任单位\t完成时限"),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"2\t推进“互联网+监管”（含跨境电商）\t工业和信息化部\t\t持续推进"),
        "{lines:?}"
    );
    assert!(lines.contains(&"1\t加强知识产权保护， 严厉打击侵权假冒行为。\t国家知识产权局\t公安部、市场监管总局\t2023年12月底前"));
    assert_eq!(
        lines.first(),
        Some(&"关于印发“2023年重点工作任务分工方案”的通知")
    );
    assert_eq!(lines.last(), Some(&"国务院办公厅\u{a0}\u{a0}2023年3月1日"));
}

/// A small deterministic random number generator (xorshift64*), to need no crate.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// 2,000 random mutations of the fixture page: no panic, and every origin stays valid.
#[test]
fn no_panic_on_2000_mutations() {
    let base = fixture("page-2017-authored.html");
    const PIECES: [&str; 28] = [
        "<",
        ">",
        "</",
        "&",
        "&#",
        "&#x",
        "&amp;",
        "&nbsp",
        "&#20013;",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "<style>",
        "<pre>",
        "</pre>",
        "<table>",
        "<tr>",
        "<td>",
        "</table>",
        "<p>",
        "</p>",
        "<br>",
        "\r",
        "\n",
        "\"",
        "<svg>",
        "<title>",
    ];
    let chars: Vec<char> = base.chars().collect();
    let seed = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9e37_79b9_7f4a_7c15u64);
    let mut rng = Rng(seed.wrapping_mul(2).wrapping_add(1));
    let start = std::time::Instant::now();
    let mut total_chars = 0usize;
    const N: usize = 2000;
    for _ in 0..N {
        let mut c = chars.clone();
        for _ in 0..1 + rng.below(8) {
            let at = rng.below(c.len() + 1);
            match rng.below(6) {
                0 => {
                    let n = rng.below(40).min(c.len() - at.min(c.len()));
                    c.drain(at..at + n);
                }
                1 | 2 => {
                    let p = PIECES[rng.below(PIECES.len())];
                    let at = at.min(c.len());
                    c.splice(at..at, p.chars());
                }
                3 => {
                    let at = at.min(c.len());
                    let n = rng.below(200).min(c.len() - at);
                    let dup: Vec<char> = c[at..at + n].to_vec();
                    let to = rng.below(c.len() + 1);
                    c.splice(to..to, dup);
                }
                4 => c.truncate(at),
                _ => {
                    let ch = char::from_u32(rng.below(0x3_0000) as u32).unwrap_or('\u{fffd}');
                    c.insert(at.min(c.len()), ch);
                }
            }
        }
        let page: String = c.into_iter().collect();
        total_chars += page.chars().count();
        let h = html_text(&page);
        check_origins(&page, &h);
        let _ = looks_like_html(&page);
    }
    let el = start.elapsed();
    eprintln!(
        "{N} mutated pages ({} chars on average): {:.2} ms per page",
        total_chars / N,
        el.as_secs_f64() * 1000.0 / N as f64
    );
}
