//! Agencies' workloads: one horizontal bar per agency, stacked lead / responsible / supporting.

use super::svg::{count, fit_width, no_agencies, picture_id, text_width, Num, Svg};
use super::{AgencyLoad, Link};
use std::cmp::Reverse;

const FONT: f32 = 12.0;
const PAD: f32 = 16.0;
const ROW_H: f32 = 22.0;
const BAR_H: f32 = 14.0;
/// Labels wider than this are cut (the full name is in the tooltip).
const LABEL_MAX: f32 = 260.0;
/// Width of the bars' scale, from 0 to the axis' end.
const BAR_AREA: f32 = 560.0;
/// Room after the longest bar for its count.
const COUNT_ROOM: f32 = 56.0;
/// Top of the first row: heading, legend and tick labels above it.
const ROWS_TOP: f32 = 96.0;

const LEAD_FILL: &str = "#1f4e79";
const HATCH_BACK: &str = "#9fc5e8";
const SUPPORT_FILL: &str = "#eef3f8";
const SUPPORT_STROKE: &str = "#5a7691";
const TEXT_FILL: &str = "#1a1a1a";
const GRID: &str = "#d0d7de";

/// The three roles in the order their segments are stacked: class, legend text, tooltip name.
const ROLES: [(&str, &str, &str); 3] = [
    ("lead", "牵头 lead", "牵头"),
    ("responsible", "负责 responsible", "负责"),
    ("supporting", "配合 supporting", "配合"),
];

