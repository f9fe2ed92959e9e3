//! The cooperation network: agencies as circles, shared subtasks as lines between them.

use super::svg::{count, fit_width, no_agencies, picture_id, text_width, Num, Svg};
use super::{AgencyLoad, Cooperation, Link, SharedWork};
use force_graph::{DefaultNodeIdx, ForceGraph, NodeData, SimulationParameters};
use std::cmp::Reverse;

/// The smallest and largest circle radius (px); area is proportional to slots in between.
const R_MIN: f32 = 4.0;
const R_MAX: f32 = 24.0;
/// Line widths (px) for the fewest and most shared subtasks.
const W_MIN: f32 = 1.0;
const W_MAX: f32 = 8.0;
/// Node pairs the simulation may visit in all (iterations × n²), and the bounds on the
/// number of iterations that follow from it.
const PAIR_BUDGET: usize = 50_000_000;
const ITERATIONS_MIN: usize = 40;
const ITERATIONS_MAX: usize = 400;
/// Distance between neighbouring starting points on the spiral, in layout units.
const SPIRAL_STEP: f32 = 40.0;
/// Time step of the simulation.
const DT: f32 = 0.02;
/// Share of its distance to the centre each node is pulled back each step, so that agencies
/// sharing nothing with the others, and separate groups, stay in the picture.
const GRAVITY: f32 = 0.006;
/// Labels longer than this many em are cut (the full name is in the tooltip).
const LABEL_MAX_EM: f32 = 10.0;
/// Height of the heading and legend above the drawing.
const HEADER: f32 = 96.0;

const LEAD_FILL: &str = "#1f4e79";
const LEAD_STROKE: &str = "#0a1a2a";
const OTHER_FILL: &str = "#cfe0f1";
const OTHER_STROKE: &str = "#5a7691";
const EDGE_STROKE: &str = "#7d8fa3";
const TEXT_FILL: &str = "#1a1a1a";

