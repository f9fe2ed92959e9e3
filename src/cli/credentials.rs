//! A user's password for a store: from `PLANGRAPH_PASSWORD`, else from `~/.netrc` (the `machine`
//! entry of the URL's host with that `login`) — never from the command line, where other users
//! of the machine could read it.

use crate::cli::exit::{usage, Failure};
use plangraph::remote::http::Credentials;
use plangraph::Error;

/// The credentials of `user` for `url`, if a user is given.
pub fn for_user(user: Option<&str>, url: &str) -> Result<Option<Credentials>, Failure> {
    let Some(user) = user else {
        return Ok(None);
    };
    if let Ok(password) = std::env::var("PLANGRAPH_PASSWORD") {
        return Ok(Some(Credentials {
            user: user.to_string(),
            password,
        }));
    }
    let host = url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', ':', '?']).next())
        .unwrap_or("");
    let netrc = std::env::var("HOME")
        .ok()
        .and_then(|home| std::fs::read_to_string(format!("{home}/.netrc")).ok())
        .unwrap_or_default();
    match netrc_password(&netrc, host, user) {
        Some(password) => Ok(Some(Credentials {
            user: user.to_string(),
            password,
        })),
        None => Err(usage(Error::new(
            "--user",
            format!(
                "no password for {user} at {host}: set PLANGRAPH_PASSWORD or add it to ~/.netrc"
            ),
        ))),
    }
}

/// The password `.netrc` text gives `user` on `host`.
fn netrc_password(netrc: &str, host: &str, user: &str) -> Option<String> {
    let words: Vec<&str> = netrc.split_whitespace().collect();
    let mut i = 0;
    while i < words.len() {
        if words[i] == "machine" && words.get(i + 1) == Some(&host) {
            let mut j = i + 2;
            let (mut login, mut password) = (None, None);
            while j + 1 < words.len() && words[j] != "machine" {
                match words[j] {
                    "login" => login = Some(words[j + 1]),
                    "password" => password = Some(words[j + 1]),
                    _ => {}
                }
                j += 2;
            }
            if login == Some(user) {
                return password.map(str::to_string);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn netrc_entries_by_host_and_login() {
        let netrc =
            "machine other login u password x\nmachine 127.0.0.1 login writer password s3cret\n";
        assert_eq!(
            netrc_password(netrc, "127.0.0.1", "writer").as_deref(),
            Some("s3cret")
        );
        assert_eq!(netrc_password(netrc, "127.0.0.1", "reader"), None);
        assert_eq!(netrc_password(netrc, "nowhere", "writer"), None);
    }
}
