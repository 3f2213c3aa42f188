import Testing
@testable import Notebook

/// Every command is one registry entry: these tests walk the registry and hold each entry to the
/// contract (help, an example that parses to it, bounds on every number, an effect that the notebook's
/// rules read), and exercise every numeric bound at both ends through the parser's own conversion.
@Suite struct CommandRegistryTests {
    @Test func everyEntryHasHelpAnExampleThatParsesAndAnEffect() throws {
        for type in CommandRegistry.entries {
            for spec in type.specs {
                let lines = Help.entry(spec)
                #expect(lines.first == "\(spec.name) - \(spec.summary)", "\(spec.name)")
                #expect(spec.summary.count >= 10, "\(spec.name) has a summary")
                let statement = try #require(try Parser.parseLine(spec.example).get(), "example of \(spec.name)")
                #expect(statement.spec.name == spec.name, "example of \(spec.name)")
                #expect(Swift.type(of: statement.command) == type, "example of \(spec.name) parses to \(type)")
                #expect(statement.effect == type.effect)
                #expect(CommandEffect.allCases.contains(type.effect))
            }
        }
    }

    @Test func namesAreUniqueAndEverySpecIsLinkedToItsType() {
        let names = Catalog.commands.map(\.name)
        #expect(Set(names).count == names.count, "duplicate command names")
        for spec in Catalog.commands {
            #expect(spec.entry != nil, "\(spec.name) is linked")
        }
        #expect(Catalog.commands.filter(\.isLayer).map(\.name) == LayerRegistry.entries.map(\.word))
    }

    @Test func everyNumberHasBoundsAndBothEndsAreChecked() throws {
        for spec in Catalog.commands {
            for p in spec.parameters where p.type == .integer || p.type == .number || p.type == .indexOrPath {
                let range = try #require(p.range, "\(spec.name) \(p.name) has bounds")
                let lower = try #require(range.lower, "\(spec.name) \(p.name) has a lower bound")
                let integer = p.type != .number
                let step = integer ? 1.0 : max(1e-6, abs(lower) * 1e-6)
                // At the lower end: the bound itself (when included) converts, just past it is a located error.
                if range.lowerInclusive { #expect(converts(lower, p, spec, integer), "\(spec.name) \(p.name)=\(lower)") }
                #expect(!converts(lower - step, p, spec, integer), "\(spec.name) \(p.name) below \(lower)")
                // At the upper end, where there is one (seeds may be any non-negative integer).
                guard let upper = range.upper else {
                    #expect(p.name == "seed", "\(spec.name) \(p.name) has an upper bound")
                    continue
                }
                let upStep = integer ? 1.0 : max(1e-6, abs(upper) * 1e-6)
                if range.upperInclusive { #expect(converts(upper, p, spec, integer), "\(spec.name) \(p.name)=\(upper)") }
                #expect(!converts(upper + upStep, p, spec, integer), "\(spec.name) \(p.name) above \(upper)")
            }
        }
    }

    @Test func effectsDecideReplayAndTheTrainingQueue() {
        let replayed = Catalog.commands.filter { $0.effect.isReplayed }.map(\.name)
        for name in ["seed", "load shapes", "split", "model", "dense", "compile", "train", "step", "load weights", "make-dataset shapes-rgb"] {
            #expect(replayed.contains(name), "\(name) is replayed")
        }
        for name in ["summary", "show samples", "save session", "help", "names", "profile", "watch off", "run", "export"] {
            #expect(!replayed.contains(name), "\(name) is not replayed")
        }
        let waits = Catalog.commands.filter { $0.effect.mayWaitForTraining }.map(\.name)
        #expect(waits.contains("evaluate") && waits.contains("save weights") && waits.contains("names"))
        #expect(!waits.contains("profile") && !waits.contains("dense") && !waits.contains("load shapes"))
    }

    @Test func onlyCommandsThatMakeSomethingBind() {
        for spec in Catalog.commands where spec.canBind {
            #expect(spec.name == "model" || (spec.verb == "load" && spec.form != "weights"), "\(spec.name)")
        }
    }

    /// Whether `value` (an integer, or a decimal) converts for parameter `p` of `spec`.
    private func converts(_ value: Double, _ p: ParameterSpec, _ spec: CommandSpec, _ integer: Bool) -> Bool {
        let text = integer ? String(Int(value.rounded())) : String(value)
        let tokens = Scanner.scan(text).tokens.filter { $0.kind != .end && $0.kind != .newline }
        guard tokens.count == 1 else { return false }
        do {
            _ = try ArgumentBinder.convert(tokens[0], for: p, in: spec)
            return true
        } catch {
            return false
        }
    }
}

/// docs/language.md against the registry, both ways: every command has its section under its group's
/// heading, and every command section names a registered command of that group.
@Suite struct LanguageDocRegistryTests {
    /// `## Group` -> the command names of its `### \`name\`` sections.
    static func sections(_ doc: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        var group: String?
        for line in doc.split(separator: "\n").map(String.init) {
            if line.hasPrefix("## ") {
                group = String(line.dropFirst(3))
            } else if line.hasPrefix("### `"), line.hasSuffix("`"), let g = group {
                result[g, default: []].append(String(line.dropFirst(5).dropLast()))
            }
        }
        return result
    }

    @Test func everyGroupListsExactlyItsRegisteredCommands() throws {
        let doc = try #require(languageDoc())
        let sections = Self.sections(doc)
        for group in CommandGroup.allCases {
            let documented = sections[group.rawValue] ?? []
            let registered = Catalog.commands.filter { $0.group == group }.map(\.name)
            #expect(Set(documented) == Set(registered),
                    "\(group.rawValue): only in the doc \(Set(documented).subtracting(registered)), only registered \(Set(registered).subtracting(documented))")
            #expect(documented.count == Set(documented).count, "\(group.rawValue) documents a command twice")
        }
    }
}
