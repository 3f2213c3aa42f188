import Foundation

/// Where the input line's history is kept across runs: `$XDG_STATE_HOME/gradbook/history`, by
/// default `~/.local/state/gradbook/history`.
public enum HistoryFile {
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
}