/// Draws the cooperation network as an SVG document.
///
/// One circle per agency in `network.agencies` (also those sharing no subtask), its area
/// proportional to [`AgencyLoad::total`] (radius from 4 to 24 px); agencies leading at least
/// one slot are dark with a thick dark ring (and say so in the legend), the others light with
/// a thin one. One line per pair in `network.edges`, wider the more subtasks they share
/// (1 px for one, 1 + 1.5·log₂ n, at most 8 px). Each agency's mark links to `link(iri)`
/// when that is `Some`.
///
/// The layout is `force_graph`'s force-directed simulation started from a sunflower spiral
/// (the busiest agencies in the middle, ties by IRI), with a little gravity towards the
/// centre, for a fixed number of steps: at most 50 million node pairs in all (between 40 and
/// 400 steps), so the same input always gives byte-identical output and a 1,000-agency
/// network with 4,000 pairs (50 steps) takes about 0.3 s in a release build, measured by
/// the ignored test `plot::network::tests::time_a_thousand_agencies`. The canvas grows with
/// the square root of the number of agencies (720 px wide for up to 23, 4,800 at most).
pub fn network_svg(network: &Cooperation, title: &str, link: Link) -> String {
    let agencies = &network.agencies;
    let n = agencies.len();
    let edges: Vec<&SharedWork> = network
        .edges
        .iter()
        .filter(|e| e.a < n && e.b < n && e.a != e.b)
        .collect();
    let leaders = agencies.iter().filter(|a| a.lead > 0).count();
    let desc = format!(
        "Cooperation network: {}, {} sharing subtasks. Circle area is proportional to an \
         agency's responsibility slots; line width grows with the number of subtasks two \
         agencies share; a thick dark ring marks the {} that {} at least one task (牵头).",
        count(n, "agency", "agencies"),
        count(edges.len(), "pair", "pairs"),
        count(leaders, "agency", "agencies"),
        if leaders == 1 { "leads" } else { "lead" },
    );
    if n == 0 {
        return no_agencies("network", title, &desc);
    }

    // Busiest first (drawn first, so small circles stay on top), ties by IRI.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| {
        (Reverse(agencies[i].total()), &agencies[i].iri, i).cmp(&(
            Reverse(agencies[j].total()),
            &agencies[j].iri,
            j,
        ))
    });
    let max_total = agencies.iter().map(AgencyLoad::total).max().unwrap_or(0);
    let radii: Vec<f32> = agencies
        .iter()
        .map(|a| radius(a.total(), max_total))
        .collect();
    let max_subtasks = edges.iter().map(|e| e.subtasks).max().unwrap_or(1);
    let pairs: Vec<(usize, usize)> = edges.iter().map(|e| (e.a, e.b)).collect();
    let positions = layout(&order, &radii, &pairs);

    // Canvas and the mapping of layout units onto it.
    let font = if n > 200 { 10.0 } else { 12.0 };
    let labels: Vec<String> = agencies
        .iter()
        .map(|a| fit_width(&a.label, font, LABEL_MAX_EM * font))
        .collect();
    let r_big = radii.iter().copied().fold(R_MIN, f32::max);
    let half_label = labels
        .iter()
        .map(|l| text_width(l, font) / 2.0)
        .fold(0.0, f32::max);
    let width = (150.0 * (n as f32).sqrt()).clamp(720.0, 4800.0);
    let margin_x = r_big.max(half_label) + 12.0;
    let top = HEADER + r_big + 8.0;
    let bottom = r_big + font + 16.0;
    let inner_w = width - 2.0 * margin_x;
    let inner_h_max = (inner_w * 0.75).max(200.0);
    let (min_x, max_x, min_y, max_y) = positions.iter().fold(
        (f32::MAX, f32::MIN, f32::MAX, f32::MIN),
        |(a, b, c, d), &(x, y)| (a.min(x), b.max(x), c.min(y), d.max(y)),
    );
    let span_x = (max_x - min_x).max(1e-3);
    let span_y = (max_y - min_y).max(1e-3);
    let scale = (inner_w / span_x).min(inner_h_max / span_y);
    let (content_w, content_h) = if n == 1 {
        (0.0, 0.0)
    } else {
        (span_x * scale, span_y * scale)
    };
    let height = top + content_h + bottom;
    let offset_x = margin_x + (inner_w - content_w) / 2.0;
    let at = |i: usize| -> (f32, f32) {
        if n == 1 {
            return (width / 2.0, top);
        }
        let (x, y) = positions[i];
        (offset_x + (x - min_x) * scale, top + (y - min_y) * scale)
    };

    let id = picture_id(
        "network",
        std::iter::once(title).chain(agencies.iter().map(|a| a.iri.as_str())),
    );
    let mut svg = Svg::new(width, height, &id, title, &desc);
    legend(&mut svg, max_total, max_subtasks);

    // Lines first, the widest on top of the thin ones.
    let mut drawn = edges.clone();
    drawn.sort_by_key(|e| e.subtasks);
    svg.open("g", &[("class", &"cooperation-lines")]);
    for e in drawn {
        let (a, b) = (&agencies[e.a], &agencies[e.b]);
        let ((x1, y1), (x2, y2)) = (at(e.a), at(e.b));
        svg.open(
            "line",
            &[
                ("class", &"cooperation"),
                ("data-a", &a.iri),
                ("data-b", &b.iri),
                ("data-subtasks", &e.subtasks),
                ("x1", &Num(x1)),
                ("y1", &Num(y1)),
                ("x2", &Num(x2)),
                ("y2", &Num(y2)),
                ("stroke", &EDGE_STROKE),
                ("stroke-opacity", &"0.6"),
                ("stroke-width", &Num(line_width(e.subtasks))),
                ("stroke-linecap", &"round"),
            ],
        );
        svg.text_element(
            "title",
            &[],
            &format!(
                "{} — {}: {}",
                a.label,
                b.label,
                count(e.subtasks, "shared subtask", "shared subtasks")
            ),
        );
        svg.close();
    }
    svg.close();

    svg.open("g", &[("class", &"agency-nodes")]);
    for &i in &order {
        let agency = &agencies[i];
        let (x, y) = at(i);
        let r = radii[i];
        let href = link(&agency.iri);
        let linked = svg.open_link(href.as_deref());
        svg.open(
            "g",
            &[
                ("class", &"agency-node"),
                ("data-iri", &agency.iri),
                ("data-total", &agency.total()),
                ("data-lead", &agency.lead),
            ],
        );
        let leads = agency.lead > 0;
        svg.empty(
            "circle",
            &[
                ("class", &if leads { "node lead" } else { "node" }),
                ("cx", &Num(x)),
                ("cy", &Num(y)),
                ("r", &Num(r)),
                ("fill", &if leads { LEAD_FILL } else { OTHER_FILL }),
                ("stroke", &if leads { LEAD_STROKE } else { OTHER_STROKE }),
                ("stroke-width", &if leads { 3 } else { 1 }),
            ],
        );
        svg.text_element(
            "text",
            &[
                ("x", &Num(x)),
                ("y", &Num(y + r + font + 1.0)),
                ("text-anchor", &"middle"),
                ("font-size", &Num(font)),
                ("font-weight", &if leads { "bold" } else { "normal" }),
                ("fill", &TEXT_FILL),
                ("stroke", &"#ffffff"),
                ("stroke-width", &3),
                ("stroke-linejoin", &"round"),
                ("paint-order", &"stroke"),
            ],
            &labels[i],
        );
        svg.text_element("title", &[], &agency.summary());
        svg.close();
        svg.close_if(linked);
    }
    svg.close();
    svg.finish()
}

