//! The gaps page: every slot the text leaves open (a name deleted, ambiguous, unknown or cut)
//! and every partner gap, by plan, each linking to its place in the plan's text.

use super::{esc, layout, link};
use crate::serve::site::Site;

/// The gaps page.
pub fn page(site: &Site) -> String {
    let summary = &site.summary;
    let mut body = format!(
        "<p>{} places where the text does not say who: nothing is guessed, each is shown where it is printed.</p>",
        summary.flagged.len()
    );
    let mut current = None;
    for gap in &summary.flagged {
        if current != Some(gap.plan) {
            if current.is_some() {
                body.push_str("</tbody></table>");
            }
            current = Some(gap.plan);
            let plan = &summary.plans[gap.plan];
            body.push_str(&format!(
                "<h2 id=\"plan-{}\">{}</h2><table class=\"gaps\"><thead><tr><th scope=\"col\">where</th><th scope=\"col\">kind</th><th scope=\"col\">printed</th></tr></thead><tbody>",
                gap.plan,
                link(site, &plan.iri, &plan.title)
            ));
        }
        let plan_href = site.href(&summary.plans[gap.plan].iri);
        let anchor = if gap.kind == "PartnerGap" {
            format!("task-{}-{}", gap.task, gap.subtask)
        } else {
            format!("slot-{}-{}-{}", gap.task, gap.subtask, gap.position)
        };
        body.push_str(&format!(
            "<tr class=\"gap\" data-kind=\"{kind}\"><td><a href=\"{}#{anchor}\">{}.{}{}</a></td><td>{kind}</td><td>{}</td></tr>",
            esc(&plan_href),
            gap.task,
            gap.subtask,
            if gap.position > 0 { format!(" slot {}", gap.position) } else { String::new() },
            esc(gap.printed.as_deref().unwrap_or("")),
            kind = esc(&gap.kind),
        ));
    }
    if current.is_some() {
        body.push_str("</tbody></table>");
    }
    layout("Gaps", &body)
}
