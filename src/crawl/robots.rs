//! robots.txt (RFC 9309): which paths of a host the crawler may fetch.
//!
//! Newswires and IR sites are not EDGAR: they owe us nothing, and many say in robots.txt what a
//! crawler must leave alone. The group for our product token (the User-Agent's first word, e.g.
//! `minewatch`) applies, else the `*` group; within it the longest matching `Allow`/`Disallow`
//! pattern wins (`*` wildcards, `$` end anchor), an `Allow` winning a tie. A host without
//! robots.txt (any 4xx) allows everything.

/// The rules of one host for one User-Agent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Robots {
    /// (allow, pattern); empty means everything is allowed.
    rules: Vec<(bool, String)>,
}

impl Robots {
    /// Everything allowed (no robots.txt).
    pub fn allow_all() -> Robots {
        Robots::default()
    }

    /// Nothing allowed (robots.txt could not be read: RFC 9309 says assume a full disallow).
    pub fn disallow_all() -> Robots {
        Robots { rules: vec![(false, "/".into())] }
    }

    /// The rules in `text` that apply to `product_token` (case-insensitive).
    pub fn parse(text: &str, product_token: &str) -> Robots {
        let token = product_token.to_ascii_lowercase();
        let mut ours: Vec<(bool, String)> = Vec::new();
        let mut star: Vec<(bool, String)> = Vec::new();
        let mut found_ours = false;
        // Agents of the group being read, and whether its rules have started.
        let mut agents: Vec<String> = Vec::new();
        let mut in_rules = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or_default().trim();
            let Some((key, value)) = line.split_once(':') else { continue };
            let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
            match key.as_str() {
                "user-agent" => {
                    if in_rules {
                        agents.clear();
                        in_rules = false;
                    }
                    agents.push(value.to_ascii_lowercase());
                }
                "allow" | "disallow" => {
                    in_rules = true;
                    if value.is_empty() {
                        continue;
                    }
                    let rule = (key == "allow", value.to_string());
                    if agents.iter().any(|a| !a.is_empty() && a != "*" && token.starts_with(a.as_str())) {
                        found_ours = true;
                        ours.push(rule);
                    } else if agents.iter().any(|a| a == "*") {
                        star.push(rule);
                    }
                }
                _ => {}
            }
        }
        Robots { rules: if found_ours { ours } else { star } }
    }

    /// Whether `path_and_query` (`/news/x.html?y=1`) may be fetched.
    pub fn allows(&self, path_and_query: &str) -> bool {
        self.rules
            .iter()
            .filter(|(_, pattern)| matches(pattern, path_and_query))
            .max_by_key(|(allow, pattern)| (pattern.len(), *allow))
            .is_none_or(|(allow, _)| *allow)
    }
}

/// The product token of a User-Agent: its first word, up to any `/` version (`minewatch/0.1 (…)`).
pub fn product_token(user_agent: &str) -> &str {
    let word = user_agent.split_whitespace().next().unwrap_or_default();
    word.split('/').next().unwrap_or_default()
}

/// A robots.txt path pattern: a prefix match where `*` matches any run and a final `$` anchors.
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let mut pieces = pattern.split('*');
    let first = pieces.next().unwrap_or_default();
    let Some(mut rest) = path.strip_prefix(first) else { return false };
    let pieces: Vec<&str> = pieces.collect();
    for (i, piece) in pieces.iter().enumerate() {
        let last = i + 1 == pieces.len();
        if last && anchored {
            return rest.ends_with(piece);
        }
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    !anchored || rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROBOTS: &str = "\
# newswire robots
User-agent: *
Disallow: /search
Disallow: /news-release/*/private/
Allow: /search/help

User-agent: BadBot
User-agent: OtherBot
Disallow: /

User-agent: minewatch # us
Disallow: /RssFeed/organization/secret
Disallow: /*.pdf$
Allow: /RssFeed/organization/secret/public
";

    #[test]
    fn our_group_wins_over_star() {
        let r = Robots::parse(ROBOTS, "MineWatch-tests");
        assert!(!r.allows("/RssFeed/organization/secret"));
        assert!(r.allows("/RssFeed/organization/secret/public/feed"), "longer Allow wins");
        assert!(r.allows("/search?q=wulf"), "the * group does not apply once ours exists");
        assert!(!r.allows("/deck.pdf"));
        assert!(r.allows("/deck.pdf?download=1"), "$ anchors the end");
    }

    #[test]
    fn star_group_applies_to_others() {
        let r = Robots::parse(ROBOTS, "curl");
        assert!(!r.allows("/search?q=x"));
        assert!(r.allows("/search/help"));
        assert!(!r.allows("/news-release/2026/private/x.html"));
        assert!(r.allows("/news-release/2026/08/06/x.html"));
        let bad = Robots::parse(ROBOTS, "otherbot");
        assert!(!bad.allows("/anything"), "grouped user-agent lines share rules");
    }

    #[test]
    fn empty_missing_and_unreadable() {
        assert!(Robots::parse("", "minewatch").allows("/x"));
        assert!(Robots::parse("User-agent: *\nDisallow:\n", "minewatch").allows("/x"), "empty Disallow allows");
        assert!(Robots::allow_all().allows("/"));
        assert!(!Robots::disallow_all().allows("/robots-free"));
        assert!(Robots::parse("garbage\n\0\nDisallow /x", "minewatch").allows("/x"));
    }

    #[test]
    fn tie_goes_to_allow_and_tokens_are_first_words() {
        let r = Robots::parse("User-agent: *\nDisallow: /a\nAllow: /a\n", "x");
        assert!(r.allows("/a"));
        assert_eq!(product_token("minewatch/0.1 (ops@example.com)"), "minewatch");
        assert_eq!(product_token("minewatch-demo (demo@minewatch.invalid)"), "minewatch-demo");
        assert_eq!(product_token(""), "");
    }
}