/// The circle radius for `total` slots: area proportional to slots, the busiest agency at
/// [`R_MAX`], none below [`R_MIN`].
fn radius(total: usize, max_total: usize) -> f32 {
    if max_total == 0 {
        return R_MIN;
    }
    (R_MAX * (total as f32 / max_total as f32).sqrt()).clamp(R_MIN, R_MAX)
}

/// The line width for `subtasks` shared subtasks.
fn line_width(subtasks: usize) -> f32 {
    (W_MIN + 1.5 * (subtasks.max(1) as f32).log2()).clamp(W_MIN, W_MAX)
}

/// The number of simulation steps for `n` nodes.
fn iterations(n: usize) -> usize {
    (PAIR_BUDGET / n.saturating_mul(n).max(1)).clamp(ITERATIONS_MIN, ITERATIONS_MAX)
}

/// Positions (layout units, any scale) of the agencies, by index. `order` is the order of the
/// starting spiral, from the centre out; `pairs` are the lines.
fn layout(order: &[usize], radii: &[f32], pairs: &[(usize, usize)]) -> Vec<(f32, f32)> {
    let n = order.len();
    let mut graph: ForceGraph = ForceGraph::new(SimulationParameters {
        force_charge: 12000.0,
        force_spring: 0.05,
        force_max: 100.0,
        node_speed: 2000.0,
        damping_factor: 0.8,
    });
    // The golden angle: points of a sunflower spiral, evenly spread.
    let golden = std::f32::consts::PI * (3.0 - 5.0_f32.sqrt());
    let mut nodes: Vec<Option<DefaultNodeIdx>> = vec![None; n];
    for (k, &i) in order.iter().enumerate() {
        let r = SPIRAL_STEP * (k as f32 + 0.5).sqrt();
        let theta = k as f32 * golden;
        nodes[i] = Some(graph.add_node(NodeData {
            x: r * theta.cos(),
            y: r * theta.sin(),
            // Bigger circles push harder, so they get room.
            mass: 1.0 + radii[i] / R_MIN,
            is_anchor: false,
            user_data: (),
        }));
    }
    let nodes: Vec<DefaultNodeIdx> = nodes.into_iter().flatten().collect();
    for &(a, b) in pairs {
        graph.add_edge(nodes[a], nodes[b], Default::default());
    }
    let steps = iterations(n);
    for _ in 0..steps {
        graph.update(DT);
        graph.visit_nodes_mut(|node| {
            node.data.x -= node.data.x * GRAVITY;
            node.data.y -= node.data.y * GRAVITY;
        });
    }
    let g = graph.get_graph();
    nodes
        .iter()
        .map(|&idx| {
            let (x, y) = (g[idx].x(), g[idx].y());
            if x.is_finite() && y.is_finite() {
                (x, y)
            } else {
                (0.0, 0.0)
            }
        })
        .collect()
}

