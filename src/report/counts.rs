//! Counts as a reader writes them, for the reports and the command line's
//! summary lines.

/// `n` with thousands separators: 12,345.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "1 cluster", "1,200 clusters".
pub fn count(n: usize, thing: &str) -> String {
    format!("{} {thing}{}", thousands(n as u64), if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_easily() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(15591), "15,591");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(count(1, "cluster"), "1 cluster");
        assert_eq!(count(1200, "cluster"), "1,200 clusters");
    }
}
