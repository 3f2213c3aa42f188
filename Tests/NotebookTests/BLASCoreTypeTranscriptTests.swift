// The README's quickstart run by the gradbook executable under several OPENBLAS_CORETYPE values. OpenBLAS
// picks its kernels by that value (or by the CPU), and before issue 20 the same lesson printed different
// losses under Haswell, Sandybridge and Prescott kernels. Gradbook's products now run its own fixed-order
// kernels, so the transcript must not move whichever kernels OpenBLAS loaded: this fails if any default
// code path still reaches OpenBLAS's arithmetic.

import Foundation
import Testing

@Suite(.serialized) struct BLASCoreTypeTranscriptTests {
    /// The release executable `make test` builds (a quickstart in seconds), else the debug one.
    static let executable: URL? = {
        let release = packageRoot().appendingPathComponent(".build/release/gradbook")
        return FileManager.default.isExecutableFile(atPath: release.path) ? release : CommandLineTests.executable
    }()

    /// Runs `gradbook run sessions/quickstart.grad` with `OPENBLAS_CORETYPE=core` (nil: unset); returns
    /// (exit status, transcript with timings masked).
    func quickstart(core: String?) throws -> (Int32, String) {
        struct NotBuilt: Error {}
        guard let executable = Self.executable else { throw NotBuilt() }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["run", "sessions/quickstart.grad"]
        process.currentDirectoryURL = packageRoot()
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["COLUMNS"] = "80"
        environment.removeValue(forKey: "GRADBOOK_ISA")
        environment.removeValue(forKey: "OPENBLAS_CORETYPE")
        if let core { environment["OPENBLAS_CORETYPE"] = core }
        process.environment = environment
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, maskTimings(String(decoding: data, as: UTF8.self)))
    }

    @Test(.enabled(if: executable != nil, "the gradbook executable is not built"))
    func theQuickstartIsTheSameUnderEveryOpenBLASCoreType() throws {
        let (status, reference) = try quickstart(core: nil)
        #expect(status == 0)
        #expect(reference.contains("epoch 3 "), "the session trained")
        #expect(reference.contains("accuracy"), "the session evaluated")
        let lines = reference.split(separator: "\n", omittingEmptySubsequences: false)
        for core in ["Haswell", "Sandybridge", "Prescott"] {
            let (coreStatus, text) = try quickstart(core: core)
            #expect(coreStatus == 0, "\(core)")
            let other = text.split(separator: "\n", omittingEmptySubsequences: false)
            for (i, (x, y)) in zip(lines, other).enumerated() where x != y {
                Issue.record("OPENBLAS_CORETYPE=\(core) line \(i + 1) differs:\n  \(x)\n  \(y)")
            }
            #expect(lines.count == other.count, "\(core)")
        }
    }
}
