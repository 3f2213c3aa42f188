import NeuralNet

/// The one place a path argument is resolved: a leading `~` or `~/` becomes the home folder (`$HOME`),
/// the same for every command that takes a path (`load images`, `make-dataset`, `load idx`,
/// `load fashion-mnist dir=`, `save`/`load weights`, `save session`, `save transcript`, `export`, `run`,
/// `predict FILE`, `train checkpoint=`). `~user` and every other path are left as written. The binder
/// calls it for each `path` (and `index or path`) argument, so a command never sees an unexpanded `~`.
public enum PathResolver {
    /// `path` with a leading `~` or `~/` expanded (AtomicFile's expansion, which the writers share).
    public static func resolve(_ path: String) -> String {
        AtomicFile.expandingTilde(path)
    }
}
