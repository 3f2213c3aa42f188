import Testing
@testable import TerminalUI

@Suite struct CommandPolicyTests {
    @Test(arguments: ["summary", "history", "info", "show samples 4", "evaluate on=test", "chart loss"])
    func inspectionWaitsWhileTraining(_ line: String) {
        #expect(CommandPolicy.decide(line, busy: true) == .queue)
        #expect(CommandPolicy.decide(line, busy: false) == .run)
    }

    @Test(arguments: ["dense 4", "compile optimizer=sgd", "train 3", "load shapes", "model", "remove 1", "threads 1", "profile"])
    func modelChangesAreRefusedWhileTraining(_ line: String) {
        guard case .refuse(let why) = CommandPolicy.decide(line, busy: true) else {
            Issue.record("'\(line)' was not refused")
            return
        }
        #expect(why.contains("'\(line)'"))
        #expect(why.contains("Ctrl-C"))
        #expect(CommandPolicy.decide(line, busy: false) == .run)
    }

    @Test func quitAndHelpAreTheScreens() {
        #expect(CommandPolicy.decide("quit", busy: false) == .quit)
        #expect(CommandPolicy.decide("exit", busy: true) == .quit)
        #expect(CommandPolicy.decide("help conv2d", busy: true) == .help(topic: "conv2d"))
        #expect(CommandPolicy.decide("help", busy: true) == .help(topic: nil))
    }

    /// Issue 16 item 5: a line that does not parse is answered at once while training runs, with the
    /// located error and its hint, instead of waiting in the queue to fail when training ends.
    @Test(arguments: [("dense dense", "<input>:1:7: error: "), ("bogus 3", "<input>:1:1: error: unknown command 'bogus'"),
                      ("summary x=", "<input>:1:"), ("train 3 epochs=", "<input>:1:")])
    func aLineThatDoesNotParseIsAnsweredAtOnceWhileTraining(_ line: String, _ prefix: String) {
        guard case .invalid(let report) = CommandPolicy.decide(line, busy: true) else {
            Issue.record("'\(line)' was not answered at once: \(CommandPolicy.decide(line, busy: true))")
            return
        }
        #expect(report.rendered.hasPrefix(prefix), "\(report.rendered)")
        #expect(report.line == 1 && report.column >= 1)
        // Idle, the runner runs it and reports the same error in the cell.
        #expect(CommandPolicy.decide(line, busy: false) == .run)
    }

    @Test func unknownCommandWhileTrainingCarriesItsHint() {
        guard case .invalid(let report) = CommandPolicy.decide("sumary", busy: true) else {
            Issue.record("not answered at once")
            return
        }
        #expect(report.rendered.contains("did you mean 'summary'"), "\(report.rendered)")
    }
}
