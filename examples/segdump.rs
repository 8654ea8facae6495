fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let sep = wiretrace::segment::detect_separator(&text);
        for (i, s) in wiretrace::segment::paragraphs(&text, sep).iter().enumerate() {
            let t: String = text[s.start..s.end].chars().take(70).collect();
            println!(
                "{path:.3} ¶{:<3} {:>5}-{:<5} {}",
                i + 1,
                s.start,
                s.end,
                t.replace('\n', "⏎")
            );
        }
    }
}
