//! Naming a format as users of RDF tools do: by its name, an extension or a media type.

/// A format's spellings: names (media types included) and file extensions.
pub type Spellings<F> = [(F, &'static [&'static str], &'static [&'static str])];

/// The format `name` spells (a name, an extension or a media type; parameters after `;` and
/// case ignored).
pub fn by_name<F: Copy>(table: &Spellings<F>, name: &str) -> Option<F> {
    let name = name.split(';').next().unwrap_or(name).trim();
    table
        .iter()
        .find(|(_, names, extensions)| {
            names
                .iter()
                .chain(extensions.iter())
                .any(|n| n.eq_ignore_ascii_case(name))
        })
        .map(|(f, _, _)| *f)
}

/// The format a file extension names (case ignored).
pub fn by_extension<F: Copy>(table: &Spellings<F>, extension: &str) -> Option<F> {
    table
        .iter()
        .find(|(_, _, extensions)| extensions.iter().any(|e| e.eq_ignore_ascii_case(extension)))
        .map(|(f, _, _)| *f)
}
