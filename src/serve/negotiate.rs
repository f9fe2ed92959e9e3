//! Content negotiation: which of the media types a handler can give best fits a request's
//! `Accept` header (RFC 9110 §12.5.1: quality values, `type/*` and `*/*`).

/// The offer `accept` prefers; offers earlier in `offers` win ties. No `Accept` header (or an
/// empty one) takes the first offer; `None` means nothing offered is acceptable (406).
pub fn choose<'a>(accept: Option<&str>, offers: &[&'a str]) -> Option<&'a str> {
    let accept = match accept.map(str::trim) {
        None | Some("") => return offers.first().copied(),
        Some(accept) => accept,
    };
    let ranges: Vec<(String, f32)> = accept.split(',').filter_map(media_range).collect();
    let mut best: Option<(&str, f32, u8)> = None;
    for offer in offers {
        // The most specific range that matches decides the offer's quality.
        let mut quality: Option<(f32, u8)> = None;
        for (range, q) in &ranges {
            let Some(specificity) = matches(range, offer) else {
                continue;
            };
            if quality.is_none_or(|(_, s)| specificity > s) {
                quality = Some((*q, specificity));
            }
        }
        if let Some((q, specificity)) = quality {
            if q > 0.0 && best.is_none_or(|(_, best_q, _)| q > best_q) {
                best = Some((offer, q, specificity));
            }
        }
    }
    best.map(|(offer, _, _)| offer)
}

/// `text/html;q=0.9` → (`text/html`, 0.9).
fn media_range(item: &str) -> Option<(String, f32)> {
    let mut parts = item.split(';');
    let range = parts.next()?.trim().to_ascii_lowercase();
    if range.is_empty() {
        return None;
    }
    let mut quality = 1.0;
    for parameter in parts {
        if let Some((name, value)) = parameter.split_once('=') {
            if name.trim().eq_ignore_ascii_case("q") {
                quality = value.trim().parse().unwrap_or(0.0);
            }
        }
    }
    Some((range, quality))
}

/// How specifically `range` matches `offer`: 2 exact, 1 `type/*`, 0 `*/*`; `None` no match.
fn matches(range: &str, offer: &str) -> Option<u8> {
    if range == offer {
        return Some(2);
    }
    if range == "*/*" {
        return Some(0);
    }
    let (kind, sub) = range.split_once('/')?;
    (sub == "*" && offer.split('/').next() == Some(kind)).then_some(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESULTS: [&str; 3] = [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
    ];

    #[test]
    fn quality_and_specificity() {
        assert_eq!(choose(None, &RESULTS), Some(RESULTS[0]));
        assert_eq!(choose(Some("text/csv"), &RESULTS), Some("text/csv"));
        assert_eq!(
            choose(
                Some("application/sparql-results+xml;q=0.9, text/csv;q=0.5"),
                &RESULTS
            ),
            Some("application/sparql-results+xml")
        );
        assert_eq!(choose(Some("*/*"), &RESULTS), Some(RESULTS[0]));
        assert_eq!(choose(Some("text/*"), &RESULTS), Some("text/csv"));
        // */* at q=0.1 loses to an explicit type.
        assert_eq!(
            choose(Some("*/*;q=0.1, text/csv"), &RESULTS),
            Some("text/csv")
        );
        // An explicit q=0 refuses even when */* would take it.
        assert_eq!(choose(Some("text/csv;q=0, */*;q=0.5"), &["text/csv"]), None);
        assert_eq!(choose(Some("image/png"), &RESULTS), None);
    }

    #[test]
    fn a_browser_gets_html() {
        let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        assert_eq!(
            choose(Some(browser), &["text/turtle", "text/html"]),
            Some("text/html")
        );
    }
}
