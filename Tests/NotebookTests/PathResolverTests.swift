import Foundation
import Testing
@testable import Notebook

/// Issue 16 item 15: `~` and `~/` are expanded the same way for every path argument of every command.
@Suite("Path resolver")
struct PathResolverTests {
    /// One line per path argument of the language, with `~/...` in that argument.
    static let lines: [String: String] = [
        "load images": "load images ~/d validation=~/v",
        "make-dataset shapes-rgb": "make-dataset shapes-rgb ~/d",
        "make-dataset fashion-png": "make-dataset fashion-png ~/d",
        "load idx": "load idx ~/d",
        "load text": "load text ~/story.txt",
        "load fashion-mnist": "load fashion-mnist dir=~/d",
        "save weights": "save weights ~/w.safetensors",
        "load weights": "load weights ~/w.safetensors",
        "save session": "save session ~/s.grad",
        "save transcript": "save transcript ~/t.md",
        "export": "export chart ~/c.png",
        "run": "run ~/s.grad",
        "save notebook": "save notebook ~/n.grad",
        "export keras": "export keras ~/model.py",
        "export pytorch": "export pytorch ~/model.py",
        "predict": "predict ~/p.png",
        "train": "train 1 checkpoint=~/c.safetensors",
    ]

    /// Every `String` value held by `value`, however deeply (a command's `Located<String>` fields), without
    /// the source text each `Located` keeps as typed.
    static func strings(in value: Any) -> [String] {
        if let s = value as? String { return [s] }
        return Mirror(reflecting: value).children.filter { $0.label != "text" }.flatMap { strings(in: $0.value) }
    }

    @Test("every command with a path parameter is covered here")
    func everyPathCommandIsListed() {
        let withPaths = CommandRegistry.specs.filter { spec in
            (spec.positionals + spec.options).contains { parameter in
                if case .path = parameter.type { return true }
                if case .indexOrPath = parameter.type { return spec.name == "predict" }
                return false
            }
        }.map(\.name)
        #expect(Set(withPaths) == Set(Self.lines.keys), "\(withPaths)")
    }

    @Test("each path argument reaches its command with ~ expanded to $HOME", arguments: Array(lines.values))
    func tildeIsExpanded(_ line: String) throws {
        let home = AtomicFileHome.value
        let statement = try #require(try Parser.parseLine(line).get())
        let paths = Self.strings(in: statement.command).filter { $0.contains("/") }
        #expect(!paths.isEmpty && paths.allSatisfy { $0.hasPrefix(home + "/") }, "\(paths)")
        #expect(!paths.contains { $0.hasPrefix("~") })
    }

    @Test("only a leading ~ or ~/ is expanded")
    func otherFormsAreKept() {
        let home = AtomicFileHome.value
        #expect(PathResolver.resolve("~") == home)
        #expect(PathResolver.resolve("~/a/b") == home + "/a/b")
        #expect(PathResolver.resolve("~user/a") == "~user/a")
        #expect(PathResolver.resolve("a/~/b") == "a/~/b")
    }
}

/// The home folder as the resolver sees it.
private enum AtomicFileHome {
    static var value: String {
        var home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        while home.count > 1 && home.hasSuffix("/") { home.removeLast() }
        return home
    }
}
