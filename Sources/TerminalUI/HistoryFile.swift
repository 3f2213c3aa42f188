import Foundation

/// Where the input line's history is kept across runs: `$XDG_STATE_HOME/gradbook/history`, by
/// default `~/.local/state/gradbook/history`, one line per entry. Blank lines and a line repeating
/// the one before it are never kept (``cleaned(_:)``).
public enum HistoryFile {
    /// Entries kept at most (the oldest go first).
    public static let limit = 1000

    /// The path for `environment`; nil when neither XDG_STATE_HOME nor HOME is set.
    public static func path(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/gradbook/history"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/gradbook/history"
    }

    /// The path with its folder created; nil when it cannot be (history is then not kept).
    public static func prepared(environment: [String: String]) -> String? {
        guard let path = path(environment: environment) else { return nil }
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            return nil
        }
        return path
    }

    /// True when `line` belongs in the history after `previous`: not blank, not the same line again.
    public static func keeps(_ line: String, after previous: String?) -> Bool {
        let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
        return !text.isEmpty && text != previous?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `lines` without blank lines and repeats of the line before, the newest `limit` of them.
    public static func cleaned(_ lines: [String]) -> [String] {
        var kept: [String] = []
        for line in lines where keeps(line, after: kept.last) {
            kept.append(line.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return Array(kept.suffix(limit))
    }

    /// The entries of the file at `path`, cleaned; empty when it cannot be read.
    public static func load(path: String) -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return cleaned(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    /// Writes `lines`, cleaned, to `path`; false when it cannot be written.
    @discardableResult public static func save(_ lines: [String], path: String) -> Bool {
        let kept = cleaned(lines)
        let text = kept.isEmpty ? "" : kept.joined(separator: "\n") + "\n"
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return true
        } catch {
            return false
        }
    }
}
