import Shell

/// The REPL's second greeting line in the lab: which hosts there are and the three commands to start with.
enum LabBanner {
    static func text(_ lab: LabNetwork, korean: Bool) -> String {
        let hosts = lab.hostNames.joined(separator: ", ")
        return korean
            ? "랩: 호스트 \(hosts). 지금은 \(lab.currentHost)에 있습니다. `host b`로 옮기고, `lab`으로 살펴보고, "
                + "`link cut`으로 링크를 끊습니다."
            : "lab: hosts \(hosts); you are on \(lab.currentHost). `host b` moves, `lab` shows it all, "
                + "`link cut` silences the link."
    }
}
