//! Whether a literal's lexical form is valid for its XML Schema datatype (`"2017-02-30"` is not
//! an `xsd:date`), by Oxigraph's own datatype parsers: SHACL's `sh:datatype` requires it, and
//! option values that become typed literals are checked with it.

use crate::rdf::vocab::XSD;
use oxsdatatypes::{
    Boolean, Date, DateTime, Decimal, Double, Duration, Float, GYear, GYearMonth, Integer, Time,
};
use std::str::FromStr;

/// Whether `value` is a valid lexical form of `datatype` (an IRI). Datatypes outside XML
/// Schema, and XML Schema's string types, accept any form.
pub fn is_valid_lexical_form(datatype: &str, value: &str) -> bool {
    let Some(local) = datatype.strip_prefix(XSD) else {
        return true;
    };
    let integer = |check: fn(i64) -> bool| {
        Integer::from_str(value).is_ok()
            && value
                .trim_start_matches('+')
                .parse::<i64>()
                .is_ok_and(check)
    };
    match local {
        "boolean" => Boolean::from_str(value).is_ok(),
        "date" => Date::from_str(value).is_ok(),
        "dateTime" => DateTime::from_str(value).is_ok(),
        "time" => Time::from_str(value).is_ok(),
        "gYear" => GYear::from_str(value).is_ok(),
        "gYearMonth" => GYearMonth::from_str(value).is_ok(),
        "duration" => Duration::from_str(value).is_ok(),
        "decimal" => Decimal::from_str(value).is_ok(),
        "double" => Double::from_str(value).is_ok(),
        "float" => Float::from_str(value).is_ok(),
        "integer" | "long" => Integer::from_str(value).is_ok(),
        "int" => integer(|n| i32::try_from(n).is_ok()),
        "nonNegativeInteger" | "unsignedLong" => integer(|n| n >= 0),
        "positiveInteger" => integer(|n| n > 0),
        "nonPositiveInteger" => integer(|n| n <= 0),
        "negativeInteger" => integer(|n| n < 0),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xsd(local: &str) -> String {
        format!("{XSD}{local}")
    }

    #[test]
    fn dates_must_exist_and_numbers_be_numbers() {
        assert!(is_valid_lexical_form(&xsd("date"), "2017-05-16"));
        assert!(is_valid_lexical_form(&xsd("date"), "2016-02-29"));
        for bad in ["2017-13-45", "2017-02-29", "2017-5-16", "16 May 2017", ""] {
            assert!(!is_valid_lexical_form(&xsd("date"), bad), "{bad}");
        }
        assert!(is_valid_lexical_form(&xsd("gYear"), "2017"));
        assert!(!is_valid_lexical_form(&xsd("gYear"), "17"));
        assert!(is_valid_lexical_form(&xsd("nonNegativeInteger"), "0"));
        assert!(!is_valid_lexical_form(&xsd("nonNegativeInteger"), "-1"));
        assert!(!is_valid_lexical_form(&xsd("integer"), "1.5"));
        assert!(is_valid_lexical_form(&xsd("string"), "anything"));
        assert!(is_valid_lexical_form(
            "http://example.org/custom",
            "anything"
        ));
    }
}
