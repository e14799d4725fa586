/// What a Tab press does to the line, decided from the typed word and the candidates.
///
/// Kept apart from libedit so the rules (shell-like: complete a sole match, extend to the
/// common prefix, else list) can be tested without a terminal.
enum CompletionAction: Equatable {
    /// Nothing matches: ring the bell.
    case beep
    /// Delete `deleteBackward` characters (Unicode scalars) before the cursor, then insert `insert`.
    case edit(deleteBackward: Int, insert: String)
    /// Several matches and nothing more to insert: show them.
    case list([String])
}

enum CompletionPlan {
    /// The word being completed: the text after the last space or tab.
    static func partialWord(of lineBeforeCursor: String) -> String {
        guard let cut = lineBeforeCursor.lastIndex(where: { $0 == " " || $0 == "\t" }) else {
            return lineBeforeCursor
        }
        return String(lineBeforeCursor[lineBeforeCursor.index(after: cut)...])
    }

    /// Decides the action for `partial` given the completer's full candidate words.
    ///
    /// Candidates need not start with `partial` exactly (option names match without prefix
    /// and in any case): then the typed word is replaced by the completion.
    static func action(partial: String, candidates: [String]) -> CompletionAction {
        var seen = Set<String>()
        let words = candidates.filter { !$0.isEmpty && seen.insert($0).inserted }
        guard let first = words.first else { return .beep }
        if words.count == 1 {
            return replacement(partial: partial, with: first + " ") ?? .beep
        }
        let common = commonPrefix(words)
        let longer = common.count > partial.count
        let recased = common.count == partial.count && common != partial
            && common.lowercased() == partial.lowercased()
        if longer || recased, let edit = replacement(partial: partial, with: common) {
            return edit
        }
        return .list(words)
    }

    /// Turns `partial` into `text`, deleting only what must change.
    private static func replacement(partial: String, with text: String) -> CompletionAction? {
        if text.hasPrefix(partial) {
            let rest = String(text.dropFirst(partial.count))
            return rest.isEmpty ? nil : .edit(deleteBackward: 0, insert: rest)
        }
        return .edit(deleteBackward: partial.unicodeScalars.count, insert: text)
    }

    /// The longest common prefix of `words`, compared character by character.
    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first.map(Array.init) else { return "" }
        for word in words.dropFirst() {
            var count = 0
            for (a, b) in zip(prefix, word) {
                guard a == b else { break }
                count += 1
            }
            prefix.removeLast(prefix.count - count)
        }
        return String(prefix)
    }

    /// Lays `words` out in columns, filled top to bottom like ls(1), to fit `width` columns.
    static func columns(_ words: [String], width: Int) -> [String] {
        guard !words.isEmpty else { return [] }
        let cell = (words.map(\.count).max() ?? 0) + 2
        let perRow = max(1, min(words.count, max(width, 1) / cell))
        let rows = (words.count + perRow - 1) / perRow
        var lines: [String] = []
        for row in 0..<rows {
            var line = ""
            for column in 0..<perRow {
                let index = column * rows + row
                guard index < words.count else { break }
                let word = words[index]
                let isLast = column == perRow - 1 || index + rows >= words.count
                line += isLast ? word : word + String(repeating: " ", count: cell - word.count)
            }
            lines.append(line)
        }
        return lines
    }
}
