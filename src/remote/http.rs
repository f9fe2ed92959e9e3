//! The HTTP client of [`crate::remote`]: plain HTTP, credentials when given (HTTP Basic or
//! Digest, as the server asks, see [`auth`]), retries
//! with backoff on connection errors and 5xx answers, and one-line errors that name the URL and
//! say what the server refused (401/403: credentials; 413: too large).

use crate::error::{Error, Result};
use crate::remote::auth;
use std::time::Duration;

/// Who to be on the server: a user name and its password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The user name.
    pub user: String,
    /// The password (from the environment or `~/.netrc`, never the command line).
    pub password: String,
}

/// A request to send.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// `GET`, `PUT`, `POST`, `DELETE`.
    pub method: &'a str,
    /// The whole URL, query string included.
    pub url: String,
    /// `Content-Type` and body, for a request that carries one.
    pub body: Option<(&'a str, &'a [u8])>,
    /// The `Accept` header.
    pub accept: Option<&'a str>,
}

/// An answer: its content type and body.
#[derive(Debug, Clone)]
pub struct Response {
    /// The `Content-Type` without parameters, lower-cased.
    pub content_type: String,
    /// The body.
    pub body: Vec<u8>,
}

/// How many times a request is tried (a connection error or a 5xx answer is tried again).
const TRIES: u32 = 4;

/// Sends `request`, trying again with growing pauses (0.2 s, 0.4 s, 0.8 s) where the server
/// could not be reached or failed (5xx).
pub fn send(request: &Request<'_>, credentials: Option<&Credentials>) -> Result<Response> {
    let agent = ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(10))
        .timeout(Duration::from_secs(600))
        .build();
    let mut pause = Duration::from_millis(200);
    let mut last = String::new();
    let (origin, target) = split_url(&request.url);
    // A server's 401 asking for credentials is answered at once, without counting as a try;
    // twice at most (the second for a Digest nonce that went stale).
    let mut challenges_answered = 0;
    let mut attempt = 1;
    while attempt <= TRIES {
        let mut call = agent.request(request.method, &request.url);
        let known = credentials.and_then(|c| {
            auth::known_authorization(origin, &c.user, &c.password, request.method, target)
        });
        if let Some(header) = &known {
            call = call.set("Authorization", header);
        }
        if let Some(accept) = request.accept {
            call = call.set("Accept", accept);
        }
        let outcome = match request.body {
            Some((content_type, body)) => call.set("Content-Type", content_type).send_bytes(body),
            None => call.call(),
        };
        match outcome {
            Ok(response) => return read(response, &request.url),
            Err(ureq::Error::Status(401, response))
                if credentials.is_some() && challenges_answered < 2 =>
            {
                match (
                    auth::scheme_asked(&response.all("WWW-Authenticate")),
                    credentials,
                ) {
                    (Some(scheme), Some(c)) => {
                        auth::remember(origin, &c.user, scheme);
                        challenges_answered += 1;
                        continue;
                    }
                    _ => return Err(refused(401, response, &request.url)),
                }
            }
            Err(ureq::Error::Status(401, response)) if known.is_some() => {
                let user = credentials.map_or("", |c| c.user.as_str());
                return Err(Error::new(
                    &request.url,
                    format!("HTTP 401: the server does not accept the password of {user} (PLANGRAPH_PASSWORD or ~/.netrc): {}", first_line(response)),
                ));
            }
            Err(ureq::Error::Status(code, response)) if code < 500 => {
                return Err(refused(code, response, &request.url))
            }
            Err(ureq::Error::Status(code, response)) => {
                last = format!("HTTP {code}: {}", first_line(response));
            }
            Err(ureq::Error::Transport(e)) => last = e.to_string(),
        }
        if attempt < TRIES {
            std::thread::sleep(pause);
            pause *= 2;
        }
        attempt += 1;
    }
    Err(Error::new(
        &request.url,
        format!("no answer after {TRIES} tries: {last}"),
    ))
}

fn read(response: ureq::Response, url: &str) -> Result<Response> {
    let content_type = response.content_type().to_ascii_lowercase();
    let mut body = Vec::new();
    std::io::Read::read_to_end(&mut response.into_reader(), &mut body)
        .map_err(|e| Error::new(url, format!("cannot read the answer: {e}")))?;
    Ok(Response { content_type, body })
}

fn refused(code: u16, response: ureq::Response, url: &str) -> Error {
    let why = match code {
        401 => "the server wants credentials (--user, with the password in PLANGRAPH_PASSWORD)",
        403 => "the server refuses this user the write (or read)",
        404 => "no such endpoint or graph",
        413 => "the request is too large for the server",
        _ => "the server refused the request",
    };
    Error::new(url, format!("HTTP {code}: {why}: {}", first_line(response)))
}

fn first_line(response: ureq::Response) -> String {
    let text = response.into_string().unwrap_or_default();
    text.lines()
        .next()
        .unwrap_or("")
        .chars()
        .take(200)
        .collect()
}

/// A URL's origin (`http://host:port`) and request target (path and query, `/` at least).
fn split_url(url: &str) -> (&str, &str) {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(i) => url.split_at(after_scheme + i),
        None => (url, "/"),
    }
}

/// `text` percent-encoded for a URL's query string (everything but RFC 3986's unreserved
/// characters).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_split_and_query_strings_encoded() {
        assert_eq!(
            split_url("http://127.0.0.1:8890/sparql-graph-crud-auth?graph=x"),
            ("http://127.0.0.1:8890", "/sparql-graph-crud-auth?graph=x")
        );
        assert_eq!(split_url("http://h"), ("http://h", "/"));
        assert_eq!(
            percent_encode("https://w3id.org/plangraph/id/plan/国办发"),
            "https%3A%2F%2Fw3id.org%2Fplangraph%2Fid%2Fplan%2F%E5%9B%BD%E5%8A%9E%E5%8F%91"
        );
    }
}
