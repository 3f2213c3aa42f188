import Foundation
import Testing
@testable import Notebook

/// The repository root: walk up from this file (symlinks resolved) to the
/// directory holding Package.swift and docs/language.md.
private func repositoryRoot(_ file: String = #filePath) -> URL? {
    var directory = URL(fileURLWithPath: file).resolvingSymlinksInPath().deletingLastPathComponent()
    while directory.path != "/" {
        let manifest = directory.appendingPathComponent("Package.swift").path
        let docs = directory.appendingPathComponent("docs/language.md").path
        if FileManager.default.fileExists(atPath: manifest), FileManager.default.fileExists(atPath: docs) {
            return directory
        }
        directory = directory.deletingLastPathComponent()
    }
    return nil
}

func languageDoc() -> String? {
    guard let root = repositoryRoot() else { return nil }
    return try? String(contentsOf: root.appendingPathComponent("docs/language.md"), encoding: .utf8)
}

@Suite struct CatalogTests {
    @Test func everyEntryHasSummarySyntaxAndAParsingExample() {
        for spec in Catalog.commands {
            #expect(!spec.summary.isEmpty, "\(spec.name)")
            #expect(spec.syntax.hasPrefix(spec.name), "\(spec.name)")
            let result = Parser.parse(spec.example)
            #expect(result.diagnostics.isEmpty, "\(spec.name): \(result.renderedDiagnostics())")
            #expect(result.statements.first?.spec.name == spec.name, "example of \(spec.name)")
        }
    }

    @Test func defaultsAreValidValuesOfTheirParameters() {
        for spec in Catalog.commands {
            for p in spec.parameters {
                #expect(p.isRequired == false || p.defaultValue == nil, "\(spec.name).\(p.name)")
                guard let text = p.defaultValue else { continue }
                let token = Scanner.scan(text).tokens[0]
                #expect(throws: Never.self, "\(spec.name).\(p.name)=\(text)") {
                    _ = try ArgumentBinder.convert(token, for: p, in: spec)
                }
            }
        }
    }

    @Test func onlyModelAndDataSetLoadsBind() {
        let binding = Catalog.commands.filter(\.canBind).map(\.name)
        #expect(binding == ["load fashion-mnist", "load idx", "load shapes", "load images", "load sequences", "load text", "load points", "model"])
    }

    @Test func layerWordsMatchLayerKinds() {
        let kinds = Set(Catalog.commands.filter(\.isLayer).map(\.verb))
        #expect(kinds == Set(LayerRegistry.entries.map(\.word)))
    }
}

