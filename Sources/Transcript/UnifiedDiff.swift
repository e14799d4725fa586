/// Writes the unified diff of a replay: the transcript file against what the shell printed.
///
/// Line numbers on the `-` side are the transcript's own, so `@@ -14,3` points at line 14 of the
/// file. The `+` side numbers where the actual lines would land if pasted into the file. Each hunk
/// shows the command line `> cmd` as context when it is near; a hunk far down a long block names
/// the command after the `@@`, the way `diff -p` names a function.
struct UnifiedDiff {
    /// Lines of context kept around a change, as in `diff -u`.
    static let context = 3

    /// One printed line of a hunk.
    private struct Item {
        var mark: Character
        var text: String
        var oldLine: Int?
        var newLine: Int?
    }

    private var hunks: [String] = []
    /// Added lines minus removed lines so far, to number the `+` side.
    private var delta = 0

    /// Adds the hunks of one command block whose output did not match.
    mutating func add(entry: TranscriptEntry, ops: [DiffOp], actual: [String]) {
        let header = "> " + entry.command
        let commandItem = Item(mark: " ", text: header, oldLine: entry.commandLine, newLine: entry.commandLine + delta)
        var items = [commandItem]
        var lastOld = entry.commandLine
        for op in ops {
            switch op {
            case .same(let expected, _):
                let line = entry.expected[expected]
                items.append(Item(mark: " ", text: line.text, oldLine: line.line, newLine: line.line + delta))
                lastOld = line.line
            case .removed(let expected):
                let line = entry.expected[expected]
                items.append(Item(mark: "-", text: line.text, oldLine: line.line, newLine: nil))
                lastOld = line.line
                delta -= 1
            case .added(let index):
                items.append(Item(mark: "+", text: actual[index], oldLine: nil, newLine: lastOld + delta + 1))
                delta += 1
            }
        }
        let changed = items.indices.filter { items[$0].mark != " " }
        guard var first = changed.first else { return }
        var last = first
        for index in changed.dropFirst() {
            if index - last > 2 * Self.context {
                hunks.append(hunk(items, first: first, last: last, command: header))
                first = index
            }
            last = index
        }
        hunks.append(hunk(items, first: first, last: last, command: header))
    }

    /// The text of one hunk covering the changes items[first...last] and their context.
    private func hunk(_ items: [Item], first: Int, last: Int, command: String) -> String {
        let lower = max(0, first - Self.context)
        let upper = min(items.count - 1, last + Self.context)
        let shown = items[lower...upper]
        let old = shown.compactMap(\.oldLine)
        let new = shown.compactMap(\.newLine)
        // Every hunk holds context (at least the command line or 3 unchanged lines), so both
        // sides have a first line; the fallbacks only guard against an empty side.
        let oldStart = old.first ?? 0
        let newStart = new.first ?? oldStart
        var text = "@@ -\(range(oldStart, old.count)) +\(range(newStart, new.count)) @@"
        if lower > 0 { text += " " + command }
        text += "\n"
        for item in shown {
            text.append(item.mark)
            text += item.text + "\n"
        }
        return text
    }

    private func range(_ start: Int, _ count: Int) -> String {
        count == 1 ? "\(start)" : "\(start),\(count)"
    }

    /// The whole diff, or "" when no block was added.
    func text(file: String) -> String {
        if hunks.isEmpty { return "" }
        return "--- \(file)\n+++ actual\n" + hunks.joined()
    }
}