/// The legend under the heading: what the fill and ring, the circle size and the line width
/// mean.
fn legend(svg: &mut Svg, max_total: usize, max_subtasks: usize) {
    svg.open(
        "g",
        &[
            ("class", &"legend"),
            ("font-size", &12),
            ("fill", &TEXT_FILL),
        ],
    );
    let row1 = 54.0;
    svg.empty(
        "circle",
        &[
            ("class", &"node lead"),
            ("cx", &26),
            ("cy", &Num(row1)),
            ("r", &7),
            ("fill", &LEAD_FILL),
            ("stroke", &LEAD_STROKE),
            ("stroke-width", &3),
        ],
    );
    svg.text_element(
        "text",
        &[
            ("x", &40),
            ("y", &Num(row1 + 4.0)),
            ("font-weight", &"bold"),
        ],
        "牵头 leads at least one task (thick dark ring)",
    );
    svg.empty(
        "circle",
        &[
            ("class", &"node"),
            ("cx", &396),
            ("cy", &Num(row1)),
            ("r", &7),
            ("fill", &OTHER_FILL),
            ("stroke", &OTHER_STROKE),
            ("stroke-width", &1),
        ],
    );
    svg.text_element(
        "text",
        &[("x", &410), ("y", &Num(row1 + 4.0))],
        "负责/配合 only, leads none",
    );
    let row2 = 80.0;
    svg.empty(
        "circle",
        &[
            ("cx", &26),
            ("cy", &Num(row2)),
            ("r", &Num(R_MIN)),
            ("fill", &"none"),
            ("stroke", &OTHER_STROKE),
        ],
    );
    svg.empty(
        "circle",
        &[
            ("cx", &44),
            ("cy", &Num(row2)),
            ("r", &8),
            ("fill", &"none"),
            ("stroke", &OTHER_STROKE),
        ],
    );
    svg.text_element(
        "text",
        &[("x", &60), ("y", &Num(row2 + 4.0))],
        &format!("circle area: responsibility slots (largest {max_total})"),
    );
    svg.empty(
        "line",
        &[
            ("x1", &350),
            ("y1", &Num(row2 - 4.0)),
            ("x2", &380),
            ("y2", &Num(row2 - 4.0)),
            ("stroke", &EDGE_STROKE),
            ("stroke-width", &Num(W_MIN)),
        ],
    );
    svg.empty(
        "line",
        &[
            ("x1", &350),
            ("y1", &Num(row2 + 4.0)),
            ("x2", &380),
            ("y2", &Num(row2 + 4.0)),
            ("stroke", &EDGE_STROKE),
            ("stroke-width", &Num(line_width(max_subtasks))),
        ],
    );
    svg.text_element(
        "text",
        &[("x", &390), ("y", &Num(row2 + 4.0))],
        &format!("line width: shared subtasks (1 … {max_subtasks})"),
    );
    svg.close();
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

    fn sample() -> Cooperation {
        Cooperation {
            agencies: vec![
                agency(0, "国家发展改革委", 5, 3, 2),
                agency(1, "教育部", 0, 4, 1),
                agency(2, "<script>alert(\"x\")</script> & '", 1, 0, 0),
                agency(3, "财政部", 0, 0, 6),
                agency(4, "孤立的部门", 0, 1, 0),
            ],
            edges: vec![
                SharedWork {
                    a: 0,
                    b: 1,
                    subtasks: 4,
                },
                SharedWork {
                    a: 0,
                    b: 2,
                    subtasks: 1,
                },
                SharedWork {
                    a: 1,
                    b: 3,
                    subtasks: 9,
                },
                SharedWork {
                    a: 3,
                    b: 0,
                    subtasks: 2,
                },
            ],
        }
    }

    fn no_link(_: &str) -> Option<String> {
        None
    }

    fn agency_page(iri: &str) -> Option<String> {
        Some(format!("/agency?iri={iri}&view=1"))
    }

    /// The text of the `<g class="agency-node">` group of `iri`.
    fn node_group<'a>(svg: &'a str, iri: &str) -> &'a str {
        let start = svg
            .find(&format!("class=\"agency-node\" data-iri=\"{iri}\""))
            .expect("node present");
        let end = start + svg[start..].find("</g>").unwrap();
        &svg[start..end]
    }

    fn attribute(tag: &str, name: &str) -> f32 {
        let key = format!(" {name}=\"");
        let start = tag.find(&key).expect(name) + key.len();
        let end = start + tag[start..].find('"').unwrap();
        tag[start..end].parse().unwrap()
    }

    #[test]
    fn draws_one_node_per_agency_and_one_line_per_pair() {
        let net = sample();
        let out = network_svg(&net, "协作网络", &no_link);
        let names = check_well_formed(&out);
        assert_eq!(out.matches("class=\"agency-node\"").count(), 5);
        assert_eq!(out.matches("<line class=\"cooperation\"").count(), 4);
        assert_eq!(names.iter().filter(|n| *n == "a").count(), 0);
        assert!(out.contains("5 agencies, 4 pairs"));
        assert!(out.contains(r#"role="img""#) && out.contains("<title id="));
        assert!(out.contains("&quot;Noto Sans CJK SC&quot;"));
        assert!(out.contains(
            r#"data-a="https://example.org/agency/1" data-b="https://example.org/agency/3" data-subtasks="9""#
        ));
        assert!(out.contains("<title>教育部 — 财政部: 9 shared subtasks</title>"));
        assert!(out.contains("<title>国家发展改革委 — 牵头 5 · 负责 3 · 配合 2</title>"));
        // The isolated agency is drawn too.
        node_group(&out, "https://example.org/agency/4");
    }

    #[test]
    fn links_wrap_nodes_when_given() {
        let out = network_svg(&sample(), "t", &agency_page);
        check_well_formed(&out);
        assert_eq!(out.matches("<a href=").count(), 5);
        assert!(out.contains(
            r#"<a href="/agency?iri=https://example.org/agency/3&amp;view=1"><g class="agency-node""#
        ));
    }

    #[test]
    fn document_text_is_escaped() {
        let out = network_svg(&sample(), "<b>title</b>", &agency_page);
        check_well_formed(&out);
        assert!(!out.contains("<script"));
        assert!(!out.contains("<b>"));
        assert!(out.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;"));
        assert!(out.contains("&lt;b&gt;title&lt;/b&gt;"));
    }

    #[test]
    fn leaders_are_marked_and_others_not() {
        let out = network_svg(&sample(), "t", &no_link);
        let circle = |group: &str| -> String {
            let start = group.find("<circle").unwrap();
            group[start..start + group[start..].find("/>").unwrap()].to_owned()
        };
        let lead = node_group(&out, "https://example.org/agency/0");
        assert!(lead.contains(r#"data-lead="5""#));
        let ring = circle(lead);
        assert!(ring.contains(r#"class="node lead""#), "{ring}");
        assert!(ring.contains(r#"stroke-width="3""#), "{ring}");
        assert!(lead.contains(r#"font-weight="bold""#));
        let small_lead = node_group(&out, "https://example.org/agency/2");
        assert!(circle(small_lead).contains(r#"class="node lead""#));
        let other = node_group(&out, "https://example.org/agency/3");
        assert!(other.contains(r#"data-lead="0""#));
        let plain = circle(other);
        assert!(plain.contains(r#"class="node""#), "{plain}");
        assert!(plain.contains(r#"stroke-width="1""#), "{plain}");
        assert!(!other.contains("lead\"") && !other.contains("bold"));
        assert!(out.contains("leads at least one task"));
    }

    #[test]
    fn radius_follows_workload() {
        let net = sample();
        let out = network_svg(&net, "t", &no_link);
        let r = |i: usize| {
            let g = node_group(&out, &format!("https://example.org/agency/{i}"));
            attribute(&g[g.find("<circle").unwrap()..], "r")
        };
        // totals: 10, 5, 1, 6, 1
        assert!(r(0) > r(3) && r(3) > r(1) && r(1) > r(2));
        assert_eq!(r(2), r(4));
        assert_eq!(r(0), R_MAX);
        // Area proportional to slots between the bounds.
        assert!((r(1) / r(0) - (0.5f32).sqrt()).abs() < 0.01);
        assert!(line_width(9) > line_width(4) && line_width(4) > line_width(1));
        assert_eq!(line_width(1), W_MIN);
        assert_eq!(line_width(100_000), W_MAX);
    }

    #[test]
    fn same_input_same_bytes() {
        let net = sample();
        assert_eq!(
            network_svg(&net, "t", &no_link),
            network_svg(&net.clone(), "t", &no_link)
        );
    }

    #[test]
    fn nodes_stay_inside_the_picture() {
        let net = sample();
        let out = network_svg(&net, "t", &no_link);
        let svg_tag = &out[..out.find('>').unwrap()];
        let (w, h) = (attribute(svg_tag, "width"), attribute(svg_tag, "height"));
        for group in out.split("class=\"agency-node\"").skip(1) {
            let part = &group[group.find("<circle").unwrap()..];
            let (cx, cy, r) = (
                attribute(part, "cx"),
                attribute(part, "cy"),
                attribute(part, "r"),
            );
            assert!(
                cx - r >= 0.0 && cx + r <= w && cy - r >= HEADER && cy + r <= h,
                "{part}"
            );
        }
    }

    #[test]
    fn bad_pairs_are_skipped_and_lone_agency_is_centred() {
        let net = Cooperation {
            agencies: vec![agency(0, "国务院", 1, 0, 0)],
            edges: vec![
                SharedWork {
                    a: 0,
                    b: 0,
                    subtasks: 3,
                },
                SharedWork {
                    a: 0,
                    b: 7,
                    subtasks: 1,
                },
            ],
        };
        let out = network_svg(&net, "t", &no_link);
        check_well_formed(&out);
        assert_eq!(out.matches("class=\"agency-node\"").count(), 1);
        assert_eq!(out.matches("class=\"cooperation\"").count(), 0);
        assert!(out.contains("1 agency, 0 pairs"));
    }

    #[test]
    fn empty_network_says_so() {
        let out = network_svg(&Cooperation::default(), "空", &no_link);
        check_well_formed(&out);
        assert!(out.contains("no agencies"));
        assert!(out.contains("0 agencies, 0 pairs"));
    }

    /// A network of `n` agencies with about `4n` pairs, deterministic.
    pub(crate) fn big(n: usize) -> Cooperation {
        let mut seed: u64 = 42;
        let mut next = move |m: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((seed >> 33) as usize) % m
        };
        let agencies = (0..n)
            .map(|i| agency(i, &format!("部门{i}"), next(3), next(10), next(20)))
            .collect();
        let mut edges = Vec::new();
        for a in 0..n {
            for _ in 0..4 {
                // Preferential towards low indices: a few hubs.
                let bound = next(n).max(1);
                let b = next(bound);
                if a != b {
                    edges.push(SharedWork {
                        a,
                        b,
                        subtasks: 1 + next(6),
                    });
                }
            }
        }
        Cooperation { agencies, edges }
    }

    #[test]
    fn a_hundred_agencies_are_drawn() {
        let net = big(100);
        let out = network_svg(&net, "t", &no_link);
        check_well_formed(&out);
        assert_eq!(out.matches("class=\"agency-node\"").count(), 100);
        assert_eq!(
            out.matches("<line class=\"cooperation\"").count(),
            net.edges.len()
        );
    }

    /// `cargo test --release --lib plot::network -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn time_a_thousand_agencies() {
        let net = big(1000);
        let start = std::time::Instant::now();
        let out = network_svg(&net, "t", &no_link);
        let took = start.elapsed();
        println!(
            "1,000 agencies, {} pairs, {} steps: {took:?}, {} bytes",
            net.edges.len(),
            iterations(1000),
            out.len()
        );
        if let Ok(dir) = std::env::var("PLOT_OUT") {
            for n in [20, 60, 120, 1000] {
                let svg = network_svg(&big(n), &format!("{n} agencies"), &no_link);
                std::fs::write(format!("{dir}/network-{n}.svg"), svg).unwrap();
            }
        }
        assert!(took.as_secs_f32() < 2.0);
    }
}
