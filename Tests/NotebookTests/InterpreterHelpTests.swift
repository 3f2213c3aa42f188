// `help` at runtime: the overview and every catalog command's entry come back through the interpreter
// as non-empty text, without touching the session.

import Notebook
import Testing

/// The single text block a help line returns.
private func helpText(_ interpreter: Interpreter, _ line: String) throws -> String {
    let blocks = try interpreter.execute(line: line)
    try #require(blocks.count == 1, "`\(line)` returns one block")
    guard case let .text(text, _) = blocks[0] else {
        Issue.record("`\(line)` returns \(blocks[0]), not text")
        return ""
    }
    return text
}

@Suite struct InterpreterHelpTests {
    @Test func overviewListsEveryCommand() throws {
        let interpreter = Interpreter()
        let text = try helpText(interpreter, "help")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Gradbook commands") == true)
        for spec in Catalog.commands {
            #expect(overviewEntry(lines, spec.name)?.hasSuffix(spec.summary) == true, "\(spec.name) is listed")
        }
        for group in CommandGroup.allCases {
            #expect(lines.contains(group.rawValue))
        }
        #expect(interpreter.session.log.isEmpty, "help is not replayed")
    }

    @Test(arguments: Catalog.commands.map(\.name))
    func helpForEachCommand(_ name: String) throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["load shapes count=20", "model", "dense 3 softmax"])
        let before = SessionSnapshot(interpreter.session)
        let spec = try #require(Catalog.entry(named: name))
        let text = try helpText(interpreter, "help \(name)")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "\(spec.name) - \(spec.summary)")
        // The usage wraps with its continuation lines under the text after `usage: `.
        #expect(unwrappedUsage(lines) == "usage: \(spec.syntax)")
        #expect(lines.contains("  " + spec.example))
        for p in spec.options {
            #expect(lines.contains { $0.hasPrefix("  \(p.name)=") }, "option \(p.name) is described")
        }
        #expect(lines.allSatisfy { !$0.isEmpty })
        #expect(SessionSnapshot(interpreter.session) == before)
    }

    @Test(arguments: Catalog.commands.flatMap(\.aliases))
    func helpForAnAliasShowsItsCommand(_ alias: String) throws {
        let spec = try #require(Catalog.entries(forVerb: alias).first)
        let text = try helpText(Interpreter(), "help \(alias)")
        #expect(text.hasPrefix("\(spec.name) - \(spec.summary)\n"))
    }

    @Test(arguments: Catalog.verbsWithForms)
    func helpForAVerbListsItsForms(_ verb: String) throws {
        let text = try helpText(Interpreter(), "help \(verb)")
        let forms = Catalog.entries(forVerb: verb)
        #expect(forms.count >= 2)
        #expect(text.hasPrefix("\(verb) has \(forms.count) forms:"))
        for spec in forms {
            #expect(text.contains("  " + spec.syntax + "\n"))
        }
    }

    @Test func helpIsCaseInsensitiveAndCanonical() throws {
        let interpreter = Interpreter()
        #expect(try helpText(interpreter, "help CONV2D") == (try helpText(interpreter, "help conv2d")))
        #expect(try helpText(interpreter, "help Load Weights") == (try helpText(interpreter, "help load weights")))
        #expect(try helpText(interpreter, "help maxpooling2d") == (try helpText(interpreter, "help maxpool")))
    }
}