@Suite struct HelpTests {
    @Test func overviewListsEveryCommandUnderItsGroup() {
        let lines = Help.overview()
        for group in CommandGroup.allCases { #expect(lines.contains(group.rawValue)) }
        for spec in Catalog.commands {
            #expect(overviewEntry(lines, spec.name)?.hasSuffix(spec.summary) == true, "\(spec.name)")
        }
        #expect(lines.allSatisfy { $0.count <= 80 }, "the overview fits 80 columns")
        // Groups appear in order, each command after its group heading.
        let dataHeading = lines.firstIndex(of: "Data") ?? -1
        let modelHeading = lines.firstIndex(of: "Model") ?? -1
        let split = lines.firstIndex { $0.hasPrefix("  split ") } ?? -1
        #expect(dataHeading < split && split < modelHeading)
    }

    @Test func entryHasSummarySyntaxOptionsDefaultsAndExample() {
        let lines = Help.lines(for: "conv2d")
        #expect(lines.first == "conv2d - append a 2-D convolution layer")
        #expect(unwrappedUsage(lines) == "usage: conv2d FILTERS KERNEL [ACTIVATION] [stride=N] [padding=valid|same] [init=INIT] [l1=F] [l2=F] [name=NAME]")
        #expect(helpRow(lines, key: "padding=valid|same")?.contains("default valid") == true)
        #expect(lines.suffix(2) == ["example:", "  conv2d 32 3 relu"])
    }

    @Test func aliasesAndFormsResolve() {
        #expect(Help.lines(for: "maxpooling2d").first == Help.lines(for: "maxpool").first)
        #expect(Help.lines(for: "exit").first?.hasPrefix("quit - ") == true)
        let load = Help.lines(for: "load")
        #expect(load.first == "load has 8 forms:")
        for form in ["load fashion-mnist", "load idx", "load shapes", "load images", "load text", "load points", "load weights"] {
            #expect(load.contains { $0.hasPrefix("  \(form)") }, "\(form)")
            #expect(Help.lines(for: form).first?.hasPrefix("\(form) - ") == true, "\(form)")
        }
        #expect(Help.lines(for: "show").first == "show has 15 forms:")
        #expect(Help.lines(for: "save").first == "save has 4 forms:")
    }

    @Test func everyCatalogEntryHasHelp() {
        for spec in Catalog.commands {
            let lines = Help.topic(spec.name) ?? []
            #expect(lines.first == "\(spec.name) - \(spec.summary)")
            #expect(unwrappedUsage(lines) == "usage: \(spec.syntax)")
            #expect(lines.last == "  \(spec.example)")
            for option in spec.options {
                #expect(lines.contains { $0.hasPrefix("  \(option.name)=") }, "\(spec.name) \(option.name)")
            }
        }
    }

    @Test func unknownTopicSuggests() {
        #expect(Help.lines(for: "desne") == ["no help for 'desne' - did you mean 'dense'?"])
        #expect(Help.topic("nothing here") == nil)
    }

    @Test func helpStatementTopicFeedsHelp() throws {
        let statement = try Parser.parseLine("help Load Weights").get()
        guard let topic = (statement?.command as? HelpCommand).map(\.topic) else { Issue.record("not help"); return }
        #expect(topic?.value == "load weights")
        #expect(Help.lines(for: topic?.value).first?.hasPrefix("load weights - ") == true)
    }
}

@Suite struct LanguageDocTests {
    @Test func docIsFound() {
        #expect(languageDoc() != nil, "docs/language.md not found from \(#filePath)")
    }

    @Test func everyCommandHasAHeadingInTheDoc() {
        guard let doc = languageDoc() else { Issue.record("no doc"); return }
        let headings = doc.split(separator: "\n").filter { $0.hasPrefix("## ") || $0.hasPrefix("### ") }.map(String.init)
        for spec in Catalog.commands {
            #expect(headings.contains { $0.contains("`\(spec.name)`") || $0.hasSuffix(" \(spec.name)") }, "no heading for \(spec.name)")
        }
    }

    @Test func docMentionsEveryOptionAliasAndExample() {
        guard let doc = languageDoc() else { Issue.record("no doc"); return }
        for spec in Catalog.commands {
            #expect(doc.contains(spec.example), "example of \(spec.name)")
            for alias in spec.aliases { #expect(doc.contains(alias), "alias \(alias)") }
            for option in spec.options { #expect(doc.contains("\(option.name)="), "\(spec.name) \(option.name)") }
        }
    }

    @Test func codeBlocksInTheDocParse() {
        // Every ```gradbook block is a valid session.
        guard let doc = languageDoc() else { Issue.record("no doc"); return }
        let blocks = doc.components(separatedBy: "```gradbook\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        #expect(!blocks.isEmpty)
        for block in blocks {
            #expect(Parser.parse(block).renderedDiagnostics().isEmpty, "\(block)")
        }
    }
}

/// A command's entry in the help overview: its line plus the wrapped continuation lines, spaces collapsed.
func overviewEntry(_ lines: [String], _ name: String) -> String? {
    guard let i = lines.firstIndex(where: { $0.hasPrefix("  \(name) ") }) else { return nil }
    var text = lines[i]
    var j = i + 1
    while j < lines.count && lines[j].hasPrefix("     ") { text += " " + lines[j]; j += 1 }
    return text.split(separator: " ").joined(separator: " ")
}
