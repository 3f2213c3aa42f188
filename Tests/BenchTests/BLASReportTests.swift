import Testing
@testable import Bench

// The BLAS line of `gradbook bench`, and its warning when the environment forced older kernels.

@Suite struct BLASReportTests {
    private let config = "OpenBLAS 0.3.21 DYNAMIC_ARCH"

    @Test func olderKernelsForcedByTheEnvironmentAreWarnedAbout() {
        let report = BLASReport(kernel: "Haswell", config: config, cpuKernel: "SkylakeX", environment: "Haswell")
        #expect(report.forcedOlder)
        #expect(report.lines.count == 2)
        #expect(report.lines[0] == "BLAS: OpenBLAS Haswell kernels (\(config)); the CPU supports SkylakeX")
        #expect(report.lines[1].hasPrefix("warning: OPENBLAS_CORETYPE=Haswell in the environment forced Haswell kernels"))
    }

    @Test(arguments: [
        ("Haswell", "SkylakeX", nil),            // Gradbook's own choice, or no variable
        ("SkylakeX", "SkylakeX", "SkylakeX"),    // the best the CPU has
        ("Cooperlake", "SkylakeX", "Cooperlake"),
        ("Prescott", nil, "Prescott"),           // the CPU's family unknown
        ("Mystery", "SkylakeX", "Mystery"),      // a family not ranked
    ] as [(String, String?, String?)])
    func noWarningOtherwise(kernel: String, cpu: String?, environment: String?) {
        let report = BLASReport(kernel: kernel, config: config, cpuKernel: cpu, environment: environment)
        #expect(!report.forcedOlder)
        #expect(report.lines.count == 1)
    }
}
