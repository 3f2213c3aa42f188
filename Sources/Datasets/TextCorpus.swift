#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Real text from Debian packages that scripts/setup.sh installs, found where Debian puts them.
///
/// - `fortunes` (package fortunes): every English fortune file in /usr/share/games/fortunes (those with a
///   `.dat` index beside them), in name order, about 2.4 MB of quotations.
/// - `chinese`, `tang300`, `song100` (package fortunes-zh): Chinese sayings, 300 Tang poems, 100 Song lyrics,
///   in the same folder.
/// - `words` (package wamerican): /usr/share/dict/american-english, one word per line.
///
/// Fortune files separate entries with a line holding only `%`: those lines become blank lines. The
/// fortunes-zh files colour their titles with terminal escape sequences (`ESC [ 32 m`): those are removed,
/// with every other control character but newline and tab.
public enum TextCorpus: String, CaseIterable, Sendable {
    case fortunes, chinese, tang300, song100, words

    /// The folder of the fortune files.
    static let fortuneFolder = "/usr/share/games/fortunes"

    /// The Debian package that installs the corpus.
    public var package: String {
        switch self {
        case .fortunes: return "fortunes"
        case .chinese, .tang300, .song100: return "fortunes-zh"
        case .words: return "wamerican"
        }
    }

    /// What the text is, for help and `info`.
    public var summary: String {
        switch self {
        case .fortunes: return "English quotations (fortune), about 2.4 MB"
        case .chinese: return "Chinese sayings (fortunes-zh), about 2 MB"
        case .tang300: return "300 Tang poems (fortunes-zh), about 90 KB"
        case .song100: return "100 Song lyrics (fortunes-zh), about 28 KB"
        case .words: return "American English words, one a line (wamerican), about 1 MB"
        }
    }

    /// The files of the corpus under `root` (the file system's root unless a test gives another), in order.
    /// Throws `missingPackage` when they are not there.
    public func files(root: String = "") throws(DatasetError) -> [String] {
        switch self {
        case .words:
            let path = root + "/usr/share/dict/american-english"
            guard case .success = RawPath(path).status() else { throw .missingPackage(corpus: rawValue, package: package, path: path) }
            return [path]
        case .chinese, .tang300, .song100:
            let path = root + Self.fortuneFolder + "/" + rawValue
            guard case .success = RawPath(path).status() else { throw .missingPackage(corpus: rawValue, package: package, path: path) }
            return [path]
        case .fortunes:
            let folder = root + Self.fortuneFolder
            guard case .success(let names) = RawPath(folder).entries() else {
                throw .missingPackage(corpus: rawValue, package: package, path: folder)
            }
            let all = Set(names.map(\.display))
            let chinese = Set([TextCorpus.chinese, .tang300, .song100].map(\.rawValue))
            let english = all.filter { !$0.contains(".") && !chinese.contains($0) && all.contains($0 + ".dat") }.sorted()
            guard !english.isEmpty else { throw .missingPackage(corpus: rawValue, package: package, path: folder + "/*.dat") }
            return english.map { folder + "/" + $0 }
        }
    }

    /// The corpus as one text (see the type for the cleaning).
    public func load(root: String = "") throws(DatasetError) -> String {
        var parts: [String] = []
        for path in try files(root: root) {
            parts.append(Self.cleaned(try TextFile.read(path)))
        }
        return parts.joined(separator: "\n")
    }

    /// Fortune separators as blank lines, terminal escape sequences and control characters removed.
    public static func cleaned(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var lineStart = true
        var pending: Unicode.Scalar?
        while let c = pending ?? scalars.next() {
            pending = nil
            if c == "\u{1B}" {
                // ESC [ parameters final-letter: a colour or cursor sequence.
                if let next = scalars.next() {
                    guard next == "[" else { pending = next; continue }
                    while let p = scalars.next(), !(("A"..."Z").contains(p) || ("a"..."z").contains(p)) {}
                }
                continue
            }
            if c.value < 0x20 && c != "\n" && c != "\t" || c.value == 0x7F { continue }
            if lineStart && c == "%" {
                // A line of only `%` separates fortunes: keep the line, empty.
                let next = scalars.next()
                if next == nil || next == "\n" {
                    if next != nil { out.append("\n") }
                    continue
                }
                out.append(c)
                pending = next
                lineStart = false
                continue
            }
            out.append(c)
            lineStart = c == "\n"
        }
        return String(out)
    }
}
