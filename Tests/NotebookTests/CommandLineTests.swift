import Foundation
import Testing

/// End-to-end checks of the `gradbook` executable that `swift build --build-tests` puts beside the tests:
/// exit statuses, the transcript on stdout, and the options that shorten prepared sessions.
@Suite(.serialized) struct CommandLineTests {
    /// The debug executable, when this build made one.
    static let executable: URL? = {
        let root = packageRoot()
        for path in [".build/debug/gradbook", ".build/x86_64-unknown-linux-gnu/debug/gradbook"] {
            let url = root.appendingPathComponent(path)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }()

    /// Starts gradbook with `arguments` in the package root (NO_COLOR set), stdout and stderr on one pipe.
    static func launch(_ arguments: [String]) throws -> (process: Process, stdin: Pipe, stdout: Pipe) {
        struct NotBuilt: Error {}
        guard let executable = Self.executable else { throw NotBuilt() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot()
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        return (process, stdin, stdout)
    }

    /// Runs gradbook with `arguments`, feeding `input` on stdin; returns (exit status, stdout).
    func gradbook(_ arguments: [String], input: String = "") throws -> (Int32, String) {
        let (process, stdin, stdout) = try Self.launch(arguments)
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: executable != nil, "the gradbook executable is not built"))
    func stopsAtTheFirstErrorWithStatus1() throws {
        let (status, out) = try gradbook(["run", "-"], input: "seed 1\nconv2 8 3\nsummary\n")
        #expect(status == 1)
        #expect(out.contains("<stdin>:2:1: error: unknown command 'conv2' - did you mean 'conv2d'?"))
        #expect(!out.contains(">>> summary"), "nothing runs after the first error")
    }

    @Test(.enabled(if: executable != nil, "the gradbook executable is not built"))
    func keepGoingReportsEveryErrorAndStillFails() throws {
        let (status, out) = try gradbook(["run", "--keep-going", "-"], input: "conv2 8 3\nsplit\nseed 3\n")
        #expect(status == 1)
        #expect(out.contains("<stdin>:1:1: error: unknown command 'conv2'"))
        #expect(out.contains("<stdin>:2:1: error: no data set is loaded"))
        #expect(out.contains(">>> seed 3"))
    }

    @Test(.enabled(if: executable != nil, "the gradbook executable is not built"))
    func quickstartRunsShortenedAndLearns() throws {
        let (status, out) = try gradbook(["run", "--epochs-max", "1", "--ascii", "sessions/quickstart.grad"])
        #expect(status == 0, "\(out.suffix(400))")
        #expect(out.contains("Total params: 14,212"))
        #expect(out.contains("epoch 1 (") && !out.contains("epoch 2 ("), "--epochs-max 1 trains one epoch")
        #expect(out.unicodeScalars.allSatisfy { $0.isASCII }, "--ascii output is ASCII only")
        // evaluate's accuracy row: clearly better than the 0.25 of four classes.
        let accuracy = out.split(separator: "\n").first { $0.hasPrefix("| accuracy ") }
            .flatMap { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.last { !$0.isEmpty } }
            .flatMap(Double.init)
        #expect((accuracy ?? 0) > 0.5, "evaluate accuracy \(String(describing: accuracy))")
    }

    @Test(.enabled(if: executable != nil, "the gradbook executable is not built"))
    func errorsGoToStderrOnOneLine() throws {
        // Issue 16 item 28: stdout wraps at 80 columns; stderr gets each error whole, on one line.
        guard let executable = Self.executable else { return }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["run", "--keep-going", "-"]
        process.currentDirectoryURL = packageRoot()
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data("load mnist\nseed 3\nconv2 8 3\n".utf8))
        try stdin.fileHandleForWriting.close()
        let out = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let lines = err.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(err)")
        #expect(lines.first?.hasPrefix("<stdin>:1:6: error: unknown form 'mnist' for load - did you mean 'load fashion-mnist'?") == true, "\(err)")
        #expect(lines.last == "<stdin>:3:1: error: unknown command 'conv2' - did you mean 'conv2d'?")
        #expect(out.contains(">>> seed 3") && out.contains("<stdin>:3:1: error: unknown command 'conv2'"), "the transcript keeps them")
    }

    @Test(.enabled(if: executable != nil, "the gradbook executable is not built"))
    func versionIsKnown() throws {
        let (status, out) = try gradbook(["--version"])
        #expect(status == 0)
        #expect(out.hasPrefix("gradbook ") && out.split(separator: "\n").count == 1, "\(out)")
    }

    @Test func makeCleanRemovesEveryBuildFolder() throws {
        // Every scratch folder the Makefile and scripts build into (.build-tsan, .build-fuzz) is removed by `make clean`.
        let root = packageRoot()
        let makefile = try String(contentsOf: root.appendingPathComponent("Makefile"), encoding: .utf8)
        let fuzz = try String(contentsOf: root.appendingPathComponent("scripts/fuzz.sh"), encoding: .utf8)
        let folders = Set((makefile + fuzz).matches(of: /\.build-[a-z]+/).map { String($0.output) })
        #expect(folders.isSuperset(of: [".build-tsan", ".build-fuzz"]))
        let lines = makefile.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0.hasPrefix("clean:") })
        let recipe = lines[(start + 1)...].prefix { $0.hasPrefix("\t") }.joined(separator: " ")
        let removed = Set(recipe.split(separator: " ").map(String.init))
        #expect(removed.isSuperset(of: folders.union([".build"])), "clean: \(recipe)")
    }

    @Test(.enabled(if: executable != nil, "the gradbook executable is not built"))
    func missingFileIsAnErrorNotACrash() throws {
        let (status, out) = try gradbook(["run", "no/such/session.grad"])
        #expect(status == 1)
        #expect(out.contains("cannot read 'no/such/session.grad': no such file"))
    }
}

/// `gradbook run -` answers each line before the next is written (a pipe or a person typing).
@Suite(.serialized) struct InteractiveStdinTests {
    @Test(.enabled(if: CommandLineTests.executable != nil, "the gradbook executable is not built"))
    func answersEachLineBeforeReadingTheNext() throws {
        let (process, stdin, stdout) = try CommandLineTests.launch(["run", "--keep-going", "-"])
        let reader = stdout.fileHandleForReading
        /// Reads until `marker` has appeared (the answer to the line just written), at most 30 s.
        func readUntil(_ marker: String) -> String {
            var text = ""
            let deadline = Date().addingTimeInterval(30)
            while !text.contains(marker) && Date() < deadline {
                var ready = pollfd(fd: reader.fileDescriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&ready, 1, 1000) > 0 else { continue }
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            return text
        }
        stdin.fileHandleForWriting.write(Data("seed 11\n".utf8))
        let first = readUntil("seed 11\nseed 11")
        #expect(first.contains(">>> seed 11\nseed 11"), "the first line was answered while stdin is still open: \(first)")
        stdin.fileHandleForWriting.write(Data("batch 0\r\n".utf8))
        let second = readUntil("error")
        #expect(second.contains("<stdin>:2:"), "the second line was answered with its own line number: \(second)")
        stdin.fileHandleForWriting.write(Data("quit\n".utf8))
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "a failed line makes the exit status 1")
    }
}
