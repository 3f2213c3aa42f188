extension Interpreter {
    /// Replaces the session with a fresh one: data sets, models, settings, the log and the transcript go;
    /// the live panel forgets their training and the watched heat map. Nothing is logged for `save session`
    /// (its lines start after the restart).
    func restart() {
        for name in session.models.keys {
            monitor.forget(model: name)
        }
        watched.publish(nil)
        watched.publish(boundary: nil)
        session = Session()
        replayedAs = []
    }
}
