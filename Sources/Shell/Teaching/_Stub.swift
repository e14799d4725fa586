// TEMPORARY until OptionNotes.swift and HelpKo.swift land.
struct OptionNote: Sendable { var summary = "", cType = "", linuxDefault = "", effect = "", when = ""; var outcomes: [String] = [], quirks: [String] = [], tryIt: [String] = [] }
struct OptionNotes: Sendable { var related: [String]; var example: String?; var en: OptionNote; var ko: OptionNote }
enum OptionNotesCatalog { static let all: [String: OptionNotes] = [:] }
enum HelpKo { static let summaries: [String: String] = [:]; static let details: [String: String] = [:] }
