import Canvas

extension RenderOptions {
    /// The options for `gradbook run`'s output: colour only when stdout is a terminal and
    /// `NO_COLOR` is not set; ASCII glyphs when the locale is not UTF-8 or `--ascii` was given.
    public static func forTerminal(isTTY: Bool, noColor: Bool, utf8: Bool, forceASCII: Bool) -> RenderOptions {
        RenderOptions(glyphs: utf8 && !forceASCII ? .unicode : .ascii, color: isTTY && !noColor)
    }
}

/// Whether the locale in `environment` uses UTF-8: the first of `LC_ALL`, `LC_CTYPE`
/// and `LANG` that is set and non-empty decides, by containing `UTF-8` or `utf8`
/// (any case), as `C.UTF-8` and `en_US.utf8` do. Unset, `C` and `POSIX` are not UTF-8.
public func localeIsUTF8(environment: [String: String]) -> Bool {
    for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
        guard let value = environment[name], !value.isEmpty else { continue }
        let lowered = value.lowercased()
        return lowered.contains("utf-8") || lowered.contains("utf8")
    }
    return false
}

/// Whether `NO_COLOR` asks for no colour: set to a non-empty value (see no-color.org).
public func noColorRequested(environment: [String: String]) -> Bool {
    environment["NO_COLOR"].map { !$0.isEmpty } ?? false
}
