//! Made-up corpora for the provenance tests: words of a fixed generator,
//! JSON Lines records, and their scan.

use crate::config::Config;
use crate::pipeline::Scan;

/// Words of a made-up language, drawn by a fixed generator from a seed.
pub struct Words(pub u64);

impl Words {
    /// The next `n` words.
    pub fn words(&mut self, n: usize) -> Vec<String> {
        (0..n)
            .map(|_| {
                self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                format!("w{}o", (self.0 >> 33) % 5000)
            })
            .collect()
    }

    /// A sentence of the next `n` words.
    pub fn sentence(&mut self, n: usize) -> String {
        self.words(n).join(" ") + "."
    }
}

/// One JSON Lines record.
pub fn record(id: &str, outlet: &str, date: &str, text: &str) -> String {
    serde_json::json!({"id": id, "outlet": outlet, "date": date, "text": text}).to_string()
}

/// The scan of `lines`, a JSON Lines file in a temporary directory.
pub fn scan_jsonl(lines: &[String]) -> Scan {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("made.jsonl"), lines.join("\n")).expect("write");
    crate::pipeline::scan(&Config::new(vec![dir.path().to_path_buf()])).expect("scan")
}
