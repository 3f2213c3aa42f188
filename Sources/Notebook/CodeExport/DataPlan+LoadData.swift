// What the Keras and the PyTorch data code share: the readers, then `load_data()` returning each split as
// (x, y), with `_load_splits()` behind it when the examples are their own targets; and `read_idx`, whose
// text differs between the frameworks only in how the bytes become an array.

extension DataPlan {
    /// The reader functions `helpers`, then `load_data()` running `body` (Python returning
    /// {"train"|"validation"|"test": (x, y) or None}).
    func loadDataFunction(helpers: [String], body: String) -> String {
        var out = PythonLines()
        for helper in helpers {
            out.add(text: helper)
            out.add()
            out.add()
        }
        out.block("def load_data():") { f in
            f.add("\"\"\"\(PythonValue.quoted(summary).dropFirst().dropLast()): each split as (x, y).\"\"\"")
            if targetIsInput {
                f.add("data = _load_splits()")
                f.add("return {name: None if s is None else (s[0], None) for name, s in data.items()}   # every example is its own target")
            } else {
                f.add(text: body)
            }
        }
        if targetIsInput {
            out.add()
            out.add()
            out.block("def _load_splits():") { $0.add(text: body) }
        }
        return out.text
    }

    /// `read_idx(folder, prefix, kind, limit)` for one framework: `decode` is the expression turning the
    /// bytes read into a flat uint8 array, `addChannel` the one giving `values` its trailing channel axis.
    static func readIDX(decode: String, addChannel: String) -> String {
        #"""
def read_idx(folder, prefix, kind, limit):
    """The first `limit` items of an MNIST-style IDX file (raw or .gz, the names Gradbook accepts) as uint8;
    images as (N, H, W, C)."""
    rank = 3 if kind == "images" else 1
    names = [f"{prefix}-{kind}-idx{rank}-ubyte.gz", f"{prefix}-{kind}-idx{rank}-ubyte",
             f"{prefix}-{kind}.idx{rank}-ubyte.gz", f"{prefix}-{kind}.idx{rank}-ubyte"]
    found = [os.path.join(folder, name) for name in names if os.path.isfile(os.path.join(folder, name))]
    if not found:
        sys.exit(f"no {names[0]} in {folder}: install Debian's dataset-fashion-mnist, or set GRADBOOK_FASHION_MNIST to a folder of IDX files")
    with (gzip.open if found[0].endswith(".gz") else open)(found[0], "rb") as f:
        head = f.read(4)
        dims = struct.unpack(f">{head[3]}I", f.read(4 * head[3]))
        count = min(dims[0], limit)
        values = \#(decode)
    values = values.reshape((count,) + tuple(dims[1:]))
    return \#(addChannel) if kind == "images" and len(dims) == 3 else values
"""#
    }
}
