//! The message for a text without numbered tasks: what it holds instead, with lines, so the
//! user can tell a wrong file from a layout plangraph does not read.

use crate::parse::body::Body;
use crate::parse::brackets::is_responsibility;
use crate::parse::structure::RawStructure;
use crate::read::CleanText;

/// What a text without numbered tasks holds instead.
pub fn report(text: &CleanText, body: &Body, structure: &RawStructure) -> String {
    let chars = text.chars();
    let mut found = Vec::new();
    if body.paragraphs.is_empty() {
        found.push(
            "no paragraph of plan prose (sentences of 20 or more Chinese characters)".to_string(),
        );
    } else {
        let first = text.location(text.span(body.paragraphs[0].clone()).begin);
        found.push(format!(
            "{} paragraph(s) of prose from line {}",
            body.paragraphs.len(),
            first.line
        ));
    }
    if !structure.sections.is_empty() {
        found.push(format!(
            "{} section heading(s) (一、…) with no task under them",
            structure.sections.len()
        ));
    }
    let mut parentheticals = 0;
    let mut first_at = None;
    for (i, &c) in chars.iter().enumerate() {
        if c == '（' {
            let end = chars[i..]
                .iter()
                .position(|&c| c == '）')
                .map_or(chars.len(), |p| i + p);
            if is_responsibility(&chars[i + 1..end]) {
                parentheticals += 1;
                first_at.get_or_insert(i);
            }
        }
    }
    if let Some(at) = first_at {
        let line = text.location(text.span(at..at + 1).begin).line;
        found.push(format!(
            "{parentheticals} responsibility parenthetical(s), the first on line {line}"
        ));
    }
    format!(
        "no numbered task found (paragraphs starting with （一）, 一、 or 1.); found instead: {}",
        found.join("; ")
    )
}
