//! Officials: the persons a plan names beside the bodies — a `分管领导` or `责任领导` column of a
//! table, a `分管区领导：王建国` field — kept as printed (the name, the word, where), never as a
//! slot and never resolved: a person is no agency, and nothing in the text says which office
//! holder a 李副县长 is. Officials named in running text (`县长主抓，常务副县长王德明具体负责`)
//! are not read.

use super::label_lines::line_at;
use super::labels::LineField;
use super::lists::split_names;
use super::structure::RawStructure;
use super::table::person_cells;
use crate::text::lexicon::is_person_header;
use std::ops::Range;

/// An official the text names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawOfficial {
    /// The name (or title, `李副县长`) as printed.
    pub name: Range<usize>,
    /// The word naming the role: the column's header or the field's label (`分管区领导`).
    pub word: Range<usize>,
}

/// The officials named in `body` (the cleaned range of the plan's body) of `chars`: those of
/// the tables' persons' columns and of the persons' fields, in text order.
pub fn find_officials(
    chars: &[char],
    body: Range<usize>,
    structure: &RawStructure,
) -> Vec<RawOfficial> {
    let mut out = Vec::new();
    for table in structure
        .tasks
        .iter()
        .flat_map(|t| &t.subtasks)
        .filter_map(|s| s.table.as_ref())
    {
        for (cell, word) in person_cells(chars, table.header.clone(), table.row.clone()) {
            out.extend(names(chars, cell).map(|name| RawOfficial {
                name,
                word: word.clone(),
            }));
        }
    }
    // A field is a label of officials before a colon (`分管区领导：`, `责任领导：`), wherever it
    // stands: at a line's start, after a sentence, or after another field on its line
    // (`牵头单位：区商务局分管区领导：王建国`, the spaces between them cleaned away). The labels'
    // openings (分管, 责任 …) tell where such a label starts, so only the colons are looked at.
    let mut at = body.start;
    while let Some(colon) = (at..body.end).find(|&i| chars[i] == '：') {
        at = colon + 1;
        let longest_label = (3..=7).rev().find_map(|n| {
            let start = colon.checked_sub(n).filter(|&s| s >= body.start)?;
            let word: String = chars[start..colon].iter().collect();
            is_person_header(&word).then_some(start)
        });
        let Some(field) = longest_label.and_then(|start| line_at(chars, start, body.end)) else {
            continue;
        };
        if field.field == LineField::Person {
            let word = field.range.start..colon;
            out.extend(names(chars, field.value.clone()).map(|name| RawOfficial {
                name,
                word: word.clone(),
            }));
            at = at.max(field.range.end);
        }
    }
    out.sort_by_key(|o| o.name.start);
    out
}

/// The names of a cell or a field's value: split at `、` and `，`, each a short run of Chinese
/// characters (a name or a title such as `李副县长`).
fn names(chars: &[char], value: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let pieces: Vec<Range<usize>> = super::lists::split_groups(chars, value)
        .into_iter()
        .flat_map(|g| split_names(chars, g))
        .collect();
    pieces.into_iter().filter(move |name| {
        (2..=8).contains(&name.len()) && chars[name.clone()].iter().all(|&c| crate::text::is_han(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::structure::find_structure;
    use crate::read::clean::CleanText;

    fn officials(s: &str) -> Vec<(String, String)> {
        let text = CleanText::new(s);
        let chars = text.chars();
        let lines: Vec<Range<usize>> = {
            let mut out = Vec::new();
            let mut start = 0;
            for (i, c) in chars.iter().enumerate() {
                if *c == '\n' {
                    out.push(start..i);
                    start = i + 1;
                }
            }
            out.push(start..chars.len());
            out
        };
        let structure = find_structure(chars, &lines);
        let text = |r: &Range<usize>| chars[r.clone()].iter().collect::<String>();
        find_officials(chars, 0..chars.len(), &structure)
            .iter()
            .map(|o| (text(&o.name), text(&o.word)))
            .collect()
    }

    #[test]
    fn columns_and_fields_of_officials() {
        let table = "序号\t重点工作\t分管领导\t牵头单位\n1\t开展检查。\t王海涛\t区市场监管局\n2\t推进改革。\t刘敏、张强\t区司法局";
        assert_eq!(
            officials(table),
            [
                ("王海涛".to_string(), "分管领导".to_string()),
                ("刘敏".to_string(), "分管领导".to_string()),
                ("张强".to_string(), "分管领导".to_string()),
            ]
        );
        let fields = "（一）开展整治。\n牵头单位：区商务局\n分管区领导：王建国\n责任领导：李副县长";
        assert_eq!(
            officials(fields),
            [
                ("王建国".to_string(), "分管区领导".to_string()),
                ("李副县长".to_string(), "责任领导".to_string()),
            ]
        );
        assert!(officials("（一）县长主抓，常务副县长王德明具体负责。（县营商办负责）").is_empty());
    }
}
