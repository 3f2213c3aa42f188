import Foundation
import Testing

/// docs/architecture.md's module diagram against the code: each `Module ──▶ A, B` line must list exactly
/// the modules of this package (and C modules) that the module's sources import, so no arrow is missing
/// and none is left after an import goes.
@Suite struct ArchitectureDocTests {
    /// Imports that are not arrows: the system and standard libraries.
    static let system: Set<String> = ["Foundation", "Glibc", "Darwin", "Synchronization", "Dispatch", "Testing", "XCTest"]

    /// `module -> its arrows` from the diagram's lines `Name ──▶ A, B (words)`; names joined by commas
    /// on the left (`FuzzIDX, FuzzImage ──▶ ...`) share the arrows.
    static func diagram(_ doc: String) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        let entry = /([A-Za-z]\w*(?:, [A-Z]\w*)*)\s+──▶\s+(.*?)(?=\s{3,}[A-Z]\w*(?:, [A-Z]\w*)*\s+──▶|$)/
        for line in doc.split(separator: "\n").map(String.init) {
            for match in line.matches(of: entry) {
                let targets = String(match.output.2)
                    .replacing(/\([^)]*\)/, with: "")
                    .split(separator: ",")
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
                for name in match.output.1.split(separator: ",") {
                    result[name.trimmingCharacters(in: .whitespaces), default: []].formUnion(targets)
                }
            }
        }
        return result
    }

    /// The modules `Sources/<module>` imports, system libraries left out.
    static func imports(of module: URL) -> Set<String> {
        var found: Set<String> = []
        guard let files = FileManager.default.enumerator(at: module, includingPropertiesForKeys: nil) else { return found }
        for case let file as URL in files where file.pathExtension == "swift" {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            // `import X`, `@preconcurrency import X`, `internal import X`.
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init)
                guard let at = words.firstIndex(of: "import"), at + 1 < words.count,
                      words[..<at].allSatisfy({ $0.hasPrefix("@") || ["internal", "public", "private", "package"].contains($0) })
                else { continue }
                let name = words[at + 1]
                if !system.contains(name) { found.insert(name) }
            }
        }
        return found
    }

    @Test func everyArrowIsAnImportAndEveryImportAnArrow() throws {
        let root = packageRoot()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
        let arrows = Self.diagram(doc)
        let sources = root.appendingPathComponent("Sources")
        let modules = try FileManager.default.contentsOfDirectory(atPath: sources.path)
            .filter { !$0.hasPrefix("C") || $0 == "Canvas" }
        #expect(modules.count >= 8)
        for module in modules.sorted() {
            var imports = Self.imports(of: sources.appendingPathComponent(module))
            // The executable's one package from outside is named in words beside its arrows.
            imports.remove("ArgumentParser")
            let drawn = arrows[module] ?? []
            #expect(drawn == imports, "\(module): drawn \(drawn.sorted()), imported \(imports.sorted())")
        }
    }
}
