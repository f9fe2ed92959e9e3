//! Answering a server that asks who we are: HTTP Basic, or HTTP Digest (RFC 7616 with MD5, as
//! Virtuoso asks by default), whichever its 401's `WWW-Authenticate` names.
//!
//! The first request to a server goes without credentials (Virtuoso answers a request with
//! Basic credentials it does not take by a 401 with no challenge at all); the scheme its 401
//! asks for is kept per server and user for the process, so every later request (from any
//! thread) answers at once — for Digest, counting the nonce's uses (`nc`) — instead of sending
//! each body twice.

use md5::{Digest, Md5};
use std::sync::Mutex;

/// A server's Digest challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    realm: String,
    nonce: String,
    opaque: Option<String>,
    /// Whether the server offers `qop=auth` (else the RFC 2069 form is used).
    qop_auth: bool,
    /// Requests answered with this nonce so far.
    uses: u32,
}

/// The challenge of a `WWW-Authenticate` header, if it is Digest with MD5 (or no algorithm).
pub fn parse_challenge(header: &str) -> Option<Challenge> {
    let rest = header.trim().strip_prefix("Digest")?.trim_start();
    let mut realm = None;
    let mut nonce = None;
    let mut opaque = None;
    let mut qop_auth = false;
    let mut algorithm_md5 = true;
    for (key, value) in parameters(rest) {
        match key.to_ascii_lowercase().as_str() {
            "realm" => realm = Some(value),
            "nonce" => nonce = Some(value),
            "opaque" => opaque = Some(value),
            "qop" => qop_auth = value.split(',').any(|q| q.trim() == "auth"),
            "algorithm" => algorithm_md5 = value.eq_ignore_ascii_case("MD5"),
            _ => {}
        }
    }
    algorithm_md5.then_some(Challenge {
        realm: realm?,
        nonce: nonce?,
        opaque,
        qop_auth,
        uses: 0,
    })
}

/// `key=value` and `key="quoted, value"` pairs, comma-separated.
fn parameters(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ',' || c.is_whitespace()) {
            chars.next();
        }
        let key: String = chars.by_ref().take_while(|c| *c != '=').collect();
        if key.is_empty() {
            return out;
        }
        let value = if chars.peek() == Some(&'"') {
            chars.next();
            let mut value = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => value.extend(chars.next()),
                    '"' => break,
                    c => value.push(c),
                }
            }
            value
        } else {
            chars.by_ref().take_while(|c| *c != ',').collect::<String>()
        };
        out.push((key.trim().to_string(), value.trim().to_string()));
    }
}

