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

    @Test func aLineThatDoesNotParseRunsToReportItsError() {
        #expect(CommandPolicy.decide("dense dense", busy: true) == .run)
    }
}
