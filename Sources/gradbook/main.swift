import ArgumentParser
import Bench
import TensorRuntime
#if canImport(Glibc)
import Glibc
#endif

/// The `gradbook` command: without a subcommand the notebook (or, when standard input or output is not
/// a terminal, `gradbook run -`); subcommands `open` (a session file as a notebook), `run` (headless
/// sessions) and `bench` (measurements).
struct Gradbook: ParsableCommand {
    /// What `gradbook --version` prints.
    static let version = "gradbook 0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "gradbook",
        abstract: "A terminal notebook for deep learning.",
        discussion: "Without a subcommand: the full-screen notebook when standard input and output are a terminal, "
            + "otherwise the same as `gradbook run -`.",
        version: version,
        subcommands: [Open.self, Run.self, BenchCommand.self])

    func run() throws {
        if isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 {
            try Open.notebook(lesson: nil)
        } else {
            let headless = try Run.parse(["-"])
            try headless.run()
        }
    }
}

/// OpenBLAS reads its settings only when it loads, so they are fixed by running this program again once:
/// - OPENBLAS_NUM_THREADS=1: Gradbook splits products over its own pool; OpenBLAS's idle threads would
///   otherwise spin in sched_yield beside the pool's threads.
/// - OPENBLAS_CORETYPE, when OpenBLAS fell back to a generic kernel on a CPU with AVX2/AVX-512 (BLASKernel).
/// A user's own values are kept. If exec fails, Gradbook goes on as it is (slower, same results).
var reexec = false
if getenv("OPENBLAS_NUM_THREADS") == nil { setenv("OPENBLAS_NUM_THREADS", "1", 1); reexec = true }
if let core = BLASKernel.preferredCoreType() {
    setenv("OPENBLAS_CORETYPE", core, 1)
    // Tells `bench` the value is Gradbook's choice, not the environment's.
    setenv(BLASReport.coreTypeMarker, core, 1)
    reexec = true
}
/// Exec the resolved path, not /proc/self/exe itself, so `ps`, `top` and tests still see the process as `gradbook`.
if reexec {
    var path = [CChar](repeating: 0, count: 4096)
    let length = readlink("/proc/self/exe", &path, path.count - 1)
    if length > 0 { execv(path, CommandLine.unsafeArgv) } else { execv("/proc/self/exe", CommandLine.unsafeArgv) }
}

Gradbook.main()
