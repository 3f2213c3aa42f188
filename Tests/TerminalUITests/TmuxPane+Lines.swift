extension TmuxPane {
    /// Types each line and waits until it ran: echoed as a cell and the notebook idle again.
    func enter(_ lines: [String]) throws {
        for line in lines {
            type(line)
            keys("Enter")
            try waitUntil("`\(line)` run") { screen in
                screen.contains { $0.hasSuffix("❯ " + line) } && AttentionWatchScreenTests.idle(screen)
            }
        }
    }
}
