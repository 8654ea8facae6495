//! Memory given back to the system between stages.
//!
//! glibc's allocator keeps the memory a program frees, in its arenas, for
//! later allocations. A stage that frees a large working set made of small
//! allocations (the aligned texts split into sentences; the candidate
//! lists) thus leaves the process resident at that stage's peak, though
//! the next stage needs less: on 100,000 generated articles, `clean` stayed
//! at 1,192 MB after the passage stage, against 682 MB with the memory
//! given back (`docs/benchmarks.md`). `malloc_trim(3)` returns the free
//! pages of every arena.

/// Returns the allocator's free memory to the operating system (glibc on
/// Linux); elsewhere does nothing.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: malloc_trim takes no pointer; it only releases pages the
        // allocator holds free, and is safe to call from any thread.
        unsafe { malloc_trim(0) };
    }
}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    use super::*;

    /// Resident memory of this process, in bytes.
    fn resident() -> u64 {
        let status = std::fs::read_to_string("/proc/self/status").expect("status");
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).expect("VmRSS");
        let kb: u64 = line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).expect("a number");
        kb * 1024
    }

    /// Set in the child process that measures alone.
    const ALONE: &str = "WIRETRACE_MEMORY_TEST_ALONE";

    #[test]
    fn freed_small_allocations_leave_the_process() {
        // The measure is the whole process's resident memory, which the
        // other tests running beside this one move by hundreds of MB (it
        // failed once so while the machine was busy): the test runs itself
        // again, alone, in a child process, and measures there.
        if std::env::var_os(ALONE).is_none() {
            let exe = std::env::current_exe().expect("test binary");
            let name = "pipeline::memory::tests::freed_small_allocations_leave_the_process";
            let out = std::process::Command::new(exe)
                .args([name, "--exact", "--test-threads=1", "--nocapture"])
                .env(ALONE, "1")
                .output()
                .expect("run the test alone");
            let log = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "{log}{}", String::from_utf8_lossy(&out.stderr));
            assert!(log.contains("1 passed"), "the child ran the test: {log}");
            return;
        }
        // 256 MB in 1 KB blocks, touched, then freed below a block still
        // held (so not at the top of the heap): glibc keeps them.
        let blocks: Vec<Vec<u8>> = (0..256 * 1024).map(|i| vec![i as u8; 1024]).collect();
        let pin = vec![1u8; 1024];
        let full = resident();
        drop(blocks);
        let kept = resident();
        give_back();
        let after = resident();
        assert_eq!(pin[0], 1);
        assert!(full > 250 << 20, "the blocks were resident: {full}");
        assert!(after + (150 << 20) < kept, "{full} resident, {kept} after freeing, {after} given back");
    }
}