/// Draws agencies' workloads as an SVG document of horizontal stacked bars.
///
/// One row per agency, busiest first (ties by label, then IRI): its label on the left
/// (linked to `link(iri)` when that is `Some`; cut with `…` beyond 260 px, estimated as 1 em
/// per CJK character and 0.6 em per other), then its lead (牵头, solid dark), responsible
/// (负责, hatched) and supporting (配合, light, outlined) slots as segments of one bar, the
/// total printed after it. All bars share one scale, with ticks at 1, 2 or 5 × 10ⁿ slots.
pub fn workload_svg(agencies: &[AgencyLoad], title: &str, link: Link) -> String {
    let n = agencies.len();
    let slots: usize = agencies
        .iter()
        .map(AgencyLoad::total)
        .fold(0, usize::saturating_add);
    let desc = format!(
        "Workload of {}: responsibility slots per agency, busiest first, each bar split into \
         lead (牵头, solid dark), responsible (负责, hatched) and supporting (配合, light \
         outlined); {} in all.",
        count(n, "agency", "agencies"),
        count(slots, "slot", "slots"),
    );
    if n == 0 {
        return no_agencies("workload", title, &desc);
    }

    let mut order: Vec<&AgencyLoad> = agencies.iter().collect();
    order.sort_by(|a, b| {
        (Reverse(a.total()), &a.label, &a.iri).cmp(&(Reverse(b.total()), &b.label, &b.iri))
    });
    let labels: Vec<String> = order
        .iter()
        .map(|a| fit_width(&a.label, FONT, LABEL_MAX))
        .collect();
    let label_col = labels
        .iter()
        .map(|l| text_width(l, FONT))
        .fold(0.0, f32::max)
        .min(LABEL_MAX);
    let x0 = PAD + label_col + 10.0;
    let width = (x0 + BAR_AREA + COUNT_ROOM).max(560.0);
    let rows_bottom = ROWS_TOP + n as f32 * ROW_H;
    let height = rows_bottom + 40.0;

    let max_total = order[0].total();
    let step = tick_step(max_total);
    let axis_max = max_total.div_ceil(step).max(1) * step;
    let scale = BAR_AREA / axis_max as f32;

    let id = picture_id(
        "workload",
        std::iter::once(title).chain(agencies.iter().map(|a| a.iri.as_str())),
    );
    let hatch = format!("{id}-hatch");
    let mut svg = Svg::new(width, height, &id, title, &desc);
    svg.open("defs", &[]);
    svg.open(
        "pattern",
        &[
            ("id", &hatch),
            ("width", &6),
            ("height", &6),
            ("patternUnits", &"userSpaceOnUse"),
            ("patternTransform", &"rotate(45)"),
        ],
    );
    svg.empty(
        "rect",
        &[("width", &6), ("height", &6), ("fill", &HATCH_BACK)],
    );
    svg.empty(
        "line",
        &[
            ("x1", &1),
            ("y1", &0),
            ("x2", &1),
            ("y2", &6),
            ("stroke", &LEAD_FILL),
            ("stroke-width", &2),
        ],
    );
    svg.close();
    svg.close();
    let hatch_fill = format!("url(#{hatch})");
    let style = |role: usize| -> [(&'static str, &str); 3] {
        match role {
            0 => [
                ("fill", LEAD_FILL),
                ("stroke", LEAD_FILL),
                ("stroke-width", "1"),
            ],
            1 => [
                ("fill", &hatch_fill),
                ("stroke", LEAD_FILL),
                ("stroke-width", "1"),
            ],
            _ => [
                ("fill", SUPPORT_FILL),
                ("stroke", SUPPORT_STROKE),
                ("stroke-width", "1"),
            ],
        }
    };

    // Legend.
    svg.open("g", &[("class", &"legend"), ("fill", &TEXT_FILL)]);
    let mut x = PAD;
    for (role, (class, text, _)) in ROLES.iter().enumerate() {
        let [fill, stroke, stroke_width] = style(role);
        svg.empty(
            "rect",
            &[
                ("class", class),
                ("x", &Num(x)),
                ("y", &44),
                ("width", &18),
                ("height", &Num(BAR_H)),
                (fill.0, &fill.1),
                (stroke.0, &stroke.1),
                (stroke_width.0, &stroke_width.1),
            ],
        );
        svg.text_element("text", &[("x", &Num(x + 24.0)), ("y", &55)], text);
        x += 24.0 + text_width(text, FONT) + 24.0;
    }
    svg.close();

    // Axis: grid lines through the rows, tick labels above them, the caption below.
    svg.open(
        "g",
        &[
            ("class", &"axis"),
            ("font-size", &11),
            ("fill", &"#555555"),
            ("text-anchor", &"middle"),
        ],
    );
    for tick in (0..=axis_max).step_by(step) {
        let tx = x0 + tick as f32 * scale;
        svg.empty(
            "line",
            &[
                ("x1", &Num(tx)),
                ("y1", &Num(ROWS_TOP - 6.0)),
                ("x2", &Num(tx)),
                ("y2", &Num(rows_bottom)),
                ("stroke", &GRID),
                ("stroke-width", &1),
            ],
        );
        svg.text_element(
            "text",
            &[("x", &Num(tx)), ("y", &Num(ROWS_TOP - 10.0))],
            &tick.to_string(),
        );
    }
    svg.text_element(
        "text",
        &[
            ("x", &Num(x0 + BAR_AREA / 2.0)),
            ("y", &Num(rows_bottom + 24.0)),
        ],
        "responsibility slots 责任数",
    );
    svg.close();

    svg.open("g", &[("class", &"workload-rows")]);
    for (row, (agency, label)) in order.iter().zip(&labels).enumerate() {
        let top = ROWS_TOP + row as f32 * ROW_H;
        let bar_y = top + (ROW_H - BAR_H) / 2.0;
        let baseline = top + ROW_H / 2.0 + FONT * 0.35;
        svg.open(
            "g",
            &[
                ("class", &"workload-row"),
                ("data-iri", &agency.iri),
                ("data-lead", &agency.lead),
                ("data-responsible", &agency.responsible),
                ("data-supporting", &agency.supporting),
            ],
        );
        svg.text_element("title", &[], &agency.summary());
        if row % 2 == 1 {
            svg.empty(
                "rect",
                &[
                    ("class", &"stripe"),
                    ("x", &Num(PAD / 2.0)),
                    ("y", &Num(top)),
                    ("width", &Num(width - PAD)),
                    ("height", &Num(ROW_H)),
                    ("fill", &"#f6f8fa"),
                    ("fill-opacity", &"0.7"),
                ],
            );
        }
        let href = link(&agency.iri);
        let linked = svg.open_link(href.as_deref());
        svg.text_element(
            "text",
            &[
                ("class", &"label"),
                ("x", &Num(x0 - 8.0)),
                ("y", &Num(baseline)),
                ("text-anchor", &"end"),
                ("fill", &if linked { "#0b4f8a" } else { TEXT_FILL }),
            ],
            label,
        );
        svg.close_if(linked);
        let counts = [agency.lead, agency.responsible, agency.supporting];
        let mut done = 0usize;
        for (role, (&n, (class, _, name))) in counts.iter().zip(&ROLES).enumerate() {
            if n == 0 {
                continue;
            }
            let [fill, stroke, stroke_width] = style(role);
            svg.open(
                "rect",
                &[
                    ("class", class),
                    ("data-count", &n),
                    ("x", &Num(x0 + done as f32 * scale)),
                    ("y", &Num(bar_y)),
                    ("width", &Num(n as f32 * scale)),
                    ("height", &Num(BAR_H)),
                    (fill.0, &fill.1),
                    (stroke.0, &stroke.1),
                    (stroke_width.0, &stroke_width.1),
                ],
            );
            svg.text_element("title", &[], &format!("{name} {n}"));
            svg.close();
            done += n;
        }
        svg.text_element(
            "text",
            &[
                ("class", &"total"),
                ("x", &Num(x0 + done as f32 * scale + 6.0)),
                ("y", &Num(baseline)),
                ("fill", &TEXT_FILL),
            ],
            &agency.total().to_string(),
        );
        svg.close();
    }
    svg.close();
    svg.finish()
}

/// The distance between ticks for a scale up to `max`: 1, 2 or 5 × 10ⁿ, at most 6 intervals.
fn tick_step(max: usize) -> usize {
    let mut power = 1usize;
    loop {
        for m in [1, 2, 5] {
            let step = m * power;
            if step.saturating_mul(6) >= max {
                return step;
            }
        }
        power = power.saturating_mul(10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::svg::tests::check_well_formed;

    fn agency(
        i: usize,
        label: &str,
        lead: usize,
        responsible: usize,
        supporting: usize,
    ) -> AgencyLoad {
        AgencyLoad {
            iri: format!("https://example.org/agency/{i}"),
            label: label.to_owned(),
            lead,
            responsible,
            supporting,
        }
    }

    fn sample() -> Vec<AgencyLoad> {
        vec![
            agency(0, "教育部", 0, 4, 1),
            agency(1, "国家发展和改革委员会", 5, 3, 2),
            agency(2, "<script>alert(\"x\")</script> & '", 1, 0, 0),
            agency(3, "财政部", 0, 0, 5),
            agency(4, "无任务", 0, 0, 0),
        ]
    }

    fn no_link(_: &str) -> Option<String> {
        None
    }

    fn attribute(tag: &str, name: &str) -> f32 {
        let key = format!(" {name}=\"");
        let start = tag.find(&key).expect(name) + key.len();
        let end = start + tag[start..].find('"').unwrap();
        tag[start..end].parse().unwrap()
    }

    /// The rows' IRIs in drawing order.
    fn row_order(svg: &str) -> Vec<String> {
        svg.split("class=\"workload-row\" data-iri=\"")
            .skip(1)
            .map(|s| s[..s.find('"').unwrap()].to_owned())
            .collect()
    }

    #[test]
    fn total_adds_the_roles() {
        assert_eq!(agency(0, "x", 1, 2, 3).total(), 6);
        assert_eq!(agency(0, "x", usize::MAX, 2, 3).total(), usize::MAX);
    }

    #[test]
    fn one_row_per_agency_busiest_first() {
        let out = workload_svg(&sample(), "工作量", &no_link);
        check_well_formed(&out);
        assert_eq!(
            row_order(&out),
            [1, 0, 3, 2, 4].map(|i| format!("https://example.org/agency/{i}"))
        );
        assert!(out.contains(
            r#"data-iri="https://example.org/agency/1" data-lead="5" data-responsible="3" data-supporting="2""#
        ));
        assert!(out.contains("<title>国家发展和改革委员会 — 牵头 5 · 负责 3 · 配合 2</title>"));
        assert!(out.contains("5 agencies") && out.contains("21 slots"));
        assert!(out.contains(r#"role="img""#) && out.contains("aria-labelledby="));
        for (_, legend, _) in ROLES {
            assert!(out.contains(legend));
        }
    }

    #[test]
    fn bar_widths_are_proportional_to_counts() {
        let out = workload_svg(&sample(), "t", &no_link);
        let mut per_slot = Vec::new();
        for class in ["lead", "responsible", "supporting"] {
            let marker = format!("<rect class=\"{class}\" data-count=\"");
            let row_rects = out.split(&marker).skip(1);
            for rect in row_rects {
                let n: f32 = rect[..rect.find('"').unwrap()].parse().unwrap();
                per_slot.push(attribute(rect, "width") / n);
            }
        }
        assert_eq!(per_slot.len(), 7);
        for w in &per_slot {
            assert!((w - per_slot[0]).abs() < 0.05, "{per_slot:?}");
        }
        // Segments follow one another: the busiest row's bar ends at 10 slots.
        let busiest = &out[out.find("agency/1\"").unwrap()..];
        let support = &busiest[busiest.find("<rect class=\"supporting\"").unwrap()..];
        let lead = &busiest[busiest.find("<rect class=\"lead\"").unwrap()..];
        let end = attribute(support, "x") + attribute(support, "width");
        assert!((end - attribute(lead, "x") - 10.0 * per_slot[0]).abs() < 0.2);
        // Ticks every 2 up to 10: 560 px for 10 slots.
        assert!((per_slot[0] - 56.0).abs() < 0.01);
    }

    #[test]
    fn roles_differ_by_more_than_colour() {
        let out = workload_svg(&sample(), "t", &no_link);
        assert!(out.contains("<pattern id=\"plangraph-workload-"));
        let responsible = &out[out.find("<rect class=\"responsible\" data-count").unwrap()..];
        assert!(responsible[..200].contains("fill=\"url(#plangraph-workload-"));
    }

    #[test]
    fn labels_are_linked_and_escaped() {
        let link = |iri: &str| Some(format!("/agency?iri={iri}&x='1'"));
        let out = workload_svg(&sample(), "<t>", &link);
        check_well_formed(&out);
        assert_eq!(out.matches("<a href=").count(), 5);
        assert!(out.contains(r#"<a href="/agency?iri=https://example.org/agency/3&amp;x=&#39;1&#39;"><text class="label""#));
        assert!(!out.contains("<script") && !out.contains("<t>"));
        assert!(out.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;"));
    }

    #[test]
    fn long_labels_are_cut() {
        let long = "很".repeat(40);
        let out = workload_svg(&[agency(0, &long, 1, 0, 0)], "t", &no_link);
        assert!(out.contains(&format!("{}…</text>", "很".repeat(20))));
        assert!(out.contains(&format!("<title>{long} — 牵头 1")));
    }

    #[test]
    fn same_input_same_bytes_and_empty_input() {
        assert_eq!(
            workload_svg(&sample(), "t", &no_link),
            workload_svg(&sample(), "t", &no_link)
        );
        let out = workload_svg(&[], "t", &no_link);
        check_well_formed(&out);
        assert!(out.contains("no agencies") && out.contains("0 agencies"));
        let zero = workload_svg(&[agency(0, "无", 0, 0, 0)], "t", &no_link);
        check_well_formed(&zero);
        assert!(!zero.contains("data-count"));
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(tick_step(0), 1);
        assert_eq!(tick_step(6), 1);
        assert_eq!(tick_step(7), 2);
        assert_eq!(tick_step(10), 2);
        assert_eq!(tick_step(13), 5);
        assert_eq!(tick_step(31), 10);
        assert_eq!(tick_step(1234), 500);
    }

    #[test]
    #[ignore]
    fn write_sample() {
        if let Ok(dir) = std::env::var("PLOT_OUT") {
            let out = workload_svg(&sample(), "工作量 workload", &|iri: &str| {
                Some(format!("/agency?iri={iri}"))
            });
            std::fs::write(format!("{dir}/workload.svg"), out).unwrap();
        }
    }
}
