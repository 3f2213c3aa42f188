import Foundation
import Testing

/// Under a process memory limit (`prlimit --as=8000000000`) a model too large for it is refused with a
/// located error: the weight budget is half of the smallest of RLIMIT_AS, the cgroup's limit and physical
/// memory, not half of physical memory (which let two 4.3 GB attention layers through, then SIGILL).
@Suite(.serialized) struct MemoryLimitCommandLineTests {
    static let prlimit = ["/usr/bin/prlimit", "/bin/prlimit"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: CommandLineTests.executable != nil && prlimit != nil, "needs the gradbook executable and prlimit"))
    func aModelBeyondTheAddressSpaceLimitIsRefused() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.prlimit))
        process.arguments = ["--as=8000000000", try #require(CommandLineTests.executable).path, "run", "--keep-going", "-"]
        process.currentDirectoryURL = packageRoot()
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["COLUMNS"] = "400"
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        let input = "model input=8x16\nattention 256 key_dim=65536\nattention 256 key_dim=65536\nsummary\n"
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 1, "\(out.suffix(600))")
        let joined = out.replacingOccurrences(of: "\n", with: " ")
        #expect(joined.contains("<stdin>:2:1: error: multi_head_attention_1 would bring the model's weights to 4.19 GB, more than the "), "\(out)")
        // Half of the 8 GB limit, unless the machine itself has less.
        if ProcessInfo.processInfo.physicalMemory > 8_000_000_000 {
            #expect(joined.contains("more than the 3.73 GB a model may use"), "\(out)")
        }
        #expect(joined.contains("<stdin>:3:1: error: multi_head_attention_1 would bring"), "\(out)")
        #expect(out.contains(">>> summary"))
    }
}
