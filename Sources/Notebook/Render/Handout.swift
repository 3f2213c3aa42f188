import Canvas
import Foundation

/// The transcript of a session as a file to hand out (`save transcript FILE.md|FILE.html|FILE.ipynb`):
/// the comments as prose, in order, each before the command it precedes, and every command with its
/// output. Markdown keeps the output as text at 80 columns without colour; HTML as coloured text with
/// the charts, images and heat maps as inline PNG pictures; a Jupyter notebook as code cells whose
/// outputs are text and PNG pictures, the comments as markdown cells.
struct Handout {
    /// The file formats, by the file's extension.
    enum Format: Equatable {
        case markdown, html, notebook

        /// The format a path's extension names (case aside), nil for any other.
        init?(path: String) {
            let name = path.lowercased()
            if name.hasSuffix(".md") {
                self = .markdown
            } else if name.hasSuffix(".html") {
                self = .html
            } else if name.hasSuffix(".ipynb") {
                self = .notebook
            } else {
                return nil
            }
        }
    }

    /// What a comment entry holds: paragraphs, or a section title a comment like `## Overfitting` gives.
    enum Prose: Equatable {
        case paragraph([String])
        case heading(String)
    }

    /// The transcript's entries, oldest first.
    let cells: [TranscriptCell]
    let title = "Gradbook transcript"
    /// Width of text output.
    static let width = 80

    var commandCount: Int { cells.count(where: \.isCommand) }

    /// The line under the title: how many commands.
    var summary: String { "\(commandCount) command\(commandCount == 1 ? "" : "s"), as they ran." }

    /// The file's bytes in `format`.
    func data(_ format: Format) throws -> Data {
        switch format {
        case .markdown: Data(markdown().utf8)
        case .html: Data(html().utf8)
        case .notebook: try notebook()
        }
    }

    /// The prose of a comment entry: its lines without the `#` and the one blank after it, cut into
    /// paragraphs at blank lines and lone `#` lines; a line of `##` (or more) and a title is a heading.
    static func prose(_ comment: TranscriptCell) -> [Prose] {
        var parts: [Prose] = []
        var lines: [String] = []
        func endParagraph() {
            if !lines.isEmpty { parts.append(.paragraph(lines)) }
            lines = []
        }
        for raw in comment.source.split(separator: "\n", omittingEmptySubsequences: false) {
            var text = Substring(raw.trimmingCharacters(in: .whitespaces))
            if text.hasPrefix("#") { text = text.dropFirst() }
            if text.hasPrefix("#") {
                endParagraph()
                let heading = text.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                if !heading.isEmpty { parts.append(.heading(heading)) }
                continue
            }
            if text.hasPrefix(" ") { text = text.dropFirst() }
            if text.trimmingCharacters(in: .whitespaces).isEmpty {
                endParagraph()
            } else {
                lines.append(String(text))
            }
        }
        endParagraph()
        return parts
    }

    /// The output blocks of a command cut into runs: text blocks together, each picture on its own
    /// (a picture block whose picture cannot be drawn stays text).
    static func runs(_ blocks: [OutputBlock], pictures: BlockPicture) -> [(text: [OutputBlock], picture: PixelCanvas?)] {
        var runs: [(text: [OutputBlock], picture: PixelCanvas?)] = []
        for block in blocks {
            if BlockPicture.hasPicture(block), let canvas = pictures.canvas(block) {
                runs.append(([block], canvas))
            } else if let last = runs.last, last.picture == nil {
                runs[runs.count - 1].text.append(block)
            } else {
                runs.append(([block], nil))
            }
        }
        return runs
    }

    /// A picture as base64 PNG, nil when it cannot be encoded.
    static func base64PNG(_ canvas: PixelCanvas) -> String? {
        guard let bytes = try? BlockPicture.png(canvas) else { return nil }
        return Data(bytes).base64EncodedString()
    }
}