fn md5_hex(text: &str) -> String {
    Md5::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The `Authorization` header answering `challenge` for `method` on `uri` (the request target:
/// path and query), with client nonce `cnonce`; counts one use of the nonce.
pub fn authorization(
    challenge: &mut Challenge,
    user: &str,
    password: &str,
    method: &str,
    uri: &str,
    cnonce: &str,
) -> String {
    challenge.uses += 1;
    let nc = format!("{:08x}", challenge.uses);
    let ha1 = md5_hex(&format!("{user}:{}:{password}", challenge.realm));
    let ha2 = md5_hex(&format!("{method}:{uri}"));
    let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    let mut header = format!(
        "Digest username=\"{}\", realm=\"{}\", nonce=\"{}\", uri=\"{}\", algorithm=MD5",
        quote(user),
        quote(&challenge.realm),
        quote(&challenge.nonce),
        quote(uri)
    );
    let response = if challenge.qop_auth {
        header.push_str(&format!(", qop=auth, nc={nc}, cnonce=\"{cnonce}\""));
        md5_hex(&format!(
            "{ha1}:{}:{nc}:{cnonce}:auth:{ha2}",
            challenge.nonce
        ))
    } else {
        md5_hex(&format!("{ha1}:{}:{ha2}", challenge.nonce))
    };
    header.push_str(&format!(", response=\"{response}\""));
    if let Some(opaque) = &challenge.opaque {
        header.push_str(&format!(", opaque=\"{}\"", quote(opaque)));
    }
    header
}

/// How a server wants to be answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scheme {
    /// HTTP Basic.
    Basic,
    /// HTTP Digest, with the server's current challenge.
    Digest(Challenge),
}

/// The scheme a 401's `WWW-Authenticate` values ask for: Digest where offered (with MD5), else
/// Basic; `None` where neither is.
pub fn scheme_asked(values: &[&str]) -> Option<Scheme> {
    values
        .iter()
        .find_map(|v| parse_challenge(v))
        .map(Scheme::Digest)
        .or_else(|| {
            values
                .iter()
                .any(|v| v.trim_start().to_ascii_lowercase().starts_with("basic"))
                .then_some(Scheme::Basic)
        })
}

/// Known schemes by server origin (`http://host:port`) and user.
static KNOWN: Mutex<Vec<(String, String, Scheme)>> = Mutex::new(Vec::new());

/// Remembers how `origin` wants `user` to answer, replacing what was known.
pub fn remember(origin: &str, user: &str, scheme: Scheme) {
    if let Ok(mut known) = KNOWN.lock() {
        known.retain(|(o, u, _)| !(o == origin && u == user));
        known.push((origin.to_string(), user.to_string(), scheme));
    }
}

/// The `Authorization` header for `user` on `origin`, if its scheme is known yet.
pub fn known_authorization(
    origin: &str,
    user: &str,
    password: &str,
    method: &str,
    uri: &str,
) -> Option<String> {
    let mut known = KNOWN.lock().ok()?;
    let (_, _, scheme) = known
        .iter_mut()
        .find(|(o, u, _)| o == origin && u == user)?;
    Some(match scheme {
        Scheme::Basic => basic(user, password),
        Scheme::Digest(challenge) => {
            authorization(challenge, user, password, method, uri, &client_nonce())
        }
    })
}

/// The `Authorization` header of HTTP Basic.
pub fn basic(user: &str, password: &str) -> String {
    use base64::Engine;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    )
}

/// A client nonce: unpredictable enough to vary per request (it guards against chosen
/// plaintext on the server's side, not secrets).
fn client_nonce() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{:016x}", nanos ^ (u128::from(std::process::id()) << 64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_2617_example() {
        // RFC 2617, section 3.5.
        let mut challenge = parse_challenge(
            r#"Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41""#,
        )
        .unwrap();
        let header = authorization(
            &mut challenge,
            "Mufasa",
            "Circle Of Life",
            "GET",
            "/dir/index.html",
            "0a4f113b",
        );
        assert!(
            header.contains(r#"response="6629fae49393a05397450978507c4ef1""#),
            "{header}"
        );
        assert!(header.contains("nc=00000001") && header.contains("qop=auth"));
        assert!(header.contains(r#"opaque="5ccc069c403ebaf9f0171e9517f40e41""#));
        let again = authorization(&mut challenge, "Mufasa", "Circle Of Life", "GET", "/", "1");
        assert!(again.contains("nc=00000002"));
    }

    #[test]
    fn the_scheme_a_server_asks_for() {
        assert_eq!(scheme_asked(&[r#"Basic realm="x""#]), Some(Scheme::Basic));
        assert!(matches!(
            scheme_asked(&[r#"Basic realm="x""#, r#"Digest realm="x", nonce="n""#]),
            Some(Scheme::Digest(_))
        ));
        assert_eq!(scheme_asked(&["Bearer"]), None);
        assert_eq!(
            basic("Aladdin", "open sesame"),
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
    }

    #[test]
    fn only_digest_md5_challenges() {
        assert!(parse_challenge(r#"Basic realm="x""#).is_none());
        assert!(parse_challenge(r#"Digest realm="x", nonce="n", algorithm=SHA-256"#).is_none());
        let plain = parse_challenge(r#"Digest realm="x", nonce="n""#).unwrap();
        assert!(!plain.qop_auth);
    }
}
