//! A rename a company states in a line's name: "Colocation (formerly “HPC hosting”) revenue",
//! "High-Density Colocation (“HDC”, formerly “HPC hosting”) revenue". Readers keep such an aside
//! in the label they give a line (it is the company's own word that two names are one line) and
//! class the line by its name without it; resolution follows the line across the rename.

/// Words that say the name in quotes after them is the line's former name.
const FORMERLY: &[&str] = &["formerly known as", "formerly reported as", "formerly presented as", "formerly"];

/// A label without the aside stating its former name, and that name: "High-Density Colocation
/// (“HDC”, formerly “HPC hosting”) revenue" → ("High-Density Colocation revenue", ["HPC hosting"]).
/// The former name is the quoted text after "formerly", or the rest of the aside when unquoted.
pub fn stated_rename(label: &str) -> (String, Vec<String>) {
    let mut current = String::with_capacity(label.len());
    let mut formerly = Vec::new();
    let mut rest = label;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else { break };
        let aside = &rest[open + 1..close];
        match former_name(aside) {
            Some(name) => {
                current.push_str(rest[..open].trim_end());
                formerly.push(name);
            }
            None => current.push_str(&rest[..=close]),
        }
        rest = &rest[close + 1..];
    }
    current.push_str(rest);
    (current.split_whitespace().collect::<Vec<_>>().join(" "), formerly)
}

/// The former name an aside states, if it states one.
pub fn former_name(aside: &str) -> Option<String> {
    let lower = aside.to_lowercase();
    let (at, words) = FORMERLY.iter().find_map(|w| lower.find(w).map(|at| (at, w.len())))?;
    let after = aside[at + words..].trim_start();
    let quoted = after.strip_prefix(['“', '"', '‘', '\'']);
    let name = match quoted {
        Some(inner) => inner.split(['”', '"', '’', '\'']).next().unwrap_or(inner),
        None => after.split(',').next().unwrap_or(after),
    };
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// `label` (a line's name read from `text` with its asides dropped) with the aside of `text` that
/// states its former name put back where it stood: "Colocation revenue" read from "Colocation
/// (formerly “HPC hosting”) revenue was …" → "Colocation (formerly HPC hosting) revenue".
pub fn stated_in(label: &str, text: &str) -> String {
    let words: Vec<&str> = label.split_whitespace().collect();
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else { break };
        let aside = &rest[open + 1..close];
        if former_name(aside).is_some() {
            let (before, after) = (plain(&rest[..open]).to_lowercase(), plain(&rest[close + 1..]).to_lowercase());
            for split in 1..=words.len() {
                let (head, tail) = (words[..split].join(" "), words[split..].join(" "));
                let lower = head.to_lowercase();
                let ends = before == lower || before.ends_with(&format!(" {lower}"));
                if ends && after.starts_with(&tail.to_lowercase()) {
                    let parts = [head, format!("({})", plain(aside)), tail];
                    return parts.iter().filter(|p| !p.is_empty()).cloned().collect::<Vec<_>>().join(" ");
                }
            }
        }
        rest = &rest[close + 1..];
    }
    label.to_string()
}

/// Text without quote marks, spaces collapsed.
fn plain(text: &str) -> String {
    text.replace(['“', '”', '"'], "").split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_aside_naming_a_former_name_is_split_off() {
        let (current, former) = stated_rename("Colocation (formerly “HPC hosting”) revenue");
        assert_eq!((current.as_str(), former), ("Colocation revenue", vec!["HPC hosting".to_string()]));
        let (current, former) = stated_rename("High-Density Colocation (HDC, formerly HPC hosting) revenue");
        assert_eq!((current.as_str(), former), ("High-Density Colocation revenue", vec!["HPC hosting".to_string()]));
        let (current, former) = stated_rename("Cloud services (formerly known as GPU rental, net)");
        assert_eq!((current.as_str(), former), ("Cloud services", vec!["GPU rental".to_string()]));
    }

    #[test]
    fn the_aside_is_put_back_into_a_name_read_without_it() {
        let text = "Colocation (formerly “HPC hosting”) revenue was $10.6 million";
        assert_eq!(stated_in("Colocation revenue", text), "Colocation (formerly HPC hosting) revenue");
        let text =
            "In the quarter, High-Density Colocation (“HDC”, formerly “HPC hosting”) revenue for the quarter was";
        assert_eq!(
            stated_in("High-Density Colocation revenue", text),
            "High-Density Colocation (HDC, formerly HPC hosting) revenue"
        );
        // An aside about another line, or none, leaves the name as read.
        let text = "Hosting revenue was $2.0 million and cloud (formerly “GPU rental”) revenue was";
        assert_eq!(stated_in("Hosting revenue", text), "Hosting revenue");
        assert_eq!(stated_in("Mining revenue", "Mining revenue (net) was"), "Mining revenue");
    }

    #[test]
    fn other_asides_stay() {
        assert_eq!(stated_rename("Hosting revenue (1)"), ("Hosting revenue (1)".to_string(), vec![]));
        assert_eq!(stated_rename("Colocation (HDC) revenue"), ("Colocation (HDC) revenue".to_string(), vec![]));
        assert_eq!(former_name("formerly"), None);
    }
}
