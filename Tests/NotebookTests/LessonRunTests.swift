// The course's lessons (sessions/lessons/NN-topic.grad). Two checks per lesson:
// - in full, as a class runs it: `gradbook run` of the release build (`make test` builds it first; the test is
//   skipped without it) must exit 0 and end with "N of N expectations held", N the lesson's `expect` lines;
// - shortened, in this process (one epoch per `train`, small subsets, so that the debug build runs them
//   quickly): every line runs without an error and every `expect` line is measured (a shortened training does
//   not reach the lesson's bounds, so held and not met both count here).
// Lessons that need a Debian data package are skipped without it. Files they write go to a temporary folder.

import Foundation
import Testing
@testable import Notebook

let lessonsDirectory = packageRoot().appendingPathComponent("sessions/lessons")

/// The lesson files, in course order.
let lessonFiles: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: lessonsDirectory.path)) ?? [])
    .filter { $0.hasSuffix(".grad") }.sorted()

/// The release executable, when `swift build -c release --product gradbook` (or `make test`) made one.
private let releaseExecutable: URL? = {
    let url = packageRoot().appendingPathComponent(".build/release/gradbook")
    return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
}()

/// Whether the Debian packages a lesson reads are installed.
private func packagesInstalled(_ text: String) -> Bool {
    let fashion = ["/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz", "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte"]
    if text.contains("fashion-mnist") || text.contains("fashion-png"), !fashion.contains(where: FileManager.default.fileExists) { return false }
    if text.contains("corpus chinese") || text.contains("corpus tang300"), !FileManager.default.fileExists(atPath: "/usr/share/games/fortunes/tang300") {
        return false
    }
    return true
}

private func lessonText(_ name: String) throws -> String {
    try String(contentsOf: lessonsDirectory.appendingPathComponent(name), encoding: .utf8)
}

/// The number of `expect` lines.
private func expectLines(_ text: String) -> Int {
    text.split(separator: "\n").filter { $0.hasPrefix("expect ") }.count
}

@Suite struct LessonRunTests {
    @Test func thereIsALessonPerTopicInCourseOrder() {
        #expect(lessonFiles == ["01-neurons.grad", "02-overfitting.grad", "03-convolution.grad", "04-cats-dogs.grad", "05-recurrent.grad",
                                "06-attention.grad", "07-pretraining.grad", "08-augmentation.grad", "09-interpretability.grad",
                                "10-compression.grad", "11-generative.grad", "12-compute.grad"])
        for name in lessonFiles {
            #expect(((try? lessonText(name)).map(expectLines) ?? 0) >= 2, "\(name) checks its results with expect lines")
        }
    }

    @Test(.enabled(if: releaseExecutable != nil, "the release gradbook is not built (make test builds it)"), arguments: lessonFiles)
    func inFullEveryExpectationHolds(_ name: String) throws {
        let text = try lessonText(name)
        guard packagesInstalled(text), let executable = releaseExecutable else { return }
        let folder = makeTemporaryDirectory("lesson")
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["run", "--ascii", "--quiet", lessonsDirectory.appendingPathComponent(name).path]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let started = Date()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let transcript = String(decoding: data, as: UTF8.self)
        let count = expectLines(text)
        let failed = transcript.split(separator: "\n").filter { $0.hasPrefix("FAIL ") || $0.contains(": error: ") }
        #expect(process.terminationStatus == 0, "\(name): \(failed)")
        #expect(transcript.contains("\(count) of \(count) expectation\(count == 1 ? "" : "s") held"), "\(name): \(failed)")
        print("\(name): \(count) expectations held in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }

    @Test(arguments: lessonFiles)
    func shortenedEveryLineRunsAndEveryExpectationIsMeasured(_ name: String) throws {
        let folder = makeTemporaryDirectory("lesson")
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try lessonText(name)
        guard packagesInstalled(text) else { return }
        // Pictures go to out/lesson-NN-..., weights to lesson-NN-... in the current folder: both to the temporary one.
        let source = text.replacingOccurrences(of: "out/lesson-", with: folder.path + "/lesson-")
            .replacingOccurrences(of: " lesson-", with: " " + folder.path + "/lesson-")
        let interpreter = Interpreter()
        interpreter.epochsMax = 1
        interpreter.subsetMax = 300
        let capture = TranscriptCapture(interpreter: interpreter)
        #expect(capture.run(source, file: name) == 0, "\(capture.errors)")
        #expect(interpreter.expectations.total == expectLines(text), "\(name)")
    }
}
