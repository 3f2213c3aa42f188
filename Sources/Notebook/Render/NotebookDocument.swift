/// A Jupyter notebook in nbformat 4.5, as `save transcript FILE.ipynb` writes it: the top level has
/// `cells`, `metadata` (with `kernelspec` and `language_info`), `nbformat` 4 and `nbformat_minor` 5;
/// each cell an `id`, `cell_type`, `metadata` and `source`, a code cell also `execution_count` and
/// `outputs` (`stream` with `name` and `text`, `display_data` with `data` and `metadata`).
struct NotebookDocument: Encodable {
    var cells: [Cell]
    var metadata = Metadata()
    let nbformat = 4
    let nbformat_minor = 5

    struct Metadata: Encodable {
        var kernelspec = KernelSpec()
        var language_info = LanguageInfo()
    }

    /// Gradbook's language: there is no Jupyter kernel for it, so the notebook shows its outputs and does not run.
    struct KernelSpec: Encodable {
        var name = "gradbook"
        var display_name = "Gradbook"
        var language = "gradbook"
    }

    struct LanguageInfo: Encodable {
        var name = "gradbook"
        var file_extension = ".grad"
        var mimetype = "text/x-gradbook"
    }

    /// Always-empty metadata (`{}`).
    struct Empty: Encodable {}

    enum Cell: Encodable {
        case markdown(id: String, source: String)
        case code(id: String, executionCount: Int, source: String, outputs: [Output])

        private enum Keys: String, CodingKey {
            case id, cell_type, metadata, source, execution_count, outputs
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(Empty(), forKey: .metadata)
            switch self {
            case .markdown(let id, let source):
                try container.encode(id, forKey: .id)
                try container.encode("markdown", forKey: .cell_type)
                try container.encode(source, forKey: .source)
            case .code(let id, let count, let source, let outputs):
                try container.encode(id, forKey: .id)
                try container.encode("code", forKey: .cell_type)
                try container.encode(source, forKey: .source)
                try container.encode(count, forKey: .execution_count)
                try container.encode(outputs, forKey: .outputs)
            }
        }
    }

    enum Output: Encodable {
        /// Text written to `stdout` or `stderr`.
        case stream(name: String, text: String)
        /// A picture: PNG bytes in base64, with its text rendering for front ends without pictures.
        case picture(png: String, text: String)

        private enum Keys: String, CodingKey {
            case output_type, name, text, data, metadata
        }

        private enum MimeKeys: String, CodingKey {
            case png = "image/png"
            case plain = "text/plain"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            switch self {
            case .stream(let name, let text):
                try container.encode("stream", forKey: .output_type)
                try container.encode(name, forKey: .name)
                try container.encode(text, forKey: .text)
            case .picture(let png, let text):
                try container.encode("display_data", forKey: .output_type)
                var data = container.nestedContainer(keyedBy: MimeKeys.self, forKey: .data)
                try data.encode(png, forKey: .png)
                try data.encode(text, forKey: .plain)
                try container.encode(Empty(), forKey: .metadata)
            }
        }
    }
}
