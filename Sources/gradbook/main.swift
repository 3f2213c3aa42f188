import ArgumentParser
import TensorRuntime
#if canImport(Glibc)
import Glibc
#endif

/// The `gradbook` command: subcommands `run` (headless sessions) and `bench` (measurements).
struct Gradbook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradbook",
        abstract: "A terminal notebook for deep learning.",
        subcommands: [Run.self, Bench.self])
}

/// OpenBLAS reads OPENBLAS_CORETYPE only when it loads: when it fell back to a generic kernel on a CPU
/// with AVX2/AVX-512, run this program again once with the right kernel named (see BLASKernel).
if let core = BLASKernel.preferredCoreType() {
    setenv("OPENBLAS_CORETYPE", core, 1)
    execv("/proc/self/exe", CommandLine.unsafeArgv)   // returns only on failure: then go on as we are
}

Gradbook.main()
