//! Building responses and reading requests: status with a message, bodies with their media
//! type, query strings and form bodies, a request body read through a size cap.

use oxhttp::model::header::{HeaderValue, CONTENT_TYPE};
use oxhttp::model::{Body, Request, Response, StatusCode};
use std::io::Read;

/// A response that is an error: a status and a message for the person or program that asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The HTTP status.
    pub status: StatusCode,
    /// What went wrong, in a sentence.
    pub message: String,
}

impl Refusal {
    /// A refusal with `status` and `message`.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Refusal {
            status,
            message: message.into(),
        }
    }

    /// 400: the request is malformed.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    /// 404: nothing here.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    /// The refusal as a plain-text response.
    pub fn response(&self) -> Response<Body> {
        let mut response = bytes(
            self.status,
            "text/plain; charset=utf-8",
            format!("{}\n", self.message).into_bytes(),
        );
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            response
                .headers_mut()
                .insert("retry-after", HeaderValue::from_static("1"));
        }
        response
    }
}

/// A response with `status`, `media_type` and `body`.
pub fn bytes(status: StatusCode, media_type: &str, body: Vec<u8>) -> Response<Body> {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    if let Ok(value) = HeaderValue::from_str(media_type) {
        response.headers_mut().insert(CONTENT_TYPE, value);
    }
    response
}

/// A 200 HTML page.
pub fn html(page: String) -> Response<Body> {
    bytes(
        StatusCode::OK,
        "text/html; charset=utf-8",
        page.into_bytes(),
    )
}

/// The request's query string as name–value pairs, decoded (`+` as space).
pub fn query_pairs(request: &Request<Body>) -> Vec<(String, String)> {
    request
        .uri()
        .query()
        .map(|q| form_pairs(q.as_bytes()))
        .unwrap_or_default()
}

/// `application/x-www-form-urlencoded` pairs, decoded.
pub fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The first value of `name` among `pairs`.
pub fn first<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// A request header as text, when present and readable.
pub fn header<'a>(request: &'a Request<Body>, name: &str) -> Option<&'a str> {
    request.headers().get(name).and_then(|v| v.to_str().ok())
}

/// The media type of the request's body, without parameters, lower case.
pub fn content_type(request: &Request<Body>) -> Option<String> {
    header(request, "content-type").map(|v| {
        v.split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase()
    })
}

/// Reads the request's body, refusing (413) one over `max` bytes before reading past `max`.
pub fn read_body(request: &mut Request<Body>, max: usize) -> Result<Vec<u8>, Refusal> {
    let too_large = || {
        Refusal::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is over the limit of {max} bytes"),
        )
    };
    if request.body().len().is_some_and(|len| len > max as u64) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    request
        .body_mut()
        .take(max as u64 + 1)
        .read_to_end(&mut body)
        .map_err(|e| Refusal::bad_request(format!("cannot read the request body: {e}")))?;
    if body.len() > max {
        return Err(too_large());
    }
    Ok(body)
}

/// `text` percent-encoded for a query string value.
pub fn encode_component(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
