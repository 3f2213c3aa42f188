struct KerasScript {
    let plan: ExportPlan
    init(plan: ExportPlan) throws { self.plan = plan }
    var text: String { "" }
}
