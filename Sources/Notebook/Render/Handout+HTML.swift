import Canvas

// The HTML handout: one self-contained page (its style in the page, its pictures as data: URIs, no
// other file and no address): the prose as paragraphs, each command as code, its text output in
// colour as the terminal shows it, its charts, images and heat maps as PNG pictures.
extension Handout {
    func html() -> String {
        let renderer = BlockRenderer(options: .unicode, width: Self.width)
        let pictures = BlockPicture()
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(HTMLRenderer.escape(title))</title>
            <style>
            \(Self.style)
            </style>
            </head>
            <body>
            <h1>\(HTMLRenderer.escape(title))</h1>
            <p class="summary">\(HTMLRenderer.escape(summary))</p>

            """
        for cell in cells {
            guard cell.isCommand else {
                for part in Self.prose(cell) {
                    switch part {
                    case .paragraph(let lines): page += "<p>\(Self.inlineCode(lines.joined(separator: "\n")))</p>\n"
                    case .heading(let heading): page += "<h2>\(Self.inlineCode(heading))</h2>\n"
                    }
                }
                continue
            }
            page += "<section class=\"cell\">\n<pre class=\"command\"><code>&gt;&gt;&gt; \(HTMLRenderer.escape(cell.source))</code></pre>\n"
            for run in Self.runs(cell.blocks, pictures: pictures) {
                if let picture = run.picture, let png = Self.base64PNG(picture) {
                    let alt = run.text.first.map(Self.caption) ?? "picture"
                    page += "<figure><img alt=\"\(HTMLRenderer.escape(alt))\" width=\"\(picture.width)\" height=\"\(picture.height)\" "
                        + "src=\"data:image/png;base64,\(png)\"></figure>\n"
                } else {
                    let text = run.text.map { HTMLRenderer().render(renderer.grid(for: $0)) }.joined(separator: "\n")
                    page += "<pre class=\"output\">\(text)</pre>\n"
                }
            }
            page += "</section>\n"
        }
        return page + "</body>\n</html>\n"
    }

    /// The page's style: prose in a serif-free font, code and output in monospace on a light panel.
    static let style = """
        body { font-family: system-ui, sans-serif; max-width: 52em; margin: 2em auto; padding: 0 1em; color: #1a1a1a; background: #ffffff; line-height: 1.5; }
        pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85em; line-height: 1.2; overflow-x: auto; margin: 0; padding: 0.5em 0.75em; }
        pre.command { background: #eef2f7; border-left: 3px solid #1e50be; }
        pre.output { background: #f7f7f7; }
        section.cell { margin: 1em 0; }
        figure { margin: 0.5em 0; }
        figure img { max-width: 100%; height: auto; }
        code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
        p code { background: #eef2f7; padding: 0 0.2em; }
        .summary { color: #5a5a5a; }
        """

    /// Prose escaped, with `code` spans as code.
    static func inlineCode(_ text: String) -> String {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return HTMLRenderer.escape(text) }
        var html = ""
        for (index, part) in parts.enumerated() {
            let escaped = HTMLRenderer.escape(String(part))
            // Odd pieces sit between a pair of backticks; an unpaired last backtick stays as it is.
            if index % 2 == 1 {
                html += index == parts.count - 1 ? "`" + escaped : "<code>\(escaped)</code>"
            } else {
                html += escaped
            }
        }
        return html
    }

    /// Words for a picture (its title), for the alt text.
    static func caption(_ block: OutputBlock) -> String {
        switch block {
        case .chart(let chart): chart.title
        case .heatmap(let heatmap): heatmap.title ?? "heat map"
        case .images(let images): images.title ?? "pictures"
        case .overlay(let overlay): overlay.title ?? "heat over pictures"
        case .attention(let attention): attention.title ?? "attention weights"
        default: "picture"
        }
    }
}
