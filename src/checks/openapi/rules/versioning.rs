//! What the two versioning rules share: which path segments and URLs carry a version.

/// `v1`, `v2.1`, `V3`, `2010-04-01`, `{version}`.
pub fn is_version_segment(seg: &str) -> bool {
    let s = seg.to_ascii_lowercase();
    let numbered = s.strip_prefix('v').is_some_and(|rest| {
        !rest.is_empty()
            && rest
                .split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    });
    let dated = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let templated = s.starts_with('{') && s.contains("version");
    numbered || dated || templated
}

/// The first segment of a path (or URL path) that is a version, if any.
pub fn version_in(path: &str) -> Option<&str> {
    let path = match path.find("://") {
        Some(i) => path[i + 3..].split_once('/').map_or("", |(_, p)| p),
        None => path,
    };
    path.split('/').find(|s| is_version_segment(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        for v in ["v1", "V2", "v1.2", "2010-04-01", "{apiVersion}"] {
            assert!(is_version_segment(v), "{v}");
        }
        for v in ["v", "vendors", "users", "2010", "v1a"] {
            assert!(!is_version_segment(v), "{v}");
        }
        assert_eq!(version_in("https://api.example.com/v2"), Some("v2"));
        assert_eq!(version_in("https://v2.example.com/"), None);
        assert_eq!(version_in("/2010-04-01/Accounts"), Some("2010-04-01"));
    }
}
